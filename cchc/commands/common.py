"""Options shared by several commands, so every command spells them the same way."""

from __future__ import annotations

import errno
import io
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO, cast, overload

import typer

from cchc.atomic import write_atomic, write_error
from cchc.errors import NotFoundError, UsageError
from cchc.load.files import DataFile, classify
from cchc.periods import parse_date
from cchc.pipeline import is_chosen

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


@overload
def choice(value: str, options: Sequence[str], option: str) -> str: ...
@overload
def choice(value: None, options: Sequence[str], option: str) -> None: ...
def choice(value: str | None, options: Sequence[str], option: str) -> str | None:
    """The one check of an option's value against its choices (a tuple of
    `cchc.schema.vocabulary`, or a command's formats), with a Vietnamese message; an
    option not given (None) passes."""
    if value is not None and value not in options:
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
    buffer = _Pieces()
    yield cast(TextIO, buffer)
    write_atomic(path, buffer.encoded(), option=True)


class _Pieces(io.TextIOBase):
    """A text stream that keeps what is written as the pieces it came in: no copy of the
    whole text (a StringIO of a national JSON report took 4 bytes a character), and each
    piece is encoded only when it is written to the file."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.pieces.append(text)
        return len(text)

    def encoded(self, size: int = 1 << 20) -> Iterator[bytes]:
        """The text in UTF-8, a slice of at most `size` characters at a time."""
        for piece in self.pieces:
            for start in range(0, len(piece), size):
                yield piece[start : start + size].encode("utf-8")


def check_output_path(path: Path) -> None:
    """UsageError (exit 2) when `path`, given with -o, is a folder or in a missing folder,
    before any work is done."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise write_error(path, IsADirectoryError(errno.EISDIR, "is a directory"), option=True)
    if not folder.is_dir():
        raise write_error(path, FileNotFoundError(errno.ENOENT, "no folder"), option=True)


def repository_paths(root: Path, paths: Sequence[Path], *, what: str = "kiểm tra") -> set[str]:
    """The data files and folders the user named on the command line, relative to the
    repository at `root`: "data/units/x.yaml", or a folder as "data/units/" ("" for the
    whole repository). Paths are relative to the current folder, as a shell gives them."""
    chosen: set[str] = set()
    for path in paths:
        absolute = path if path.is_absolute() else Path.cwd() / path
        if not absolute.exists() and not absolute.is_symlink():
            raise NotFoundError(
                f'không có tệp hay thư mục "{path}"',
                hint="kiểm tra đường dẫn (tương đối với thư mục hiện tại)",
            )
        try:
            rel = absolute.absolute().relative_to(root).as_posix()
        except ValueError:
            try:
                rel = absolute.resolve().relative_to(root).as_posix()
            except ValueError:
                raise UsageError(
                    f'"{path}" nằm ngoài kho dữ liệu {root}',
                    hint=f"chỉ {what} tệp trong kho, hoặc đổi --root",
                ) from None
        if absolute.is_dir():
            chosen.add("" if rel == "." else rel.rstrip("/") + "/")
        elif classify(rel) is None:
            raise UsageError(
                f'"{path}" không phải tệp dữ liệu cchc',
                hint="tệp phải nằm trong data/units, data/models, data/documents "
                "(đuôi .yaml) hoặc là data/indicators.yaml",
            )
        else:
            chosen.add(rel)
    return chosen


def chosen_files(files: Sequence[DataFile], chosen: set[str]) -> list[DataFile]:
    """The files of `files` that `chosen` (from `repository_paths`) names."""
    return [f for f in files if is_chosen(f.rel, chosen)]


#: `--ids`: names on screen are followed by (or given a column with) their ids.
IdsOption = Annotated[
    bool,
    typer.Option(
        "--ids",
        help="Thêm cột mã (mã dùng cho các lệnh show, adopt, result; dạng json, csv luôn có mã).",
    ),
]
