"""FORMAT.md 1.1 additions to the files: several origins, rate-only results, successors'
dates, and the validate warnings about directives after the 2025 reorganisation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import run_cli, write_tree

MODEL = "data/models/mot-cua-than-thien.yaml"
XA_B = "data/units/xa-b.yaml"


def _validate(capsys: pytest.CaptureFixture[str], root: Path, today: str) -> list[dict[str, Any]]:
    run = run_cli(
        capsys, "validate", "--root", root, "--format", "json", "--no-cache", "--today", today
    )
    assert run.code in (0, 1), run.err
    findings: list[dict[str, Any]] = run.json()["findings"]
    return findings


def _with_origin(origin: str) -> dict[str, str]:
    text = EXAMPLE_REPO[MODEL].replace("origin: xa-b\n", origin)
    return {**EXAMPLE_REPO, MODEL: text}


def test_origin_may_be_a_list_of_units(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = write_tree(tmp_path, _with_origin("origin: [xa-b, so-noi-vu-a]\n"))
    assert _validate(capsys, root, "2024-10-01") == []
    run = run_cli(capsys, "list", "models", "--root", root, "--origin", "so-noi-vu-a", "-f", "json")
    assert run.code == 0, run.err
    assert [m["id"] for m in run.json()] == ["mot-cua-than-thien"]


def test_origin_as_a_block_list_is_valid_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = write_tree(tmp_path, _with_origin("origin:\n  - xa-b\n  - so-noi-vu-a\n"))
    assert _validate(capsys, root, "2024-10-01") == []


def test_every_origin_in_the_list_must_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = write_tree(tmp_path, _with_origin("origin:\n  - xa-b\n  - xa-khong-co\n"))
    findings = _validate(capsys, root, "2024-10-01")
    assert [(f["code"], f["path"], f["line"]) for f in findings] == [("R001", MODEL, 7)]
    assert '"xa-khong-co"' in findings[0]["message"]


@pytest.mark.parametrize(
    ("origin", "code"),
    [("origin: []\n", "S011"), ("origin: [xa-b, xa-b]\n", "S013"), ("origin: 12\n", "S013")],
)
def test_bad_origin_lists_are_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, origin: str, code: str
) -> None:
    root = write_tree(tmp_path, _with_origin(origin))
    findings = _validate(capsys, root, "2024-10-01")
    assert code in [f["code"] for f in findings]
    assert all(f["severity"] == "error" for f in findings if f["code"] == code)


def test_schema_accepts_one_origin_or_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "schema", "model")
    assert run.code == 0
    origin = run.json()["properties"]["origin"]
    assert sorted(option["type"] for option in origin["anyOf"]) == ["array", "string"]
    assert "origin" in run.json()["required"]


def test_a_rate_may_be_given_as_a_percent_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ratio = "        numerator: 744\n        denominator: 747\n"
    good = EXAMPLE_REPO[XA_B].replace(ratio, "        value: 99.3\n")
    root = write_tree(tmp_path / "good", {**EXAMPLE_REPO, XA_B: good})
    assert _validate(capsys, root, "2024-10-01") == []
    for value in ("100.5", "-1"):
        bad = EXAMPLE_REPO[XA_B].replace(ratio, f"        value: {value}\n")
        root = write_tree(tmp_path / value, {**EXAMPLE_REPO, XA_B: bad})
        findings = _validate(capsys, root, "2024-10-01")
        assert [(f["code"], f["severity"], f["line"]) for f in findings] == [("S029", "error", 15)]


def test_a_count_indicator_value_is_not_a_percent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    indicators = EXAMPLE_REPO["data/indicators.yaml"] + (
        "- id: so-ho-so\n  name: Số hồ sơ\n  unit: count\n"
    )
    unit = EXAMPLE_REPO[XA_B].replace(
        "        denominator: 747\n",
        "        denominator: 747\n      - {indicator: so-ho-so, to: 2024-09-15, value: 2454}\n",
    )
    root = write_tree(tmp_path, {**EXAMPLE_REPO, "data/indicators.yaml": indicators, XA_B: unit})
    assert _validate(capsys, root, "2024-10-01") == []


def _reorganised(doc_valid_to: str = "") -> dict[str, str]:
    """Province A merged into province E on 2025-07-01; its commune B ended on the same day.
    The công văn of province A (2024) has no valid_to unless given."""
    tinh_e = (
        "id: tinh-e\nname: Ủy ban nhân dân tỉnh E\nkind: people-committee\nlevel: province\n"
        "abbreviation: UBND\nlocality: E\nvalid_from: 2025-07-01\n"
    )
    files = dict(EXAMPLE_REPO)
    files["data/units/tinh-e.yaml"] = tinh_e
    files["data/units/tinh-a.yaml"] += "valid_to: 2025-06-30\nsuccessors: [tinh-e]\n"
    files["data/units/so-noi-vu-a.yaml"] += "valid_to: 2025-06-30\n"
    files[XA_B] += "valid_to: 2025-06-30\n"
    doc = files["data/documents/cv-nhan-rong.yaml"]
    files["data/documents/cv-nhan-rong.yaml"] = doc.replace(
        "deadline: 2024-06-30\n", f"deadline: 2024-06-30\n{doc_valid_to}"
    )
    return files


def test_merged_province_directive_warns_issuer_ended_and_targets_gone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = write_tree(tmp_path, _reorganised())
    findings = _validate(capsys, root, "2025-10-01")
    doc = "data/documents/cv-nhan-rong.yaml"
    assert sorted((f["code"], f["path"]) for f in findings) == [("L018", doc), ("L020", doc)]
    assert all(f["severity"] == "warning" for f in findings)
    # before the merger neither applies
    codes = [f["code"] for f in _validate(capsys, root, "2025-06-30")]
    assert "L018" not in codes
    assert "L020" not in codes


def test_a_directive_that_ended_raises_neither_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = write_tree(tmp_path, _reorganised("valid_to: 2025-06-30\n"))
    assert _validate(capsys, root, "2025-10-01") == []


def test_successors_keep_the_directive_targeted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = _reorganised()
    files[XA_B] += "successors: [xa-moi]\n"
    files["data/units/xa-moi.yaml"] = (
        "id: xa-moi\nname: Ủy ban nhân dân xã Mới\nkind: people-committee\nlevel: commune\n"
        "parent: tinh-e\nvalid_from: 2025-07-01\n"
    )
    root = write_tree(tmp_path, files)
    codes = [f["code"] for f in _validate(capsys, root, "2025-10-01")]
    assert codes == ["L020"]
    # a successor formed a month late leaves a gap
    files["data/units/xa-moi.yaml"] = files["data/units/xa-moi.yaml"].replace(
        "2025-07-01", "2025-08-01"
    )
    root = write_tree(tmp_path / "gap", files)
    findings = _validate(capsys, root, "2025-10-01")
    gap = [f for f in findings if f["code"] == "L017"]
    assert [(f["path"], f["severity"]) for f in gap] == [(XA_B, "warning")]
    assert "2025-07-01" in gap[0]["message"]


def test_a_district_unit_still_targeted_after_the_reform(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """L001 flags the district unit itself; L019 the directive that still targets it."""
    files = dict(EXAMPLE_REPO)
    files["data/units/huyen-c.yaml"] = (
        "id: huyen-c\nname: Ủy ban nhân dân huyện C\nkind: people-committee\n"
        "level: district\nparent: tinh-a\n"
    )
    doc = files["data/documents/cv-nhan-rong.yaml"]
    files["data/documents/cv-nhan-rong.yaml"] = doc.replace(
        "level: commune}", "level: [district, commune]}"
    )
    root = write_tree(tmp_path, files)
    findings = [f for f in _validate(capsys, root, "2025-07-01") if f["code"] in ("L001", "L019")]
    assert sorted((f["code"], f["path"]) for f in findings) == [
        ("L001", "data/units/huyen-c.yaml"),
        ("L019", "data/documents/cv-nhan-rong.yaml"),
    ]
    assert "huyen-c" in findings[-1]["message"] or "huyen-c" in findings[0]["message"]
    # on the last day of three-tier government the district is a proper target
    assert "L019" not in [f["code"] for f in _validate(capsys, root, "2025-06-30")]
