"""`cchc list`, `cchc show`, `cchc search`, `cchc matrix`: read-only queries.

Each command loads the repository (refusing data with errors), calls one function of
`cchc.compute.query`, and hands the view (`cchc.present.views.query`) to the registry,
which prints it as a table, JSON or CSV (docs/query.md).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from cchc.commands.common import (
    IdsOption,
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
from cchc.present.registry import Target, formats, write
from cchc.present.views.query import ListView, MatrixView, ShowView, list_view, search_view
from cchc.schema.repository import Repository
from cchc.schema.vocabulary import (
    AREAS,
    DOCUMENT_TYPES,
    LEVELS,
    MODEL_KINDS,
    MODEL_STATUSES,
    STATUSES,
    UNIT_KINDS,
)

WHAT = ("models", "units", "documents")

FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="DẠNG",
        help="Dạng kết quả: table (bảng), json, csv (UTF-8 có BOM, mở được bằng Excel).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Tình trạng tính đến ngày này (mặc định: hôm nay).",
        show_default=False,
    ),
]


def _load(root: Any, today: str | None) -> tuple[Repository, date]:
    day = resolve_today(today)
    return load_repository(find_root(root=root), today=day), day


def _as_of(value: str | None, today: date) -> date:
    return parse_date(value, what="--as-of") if value else today


def _emit(output: Any, view: ListView | ShowView | MatrixView, fmt: str) -> None:
    with output_stream(output) as stream:
        write(view, fmt, Target(stream, None))


def list_command(
    what: Annotated[str, typer.Argument(metavar="LOẠI", help="models, units hoặc documents.")],
    area: Annotated[
        str | None,
        typer.Option(
            "--area",
            metavar="LĨNH-VỰC",
            help="Mô hình thuộc lĩnh vực này (institutions, administrative-procedures, ...).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="LOẠI",
            help="Loại mô hình (model, "
            "solution, initiative), loại đơn vị (people-committee, department, agency, "
            "organization) hoặc loại văn bản (cong-van, ke-hoach, bao-cao).",
            show_default=False,
        ),
    ] = None,
    model_status: Annotated[
        str | None,
        typer.Option(
            "--model-status",
            metavar="TÌNH-TRẠNG",
            help="Tình trạng mô hình: proposed, piloting, recognized, retired.",
            show_default=False,
        ),
    ] = None,
    origin: Annotated[
        str | None,
        typer.Option(
            "--origin",
            metavar="ĐƠN-VỊ",
            help="Mô hình do đơn vị này xây dựng; văn bản do đơn vị này ban hành.",
            show_default=False,
        ),
    ] = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            metavar="CẤP",
            help="Đơn vị ở cấp này: central, province, district, commune.",
            show_default=False,
        ),
    ] = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            metavar="ĐƠN-VỊ",
            help="Chỉ đơn vị dưới "
            "đơn vị này (mô hình: đơn vị xây dựng; văn bản: cơ quan ban hành).",
            show_default=False,
        ),
    ] = None,
    adopted_by: Annotated[
        str | None,
        typer.Option(
            "--adopted-by",
            metavar="ĐƠN-VỊ",
            help="Mô hình mà đơn vị này áp dụng.",
            show_default=False,
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="MÔ-HÌNH",
            help="Đơn vị áp dụng mô hình này; văn bản nêu mô hình này.",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="TÌNH-TRẠNG",
            help="Tình trạng "
            "áp dụng: planned, implementing, effective, ineffective, suspended, "
            "not-applicable, not-started.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = "table",
    ids: IdsOption = False,
    root: RootOption = None,
    today: TodayOption = None,
    output: OutputOption = None,
) -> int:
    """Liệt kê mô hình, đơn vị hoặc văn bản theo bộ lọc, xếp theo thứ tự chữ cái tiếng Việt.

    Mã thoát: 0 thành công; 2 lỗi cách dùng hoặc mã không có; 3 dữ liệu có lỗi.
    """
    choice(what, WHAT, "LOẠI")
    choice(output_format, formats(ListView), "--format")
    repo, day = _load(root, today)
    filters = q.Filters(
        area=area,
        kind=kind,
        model_status=model_status,
        origin=origin,
        level=level,
        within=within,
        adopted_by=adopted_by,
        model=model,
        status=status,
        as_of=_as_of(as_of, day),
    )
    _check_filters(what, filters)
    if what == "models":
        rows = q.list_models(repo, filters)
    elif what == "units":
        rows = q.list_units(repo, filters, as_of_given=as_of is not None)
    else:
        rows = q.list_documents(repo, filters, as_of_given=as_of is not None)
    _emit(output, list_view(what, rows, q.names(repo), ids=ids), output_format)
    return ExitCode.OK


def _check_filters(what: str, f: q.Filters) -> None:
    """The filters `list WHAT` takes, with values from the vocabulary (docs/query.md)."""
    if what == "models":
        if f.model is not None:
            raise UsageError(
                "--model không dùng với `cchc list models`",
                hint="dùng --adopted-by ĐƠN-VỊ để lọc mô hình theo đơn vị áp dụng",
            )
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
        for name, value in (
            ("--area", f.area),
            ("--model-status", f.model_status),
            ("--origin", f.origin),
            ("--adopted-by", f.adopted_by),
        ):
            if value is not None:
                raise UsageError(
                    f"{name} không dùng với `cchc list units`",
                    hint="dùng --model MÃ-MÔ-HÌNH --status TÌNH-TRẠNG để lọc theo áp dụng",
                )
    else:
        choice(f.kind, DOCUMENT_TYPES, "--kind")
        for name, value in (
            ("--area", f.area),
            ("--model-status", f.model_status),
            ("--level", f.level),
            ("--adopted-by", f.adopted_by),
            ("--status", f.status),
        ):
            if value is not None:
                raise UsageError(f"{name} không dùng với `cchc list documents`")


def show_command(
    item: Annotated[
        str,
        typer.Argument(
            metavar="MÃ",
            help="Mã đơn vị, mô hình hoặc văn bản (có thể ghi rõ: unit:MÃ, model:MÃ, document:MÃ).",
        ),
    ],
    as_of: AsOfOption = None,
    output_format: FormatOption = "table",
    ids: IdsOption = False,
    root: RootOption = None,
    today: TodayOption = None,
    output: OutputOption = None,
) -> int:
    """Xem một mô hình (đơn vị áp dụng, tình trạng, kết quả mới nhất), một đơn vị (vị trí
    trong hệ thống, các mô hình áp dụng và diễn biến) hoặc một văn bản.

    Mã thoát: 0 thành công; 2 lỗi cách dùng hoặc mã không có; 3 dữ liệu có lỗi.
    """
    choice(output_format, formats(ListView), "--format")
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
    _emit(output, ShowView(data, q.names(repo), ids=ids), output_format)
    return ExitCode.OK


def search_command(
    text: Annotated[
        list[str], typer.Argument(metavar="CHỮ...", help="Các từ cần tìm (có dấu hoặc không dấu).")
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="SỐ", help="Số kết quả tối đa.")
    ] = 50,
    output_format: FormatOption = "table",
    ids: IdsOption = False,
    root: RootOption = None,
    today: TodayOption = None,
    output: OutputOption = None,
) -> int:
    """Tìm mô hình và đơn vị theo bất kỳ từ nào trong tên, mã, nội dung; không phân biệt dấu
    và cách bỏ dấu ("khong gian" tìm thấy "Không gian"; "hoà" tìm thấy "hòa").

    Kết quả khớp nhiều nhất xếp trước. Mã thoát: 0 (kể cả khi không tìm thấy); 2 lỗi cách
    dùng; 3 dữ liệu có lỗi.
    """
    choice(output_format, formats(ListView), "--format")
    repo, _day = _load(root, today)
    hits = q.search(repo, " ".join(text), limit=max(limit, 1))
    _emit(output, search_view(hits, q.names(repo), ids=ids), output_format)
    return ExitCode.OK


def matrix_command(
    within: Annotated[
        str | None,
        typer.Option(
            "--within", metavar="ĐƠN-VỊ", help="Chỉ các đơn vị dưới đơn vị này.", show_default=False
        ),
    ] = None,
    models: Annotated[
        list[str] | None,
        typer.Option(
            "--models",
            "-m",
            metavar="MÔ-HÌNH",
            help="Chỉ các mô hình này (lặp lại hoặc ngăn bằng dấu phẩy).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = "table",
    ids: IdsOption = False,
    root: RootOption = None,
    today: TodayOption = None,
    output: OutputOption = None,
) -> int:
    """Bảng đơn vị × mô hình: tình trạng áp dụng của từng đơn vị với từng mô hình, kèm tổng
    theo hàng và cột (chú giải ký hiệu in dưới bảng).

    Mã thoát: 0 thành công; 2 lỗi cách dùng hoặc mã không có; 3 dữ liệu có lỗi.
    """
    choice(output_format, formats(ListView), "--format")
    repo, day = _load(root, today)
    wanted = [m.strip() for value in models or () for m in value.split(",") if m.strip()]
    grid = q.matrix(repo, within=within, models=wanted, day=_as_of(as_of, day))
    _emit(output, MatrixView(grid, ids=ids), output_format)
    return ExitCode.OK
