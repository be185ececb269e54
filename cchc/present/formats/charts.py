"""Bar charts as PNG for Word reports (HTML draws its own SVG).

matplotlib is the well-kept way to draw a real chart that Word and LibreOffice show as a
picture; it is imported only when a Word report is written, so other commands start fast.
Bars are grey with a hatch and a black edge, and every bar carries its value, so a chart
reads the same printed in black and white. Text is in Times New Roman like the document
(Liberation Serif, its metric twin, where Times New Roman is not installed). The title is
the document's caption, not part of the picture.
"""

from __future__ import annotations

import io
import textwrap

from cchc.present.views.report import Chart
from cchc.text import format_percent

#: Serif fonts, first installed one wins (matplotlib warns of none and uses DejaVu Serif).
SERIF = ["Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif"]
_BAR_HEIGHT_INCHES = 0.3
_MARGIN_INCHES = 0.6  # the axis and its labels
_LABEL_CHARS = 42
_WIDTH_INCHES = 6.3  # 16 cm: the text width of an A4 page with the decree's margins


def bar_chart_png(chart: Chart) -> bytes:
    """A horizontal bar chart of `chart` (ratios 0..1) as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    with matplotlib.rc_context({"font.family": "serif", "font.serif": SERIF}):
        return _draw(chart)


def split(chart: Chart, max_height_inches: float) -> list[Chart]:
    """`chart` in parts that each draw at most `max_height_inches` high (a long chart is
    printed over several pages rather than shrunk until it cannot be read)."""
    parts: list[list[tuple[str, float | None]]] = [[]]
    height = _MARGIN_INCHES
    for label, value in chart.bars:
        step = _BAR_HEIGHT_INCHES * max(1, len(_wrap(label)))
        if parts[-1] and height + step > max_height_inches:
            parts.append([])
            height = _MARGIN_INCHES
        parts[-1].append((label, value))
        height += step
    return [Chart(chart.key, chart.title, tuple(bars)) for bars in parts]


def _wrap(label: str) -> list[str]:
    return textwrap.wrap(label, _LABEL_CHARS) or [label]


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels of PNG bytes (from the IHDR chunk)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _draw(chart: Chart) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    labels = ["\n".join(_wrap(label)) for label, _ in chart.bars]
    values = [(value or 0.0) * 100 for _, value in chart.bars]
    lines = sum(label.count("\n") + 1 for label in labels)
    height = max(1.2, _MARGIN_INCHES + _BAR_HEIGHT_INCHES * max(lines, len(labels)))
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
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", color="#999999", linewidth=0.4, linestyle=":")
    axes.set_axisbelow(True)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
