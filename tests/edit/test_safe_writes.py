"""Edits keep every byte they do not change and never lose a record (issue 8, items 7-10).

Concurrent edits of one file, line endings and BOM, temporary files left by killed
edits, and write errors, all through the real entry point (`cchc.cli.main`).
"""

from __future__ import annotations

import difflib
import errno
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cchc import atomic
from cchc.check.rules import EXAMPLE_REPO
from cchc.cli import main
from tests.helpers import run_cli, write_tree

XA_B = "data/units/xa-b.yaml"
TODAY = ("--today", "2024-12-01")
ADOPT = ("adopt", "xa-b", "mot-cua-than-thien", "-s", "suspended", "-d", "2024-10-15")
RESULT = (
    "result",
    "xa-b",
    "mot-cua-than-thien",
    "-i",
    "ty-le-ho-so-dung-han",
    "--from",
    "2024-09-16",
    "--to",
    "2024-11-30",
    "--numerator",
    "5",
    "--denominator",
    "9",
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "repo", EXAMPLE_REPO)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cchc_cache" not in p.parts
    }


def validate_errors(capsys: pytest.CaptureFixture[str], root: Path) -> list[Any]:
    run = run_cli(capsys, "validate", "--root", root, "-f", "json", "--no-cache")
    assert run.code in (0, 1), run.err
    return [f for f in run.json()["findings"] if f["severity"] == "error"]


# -- item 7: two edits of one file at once -------------------------------------------


def _model(number: int) -> str:
    return (
        EXAMPLE_REPO["data/models/mot-cua-than-thien.yaml"]
        .replace("id: mot-cua-than-thien", f"id: mo-hinh-{number:02d}")
        .replace("title: Một cửa thân thiện", f"title: Mô hình thử số {number}")
    )


def _run_at_once(commands: list[list[str]], logs: Path) -> list[int]:
    """Fork one process per command; all start `main(...)` together; their exit codes."""
    read_end, write_end = os.pipe()
    pids = []
    for number, args in enumerate(commands):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            code = 99
            try:
                os.close(write_end)
                sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
                sys.stderr = open(logs / f"{number}.err", "w", encoding="utf-8")  # noqa: SIM115
                os.read(read_end, 1)  # returns when the parent closes its end: start!
                code = main(args)
                sys.stderr.flush()
            finally:
                os._exit(code)
        pids.append(pid)
    os.close(read_end)
    os.close(write_end)
    return [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_concurrent_edits_of_one_file_all_land_or_fail_cleanly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pairs = 20
    files = {
        **EXAMPLE_REPO,
        **{f"data/models/mo-hinh-{n:02d}.yaml": _model(n) for n in range(pairs)},
    }
    root = write_tree(tmp_path / "repo", files)
    # warm up: the children, forked from this process, start with everything imported
    warm = write_tree(tmp_path / "warm", EXAMPLE_REPO)
    assert run_cli(capsys, *ADOPT, "--root", warm).code == 0
    logs = tmp_path / "logs"
    logs.mkdir()
    commands: list[list[str]] = []
    for n in range(pairs):
        commands.append(
            [
                "adopt",
                "xa-b",
                f"mo-hinh-{n:02d}",
                "-s",
                "planned",
                "-d",
                "2024-05-01",
                "--root",
                str(root),
            ]
        )
        commands.append(
            [
                "result",
                "xa-b",
                "mot-cua-than-thien",
                "-i",
                "ty-le-ho-so-dung-han",
                "--to",
                f"2025-01-{n + 1:02d}",
                "--numerator",
                "1",
                "--denominator",
                "2",
                "--root",
                str(root),
            ]
        )
    codes = _run_at_once(commands, logs)
    text = (root / XA_B).read_text(encoding="utf-8")
    for number, (args, code) in enumerate(zip(commands, codes, strict=True)):
        mark = f"model: {args[2]}" if args[0] == "adopt" else f"to: {args[6]}"
        err = (logs / f"{number}.err").read_text(encoding="utf-8")
        assert code in (0, 3), (args, code, err)
        if code == 0:
            assert mark in text, (args, "exited 0 but its record is lost")
        else:
            assert mark not in text and "xa-b.yaml" in err and "Traceback" not in err
    assert validate_errors(capsys, root) == []
    assert not [p for p in (root / "data/units").iterdir() if p.name.endswith(".tmp")]


def test_a_writer_that_ignores_the_lock_is_detected(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cchc.edit.yamledit as yamledit

    path = repo / XA_B
    theirs = path.read_text(encoding="utf-8") + "owners: ['@ho']\n"
    check = yamledit.check_new_text

    def check_and_meddle(*args: Any, **kwargs: Any) -> None:
        check(*args, **kwargs)
        path.write_text(theirs, encoding="utf-8")  # another program, in between

    monkeypatch.setattr(yamledit, "check_new_text", check_and_meddle)
    run = run_cli(capsys, *ADOPT, "--root", repo)
    assert run.code == 3, run.err
    assert "xa-b.yaml" in run.err and "chương trình khác" in run.err
    assert path.read_text(encoding="utf-8") == theirs
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "so-noi-vu-a.yaml",
        "tinh-a.yaml",
        "xa-b.yaml",
    ]


def test_new_does_not_overwrite_a_file_created_meanwhile(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cchc.edit.yamledit as yamledit

    path = repo / "data/units/xa-moi.yaml"
    check = yamledit.check_new_text

    def check_and_create(*args: Any, **kwargs: Any) -> None:
        check(*args, **kwargs)
        path.write_text("id: xa-moi\n", encoding="utf-8")

    monkeypatch.setattr(yamledit, "check_new_text", check_and_create)
    run = run_cli(
        capsys,
        "new",
        "unit",
        "--title",
        "Ủy ban nhân dân phường Hòa Thuận Tây",
        "--id",
        "xa-moi",
        "--kind",
        "people-committee",
        "--level",
        "commune",
        "--parent",
        "tinh-a",
        "--root",
        repo,
    )
    assert run.code == 3 and "xa-moi.yaml" in run.err
    assert path.read_text(encoding="utf-8") == "id: xa-moi\n"


# -- item 8: line endings and BOM ----------------------------------------------------

STYLES = {
    "crlf": lambda b: b.replace(b"\n", b"\r\n"),
    "bom": lambda b: b"\xef\xbb\xbf" + b,
    "crlf+bom": lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
}


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _added_only(before: bytes, after: bytes) -> list[bytes]:
    """The lines `after` adds to `before`; fails if any line of `before` changed."""
    diff = list(
        difflib.ndiff(
            [line.decode() for line in _lines(before)], [line.decode() for line in _lines(after)]
        )
    )
    assert not [d for d in diff if d.startswith("- ")], diff
    return [d[2:].encode() for d in diff if d.startswith("+ ")]


@pytest.mark.parametrize("style", STYLES, ids=STYLES.keys())
@pytest.mark.parametrize("command", [ADOPT, RESULT], ids=["adopt", "result"])
def test_edits_keep_line_endings_and_bom(
    capsys: pytest.CaptureFixture[str], repo: Path, style: str, command: tuple[str, ...]
) -> None:
    path = repo / XA_B
    before = STYLES[style](path.read_bytes())
    path.write_bytes(before)
    run = run_cli(capsys, *command, "--root", repo)
    assert run.code == 0, run.err
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") == ("bom" in style)
    added = _added_only(before, after)
    assert added
    newline = b"\r\n" if "crlf" in style else b"\n"
    assert all(line.endswith(newline) for line in added)
    if "crlf" in style:
        assert b"\n" not in after.replace(b"\r\n", b"")
    assert validate_errors(capsys, repo) == []


def test_mixed_line_endings_are_kept_line_by_line(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    path = repo / XA_B
    lines = _lines(path.read_bytes())
    before = b"".join(
        line.replace(b"\n", b"\r\n") if n % 2 else line for n, line in enumerate(lines)
    )
    path.write_bytes(before)
    run = run_cli(capsys, *ADOPT, "--root", repo)
    assert run.code == 0, run.err
    assert len(_added_only(before, path.read_bytes())) == 1


def test_unusual_indentation_is_kept_where_the_edit_does_not_touch(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    path = repo / XA_B
    before = (
        path.read_text(encoding="utf-8")
        .replace("      - {date: 2024-03-01", "          - {date: 2024-03-01")
        .replace("      - {date: 2024-09-15", "          - {date: 2024-09-15")
        .replace("id: xa-b\n", "id: xa-b   \n")
    )
    path.write_text(before, encoding="utf-8")
    # a new record goes at the end of `adoptions`: the odd lines stay as they are
    write_tree(repo, {"data/models/mo-hinh-b.yaml": _model(1).replace("mo-hinh-01", "mo-hinh-b")})
    run = run_cli(
        capsys, "adopt", "xa-b", "mo-hinh-b", "-s", "planned", "-d", "2024-05-01", "--root", repo
    )
    assert run.code == 0, run.err
    assert len(_added_only(before.encode(), path.read_bytes())) == 4


def test_an_edit_that_cannot_keep_mixed_indentation_is_refused(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    path = repo / XA_B
    before = (
        path.read_text(encoding="utf-8")
        .replace("      - {date: 2024-03-01", "          - {date: 2024-03-01")
        .replace("      - {date: 2024-09-15", "          - {date: 2024-09-15")
    )
    path.write_text(before, encoding="utf-8")
    files = snapshot(repo)
    run = run_cli(capsys, *ADOPT, "--root", repo)
    assert run.code == 3, run.err
    assert "xa-b.yaml" in run.err and "thụt lề" in run.err and "Traceback" not in run.err
    assert snapshot(repo) == files


@pytest.mark.parametrize("style", STYLES, ids=STYLES.keys())
def test_fmt_keeps_line_endings_and_bom(
    capsys: pytest.CaptureFixture[str], repo: Path, style: str
) -> None:
    path = repo / XA_B
    canonical = STYLES[style](path.read_bytes())
    path.write_bytes(canonical)
    assert run_cli(capsys, "fmt", "--check", "--root", repo).code == 0
    # a file out of order is put in order, keeping its line endings and BOM
    text = canonical.decode("utf-8")
    messy = (
        text.replace("kind: people-committee", "KIND")
        .replace("level: commune", "kind: people-committee")
        .replace("KIND", "level: commune")
    )
    path.write_bytes(messy.encode("utf-8"))
    run = run_cli(capsys, "fmt", "--root", repo)
    assert run.code == 0, run.err
    assert path.read_bytes() == canonical


# -- item 9: temporary files left by a killed edit -----------------------------------

LEFTOVER = "data/units/.xa-b.yaml.k3x9_2ab.tmp"
NOT_OURS = (
    "data/units/.xa-b.yaml.tmp",
    "data/units/.gitkeep",
    "data/units/.ghi-chu.txt.tmp",
    "data/.notes.yaml.abcdefgh.tmp.bak",
)


def test_leftover_temporary_file_is_reported_then_removed_by_the_next_edit(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    write_tree(repo, {LEFTOVER: "id: xa-b\nname: nửa", **dict.fromkeys(NOT_OURS, "x")})
    run = run_cli(capsys, "validate", "--root", repo, "-f", "json", "--no-cache", *TODAY)
    found = [(f["code"], f["path"], f["severity"]) for f in run.json()["findings"]]
    assert found == [("L015", LEFTOVER, "warning")]
    assert run_cli(capsys, *ADOPT, "--root", repo).code == 0
    assert not (repo / LEFTOVER).exists()
    assert all((repo / rel).exists() for rel in NOT_OURS)
    run = run_cli(capsys, "validate", "--root", repo, "-f", "json", "--no-cache", *TODAY)
    assert run.json()["findings"] == []


def test_a_young_temporary_file_is_kept_without_the_lock(tmp_path: Path) -> None:
    young, old = tmp_path / ".a.yaml.abcdefgh.tmp", tmp_path / ".b.yaml.abcdefgh.tmp"
    young.write_text("x", encoding="utf-8")
    old.write_text("x", encoding="utf-8")
    past = time.time() - 2 * atomic.LEFTOVER_GRACE
    os.utime(old, (past, past))
    assert atomic.remove_leftovers(tmp_path) == [old]
    assert young.exists()


# -- item 10: write errors -------------------------------------------------------------


def _failing(monkeypatch: pytest.MonkeyPatch, name: str, code: int) -> None:
    real = getattr(os, name)

    def fail(*args: Any, **kwargs: Any) -> Any:
        if name != "fsync" and not any(".tmp" in str(a) for a in args):
            return real(*args, **kwargs)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, name, fail)


@pytest.mark.parametrize(
    ("name", "code", "reason"),
    [
        ("replace", errno.EROFS, "ổ đĩa chỉ đọc"),
        ("replace", errno.EACCES, "không có quyền ghi"),
        ("fsync", errno.ENOSPC, "hết chỗ trống trên đĩa"),
        ("replace", errno.EIO, os.strerror(errno.EIO)),
    ],
)
def test_write_errors_are_vietnamese_and_leave_nothing_behind(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    code: int,
    reason: str,
) -> None:
    files = snapshot(repo)
    _failing(monkeypatch, name, code)
    run = run_cli(capsys, *ADOPT, "--root", repo)
    monkeypatch.undo()
    assert run.code == 3, run.err
    assert f'không ghi được tệp "{repo / XA_B}": {reason}' in run.err
    assert "Traceback" not in run.err and "nội bộ" not in run.err
    assert snapshot(repo) == files


def test_writing_an_immutable_file(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    path = repo / XA_B
    chattr = shutil.which("chattr")
    if (
        chattr is None
        or subprocess.run([chattr, "+i", path], capture_output=True, check=False).returncode != 0
    ):
        pytest.skip("chattr +i is not available here (needs root and ext4/xfs/btrfs)")
    try:
        files = snapshot(repo)
        run = run_cli(capsys, *ADOPT, "--root", repo)
        assert run.code == 3, run.err
        assert "xa-b.yaml" in run.err and "không có quyền ghi" in run.err
        assert snapshot(repo) == files
    finally:
        subprocess.run([chattr, "-i", path], check=False)


def test_output_to_a_folder_or_a_missing_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "ra"
    folder.mkdir()
    for args in (
        ("validate",),
        ("report", "-q", "2024-Q3", "-f", "csv"),
        ("report", "-q", "2024-Q3", "-f", "xlsx"),
        ("render", "cv-nhan-rong", "-f", "docx"),
    ):
        run = run_cli(capsys, *args, "--root", repo, "-o", folder)
        assert run.code == 2, (args, run.err)
        assert f'"{folder}": là một thư mục' in run.err, (args, run.err)
        run = run_cli(capsys, *args, "--root", repo, "-o", folder / "khong-co" / "x.out")
        assert run.code == 2, (args, run.err)
        assert "thư mục không tồn tại" in run.err, (args, run.err)
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ra", "repo"]


@pytest.mark.parametrize(
    "args",
    [
        ("report", "-q", "2024-Q3", "-f", "xlsx"),
        ("report", "-q", "2024-Q3", "-f", "docx"),
        ("render", "cv-nhan-rong", "-f", "docx"),
        ("render", "cv-nhan-rong", "-f", "md"),
    ],
)
def test_word_and_excel_outputs_are_written_whole_or_not_at_all(
    capsys: pytest.CaptureFixture[str],
    repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    target = tmp_path / "ket-qua.out"
    target.write_bytes(b"old")
    _failing(monkeypatch, "fsync", errno.ENOSPC)
    run = run_cli(capsys, *args, "--root", repo, "-o", target)
    monkeypatch.undo()
    assert run.code == 3, run.err
    assert f'không ghi được tệp "{target}": hết chỗ trống trên đĩa' in run.err
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ket-qua.out", "repo"]


def test_output_to_a_device_writes_into_it_and_never_replaces_it(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """`-o /dev/null` (a benchmark does this) must not rename a regular file over the
    device, which, run as root, would replace /dev/null for the whole machine."""
    before = os.stat(os.devnull)
    run = run_cli(capsys, "validate", "--root", repo, "--format", "json", "-o", os.devnull)
    assert run.code in (0, 1), run.err
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
