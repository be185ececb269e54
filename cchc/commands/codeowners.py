"""`cchc codeowners`: write the CODEOWNERS file from units' `owners` (docs/edit.md)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Annotated

import typer

from cchc.atomic import write_atomic
from cchc.commands.common import RootOption, TodayOption, resolve_today
from cchc.edit.codeowners import codeowners_text
from cchc.errors import ExitCode
from cchc.load.files import find_root
from cchc.pipeline import load_repository


def command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP",
            help="Tệp cần ghi (mặc định: .github/CODEOWNERS trong kho; '-' để in ra màn hình).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Không ghi; thoát mã 1 và in khác biệt nếu tệp chưa cập nhật."
        ),
    ] = False,
    root: RootOption = None,
    today: TodayOption = None,
) -> int:
    """Sinh tệp CODEOWNERS từ trường owners của các đơn vị: người/nhóm được duyệt thay đổi
    tệp của đơn vị và tệp các mô hình do đơn vị xây dựng.

    Mã thoát: 0 đã ghi (hoặc đã cập nhật); 1 (--check) tệp chưa cập nhật; 2 lỗi cách dùng;
    3 dữ liệu có lỗi.
    """
    repo_root = find_root(root=root)
    repo = load_repository(repo_root, today=resolve_today(today))
    text = codeowners_text(repo)
    if output is not None and str(output) == "-":
        sys.stdout.write(text)
        return ExitCode.OK
    path = output if output is not None else repo_root / ".github" / "CODEOWNERS"
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if check:
        if old == text:
            return ExitCode.OK
        sys.stdout.writelines(
            difflib.unified_diff(
                old.splitlines(True), text.splitlines(True), f"a/{path.name}", f"b/{path.name}"
            )
        )
        sys.stderr.write(f"{path} chưa cập nhật; chạy `cchc codeowners` để sinh lại.\n")
        return ExitCode.FINDINGS
    if old != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"), option=output is not None)
        sys.stderr.write(f"đã ghi {path}\n")
    else:
        sys.stderr.write(f"{path} đã cập nhật, không cần ghi.\n")
    return ExitCode.OK
