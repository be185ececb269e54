"""Would a native YAML parser (rapidyaml) make `cchc validate` faster? (issue 11, item 4)

Parses every data file of a repository, in one process, five ways and prints the times:
PyYAML's C loader, cchc's own reader (`parse_text`: what cold `validate` spends on YAML),
rapidyaml into its own tree, that tree turned into Python objects, and rapidyaml emitting
JSON that Python's C decoder reads. Then it prints what the rapidyaml routes make of the
scalars cchc's reader treats specially, against what cchc reads.

rapidyaml is not a dependency of cchc; install it next to cchc to run this:

    python3 -m venv /tmp/ryml && /tmp/ryml/bin/pip install rapidyaml -e .
    /tmp/ryml/bin/python scripts/yaml_parser_experiment.py bench-data/national

The figures and the decision are in docs/benchmark.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from cchc.load.yamlfile import parse_text

try:
    import ryml  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - the experiment needs it
    ryml = None

#: Scalars whose reading decides what `validate` accepts (FORMAT.md: YAML 1.2 as cchc reads it).
SCALARS = (
    "2024-01-05",
    "'2024-01-05'",
    "~",
    "null",
    "yes",
    "0x1F",
    "012",
    "1_000",
    "1e3",
    ".inf",
    "'123'",
)


def _timed(label: str, work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<48} {seconds:7.2f} s")
    return seconds


def _tree_to_python(tree: Any, node: int) -> Any:
    """rapidyaml's tree as dicts, lists and strings (scalars left untyped: a lower bound)."""
    if tree.is_map(node):
        mapping: dict[str, Any] = {}
        child = tree.first_child(node)
        while child != ryml.NONE:
            mapping[bytes(tree.key(child)).decode()] = _tree_to_python(tree, child)
            child = tree.next_sibling(child)
        return mapping
    if tree.is_seq(node):
        items: list[Any] = []
        child = tree.first_child(node)
        while child != ryml.NONE:
            items.append(_tree_to_python(tree, child))
            child = tree.next_sibling(child)
        return items
    return bytes(tree.val(node)).decode() if tree.has_val(node) else None


def _via_json(raw: bytes) -> Any:
    tree = ryml.parse_in_arena(raw)
    return json.loads(ryml.emit_json_malloc(tree, tree.root_id()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a data repository (its data/ folder is read)")
    args = parser.parse_args(argv)
    if ryml is None:
        print("cần rapidyaml: pip install rapidyaml (xem đầu tệp)", file=sys.stderr)
        return 2
    gc.disable()  # as cchc.pipeline does while loading; the same for every parser here
    files = sorted((args.root / "data").rglob("*.yaml"))
    blobs = [path.read_bytes() for path in files]
    texts = [blob.decode("utf-8") for blob in blobs]
    print(f"{len(files)} files, {sum(map(len, blobs)) // 1024} KiB")
    floor = _timed(
        "PyYAML CSafeLoader (parse + build)",
        lambda: [yaml.load(b, Loader=yaml.CSafeLoader) for b in blobs],
    )
    ours = _timed("cchc parse_text (YAML step of validate)", lambda: [parse_text(t) for t in texts])
    trees: list[Any] = []
    tree_only = _timed(
        "rapidyaml parse into its tree", lambda: trees.extend(ryml.parse_in_arena(b) for b in blobs)
    )
    walk = _timed(
        "rapidyaml tree -> Python (untyped)",
        lambda: [_tree_to_python(tree, tree.root_id()) for tree in trees],
    )
    via_json = _timed("rapidyaml -> JSON -> json.loads", lambda: [_via_json(b) for b in blobs])
    print(f"\nratios to cchc parse_text: CSafeLoader {floor / ours:.2f}x as slow; rapidyaml tree")
    print(f"{ours / tree_only:.1f}x faster, tree + walk {ours / (tree_only + walk):.2f}x,")
    print(f"via JSON {ours / via_json:.1f}x faster")
    print("\nscalar         cchc reads           rapidyaml -> JSON gives")
    for scalar in SCALARS:
        document = f"v: {scalar}\n"
        cchc_value = parse_text(document).data["v"]
        ryml_value = _via_json(document.encode())["v"]
        print(f"{scalar:<14} {cchc_value!r:<20} {ryml_value!r}")
    duplicate = _via_json(b"a: 1\na: 2\n")
    print(f"duplicate keys 'a: 1, a: 2': rapidyaml -> JSON -> json.loads gives {duplicate!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
