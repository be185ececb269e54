"""Golden files: the Markdown and HTML of the shipped seed documents.

Regenerate after an intended change with `CCHC_UPDATE_GOLDEN=1 pytest tests/render`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cchc.commands.render import report_tables
from cchc.pipeline import load_repository
from cchc.present.document import render
from tests.helpers import REPO_ROOT

GOLDEN = Path(__file__).parent / "golden"
DOCUMENTS = ["brvt-2023-nhan-rong-mo-hinh", "hong-ngu-2024-mo-hinh-cchc"]


@pytest.fixture(scope="module")
def repo():  # type: ignore[no-untyped-def]
    return load_repository(REPO_ROOT)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("document_id", DOCUMENTS)
def test_golden(repo, document_id: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    if document_id not in repo.documents:
        pytest.skip(f"{document_id} is not in the shipped data")
    document = repo.document(document_id)
    text = render(repo, document, fmt, report_tables(repo, document))
    assert isinstance(text, str)
    path = GOLDEN / f"{document_id}.{fmt}"
    if os.environ.get("CCHC_UPDATE_GOLDEN") or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not os.environ.get("CCHC_UPDATE_GOLDEN"):
            pytest.fail(f"golden file {path.name} was missing and has been written; check it in")
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if the change is intended, run CCHC_UPDATE_GOLDEN=1 pytest"
    )
