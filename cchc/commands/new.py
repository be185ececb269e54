"""`cchc new model|unit|document`: create a commented data file that already validates."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cchc.commands.common import RootOption, TodayOption, choice, resolve_today
from cchc.edit.new import new_document, new_model, new_unit
from cchc.edit.yamledit import write_checked
from cchc.errors import ExitCode, UsageError
from cchc.load.files import find_root
from cchc.load.repository import load_repository
from cchc.periods import parse_date


def _ask(value: str | None, option: str, label: str) -> str:
    """The option's value, asked for when missing and a person is at the terminal."""
    if value is not None and value.strip():
        return value
    if sys.stdin.isatty():
        answer: str = typer.prompt(label)
        if answer.strip():
            return answer
    raise UsageError(f"thiếu {option}",
                     hint=f"thêm {option} (hoặc chạy trong terminal để được hỏi)")


def command(
    what: Annotated[str, typer.Argument(metavar="LOẠI", help="model, unit hoặc document.")],
    title: Annotated[str | None, typer.Option("--title", help="Tên mô hình; tên đầy đủ của đơn vị; "
                     "trích yếu/tên văn bản.", show_default=False)] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Loại mô hình (model, solution, "
                    "initiative) hoặc loại đơn vị (people-committee, department, agency, "
                    "organization).", show_default=False)] = None,
    area: Annotated[list[str] | None, typer.Option("--area", help="Lĩnh vực của mô hình (lặp lại "
                    "được).", show_default=False)] = None,
    origin: Annotated[str | None, typer.Option("--origin", help="Đơn vị xây dựng mô hình; cơ quan "
                      "ban hành văn bản.", show_default=False)] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="Nội dung mô hình.",
                       show_default=False)] = None,
    status: Annotated[str | None, typer.Option("--status", help="Tình trạng mô hình ban đầu "
                      "(piloting, recognized ...), ghi vào history với --date.",
                      show_default=False)] = None,
    level: Annotated[str | None, typer.Option("--level", help="Cấp của đơn vị.",
                     show_default=False)] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="Đơn vị cấp trên.",
                      show_default=False)] = None,
    short_name: Annotated[str | None, typer.Option("--short-name", help="Tên ngắn của đơn vị.",
                          show_default=False)] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Loại văn bản: cong-van, "
                        "ke-hoach, bao-cao.", show_default=False)] = None,
    drafter: Annotated[str | None, typer.Option("--drafter", help="Cơ quan soạn thảo văn bản.",
                       show_default=False)] = None,
    day: Annotated[str | None, typer.Option("--date", help="Ngày (YYYY-MM-DD; văn bản dự thảo: "
                   "YYYY-MM).", show_default=False)] = None,
    item_id: Annotated[str | None, typer.Option("--id", help="Mã (mặc định: lấy từ tên, bỏ dấu).",
                       show_default=False)] = None,
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
    repo = load_repository(repo_root, today=now)
    if what == "model":
        created = new_model(
            repo, title=_ask(title, "--title", "Tên mô hình"),
            kind=_ask(kind, "--kind", "Loại (model, solution, initiative)"),
            areas=area or [_ask(None, "--area", "Lĩnh vực (vd. administrative-procedures)")],
            origin=_ask(origin, "--origin", "Mã đơn vị xây dựng"),
            summary=_ask(summary, "--summary", "Nội dung mô hình"), item_id=item_id,
            status=status, day=parse_date(day, what="--date") if day else now)
    elif what == "unit":
        created = new_unit(
            repo, name=_ask(title, "--title", "Tên đầy đủ của đơn vị"),
            kind=_ask(kind, "--kind", "Loại (people-committee, department, agency, organization)"),
            level=_ask(level, "--level", "Cấp (central, province, district, commune)"),
            parent=parent, short_name=short_name, item_id=item_id)
    else:
        created = new_document(
            repo, doc_type=_ask(doc_type, "--type", "Loại (cong-van, ke-hoach, bao-cao)"),
            issuer=_ask(origin, "--origin", "Mã cơ quan ban hành"),
            when=_ask(day, "--date", "Ngày (YYYY-MM-DD hoặc YYYY-MM)"),
            subject=_ask(title, "--title", "Trích yếu"), drafter=drafter, item_id=item_id)
    path = repo_root / created.file.rel
    if path.exists():
        raise UsageError(f"tệp {created.file.rel} đã có", hint="đặt mã khác bằng --id")
    write_checked(repo_root, created.file, created.text)
    sys.stdout.write(f"đã tạo {created.file.rel}\n")
    return ExitCode.OK
