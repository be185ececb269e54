"""The findings view: `cchc.pipeline.CheckOutcome` (what `cchc validate` found), and the
pieces every findings format derives from it.

Results are computed elsewhere (cchc.pipeline); formats only print them, as
check-jsonschema keeps its reporters apart from its results.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc.check.findings import Finding, Severity
from cchc.check.rules import BY_CODE
from cchc.load.files import ReadError, classify, read_bytes
from cchc.pipeline import CheckOutcome

#: The view the findings formats are registered for.
FindingsView = CheckOutcome

__all__ = ["FindingsSummary", "FindingsView", "finding_dict", "source_line", "summary_text"]


@dataclass(frozen=True)
class FindingsSummary:
    """`cchc validate --quiet` (the totals only) or `--statistics` (and counts per rule)."""

    outcome: CheckOutcome
    statistics: bool = False


def summary_text(outcome: CheckOutcome) -> str:
    """ "2 lỗi, 1 cảnh báo trong 12 tệp"."""
    errors, warnings = outcome.count(Severity.ERROR), outcome.count(Severity.WARNING)
    infos = outcome.count(Severity.INFO)
    text = f"{errors} lỗi, {warnings} cảnh báo"
    if infos:
        text += f", {infos} thông tin"
    return f"{text} trong {outcome.files} tệp"


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding with the stable keys of `--format json` (docs/commands.md)."""
    return {
        "code": finding.code,
        "name": BY_CODE[finding.code].name,
        "severity": finding.severity.label,
        "message": finding.message,
        "hint": finding.hint,
        "path": finding.path,
        "line": finding.line or None,
        "column": finding.col or None,
    }


def source_line(root: Path, finding: Finding, cache: dict[str, list[str]]) -> str | None:
    """The line of the data file a finding points at (tabs as spaces), or None."""
    if not finding.line:
        return None
    if finding.path not in cache:
        try:  # through read_bytes: never a file behind a link out of the repository
            raw = read_bytes(root, finding.path) if classify(finding.path) else b""
            cache[finding.path] = raw.decode("utf-8").splitlines()
        except (ReadError, UnicodeDecodeError):
            cache[finding.path] = []
    lines = cache[finding.path]
    if finding.line > len(lines):
        return None
    return lines[finding.line - 1].replace("\t", " ")
