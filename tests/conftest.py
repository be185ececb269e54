from __future__ import annotations

from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import write_tree


@pytest.fixture
def example_repo(tmp_path: Path) -> Path:
    """The small valid repository that the rules' examples are written against."""
    return write_tree(tmp_path / "repo", EXAMPLE_REPO)
