"""Excel (openpyxl): the report, one sheet per table, figures as numbers with their
formats (percentages as 0.0%, a change in percentage points as a number of "điểm %",
dates, thousands), every sheet ready to print; text from data never becomes a formula."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from cchc.atomic import write_atomic
from cchc.present.registry import Target, register
from cchc.present.views.report import Percent, ReportView, Table, cell_text
from cchc.safe import xlsx_set

#: A change in percentage points is a number of points, not a percentage.
POINTS_FORMAT = '+0.0" điểm %";-0.0" điểm %";0.0" điểm %"'
PERCENT_FORMAT = "0.0%"
#: Column widths (characters): text columns wrap between these, figures stay narrow.
MIN_WIDTH, MAX_WIDTH, NAME_WIDTH = 6, 60, 28


@register(ReportView, "xlsx", binary=True)
def report_xlsx(view: ReportView, target: Target) -> None:
    """One sheet per table, ready to print: A4 landscape, one page wide, the header row
    repeated on every page, borders, wrapped text, the header frozen, widths from the
    content."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    assert target.path is not None
    wb = Workbook()
    wb.remove(wb.active)
    heading = view.report.period.heading
    bold = Font(name=FONT, bold=True)
    plain = Font(name=FONT)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for table in view.tables:
        ws = wb.create_sheet(sheet_name(table))
        title = ws.cell(row=1, column=1)
        xlsx_set(title, f"{table.title} – {heading}")
        title.font = Font(name=FONT, bold=True, size=13)
        numeric = [_numeric(table, i) for i in range(len(table.headers))]
        for col, header in enumerate(table.headers, 1):
            c = ws.cell(row=2, column=col)
            xlsx_set(c, header)
            c.font = bold
            c.border = border
            c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for r, row in enumerate(table.rows, 3):
            for col, cell in enumerate(row.cells, 1):
                c = ws.cell(row=r, column=col)
                if isinstance(cell, Percent):
                    c.value = (
                        None if cell.value is None else cell.value * (100 if cell.signed else 1)
                    )
                    c.number_format = POINTS_FORMAT if cell.signed else PERCENT_FORMAT
                elif isinstance(cell, date):
                    c.value = cell
                    c.number_format = "DD/MM/YYYY"
                elif isinstance(cell, int):
                    c.value = cell
                    c.number_format = "#,##0"
                else:  # text (never a formula), or None
                    xlsx_set(c, cell)
                c.font = bold if row.subtotal else plain
                c.border = border
                c.alignment = Alignment(
                    wrap_text=True,
                    vertical="top",
                    horizontal="right" if numeric[col - 1] else None,
                )
        ws.freeze_panes = "A3"
        widths = _widths(table, numeric)
        for col, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(col)].width = width
        # Row heights for the wrapped lines: spreadsheets do not grow rows on opening.
        ws.row_dimensions[2].height = LINE_HEIGHT * _lines(table.headers, widths, bold=True)
        for r, row in enumerate(table.rows, 3):
            texts = [cell_text(c) for c in row.cells]
            ws.row_dimensions[r].height = LINE_HEIGHT * _lines(texts, widths, bold=row.subtotal)
        _print_setup(ws)
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(target.path, buffer.getvalue(), option=True)


FONT = "Times New Roman"


def _print_setup(ws: Any) -> None:
    """A4 landscape, one page wide (as many pages tall as needed), the title and header
    rows repeated on every page, centred, page numbers in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:2"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddFooter.center.text = "Trang &P/&N"


LINE_HEIGHT = 15.0  # points, for 11 pt text


def _lines(texts: Sequence[str], widths: list[float], *, bold: bool = False) -> int:
    """How many lines the tallest cell of a row wraps to (words kept whole)."""
    import textwrap

    most = 1
    for text, width in zip(texts, widths, strict=True):
        room = max(int((width - 1) / (1.1 if bold else 1.0)), 1)
        most = max(most, len(textwrap.wrap(text, room, break_long_words=False)) or 1)
    return most


def _numeric(table: Table, i: int) -> bool:
    """A column of figures: every filled cell is a number, a percentage or a date."""
    cells = [r.cells[i] for r in table.rows if r.cells[i] is not None and r.cells[i] != ""]
    return bool(cells) and all(
        isinstance(c, int | float | Percent | date) and not isinstance(c, bool) for c in cells
    )


def _widths(table: Table, numeric: list[bool]) -> list[float]:
    """Widths in characters from the content: figures as wide as their longest text,
    text as wide as its longest line up to MAX_WIDTH (then it wraps), names at least
    NAME_WIDTH; header words never broken."""
    widths: list[float] = []
    for i, header in enumerate(table.headers):
        texts = [cell_text(r.cells[i]) for r in table.rows]
        longest = max((len(t) for t in texts), default=0)
        word = max((len(w) for w in header.split()), default=0)
        if numeric[i]:
            width = max(longest + 2, word + 2, MIN_WIDTH)
        else:
            width = min(max(longest + 2, word + 2, MIN_WIDTH), MAX_WIDTH)
            if longest > NAME_WIDTH:
                width = max(width, NAME_WIDTH)
        widths.append(float(width))
    return widths


def sheet_name(table: Table) -> str:
    """The sheet of a table: a short Vietnamese name (Excel allows 31 characters)."""
    names = {
        "summary": "Tổng hợp",
        "directives": "Theo văn bản",
        "models": "Theo mô hình",
        "units": "Theo đơn vị",
        "overdue": "Cần đôn đốc",
        "reorganisation": "Sắp xếp đơn vị",
        "results": "Kết quả",
        "difficulties": "Khó khăn",
        "new-models": "Mô hình mới",
    }
    if table.key.startswith("directive-"):  # one sheet per directive: "Văn bản 1", ...
        return f"Văn bản {table.key.removeprefix('directive-')}"
    return names.get(table.key, table.key)[:31]
