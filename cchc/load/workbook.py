"""Reading a filled Excel form (`cchc import`) safely: cells with their positions.

A workbook comes back from an officer's computer, so it is hostile input: it may be no
workbook at all, a corrupt or truncated file, a zip bomb, or hold formulas and macros.
This module only reads values: openpyxl never runs macros, formulas are returned as
formulas (never evaluated: `Cell.formula`), the file's size, its number of parts, their
unpacked size and the rows read per sheet are capped, and every failure is a
`DataError` (exit 3) in Vietnamese naming the file — never a traceback.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final

from cchc.errors import DataError, NotFoundError

#: Limits of a workbook `cchc import` reads (a form of a few hundred rows is ~30 kB).
MAX_FILE_BYTES: Final = 20 * 1024 * 1024
MAX_UNPACKED_BYTES: Final = 50 * 1024 * 1024
MAX_PARTS: Final = 2000
MAX_RATIO: Final = 200  # unpacked / packed size of one part: more is a zip bomb
#: Rows read per sheet; a form has far fewer, a longer sheet is refused.
MAX_ROWS: Final = 5000
MAX_COLUMNS: Final = 50


@dataclass(frozen=True)
class Cell:
    """One non-empty cell: 1-based row and column, its value as stored."""

    row: int
    column: int
    value: Any  # str, int, float, bool, date/datetime, or the text of a formula or error
    formula: bool = False  # the cell holds a formula (`value` is its text, not evaluated)
    error: bool = False  # the cell holds an error value (#DIV/0!, #REF!, ...)

    @property
    def ref(self) -> str:
        """The cell's name: "E7"."""
        return f"{column_letter(self.column)}{self.row}"


def column_letter(column: int) -> str:
    """The letters of a 1-based column number: 1 → "A", 27 → "AA"."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: dict[int, dict[int, Cell]]  # row -> column -> cell (non-empty cells only)


@dataclass(frozen=True)
class Book:
    path: Path
    sheets: dict[str, Sheet]


def _refuse(path: Path, reason: str, hint: str | None = None) -> DataError:
    return DataError(
        f'tệp "{path}" {reason}',
        hint=hint or "dùng tệp Excel (.xlsx) do lệnh `cchc form` tạo ra, đã điền số liệu",
    )


def _check_zip(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _refuse(path, f"không đọc được: {error.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"quá lớn ({size / 1024 / 1024:.1f} MB, tối đa 20 MB)")
    if not zipfile.is_zipfile(path):
        raise _refuse(path, "không phải tệp Excel .xlsx (hoặc tệp đã hỏng)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise _refuse(path, "có quá nhiều thành phần, không phải biểu mẫu cchc")
            total = 0
            for info in infos:
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if total > MAX_UNPACKED_BYTES or (info.file_size > 1_000_000 and ratio > MAX_RATIO):
                    raise _refuse(path, "giải nén ra quá lớn (nghi là tệp nén độc hại), không đọc")
            names = {i.filename for i in infos}
    except zipfile.BadZipFile:
        raise _refuse(path, "không phải tệp Excel .xlsx (hoặc tệp đã hỏng)") from None
    except OSError as error:
        raise _refuse(path, f"không đọc được: {error.strerror}") from None
    if "xl/workbook.xml" not in names:
        raise _refuse(path, "không phải tệp Excel .xlsx (không có xl/workbook.xml)")


def read_book(path: Path, sheets: tuple[str, ...]) -> Book:
    """The cells of the sheets named `sheets` that `path` has (others are not read).

    Raises `NotFoundError` (exit 2) for a missing file and `DataError` (exit 3) for a file
    that is not a readable .xlsx workbook within the limits above."""
    if not path.exists():
        raise NotFoundError(f'không có tệp "{path}"', hint="kiểm tra đường dẫn")
    if path.is_dir():
        raise _refuse(path, "là một thư mục")
    _check_zip(path)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of extensions it drops
            wb = load_workbook(
                path, read_only=True, data_only=False, keep_vba=False, keep_links=False
            )
    except Exception:  # any failure of the parser on hostile input
        raise _refuse(path, "không đọc được: tệp Excel hỏng hoặc không đúng định dạng") from None
    try:
        found: dict[str, Sheet] = {}
        for name in wb.sheetnames:
            if name not in sheets:
                continue
            found[name] = _read_sheet(path, name, wb[name])
        return Book(path, found)
    except DataError:
        raise
    except Exception:  # idem
        raise _refuse(path, "không đọc được: tệp Excel hỏng hoặc không đúng định dạng") from None
    finally:
        wb.close()


def _read_sheet(path: Path, name: str, ws: Any) -> Sheet:
    rows: dict[int, dict[int, Cell]] = {}
    for number, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), 1):
        if number > MAX_ROWS:
            raise _refuse(
                path,
                f"có trang “{name}” quá {MAX_ROWS} dòng, không phải biểu mẫu cchc",
            )
        cells: dict[int, Cell] = {}
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            kind = getattr(cell, "data_type", None)
            r = getattr(cell, "row", None) or number
            c = getattr(cell, "column", None)
            if c is None:
                continue
            if isinstance(value, time):
                value = value.isoformat()
            formula = kind == "f" or (
                not isinstance(value, str | int | float | bool | date | datetime)
            )
            cells[c] = Cell(r, c, value if not formula else str(value), formula, kind == "e")
        if cells:
            rows[next(iter(cells.values())).row] = cells
    return Sheet(name, rows)
