"""Test helpers: build repositories from inline files, run the real CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cchc.cli import main

REPO_ROOT = Path(__file__).resolve().parents[1]


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write path -> content (str is dedented; bytes written as is) under `root`."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Run:
    """Call the real entry point in-process (`cchc.cli.main`)."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def run_subprocess(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run `python -m cchc` in a fresh process, as a user's shell would."""
    proc = subprocess.run(
        [sys.executable, "-m", "cchc", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)
