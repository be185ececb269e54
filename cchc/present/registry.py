"""The one registry of writers: (view type, format name) → writer function.

Each module of `cchc.present.formats` registers its writers with `@register(View, "name")`;
a command asks `formats(View)` for the names it accepts (its `--format` choices) and calls
`write(view, name, target)`. Text formats write to `target.stream`; binary formats
(`binary=True`: xlsx, docx) write a file at `target.path`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

V = TypeVar("V")
Writer = Callable[[Any, "Target"], None]

#: The medium modules, imported once on first use (each registers its writers).
FORMAT_MODULES = (
    "text",
    "md",
    "csv",
    "json",
    "html",
    "xlsx",
    "docx",
    "github",
    "sarif",
    "findings",
)
#: Where each view's writers live: view class name → format name → (module, binary).
#: A command lists its `--format` names and knows which need a file without importing a
#: format module, and writing imports only the module of the chosen format: `report -f
#: json` never loads rich, `cchc validate` never loads the report's code. A view missing
#: here is still served, by importing every format module. tests/present/test_registry.py
#: checks this table against the `@register` calls, both ways.
DECLARED: dict[str, dict[str, tuple[str, bool]]] = {
    "CheckOutcome": {
        "text": ("findings", False),
        "json": ("findings", False),
        "github": ("github", False),
        "sarif": ("sarif", False),
    },
    "FindingsSummary": {"text": ("findings", False)},
    "ReportView": {
        "text": ("text", False),
        "md": ("md", False),
        "csv": ("csv", False),
        "json": ("json", False),
        "html": ("html", False),
        "xlsx": ("xlsx", True),
        "docx": ("docx", True),
    },
    "DiffView": {"text": ("text", False), "markdown": ("md", False), "json": ("json", False)},
    "ListView": {"table": ("text", False), "csv": ("csv", False), "json": ("json", False)},
    "ShowView": {"table": ("text", False), "csv": ("csv", False), "json": ("json", False)},
    "MatrixView": {"table": ("text", False), "csv": ("csv", False), "json": ("json", False)},
}
#: The order in which a command lists its format names (in --help and error hints).
ORDER = (
    "text",
    "table",
    "md",
    "markdown",
    "html",
    "xlsx",
    "docx",
    "json",
    "csv",
    "github",
    "sarif",
)


@dataclass(frozen=True)
class Target:
    """Where to write: a text stream (text formats) and/or a path (binary formats)."""

    stream: IO[str] | None
    path: Path | None
    root: Path | None = None  # the data repository (its templates/ override the package's)
    width: int | None = None  # terminal width for the text format


@dataclass(frozen=True)
class _Entry:
    writer: Writer
    binary: bool


_WRITERS: dict[tuple[type, str], _Entry] = {}
_loaded: set[str] = set()


def register(
    view: type[V], name: str, *, binary: bool = False
) -> Callable[[Callable[[V, Target], None]], Callable[[V, Target], None]]:
    """Decorator: the function writes `view` in the format `name`."""

    def add(writer: Callable[[V, Target], None]) -> Callable[[V, Target], None]:
        _WRITERS[(view, name)] = _Entry(writer, binary)
        return writer

    return add


def _import(modules: tuple[str, ...] | list[str]) -> None:
    for module in modules:
        if module not in _loaded:
            importlib.import_module(f"cchc.present.formats.{module}")
            _loaded.add(module)


def _load(view: type | None = None) -> None:
    """Import the format modules that register writers for `view` (None: all of them)."""
    declared = DECLARED.get(view.__name__) if view else None
    if declared is None:
        _import(FORMAT_MODULES)
    else:
        _import(sorted({module for module, _binary in declared.values()}))


def formats(view: type) -> tuple[str, ...]:
    """The format names `view` can be written in, in the order of `ORDER`."""
    declared = DECLARED.get(view.__name__)
    if declared is None:
        _load(view)
        names = {name for (kind, name) in _WRITERS if kind is view}
    else:
        names = set(declared)
    return tuple(name for name in ORDER if name in names)


def binary_formats(view: type) -> frozenset[str]:
    """The formats of `view` that need a file (`Target.path`)."""
    declared = DECLARED.get(view.__name__)
    if declared is not None:
        return frozenset(name for name, (_module, binary) in declared.items() if binary)
    _load(view)
    return frozenset(name for (kind, name), e in _WRITERS.items() if kind is view and e.binary)


def writer(view: type, name: str) -> Writer:
    declared = DECLARED.get(view.__name__, {}).get(name)
    if declared is None:
        _load(view)
    else:
        _import([declared[0]])
    return _WRITERS[(view, name)].writer


def write(view: object, name: str, target: Target) -> None:
    """Write `view` in the format `name` to `target`."""
    writer(type(view), name)(view, target)
