"""An edit on every shipped unit file changes only the lines it must (docs/edit.md).

For each unit of the shipped data, on a copy of the repository: `cchc adopt` appends an
event to its first adoption record (or, for a unit without one, creates a record), and
the file afterwards differs from before by added lines only (an empty `adoptions: []`
becomes a block list); every other file is untouched.
"""

from __future__ import annotations

import difflib
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO_ROOT, run_cli

UNIT_FILES = sorted((REPO_ROOT / "data" / "units").glob("*.yaml"))


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(REPO_ROOT / "data", root / "data")
    return root


def _edit_args(unit: dict, models: list[str]) -> list[str]:  # type: ignore[type-arg]
    if unit.get("adoptions"):
        record = unit["adoptions"][0]
        last = record["history"][-1]["date"]
        status = "effective" if record["history"][-1]["status"] != "effective" else "suspended"
        note = ["--note", "Tạm dừng để rà soát"] if status == "suspended" else []
        return [
            unit["id"],
            record["model"],
            "--status",
            status,
            "--date",
            (last + timedelta(days=1)).isoformat(),
            *note,
        ]
    taken = {a["model"] for a in unit.get("adoptions") or []}
    model = next(m for m in models if m not in taken)
    day = max(unit.get("valid_from") or date(2024, 1, 1), date(2024, 1, 1))
    if unit.get("valid_to") and unit["valid_to"] < day:
        day = unit["valid_to"]
    return [unit["id"], model, "--status", "planned", "--date", day.isoformat()]


@pytest.mark.parametrize("path", UNIT_FILES, ids=lambda p: p.stem)
def test_adopt_on_a_shipped_unit_only_adds_lines(
    capsys: pytest.CaptureFixture[str], copy: Path, path: Path
) -> None:
    target = copy / "data" / "units" / path.name
    before = target.read_text(encoding="utf-8")
    others = {p: p.read_bytes() for p in (copy / "data").rglob("*.yaml") if p != target}
    unit = yaml.safe_load(before)
    models = sorted(p.stem for p in (copy / "data" / "models").glob("*.yaml"))
    run = run_cli(
        capsys, "adopt", *_edit_args(unit, models), "--root", copy, "--today", "2026-11-21"
    )
    assert run.code == 0, run.err
    after = target.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line[:2] in ("- ", "+ ")
    ]
    removed = [line for line in diff if line.startswith("- ")]
    # an empty `adoptions: []` must become a block list; nothing else may change
    assert removed in ([], ["- adoptions: []"]), "\n".join(diff)
    assert 1 <= len(diff) - len(removed) <= 6, "\n".join(diff)
    assert all(p.read_bytes() == data for p, data in others.items())
    target.write_text(before, encoding="utf-8")  # leave the copy as shipped for the next unit


def test_shipped_data_is_in_canonical_form(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "fmt", "--check", "--root", REPO_ROOT)
    assert run.code == 0, run.out + run.err
