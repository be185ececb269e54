"""Queries on the shipped data."""

from __future__ import annotations

import pytest

from tests.helpers import REPO_ROOT, run_cli


def test_matrix_shows_by_default_only_models_the_units_have_records_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(
        capsys,
        "matrix",
        "--within",
        "huyen-long-dien",
        "--as-of",
        "2024-09-14",
        "--format",
        "json",
        "--root",
        REPO_ROOT,
    )
    assert run.code == 0, run.err
    grid = run.json()
    assert [m["id"] for m in grid["models"]] == ["hai-dat"]
    an_ngai = next(u for u in grid["units"] if u["id"] == "xa-an-ngai")
    assert an_ngai["cells"] == {"hai-dat": "implementing"} and an_ngai["total"] == 1


def test_search_score_is_printed_the_vietnamese_way(capsys: pytest.CaptureFixture[str]) -> None:
    table = run_cli(capsys, "search", "khong gian", "--ids", "--root", REPO_ROOT)
    assert "khong-gian-hanh-chinh-phuc-vu" in table.out
    assert ".0 " not in table.out
    data = run_cli(capsys, "search", "khong gian", "--format", "json", "--root", REPO_ROOT)
    assert isinstance(data.json()[0]["score"], float)
