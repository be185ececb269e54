"""The import contract of the package: data flows one way, load → check → compute → present.

Every `cchc.*` import of every module (imports inside functions included) must point to
the module's own layer or a layer below it, and the package-level graph has no cycle.
See docs/architecture.md for where new code goes.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from cchc import modgraph
from cchc.check.cache import CHECK_ENTRY, check_code

PACKAGE = Path(modgraph.PACKAGE)

#: Lowest first. A module belongs to the first entry whose prefix it has.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "ground",
        (
            "cchc",
            "cchc.errors",
            "cchc.periods",
            "cchc.text",
            "cchc.safe",
            "cchc.atomic",
            "cchc.modgraph",
        ),
    ),
    ("schema", ("cchc.schema",)),
    ("load", ("cchc.load",)),
    ("check", ("cchc.check",)),
    ("pipeline", ("cchc.pipeline",)),
    ("compute", ("cchc.compute", "cchc.edit")),
    ("present", ("cchc.present",)),
    ("commands", ("cchc.commands", "cchc.cli", "cchc.i18n", "cchc.docgen", "cchc.__main__")),
]


def _modules() -> dict[str, Path]:
    return {m: p for m in modgraph.package_modules("cchc") if (p := modgraph.module_path(m))}


def _layer(module: str) -> int:
    best: tuple[int, int] | None = None  # (prefix length, layer index)
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > best[0]
            ):
                best = (len(prefix), index)
    assert best is not None, f"{module} belongs to no layer: add it to LAYERS"
    return best[1]


def _ast_imports(path: Path) -> set[str]:
    """The cchc modules a file imports, by Python's parser (names imported from a
    package count as its submodules when such a module exists)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "cchc")
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            if node.module and node.module.split(".")[0] == "cchc":
                found.add(node.module)
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    if modgraph.module_path(sub) is not None:
                        found.add(sub)
    return found


MODULES = _modules()
GRAPH = {module: _ast_imports(path) for module, path in MODULES.items()}


def test_every_module_belongs_to_a_layer() -> None:
    for module in MODULES:
        _layer(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    upward = [
        f"{module} ({LAYERS[_layer(module)][0]}) → {target} ({LAYERS[_layer(target)][0]})"
        for target in sorted(GRAPH[module])
        if _layer(target) > _layer(module)
    ]
    assert not upward, "imports against the layer order:\n" + "\n".join(upward)


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def test_no_cycle_between_packages() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    for module, targets in GRAPH.items():
        for target in targets:
            if _package(target) not in (_package(module), "cchc"):
                edges[_package(module)].add(_package(target))
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            assert state.get(nxt) != 1, "cycle: " + " → ".join([*path, node, nxt])
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])


def test_the_fast_reading_of_imports_agrees_with_the_parser() -> None:
    for module, path in MODULES.items():
        assert modgraph.imports(path.read_text(encoding="utf-8")) == GRAPH[module], module


def test_cache_fingerprint_covers_exactly_the_checking_code() -> None:
    start = [CHECK_ENTRY[0], *modgraph.package_modules(CHECK_ENTRY[1])]
    expected: set[str] = set()
    pending = list(start)
    while pending:
        module = pending.pop()
        if module in expected or module not in MODULES:
            continue
        expected.add(module)
        pending.extend(GRAPH[module])
        if "." in module:
            pending.append(module.rpartition(".")[0])
    assert set(check_code()) == expected
    assert {"cchc.load.parse", "cchc.schema.selection", "cchc.text"} <= expected
    assert not any(m.startswith(("cchc.compute", "cchc.commands")) for m in expected)
