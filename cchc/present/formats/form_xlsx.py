"""The Excel reporting form of one unit (`cchc form`, docs/forms.md).

Two sheets an officer fills in ("Tình hình áp dụng", "Kết quả") and a very hidden sheet
("_cchc") with what `cchc import` needs: the form version, the unit, the period, a digest
of the unit's file when the form was made and, per model, the state the form showed.
Columns to fill have a yellow background and are unlocked; every other cell is locked
(sheet protection without a password: it guards against slips, not people). The new
status is a dropdown of the Vietnamese status names, dates are validated real dates
shown as dd/mm/yyyy, and each sheet prints on A4 landscape, one page wide, with its
header row repeated. Text from data is written as text, never as a formula (cchc.safe).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final

from cchc.atomic import write_atomic
from cchc.compute.forms import (
    ADOPTION_COLUMNS,
    ADOPTION_INPUTS,
    ADOPTION_SHEET,
    EMPTY_RESULT_ROWS,
    FORM_VERSION,
    META_SHEET,
    RESULT_COLUMNS,
    RESULT_INPUTS,
    RESULT_SHEET,
    UnitForm,
    form_signature,
    status_choices,
)
from cchc.load.workbook import column_letter
from cchc.periods import format_date_vn
from cchc.safe import xlsx_set

FONT: Final = "Times New Roman"
DATE_FORMAT: Final = "dd/mm/yyyy"
#: Excel serial numbers of 1/1/2000 and 31/12/2100: the range the date cells accept.
FIRST_SERIAL, LAST_SERIAL = 36526, 73415
INPUT_FILL: Final = "FFF2CC"
HEADER_FILL: Final = "D9E1F2"
ADOPTION_WIDTHS: Final = {
    "Mã mô hình": 24,
    "Tên mô hình": 38,
    "Văn bản chỉ đạo": 26,
    "Hạn áp dụng": 12,
    "Tình trạng hiện tại": 22,
    "Tình trạng mới": 22,
    "Ngày": 13,
    "Ghi chú": 32,
}
RESULT_WIDTHS: Final = {
    "Mã mô hình": 24,
    "Tên mô hình": 30,
    "Chỉ tiêu": 38,
    "Từ ngày": 13,
    "Đến ngày": 13,
    "Tử số": 11,
    "Mẫu số": 11,
    "Giá trị": 11,
    "Ghi chú": 26,
}
ADOPTION_HELP: Final = (
    "Hướng dẫn: chỉ điền các ô nền vàng. Ở cột “Tình trạng mới”, chọn tình trạng trong danh "
    "sách khi tình trạng áp dụng mô hình thay đổi trong kỳ, rồi ghi “Ngày” bắt đầu tình "
    "trạng đó (ngày/tháng/năm, ví dụ 15/03/2025). Mô hình không thay đổi thì để trống. "
    "Chọn “Không phù hợp” thì ghi lý do ở cột “Ghi chú”. Không sửa các cột khác, không đổi "
    "tên trang, không xóa trang."
)
RESULT_HELP: Final = (
    "Hướng dẫn: ghi số liệu của các chỉ tiêu trong kỳ. Chỉ tiêu tỷ lệ: ghi “Tử số” và "
    "“Mẫu số” (ví dụ 744 hồ sơ đúng hạn trên 747 hồ sơ); khi chỉ có tỷ lệ thì ghi tỷ lệ % ở "
    "“Giá trị”. Chỉ tiêu đếm: ghi “Giá trị”. “Đến ngày” là ngày chốt số liệu. Dòng không "
    "có số liệu được bỏ qua. Các dòng trống cuối trang để thêm chỉ tiêu khác: chọn mã mô "
    "hình và chỉ tiêu trong danh sách."
)


def form_bytes(form: UnitForm, *, digest: str, made: date, key: bytes | None) -> bytes:
    """The workbook of `form` as .xlsx bytes; `digest`: the unit file's digest now; `key`:
    the key that signs the hidden sheet (`cchc.compute.forms.form_signature`), None for an
    unsigned form."""
    from openpyxl import Workbook

    wb = Workbook()
    adoption = wb.active
    adoption.title = ADOPTION_SHEET
    results = wb.create_sheet(RESULT_SHEET)
    meta = wb.create_sheet(META_SHEET)
    lists = _write_meta(meta, form, digest, made, key)
    _adoption_sheet(adoption, form)
    _result_sheet(results, form, lists)
    meta.sheet_state = "veryHidden"
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_form(form: UnitForm, path: Path, *, digest: str, made: date, key: bytes | None) -> None:
    """Write the form of `form` to `path` atomically (cchc.atomic)."""
    write_atomic(path, form_bytes(form, digest=digest, made=made, key=key), option=True)


def _write_meta(
    ws: Any, form: UnitForm, digest: str, made: date, key: bytes | None
) -> dict[str, str]:
    """Fill the hidden sheet; the ranges the dropdowns of the results sheet list."""
    rows: list[tuple[Any, ...]] = [
        ("cchc-form", FORM_VERSION),
        ("unit", form.unit_id),
        ("period", form.period.code),
        ("calendar", 1 if form.period.calendar else 0),
        ("digest", digest),
        ("made", made.isoformat()),
    ]
    shown: list[tuple[str, str, str]] = []
    for line in form.adoptions:
        status, since = line.own_last if line.own_last else ("", None)
        shown.append((line.model_id, status, since.isoformat() if since else ""))
    rows += [("model", *model) for model in shown]
    if key is not None:
        signature = form_signature(
            key,
            unit_id=form.unit_id,
            period_code=form.period.code,
            calendar=form.period.calendar,
            digest=digest,
            made=made.isoformat(),
            models=shown,
        )
        rows.append(("signature", signature))
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            xlsx_set(ws.cell(row=r, column=c), value)
    # dropdown lists: indicator names (F) with their ids (G), model ids (I)
    for r, (name, indicator_id) in enumerate(form.indicators, 1):
        xlsx_set(ws.cell(row=r, column=6), name)
        xlsx_set(ws.cell(row=r, column=7), indicator_id)
    models = [line.model_id for line in form.adoptions]
    for r, model_id in enumerate(models, 1):
        xlsx_set(ws.cell(row=r, column=9), model_id)
    lists: dict[str, str] = {}
    if form.indicators:
        lists["indicators"] = f"'{META_SHEET}'!$F$1:$F${len(form.indicators)}"
    if models:
        lists["models"] = f"'{META_SHEET}'!$I$1:$I${len(models)}"
    return lists


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    return {
        "title": Font(name=FONT, bold=True, size=14),
        "bold": Font(name=FONT, bold=True),
        "plain": Font(name=FONT),
        "italic": Font(name=FONT, italic=True),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "input": PatternFill("solid", fgColor=INPUT_FILL),
        "header": PatternFill("solid", fgColor=HEADER_FILL),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(wrap_text=True, vertical="center", horizontal="center"),
    }


def _title_block(ws: Any, form: UnitForm, heading: str, help_text: str, width: int) -> int:
    """The title, unit, period, directives and instructions; the next free row."""
    s = _styles()
    period = form.period
    unit = form.unit_name
    if form.parent_name:
        unit += f" (thuộc {form.parent_name})"
    lines: list[tuple[str, Any]] = [
        (heading, s["title"]),
        (f"Đơn vị báo cáo: {unit}", s["bold"]),
        (
            f"Kỳ báo cáo: {period.label} (số liệu từ ngày {format_date_vn(period.start)} "
            f"đến ngày {format_date_vn(period.end)})",
            s["bold"],
        ),
    ]
    for d in form.directives:
        deadline = (
            f"hạn áp dụng {format_date_vn(d.deadline)}" if d.deadline else "không ghi hạn áp dụng"
        )
        subject = f" về việc {d.subject}" if d.subject else ""
        lines.append((f"Văn bản chỉ đạo: {d.label}{subject} ({deadline})", s["plain"]))
    if not form.directives:
        lines.append(("Không có văn bản chỉ đạo nhân rộng nào còn hiệu lực trong kỳ.", s["plain"]))
    lines.append((help_text, s["italic"]))
    total = sum(_width_of(ws, c) for c in range(1, width + 1))
    for r, (text, font) in enumerate(lines, 1):
        cell = ws.cell(row=r, column=1)
        xlsx_set(cell, text)
        cell.font = font
        cell.alignment = s["center"] if r == 1 else s["wrap"]
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        room = max(int(total * (0.8 if r == 1 else 1.0)) - 2, 10)
        count = len(textwrap.wrap(text, room)) or 1
        ws.row_dimensions[r].height = (18.0 if r == 1 else 15.0) * count + 2
    return len(lines) + 2


def _width_of(ws: Any, column: int) -> float:
    from openpyxl.utils import get_column_letter

    return float(ws.column_dimensions[get_column_letter(column)].width or 10)


def _set_widths(ws: Any, columns: Sequence[str], widths: dict[str, int]) -> None:
    from openpyxl.utils import get_column_letter

    for c, name in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(c)].width = widths[name]


def _header(ws: Any, row: int, columns: Sequence[str], inputs: Sequence[str]) -> None:
    s = _styles()
    for c, name in enumerate(columns, 1):
        cell = ws.cell(row=row, column=c)
        xlsx_set(cell, name)
        cell.font = s["bold"]
        cell.border = s["border"]
        cell.alignment = s["center"]
        cell.fill = s["input"] if name in inputs else s["header"]
    ws.row_dimensions[row].height = 32.0


def _body_cell(ws: Any, row: int, column: int, value: Any, *, editable: bool) -> Any:
    from openpyxl.styles import Protection

    s = _styles()
    cell = ws.cell(row=row, column=column)
    xlsx_set(cell, value)
    cell.font = s["plain"]
    cell.border = s["border"]
    cell.alignment = s["wrap"]
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if editable:
        cell.fill = s["input"]
        cell.protection = Protection(locked=False)
    return cell


def _row_height(texts: Sequence[str], widths: Sequence[float]) -> float:
    most = 1
    for text, width in zip(texts, widths, strict=True):
        room = max(int(width * 1.3) - 2, 4)  # Times New Roman fits more than the unit
        most = max(most, len(textwrap.wrap(text, room, break_long_words=False)) or 1)
    return 14.5 * most + 4


def _date_validation(ws: Any, ref: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="date",
        operator="between",
        formula1=str(FIRST_SERIAL),
        formula2=str(LAST_SERIAL),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ngày không hợp lệ",
        error="Ghi ngày dạng ngày/tháng/năm, ví dụ 15/03/2025.",
        showInputMessage=True,
        promptTitle="Ngày",
        prompt="Ngày/tháng/năm, ví dụ 15/03/2025",
    )
    dv.add(ref)
    ws.add_data_validation(dv)


def _list_validation(ws: Any, ref: str, formula: str, title: str, error: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=error,
    )
    dv.add(ref)
    ws.add_data_validation(dv)


def _number_validation(ws: Any, ref: str, *, whole: bool) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="whole" if whole else "decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số không hợp lệ",
        error="Ghi số nguyên không âm." if whole else "Ghi một số không âm, ví dụ 99,5.",
    )
    dv.add(ref)
    ws.add_data_validation(dv)


def _letter(columns: Sequence[str], name: str) -> str:
    return column_letter(columns.index(name) + 1)


def _finish(ws: Any, header_row: int, last_column: int) -> None:
    """Freeze the header, protect the sheet (no password), A4 landscape one page wide."""
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column or a row stays allowed
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{get_column_letter(last_column)}{ws.max_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P/&N"


def _adoption_sheet(ws: Any, form: UnitForm) -> None:
    columns = ADOPTION_COLUMNS
    _set_widths(ws, columns, ADOPTION_WIDTHS)
    header = _title_block(
        ws,
        form,
        "BÁO CÁO TÌNH HÌNH ÁP DỤNG MÔ HÌNH, SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH",
        ADOPTION_HELP,
        len(columns),
    )
    _header(ws, header, columns, ADOPTION_INPUTS)
    widths = [float(ADOPTION_WIDTHS[c]) for c in columns]
    row = header
    for row, line in enumerate(form.adoptions, header + 1):
        values: dict[str, Any] = {
            "Mã mô hình": line.model_id,
            "Tên mô hình": line.model_title,
            "Văn bản chỉ đạo": "; ".join(line.directives) or "(đơn vị tự ghi nhận)",
            "Hạn áp dụng": line.deadline,
            "Tình trạng hiện tại": line.status_text,
            "Tình trạng mới": None,
            "Ngày": None,
            "Ghi chú": None,
        }
        for c, name in enumerate(columns, 1):
            cell = _body_cell(ws, row, c, values[name], editable=name in ADOPTION_INPUTS)
            if name == "Ngày":
                cell.number_format = DATE_FORMAT
        texts = [
            format_date_vn(v) if isinstance(v, date) else str(v or "") for v in values.values()
        ]
        ws.row_dimensions[row].height = _row_height(texts, widths)
    if form.adoptions:
        first, last = header + 1, row
        status = _letter(columns, "Tình trạng mới")
        choices = ",".join(status_choices())
        _list_validation(
            ws,
            f"{status}{first}:{status}{last}",
            f'"{choices}"',
            "Tình trạng không hợp lệ",
            "Chọn một tình trạng trong danh sách.",
        )
        day = _letter(columns, "Ngày")
        _date_validation(ws, f"{day}{first}:{day}{last}")
    _finish(ws, header, len(columns))


def _result_sheet(ws: Any, form: UnitForm, lists: dict[str, str]) -> None:
    columns = RESULT_COLUMNS
    _set_widths(ws, columns, RESULT_WIDTHS)
    header = _title_block(
        ws, form, "KẾT QUẢ ÁP DỤNG MÔ HÌNH (SỐ LIỆU CHỈ TIÊU)", RESULT_HELP, len(columns)
    )
    _header(ws, header, columns, RESULT_INPUTS)
    widths = [float(RESULT_WIDTHS[c]) for c in columns]
    period = form.period
    rows: list[dict[str, Any]] = [
        {
            "Mã mô hình": line.model_id,
            "Tên mô hình": line.model_title,
            "Chỉ tiêu": line.indicator_name,
            "Từ ngày": period.start,
            "Đến ngày": period.end,
        }
        for line in form.results
    ]
    rows += [{} for _ in range(EMPTY_RESULT_ROWS)]
    row = header
    for row, values in enumerate(rows, header + 1):
        for c, name in enumerate(columns, 1):
            cell = _body_cell(ws, row, c, values.get(name), editable=name in RESULT_INPUTS)
            if name in ("Từ ngày", "Đến ngày"):
                cell.number_format = DATE_FORMAT
        texts = [
            format_date_vn(v) if isinstance(v, date) else str(v or "")
            for v in (values.get(name) for name in columns)
        ]
        ws.row_dimensions[row].height = _row_height(texts, widths)
    first, last = header + 1, row
    for name in ("Từ ngày", "Đến ngày"):
        letter = _letter(columns, name)
        _date_validation(ws, f"{letter}{first}:{letter}{last}")
    for name in ("Tử số", "Mẫu số"):
        letter = _letter(columns, name)
        _number_validation(ws, f"{letter}{first}:{letter}{last}", whole=True)
    letter = _letter(columns, "Giá trị")
    _number_validation(ws, f"{letter}{first}:{letter}{last}", whole=False)
    if "models" in lists:
        letter = _letter(columns, "Mã mô hình")
        _list_validation(
            ws,
            f"{letter}{first}:{letter}{last}",
            lists["models"],
            "Mã mô hình không hợp lệ",
            "Chọn mã một mô hình có ở trang Tình hình áp dụng.",
        )
    if "indicators" in lists:
        letter = _letter(columns, "Chỉ tiêu")
        _list_validation(
            ws,
            f"{letter}{first}:{letter}{last}",
            lists["indicators"],
            "Chỉ tiêu không hợp lệ",
            "Chọn một chỉ tiêu trong danh sách.",
        )
    _finish(ws, header, len(columns))
