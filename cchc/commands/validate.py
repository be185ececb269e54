"""`cchc validate`: check the data repository (or some of its files)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from cchc.check.findings import Severity
from cchc.check.settings import FAIL_ON, load_settings
from cchc.commands.common import (
    OutputOption,
    RootOption,
    TodayOption,
    choice,
    output_stream,
    repository_paths,
    resolve_today,
)
from cchc.errors import ExitCode, UsageError
from cchc.load.files import find_root
from cchc.pipeline import CheckOutcome, run_checks
from cchc.present.registry import Target, formats, write
from cchc.present.views.findings import FindingsSummary


def command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[TỆP]...",
            help="Chỉ báo lỗi của các tệp/thư mục này (tham chiếu chéo vẫn kiểm tra trên cả kho).",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="DẠNG",
            help="Dạng kết quả: text (người đọc), json, github (chú thích GitHub Actions), sarif.",
        ),
    ] = "text",
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="MỨC",
            help="Thoát mã 1 khi có phát hiện từ mức này trở lên: error, warning, "
            "info (mặc định error, hoặc theo cchc.toml).",
            show_default=False,
        ),
    ] = None,
    today: TodayOption = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Không dùng và không ghi bộ nhớ đệm .cchc_cache/.")
    ] = False,
    output: OutputOption = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Chỉ in dòng tổng cộng (mã thoát như thường lệ)."),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics",
            help="In dòng tổng cộng và số phát hiện của từng luật thay vì từng phát hiện.",
        ),
    ] = False,
) -> int:
    """Kiểm tra dữ liệu: cú pháp YAML, định dạng, tham chiếu giữa các tệp và các luật lint.

    Dòng tổng cộng in trước các phát hiện. --quiet chỉ in dòng đó; --statistics in thêm số
    phát hiện của từng luật (như ruff), thay cho danh sách phát hiện.

    Mã thoát: 0 không có vấn đề (hoặc chỉ dưới mức --fail-on); 1 có phát hiện từ mức
    --fail-on trở lên; 2 lỗi cách dùng; 4 lỗi nội bộ.
    """
    choice(output_format, formats(CheckOutcome), "--format")
    if (quiet or statistics) and output_format != "text":
        option = "--quiet" if quiet else "--statistics"
        raise UsageError(
            f"{option} chỉ dùng với --format text", hint=f"bỏ {option} hoặc bỏ --format"
        )
    if fail_on is not None:
        choice(fail_on, FAIL_ON, "--fail-on")
    day = resolve_today(today)
    repo = find_root(root=root)
    settings = load_settings(repo)
    progress = None
    if sys.stderr.isatty() and output_format == "text":
        progress = _progress_printer()
    outcome = run_checks(
        repo,
        today=day,
        settings=settings,
        only=repository_paths(repo, paths) if paths else None,
        use_cache=not no_cache,
        progress=progress,
    )
    if progress is not None:
        sys.stderr.write("\r\033[K")
    if outcome.cache_refused is not None:
        sys.stderr.write(
            f"cảnh báo: không dùng bộ nhớ đệm vì {outcome.cache_refused}; "
            "kiểm tra lại toàn bộ tệp.\n"
        )
    view: object = outcome
    if quiet or statistics:
        view = FindingsSummary(outcome, statistics=statistics and not quiet)
    with output_stream(output) as stream:
        write(view, output_format, Target(stream, None))
    threshold = Severity.parse(fail_on or settings.fail_on)
    worst = outcome.worst()
    return ExitCode.FINDINGS if worst is not None and worst >= threshold else ExitCode.OK


def _progress_printer() -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        if total >= 200 and (done % 100 == 0 or done == total):
            sys.stderr.write(f"\rĐang kiểm tra {done}/{total} tệp…")
            sys.stderr.flush()

    return show
