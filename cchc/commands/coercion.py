"""Turning option text into values without building a pydantic validator per option.

typer (≥ 0.20) converts every command-line value through a pydantic `TypeAdapter` that
it builds, per option, when the command line is parsed. For cchc's options (text, paths,
whole numbers, flags and lists of them) that costs about 0.13 s at every start, more than
a warm `cchc validate` spends on the data, and its error messages are English.

`install` gives each such option a small converter instead. It reads the option's type
from typer's own description of it, so nothing is declared twice; an option of any other
type, or with a constraint (a range, a custom parser, a file to open), keeps typer's
converter. The test `tests/commands/test_coercion.py` checks that both converters agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

try:  # typer >= 0.20 vendors click
    from typer._click.exceptions import BadParameter
except ImportError:  # pragma: no cover
    from click.exceptions import BadParameter  # type: ignore[assignment]

#: A whole number as typed on a command line (Python's int() would also take "1_000").
_INTEGER = re.compile(r"[+-]?[0-9]+")
#: ParameterInfo fields that change how a value is read; any of them set → typer decides.
_CONSTRAINTS = ("parser", "click_type", "min", "max", "exists", "resolve_path", "allow_dash")
_PATH_DEFAULTS = {"file_okay": True, "dir_okay": True, "readable": True, "writable": False}


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _path(value: Any) -> Path:
    return value if isinstance(value, Path) else Path(_text(value))


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    text = _text(value).strip()
    if not _INTEGER.fullmatch(text):
        raise ValueError(value)
    return int(text)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(value)


_LEAVES: dict[Any, tuple[Callable[[Any], Any], str]] = {
    str: (_text, "văn bản"),
    Path: (_path, "đường dẫn"),
    int: (_integer, "số nguyên"),
    bool: (_flag, "đúng/sai"),
}


@dataclass(frozen=True)
class PlainConverter:
    """The converter of one option: a leaf converter, applied to each item of a list."""

    convert: Callable[[Any], Any]
    what: str
    is_list: bool

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = bool(getattr(param, "multiple", False) or getattr(param, "nargs", 1) == -1)
        if value is None:
            return () if multiple else None
        try:
            if self.is_list:
                items = value if isinstance(value, list | tuple) else [value]
                return [self.convert(item) for item in items]
            return self.convert(value)
        except (TypeError, ValueError, OverflowError):
            raise BadParameter(
                f"{_shown(value)} không phải {self.what} hợp lệ.", ctx=ctx, param=param
            ) from None


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(repr(item) for item in value)
    return repr(value)


def converter_for(descriptor: Any) -> PlainConverter | None:
    """A plain converter for typer's `TypeDescriptor`, or None when typer must decide."""
    info = descriptor.parameter_info
    if getattr(descriptor, "file_annotation", None) is not None:
        return None
    if any(getattr(info, name, None) not in (None, False) for name in _CONSTRAINTS):
        return None
    annotation = descriptor.annotation
    is_list = get_origin(annotation) is list
    if is_list:
        (annotation,) = get_args(annotation)
    if annotation not in _LEAVES:
        return None
    if annotation is Path and any(
        getattr(info, name, default) != default for name, default in _PATH_DEFAULTS.items()
    ):
        return None
    convert, what = _LEAVES[annotation]
    return PlainConverter(convert, what, is_list)


def install() -> None:
    """Make typer use a plain converter for every option where one fits; idempotent.

    typer builds an option's converter on first use through `typer.core.build_runtime_param`
    (also for the help option it creates while parsing), so that one function is wrapped.
    Should a typer version lack it, typer's own converters stay: slower, still correct.
    """
    import typer.core

    original = getattr(typer.core, "build_runtime_param", None)
    if original is None or getattr(original, "_cchc_plain", False):
        return

    def build_runtime_param(descriptor: Any) -> Any:
        return converter_for(descriptor) or original(descriptor)

    build_runtime_param._cchc_plain = True  # type: ignore[attr-defined]
    setattr(typer.core, "build_runtime_param", build_runtime_param)  # noqa: B010
