"""`cchc result` and `cchc validate` give the same verdict on a result's indicator
(FORMAT.md: a result naming an indicator not listed in data/indicators.yaml is a warning,
R005), in the same words (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import run_cli, write_tree

INDICATORS = "data/indicators.yaml"
TODAY = ("--today", "2024-10-01")
MESSAGE = 'chỉ tiêu "{}" chưa có trong data/indicators.yaml'


@pytest.mark.parametrize(
    ("indicator", "drop_file", "toml", "warned"),
    [
        ("ty-le-ho-so-dung-han", False, None, False),
        ("so-nguoi-dung", False, None, True),
        ("so-nguoi-dung", True, None, True),
        ("so-nguoi-dung", True, '[validate]\ndisable = ["unknown-indicator"]\n', False),
    ],
    ids=["listed", "unlisted", "no-indicators-file", "rule-disabled"],
)
def test_result_and_validate_agree(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    indicator: str,
    drop_file: bool,
    toml: str | None,
    warned: bool,
) -> None:
    files = dict(EXAMPLE_REPO)
    if drop_file:
        del files[INDICATORS]
        # without the file the example's own result would be the warning: start with none
        unit = files["data/units/xa-b.yaml"]
        files["data/units/xa-b.yaml"] = unit[: unit.index("    results:\n")]
    if toml is not None:
        files["cchc.toml"] = toml
    repo = write_tree(tmp_path / "repo", files)
    before = run_cli(capsys, "validate", "--root", repo, "--no-cache", "-f", "json", *TODAY)
    assert before.json()["findings"] == []
    run = run_cli(
        capsys,
        "result",
        "xa-b",
        "mot-cua-than-thien",
        "-i",
        indicator,
        "--to",
        "2024-09-30",
        "--value",
        "12",
        "--root",
        repo,
        *TODAY,
    )
    assert run.code == 0, run.err
    checked = run_cli(capsys, "validate", "--root", repo, "--no-cache", "-f", "json", *TODAY)
    findings = checked.json()["findings"]
    assert [f["code"] for f in findings] == (["R005"] if warned else [])
    assert ("R005" in run.out) == warned
    assert ("chưa có trong data/indicators.yaml" in run.out) == warned
    if warned:
        assert findings[0]["message"] == MESSAGE.format(indicator)
        assert MESSAGE.format(indicator) in run.out
        assert findings[0]["hint"] in run.out
        assert "unknown-indicator" not in run.out  # an officer's screen: no English code
