"""`cchc render`: an official document in the layout of Nghị định 30/2020."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc.atomic import write_atomic
from cchc.check.settings import load_settings
from cchc.commands.common import RootOption, check_output_path, choice
from cchc.errors import ExitCode, UsageError
from cchc.load.files import find_root
from cchc.pipeline import load_repository, run_checks
from cchc.present.document import EXTENSIONS, FORMATS, layout, render
from cchc.safe import terminal_text
from cchc.schema import Document
from cchc.schema.repository import Repository

if TYPE_CHECKING:
    from cchc.present.views.report import Table


def report_tables(repo: Repository, document: Document) -> dict[str, Table] | None:
    """The computed tables a báo cáo shows (its `report:` blocks), for its period and its
    issuer's units; None for a document without such blocks."""
    if not layout.needs_tables(document):
        return None
    from cchc.compute.progress import compute_report
    from cchc.present.views.report import build_tables

    period = layout.report_period(document)
    report = compute_report(repo, period, scope=layout.report_scope(document))
    return {t.key: t for t in build_tables(report)}


def command(
    document_id: Annotated[
        str,
        typer.Argument(
            metavar="VĂN-BẢN",
            help="Mã văn bản (tên tệp trong data/documents/, không có .yaml).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="DẠNG",
            help="Dạng văn bản: docx (Word, để trình ký), html "
            "(xem và in trên trình duyệt), md (Markdown, để xem xét trong pull request), pdf "
            "(cần LibreOffice).",
        ),
    ] = "docx",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP",
            help="Ghi ra tệp này (mặc định: <mã văn bản>.<dạng> "
            "trong thư mục hiện tại; '-' để in ra màn hình với md, html).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Chỉ kiểm tra văn bản còn thiếu gì (người ký, nội dung mô hình, nơi gửi "
            "không chọn được đơn vị nào...); mã thoát 1 nếu còn thiếu.",
        ),
    ] = False,
    root: RootOption = None,
) -> int:
    """Xuất văn bản hành chính (công văn, kế hoạch, báo cáo) theo thể thức Nghị định 30/2020.

    Mã thoát: 0 thành công (hoặc --check: đủ nội dung); 1 --check thấy văn bản còn thiếu;
    2 lỗi cách dùng; 3 dữ liệu có lỗi.
    """
    choice(output_format, FORMATS, "--format")
    if output is not None and str(output) != "-":
        check_output_path(output)  # before the work, not after
    repo = load_repository(find_root(root=root))
    document = repo.document(document_id)
    if check:
        problems = _incomplete(repo.root, document.id)
        if not problems:
            sys.stdout.write(f"{document.id}: đủ nội dung để xuất văn bản.\n")
            return ExitCode.OK
        sys.stdout.write(f"{document.id}: còn thiếu {len(problems)} mục:\n")
        for problem in problems:
            sys.stdout.write(f"  - {terminal_text(problem)}\n")  # may quote data
        return ExitCode.FINDINGS
    result = render(repo, document, output_format, report_tables(repo, document))
    if output is not None and str(output) == "-":
        if isinstance(result, bytes):
            raise UsageError(
                f"không in được dạng {output_format} ra màn hình",
                hint="bỏ '-o -' hoặc chọn --format md/html",
            )
        sys.stdout.write(result)
        return ExitCode.OK
    target = output or Path(document.id + EXTENSIONS[output_format])
    data = result if isinstance(result, bytes) else result.encode("utf-8")
    write_atomic(target, data, option=output is not None)
    sys.stdout.write(f"Đã ghi {target}\n")
    return ExitCode.OK


def _incomplete(root: Path, document_id: str) -> list[str]:
    """What `cchc validate` says the document still lacks (rule L016), in file order."""
    outcome = run_checks(
        root,
        today=date.today(),
        settings=load_settings(root),
        only={f"data/documents/{document_id}.yaml"},
    )
    return [f.message for f in outcome.findings if f.code == "L016"]
