"""Options shared by several commands, so every command spells them the same way."""

from __future__ import annotations

import errno
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer

from cchc.atomic import write_atomic, write_error
from cchc.errors import UsageError
from cchc.periods import parse_date

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        metavar="THƯ-MỤC",
        help="Thư mục gốc của kho dữ liệu (mặc định: tìm data/ từ thư mục hiện tại trở lên).",
        show_default=False,
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="YYYY-MM-DD",
        help="Coi hôm nay là ngày này (để kết quả CI lặp lại được).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="TỆP",
        help="Ghi kết quả ra tệp này thay vì màn hình.",
        show_default=False,
    ),
]


def resolve_today(value: str | None) -> date:
    return parse_date(value, what="--today") if value else date.today()


def choice(value: str, options: tuple[str, ...], option: str) -> str:
    """Check a --format-like value against its options, with a Vietnamese message."""
    if value not in options:
        raise UsageError(
            f'{option} "{value}" không hợp lệ', hint="chọn một trong: " + ", ".join(options)
        )
    return value


@contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a text file written atomically: the text is kept in memory and
    written to the file (`cchc.atomic.write_atomic`) only when the command succeeded, so a
    failed or interrupted command never leaves half a file (nor destroys the old one)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    check_output_path(path)
    buffer = io.StringIO(newline="\n")
    yield buffer
    write_atomic(path, buffer.getvalue().encode("utf-8"), option=True)


def check_output_path(path: Path) -> None:
    """UsageError (exit 2) when `path`, given with -o, is a folder or in a missing folder,
    before any work is done."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise write_error(path, IsADirectoryError(errno.EISDIR, "is a directory"), option=True)
    if not folder.is_dir():
        raise write_error(path, FileNotFoundError(errno.ENOENT, "no folder"), option=True)
