"""SARIF 2.1.0 for findings (`cchc validate --format sarif`).

Links: the project publishes no home page, and SARIF wants absolute URIs in
`informationUri`/`helpUri`, so neither is written; each rule carries its help instead
(`fullDescription`, `help.text`/`help.markdown`, which GitHub code scanning requires and shows
next to an alert), pointing to `cchc rules CODE` and docs/rules.md. Artifact locations are
repository-relative URI references under `uriBaseId` `%SRCROOT%` (the checked-out
repository), percent-encoded so that file names with spaces, `#` or Vietnamese letters stay
valid URIs.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import cchc
from cchc.check.findings import Severity
from cchc.check.rules import RULES, Rule
from cchc.pipeline import CheckOutcome
from cchc.present.registry import Target, register

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(rule: Rule) -> dict[str, Any]:
    """A rule's reportingDescriptor, with help that needs no network address."""
    where = f"docs/rules.md#{rule.code.lower()}-{rule.name}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "help": {
            "text": (
                f"{rule.summary} Ví dụ sai và cách sửa: chạy `cchc rules {rule.code}`, "
                f"hoặc xem mục {rule.code} trong docs/rules.md của cchc."
            ),
            "markdown": (
                f"{rule.summary}\n\nVí dụ sai và cách sửa: chạy `cchc rules {rule.code}`, "
                f"hoặc xem mục [{rule.code} `{rule.name}`]({where}) trong tài liệu của cchc."
            ),
        },
    }


def _artifact_uri(path: str) -> str:
    """A repository-relative POSIX path as a relative URI reference."""
    return quote(path, safe="/")


@register(CheckOutcome, "sarif")
def findings_sarif(outcome: CheckOutcome, target: Target) -> None:
    """SARIF 2.1.0, for code-scanning dashboards."""
    assert target.stream is not None
    rule_index = {rule.code: i for i, rule in enumerate(RULES)}
    results = []
    for finding in outcome.findings:
        region: dict[str, int] = {}
        if finding.line:
            region = {"startLine": finding.line, "startColumn": finding.col or 1}
        location: dict[str, Any] = {
            "artifactLocation": {"uri": _artifact_uri(finding.path), "uriBaseId": "%SRCROOT%"}
        }
        if region:
            location["region"] = region
        text = finding.message + (f" (gợi ý: {finding.hint})" if finding.hint else "")
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": rule_index[finding.code],
                "level": _LEVELS[finding.severity],
                "message": {"text": text},
                "locations": [{"physicalLocation": location}],
            }
        )
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cchc",
                        "version": cchc.__version__,
                        "rules": [_rule(rule) for rule in RULES],
                    }
                },
                "results": results,
            }
        ],
    }
    json.dump(sarif, target.stream, ensure_ascii=False, indent=2)
    target.stream.write("\n")
