"""Exit codes a user meets outside the data: output that goes away, and cchc's own bugs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from cchc.errors import ExitCode
from tests.helpers import REPO_ROOT, run_cli, write_tree

MODELS = {
    f"data/models/mo-hinh-{number:04d}.yaml": (
        f"id: mo-hinh-{number:04d}\ntitle: Mô hình số {number}\nkind: model\n"
        "areas: [administrative-procedures]\norigin: xa-b\nsummary: Một mô hình.\n"
        "history:\n  - {date: 2024-01-10, status: recognized}\n"
    )
    for number in range(50)
}


@pytest.fixture
def big_repo(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "repo", {**EXAMPLE_REPO, **MODELS})


def _cchc(*args: str | Path, stdout: int | None, close_stdout: bool = False) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "cchc", *map(str, args)],
        cwd=REPO_ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
        check=False,
    )
    return proc.returncode, proc.stderr.decode("utf-8")


def _pipe_closed_by_reader() -> tuple[int, int]:
    """A pipe whose reader has already gone away, as `| head -1` after its first line."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    return read_end, write_end


@pytest.mark.parametrize(
    "args",
    [
        ("list", "models"),
        ("validate",),
        ("report", "--quarter", "2024-Q3"),
        ("show", "mot-cua-than-thien"),
        ("rules",),
        ("--help",),
        (),
    ],
    ids=["list", "validate", "report", "show", "rules", "help", "no-args"],
)
def test_reader_gone_stops_quietly_with_sigpipe_code(big_repo: Path, args: tuple[str, ...]) -> None:
    if args and args[0] not in ("rules", "--help"):
        args = (*args, "--root", str(big_repo))
    _, write_end = _pipe_closed_by_reader()
    try:
        code, err = _cchc(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert code == ExitCode.BROKEN_PIPE and int(ExitCode.BROKEN_PIPE) == 141
    assert err == ""


def test_list_piped_into_head(big_repo: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "cchc", "list", "models", "--root", str(big_repo)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    code = proc.wait()
    assert code in (0, 141)  # 0 only if all the output fitted in the pipe before head left
    assert err == ""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [({}, 0), ({"data/units/xa-c.yaml": "id: [\n"}, 1)],
    ids=["clean", "with-findings"],
)
def test_closed_stdout_keeps_the_command_exit_code(
    tmp_path: Path, extra: dict[str, str], expected: int
) -> None:
    root = write_tree(tmp_path / "repo", {**EXAMPLE_REPO, **extra})
    code, err = _cchc("validate", "--root", root, stdout=None, close_stdout=True)
    assert (code, err) == (expected, "")
    code, err = _cchc("list", "models", "--root", root, stdout=None, close_stdout=True)
    assert code == (0 if expected == 0 else ExitCode.DATA)
    assert "Traceback" not in err and "nội bộ" not in err


def test_internal_error_has_its_own_exit_code(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(selector: str) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setattr("cchc.commands.rules.resolve", broken)
    run = run_cli(capsys, "rules", "S001")
    assert run.code == ExitCode.INTERNAL and int(ExitCode.INTERNAL) == 4
    assert run.code != ExitCode.USAGE
    assert "lỗi nội bộ của cchc (RuntimeError: hỏng)" in run.err
    assert "Traceback" not in run.err
