"""The registry's table of formats (`DECLARED`) says exactly what the format modules
register, and writing one format imports only that format's module."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cchc.present import registry
from tests.helpers import REPO_ROOT


def _registered() -> dict[str, dict[str, tuple[str, bool]]]:
    registry._load()  # every format module
    table: dict[str, dict[str, tuple[str, bool]]] = {}
    for (view, name), entry in registry._WRITERS.items():
        module = entry.writer.__module__.rsplit(".", 1)[-1]
        table.setdefault(view.__name__, {})[name] = (module, entry.binary)
    return table


def test_declared_formats_are_the_registered_ones() -> None:
    registered = _registered()
    for view, formats in registry.DECLARED.items():
        assert registered.get(view) == formats, view


def test_every_view_with_writers_in_several_modules_is_declared() -> None:
    """Undeclared views still work, but list their formats by importing every module."""
    for view, formats in _registered().items():
        if len({module for module, _binary in formats.values()}) > 1:
            assert view in registry.DECLARED, view


_PROBE = """
import json, sys
from cchc.cli import main
code = main(sys.argv[1:])
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""


def test_report_json_imports_no_other_format(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _PROBE,
            "report",
            "--quarter",
            "2024-Q3",
            "--root",
            str(REPO_ROOT),
            "-f",
            "json",
            "-o",
            str(tmp_path / "r.json"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 0
    formats = {m.rsplit(".", 1)[-1] for m in modules if m.startswith("cchc.present.formats.")}
    assert formats == {"json"}
    assert "rich.console" not in modules and "openpyxl" not in modules
