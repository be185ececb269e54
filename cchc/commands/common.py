"""Options shared by several commands, so every command spells them the same way."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer

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
    """Standard output, or a text file written atomically: the text goes to a temporary
    file beside `path`, renamed into place only when the command succeeded, so a failed
    or interrupted command never leaves half a file (nor destroys the old one)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(
            f'không ghi được tệp "{path}": {error.strerror}',
            hint="kiểm tra thư mục có tồn tại và quyền ghi",
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
