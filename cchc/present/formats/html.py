"""HTML: the report through the Jinja template ``report.html.j2``, looked up first in the
data repository's ``templates/report/`` and then in the package, through the one
sandboxed environment of `cchc.present.templates`.

Charts are inline SVG bars in greys with black outlines and printed values, readable in
black and white. The page prints on A4 with the margins of Nghị định 30, page numbers
from page 2, and tables wider than LANDSCAPE_COLUMNS on landscape pages (a named page).
"""

from __future__ import annotations

from cchc.present.registry import Target, register
from cchc.present.views.report import Chart, Percent, ReportView, cell_text
from cchc.text import format_percent


def svg_chart(chart: Chart) -> str:
    """Horizontal bars in SVG: grey fill, black outline, value printed (black and white);
    long names wrap over several lines, never cut."""
    import textwrap

    from markupsafe import escape

    label_w, bar_w, line_h, gap = 280, 300, 15, 8
    wrapped = [textwrap.wrap(label, 42) or [label] for label, _ in chart.bars]
    height = sum(line_h * len(lines) + gap for lines in wrapped) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 70}" '
        f'height="{height}" viewBox="0 0 {label_w + bar_w + 70} {height}" role="img" '
        f'aria-label="{escape(chart.title)}" '
        'font-family="Times New Roman, Liberation Serif, serif" font-size="13">'
    ]
    y = 5
    for lines, (_, value) in zip(wrapped, chart.bars, strict=True):
        row_h = line_h * len(lines) + gap
        for j, text in enumerate(lines):
            parts.append(
                f'<text x="{label_w - 6}" y="{y + gap // 2 + 12 + j * line_h}" '
                f'text-anchor="end">{escape(text)}</text>'
            )
        top, bar_h = y + (row_h - 16) // 2, 16
        width = round((value or 0) * bar_w)
        parts.append(
            f'<rect x="{label_w}" y="{top}" width="{bar_w}" height="{bar_h}" '
            'fill="white" stroke="black" stroke-width="0.5"/>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{top}" width="{width}" height="{bar_h}" '
            'fill="#808080" stroke="black"/>'
        )
        parts.append(
            f'<text x="{label_w + bar_w + 6}" y="{top + 12}">{escape(format_percent(value))}</text>'
        )
        y += row_h
    parts.append("</svg>")
    return "".join(parts)


#: Tables with more columns than this print on landscape pages (as in the Word report).
LANDSCAPE_COLUMNS = 8


@register(ReportView, "html")
def report_html(view: ReportView, target: Target) -> None:
    from markupsafe import Markup

    from cchc.present.templates import render_template

    assert target.stream is not None
    context = {
        "report": view.report,
        "title_lines": view.title_lines,
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "headers": t.headers,
                "wide": len(t.headers) > LANDSCAPE_COLUMNS,
                "rows": [
                    {
                        "subtotal": r.subtotal,
                        "cells": [
                            {"text": cell_text(c), "numeric": isinstance(c, int | float | Percent)}
                            for c in r.cells
                        ],
                    }
                    for r in t.rows
                ],
            }
            for t in view.tables
        ],
        "charts": [{"title": c.title, "svg": Markup(svg_chart(c))} for c in view.charts if c.bars],
    }
    target.stream.write(render_template(target.root, "report", "report.html.j2", **context))
