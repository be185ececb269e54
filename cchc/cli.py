"""The `cchc` command line: registers one function per command, and maps errors to exits.

Each command lives in `cchc/commands/<name>.py` as a plain function that parses its
options, calls the library, prints, and returns an exit code. `main` is the only place
that turns errors into messages and exit codes (see cchc.errors).
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Annotated, Any

import typer

try:  # typer >= 0.20 vendors click, with Exit/Abort in typer.exceptions
    from typer._click import exceptions as click_errors
    from typer.exceptions import Abort, Exit
except ImportError:  # pragma: no cover
    from click import exceptions as click_errors  # type: ignore[no-redef]
    from click.exceptions import Abort, Exit  # type: ignore[assignment]

import cchc
from cchc import i18n
from cchc.commands import coercion
from cchc.errors import CchcError, ExitCode

i18n.install()
coercion.install()

#: Every command: name -> (module, function). A module is imported only when its command
#: runs (or for the full help), so `cchc validate` never loads Word, Excel or git code.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("cchc.commands.validate", "command"),
    "rules": ("cchc.commands.rules", "command"),
    "schema": ("cchc.commands.schema", "command"),
    "report": ("cchc.commands.report", "command"),
    "render": ("cchc.commands.render", "command"),
    "list": ("cchc.commands.query", "list_command"),
    "show": ("cchc.commands.query", "show_command"),
    "search": ("cchc.commands.query", "search_command"),
    "matrix": ("cchc.commands.query", "matrix_command"),
    "adopt": ("cchc.commands.edit", "adopt_command"),
    "result": ("cchc.commands.edit", "result_command"),
    "fmt": ("cchc.commands.edit", "fmt_command"),
    "new": ("cchc.commands.new", "command"),
    "form": ("cchc.commands.form", "form_command"),
    "import": ("cchc.commands.form", "import_command"),
    "diff": ("cchc.commands.diff", "command"),
    "codeowners": ("cchc.commands.codeowners", "command"),
}
HELP = (
    "cchc — quản lý chương trình nhân rộng mô hình, sáng kiến cải cách hành chính: "
    "dữ liệu YAML trong git, kiểm tra, báo cáo tiến độ, văn bản theo Nghị định 30/2020."
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cchc {cchc.__version__}")
        raise typer.Exit(0)


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Hiện phiên bản rồi thoát."
        ),
    ] = False,
) -> None:
    """cchc — quản lý chương trình nhân rộng mô hình cải cách hành chính."""


def make_app(names: Sequence[str] | None = None) -> typer.Typer:
    """The typer app with the commands `names` (default: all of them)."""
    app = typer.Typer(
        name="cchc",
        help=HELP,
        add_completion=False,
        no_args_is_help=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    for name in COMMANDS if names is None else names:
        module, function = COMMANDS[name]
        app.command(name)(getattr(importlib.import_module(module), function))
    return app


def build_command(args: Sequence[str] = ()) -> Any:
    """The click command for `args`: only the command they name, or every command."""
    name = next((a for a in args if not a.startswith("-")), None)
    if name in COMMANDS:
        names: list[str] | None = [name]
    elif name is None and "--version" in args:
        names = []
    else:
        names = None  # the full help, or a typo to suggest a command for
    command = typer.main.get_command(make_app(names))
    i18n.localise_command(command)
    return command


def _sanitize_std_streams() -> None:
    """Closed standard streams (`cchc validate >&-`) become /dev/null, as git does.

    Otherwise Python leaves `sys.stdout` as None, and the next file cchc opens would take
    descriptor 1, where a child process (git) might write.
    """
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            devnull = os.open(os.devnull, os.O_RDWR)
            if devnull != fd:
                os.dup2(devnull, fd)
                os.close(devnull)
        if getattr(sys, name) is None:
            mode = "r" if fd == 0 else "w"
            setattr(sys, name, open(fd, mode, encoding="utf-8", closefd=False))  # noqa: SIM115


def _stdout_gone() -> int:
    """The reader of standard output went away (`| head -1`): stop quietly.

    Python flushes stdout once more at exit; pointing the descriptor at /dev/null keeps
    that flush from printing "Exception ignored ... BrokenPipeError" on stderr.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # a stdout without a descriptor (tests)
        pass
    return ExitCode.BROKEN_PIPE


def _is_broken_pipe(error: BaseException | None) -> bool:
    return isinstance(error, BrokenPipeError) or (
        isinstance(error, OSError) and error.errno == errno.EPIPE
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run cchc with `argv` (default: sys.argv[1:]) and return the exit code; never raises."""
    _sanitize_std_streams()
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()
    except OSError as error:
        if _is_broken_pipe(error):
            return _stdout_gone()
        sys.stderr.write(f"lỗi: không ghi được kết quả ra đầu ra chuẩn: {error.strerror}\n")
        return ExitCode.USAGE
    return code


def _run(args: list[str]) -> int:
    command = build_command(args)
    try:
        result = command.main(args=args, prog_name="cchc", standalone_mode=False)
    except CchcError as error:
        sys.stderr.write(error.render() + "\n")
        return int(error.exit_code)
    except click_errors.NoArgsIsHelpError as error:
        sys.stdout.write(error.ctx.get_help() + "\n")
        return ExitCode.OK
    except click_errors.UsageError as error:
        message = i18n.translate_message(error.format_message())
        sys.stderr.write(f"lỗi: {message}\n")
        if error.ctx is not None:
            sys.stderr.write(f"  gợi ý: xem '{error.ctx.command_path} --help'\n")
        return ExitCode.USAGE
    except Exit as error:
        return int(error.exit_code)
    except Abort:
        sys.stderr.write("Đã dừng.\n")
        return 130
    except click_errors.ClickException as error:
        sys.stderr.write(f"lỗi: {error.format_message()}\n")
        return ExitCode.USAGE
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng.\n")
        return 130
    except SystemExit as error:
        # typer turns a broken pipe into sys.exit(1), which would read as "findings".
        if _is_broken_pipe(error.__context__):
            return _stdout_gone()
        raise
    except Exception as error:
        if _is_broken_pipe(error):
            return _stdout_gone()
        if os.environ.get("CCHC_DEBUG"):
            traceback.print_exc()
        from cchc.safe import terminal_text

        detail = terminal_text(str(error))  # may quote data: no raw control characters
        sys.stderr.write(
            f"lỗi nội bộ của cchc ({type(error).__name__}: {detail}).\n"
            "  gợi ý: chạy lại với CCHC_DEBUG=1 để xem chi tiết và gửi kèm khi báo lỗi.\n"
        )
        return ExitCode.INTERNAL
    return int(result or 0)
