"""HTML: the report through the Jinja template ``report.html.j2``, looked up first in the
data repository's ``templates/report/`` and then in the package, through the one
sandboxed environment of `cchc.present.templates`.

Charts are inline SVG bars in greys with black outlines and printed values, readable in
black and white.
"""

from __future__ import annotations

from cchc.present.registry import Target, register
from cchc.present.views.report import Chart, Percent, ReportView, cell_text
from cchc.text import format_percent


def svg_chart(chart: Chart) -> str:
    """Horizontal bars in SVG: grey fill, black outline, value printed (black and white)."""
    from markupsafe import escape

    label_w, bar_w, row_h = 260, 320, 22
    height = row_h * len(chart.bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 70}" '
        f'height="{height}" role="img" aria-label="{escape(chart.title)}" '
        'font-family="Times New Roman, serif" font-size="13">'
    ]
    for i, (label, value) in enumerate(chart.bars):
        y = 5 + i * row_h
        width = round((value or 0) * bar_w)
        short = label if len(label) <= 40 else label[:39] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(short)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 6}" '
            'fill="white" stroke="black" stroke-width="0.5"/>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row_h - 6}" '
            'fill="#808080" stroke="black"/>'
        )
        parts.append(
            f'<text x="{label_w + bar_w + 6}" y="{y + 15}">{escape(format_percent(value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


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
