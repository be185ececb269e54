"""Excel (openpyxl): the report, one sheet per table, figures as numbers with their
formats (percentages, dates, thousands); text from data never becomes a formula."""

from __future__ import annotations

import io
from datetime import date

from cchc.atomic import write_atomic
from cchc.present.registry import Target, register
from cchc.present.views.report import Percent, ReportView, Table
from cchc.safe import xlsx_set


@register(ReportView, "xlsx", binary=True)
def report_xlsx(view: ReportView, target: Target) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    assert target.path is not None
    wb = Workbook()
    wb.remove(wb.active)
    heading = view.report.period.heading
    bold = Font(bold=True)
    for table in view.tables:
        ws = wb.create_sheet(sheet_name(table))
        title = ws.cell(row=1, column=1)
        xlsx_set(title, f"{table.title} – {heading}")
        title.font = Font(bold=True, size=13)
        for col, header in enumerate(table.headers, 1):
            c = ws.cell(row=2, column=col)
            xlsx_set(c, header)
            c.font = bold
            c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for r, row in enumerate(table.rows, 3):
            for col, cell in enumerate(row.cells, 1):
                c = ws.cell(row=r, column=col)
                if isinstance(cell, Percent):
                    c.value = cell.value
                    c.number_format = "+0.0%;-0.0%;0.0%" if cell.signed else "0.0%"
                elif isinstance(cell, date):
                    c.value = cell
                    c.number_format = "DD/MM/YYYY"
                elif isinstance(cell, int):
                    c.value = cell
                    c.number_format = "#,##0"
                else:  # text (never a formula), or None
                    xlsx_set(c, cell)
                if row.subtotal:
                    c.font = bold
        ws.freeze_panes = "A3"
        for col, width in enumerate(table.widths, 1):
            ws.column_dimensions[get_column_letter(col)].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(target.path, buffer.getvalue(), option=True)


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
