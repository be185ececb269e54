"""Vietnamese text for the parts of the command line that click and typer print.

click marks its messages for gettext (`_("...")`) but ships no Vietnamese catalogue, so
the messages users actually meet are translated here, once, at start-up.
"""

from __future__ import annotations

import re
import sys
from typing import Any

_MESSAGES = {
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Arguments": "Tham số",
    "Missing command.": "thiếu tên lệnh.",
    "Missing argument": "thiếu tham số",
    "Missing option": "thiếu tùy chọn",
    "Missing parameter": "thiếu tham số",
    "Error: {message}": "lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem '{command} {option}' để biết cách dùng.",
    "Invalid value: {message}": "giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "giá trị không hợp lệ cho {param_hint}: {message}",
    "No such option {name!r}.": "không có tùy chọn {name!r}.",
    "No such command {name!r}.": "không có lệnh {name!r}.",
    "Option {name!r} does not take a value.": "tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "tham số {name!r} cần {nargs} giá trị.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là tệp, cần thư mục.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là thư mục, cần tệp.",
    "{name} {filename!r} is not readable.": "không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "không ghi được {name} {filename!r}.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "Aborted!": "Đã dừng.",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
}
_CHOICE_RE = re.compile(r"^(?P<value>.*) is not one of (?P<choices>.*)\.$")
_CHOICE_RE2 = re.compile(r"^(?P<value>.*) is not (?P<choices>.*)\.$")
_EXTRA_RE = re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)$")


def _translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    translated = {
        "Got unexpected extra argument ({args})": "thừa tham số ({args})",
        "Got unexpected extra arguments ({args})": "thừa các tham số ({args})",
        "Missing {param_type}": "thiếu {param_type}",
        "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
        "{value!r} is not one of {choices}.": "{value!r} không thuộc các lựa chọn {choices}.",
        "No such option: {name}": "không có tùy chọn: {name}",
        "Did you mean {possibility}?": "có phải ý bạn là {possibility}?",
        "(Possible options: {possibilities})": "(các tùy chọn gần giống: {possibilities})",
        "Option {name!r} requires an argument.": "tùy chọn {name!r} cần một giá trị.",
        "Option {name!r} requires {nargs} arguments.": "tùy chọn {name!r} cần {nargs} giá trị.",
    }
    source = singular if n == 1 else plural
    return translated.get(source, source)


def install() -> None:
    """Translate click's and typer's messages; idempotent."""
    import importlib
    import importlib.util

    import typer.core

    modules: list[Any] = [typer.core]
    # typer >= 0.20 vendors click as typer._click; older ones use click itself. Only the
    # one typer uses is translated (importing the other would cost every start-up).
    package = "typer._click" if importlib.util.find_spec("typer._click") else "click"
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types"):
        try:
            modules.append(importlib.import_module(f"{package}.{name}"))
        except ImportError:
            continue
    for module in modules:
        if hasattr(module, "_"):
            module._ = _translate
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
    _patch_vendored_click()
    _patch_arguments()
    rich_utils: Any = sys.modules.get("typer.rich_utils")
    if rich_utils is None:  # only loaded for rich help, which cchc does not use
        return
    rich_utils.ARGUMENTS_PANEL_TITLE = "Tham số"
    rich_utils.OPTIONS_PANEL_TITLE = "Tùy chọn"
    rich_utils.COMMANDS_PANEL_TITLE = "Lệnh"
    rich_utils.ERRORS_PANEL_TITLE = "Lỗi"
    rich_utils.ABORTED_TEXT = "Đã dừng."
    rich_utils.DEFAULT_STRING = "[mặc định: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[bắt buộc]"
    rich_utils.ENVVAR_STRING = "[biến môi trường: {}]"
    rich_utils.RICH_HELP = "Xem [blue]'{command_path} {help_option}'[/] để biết cách dùng."


_HELP_TEXT = "Hiện hướng dẫn này rồi thoát."
_MESSAGE_FIXES = [
    (re.compile(r"^Invalid value for (.*?): "), r"giá trị không hợp lệ cho \1: "),
    (re.compile(r"^Invalid value: "), r"giá trị không hợp lệ: "),
    (re.compile(r"^No such option: (.*)$"), r"không có tùy chọn: \1"),
    (re.compile(r"\. Did you mean (.*)\?$"), r". Có phải ý bạn là \1?"),
    (re.compile(r"^Did you mean (.*)\?$"), r"Có phải ý bạn là \1?"),
    (re.compile(r"\(Possible options: (.*)\)"), r"(các tùy chọn gần giống: \1)"),
    (re.compile(r"^Missing argument '(.*)'\.$"), r"thiếu tham số '\1'."),
    (re.compile(r"^Missing option '(.*)'\.$"), r"thiếu tùy chọn '\1'."),
    (re.compile(r"^Option '(.*)' requires an argument\.$"), r"tùy chọn '\1' cần một giá trị."),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), r"thừa tham số (\1)"),
    (re.compile(r"is not a valid integer"), r"không phải số nguyên hợp lệ"),
]


def translate_message(message: str) -> str:
    """Vietnamese for the English messages the vendored click still hard-codes."""
    for pattern, replacement in _MESSAGE_FIXES:
        message = pattern.sub(replacement, message)
    return message


def _patch_vendored_click() -> None:
    try:
        from typer._click import core, formatting
    except ImportError:  # pragma: no cover - typer without vendored click
        return
    if getattr(core.Command.get_help_option, "_cchc", False):
        return
    original_help = core.Command.get_help_option
    original_usage = formatting.HelpFormatter.write_usage

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original_help(self, ctx)
        if option is not None:
            option.help = _HELP_TEXT
        return option

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_usage(self, prog, args, "Cách dùng: " if prefix is None else prefix)

    get_help_option._cchc = True  # type: ignore[attr-defined]
    core.Command.get_help_option = get_help_option  # type: ignore[method-assign]
    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]


#: The usage line's pieces for options and subcommands, instead of click's English.
OPTIONS_METAVAR = "[TÙY-CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [THAM-SỐ]..."
#: Metavars for a parameter declared without one, by click type name; an explicit
#: `metavar=` names the value better, these only keep Python type names out of --help.
_FALLBACK_METAVARS = {
    "integer": "SỐ",
    "float": "SỐ",
    "path": "ĐƯỜNG-DẪN",
    "filename": "TỆP",
    "boolean": "CÓ/KHÔNG",
}
_FALLBACK_METAVAR = "GIÁ-TRỊ"
_ARGUMENT_METAVAR = "THAM-SỐ"


def _argument_usage(param: Any) -> str:
    """An argument as the usage line and the help row show it: `MÃ` (required), `[TỆP]`
    (optional), with `...` when it takes several values; no braces, no Python type."""
    name = str(param.metavar or _ARGUMENT_METAVAR)
    if not param.required:
        name = f"[{name}]"
    if param.nargs != 1:
        name += "..."
    return name


def _patch_arguments() -> None:
    """typer prints an argument as `{MÃ}` in the usage line and `MÃ <str>` in its help row;
    cchc prints it as `MÃ` in both (`[MÃ]` when optional)."""
    import typer.core

    argument: Any = typer.core.TyperArgument
    if getattr(argument.get_usage_pieces, "_cchc", False):
        return
    original_record = argument.get_help_record

    def get_usage_pieces(self: Any, ctx: Any) -> list[str]:
        return [_argument_usage(self)]

    def get_help_record(self: Any, ctx: Any) -> tuple[str, str] | None:
        record = original_record(self, ctx)
        return None if record is None else (_argument_usage(self), record[1])

    get_usage_pieces._cchc = True  # type: ignore[attr-defined]
    argument.get_usage_pieces = get_usage_pieces
    argument.get_help_record = get_help_record


def _bare_metavar(metavar: str) -> str:
    """`[TỆP]...` → `TỆP`: the name alone; brackets and dots are added where shown."""
    return metavar.removesuffix("...").strip("[]{}")


def _type_name(param: Any) -> str:
    """click's name of the parameter's type ("integer", "path"...), from typer's type
    descriptor (typer >= 0.20) or the click type (older typer)."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:
        return str(getattr(getattr(param, "type", None), "name", ""))
    if descriptor.is_path:
        return "path"
    return {int: "integer", float: "float", bool: "boolean"}.get(descriptor.annotation, "")


def localise_command(command: Any) -> None:
    """Vietnamese usage pieces and metavars for `command` and every command under it.

    Walks the click command tree once it is built, so a command added to
    `cchc.cli.COMMANDS` gets them without declaring anything: `[TÙY-CHỌN]` for options,
    `LỆNH [THAM-SỐ]...` for subcommands, the Vietnamese help of -h/--help, and a metavar
    for every parameter (an argument's name without brackets, which the usage line adds;
    an option declared without one gets a Vietnamese name for its type).
    """
    if hasattr(command, "options_metavar"):
        command.options_metavar = OPTIONS_METAVAR
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
    for param in getattr(command, "params", []):
        if param.name == "help":
            param.help = _HELP_TEXT
        if param.param_type_name == "argument":
            param.metavar = _bare_metavar(param.metavar or _ARGUMENT_METAVAR)
        elif param.metavar is None and not (param.is_flag or param.count):
            param.metavar = _FALLBACK_METAVARS.get(_type_name(param), _FALLBACK_METAVAR)
    for sub in getattr(command, "commands", {}).values():
        localise_command(sub)
