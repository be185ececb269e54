"""The `cchc` command line: registers one function per command, and maps errors to exits.

Each command lives in `cchc/commands/<name>.py` as a plain function that parses its
options, calls the library, prints, and returns an exit code. `main` is the only place
that turns errors into messages and exit codes (see cchc.errors).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from typing import Annotated, Any

import typer

try:  # typer >= 0.20 vendors click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover
    from click import exceptions as click_errors  # type: ignore[no-redef]

import cchc
from cchc import i18n
from cchc.commands import rules, schema, validate
from cchc.errors import CchcError, ExitCode

i18n.install()

app = typer.Typer(
    name="cchc",
    help="cchc — quản lý chương trình nhân rộng mô hình, sáng kiến cải cách hành chính: "
    "dữ liệu YAML trong git, kiểm tra, báo cáo tiến độ, văn bản theo Nghị định 30/2020.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cchc {cchc.__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Hiện phiên bản rồi thoát.")] = False,
) -> None:
    """cchc — quản lý chương trình nhân rộng mô hình cải cách hành chính."""


app.command("validate")(validate.command)
app.command("rules")(rules.command)
app.command("schema")(schema.command)


def _localise_help(command: Any) -> None:
    for param in getattr(command, "params", []):
        if param.name == "help":
            param.help = "Hiện hướng dẫn này rồi thoát."
    for sub in getattr(command, "commands", {}).values():
        _localise_help(sub)


def build_command() -> Any:
    """The click command behind `app`, with Vietnamese --help text."""
    command = typer.main.get_command(app)
    _localise_help(command)
    return command


def main(argv: Sequence[str] | None = None) -> int:
    """Run cchc with `argv` (default: sys.argv[1:]) and return the exit code; never raises."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = build_command()
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
    except click_errors.Exit as error:
        return int(error.exit_code)
    except click_errors.Abort:
        sys.stderr.write("Đã dừng.\n")
        return 130
    except click_errors.ClickException as error:
        sys.stderr.write(f"lỗi: {error.format_message()}\n")
        return ExitCode.USAGE
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng.\n")
        return 130
    except BrokenPipeError:
        return ExitCode.OK
    except Exception:  # noqa: BLE001 - the one place that stops tracebacks reaching users
        if os.environ.get("CCHC_DEBUG"):
            traceback.print_exc()
        kind, value = sys.exc_info()[:2]
        sys.stderr.write(
            f"lỗi nội bộ của cchc ({kind.__name__ if kind else '?'}: {value}).\n"
            "  gợi ý: chạy lại với CCHC_DEBUG=1 để xem chi tiết và gửi kèm khi báo lỗi.\n")
        return ExitCode.USAGE
    return int(result or 0)
