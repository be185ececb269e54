"""Bad input of every kind gives a located finding or a clear message, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import run_cli, write_tree

UNIT = "data/units/xa-c.yaml"
GOOD_UNIT = (
    "id: xa-c\nname: Ủy ban nhân dân xã C\nkind: people-committee\nlevel: commune\nparent: tinh-a\n"
)


def _validate(
    capsys: pytest.CaptureFixture[str], root: Path, *extra: str
) -> list[dict[str, object]]:
    run = run_cli(
        capsys,
        "validate",
        "--root",
        root,
        "--format",
        "json",
        "--today",
        "2024-10-01",
        "--no-cache",
        *extra,
    )
    assert run.code in (0, 1), run.err
    assert "Traceback" not in run.err
    findings: list[dict[str, object]] = run.json()["findings"]
    return findings


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        (b"id: xa-c\nname: [oops\n", "S001", 3),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "S002", 1),
        ("id: xa-c\nname: Ủy ban\n".encode("utf-16"), "S002", 1),
        (b"", "S003", 1),
        (b"# only a comment\n", "S003", 1),
        (b"id: xa-c\nid: xa-c\n", "S004", 2),
        (b"id: !!python/object/apply:os.system [ls]\n", "S005", 1),
        (b"a: &x [1]\nb: *x\n", "S006", 1),
        (b"- just\n- a list\n", "S009", 1),
        (b"plain text\n", "S009", 1),
        (b"id: xa-c\n---\nid: xa-d\n", "S001", 2),
        (GOOD_UNIT.encode() + b"valid_from: 2024-13-01\n", "S015", 6),
        (GOOD_UNIT.encode() + b"valid_from: 2024-03-01 10:00:00\n", "S015", 6),
        (GOOD_UNIT.replace("name: Ủy ban nhân dân xã C", "name: 2024").encode(), "S012", 2),
    ],
    ids=[
        "syntax",
        "binary",
        "utf16",
        "empty",
        "comment-only",
        "duplicate-key",
        "python-tag",
        "alias",
        "top-level-list",
        "scalar",
        "two-documents",
        "month-13",
        "datetime",
        "number-name",
    ],
)
def test_bad_file_gives_located_finding(
    capsys: pytest.CaptureFixture[str], example_repo: Path, content: bytes, code: str, line: int
) -> None:
    (example_repo / UNIT).write_bytes(content)
    findings = [f for f in _validate(capsys, example_repo) if f["path"] == UNIT]
    assert findings, "no finding for the bad file"
    assert findings[0]["code"] == code
    assert findings[0]["line"] == line
    assert findings[0]["message"]


def test_huge_file_is_refused_without_reading(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    (example_repo / UNIT).write_bytes(b"id: xa-c\n" + b"# padding\n" * 600_000)
    findings = _validate(capsys, example_repo)
    assert [f["code"] for f in findings if f["path"] == UNIT] == ["S021"]


def test_symlink_out_of_repository_is_refused(
    capsys: pytest.CaptureFixture[str], example_repo: Path, tmp_path: Path
) -> None:
    outside = write_tree(tmp_path / "outside", {"secret.yaml": GOOD_UNIT})
    (example_repo / UNIT).symlink_to(outside / "secret.yaml")
    findings = _validate(capsys, example_repo)
    assert [f["code"] for f in findings if f["path"] == UNIT] == ["S022"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(capsys: pytest.CaptureFixture[str], example_repo: Path) -> None:
    path = write_tree(example_repo, {UNIT: GOOD_UNIT}) / UNIT
    path.chmod(0)
    try:
        findings = _validate(capsys, example_repo)
    finally:
        path.chmod(0o644)
    assert [f["code"] for f in findings if f["path"] == UNIT] == ["S022"]


def test_unreadable_file_as_root_uses_a_directory(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    (example_repo / UNIT).mkdir()
    findings = _validate(capsys, example_repo)
    assert [f["code"] for f in findings if f["path"] == UNIT] == ["S022"]


def test_alias_bomb_is_stopped_before_expansion(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    (example_repo / UNIT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    findings = _validate(capsys, example_repo)
    assert {f["code"] for f in findings if f["path"] == UNIT} == {"S006"}


def test_unknown_key_suggests_the_right_one(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    write_tree(example_repo, {UNIT: GOOD_UNIT + "short_nam: UBND xã C\n"})
    (finding,) = [f for f in _validate(capsys, example_repo) if f["path"] == UNIT]
    assert finding["code"] == "S010"
    assert (finding["line"], finding["column"]) == (6, 1)
    assert "short_name" in str(finding["hint"])


def test_missing_data_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run = run_cli(capsys, "validate", "--root", tmp_path)
    assert run.code == 2
    assert "không phải kho dữ liệu cchc" in run.err


def test_not_inside_a_repository(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = run_cli(capsys, "validate")
    assert run.code == 2
    assert "không tìm thấy kho dữ liệu" in run.err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "xml"], "--format"),
        (["--fail-on", "fatal"], "--fail-on"),
        (["--today", "30/09/2024"], "YYYY-MM-DD"),
        (["--bogus"], "không có tùy chọn"),
        (["data/units/khong-co.yaml"], "không có tệp"),
        (["README.md"], "không phải tệp dữ liệu"),
    ],
)
def test_bad_options_exit_2_in_vietnamese(
    capsys: pytest.CaptureFixture[str],
    example_repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    words: str,
) -> None:
    (example_repo / "README.md").write_text("x", encoding="utf-8")
    monkeypatch.chdir(example_repo)
    run = run_cli(capsys, "validate", *args)
    assert run.code == 2
    assert words in run.err
    assert "Traceback" not in run.err
