"""`cchc new model|unit|document`: create a commented data file that already validates."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from cchc.atomic import edit_lock
from cchc.commands.common import RootOption, TodayOption, choice, resolve_today
from cchc.edit.new import NearDuplicateError, NewFile, new_document, new_model, new_unit
from cchc.edit.yamledit import write_checked
from cchc.errors import ExitCode, UsageError
from cchc.load.files import find_root
from cchc.periods import format_date_vn, parse_date
from cchc.pipeline import load_repository
from cchc.schema.base import YEAR_MONTH_RE
from cchc.schema.repository import Repository
from cchc.schema.vocabulary import (
    AREAS,
    DOCUMENT_TYPES,
    ITEM_KIND,
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
            metavar="TÊN",
            help="Tên mô hình; tên đầy đủ của đơn vị; trích yếu/tên văn bản.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="LOẠI",
            help="Loại mô hình (model, solution, "
            "initiative) hoặc loại đơn vị (people-committee, department, agency, "
            "organization).",
            show_default=False,
        ),
    ] = None,
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area",
            metavar="LĨNH-VỰC",
            help="Lĩnh vực của mô hình (lặp lại được).",
            show_default=False,
        ),
    ] = None,
    origin: Annotated[
        str | None,
        typer.Option(
            "--origin",
            metavar="ĐƠN-VỊ",
            help="Đơn vị xây dựng mô hình; cơ quan ban hành văn bản.",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option("--summary", metavar="NỘI-DUNG", help="Nội dung mô hình.", show_default=False),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="TÌNH-TRẠNG",
            help="Tình trạng mô hình ban đầu "
            "(piloting, recognized ...), ghi vào history với --date.",
            show_default=False,
        ),
    ] = None,
    level: Annotated[
        str | None,
        typer.Option("--level", metavar="CẤP", help="Cấp của đơn vị.", show_default=False),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option("--parent", metavar="ĐƠN-VỊ", help="Đơn vị cấp trên.", show_default=False),
    ] = None,
    short_name: Annotated[
        str | None,
        typer.Option(
            "--short-name", metavar="TÊN-NGẮN", help="Tên ngắn của đơn vị.", show_default=False
        ),
    ] = None,
    doc_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="LOẠI",
            help="Loại văn bản: cong-van, ke-hoach, bao-cao.",
            show_default=False,
        ),
    ] = None,
    drafter: Annotated[
        str | None,
        typer.Option(
            "--drafter", metavar="ĐƠN-VỊ", help="Cơ quan soạn thảo văn bản.", show_default=False
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="NGÀY",
            help="Ngày (YYYY-MM-DD; văn bản dự thảo: YYYY-MM).",
            show_default=False,
        ),
    ] = None,
    item_id: Annotated[
        str | None,
        typer.Option(
            "--id", metavar="MÃ", help="Mã (mặc định: lấy từ tên, bỏ dấu).", show_default=False
        ),
    ] = None,
    abbreviation: Annotated[
        str | None,
        typer.Option(
            "--abbreviation",
            metavar="CHỮ-VIẾT-TẮT",
            help="Chữ viết tắt của đơn vị trong ký hiệu văn bản (UBND, SNV).",
            show_default=False,
        ),
    ] = None,
    locality: Annotated[
        str | None,
        typer.Option(
            "--locality",
            metavar="ĐỊA-DANH",
            help="Địa danh ở dòng ngày tháng khi đơn vị ban hành văn bản.",
            show_default=False,
        ),
    ] = None,
    valid_from: Annotated[
        str | None,
        typer.Option(
            "--valid-from",
            metavar="YYYY-MM-DD",
            help="Ngày đơn vị bắt đầu tồn tại (thành lập, sáp nhập).",
            show_default=False,
        ),
    ] = None,
    valid_to: Annotated[
        str | None,
        typer.Option(
            "--valid-to",
            metavar="YYYY-MM-DD",
            help="Ngày cuối cùng đơn vị tồn tại.",
            show_default=False,
        ),
    ] = None,
    number: Annotated[
        str | None,
        typer.Option(
            "--number",
            metavar="SỐ",
            help="Số của văn bản đã ký (phần số trong “Số, ký hiệu”, ví dụ 428); "
            "không ghi: dự thảo.",
            show_default=False,
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Vẫn tạo khi đã có đơn vị cùng cấp trên (hoặc mô hình) gần trùng tên, "
            "không hỏi lại.",
        ),
    ] = False,
    root: RootOption = None,
    today: TodayOption = None,
) -> int:
    """Tạo tệp mô hình, đơn vị hoặc văn bản mới, có chú thích, đã hợp lệ; mã lấy từ tên
    tiếng Việt bỏ dấu. Thiếu thông tin thì hỏi (trong terminal) hoặc báo lỗi (trong script).

    Tên đơn vị chỉ so với các đơn vị cùng cấp trên, theo phần riêng của tên (bỏ "Ủy ban
    nhân dân", "xã", "phường", "Sở"...): "xã Tây Vinh" và "xã Tây Giang" không trùng. Tên
    gần trùng thì hỏi lại (trong terminal), hoặc cần --yes.

    Mã thoát: 0 đã tạo; 2 thiếu/sai thông tin, mã đã có, tên gần trùng chưa được xác nhận;
    3 dữ liệu có lỗi.
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
        unit_from = parse_date(valid_from, what="--valid-from") if valid_from else None
        unit_to = parse_date(valid_to, what="--valid-to") if valid_to else None
        if unit_from is not None and unit_to is not None and unit_to < unit_from:
            raise UsageError(
                f"--valid-to {format_date_vn(unit_to)} trước --valid-from "
                f"{format_date_vn(unit_from)}",
                hint="ngày cuối cùng tồn tại phải từ ngày bắt đầu trở đi",
            )
        make = partial(
            new_unit,
            name=unit_name,
            kind=unit_kind,
            level=unit_level,
            parent=parent,
            short_name=short_name,
            abbreviation=abbreviation,
            locality=locality,
            valid_from=unit_from,
            valid_to=unit_to,
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
            number=_document_number(number),
            item_id=item_id,
        )
    if yes and what != "document":
        make = partial(make, allow_similar=True)
    try:
        created = _create(repo_root, now, make)
    except NearDuplicateError as error:
        if not sys.stdin.isatty():
            raise
        # Asked with the lock released; the repository is read again after the answer.
        sys.stderr.write(error.render() + "\n")
        if not typer.confirm(f"Đây là một {ITEM_KIND.label(what)} khác, vẫn tạo?", default=False):
            raise UsageError("đã không tạo tệp nào") from None
        created = _create(repo_root, now, partial(make, allow_similar=True))
    sys.stdout.write(f"đã tạo {created.file.rel}\n")
    return ExitCode.OK


def _create(repo_root: Path, now: date, make: Callable[[Repository], NewFile]) -> NewFile:
    with edit_lock(repo_root):  # from reading the repository to renaming the file
        created = make(load_repository(repo_root, today=now, save_cache=False))
        if (repo_root / created.file.rel).exists():
            raise UsageError(f"tệp {created.file.rel} đã có", hint="đặt mã khác bằng --id")
        write_checked(repo_root, created.file, created.text, expected=None)
    return created


def _document_number(value: str | None) -> int | str | None:
    """The number part of a signed document's "Số, ký hiệu" (428), as FORMAT.md writes it:
    a whole number (a string only to keep leading zeros, "01")."""
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit() or not text.isascii():
        raise UsageError(
            f'--number "{value}" không hợp lệ',
            hint="chỉ ghi phần số của “Số, ký hiệu” (ví dụ 428); ký hiệu (/KH-UBND) "
            "được ghép từ loại văn bản và cơ quan",
        )
    return text if text.startswith("0") else int(text)
