"""`cchc list`, `cchc show`, `cchc search`, `cchc matrix`: read-only queries.

Each command loads the repository (refusing data with errors), calls one function of
`cchc.compute.query`, and prints its rows as a table, JSON or CSV (docs/query.md).
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table

from cchc import safe
from cchc.commands.common import (
    OutputOption,
    RootOption,
    TodayOption,
    choice,
    output_stream,
    resolve_today,
)
from cchc.compute import query as q
from cchc.errors import ExitCode, UsageError
from cchc.load.files import find_root
from cchc.periods import parse_date
from cchc.pipeline import load_repository
from cchc.schema.repository import Repository
from cchc.schema.vocabulary import (
    AREAS,
    DOCUMENT_TYPES,
    LEVELS,
    MODEL_KIND,
    MODEL_KINDS,
    MODEL_STATUS,
    MODEL_STATUSES,
    STATUS,
    STATUSES,
    UNIT_KINDS,
)
from cchc.text import format_decimal

FORMATS = ("table", "json", "csv")
WHAT = ("models", "units", "documents")

FormatOption = Annotated[str, typer.Option(
    "--format", "-f", metavar="DẠNG", help="Dạng kết quả: table (bảng), json, csv (UTF-8 có BOM, "
    "mở được bằng Excel).")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD", help="Tình trạng tính đến ngày này (mặc định: hôm nay).",
    show_default=False)]

#: Columns of each list: (key, Vietnamese header). JSON keys are the same (docs/query.md).
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "models": [("id", "Mã"), ("title", "Tên mô hình"), ("kind", "Loại"), ("areas", "Lĩnh vực"),
               ("origin", "Đơn vị xây dựng"), ("status", "Tình trạng"),
               ("adopters", "Số đơn vị áp dụng")],
    "units": [("id", "Mã"), ("name", "Tên đơn vị"), ("kind", "Loại"), ("level", "Cấp"),
              ("parent", "Trực thuộc"), ("valid_to", "Đến ngày"),
              ("adoptions", "Số mô hình áp dụng")],
    "documents": [("id", "Mã"), ("type", "Loại"), ("number", "Số"), ("date", "Ngày"),
                  ("issuer", "Cơ quan ban hành"), ("subject", "Trích yếu"),
                  ("models", "Mô hình")],
}


def _load(root: Any, today: str | None) -> tuple[Repository, date]:
    day = resolve_today(today)
    return load_repository(find_root(root=root), today=day), day


def _as_of(value: str | None, today: date) -> date:
    return parse_date(value, what="--as-of") if value else today


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _console(stream: TextIO) -> Console:
    """A console printing data literally (see cchc.safe); data printed with it goes
    through `safe.terminal_data` first."""
    width = shutil.get_terminal_size((120, 24)).columns if stream.isatty() else 160
    console: Console = safe.console(stream, width=width, soft_wrap=False,
                                    force_terminal=stream.isatty())
    return console


def _print_rows(stream: TextIO, fmt: str, columns: list[tuple[str, str]],
                rows: Sequence[dict[str, Any]], *, title: str | None = None,
                footer: str | None = None) -> None:
    if fmt == "json":
        json.dump(list(rows), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "csv":
        _write_csv(stream, [k for k, _ in columns], [[_csv_value(r.get(k)) for k, _ in columns]
                                                      for r in rows])
    else:
        rows = safe.terminal_data(list(rows))
        table = Table(title=title, show_lines=False, expand=False)
        for key, header in columns:
            table.add_column(header, overflow="fold", no_wrap=key == "id",
                             justify="right" if key in ("adopters", "adoptions") else "left")
        for row in rows:
            table.add_row(*(_table_cell(row.get(k)) for k, _ in columns))
        console = _console(stream)
        console.print(table)
        console.print(footer if footer is not None else f"{len(rows)} mục")


def _table_cell(value: Any) -> str:
    """A cell for people: numbers the Vietnamese way (2,5; 11), the rest as in `_cell`."""
    if isinstance(value, float):
        return format_decimal(value, 1).removesuffix(",0")
    return _cell(value)


def _csv_value(value: Any) -> Any:
    """A CSV cell: numbers as numbers, lists joined, text as `_cell`."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return _cell(value)


def _write_csv(stream: TextIO, header: list[str], rows: list[list[Any]]) -> None:
    """The one CSV writer of the queries: text cells never start a formula
    (`safe.csv_cell`), numbers are written as numbers."""
    stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([safe.csv_cell(h) for h in header])
    writer.writerows([safe.csv_cell(c) for c in row] for row in rows)


def _emit(output: Any, write: Any) -> None:
    with output_stream(output) as stream:
        write(stream)


def list_command(
    what: Annotated[str, typer.Argument(metavar="LOẠI", help="models, units hoặc documents.")],
    area: Annotated[str | None, typer.Option("--area", metavar="LĨNH-VỰC",
                    help="Mô hình thuộc lĩnh vực này (institutions, "
                    "administrative-procedures, ...).",
                    show_default=False)] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="LOẠI", help="Loại mô hình (model, "
                    "solution, initiative), loại đơn vị (people-committee, department, agency, "
                    "organization) hoặc loại văn bản (cong-van, ke-hoach, bao-cao).",
                    show_default=False)] = None,
    model_status: Annotated[str | None, typer.Option("--model-status", metavar="TÌNH-TRẠNG",
                            help="Tình trạng mô hình: proposed, piloting, recognized, retired.",
                            show_default=False)] = None,
    origin: Annotated[str | None, typer.Option("--origin", metavar="ĐƠN-VỊ",
                      help="Mô hình do đơn vị này xây dựng; văn bản do đơn vị này ban hành.",
                      show_default=False)] = None,
    level: Annotated[str | None, typer.Option("--level", metavar="CẤP", help="Đơn vị ở cấp này: "
                     "central, province, district, commune.", show_default=False)] = None,
    within: Annotated[str | None, typer.Option("--within", metavar="ĐƠN-VỊ", help="Chỉ đơn vị dưới "
                      "đơn vị này (mô hình: đơn vị xây dựng; văn bản: cơ quan ban hành).",
                      show_default=False)] = None,
    adopted_by: Annotated[str | None, typer.Option("--adopted-by", metavar="ĐƠN-VỊ", help="Mô hình "
                          "mà đơn vị này áp dụng.", show_default=False)] = None,
    model: Annotated[str | None, typer.Option("--model", metavar="MÔ-HÌNH", help="Đơn vị áp dụng "
                     "mô hình này; văn bản nêu mô hình này.", show_default=False)] = None,
    status: Annotated[str | None, typer.Option("--status", metavar="TÌNH-TRẠNG", help="Tình trạng "
                      "áp dụng: planned, implementing, effective, ineffective, suspended, "
                      "not-applicable, not-started.", show_default=False)] = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = "table",
    root: RootOption = None,
    today: TodayOption = None,
    output: OutputOption = None,
) -> int:
    """Liệt kê mô hình, đơn vị hoặc văn bản theo bộ lọc, xếp theo thứ tự chữ cái tiếng Việt.

    Mã thoát: 0 thành công; 2 lỗi cách dùng hoặc mã không có; 3 dữ liệu có lỗi.
    """
    choice(what, WHAT, "LOẠI")
    choice(output_format, FORMATS, "--format")
    repo, day = _load(root, today)
    filters = q.Filters(area=area, kind=kind, model_status=model_status, origin=origin,
                        level=level, within=within, adopted_by=adopted_by, model=model,
                        status=status, as_of=_as_of(as_of, day))
    _check_filters(what, filters)
    if what == "models":
        rows = q.list_models(repo, filters)
    elif what == "units":
        rows = q.list_units(repo, filters, as_of_given=as_of is not None)
    else:
        rows = q.list_documents(repo, filters, as_of_given=as_of is not None)
    _emit(output, lambda s: _print_rows(s, output_format, COLUMNS[what], rows))
    return ExitCode.OK


def _check_filters(what: str, f: q.Filters) -> None:
    """The filters `list WHAT` takes, with values from the vocabulary (docs/query.md)."""
    if what == "models":
        if f.model is not None:
            raise UsageError("--model không dùng với `cchc list models`",
                             hint="dùng --adopted-by ĐƠN-VỊ để lọc mô hình theo đơn vị áp dụng")
        choice(f.area, AREAS, "--area")
        choice(f.kind, MODEL_KINDS, "--kind")
        choice(f.model_status, MODEL_STATUSES, "--model-status")
        choice(f.status, STATUSES, "--status")
        if f.level is not None:
            raise UsageError("--level chỉ dùng với `cchc list units`")
    elif what == "units":
        choice(f.kind, UNIT_KINDS, "--kind")
        choice(f.level, LEVELS, "--level")
        choice(f.status, STATUSES, "--status")
        for name, value in (("--area", f.area), ("--model-status", f.model_status),
                            ("--origin", f.origin), ("--adopted-by", f.adopted_by)):
            if value is not None:
                raise UsageError(f"{name} không dùng với `cchc list units`",
                                 hint="dùng --model MÃ-MÔ-HÌNH --status TÌNH-TRẠNG để lọc theo "
                                 "áp dụng")
    else:
        choice(f.kind, DOCUMENT_TYPES, "--kind")
        for name, value in (("--area", f.area), ("--model-status", f.model_status),
                            ("--level", f.level), ("--adopted-by", f.adopted_by),
                            ("--status", f.status)):
            if value is not None:
                raise UsageError(f"{name} không dùng với `cchc list documents`")


def show_command(
    item: Annotated[str, typer.Argument(metavar="MÃ",
                    help="Mã đơn vị, mô hình hoặc văn bản (có thể "
                    "ghi rõ: unit:MÃ, model:MÃ, document:MÃ).")],
    as_of: AsOfOption = None,
    output_format: FormatOption = "table",
    root: RootOption = None,
    today: TodayOption = None,
    output: OutputOption = None,
) -> int:
    """Xem một mô hình (đơn vị áp dụng, tình trạng, kết quả mới nhất), một đơn vị (vị trí
    trong hệ thống, các mô hình áp dụng và diễn biến) hoặc một văn bản.

    Mã thoát: 0 thành công; 2 lỗi cách dùng hoặc mã không có; 3 dữ liệu có lỗi.
    """
    choice(output_format, FORMATS, "--format")
    repo, day = _load(root, today)
    when = _as_of(as_of, day)
    kind, obj = q.find_item(repo, item)
    if kind == "model":
        data = q.show_model(repo, obj, when)
    elif kind == "unit":
        data = q.show_unit(repo, obj, when)
    else:
        data = q.show_document(repo, obj)
    data["as_of"] = when.isoformat()
    _emit(output, lambda s: _print_show(s, output_format, data))
    return ExitCode.OK


def _label(status: str) -> str:
    return MODEL_STATUS.label(status) if status in MODEL_STATUSES else STATUS.label(status)


def _print_show(stream: TextIO, fmt: str, data: dict[str, Any]) -> None:
    if fmt == "json":
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    if fmt == "csv":
        _show_csv(stream, data)
        return
    data = safe.terminal_data(data)
    console = _console(stream)
    kind = data["kind"]
    if kind == "model":
        console.print(f"{MODEL_KIND.label(data['model_kind'], 'heading')} “{data['title']}” "
                      f"({data['id']})")
        console.print(f"Đơn vị xây dựng: {data['origin_name']} ({data['origin']})")
        console.print(f"Lĩnh vực: {', '.join(data['areas'])}")
        console.print(f"Tình trạng ngày {data['as_of']}: {_label(data['status'])}")
        console.print(f"\n{data['summary'].strip()}\n")
        table = Table(title=f"Đơn vị áp dụng ({len(data['adopters'])})")
        for header in ("Mã", "Đơn vị", "Tình trạng", "Từ ngày", "Kết quả mới nhất"):
            table.add_column(header, overflow="fold")
        for a in data["adopters"]:
            results = "; ".join(f"{r['indicator']}: {r['display']} (đến {r['to']})"
                                for r in a["results"])
            table.add_row(a["unit"], a["name"], _label(a["status"]), a["since"] or "", results)
        console.print(table)
    elif kind == "unit":
        console.print(f"{data['name']} ({data['id']})")
        console.print(f"Loại: {data['unit_kind']}; cấp: {data['level']}")
        chain = " › ".join(a["name"] for a in reversed(data["ancestors"]))
        console.print(f"Trực thuộc: {chain or '(cấp cao nhất)'}")
        if data["children"]:
            console.print(f"Đơn vị trực thuộc ({len(data['children'])}): "
                          + ", ".join(c["name"] for c in data["children"]))
        if data["valid_to"]:
            console.print(f"Tồn tại đến ngày: {data['valid_to']}")
        if data["originated"]:
            console.print("Mô hình do đơn vị xây dựng: " + ", ".join(data["originated"]))
        table = Table(title=f"Mô hình áp dụng ({len(data['adoptions'])}), tình trạng ngày "
                      f"{data['as_of']}")
        for header in ("Mã", "Mô hình", "Tình trạng", "Diễn biến", "Kết quả"):
            table.add_column(header, overflow="fold")
        for a in data["adoptions"]:
            history = "\n".join(f"{e['date']}: {_label(e['status'])}"
                                + (f" ({e['note']})" if e["note"] else "") for e in a["history"])
            results = "\n".join(f"{r['indicator']}: {r['display']} (đến {r['to']})"
                                for r in a["results"])
            table.add_row(a["model"], a["title"], _label(a["status"]), history, results)
        console.print(table)
    else:
        number = data["number"] or "(dự thảo)"
        console.print(f"Văn bản {data['id']}: {data['document_type']}, số {number}, "
                      f"ngày {data['date']}")
        console.print(f"Cơ quan ban hành: {data['issuer_name']} ({data['issuer']})")
        if data["subject"]:
            console.print(f"Trích yếu: {data['subject']}")
        if data["recipients"]:
            console.print("Kính gửi: " + "; ".join(data["recipients"]))
        if data["deadline"]:
            console.print(f"Hạn áp dụng: {data['deadline']}")
        console.print("Mô hình: " + (", ".join(data["models"]) or "(không có)"))


def _show_csv(stream: TextIO, data: dict[str, Any]) -> None:
    if data["kind"] == "model":
        rows = [[a["unit"], a["name"], a["status"], a["since"] or "",
                 "; ".join(f"{r['indicator']}={r['display']}" for r in a["results"])]
                for a in data["adopters"]]
        _write_csv(stream, ["unit", "name", "status", "since", "results"], rows)
    elif data["kind"] == "unit":
        rows = [[a["model"], a["title"], a["status"],
                 "; ".join(f"{e['date']} {e['status']}" for e in a["history"]),
                 "; ".join(f"{r['indicator']}={r['display']}" for r in a["results"])]
                for a in data["adoptions"]]
        _write_csv(stream, ["model", "title", "status", "history", "results"], rows)
    else:
        keys = ["id", "document_type", "number", "date", "issuer", "subject", "models"]
        _write_csv(stream, keys, [[_cell(data.get(k)) for k in keys]])


def search_command(
    text: Annotated[list[str], typer.Argument(metavar="CHỮ...", help="Các từ cần tìm (có dấu hoặc "
                    "không dấu).")],
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="SỐ",
                                       help="Số kết quả tối đa.")] = 50,
    output_format: FormatOption = "table",
    root: RootOption = None,
    today: TodayOption = None,
    output: OutputOption = None,
) -> int:
    """Tìm mô hình và đơn vị theo bất kỳ từ nào trong tên, mã, nội dung; không phân biệt dấu
    và cách bỏ dấu ("khong gian" tìm thấy "Không gian"; "hoà" tìm thấy "hòa").

    Kết quả khớp nhiều nhất xếp trước. Mã thoát: 0 (kể cả khi không tìm thấy); 2 lỗi cách
    dùng; 3 dữ liệu có lỗi.
    """
    choice(output_format, FORMATS, "--format")
    repo, _day = _load(root, today)
    hits = q.search(repo, " ".join(text), limit=max(limit, 1))
    columns = [("kind", "Loại"), ("id", "Mã"), ("title", "Tên"), ("score", "Điểm")]
    _emit(output, lambda s: _print_rows(s, output_format, columns, hits,
                                        footer=f"{len(hits)} kết quả"))
    return ExitCode.OK


def matrix_command(
    within: Annotated[str | None, typer.Option("--within", metavar="ĐƠN-VỊ", help="Chỉ các đơn vị "
                      "dưới đơn vị này.", show_default=False)] = None,
    models: Annotated[list[str] | None, typer.Option("--models", "-m", metavar="MÔ-HÌNH",
                      help="Chỉ các mô hình này (lặp lại hoặc ngăn bằng dấu phẩy).",
                      show_default=False)] = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = "table",
    root: RootOption = None,
    today: TodayOption = None,
    output: OutputOption = None,
) -> int:
    """Bảng đơn vị × mô hình: tình trạng áp dụng của từng đơn vị với từng mô hình, kèm tổng
    theo hàng và cột (chú giải ký hiệu in dưới bảng).

    Mã thoát: 0 thành công; 2 lỗi cách dùng hoặc mã không có; 3 dữ liệu có lỗi.
    """
    choice(output_format, FORMATS, "--format")
    repo, day = _load(root, today)
    wanted = [m.strip() for value in models or () for m in value.split(",") if m.strip()]
    grid = q.matrix(repo, within=within, models=wanted, day=_as_of(as_of, day))
    _emit(output, lambda s: _print_matrix(s, output_format, grid))
    return ExitCode.OK


def _print_matrix(stream: TextIO, fmt: str, grid: dict[str, Any]) -> None:
    model_ids = [m["id"] for m in grid["models"]]
    if fmt == "json":
        json.dump(grid, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    if fmt == "csv":
        rows = [[u["id"], u["name"], *(u["cells"][m] for m in model_ids), u["total"]]
                for u in grid["units"]]
        rows.append(["total", "Tổng", *(grid["totals"][m] for m in model_ids), grid["total"]])
        _write_csv(stream, ["unit", "name", *model_ids, "total"], rows)
        return
    grid = safe.terminal_data(grid)
    console = _console(stream)
    # As many model columns as the terminal holds; the rest in further tables below.
    name_width = min(28, max((len(u["name"]) for u in grid["units"]), default=6))
    per_table = max(1, (console.width - name_width - 14) // 6)
    numbered = list(enumerate(grid["models"], start=1))
    for start in range(0, max(len(numbered), 1), per_table):
        part = numbered[start:start + per_table]
        last = start + per_table >= len(numbered)
        table = Table(title=f"Tình trạng áp dụng ngày {grid['as_of']}", show_footer=True)
        table.add_column("Đơn vị", footer="Tổng", overflow="fold", min_width=name_width)
        for n, m in part:
            table.add_column(f"{n}", footer=str(grid["totals"][m["id"]]), justify="center",
                             no_wrap=True, min_width=3)
        if last:
            table.add_column("Tổng", footer=str(grid["total"]), justify="right", no_wrap=True)
        for u in grid["units"]:
            cells = [STATUS.label(u["cells"][m["id"]], "symbol") for _, m in part]
            table.add_row(u["name"], *cells, *([str(u["total"])] if last else []))
        console.print(table)
    for n, m in enumerate(grid["models"], start=1):
        console.print(f"{n}. {m['title']} ({m['id']})")
    console.print("Ký hiệu: " + "; ".join(f"{STATUS.label(s, 'symbol')} {STATUS.label(s)}"
                                         for s in STATUSES))
    console.print("Tổng: số ô đang hoặc đã triển khai (TK, HQ, CHQ, TD).")
