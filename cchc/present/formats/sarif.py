"""SARIF 2.1.0 for findings (`cchc validate --format sarif`)."""

from __future__ import annotations

import json
from typing import Any

import cchc
from cchc.check.findings import Severity
from cchc.check.rules import RULES
from cchc.pipeline import CheckOutcome
from cchc.present.registry import Target, register

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


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
            "artifactLocation": {"uri": finding.path, "uriBaseId": "%SRCROOT%"}
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
                        "informationUri": "https://github.com/cchc/cchc/blob/main/docs/rules.md",
                        "rules": [
                            {
                                "id": rule.code,
                                "name": rule.name,
                                "shortDescription": {"text": rule.summary},
                                "defaultConfiguration": {"level": _LEVELS[rule.severity]},
                                "helpUri": f"https://github.com/cchc/cchc/blob/main/docs/rules.md#{rule.code.lower()}",
                            }
                            for rule in RULES
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    json.dump(sarif, target.stream, ensure_ascii=False, indent=2)
    target.stream.write("\n")
