"""`cchc report`: the progress report of a quarter, half-year or year (docs/report.md)."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, ExitStack, nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer

from cchc.commands.common import (
    OutputOption,
    RootOption,
    check_output_path,
    choice,
    output_stream,
)
from cchc.errors import ExitCode, UsageError
from cchc.load.files import find_root
from cchc.periods import Period, parse_period
from cchc.safe import terminal_text


def _period(quarter: str | None, half: str | None, year: str | None, calendar: bool) -> Period:
    given = [(k, v) for k, v in (("quarter", quarter), ("half", half), ("year", year)) if v]
    if not given:
        raise UsageError(
            "chưa chọn kỳ báo cáo", hint="thêm --quarter 2024-Q3, --half 2024-H1 hoặc --year 2024"
        )
    if len(given) > 1:
        raise UsageError(
            "chỉ chọn một kỳ báo cáo: --quarter, --half hoặc --year",
            hint="bỏ bớt các tùy chọn kỳ còn lại",
        )
    kind, text = given[0]
    return parse_period(text, calendar=calendar, kind=kind)


def command(
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            "-q",
            metavar="QUÝ",
            help="Báo cáo quý: 2024-Q3, Q3/2024 hoặc 2024Q3.",
            show_default=False,
        ),
    ] = None,
    half: Annotated[
        str | None,
        typer.Option(
            "--half",
            metavar="KỲ",
            help="Báo cáo 6 tháng: 2024-H1 (đầu năm), 2024-H2 (cuối năm).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option("--year", metavar="NĂM", help="Báo cáo năm: 2024.", show_default=False),
    ] = None,
    calendar: Annotated[
        bool,
        typer.Option(
            "--calendar",
            help="Tính kỳ theo ngày dương lịch (1/7–30/9) thay vì kỳ chốt số liệu "
            "của Nghị định 09/2019/NĐ-CP (15/6–14/9).",
        ),
    ] = False,
    scope: Annotated[
        str | None,
        typer.Option(
            "--scope",
            metavar="MÃ-ĐƠN-VỊ",
            help="Chỉ báo cáo đơn vị này và các đơn vị trực thuộc.",
            show_default=False,
        ),
    ] = None,
    document: Annotated[
        str | None,
        typer.Option(
            "--document",
            metavar="MÃ-VĂN-BẢN",
            help="Chỉ tính theo một văn bản chỉ đạo (công văn, kế hoạch).",
            show_default=False,
        ),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            metavar="PHIÊN-BẢN",
            help="Tính từ dữ liệu đã commit ở phiên bản git này "
            "(mã commit, nhánh, thẻ) để lặp lại đúng báo cáo đã nộp.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="DẠNG",
            help="Dạng kết quả: text (màn hình), md, html, xlsx, "
            "docx, json, csv. xlsx và docx cần -o.",
        ),
    ] = "text",
    root: RootOption = None,
    output: OutputOption = None,
) -> int:
    """Báo cáo tiến độ nhân rộng mô hình trong một kỳ (quý, 6 tháng, năm).

    Mọi số liệu tính tại ngày cuối kỳ từ diễn biến có ghi ngày, nên báo cáo một kỳ đã qua
    luôn cho cùng kết quả. Mã thoát: 0 thành công; 2 lỗi cách dùng, mã không tồn tại, lỗi
    git; 3 dữ liệu có lỗi (chạy `cchc validate`).
    """
    from cchc.present.registry import Target, binary_formats, formats, write
    from cchc.present.views.report import ReportView

    choice(output_format, formats(ReportView), "--format")
    period = _period(quarter, half, year, calendar)
    binary = output_format in binary_formats(ReportView)
    if binary and output is None:
        raise UsageError(
            f"dạng {output_format} cần tệp kết quả", hint=f"thêm -o baocao.{output_format}"
        )
    if output is not None and str(output) != "-":
        check_output_path(output)  # before the work, not after
    data_root = find_root(root=root)
    with ExitStack() as stack:
        if rev is not None:
            from cchc.load.gitrev import checkout_revision

            data_root = stack.enter_context(checkout_revision(data_root, rev))
        from cchc.compute.progress import compute_report
        from cchc.pipeline import load_repository

        status: AbstractContextManager[Any] = nullcontext()
        if sys.stderr.isatty():
            from rich.console import Console

            status = Console(stderr=True).status("Đang đọc dữ liệu và tính báo cáo…")
        with status:
            repo = load_repository(data_root, today=period.end)
            view = ReportView(compute_report(repo, period, scope=scope, document=document))
        if binary:
            assert output is not None
            write(view, output_format, Target(None, Path(output), data_root))
        else:
            with output_stream(output) as stream:
                write(view, output_format, Target(stream, output, data_root))
    if output is not None and str(output) != "-":
        # Said on stderr: the report itself may be piped from stdout in other runs.
        sys.stderr.write(
            terminal_text(
                f"Đã ghi báo cáo {period.label} (dạng {output_format}) vào tệp {output}\n"
            )
        )
    return ExitCode.OK
