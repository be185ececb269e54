"""`cchc adopt`, `cchc result`, `cchc fmt`: commands that change data files (docs/edit.md)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Annotated

import typer
from ruamel.yaml.error import YAMLError

from cchc.atomic import edit_lock
from cchc.commands.common import (
    RootOption,
    TodayOption,
    choice,
    chosen_files,
    repository_paths,
    resolve_today,
)
from cchc.edit.fmt import format_text
from cchc.edit.records import add_event, add_result, parse_number
from cchc.edit.yamledit import check_new_text, write_data_file
from cchc.errors import DataError, ExitCode, Location
from cchc.load.files import DataFile, ReadError, find_root, list_files, read_bytes
from cchc.periods import parse_date
from cchc.pipeline import load_repository
from cchc.safe import terminal_text
from cchc.schema.vocabulary import ADOPTION_STATUSES

UnitArg = Annotated[
    str, typer.Argument(metavar="ĐƠN-VỊ", help="Mã đơn vị (tên tệp trong data/units).")
]
ModelArg = Annotated[
    str, typer.Argument(metavar="MÔ-HÌNH", help="Mã mô hình (tên tệp trong data/models).")
]


def adopt_command(
    unit: UnitArg,
    model: ModelArg,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            "-s",
            metavar="TÌNH-TRẠNG",
            help="planned, "
            "implementing, effective, ineffective, suspended, not-applicable "
            "(cần --note).",
            show_default=False,
        ),
    ],
    day: Annotated[
        str,
        typer.Option(
            "--date", "-d", metavar="YYYY-MM-DD", help="Ngày của sự kiện.", show_default=False
        ),
    ],
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            metavar="GHI-CHÚ",
            help="Ghi chú (bắt buộc với not-applicable).",
            show_default=False,
        ),
    ] = None,
    ref: Annotated[
        str | None,
        typer.Option(
            "--ref",
            metavar="SỐ-KÝ-HIỆU",
            help="Văn bản quyết định, ví dụ 12/KH-UBND.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    today: TodayOption = None,
) -> int:
    """Ghi một sự kiện áp dụng mô hình vào tệp của đơn vị (tạo hồ sơ áp dụng nếu chưa có).

    Chỉ ghi khi dữ liệu sau khi sửa vẫn hợp lệ; chú thích và các dòng khác giữ nguyên.
    Mã thoát: 0 đã ghi; 2 lỗi cách dùng, mã không có, ngày sai hoặc trái thứ tự; 3 dữ liệu
    có lỗi (tệp không được sửa).
    """
    when = parse_date(day, what="--date")
    choice(status, ADOPTION_STATUSES, "--status")
    repo_root = find_root(root=root)
    with edit_lock(repo_root):  # from reading the repository to renaming the file
        repo = load_repository(repo_root, today=resolve_today(today), save_cache=False)
        outcome = add_event(
            repo, unit, model, status=status, day=when, note=_text(note), ref=_text(ref)
        )
    sys.stdout.write(terminal_text(outcome.message) + "\n")  # quotes names from data
    return ExitCode.OK


def result_command(
    unit: UnitArg,
    model: ModelArg,
    indicator: Annotated[
        str,
        typer.Option(
            "--indicator", "-i", metavar="CHỈ-TIÊU", help="Mã chỉ tiêu.", show_default=False
        ),
    ],
    to: Annotated[
        str,
        typer.Option(
            "--to", metavar="YYYY-MM-DD", help="Ngày cuối của kỳ số liệu.", show_default=False
        ),
    ],
    start: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="YYYY-MM-DD", help="Ngày đầu của kỳ số liệu.", show_default=False
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Option(
            "--value",
            metavar="SỐ",
            help="Giá trị (chỉ tiêu đếm), ví dụ 2454 hoặc 99.5.",
            show_default=False,
        ),
    ] = None,
    numerator: Annotated[
        str | None,
        typer.Option(
            "--numerator", metavar="TỬ-SỐ", help="Tử số (chỉ tiêu tỷ lệ).", show_default=False
        ),
    ] = None,
    denominator: Annotated[
        str | None,
        typer.Option(
            "--denominator", metavar="MẪU-SỐ", help="Mẫu số (lớn hơn 0).", show_default=False
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="GHI-CHÚ", help="Ghi chú.", show_default=False)
    ] = None,
    root: RootOption = None,
    today: TodayOption = None,
) -> int:
    """Ghi một kết quả (số liệu một chỉ tiêu trong một kỳ) vào hồ sơ áp dụng của đơn vị.

    Số không quá 10^15 về giá trị tuyệt đối. Mã thoát: 0 đã ghi; 2 lỗi cách dùng, mã không
    có, ngày sai, số không hợp lệ, tử số lớn hơn mẫu số; 3 dữ liệu có lỗi (tệp không được sửa).
    """
    number = None if value is None else parse_number(value, "--value")
    top = None if numerator is None else int(parse_number(numerator, "--numerator", integer=True))
    bottom = (
        None
        if denominator is None
        else int(parse_number(denominator, "--denominator", integer=True))
    )
    end = parse_date(to, what="--to")
    begin = parse_date(start, what="--from") if start else None
    repo_root = find_root(root=root)
    with edit_lock(repo_root):  # from reading the repository to renaming the file
        repo = load_repository(repo_root, today=resolve_today(today), save_cache=False)
        outcome = add_result(
            repo,
            unit,
            model,
            indicator=indicator,
            to=end,
            start=begin,
            value=number,
            numerator=top,
            denominator=bottom,
            note=_text(note),
        )
    sys.stdout.write(terminal_text(outcome.message) + "\n")
    return ExitCode.OK


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def fmt_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[TỆP]...",
            help="Chỉ định dạng các tệp/thư mục này (mặc định: mọi tệp dữ liệu).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Không ghi; in phần khác biệt và thoát mã 1 nếu có tệp chưa đúng dạng chuẩn.",
        ),
    ] = False,
    root: RootOption = None,
) -> int:
    """Đưa tệp dữ liệu về dạng chuẩn: thứ tự trường như tài liệu định dạng, văn bản Unicode
    NFC, thụt lề thống nhất (2 dấu cách; gạch đầu dòng lùi 2). Giữ nguyên chú thích.

    Mã thoát: 0 đã đúng dạng (hoặc đã sửa); 1 (--check) có tệp chưa đúng dạng; 2 lỗi cách
    dùng; 3 tệp có lỗi cú pháp, không định dạng được.
    """
    repo_root = find_root(root=root)
    with edit_lock(repo_root):
        return _fmt(repo_root, paths or [], check=check)


def _fmt(repo_root: Path, paths: list[Path], *, check: bool) -> int:
    files = _select(repo_root, paths)
    changed: list[tuple[DataFile, bytes, str, str]] = []
    for file in files:
        try:
            raw = read_bytes(repo_root, file.rel)  # never through a link out of the repository
            old = raw.decode("utf-8")
        except ReadError as error:
            raise DataError(error.message, location=Location(file.rel), hint=error.hint) from None
        except UnicodeDecodeError:
            raise DataError(
                "tệp không phải văn bản UTF-8, không định dạng được",
                location=Location(file.rel),
                hint="chạy `cchc validate`",
            ) from None
        try:
            new = format_text(old, file.kind)
        except YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise DataError(
                "tệp có lỗi cú pháp YAML, không định dạng được",
                location=Location(file.rel, mark.line + 1 if mark else 0),
                hint="sửa lỗi cú pháp trước (chạy `cchc validate`)",
            ) from None
        if new != old:
            changed.append((file, raw, old, new))
    # Every file is formatted before any is written: a file with a syntax error stops the
    # command with every file unchanged.
    for file, _raw, old, new in changed:
        if check:
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(True), new.splitlines(True), f"a/{file.rel}", f"b/{file.rel}"
                )
            )
        else:
            check_new_text(repo_root, file, new, old_text=old)
    if not check:
        for file, raw, _old, new in changed:
            write_data_file(repo_root, file, new, expected=raw)
    if check:
        if changed:
            sys.stderr.write(f"{len(changed)} tệp chưa đúng dạng chuẩn; chạy `cchc fmt` để sửa.\n")
            return ExitCode.FINDINGS
        return ExitCode.OK
    word = f"đã định dạng {len(changed)} tệp" if changed else "mọi tệp đã đúng dạng chuẩn"
    sys.stderr.write(f"{word} ({len(files)} tệp đã xem).\n")
    return ExitCode.OK


def _select(root: Path, paths: list[Path]) -> list[DataFile]:
    files, _stray = list_files(root)
    if not paths:
        return files
    return chosen_files(files, repository_paths(root, paths, what="định dạng"))
