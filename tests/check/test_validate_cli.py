"""`cchc validate` through the real entry point: formats, exit codes, paths, settings,
disable comments and the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from tests.helpers import run_cli, run_subprocess, write_tree

XA_B = "data/units/xa-b.yaml"
BAD_LEVEL = EXAMPLE_REPO[XA_B].replace("level: commune", "level: comune")
TODAY = ("--today", "2024-10-01")


def _json(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> dict:  # type: ignore[type-arg]
    run = run_cli(capsys, "validate", "--root", root, "--format", "json", *TODAY, *args)
    assert run.code in (0, 1), run.err
    return run.json()  # type: ignore[no-any-return]


def test_text_output_shows_the_line_and_a_hint(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    run = run_cli(capsys, "validate", "--root", example_repo, *TODAY)
    assert run.code == 1
    assert "data/units/xa-b.yaml:4:8: S013" in run.out
    assert "level: comune" in run.out
    assert 'gợi ý: có phải ý bạn là "commune"?' in run.out
    assert "1 lỗi, 0 cảnh báo trong 6 tệp" in run.out


def test_github_annotations(capsys: pytest.CaptureFixture[str], example_repo: Path) -> None:
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    run = run_cli(capsys, "validate", "--root", example_repo, "--format", "github", *TODAY)
    assert run.code == 1
    line = run.out.splitlines()[0]
    assert line.startswith(
        "::error file=data/units/xa-b.yaml,line=4,col=8,title=S013 invalid-value::"
    )


def test_sarif_is_well_formed(capsys: pytest.CaptureFixture[str], example_repo: Path) -> None:
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    run = run_cli(capsys, "validate", "--root", example_repo, "--format", "sarif", *TODAY)
    sarif = run.json()
    assert sarif["version"] == "2.1.0"
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "S013"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (4, 8)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "S013"


def test_fail_on_warning(capsys: pytest.CaptureFixture[str], example_repo: Path) -> None:
    model = EXAMPLE_REPO["data/models/mot-cua-than-thien.yaml"]
    write_tree(
        example_repo,
        {
            "data/models/mot-cua-than-thien.yaml": model.replace(
                "title: Một cửa thân thiện", "title: “Một cửa thân thiện”"
            )
        },
    )
    assert run_cli(capsys, "validate", "--root", example_repo, *TODAY).code == 0
    run = run_cli(capsys, "validate", "--root", example_repo, "--fail-on", "warning", *TODAY)
    assert run.code == 1


def test_paths_limit_the_report_but_references_use_the_whole_repository(
    capsys: pytest.CaptureFixture[str], example_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    monkeypatch.chdir(example_repo)
    other = _json(capsys, example_repo, "data/models/")
    assert other["findings"] == []
    mine = _json(capsys, example_repo, XA_B)
    assert [f["code"] for f in mine["findings"]] == ["S013"]


def test_settings_and_disable_comments(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    model = EXAMPLE_REPO["data/models/mot-cua-than-thien.yaml"].replace(
        "title: Một cửa thân thiện", "title: “Một cửa thân thiện”  # cchc: disable=L003"
    )
    write_tree(example_repo, {"data/models/mot-cua-than-thien.yaml": model})
    assert _json(capsys, example_repo)["findings"] == []
    write_tree(
        example_repo,
        {
            "data/models/mot-cua-than-thien.yaml": model.replace("  # cchc: disable=L003", ""),
            "cchc.toml": '[validate]\ndisable = ["quoted-title"]\n',
        },
    )
    assert _json(capsys, example_repo)["findings"] == []
    write_tree(example_repo, {"cchc.toml": '[validate]\ndisable = ["L999"]\n'})
    run = run_cli(capsys, "validate", "--root", example_repo, *TODAY)
    assert run.code == 2
    assert 'không có luật "L999"' in run.err


def test_cache_gives_the_same_answer_and_sees_every_change(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    cold = _json(capsys, example_repo)
    assert (example_repo / ".cchc_cache/.gitignore").read_text() == "*\n"
    warm = _json(capsys, example_repo)
    assert warm == cold
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    assert [f["code"] for f in _json(capsys, example_repo)["findings"]] == ["S013"]
    write_tree(example_repo, {XA_B: EXAMPLE_REPO[XA_B]})
    assert _json(capsys, example_repo)["findings"] == []
    # a date-dependent rule follows --today although no file changed
    stale = _json(capsys, example_repo, "--today", "2025-06-20")
    assert [f["code"] for f in stale["findings"]] == ["L006"]
    # a new file referring to nothing known is checked against the cached others
    write_tree(
        example_repo,
        {
            "data/units/xa-c.yaml": "id: xa-c\nname: Xã C\n"
            "kind: people-committee\nlevel: commune\nparent: tinh-x\n"
        },
    )
    assert [f["code"] for f in _json(capsys, example_repo)["findings"]] == ["R001"]


def test_corrupt_cache_is_ignored(capsys: pytest.CaptureFixture[str], example_repo: Path) -> None:
    _json(capsys, example_repo)
    for path in (example_repo / ".cchc_cache").glob("*.json"):
        path.write_bytes(b"not a pickle")
    assert _json(capsys, example_repo)["findings"] == []


def test_entry_point_in_a_fresh_process(example_repo: Path) -> None:
    run = run_subprocess("validate", "--format", "json", *TODAY, cwd=example_repo / "data/units")
    assert run.code == 0, run.err
    assert json.loads(run.out)["summary"]["files"] == 6
    version = run_subprocess("--version")
    assert version.code == 0 and version.out.startswith("cchc ")
    assert "Cách dùng" in run_subprocess("validate", "--help").out


def test_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "rules", "--format", "json")
    assert {"code": "L003", "name": "quoted-title", "severity": "warning"}.items() <= next(
        r for r in run.json() if r["code"] == "L003"
    ).items()
    explained = run_cli(capsys, "rules", "quoted-title")
    assert "### L003 `quoted-title`" in explained.out and "Đúng" in explained.out
    assert run_cli(capsys, "rules", "X999").code == 2


def test_output_file_is_written_whole_or_not_at_all(
    capsys: pytest.CaptureFixture[str], example_repo: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ket-qua.json"
    target.write_text("old", encoding="utf-8")
    run = run_cli(
        capsys, "validate", "--root", example_repo, "--format", "json", *TODAY, "-o", target
    )
    assert run.code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["findings"] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ket-qua.json", "repo"]  # no .tmp
    missing = run_cli(
        capsys, "validate", "--root", example_repo, *TODAY, "-o", tmp_path / "khong-co" / "x.txt"
    )
    assert missing.code == 2 and "không ghi được tệp" in missing.err


def test_broken_settings_file_is_located(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    write_tree(example_repo, {"cchc.toml": '[validate]\ndisable = ["L006"\n'})
    run = run_cli(capsys, "validate", "--root", example_repo, *TODAY)
    assert run.code == 2
    assert run.err.startswith("lỗi: cchc.toml:3:1: lỗi cú pháp TOML")


def test_schema_error_does_not_hide_reference_errors(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    """Issue 12: a unit file with a schema error and a reference to an unknown model gets
    both findings in one run, each with file:line:col."""
    broken = BAD_LEVEL.replace("model: mot-cua-than-thien", "model: mot-cua-than-thien-x")
    write_tree(example_repo, {XA_B: broken})
    run = run_cli(capsys, "validate", "--root", example_repo, "--no-cache", *TODAY)
    assert run.code == 1
    assert "data/units/xa-b.yaml:4:8: S013" in run.out
    assert "data/units/xa-b.yaml:7:12: R002" in run.out, run.out
    assert 'không có mô hình "mot-cua-than-thien-x"' in run.out


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "data/models/mot-cua-than-thien.yaml",
            EXAMPLE_REPO["data/models/mot-cua-than-thien.yaml"]
            .replace("kind: model", "kind: modle")
            .replace("origin: xa-b", "origin: xa-khong-co"),
            ("data/models/mot-cua-than-thien.yaml:3:7: S013", ":5:9: R001"),
        ),
        (
            "data/documents/cv-nhan-rong.yaml",
            EXAMPLE_REPO["data/documents/cv-nhan-rong.yaml"]
            .replace("type: cong-van", "type: cong-vn")
            .replace("models: [mot-cua-than-thien]", "models: [mo-hinh-khong-co]"),
            ("data/documents/cv-nhan-rong.yaml:2:7: S013", "R002"),
        ),
    ],
    ids=["model", "document"],
)
def test_schema_error_and_references_in_other_kinds(
    capsys: pytest.CaptureFixture[str],
    example_repo: Path,
    path: str,
    text: str,
    expected: tuple[str, str],
) -> None:
    write_tree(example_repo, {path: text})
    run = run_cli(capsys, "validate", "--root", example_repo, "--no-cache", *TODAY)
    assert run.code == 1
    for piece in expected:
        assert piece in run.out, run.out


def test_indicators_file_with_a_schema_error_still_declares_its_ids(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    """A schema error in data/indicators.yaml is reported once, not as an unknown
    indicator in every unit that reports one of its (still readable) ids."""
    path = "data/indicators.yaml"
    write_tree(example_repo, {path: EXAMPLE_REPO[path].replace("unit: percent", "unit: procent")})
    run = run_cli(capsys, "validate", "--root", example_repo, "--no-cache", *TODAY)
    assert run.code == 1
    assert "data/indicators.yaml:3:9: S013" in run.out, run.out
    assert "R005" not in run.out
