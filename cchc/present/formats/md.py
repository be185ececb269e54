"""Markdown: the report (`--format md`) and the diff (`--format markdown`, a summary fit to
post as a pull-request comment). Text from data has `|` escaped and control characters
shown as \\x1b."""

from __future__ import annotations

from cchc import safe
from cchc.present.registry import Target, register
from cchc.present.views import diff as d
from cchc.present.views.diff import DiffView
from cchc.present.views.report import Cell, Percent, ReportView, cell_text
from cchc.safe import terminal_text

# -- report -------------------------------------------------------------------------


def _md_cell(cell: Cell) -> str:
    return terminal_text(cell_text(cell)).replace("|", "\\|").replace("\n", " ")


@register(ReportView, "md")
def report_md(view: ReportView, target: Target) -> None:
    assert target.stream is not None
    out = target.stream
    lines = [terminal_text(line) for line in view.title_lines]
    out.write(f"# {lines[0]}\n\n")
    for line in lines[1:]:
        out.write(f"**{line}**\n\n" if line == lines[1] else f"{line}\n\n")
    for table in view.tables:
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


# -- diff ---------------------------------------------------------------------------


def _diff_cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


@register(DiffView, "markdown")
def diff_markdown(view: DiffView, target: Target) -> None:
    """A summary fit to post as a pull-request comment."""
    assert target.stream is not None
    report = safe.terminal_data(view.as_json())  # no control characters from data
    lines = ["## Thay đổi dữ liệu cải cách hành chính", "", d.compared(report), ""]
    if report["empty"]:
        lines += [f"**{d.EMPTY_TEXT}**", ""]
    else:
        lines += [
            "| Nội dung | " + " | ".join(d.SUMMARY_HEADERS.values()) + " |",
            "|---|" + "---:|" * len(d.SUMMARY_HEADERS),
        ]
        lines += [
            f"| {label} | " + " | ".join(cells) + " |" for label, cells in d.summary_rows(report)
        ]
        lines.append("")
        for section in d.SECTIONS:
            rows = d.section_rows(report, section)
            if not rows:
                continue
            lines += [
                f"### {section.title} ({len(rows)})",
                "",
                "| " + " | ".join(h for h, _ in section.columns) + " |",
                "|" + "---|" * len(section.columns),
            ]
            lines += [
                "| " + " | ".join(_diff_cell(cell) for cell in view.cells(section, r)) + " |"
                for r in rows[: d.MARKDOWN_MAX_ROWS]
            ]
            if len(rows) > d.MARKDOWN_MAX_ROWS:
                lines += [
                    "",
                    f"… và {len(rows) - d.MARKDOWN_MAX_ROWS} mục khác (xem `cchc diff` trên máy).",
                ]
            lines.append("")
    for line in d.skipped_lines(report):
        lines += [f"> ⚠️ {line}. Chạy `cchc validate` để xem lỗi.", ""]
    lines.append("<sub>Tạo bởi `cchc diff`.</sub>")
    target.stream.write("\n".join(lines) + "\n")
