"""`cchc form` and `cchc import`: Excel forms out to the units, and back in (docs/forms.md)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from cchc.commands.common import RootOption, TodayOption, check_output_path, resolve_today
from cchc.errors import DataError, ExitCode, NotFoundError, UsageError
from cchc.load.files import find_root, in_git_work_tree
from cchc.periods import parse_period
from cchc.safe import terminal_text


def form_command(
    unit: Annotated[
        str | None,
        typer.Argument(
            metavar="[ĐƠN-VỊ]",
            help="Mã đơn vị cần lập biểu mẫu (tên tệp trong data/units); bỏ trống khi dùng "
            "--document.",
            show_default=False,
        ),
    ] = None,
    period_text: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            metavar="KỲ",
            help="Kỳ báo cáo: 2025-Q1 (quý), 2025-H1 (6 tháng), 2025 (năm).",
            show_default=False,
        ),
    ] = None,
    calendar: Annotated[
        bool,
        typer.Option(
            "--calendar",
            help="Tính kỳ theo ngày dương lịch thay vì kỳ chốt số liệu của Nghị định "
            "09/2019/NĐ-CP.",
        ),
    ] = False,
    document: Annotated[
        str | None,
        typer.Option(
            "--document",
            metavar="MÃ-VĂN-BẢN",
            help="Lập biểu mẫu cho mọi đơn vị mà văn bản chỉ đạo này yêu cầu áp dụng "
            "(mỗi đơn vị một tệp, -o là thư mục).",
            show_default=False,
        ),
    ] = None,
    scope: Annotated[
        str | None,
        typer.Option(
            "--scope",
            metavar="MÃ-ĐƠN-VỊ",
            help="Cùng --document: chỉ các đơn vị thuộc đơn vị này.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP-HOẶC-THƯ-MỤC",
            help="Tệp .xlsx cần ghi (mặc định baocao-<đơn-vị>-<kỳ>.xlsx); với --document: "
            "thư mục (mặc định thư mục hiện tại).",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    today: TodayOption = None,
) -> int:
    """Lập biểu mẫu Excel báo cáo tình hình áp dụng mô hình của một đơn vị trong một kỳ.

    Biểu mẫu có trang "Tình hình áp dụng" (mỗi mô hình đơn vị phải áp dụng hoặc đã ghi
    nhận một dòng; chọn tình trạng mới và ngày) và trang "Kết quả" (số liệu chỉ tiêu).
    Đơn vị điền xong gửi lại, cán bộ nhập bằng `cchc import`. Mã thoát: 0 đã ghi; 2 lỗi
    cách dùng, mã không có; 3 dữ liệu có lỗi (chạy `cchc validate`).
    """
    if period_text is None:
        raise UsageError("chưa chọn kỳ báo cáo", hint="thêm --period 2025-Q1 (hoặc 2025-H1, 2025)")
    period = parse_period(period_text, calendar=calendar)
    if document is None:
        if unit is None:
            raise UsageError(
                "chưa chọn đơn vị",
                hint="ghi mã đơn vị (cchc form xa-an-ngai --period 2025-Q1), hoặc --document",
            )
        if scope is not None:
            raise UsageError("--scope chỉ dùng cùng --document")
    elif unit is not None:
        raise UsageError(
            "chọn một đơn vị hoặc --document, không chọn cả hai",
            hint="bỏ mã đơn vị để lập biểu mẫu cho mọi đơn vị của văn bản",
        )
    folder: Path | None = None
    if document is not None:
        folder = output or Path(".")
        if folder.exists() and not folder.is_dir():
            raise UsageError(f'"{folder}" là một tệp; với --document, -o là thư mục')
        if not folder.parent.is_dir() and not folder.is_dir():
            raise UsageError(f'không có thư mục "{folder.parent}"', hint="tạo thư mục trước")
    else:
        assert unit is not None
        default = f"baocao-{unit}-{period.code}.xlsx"
        target = output or Path(default)
        if target.is_dir():
            target = target / default
        if target.suffix.lower() != ".xlsx":
            raise UsageError(
                f'biểu mẫu là tệp Excel: tên tệp "{target.name}" cần đuôi .xlsx',
                hint=f"ví dụ -o {default}",
            )
        check_output_path(target)
    data_root = find_root(root=root)
    made = resolve_today(today)
    from cchc.compute.forms import directive_label, form_units, unit_form
    from cchc.edit.batch import unit_digest
    from cchc.load.formkey import ensure_key
    from cchc.pipeline import load_repository
    from cchc.present.formats.form_xlsx import write_form

    repo = load_repository(data_root, today=made)
    key = ensure_key()  # signs every form (docs/forms.md, "Chữ ký")
    if document is None:
        assert unit is not None
        form = unit_form(repo, unit, period)
        write_form(form, target, digest=unit_digest(data_root, unit), made=made, key=key)
        _said(target, repo.unit_label(unit), len(form.adoptions), len(form.results))
        if not form.adoptions:
            sys.stderr.write(
                f"chú ý: {terminal_text(repo.unit_label(unit))} không có mô hình nào phải áp dụng "
                f"hay đã ghi nhận trong {period.label}\n"
            )
        return ExitCode.OK
    assert folder is not None
    units = form_units(repo, document, period, scope)
    if not units:
        label = directive_label(repo, repo.document(document))
        sys.stderr.write(
            terminal_text(f"{label} không yêu cầu đơn vị nào áp dụng trong {period.label}\n")
        )
        return ExitCode.OK
    folder.mkdir(exist_ok=True)
    with _progress(len(units)) as advance:
        for unit_id in units:
            form = unit_form(repo, unit_id, period)
            path = folder / f"baocao-{unit_id}-{period.code}.xlsx"
            digest = unit_digest(data_root, unit_id)
            write_form(form, path, digest=digest, made=made, key=key)
            advance()
    sys.stdout.write(f"đã ghi {len(units)} biểu mẫu vào thư mục {terminal_text(str(folder))}\n")
    return ExitCode.OK


def _said(path: Path, name: str, models: int, results: int) -> None:
    sys.stdout.write(
        terminal_text(
            f"đã ghi biểu mẫu {path}: {name}, {models} mô hình, {results} dòng kết quả gợi ý\n"
        )
    )


@contextmanager
def _progress(total: int) -> Iterator[Any]:
    """A progress bar on stderr when it is a terminal; `advance()` after each unit."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from cchc.safe import console

    with Progress(
        TextColumn("Đang lập biểu mẫu"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console(sys.stderr),
        transient=True,
    ) as bar:
        task = bar.add_task("forms", total=total)
        yield lambda: bar.advance(task)


def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="TỆP...",
            help="Các tệp biểu mẫu .xlsx đã điền (do `cchc form` tạo).",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Chỉ cho xem những gì sẽ thay đổi, không ghi gì."),
    ] = False,
    accept_unsigned: Annotated[
        bool,
        typer.Option(
            "--accept-unsigned",
            help="Nhận cả biểu mẫu không có chữ ký của máy này (biểu mẫu do máy khác lập): "
            "chỉ dùng sau khi đã xem bảng tóm tắt của --dry-run và chắc đúng đơn vị.",
        ),
    ] = False,
    root: RootOption = None,
    today: TodayOption = None,
) -> int:
    """Nhập các biểu mẫu Excel đã điền vào tệp dữ liệu của đơn vị.

    Mọi ô được kiểm tra; có lỗi thì báo từng ô (tệp, trang, ô) và không ghi gì. Ghi bằng
    cùng cách sửa tệp như `cchc adopt`/`cchc result` (giữ chú thích, ghi an toàn, hoặc ghi
    hết hoặc không ghi gì); nhập lại cùng tệp không thay đổi gì. Mã thoát: 0 đã nhập (hoặc
    không có thay đổi); 2 lỗi cách dùng, không có tệp; 3 biểu mẫu có lỗi, xung đột, tệp
    không đọc được hoặc dữ liệu có lỗi (không ghi gì).
    """
    for path in files:
        if not path.exists():
            raise NotFoundError(f'không có tệp "{path}"', hint="kiểm tra đường dẫn")
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    for first in unique.values():
        times = sum(1 for p in files if p.resolve() == first.resolve())
        if times > 1:
            sys.stderr.write(
                terminal_text(f"chú ý: tệp {first} được nêu {times} lần, chỉ nhập một lần") + "\n"
            )
    files = list(unique.values())
    data_root = find_root(root=root)
    day = resolve_today(today)
    lock: AbstractContextManager[Any] = nullcontext()
    if not dry_run:
        from cchc.atomic import edit_lock

        lock = edit_lock(data_root)
    with lock:  # from reading the data to renaming the last file
        return _import(data_root, files, day, dry_run=dry_run, accept_unsigned=accept_unsigned)


def _import(
    data_root: Path, files: list[Path], day: date, *, dry_run: bool, accept_unsigned: bool
) -> int:
    from cchc.edit.batch import plan_forms, write_all
    from cchc.load.formkey import load_key
    from cchc.pipeline import load_repository
    from cchc.present.formats.import_text import git_hint, print_summary

    repo = load_repository(data_root, today=day, save_cache=False)
    run = plan_forms(data_root, repo, files, day, key=load_key(), accept_unsigned=accept_unsigned)
    for notice in run.notices:
        sys.stderr.write(terminal_text("chú ý: " + notice) + "\n")
    if run.problems:
        listed = "\n".join(f"  {p}" for p in run.problems)
        cells = any(p.cell for f in run.forms for p in f.problems)
        hint = (
            "sửa các ô đã nêu (hoặc hỏi lại đơn vị) rồi chạy lại `cchc import`"
            if cells
            else "kiểm tra các tệp đã nêu (đúng biểu mẫu do `cchc form` lập, lưu dạng .xlsx)"
        )
        if any(f.unsigned for f in run.forms) and not accept_unsigned:
            hint = (
                "biểu mẫu không ký trên máy này: lập lại bằng `cchc form`, hoặc xem bảng tóm "
                "tắt của `cchc import --dry-run --accept-unsigned` rồi nhập với "
                "--accept-unsigned nếu đúng đơn vị"
            )
        raise DataError(
            f"{len(run.problems)} lỗi trong biểu mẫu, chưa ghi gì:\n{listed}", hint=hint
        )
    plan = run.plan
    if plan.empty:
        again = f" ({plan.skipped} dòng đã có trong dữ liệu)" if plan.skipped else ""
        sys.stdout.write(f"không có thay đổi{again}.\n")
        return ExitCode.OK
    title = "Thay đổi sẽ ghi (chạy thử, chưa ghi gì)" if dry_run else "Đã ghi các thay đổi"
    print_summary(plan.rows, sys.stdout, title=title)
    if plan.skipped:
        sys.stdout.write(f"{plan.skipped} dòng đã có trong dữ liệu, bỏ qua.\n")
    if dry_run:
        changed = len(run.prepared)
        sys.stdout.write(f"chạy thử (--dry-run): {changed} tệp sẽ thay đổi, chưa ghi gì.\n")
        return ExitCode.OK
    write_all(data_root, run.prepared)
    rels = [p.file.rel for p in run.prepared]
    sys.stdout.write(f"đã ghi {len(rels)} tệp: {', '.join(rels)}\n")
    if in_git_work_tree(data_root):
        names = [repo.unit_label(u) for u in plan.units]
        sys.stdout.write(git_hint(data_root, rels, run.periods, names) + "\n")
    return ExitCode.OK
