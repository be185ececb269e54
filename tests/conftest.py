from __future__ import annotations

from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import write_tree


@pytest.fixture
def example_repo(tmp_path: Path) -> Path:
    """The small valid repository that the rules' examples are written against."""
    return write_tree(tmp_path / "repo", EXAMPLE_REPO)


@pytest.fixture(autouse=True)
def _form_key_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forms are signed with a per-user key (cchc.load.formkey): tests keep theirs in a
    folder of the test run, never in the real ~/.config (also for subprocesses)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "config"))
