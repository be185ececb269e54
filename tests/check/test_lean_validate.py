"""`cchc validate` on an unchanged repository imports only what it prints, and its text
output has the totals first, `--quiet` and `--statistics` (issue 11)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cchc.check import findings
from cchc.check.rules import EXAMPLE_REPO
from cchc.load import yamlfile
from cchc.present import registry
from tests.helpers import REPO_ROOT, run_cli, write_tree

XA_B = "data/units/xa-b.yaml"
BAD_LEVEL = EXAMPLE_REPO[XA_B].replace("level: commune", "level: comune")
TODAY = ("--today", "2024-10-01")

#: Modules a warm `cchc validate` must not import: parsing, checking, other views.
HEAVY = (
    "cchc.check.filecheck",
    "cchc.check.crosscheck",
    "cchc.load.yamlfile",
    "cchc.load.parse",
    "cchc.schema.unit",
    "cchc.schema.document",
    "cchc.compute.progress",
    "cchc.present.views.report",
    "cchc.present.formats.text",
    "yaml",
    "rich",
    "pydantic",
)
_PROBE = """
import json, sys
from cchc.cli import main
code = main(sys.argv[1:])
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""


def _modules(root: Path) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "validate", "--root", str(root), *TODAY],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    return code, set(modules)


def test_warm_validate_imports_only_what_it_prints(example_repo: Path) -> None:
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    code, cold = _modules(example_repo)
    assert code == 1 and "cchc.check.filecheck" in cold
    code, warm = _modules(example_repo)
    assert code == 1
    assert sorted(m for m in HEAVY if m in warm) == []


def test_locpath_is_the_readers(example_repo: Path) -> None:
    assert findings.LocPath == yamlfile.LocPath


def test_findings_views_register_only_in_their_lean_modules() -> None:
    registry.formats(object)  # imports every format module
    for (view, name), entry in registry._WRITERS.items():
        if view.__name__ in ("CheckOutcome", "FindingsSummary"):
            module = entry.writer.__module__.rsplit(".", 1)[-1]
            assert module in ("findings", "github", "sarif"), (view.__name__, name, module)


def test_totals_first_quiet_and_statistics(
    capsys: pytest.CaptureFixture[str], example_repo: Path
) -> None:
    write_tree(example_repo, {XA_B: BAD_LEVEL})
    totals = "Tổng cộng: 1 lỗi, 0 cảnh báo trong 6 tệp."
    full = run_cli(capsys, "validate", "--root", example_repo, *TODAY)
    assert full.code == 1 and full.out.splitlines()[0] == totals
    assert "S013" in full.out and len(full.out.splitlines()) > 1
    quiet = run_cli(capsys, "validate", "--quiet", "--root", example_repo, *TODAY)
    assert (quiet.code, quiet.out) == (1, totals + "\n")
    stats = run_cli(capsys, "validate", "--statistics", "--root", example_repo, *TODAY)
    assert stats.code == 1
    assert stats.out.splitlines() == [totals, "      1  S013 [lỗi]  invalid-value"]
    clean = run_cli(capsys, "validate", "-q", "--root", example_repo, "--fail-on", "info", *TODAY)
    assert clean.code == 1  # the exit code is that of a full run
    refused = run_cli(capsys, "validate", "-q", "-f", "json", "--root", example_repo)
    assert refused.code == 2 and "--quiet" in refused.err
