"""The exported JSON Schema: shipped copies are current, and an independent validator
(jsonschema) agrees with `cchc validate` on good and bad files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from cchc.check.rules import EXAMPLE_REPO
from cchc.commands.schema import KINDS, render
from tests.helpers import REPO_ROOT, run_cli, write_tree

KIND_OF = {"units": "unit", "models": "model", "documents": "document"}


def _load(path: Path) -> Any:
    """YAML as check-jsonschema reads it: dates stay strings (JSON has no dates)."""

    def stringify(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): stringify(v) for k, v in value.items()}
        if isinstance(value, list):
            return [stringify(v) for v in value]
        return value

    return stringify(yaml.safe_load(path.read_text(encoding="utf-8")))


def _kind(rel: str) -> str:
    return "indicators" if rel.endswith("indicators.yaml") else KIND_OF[rel.split("/")[1]]


def _schema_errors(root: Path, rel: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(
        json.loads(render(_kind(rel))), format_checker=jsonschema.FormatChecker()
    )
    return [e.message for e in validator.iter_errors(_load(root / rel))]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_shipped_schema_files_are_current(kind: str) -> None:
    shipped = REPO_ROOT / "schemas" / f"{kind}.schema.json"
    assert shipped.read_text(encoding="utf-8") == render(kind), (
        "run: python scripts/gen_docs.py (refreshes schemas/ and docs/)"
    )


def test_schema_command_prints_valid_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "schema", "unit")
    assert run.code == 0
    schema = run.json()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "Đơn vị"
    assert schema["additionalProperties"] is False


def test_schema_command_rejects_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "schema", "units")
    assert run.code == 2
    assert "không có loại tệp" in run.err


def test_shipped_data_is_valid_under_the_schema() -> None:
    files = sorted((REPO_ROOT / "data").glob("*/*.yaml"))
    if (REPO_ROOT / "data/indicators.yaml").exists():
        files.append(REPO_ROOT / "data/indicators.yaml")
    assert files
    for path in files:
        rel = path.relative_to(REPO_ROOT).as_posix()
        assert _schema_errors(REPO_ROOT, rel) == [], rel


SCHEMA_LEVEL_BAD = {
    "unknown key": ("data/units/xa-b.yaml", "adress: Thôn 1\n"),
    "wrong enum": ("data/units/xa-b.yaml", None),
    "missing field": ("data/models/mot-cua-than-thien.yaml", None),
    "bad id": ("data/units/xa-b.yaml", None),
    "string for list": ("data/units/xa-b.yaml", "successors: tinh-a\n"),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_LEVEL_BAD))
def test_schema_and_cchc_agree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    rel, extra = SCHEMA_LEVEL_BAD[case]
    text = EXAMPLE_REPO[rel]
    if extra is not None:
        text = text.replace("adoptions:", extra + "adoptions:")
    elif case == "wrong enum":
        text = text.replace("level: commune", "level: ward")
    elif case == "missing field":
        text = text.replace("kind: model\n", "")
    elif case == "bad id":
        text = text.replace("parent: tinh-a", "parent: Tinh A")
    root = write_tree(tmp_path, {**EXAMPLE_REPO, rel: text})
    assert _schema_errors(root, rel), "jsonschema accepted a bad file"
    run = run_cli(
        capsys,
        "validate",
        "--root",
        root,
        "--format",
        "json",
        "--no-cache",
        "--today",
        "2024-10-01",
    )
    assert run.code == 1
    assert any(f["path"] == rel and f["code"].startswith("S") for f in run.json()["findings"])
    good = write_tree(tmp_path / "good", EXAMPLE_REPO)
    assert _schema_errors(good, rel) == []
