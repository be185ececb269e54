"""Reading a filled form back (`cchc import`): every cell checked, every problem kept.

`read_form` turns the cells of a workbook (`cchc.load.workbook.Book`) into new events and
results, with one `Problem` per bad cell ("trang Tình hình áp dụng, ô G7: ..."), all of
them, not the first only. `plan_import` then compares them with the data as it is now:
what is already recorded is skipped (importing a file twice changes nothing), a change
made to the unit's file since the form was written stops the rows it overlaps
(conflict), and events must follow the recorded history in date order. Pure functions:
the edit itself is `cchc.edit.batch`.

Columns are found by the names in their header row, not by position, so a workbook
saved again by LibreOffice Calc or Excel (styles, widths, hidden sheet rewritten) reads
the same. Values are accepted as a spreadsheet may store them: dates as dates, as Excel
serial numbers or as text "15/3/2025", "15/03/2025", "2025-03-15"; statuses by their
Vietnamese name in any case; numbers as numbers or text with a decimal comma.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final, TypeVar

from cchc.compute.forms import (
    ADOPTION_SHEET,
    FORM_VERSION,
    META_SHEET,
    RESULT_INPUTS,
    RESULT_SHEET,
    form_signature,
    status_choices,
)
from cchc.errors import UsageError
from cchc.load.workbook import Book, Cell, Sheet, column_letter
from cchc.periods import Period, format_date_vn, parse_period
from cchc.schema.base import CONTROL_RE, ID_MAX_LENGTH, ID_RE, control_name, number_problem
from cchc.schema.repository import Repository
from cchc.schema.vocabulary import ADOPTION_STATUSES, NOT_STARTED, STATUS
from cchc.text import nfc

#: The earliest date a form accepts (an event or a figure before it is surely a typo).
FIRST_DAY: Final = date(2000, 1, 1)
#: Day 0 of Excel's 1900 date system as Python counts (serial 1 = 1/1/1900, with the
#: phantom 29/2/1900).
EXCEL_EPOCH: Final = date(1899, 12, 30)
#: A time of day after a date typed as text ("15/3/2025 10:30"): ignored.
_TIME: Final = r"(?:[ T]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DATE_TEXT: Final = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})" + _TIME)
_ISO_TEXT: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
T = TypeVar("T")
_THOUSANDS: Final = re.compile(r"\d{1,3}(\.\d{3})+")


def _key(text: str) -> str:
    """Text compared as a person reads it: NFC, case and spacing ignored."""
    return " ".join(nfc(text).casefold().split())


#: Every way to name a new status: its Vietnamese names (heading and text forms) and code.
STATUS_NAMES: Final = {
    _key(name): code
    for code in ADOPTION_STATUSES
    for name in (STATUS.label(code, "heading"), STATUS.label(code, "text"), code)
}


@dataclass(frozen=True)
class Problem:
    """Something wrong with a workbook: where (sheet and cell, when known) and what."""

    message: str
    sheet: str | None = None
    cell: str | None = None

    def text(self, file: str) -> str:
        """ "baocao.xlsx, trang Tình hình áp dụng, ô G7: ..." """
        where = file
        if self.sheet:
            where += f", trang {self.sheet}"
        if self.cell:
            where += f", ô {self.cell}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class NewEvent:
    model_id: str
    status: str
    day: date
    note: str | None
    row: int
    status_cell: str
    date_cell: str


@dataclass(frozen=True)
class NewResult:
    model_id: str
    indicator: str
    start: date | None
    to: date
    value: float | int | None
    numerator: int | None
    denominator: int | None
    note: str | None
    row: int
    cell: str  # the first cell of its figures, for messages


@dataclass
class FilledForm:
    """What one workbook asks to record, and its problems."""

    file: str
    unit_id: str = ""
    period: Period | None = None
    digest: str = ""
    #: model -> the unit's own last event (status, date) the form showed; None: no record
    shown: dict[str, tuple[str, date] | None] = field(default_factory=dict)
    events: list[NewEvent] = field(default_factory=list)
    results: list[NewResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    #: its hidden sheet lacks this machine's signature (`cchc.load.formkey`)
    unsigned: bool = False


# -- cell values --------------------------------------------------------------------


class CellError(Exception):
    """A value that cannot be read (Vietnamese message)."""


def _shown(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, datetime | date):
        return format_date_vn(value)  # a datetime is a date
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _plain(cell: Cell | None) -> Any:
    """The value of a cell, refusing formulas and error values."""
    if cell is None:
        return None
    if cell.formula:
        raise CellError(
            f"ô chứa công thức “{_shown(cell)}”; cchc không tính công thức: ghi giá trị"
        )
    if cell.error:
        raise CellError(f"ô chứa lỗi “{_shown(cell)}”: ghi giá trị")
    return cell.value


def read_status(cell: Cell) -> str:
    value = _plain(cell)
    if not isinstance(value, str):
        raise CellError(f"“{_shown(cell)}” không phải tình trạng: chọn trong danh sách")
    code = STATUS_NAMES.get(_key(value))
    if code is None:
        if _key(value) in (_key(STATUS.label(NOT_STARTED, "heading")), NOT_STARTED):
            raise CellError(
                "không ghi được “Chưa triển khai”: đơn vị chưa có sự kiện nào thì để trống"
            )
        names = ", ".join(status_choices())
        raise CellError(f"tình trạng “{_shown(cell).strip()}” không có trong danh sách ({names})")
    return code


def _checked_day(day: date, today: date, what: str) -> date:
    if day < FIRST_DAY:
        raise CellError(f"{what} {format_date_vn(day)} quá xa: phải từ {format_date_vn(FIRST_DAY)}")
    if day > today:
        raise CellError(
            f"{what} {format_date_vn(day)} ở tương lai (hôm nay {format_date_vn(today)})"
        )
    return day


def read_date(cell: Cell, today: date, what: str = "ngày") -> date:
    """A date typed or stored as a date, an Excel serial, or text d/m/yyyy or yyyy-mm-dd."""
    value = _plain(cell)
    if isinstance(value, bool):
        raise CellError(f"“{_shown(cell)}” không phải ngày")
    if isinstance(value, datetime):
        return _checked_day(value.date(), today, what)
    if isinstance(value, date):
        return _checked_day(value, today, what)
    if isinstance(value, int | float):
        if not 1 <= value < 2958466 or value != int(value):
            raise CellError(f"“{_shown(cell)}” không phải ngày: ghi dạng 15/03/2025")
        return _checked_day(EXCEL_EPOCH + timedelta(days=int(value)), today, what)
    text = str(value).strip()
    if m := _DATE_TEXT.fullmatch(text):
        day_n, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _ISO_TEXT.fullmatch(text):
        year, month, day_n = int(m[1]), int(m[2]), int(m[3])
    else:
        raise CellError(
            f"“{_shown(cell)}” không phải ngày: ghi dạng ngày/tháng/năm, ví dụ 15/03/2025"
        )
    try:
        found = date(year, month, day_n)
    except ValueError:
        raise CellError(f"ngày “{text}” không tồn tại") from None
    return _checked_day(found, today, what)


def _number_text(text: str) -> str:
    """Text of a number as Vietnamese write it ("1.234,5", "99,5") in Python's spelling."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    if _THOUSANDS.fullmatch(text):
        return text.replace(".", "")
    return text


def read_number(cell: Cell, *, whole: bool) -> int | float:
    value = _plain(cell)
    if isinstance(value, bool | date | datetime):
        raise CellError(f"“{_shown(cell)}” không phải số")
    number: int | float
    if isinstance(value, int | float):
        number = value
    else:
        text = _number_text(str(value))
        try:
            number = int(text) if re.fullmatch(r"[+-]?\d{1,20}", text) else float(text)
        except ValueError:
            raise CellError(f"“{_shown(cell)}” không phải số") from None
    problem = number_problem(number)
    if problem is not None:
        raise CellError(f"số “{_shown(cell)}” {problem}")
    if number < 0:
        raise CellError(f"số “{_shown(cell)}” âm: phải từ 0 trở lên")
    if whole:
        if number != int(number):
            raise CellError(f"“{_shown(cell)}” phải là số nguyên")
        return int(number)
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return number


def read_text(cell: Cell | None) -> str | None:
    value = _plain(cell)
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return format_date_vn(value)  # a datetime is a date
    text = nfc(str(value))
    # Line breaks as Windows pastes them and tabs become what the data format holds.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").strip()
    if found := CONTROL_RE.search(text):
        raise CellError(
            f"có ký tự điều khiển {control_name(found.group())} ở vị trí {found.start() + 1}: "
            "xóa ký tự này (thường do dán từ phần mềm khác)"
        )
    return text or None


# -- the sheets ---------------------------------------------------------------------


def _header(sheet: Sheet, required: Iterable[str]) -> tuple[int, dict[str, int]] | None:
    """The header row (the first row naming every `required` column) and column -> index."""
    wanted = {_key(n) for n in required}
    for number in sorted(sheet.rows)[:40]:
        names = {
            _key(str(c.value)): c.column
            for c in sheet.rows[number].values()
            if isinstance(c.value, str) and not c.formula
        }
        if wanted <= names.keys():
            return number, names
    return None


@dataclass(frozen=True)
class _Signed:
    """What the hidden sheet's signature covers beyond what `FilledForm` keeps: the day
    the form was made, the signature, and each model row as written (`form_signature`)."""

    made: str
    signature: object
    models: list[tuple[str, str, str]]


def _meta(sheet: Sheet, form: FilledForm, repo: Repository) -> _Signed | None:
    """Read the hidden sheet into `form`; what its signature covers, or None (a problem
    was added) when the sheet is not one `cchc form` wrote for a unit of `repo`."""
    values: dict[str, list[Any]] = {}
    rows: list[tuple[str, str, str]] = []
    for number in sorted(sheet.rows):
        row = sheet.rows[number]
        key = row.get(1)
        if key is None or not isinstance(key.value, str):
            continue
        cells = [row[c].value if c in row else None for c in range(2, 5)]
        if key.value == "model":
            model_text, status_text, since_text = ("" if v is None else str(v) for v in cells)
            rows.append((model_text, status_text, since_text))
            model_id = cells[0]
            status, since = cells[1], cells[2]
            if isinstance(model_id, str):
                shown: tuple[str, date] | None = None
                if isinstance(status, str) and status and isinstance(since, str) and since:
                    try:
                        shown = (status, date.fromisoformat(since))
                    except ValueError:
                        shown = None
                form.shown[model_id] = shown
        else:
            values[key.value] = cells
    bad = Problem(
        "trang ẩn _cchc của biểu mẫu bị hỏng hoặc bị sửa; lập lại biểu mẫu bằng `cchc form`"
    )
    version = (values.get("cchc-form") or [None])[0]
    if version is None:
        form.problems.append(bad)
        return None
    if version != FORM_VERSION and str(version) != str(FORM_VERSION):
        form.problems.append(
            Problem(
                f"biểu mẫu phiên bản {str(version)[:20]}, cchc này đọc phiên bản {FORM_VERSION}; "
                "lập lại biểu mẫu bằng `cchc form`"
            )
        )
        return None
    unit = (values.get("unit") or [None])[0]
    period = (values.get("period") or [None])[0]
    digest = (values.get("digest") or [None])[0]
    calendar = (values.get("calendar") or [0])[0]
    if (
        not isinstance(unit, str)
        or len(unit) > ID_MAX_LENGTH
        or not ID_RE.match(unit)
        or not isinstance(digest, str)
    ):
        form.problems.append(bad)
        return None
    try:
        form.period = parse_period(str(period), calendar=str(calendar) in ("1", "1.0"))
    except UsageError:
        form.problems.append(bad)
        return None
    if unit not in repo.units:
        form.problems.append(
            Problem(f"biểu mẫu của đơn vị “{unit}” nhưng kho dữ liệu không có đơn vị này")
        )
        return None
    form.unit_id, form.digest = unit, digest
    made = (values.get("made") or [None])[0]
    signature = (values.get("signature") or [None])[0]
    return _Signed("" if made is None else str(made), signature, rows)


def _signed(meta: _Signed, form: FilledForm, key: bytes | None) -> bool:
    """Whether the hidden sheet carries the signature `key` gives what it says."""
    import hmac

    if key is None or not isinstance(meta.signature, str) or form.period is None:
        return False
    expected = form_signature(
        key,
        unit_id=form.unit_id,
        period_code=form.period.code,
        calendar=form.period.calendar,
        digest=form.digest,
        made=meta.made,
        models=meta.models,
    )
    return hmac.compare_digest(expected, meta.signature)


def read_form(
    book: Book,
    repo: Repository,
    today: date,
    *,
    key: bytes | None = None,
    accept_unsigned: bool = False,
) -> FilledForm:
    """The events and results a filled form asks for, and every problem of its cells.
    The hidden sheet must carry the signature `key` gives it (`form_signature`), else the
    form is refused, or with `accept_unsigned` only noticed."""
    form = FilledForm(str(book.path))
    meta = book.sheets.get(META_SHEET)
    if meta is None:
        form.problems.append(
            Problem(
                "không phải biểu mẫu cchc (không có trang ẩn _cchc)",
            )
        )
        return form
    signed = _meta(meta, form, repo)
    if signed is None:
        return form
    if not _signed(signed, form, key):
        unsigned = Problem(
            "biểu mẫu không có chữ ký hợp lệ của máy này: phần ẩn của biểu mẫu đã bị sửa, "
            "hoặc biểu mẫu do máy khác lập"
        )
        form.unsigned = True
        if not accept_unsigned:
            form.problems.append(unsigned)
            return form
        form.notices.append(unsigned)
    for sheet in (book.sheets.get(ADOPTION_SHEET), book.sheets.get(RESULT_SHEET)):
        if sheet is not None and not _same_unit(sheet, form, repo):
            return form
    adoption = book.sheets.get(ADOPTION_SHEET)
    if adoption is None:
        form.problems.append(Problem(f"không có trang “{ADOPTION_SHEET}” (trang bị đổi tên?)"))
    else:
        _adoption_rows(adoption, form, repo, today)
    results = book.sheets.get(RESULT_SHEET)
    if results is None:
        form.problems.append(Problem(f"không có trang “{RESULT_SHEET}” (trang bị đổi tên?)"))
    else:
        _result_rows(results, form, repo, today)
    return form


UNIT_LINE: Final = "Đơn vị báo cáo:"


def _same_unit(sheet: Sheet, form: FilledForm, repo: Repository) -> bool:
    """False (and a problem kept) when the title block names another unit than the hidden
    sheet: what the officer sees must be the unit whose file the import writes."""
    unit = repo.units[form.unit_id]
    parent = repo.units.get(unit.parent or "")
    expected = unit.name + (f" (thuộc {parent.name})" if parent else "")
    for number in sorted(sheet.rows)[:10]:
        for cell in sheet.rows[number].values():
            if isinstance(cell.value, str) and cell.value.startswith(UNIT_LINE):
                shown = cell.value.removeprefix(UNIT_LINE)
                if _key(shown) == _key(expected):
                    return True
                form.problems.append(
                    Problem(
                        f"tiêu đề biểu mẫu ghi “{UNIT_LINE} {' '.join(shown.split())[:120]}” "
                        f"nhưng phần dữ liệu ẩn của biểu mẫu là của {expected}; không nhập — "
                        "lập lại biểu mẫu bằng `cchc form`",
                        sheet.name,
                        cell.ref,
                    )
                )
                return False
    return True


def _model(cell: Cell, repo: Repository) -> str:
    text = str(_plain(cell)).strip()
    if text not in repo.models:
        raise CellError(f"mã mô hình “{_shown(cell)}” không có trong kho dữ liệu")
    return text


def _indicator(cell: Cell, repo: Repository) -> str:
    text = str(_plain(cell)).strip()
    if text in repo.indicators:
        return text
    by_name = {_key(i.name): i.id for i in repo.indicators.values()}
    found = by_name.get(_key(text))
    if found is not None:
        return found
    if ID_RE.match(text) and len(text) <= 80:
        return text  # an indicator not listed in data/indicators.yaml: a warning only
    raise CellError(f"chỉ tiêu “{_shown(cell)}” không có trong danh sách chỉ tiêu")


class _Row:
    """The cells of one row of a sheet, and the problems found reading them."""

    def __init__(self, sheet: Sheet, number: int) -> None:
        self.sheet = sheet.name
        self.number = number
        self.cells = sheet.rows[number]
        self.problems: list[Problem] = []

    def get(self, column: int | None) -> Cell | None:
        return None if column is None else self.cells.get(column)

    def ref(self, column: int | None) -> str:
        return f"{column_letter(column)}{self.number}" if column else f"dòng {self.number}"

    def add(self, message: str, column: int | None) -> None:
        self.problems.append(Problem(message, self.sheet, self.ref(column)))

    def read(self, column: int | None, reader: Callable[[Cell], T]) -> T | None:
        """`reader` of the cell at `column`; None when it is empty or unreadable (then a
        problem is kept)."""
        cell = self.get(column)
        if cell is None:
            return None
        try:
            return reader(cell)
        except CellError as error:
            self.add(str(error), column)
            return None


def _adoption_rows(sheet: Sheet, form: FilledForm, repo: Repository, today: date) -> None:
    found = _header(sheet, ("Mã mô hình", "Tình trạng mới", "Ngày"))
    if found is None:
        form.problems.append(
            Problem(
                "không tìm thấy dòng tiêu đề có cột “Mã mô hình”, “Tình trạng mới”, “Ngày”",
                sheet.name,
            )
        )
        return
    header, columns = found
    col_model = columns[_key("Mã mô hình")]
    col_status = columns[_key("Tình trạng mới")]
    col_date = columns[_key("Ngày")]
    col_note = columns.get(_key("Ghi chú"))
    for number in sorted(r for r in sheet.rows if r > header):
        row = _Row(sheet, number)
        status_cell, date_cell = row.get(col_status), row.get(col_date)
        note_cell = row.get(col_note)
        if status_cell is None and date_cell is None and note_cell is None:
            continue
        model = row.read(col_model, lambda c: _model(c, repo))
        if row.get(col_model) is None:
            row.add("thiếu mã mô hình", col_model)
        note = row.read(col_note, read_text)
        status = row.read(col_status, read_status)
        day = row.read(col_date, lambda c: read_date(c, today))
        if status_cell is None and date_cell is None:
            if not row.problems:
                form.notices.append(
                    Problem(
                        "có ghi chú nhưng không có tình trạng mới: không nhập dòng này",
                        sheet.name,
                        row.ref(col_note),
                    )
                )
            form.problems.extend(row.problems)
            continue
        if status_cell is None:
            row.add("có ngày nhưng chưa chọn tình trạng mới", col_status)
        if date_cell is None:
            row.add("thiếu ngày của tình trạng mới", col_date)
        if status == "not-applicable" and not note:
            row.add("“Không phù hợp” cần ghi lý do ở cột Ghi chú", col_note or col_status)
        if row.problems or model is None or status is None or day is None:
            form.problems.extend(row.problems)
            continue
        if form.period is not None and day > form.period.end:
            form.notices.append(
                Problem(
                    f"ngày {format_date_vn(day)} sau ngày chốt số liệu của kỳ "
                    f"({format_date_vn(form.period.end)}): tình trạng này tính vào kỳ sau",
                    sheet.name,
                    row.ref(col_date),
                )
            )
        form.events.append(
            NewEvent(model, status, day, note, number, row.ref(col_status), row.ref(col_date))
        )


#: The results columns `cchc import` cannot do without (a note is optional).
RESULT_NEEDED: Final = tuple(c for c in RESULT_INPUTS if c != "Ghi chú")


def _result_rows(sheet: Sheet, form: FilledForm, repo: Repository, today: date) -> None:
    found = _header(sheet, RESULT_NEEDED)
    if found is None:
        form.problems.append(
            Problem(
                "không tìm thấy dòng tiêu đề có đủ các cột "
                + ", ".join(f"“{n}”" for n in RESULT_NEEDED),
                sheet.name,
            )
        )
        return
    header, columns = found
    col = {n: columns[_key(n)] for n in RESULT_NEEDED}
    col_note = columns.get(_key("Ghi chú"))
    for number in sorted(r for r in sheet.rows if r > header):
        row = _Row(sheet, number)
        num_cell, den_cell, value_cell = (row.get(col[n]) for n in ("Tử số", "Mẫu số", "Giá trị"))
        if num_cell is None and den_cell is None and value_cell is None:
            continue  # no figures: a suggested row left empty
        model = row.read(col["Mã mô hình"], lambda c: _model(c, repo))
        if row.get(col["Mã mô hình"]) is None:
            row.add("thiếu mã mô hình", col["Mã mô hình"])
        indicator = row.read(col["Chỉ tiêu"], lambda c: _indicator(c, repo))
        if row.get(col["Chỉ tiêu"]) is None:
            row.add("thiếu chỉ tiêu", col["Chỉ tiêu"])
        start = row.read(col["Từ ngày"], lambda c: read_date(c, today, "từ ngày"))
        to = row.read(col["Đến ngày"], lambda c: read_date(c, today, "đến ngày"))
        if row.get(col["Đến ngày"]) is None:
            row.add("thiếu “Đến ngày” (ngày chốt số liệu)", col["Đến ngày"])
        numerator = row.read(col["Tử số"], lambda c: int(read_number(c, whole=True)))
        denominator = row.read(col["Mẫu số"], lambda c: int(read_number(c, whole=True)))
        value = row.read(col["Giá trị"], lambda c: read_number(c, whole=False))
        note = row.read(col_note, read_text)
        if value_cell is not None and (num_cell is not None or den_cell is not None):
            row.add("ghi “Giá trị”, hoặc “Tử số” với “Mẫu số”, không ghi cả hai", col["Giá trị"])
        elif value_cell is None and (num_cell is None or den_cell is None):
            missing = "Mẫu số" if den_cell is None else "Tử số"
            row.add(f"thiếu “{missing}”", col[missing])
        if denominator == 0:
            row.add("mẫu số phải lớn hơn 0", col["Mẫu số"])
        if numerator is not None and denominator and numerator > denominator:
            row.add(f"tử số {numerator} lớn hơn mẫu số {denominator}", col["Tử số"])
        if start is not None and to is not None and start > to:
            row.add(
                f"“Từ ngày” {format_date_vn(start)} sau “Đến ngày” {format_date_vn(to)}",
                col["Từ ngày"],
            )
        info = repo.indicators.get(indicator) if indicator else None
        if value is not None and info is not None and info.unit == "percent" and value > 100:
            row.add(f"tỷ lệ {value}% lớn hơn 100%", col["Giá trị"])
        if row.problems or model is None or indicator is None or to is None:
            form.problems.extend(row.problems)
            continue
        first = col["Giá trị"] if value is not None else col["Tử số"]
        form.results.append(
            NewResult(
                model,
                indicator,
                start,
                to,
                value,
                numerator,
                denominator,
                note,
                number,
                row.ref(first),
            )
        )
