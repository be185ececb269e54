"""Which cchc modules a module imports, read from the source text (nothing is imported).

Used by the validate cache: its code fingerprint covers exactly the modules that the
checking code imports, directly or not (`closure`), so that no hand-kept list of "code
that decides validation" can drift. tests/test_architecture.py checks this reading
against Python's own parser and enforces the layer order of the package.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

# `import cchc.x.y`, `from cchc.x import a, b` (also inside functions, and names in
# parentheses over several lines); relative imports are not used in cchc.
_IMPORT = re.compile(r"^[ \t]*import[ \t]+(cchc(?:\.\w+)*)", re.MULTILINE)
_FROM = re.compile(
    r"^[ \t]*from[ \t]+(cchc(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.MULTILINE
)
_NAME = re.compile(r"\w+")


@cache
def module_path(module: str) -> Path | None:
    """The source file of a cchc module (`cchc.a.b` → cchc/a/b.py or cchc/a/b/__init__.py)."""
    parts = module.split(".")[1:]
    base = PACKAGE.joinpath(*parts)
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


@cache
def source(path: Path) -> bytes:
    """The bytes of a module's file, read once per run (the graph and the cache
    fingerprint both need them)."""
    return path.read_bytes()


def imports(text: str) -> set[str]:
    """The cchc modules the source `text` imports (a name imported from a package counts as its
    submodule when one of that name exists)."""
    found = {m.group(1) for m in _IMPORT.finditer(text)}
    for match in _FROM.finditer(text):
        module, names = match.group(1), match.group(2).split("#")[0]
        found.add(module)
        for name in _NAME.findall(names):
            if name != "as" and module_path(f"{module}.{name}") is not None:
                found.add(f"{module}.{name}")
    return found


def closure(start: list[str]) -> dict[str, Path]:
    """Every cchc module reachable from `start` by imports, with its file (parent
    packages included: importing `cchc.a.b` runs `cchc/a/__init__.py`)."""
    seen: dict[str, Path] = {}
    pending = list(start)
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        path = module_path(module)
        if path is None:
            continue
        seen[module] = path
        parent = module.rpartition(".")[0]
        if parent:
            pending.append(parent)
        pending.extend(imports(source(path).decode("utf-8")))
    return seen


def package_modules(package: str) -> list[str]:
    """Every module of a cchc package (`cchc.check` → cchc.check, cchc.check.cache, ...)."""
    folder = PACKAGE.joinpath(*package.split(".")[1:])
    return sorted(
        ".".join((package, *path.relative_to(folder).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for path in folder.rglob("*.py")
    )
