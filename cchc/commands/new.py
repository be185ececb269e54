"""`cchc new model|unit|document`: create a commented data file that already validates."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import Annotated

import typer

from cchc.atomic import edit_lock
from cchc.commands.common import RootOption, TodayOption, choice, resolve_today
from cchc.edit.new import NewFile, new_document, new_model, new_unit
from cchc.edit.yamledit import write_checked
from cchc.errors import ExitCode, UsageError
from cchc.load.files import find_root
from cchc.periods import parse_date
from cchc.pipeline import load_repository
from cchc.schema.base import YEAR_MONTH_RE
from cchc.schema.repository import Repository
from cchc.schema.vocabulary import (
    AREAS,
    DOCUMENT_TYPES,
    LEVELS,
    MODEL_KINDS,
    MODEL_STATUSES,
    UNIT_KINDS,
)


def _ask(value: str | None, option: str, label: str) -> str:
    """The option's value, asked for when missing and a person is at the terminal."""
    if value is not None and value.strip():
        return value
    if sys.stdin.isatty():
        answer: str = typer.prompt(label)
        if answer.strip():
            return answer
    raise UsageError(
        f"thiếu {option}", hint=f"thêm {option} (hoặc chạy trong terminal để được hỏi)"
    )


def command(
    what: Annotated[str, typer.Argument(metavar="LOẠI", help="model, unit hoặc document.")],
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            help="Tên mô hình; tên đầy đủ của đơn vị; trích yếu/tên văn bản.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="Loại mô hình (model, solution, "
            "initiative) hoặc loại đơn vị (people-committee, department, agency, "
            "organization).",
            show_default=False,
        ),
    ] = None,
    area: Annotated[
        list[str] | None,
        typer.Option("--area", help="Lĩnh vực của mô hình (lặp lại được).", show_default=False),
    ] = None,
    origin: Annotated[
        str | None,
        typer.Option(
            "--origin",
            help="Đơn vị xây dựng mô hình; cơ quan ban hành văn bản.",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        str | None, typer.Option("--summary", help="Nội dung mô hình.", show_default=False)
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="Tình trạng mô hình ban đầu "
            "(piloting, recognized ...), ghi vào history với --date.",
            show_default=False,
        ),
    ] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="Cấp của đơn vị.", show_default=False)
    ] = None,
    parent: Annotated[
        str | None, typer.Option("--parent", help="Đơn vị cấp trên.", show_default=False)
    ] = None,
    short_name: Annotated[
        str | None, typer.Option("--short-name", help="Tên ngắn của đơn vị.", show_default=False)
    ] = None,
    doc_type: Annotated[
        str | None,
        typer.Option(
            "--type", help="Loại văn bản: cong-van, ke-hoach, bao-cao.", show_default=False
        ),
    ] = None,
    drafter: Annotated[
        str | None, typer.Option("--drafter", help="Cơ quan soạn thảo văn bản.", show_default=False)
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date", help="Ngày (YYYY-MM-DD; văn bản dự thảo: YYYY-MM).", show_default=False
        ),
    ] = None,
    item_id: Annotated[
        str | None,
        typer.Option("--id", help="Mã (mặc định: lấy từ tên, bỏ dấu).", show_default=False),
    ] = None,
    root: RootOption = None,
    today: TodayOption = None,
) -> int:
    """Tạo tệp mô hình, đơn vị hoặc văn bản mới, có chú thích, đã hợp lệ; mã lấy từ tên
    tiếng Việt bỏ dấu. Thiếu thông tin thì hỏi (trong terminal) hoặc báo lỗi (trong script).

    Mã thoát: 0 đã tạo; 2 thiếu/sai thông tin, mã đã có, tên gần trùng mô hình đã có; 3 dữ
    liệu có lỗi.
    """
    choice(what, ("model", "unit", "document"), "LOẠI")
    repo_root = find_root(root=root)
    now = resolve_today(today)
    # Ask for what is missing first: the lock is held only while nobody types.
    make: Callable[[Repository], NewFile]
    if what == "model":
        model_title = _ask(title, "--title", "Tên mô hình")
        model_kind = choice(
            _ask(kind, "--kind", "Loại (model, solution, initiative)"), MODEL_KINDS, "--kind"
        )
        areas = area or [_ask(None, "--area", "Lĩnh vực (vd. administrative-procedures)")]
        for one in areas:
            choice(one, AREAS, "--area")
        choice(status, MODEL_STATUSES, "--status")
        model_origin = _ask(origin, "--origin", "Mã đơn vị xây dựng")
        model_summary = _ask(summary, "--summary", "Nội dung mô hình")
        first_day = parse_date(day, what="--date") if day else now
        make = partial(
            new_model,
            title=model_title,
            kind=model_kind,
            areas=areas,
            origin=model_origin,
            summary=model_summary,
            item_id=item_id,
            status=status,
            day=first_day,
        )
    elif what == "unit":
        unit_name = _ask(title, "--title", "Tên đầy đủ của đơn vị")
        unit_kind = choice(
            _ask(kind, "--kind", "Loại (people-committee, department, agency, organization)"),
            UNIT_KINDS,
            "--kind",
        )
        unit_level = choice(
            _ask(level, "--level", "Cấp (central, province, district, commune)"), LEVELS, "--level"
        )
        make = partial(
            new_unit,
            name=unit_name,
            kind=unit_kind,
            level=unit_level,
            parent=parent,
            short_name=short_name,
            item_id=item_id,
        )
    else:
        kind_of_doc = choice(
            _ask(doc_type, "--type", "Loại (cong-van, ke-hoach, bao-cao)"), DOCUMENT_TYPES, "--type"
        )
        issuer = _ask(origin, "--origin", "Mã cơ quan ban hành")
        when = _ask(day, "--date", "Ngày (YYYY-MM-DD hoặc YYYY-MM)")
        if not YEAR_MONTH_RE.match(when):  # a draft's YYYY-MM, else a full date
            parse_date(when, what="--date")
        subject = _ask(title, "--title", "Trích yếu")
        make = partial(
            new_document,
            doc_type=kind_of_doc,
            issuer=issuer,
            when=when,
            subject=subject,
            drafter=drafter,
            item_id=item_id,
        )
    with edit_lock(repo_root):  # from reading the repository to renaming the file
        created = make(load_repository(repo_root, today=now, save_cache=False))
        if (repo_root / created.file.rel).exists():
            raise UsageError(f"tệp {created.file.rel} đã có", hint="đặt mã khác bằng --id")
        write_checked(repo_root, created.file, created.text, expected=None)
    sys.stdout.write(f"đã tạo {created.file.rel}\n")
    return ExitCode.OK
