"""Bar charts as PNG for Word reports (HTML draws its own SVG).

matplotlib is the well-kept way to draw a real chart that Word and LibreOffice show as a
picture; it is imported only when a Word report is written, so other commands start fast.
Bars are grey with a hatch and a black edge, and every bar carries its value, so a chart
reads the same printed in black and white.
"""

from __future__ import annotations

import io
import textwrap

from cchc.present.views.report import Chart
from cchc.text import format_percent

_BAR_HEIGHT_INCHES = 0.32
_WIDTH_INCHES = 6.3  # 16 cm: the text width of an A4 page with the decree's margins


def bar_chart_png(chart: Chart) -> bytes:
    """A horizontal bar chart of `chart` (ratios 0..1) as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    labels = ["\n".join(textwrap.wrap(label, 42)) or label for label, _ in chart.bars]
    values = [(value or 0.0) * 100 for _, value in chart.bars]
    lines = sum(label.count("\n") + 1 for label in labels)
    height = max(1.6, 0.9 + _BAR_HEIGHT_INCHES * max(lines, len(labels)))
    figure = Figure(figsize=(_WIDTH_INCHES, height), dpi=150)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))[::-1]
    axes.barh(
        positions,
        values,
        height=0.6,
        color="#d0d0d0",
        edgecolor="black",
        hatch="///",
        linewidth=0.6,
    )
    for position, (_, value) in zip(positions, chart.bars, strict=True):
        axes.text(
            min((value or 0.0) * 100 + 1.5, 101),
            position,
            format_percent(value),
            va="center",
            ha="left",
            fontsize=8,
            color="black",
        )
    # Names from data are drawn as written: "$...$" is not TeX (a bad formula would raise).
    axes.set_yticks(positions, labels, fontsize=8, parse_math=False)
    axes.set_xlim(0, 112)
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}%"))
    axes.tick_params(axis="x", labelsize=8)
    axes.set_title(chart.title, fontsize=10, fontweight="bold", parse_math=False)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", color="#999999", linewidth=0.4, linestyle=":")
    axes.set_axisbelow(True)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
