"""Compute functions raise domain errors: checking command-line options (and naming
them) is the commands' job (issue 9, problem 4)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cchc"
FLAG_RE = re.compile(r"(?<![\w`-])--[a-z][a-z-]*")
#: cchc/edit/ is left out: its hints still name --id, --value, --numerator, ...
MODULES = sorted(p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "compute").glob("*.py"))


def flags_named(source: str) -> list[tuple[int, str]]:
    """Command-line flags in the text of a module (docstrings and `code spans` aside)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (node.lineno, flag)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        for flag in FLAG_RE.findall(node.value)
    ]


def test_the_detector_finds_a_flag() -> None:
    source = '"""Docstring: `cchc diff --format json`."""\nraise UsageError(f"{x} --area sai")\n'
    assert flags_named(source) == [(2, "--area")]


@pytest.mark.parametrize("module", MODULES)
def test_compute_names_no_command_line_flag(module: str) -> None:
    assert flags_named((PACKAGE / module).read_text(encoding="utf-8")) == []
