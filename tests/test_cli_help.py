"""`--help` of cchc and of every command reads as Vietnamese: no Python types, no click
English, no braces; the usage line and every metavar in Vietnamese (issue 12)."""

from __future__ import annotations

import re

import pytest

from cchc.cli import COMMANDS
from tests.helpers import run_cli

FORBIDDEN = ("<str>", "<list[", "<path>", "<int>", "[OPTIONS]", "[ARGS]", "COMMAND", "{", "}")
#: A Python type in angle brackets, as typer prints it: <str>, <list[Path]>, <float>.
PYTHON_TYPE = re.compile(r"<[A-Za-z_][A-Za-z0-9_\[\]|,. ]*>")


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str], name: str) -> None:
    run = run_cli(capsys, *([name] if name else []), "--help")
    assert run.code == 0, run.err
    assert "Cách dùng:" in run.out
    for text in FORBIDDEN:
        assert text not in run.out, f"cchc {name} --help shows {text!r}:\n{run.out}"
    assert not PYTHON_TYPE.search(run.out), run.out
    usage = run.out.split("Cách dùng:", 1)[1].split("\n\n", 1)[0]
    pieces = " ".join(usage.split()).removeprefix("cchc").strip().removeprefix(name).strip()
    assert pieces == pieces.upper(), f"usage line not in Vietnamese capitals: {usage!r}"


def test_root_usage_line(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "--help")
    assert "Cách dùng: cchc [TÙY-CHỌN] LỆNH [THAM-SỐ]..." in run.out


@pytest.mark.parametrize(
    ("name", "usage"),
    [
        ("show", "Cách dùng: cchc show [TÙY-CHỌN] MÃ"),
        ("validate", "Cách dùng: cchc validate [TÙY-CHỌN] [TỆP]..."),
        ("search", "Cách dùng: cchc search [TÙY-CHỌN] CHỮ..."),
        ("diff", "Cách dùng: cchc diff [TÙY-CHỌN] [PHIÊN-BẢN-1] [PHIÊN-BẢN-2]"),
        ("adopt", "Cách dùng: cchc adopt [TÙY-CHỌN] ĐƠN-VỊ MÔ-HÌNH"),
    ],
)
def test_command_usage_line(capsys: pytest.CaptureFixture[str], name: str, usage: str) -> None:
    run = run_cli(capsys, name, "--help")
    assert usage + "\n" in run.out


def test_missing_argument_names_the_vietnamese_metavar(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "schema")
    assert run.code == 2
    assert "thiếu tham số 'LOẠI'" in run.err
