"""Renderers of a `ProgressReport`, one per `cchc report --format`, chosen from `RENDERERS`.

Text formats (text, md, csv, html, json) write to a text stream; binary formats (xlsx,
docx) need a file. All of them print the tables of `cchc.output.report_tables`.

- csv: UTF-8 with BOM (Excel opens it with the right accents); the tables one after
  another, each preceded by a line holding its title and followed by a blank line.
- html: the Jinja template ``report.html.j2``, looked up first in the data repository's
  ``templates/report/`` and then in the package, through the one sandboxed environment of
  `cchc.render.templates`.
  Charts are inline SVG bars in greys with black outlines and printed values, readable in
  black and white.
- docx: A4, Times New Roman 13, the title "BÁO CÁO", the period heading, every table with
  a repeated header row, and bar charts as PNG pictures (cchc.output.charts) followed by
  their numbers, so they print in black and white.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from cchc.atomic import write_atomic
from cchc.compute.progress import ProgressReport
from cchc.output.report_tables import (
    Cell,
    Chart,
    Percent,
    Table,
    build_charts,
    build_tables,
    cell_text,
    report_json,
    title_lines,
)
from cchc.safe import console as safe_console
from cchc.safe import spreadsheet_text, terminal_text, xlsx_set, xml_text
from cchc.text import format_percent

__all__ = ["BINARY_FORMATS", "FORMATS", "RENDERERS", "render"]


@dataclass(frozen=True)
class Target:
    """Where to write: a text stream (text formats) and/or a path (binary formats)."""

    stream: IO[str] | None
    path: Path | None
    root: Path | None = None  # the data repository (its templates/ override the package's)
    width: int | None = None  # terminal width for the text format


# -- text (rich) --------------------------------------------------------------------


#: Narrow headers for the terminal's numeric columns, explained in a legend under the table.
_SHORT_HEADERS = {
    "Số đơn vị phải áp dụng": "Phải AD",
    "Đã có kế hoạch": "KH",
    "Đang triển khai": "TK",
    "Triển khai hiệu quả": "HQ",
    "Triển khai chưa hiệu quả": "CHQ",
    "Tạm dừng": "TD",
    "Không phù hợp": "KPH",
    "Chưa triển khai": "Chưa",
    "Tỷ lệ nhân rộng": "Tỷ lệ",
}
_LEGEND = ("  Phải AD: số đơn vị phải áp dụng; KH: đã có kế hoạch; TK: đang triển khai; "
           "HQ: triển khai hiệu quả; CHQ: triển khai chưa hiệu quả; TD: tạm dừng; "
           "KPH: không phù hợp; Chưa: chưa triển khai; Tỷ lệ: tỷ lệ nhân rộng.")


def render_text(report: ProgressReport, target: Target) -> None:
    from rich.progress_bar import ProgressBar
    from rich.table import Table as RichTable
    from rich.text import Text

    assert target.stream is not None
    # Data is printed literally: no rich markup, control characters shown as \x1b.
    console = safe_console(target.stream, width=target.width)
    lines = [terminal_text(line) for line in title_lines(report)]
    console.print(Text(lines[0], style="bold"), justify="center")
    for line in lines[1:]:
        console.print(Text(line), justify="center")
    console.print()
    for table in build_tables(report):
        if not table.rows:
            console.print(Text(table.title, style="bold"))
            console.print(Text("  (không có)", style="dim"))
            console.print()
            continue
        # The terminal is narrow: the models table drops its long last column (the best
        # results, listed under the table) and gains a progress bar.
        is_models = table.key == "models"
        columns = len(table.headers) - 1 if is_models else len(table.headers)
        rich_table = RichTable(title=table.title, title_justify="left", title_style="bold")
        shortened = False
        for i, header in enumerate(table.headers[:columns]):
            numeric = any(isinstance(r.cells[i], int | float | Percent) for r in table.rows)
            short = _SHORT_HEADERS.get(header, header) if numeric else header
            shortened |= short != header
            rich_table.add_column(short, justify="right" if numeric else "left",
                                  overflow="fold", no_wrap=numeric,
                                  min_width=None if numeric else 18)
        if is_models:
            rich_table.add_column("Tiến độ", no_wrap=True)
        rates = [m.rate for m in report.models] + [report.summary.rate]
        for i, row in enumerate(table.rows):
            cells: list[Any] = [terminal_text(cell_text(c)) for c in row.cells[:columns]]
            if is_models:
                cells.append(ProgressBar(total=100, completed=(rates[i] or 0) * 100, width=12))
            rich_table.add_row(*cells, style="bold" if row.subtotal else None)
        console.print(rich_table)
        if shortened:
            console.print(Text(_LEGEND, style="dim"))
        if is_models:
            for i, row in enumerate(table.rows, 1):
                if row.cells[-1]:
                    console.print(Text(terminal_text(f"  {i}. {row.cells[1]} – kết quả "
                                                     f"nổi bật: {row.cells[-1]}")))
        console.print()


# -- markdown -----------------------------------------------------------------------


def _md_cell(cell: Cell) -> str:
    return terminal_text(cell_text(cell)).replace("|", "\\|").replace("\n", " ")


def render_md(report: ProgressReport, target: Target) -> None:
    assert target.stream is not None
    out = target.stream
    lines = [terminal_text(line) for line in title_lines(report)]
    out.write(f"# {lines[0]}\n\n")
    for line in lines[1:]:
        out.write(f"**{line}**\n\n" if line == lines[1] else f"{line}\n\n")
    for table in build_tables(report):
        out.write(f"## {table.title}\n\n")
        if not table.rows:
            out.write("(không có)\n\n")
            continue
        out.write("| " + " | ".join(table.headers) + " |\n")
        aligns = []
        for i in range(len(table.headers)):
            numeric = any(isinstance(r.cells[i], int | float | Percent) for r in table.rows)
            aligns.append("---:" if numeric else "---")
        out.write("| " + " | ".join(aligns) + " |\n")
        for row in table.rows:
            cells = [_md_cell(c) for c in row.cells]
            if row.subtotal:
                cells = [f"**{c}**" if c else c for c in cells]
            out.write("| " + " | ".join(cells) + " |\n")
        out.write("\n")


# -- csv ----------------------------------------------------------------------------


def _csv_cell(cell: Cell) -> str:
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, str):  # text from data: never a formula (numbers stay as they are)
        return spreadsheet_text(cell)
    return cell_text(cell)


def render_csv(report: ProgressReport, target: Target) -> None:
    assert target.stream is not None
    out = target.stream
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    for i, table in enumerate(build_tables(report)):
        if i:
            out.write("\r\n")
        writer.writerow([spreadsheet_text(table.title)])
        writer.writerow([spreadsheet_text(h) for h in table.headers])
        for row in table.rows:
            writer.writerow([_csv_cell(c) for c in row.cells])


# -- json ---------------------------------------------------------------------------


def render_json(report: ProgressReport, target: Target) -> None:
    assert target.stream is not None
    # Compact: the C encoder writes a national report (~100 MB indented) several times
    # faster than the indenting one, in chunks; `python -m json.tool` pretty-prints it.
    json.dump(report_json(report), target.stream, ensure_ascii=False, separators=(",", ":"))
    target.stream.write("\n")


# -- html ---------------------------------------------------------------------------


def _svg_chart(chart: Chart) -> str:
    """Horizontal bars in SVG: grey fill, black outline, value printed (black and white)."""
    from markupsafe import escape

    label_w, bar_w, row_h = 260, 320, 22
    height = row_h * len(chart.bars) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 70}" '
             f'height="{height}" role="img" aria-label="{escape(chart.title)}" '
             'font-family="Times New Roman, serif" font-size="13">']
    for i, (label, value) in enumerate(chart.bars):
        y = 5 + i * row_h
        width = round((value or 0) * bar_w)
        short = label if len(label) <= 40 else label[:39] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">'
                     f"{escape(short)}</text>")
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 6}" '
                     'fill="white" stroke="black" stroke-width="0.5"/>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row_h - 6}" '
                     'fill="#808080" stroke="black"/>')
        parts.append(f'<text x="{label_w + bar_w + 6}" y="{y + 15}">'
                     f"{escape(format_percent(value))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def render_html(report: ProgressReport, target: Target) -> None:
    from markupsafe import Markup

    assert target.stream is not None
    from cchc.render.templates import render_template

    tables = build_tables(report)
    context = {
        "report": report,
        "title_lines": title_lines(report),
        "tables": [
            {"key": t.key, "title": t.title, "headers": t.headers,
             "rows": [{"subtotal": r.subtotal,
                       "cells": [{"text": cell_text(c),
                                  "numeric": isinstance(c, int | float | Percent)}
                                 for c in r.cells]} for r in t.rows]}
            for t in tables
        ],
        "charts": [{"title": c.title, "svg": Markup(_svg_chart(c))}
                   for c in build_charts(report) if c.bars],
    }
    target.stream.write(render_template(target.root, "report", "report.html.j2", **context))


# -- xlsx ---------------------------------------------------------------------------


def render_xlsx(report: ProgressReport, target: Target) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    assert target.path is not None
    wb = Workbook()
    wb.remove(wb.active)
    heading = report.period.heading
    bold = Font(bold=True)
    for table in build_tables(report):
        ws = wb.create_sheet(_sheet_name(table))
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


def _sheet_name(table: Table) -> str:
    names = {"summary": "Tổng hợp", "models": "Theo mô hình", "units": "Theo đơn vị",
             "overdue": "Quá hạn", "results": "Kết quả", "new-models": "Mô hình mới"}
    return names.get(table.key, table.key)[:31]


# -- docx ---------------------------------------------------------------------------


def render_docx(report: ProgressReport, target: Target) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from cchc.output.charts import bar_chart_png

    assert target.path is not None
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), "Times New Roman")

    def para(text: str, *, bold: bool = False, size: int = 13, center: bool = False,
             italic: bool = False) -> None:
        p = doc.add_paragraph()
        run = p.add_run(xml_text(text))
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size)
        run.font.name = "Times New Roman"
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    lines = title_lines(report)
    para(lines[0], bold=True, size=14, center=True)
    para(lines[1], bold=True, size=14, center=True)
    for line in lines[2:]:
        para(line, italic=True, center=True)

    def add_table(headers: tuple[str, ...], rows: list[tuple[list[str], bool]], size: int) -> None:
        t = doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        for cell, header in zip(t.rows[0].cells, headers, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(xml_text(header))
            run.bold = True
            run.font.size = Pt(size)
        # repeat the header row on every page
        tr_pr = t.rows[0]._tr.get_or_add_trPr()
        header_flag = tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
        tr_pr.append(header_flag)
        for texts, strong in rows:
            cells = t.add_row().cells
            for cell, text in zip(cells, texts, strict=True):
                cell.text = ""
                run = cell.paragraphs[0].add_run(xml_text(text))
                run.bold = strong
                run.font.size = Pt(size)

    for table in build_tables(report):
        para(table.title, bold=True)
        if not table.rows:
            para("(không có)", italic=True)
            continue
        size = 11 if len(table.headers) <= 6 else 9
        add_table(table.headers,
                  [([cell_text(c) for c in r.cells], r.subtotal) for r in table.rows], size)
    for chart in build_charts(report):
        if not chart.bars:
            continue
        para(f"Biểu đồ: {chart.title}", bold=True)
        doc.add_picture(io.BytesIO(bar_chart_png(chart)), width=Mm(160))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_table(("Tên", "Tỷ lệ nhân rộng"),
                  [([label, format_percent(value)], False) for label, value in chart.bars], 10)
    buffer = io.BytesIO()
    doc.save(buffer)
    write_atomic(target.path, buffer.getvalue(), option=True)


# -- registry -----------------------------------------------------------------------

RENDERERS: dict[str, Callable[[ProgressReport, Target], None]] = {
    "text": render_text,
    "md": render_md,
    "html": render_html,
    "xlsx": render_xlsx,
    "docx": render_docx,
    "json": render_json,
    "csv": render_csv,
}
FORMATS = tuple(RENDERERS)
BINARY_FORMATS = frozenset({"xlsx", "docx"})


def render(report: ProgressReport, output_format: str, target: Target) -> None:
    RENDERERS[output_format](report, target)
