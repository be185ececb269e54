"""The terminal (rich): tables and lines for people, for every view.

Data is printed literally: no rich markup, control characters shown as \\x1b
(`cchc.safe`). Report: `--format text`; findings: `text`; diff: `text`; queries: `table`.
"""

from __future__ import annotations

import os
import shutil
from typing import IO, Any

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from cchc import safe
from cchc.present.registry import Target, register
from cchc.present.views import diff as d
from cchc.present.views.diff import DiffView
from cchc.present.views.query import (
    IDS_HINT,
    ListView,
    MatrixView,
    ShowView,
    date_text,
    status_label,
    table_of,
)
from cchc.present.views.report import Percent, ReportView, Row, Table, cell_text
from cchc.safe import terminal_text
from cchc.schema.vocabulary import (
    AREA,
    DOCUMENT_TYPE,
    LEVEL,
    MODEL_KIND,
    STATUS,
    STATUSES,
    UNIT_KIND,
)


def output_width(stream: IO[str], default: int = 160) -> int:
    """The width to print for: the terminal's; into a file or a pipe, `COLUMNS` when it
    is set (COLUMNS=80 cchc report > bc.txt), else `default`."""
    if stream.isatty():
        return shutil.get_terminal_size((120, 24)).columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) >= 20 else default


def data_console(stream: IO[str]) -> Console:
    """A console printing data literally, as wide as the terminal (`output_width` into a
    file or pipe); data printed with it goes through `safe.terminal_data` first."""
    console: Console = safe.console(
        stream, width=output_width(stream), soft_wrap=False, force_terminal=stream.isatty()
    )
    return console


# -- report -------------------------------------------------------------------------

#: Narrow headers for the terminal's numeric columns, explained in a legend under the table.
_SHORT_HEADERS = {
    "Số đơn vị phải áp dụng": "Phải AD",
    # the status columns: "Đang triển khai" → "TK" ... (the vocabulary's abbreviations)
    **{STATUS.label(st, "heading"): STATUS.label(st, "abbreviation") for st in STATUSES},
    "Tỷ lệ nhân rộng": "Tỷ lệ",
    "Số đơn vị áp dụng": "Áp dụng",  # cchc list models
    "Số mô hình áp dụng": "Áp dụng",  # cchc list units
    "Số mô hình": "Mô hình",  # cchc list documents
}
#: The progress bar: filled and empty cells differ in shape, not only in colour.
BAR_WIDTH = 10
BAR_FULL, BAR_EMPTY = "█", "░"
#: A text column is not squeezed below this many characters (or its longest word).
TEXT_MIN = 14


def progress_bar(rate: float | None, width: int = BAR_WIDTH) -> str:
    """ "███░░░░░░░ 30%": readable without colour (0 % is all ░, 100 % all █)."""
    if rate is None:
        return BAR_EMPTY * width + " –"
    filled = round(max(0.0, min(rate, 1.0)) * width)
    return BAR_FULL * filled + BAR_EMPTY * (width - filled) + f" {round(rate * 100)}%"


def _numeric(table: Table, i: int) -> bool:
    cells = [r.cells[i] for r in table.rows if r.cells[i] is not None and r.cells[i] != ""]
    return bool(cells) and all(
        isinstance(c, int | float | Percent) and not isinstance(c, bool) for c in cells
    )


def _rate_column(table: Table) -> int | None:
    """The column a progress bar is drawn from: the first rate (a Percent, not a change)
    headed "Tỷ lệ ..." in a table of several rows."""
    for i, header in enumerate(table.headers):
        cells = [r.cells[i] for r in table.rows]
        if header.startswith("Tỷ lệ") and all(
            isinstance(c, Percent) and not c.signed for c in cells
        ):
            return i
    return None


@register(ReportView, "text")
def report_text(view: ReportView, target: Target) -> None:
    """Every table at the console's width without losing a character: text columns wrap
    at spaces; a table too wide for the width is printed as one block per row
    ("header: value" lines)."""
    assert target.stream is not None
    console = safe.console(
        target.stream,
        width=target.width if target.width is not None else output_width(target.stream),
    )
    lines = [terminal_text(line) for line in view.title_lines]
    console.print(Text(lines[0], style="bold"), justify="center")
    for line in lines[1:]:
        console.print(Text(line), justify="center")
    console.print()
    for table in view.tables:
        if not table.rows:
            console.print(Text(terminal_text(table.title), style="bold"))
            console.print(Text("  (không có)", style="dim"))
            console.print()
            continue
        _print_table(console, table)
        console.print()


def _print_table(
    console: Console, table: Table, text_min: int = TEXT_MIN, *, whole_headers: bool = False
) -> None:
    texts = [[terminal_text(cell_text(c)) for c in r.cells] for r in table.rows]
    numeric = [_numeric(table, i) for i in range(len(table.headers))]
    # Text columns with nothing in them are left out (the header alone says nothing).
    shown = [i for i in range(len(table.headers)) if numeric[i] or any(t[i] for t in texts)]
    headers = [terminal_text(h) for h in table.headers]
    short = {
        i: _SHORT_HEADERS.get(headers[i], headers[i]) if numeric[i] else headers[i] for i in shown
    }
    rate = _rate_column(table) if len(table.rows) > 1 else None
    bars = []
    if rate is not None:
        for r in table.rows:
            cell = r.cells[rate]
            bars.append(progress_bar(cell.value if isinstance(cell, Percent) else None))

    def longest_word(text: str) -> int:
        return max((len(w) for w in text.split()), default=0)

    need = []
    for i in shown:
        cells = [t[i] for t in texts]
        if numeric[i]:
            width = max(max(len(c) for c in cells), longest_word(short[i]))
        else:
            width = max(
                max(longest_word(c) for c in cells),
                min(max(len(c) for c in cells), text_min),
                longest_word(short[i]),
            )
        need.append(width)
    total = sum(need) + 3 * len(need) + 1
    if total + BAR_WIDTH + 8 > console.width:
        bars_column: list[str] = []  # a table without bars rather than blocks
    else:
        bars_column = bars
    if total > console.width:
        _print_stacked(console, table, texts, shown, short, bars, rate)
        return
    rich_table = RichTable(
        title=terminal_text(table.title), title_justify="left", title_style="bold"
    )
    # Fixed widths: every column its need, the room left to the text columns that wrap
    # (a short text first gets all it needs, long ones share the rest evenly).
    spare = console.width - total - (BAR_WIDTH + 8 if bars_column else 0)
    widths = dict(zip(shown, need, strict=True))
    longest = {i: max(len(t[i]) for t in texts) for i in shown}
    if whole_headers:  # headers on one line too, when there is room
        longest = {i: max(longest[i], len(short[i])) for i in shown}
    wanting = sorted((i for i in shown if longest[i] > widths[i]), key=lambda i: longest[i])
    for k, i in enumerate(wanting):
        more = min(longest[i] - widths[i], spare // (len(wanting) - k))
        widths[i] += more
        spare -= more
    for i in shown:
        rich_table.add_column(
            short[i],
            justify="right" if numeric[i] else "left",
            overflow="fold",
            width=widths[i],  # figures never wrap, text wraps at spaces
        )
    if bars_column:
        rich_table.add_column("Tiến độ", no_wrap=True, min_width=BAR_WIDTH + 5)
    for k, row in enumerate(table.rows):
        cells = [texts[k][i] for i in shown] + ([bars_column[k]] if bars_column else [])
        # A rule above each group or total row sets it apart, colour or not.
        following = table.rows[k + 1] if k + 1 < len(table.rows) else None
        rich_table.add_row(
            *cells,
            style="bold" if row.subtotal else None,
            end_section=following is not None and following.subtotal,
        )
    console.print(rich_table)
    legend = [f"{short[i]}: {headers[i].lower()}" for i in shown if short[i] != headers[i]]
    if legend:
        console.print(Text("  " + "; ".join(legend) + ".", style="dim"))


def _print_stacked(
    console: Console,
    table: Table,
    texts: list[list[str]],
    shown: list[int],
    short: dict[int, str],
    bars: list[str],
    rate: int | None,
) -> None:
    """One block per row: the row's number and first text, then each other text cell as
    "header: value" and the figures as "header: value" pairs on shared lines, all wrapped
    with a hanging indent (only a word longer than the width is cut)."""
    import textwrap

    console.print(Text(terminal_text(table.title), style="bold"))
    width = max(console.width, 24)
    numeric = {i: _numeric(table, i) for i in shown}
    number = next((i for i in shown if table.headers[i] == "STT"), None)
    first = next((i for i in shown if i != number and not numeric[i]), None)

    def out(text: str, indent: int, hang: int, style: str) -> None:
        lines = textwrap.wrap(text, width - indent - hang) or [""]
        for j, line in enumerate(lines):
            console.print(Text(" " * (indent + (hang if j else 0)) + line, style=style))

    for k, row in enumerate(table.rows):
        cells = texts[k]
        label = f"{cells[number]}. " if number is not None and cells[number] else ""
        name = cells[first] if first is not None else ""
        out(label + name, 2, len(label), "bold")
        style = "bold" if row.subtotal else ""
        for i in shown:
            if i not in (number, first) and not numeric[i] and cells[i]:
                out(f"{table.headers[i]}: {cells[i]}", 4, 2, style)
        figures = [
            f"{short[i]}: {cells[i]}" + (f" {bars[k]}" if bars and i == rate else "")
            for i in shown
            if numeric[i] and cells[i] and i != number
        ]
        if figures:
            out(" · ".join(figures), 4, 2, style)
    legend = [
        f"{short[i]}: {table.headers[i].lower()}" for i in shown if short[i] != table.headers[i]
    ]
    if legend:
        out("; ".join(legend) + ".", 2, 0, "dim")


# -- findings -----------------------------------------------------------------------

# The findings writers live in cchc.present.formats.findings (validate's lean path).
from cchc.present.formats.findings import findings_text as findings_text  # noqa: E402

# -- diff ---------------------------------------------------------------------------


@register(DiffView, "text")
def diff_text(view: DiffView, target: Target) -> None:
    """Tables for the terminal."""
    assert target.stream is not None
    # Data printed literally: no markup, control characters shown as \x1b.
    report = safe.terminal_data(view.as_json())
    console = data_console(target.stream)
    console.print(d.compared(report))
    if report["empty"]:
        console.print(d.EMPTY_TEXT)
    else:
        summary = RichTable(title="Tóm tắt")
        summary.add_column("Nội dung")
        for header in d.SUMMARY_HEADERS.values():
            summary.add_column(header, justify="right")
        for label, cells in d.summary_rows(report):
            summary.add_row(label, *cells)
        console.print(summary)
        for section in d.SECTIONS:
            rows = d.section_rows(report, section)
            if not rows:
                continue
            table = RichTable(title=f"{section.title} ({len(rows)})")
            for header, _ in section.columns:
                table.add_column(header, overflow="fold")
            for r in rows:
                table.add_row(*view.cells(section, r))
            console.print(table)
    for line in d.skipped_lines(report):
        console.print(f"Chú ý: {line} (chạy `cchc validate` để xem lỗi).")


# -- queries ------------------------------------------------------------------------


#: A list's text column is not squeezed below this many characters (or its longest word):
#: narrower than the report's, so that six columns still make a table in 80 columns.
LIST_TEXT_MIN = 11


@register(ListView, "table")
def list_table(view: ListView, target: Target) -> None:
    """Names first, Vietnamese labels, fitted to the terminal's width like the report's
    tables (text wraps at spaces; a table too wide becomes one block per row)."""
    assert target.stream is not None
    headers, cells = table_of(view)
    console = safe.console(target.stream, width=output_width(target.stream))
    footer = view.footer if view.footer is not None else f"{len(view.rows)} mục"
    if cells:
        table = Table(
            view.what, view.title or "", tuple(headers), tuple(Row(tuple(c)) for c in cells)
        )
        _print_table(console, table, LIST_TEXT_MIN, whole_headers=True)
        if not view.ids:
            footer += f". {IDS_HINT}"
    console.print(Text(terminal_text(footer)))


@register(ShowView, "table")
def show_table(view: ShowView, target: Target) -> None:
    """One item as a person reads it: names, Vietnamese labels, dates dd/mm/yyyy; the ids
    only with `view.ids`."""
    assert target.stream is not None
    data = safe.terminal_data(view.data)
    console = data_console(target.stream)
    if data["kind"] == "model":
        _show_model(console, data, view)
    elif data["kind"] == "unit":
        _show_unit(console, data, view)
    else:
        _show_document(console, data, view)


def _id(view: ShowView | MatrixView, item_id: str) -> str:
    """ " (mã: xa-an-ngai)" after a name when the ids were asked for (`--ids`), else ""."""
    return f" (mã: {item_id})" if view.ids else ""


def _results_text(view: ShowView, results: list[dict[str, Any]], sep: str) -> str:
    names = view.names
    return sep.join(
        f"{terminal_text(names.indicator(r['indicator']))}: {r['display']} "
        f"(đến {date_text(r['to'])})"
        for r in results
    )


def _show_model(console: Console, data: dict[str, Any], view: ShowView) -> None:
    console.print(
        f"{MODEL_KIND.label(data['model_kind'], 'heading')} “{data['title']}”"
        + _id(view, data["id"])
    )
    console.print(
        f"Đơn vị xây dựng: {terminal_text(view.names.unit(data['origin']))}"
        + _id(view, data["origin"])
    )
    console.print("Lĩnh vực: " + "; ".join(AREA.label(a, "heading") for a in data["areas"]))
    console.print(f"Tình trạng ngày {date_text(data['as_of'])}: {status_label(data['status'])}")
    console.print(f"\n{data['summary'].strip()}\n")
    table = RichTable(title=f"Đơn vị áp dụng ({len(data['adopters'])})")
    headers = ["Đơn vị", "Tình trạng", "Từ ngày", "Kết quả mới nhất"]
    if view.ids:
        headers.insert(1, "Mã")
    for header in headers:
        table.add_column(header, overflow="fold")
    for a in data["adopters"]:
        status = status_label(a["status"])
        if a.get("ended"):
            status += f" (đơn vị đã kết thúc ngày {date_text(a['ended'])})"
        cells = [a["name"], status, date_text(a["since"]), _results_text(view, a["results"], "; ")]
        if view.ids:
            cells.insert(1, a["unit"])
        table.add_row(*cells)
    console.print(table)


def _show_unit(console: Console, data: dict[str, Any], view: ShowView) -> None:
    names = view.names
    console.print(terminal_text(names.unit(data["id"])) + _id(view, data["id"]))
    if data["name"] != names.unit(data["id"]) and data["name"] != data.get("short_name"):
        console.print(f"Tên đầy đủ: {data['name']}")
    console.print(f"Loại: {UNIT_KIND.label(data['unit_kind'])}, {LEVEL.label(data['level'])}")
    chain = " › ".join(a["name"] for a in reversed(data["ancestors"]))
    console.print(f"Trực thuộc: {chain or '(cấp cao nhất)'}")
    if data["children"]:
        console.print(
            f"Đơn vị trực thuộc ({len(data['children'])}): "
            + ", ".join(c["name"] for c in data["children"])
        )
    ended = data.get("ended")
    if ended:
        now = date_text(data["as_of"])
        if data["successors_on"]:
            console.print(
                f"Đơn vị đã kết thúc hoạt động ngày {date_text(ended)}; "
                f"đơn vị kế thừa (tính đến ngày {now}): "
                + ", ".join(s["name"] + _id(view, s["id"]) for s in data["successors_on"])
            )
        elif data["successors"]:
            console.print(
                f"Đơn vị đã kết thúc hoạt động ngày {date_text(ended)}; đơn vị kế thừa "
                + ", ".join(terminal_text(names.unit(s)) for s in data["successors"])
                + f" cũng không còn hoạt động vào ngày {now}."
            )
        else:
            console.print(
                f"Đơn vị đã kết thúc hoạt động ngày {date_text(ended)}; "
                "dữ liệu không ghi đơn vị kế thừa."
            )
    elif data["valid_to"]:
        console.print(f"Tồn tại đến ngày: {date_text(data['valid_to'])}")
    if data.get("begins"):
        console.print(f"Bắt đầu hoạt động từ ngày {date_text(data['begins'])}.")
    if data["originated"]:
        console.print(
            "Mô hình do đơn vị xây dựng: "
            + ", ".join(f"“{terminal_text(names.model(m))}”" for m in data["originated"])
        )
    if ended:
        title = (
            f"Mô hình đã áp dụng ({len(data['adoptions'])}), tình trạng cuối cùng "
            f"trước khi kết thúc ({date_text(ended)})"
        )
    else:
        title = (
            f"Mô hình áp dụng ({len(data['adoptions'])}), "
            f"tình trạng ngày {date_text(data['as_of'])}"
        )
    table = RichTable(title=title)
    headers = ["Mô hình", "Tình trạng", "Diễn biến", "Kết quả"]
    if view.ids:
        headers.insert(1, "Mã")
    for header in headers:
        table.add_column(header, overflow="fold")
    for a in data["adoptions"]:
        history = "\n".join(
            f"{date_text(e['date'])}: {status_label(e['status'])}"
            + (f" ({e['note']})" if e["note"] else "")
            for e in a["history"]
        )
        cells = [a["title"], status_label(a["status"]), history]
        cells.append(_results_text(view, a["results"], "\n"))
        if view.ids:
            cells.insert(1, a["model"])
        table.add_row(*cells)
    console.print(table)


def _show_document(console: Console, data: dict[str, Any], view: ShowView) -> None:
    number = f"số {data['number']}" if data["number"] else "(dự thảo, chưa có số)"
    day = "tháng" if str(data["date"]).count("-") == 1 else "ngày"  # dated by month: YYYY-MM
    console.print(
        f"{DOCUMENT_TYPE.label(data['document_type'], 'heading')} {number} "
        f"{day} {date_text(data['date'])}" + _id(view, data["id"])
    )
    console.print(f"Cơ quan ban hành: {terminal_text(view.names.unit(data['issuer']))}")
    if data["subject"]:
        console.print(f"Trích yếu: {data['subject']}")
    if data["recipients"]:
        console.print("Kính gửi: " + "; ".join(data["recipients"]))
    if data["deadline"]:
        console.print(f"Hạn áp dụng: {date_text(data['deadline'])}")
    if data.get("valid_to"):
        console.print(f"Hiệu lực đến ngày: {date_text(data['valid_to'])}")
    models = [terminal_text(view.names.model(m)) + _id(view, m) for m in data["models"]]
    if models:
        console.print(f"Mô hình ({len(models)}): " + "; ".join(models))
    else:
        console.print("Mô hình: văn bản không nêu mô hình nào.")


#: Hidden units named one by one under the matrix up to this many; beyond, counted.
HIDDEN_NAMED = 10


@register(MatrixView, "table")
def matrix_table(view: MatrixView, target: Target) -> None:
    assert target.stream is not None
    grid = safe.terminal_data(view.grid)
    console = data_console(target.stream)
    day = date_text(grid["as_of"])
    if not grid["units"]:
        console.print(f"Không có đơn vị nào (trong phạm vi đã chọn) hoạt động vào ngày {day}.")
        for line in hidden_lines(grid):
            console.print(line)
        return
    console.print(f"Tình trạng áp dụng ngày {day}")
    # As many model columns as the terminal holds; the rest in further tables below.
    name_width = min(28, max((len(u["name"]) for u in grid["units"]), default=6))
    per_table = max(1, (console.width - name_width - 14) // 6)
    numbered = list(enumerate(grid["models"], start=1))
    for start in range(0, max(len(numbered), 1), per_table):
        part = numbered[start : start + per_table]
        last = start + per_table >= len(numbered)
        table = RichTable(show_footer=True)
        table.add_column("Đơn vị", footer="Tổng", overflow="fold", min_width=name_width)
        for n, m in part:
            table.add_column(
                f"{n}",
                footer=str(grid["totals"][m["id"]]),
                justify="center",
                no_wrap=True,
                min_width=3,
            )
        if last:
            table.add_column("Tổng", footer=str(grid["total"]), justify="right", no_wrap=True)
        for u in grid["units"]:
            cells = [STATUS.label(u["cells"][m["id"]], "symbol") for _, m in part]
            table.add_row(u["name"], *cells, *([str(u["total"])] if last else []))
        console.print(table)
    for n, m in enumerate(grid["models"], start=1):
        console.print(f"{n}. {m['title']}" + _id(view, m["id"]))
    console.print(
        "Ký hiệu: " + "; ".join(f"{STATUS.label(s, 'symbol')} {STATUS.label(s)}" for s in STATUSES)
    )
    console.print("Tổng: số ô đang hoặc đã triển khai (TK, HQ, CHQ, TD).")
    for line in hidden_lines(grid):
        console.print(line)


def hidden_lines(grid: dict[str, Any]) -> list[str]:
    """What the matrix left out and why: the units that had ended (dissolved, merged)
    before its day and those not yet set up; each group named, or counted when long."""
    day = date_text(grid["as_of"])
    lines = []
    groups = (
        ("ended", f"đã giải thể hoặc sáp nhập trước ngày {day}"),
        ("not-begun", f"chưa thành lập vào ngày {day}"),
    )
    for reason, why in groups:
        units = [h for h in grid.get("hidden", ()) if h["reason"] == reason]
        if not units:
            continue
        line = f"Không hiện {len(units)} đơn vị {why}"
        if len(units) <= HIDDEN_NAMED:
            line += ": " + ", ".join(h["name"] for h in units)
        else:
            line += " (danh sách: `cchc list units`, cột Đến ngày)"
        lines.append(line + ".")
    if lines:
        lines.append("Để xem các đơn vị này, chọn một ngày chúng còn hoạt động: --as-of NGÀY.")
    return lines
