"""The terminal (rich): tables and lines for people, for every view.

Data is printed literally: no rich markup, control characters shown as \\x1b
(`cchc.safe`). Report: `--format text`; findings: `text`; diff: `text`; queries: `table`.
"""

from __future__ import annotations

import shutil
from typing import IO, Any

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from cchc import safe
from cchc.present.registry import Target, register
from cchc.present.views import diff as d
from cchc.present.views.diff import DiffView
from cchc.present.views.query import COUNT_KEYS, ListView, MatrixView, ShowView, cell, status_label
from cchc.present.views.report import Percent, ReportView, cell_text
from cchc.safe import terminal_text
from cchc.schema.vocabulary import MODEL_KIND, STATUS, STATUSES
from cchc.text import format_decimal


def data_console(stream: IO[str]) -> Console:
    """A console printing data literally, as wide as the terminal (160 into a file or pipe);
    data printed with it goes through `safe.terminal_data` first."""
    width = shutil.get_terminal_size((120, 24)).columns if stream.isatty() else 160
    console: Console = safe.console(
        stream, width=width, soft_wrap=False, force_terminal=stream.isatty()
    )
    return console


# -- report -------------------------------------------------------------------------

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
_LEGEND = (
    "  Phải AD: số đơn vị phải áp dụng; KH: đã có kế hoạch; TK: đang triển khai; "
    "HQ: triển khai hiệu quả; CHQ: triển khai chưa hiệu quả; TD: tạm dừng; "
    "KPH: không phù hợp; Chưa: chưa triển khai; Tỷ lệ: tỷ lệ nhân rộng."
)


@register(ReportView, "text")
def report_text(view: ReportView, target: Target) -> None:
    from rich.progress_bar import ProgressBar

    assert target.stream is not None
    report = view.report
    # Data is printed literally: no rich markup, control characters shown as \x1b.
    console = safe.console(target.stream, width=target.width)
    lines = [terminal_text(line) for line in view.title_lines]
    console.print(Text(lines[0], style="bold"), justify="center")
    for line in lines[1:]:
        console.print(Text(line), justify="center")
    console.print()
    for table in view.tables:
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
            rich_table.add_column(
                short,
                justify="right" if numeric else "left",
                overflow="fold",
                no_wrap=numeric,
                min_width=None if numeric else 18,
            )
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
                    console.print(
                        Text(
                            terminal_text(
                                f"  {i}. {row.cells[1]} – kết quả nổi bật: {row.cells[-1]}"
                            )
                        )
                    )
        console.print()


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
                table.add_row(*(column(r) for _, column in section.columns))
            console.print(table)
    for line in d.skipped_lines(report):
        console.print(f"Chú ý: {line} (chạy `cchc validate` để xem lỗi).")


# -- queries ------------------------------------------------------------------------


def _table_cell(value: Any) -> str:
    """A cell for people: numbers the Vietnamese way (2,5; 11), the rest as `cell`."""
    if isinstance(value, float):
        return format_decimal(value, 1).removesuffix(",0")
    return cell(value)


@register(ListView, "table")
def list_table(view: ListView, target: Target) -> None:
    assert target.stream is not None
    rows = safe.terminal_data(list(view.rows))
    table = RichTable(title=view.title, show_lines=False, expand=False)
    for key, header in view.columns:
        table.add_column(
            header,
            overflow="fold",
            no_wrap=key == "id",
            justify="right" if key in COUNT_KEYS else "left",
        )
    for row in rows:
        table.add_row(*(_table_cell(row.get(k)) for k, _ in view.columns))
    console = data_console(target.stream)
    console.print(table)
    console.print(view.footer if view.footer is not None else f"{len(rows)} mục")


@register(ShowView, "table")
def show_table(view: ShowView, target: Target) -> None:
    assert target.stream is not None
    data = safe.terminal_data(view.data)
    console = data_console(target.stream)
    kind = data["kind"]
    if kind == "model":
        console.print(
            f"{MODEL_KIND.label(data['model_kind'], 'heading')} “{data['title']}” ({data['id']})"
        )
        console.print(f"Đơn vị xây dựng: {data['origin_name']} ({data['origin']})")
        console.print(f"Lĩnh vực: {', '.join(data['areas'])}")
        console.print(f"Tình trạng ngày {data['as_of']}: {status_label(data['status'])}")
        console.print(f"\n{data['summary'].strip()}\n")
        table = RichTable(title=f"Đơn vị áp dụng ({len(data['adopters'])})")
        for header in ("Mã", "Đơn vị", "Tình trạng", "Từ ngày", "Kết quả mới nhất"):
            table.add_column(header, overflow="fold")
        for a in data["adopters"]:
            results = "; ".join(
                f"{r['indicator']}: {r['display']} (đến {r['to']})" for r in a["results"]
            )
            table.add_row(
                a["unit"], a["name"], status_label(a["status"]), a["since"] or "", results
            )
        console.print(table)
    elif kind == "unit":
        console.print(f"{data['name']} ({data['id']})")
        console.print(f"Loại: {data['unit_kind']}; cấp: {data['level']}")
        chain = " › ".join(a["name"] for a in reversed(data["ancestors"]))
        console.print(f"Trực thuộc: {chain or '(cấp cao nhất)'}")
        if data["children"]:
            console.print(
                f"Đơn vị trực thuộc ({len(data['children'])}): "
                + ", ".join(c["name"] for c in data["children"])
            )
        if data["valid_to"]:
            console.print(f"Tồn tại đến ngày: {data['valid_to']}")
        if data["originated"]:
            console.print("Mô hình do đơn vị xây dựng: " + ", ".join(data["originated"]))
        table = RichTable(
            title=f"Mô hình áp dụng ({len(data['adoptions'])}), tình trạng ngày {data['as_of']}"
        )
        for header in ("Mã", "Mô hình", "Tình trạng", "Diễn biến", "Kết quả"):
            table.add_column(header, overflow="fold")
        for a in data["adoptions"]:
            history = "\n".join(
                f"{e['date']}: {status_label(e['status'])}"
                + (f" ({e['note']})" if e["note"] else "")
                for e in a["history"]
            )
            results = "\n".join(
                f"{r['indicator']}: {r['display']} (đến {r['to']})" for r in a["results"]
            )
            table.add_row(a["model"], a["title"], status_label(a["status"]), history, results)
        console.print(table)
    else:
        number = data["number"] or "(dự thảo)"
        console.print(
            f"Văn bản {data['id']}: {data['document_type']}, số {number}, ngày {data['date']}"
        )
        console.print(f"Cơ quan ban hành: {data['issuer_name']} ({data['issuer']})")
        if data["subject"]:
            console.print(f"Trích yếu: {data['subject']}")
        if data["recipients"]:
            console.print("Kính gửi: " + "; ".join(data["recipients"]))
        if data["deadline"]:
            console.print(f"Hạn áp dụng: {data['deadline']}")
        console.print("Mô hình: " + (", ".join(data["models"]) or "(không có)"))


@register(MatrixView, "table")
def matrix_table(view: MatrixView, target: Target) -> None:
    assert target.stream is not None
    grid = safe.terminal_data(view.grid)
    console = data_console(target.stream)
    # As many model columns as the terminal holds; the rest in further tables below.
    name_width = min(28, max((len(u["name"]) for u in grid["units"]), default=6))
    per_table = max(1, (console.width - name_width - 14) // 6)
    numbered = list(enumerate(grid["models"], start=1))
    for start in range(0, max(len(numbered), 1), per_table):
        part = numbered[start : start + per_table]
        last = start + per_table >= len(numbered)
        table = RichTable(title=f"Tình trạng áp dụng ngày {grid['as_of']}", show_footer=True)
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
        console.print(f"{n}. {m['title']} ({m['id']})")
    console.print(
        "Ký hiệu: " + "; ".join(f"{STATUS.label(s, 'symbol')} {STATUS.label(s)}" for s in STATUSES)
    )
    console.print("Tổng: số ô đang hoặc đã triển khai (TK, HQ, CHQ, TD).")
