"""Printing findings: one reporter per `--format`, chosen by name from `REPORTERS`.

Results are computed elsewhere (cchc.pipeline); reporters only format them, as
check-jsonschema keeps its reporters apart from its results.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any, ClassVar

from rich.text import Text

import cchc
from cchc.check.findings import Finding, Severity
from cchc.check.rules import BY_CODE, RULES
from cchc.load.files import ReadError, classify, read_bytes
from cchc.pipeline import CheckOutcome
from cchc.safe import console, terminal_text

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class Reporter:
    name: ClassVar[str]

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def report(self, outcome: CheckOutcome) -> None:
        raise NotImplementedError


def _summary_text(outcome: CheckOutcome) -> str:
    errors, warnings = outcome.count(Severity.ERROR), outcome.count(Severity.WARNING)
    infos = outcome.count(Severity.INFO)
    text = f"{errors} lỗi, {warnings} cảnh báo"
    if infos:
        text += f", {infos} thông tin"
    return f"{text} trong {outcome.files} tệp"


class TextReporter(Reporter):
    """For people: `path:line:col: CODE name message`, the offending line, and a hint."""

    name = "text"

    def report(self, outcome: CheckOutcome) -> None:
        # One Text printed once: thousands of findings print in a fraction of a second.
        out = Text()
        lines_cache: dict[str, list[str]] = {}
        for finding in outcome.findings:
            # Paths, messages, hints and source lines come from data: control characters
            # are shown as \x1b, never sent to the terminal.
            style = _STYLES[finding.severity]
            where = terminal_text(finding.path)
            if finding.line:
                where += f":{finding.line}:{finding.col}"
            out.append(where, style="bold")
            out.append(": ")
            out.append(f"{finding.code} [{finding.severity.label_vi}] ", style=style)
            out.append(terminal_text(finding.message))
            out.append(f"  ({BY_CODE[finding.code].name})\n", style="dim")
            source = self._line(outcome.root, finding, lines_cache)
            if source is not None:
                gutter = f"{finding.line:>6} │ "
                out.append(gutter, style="dim")
                out.append(terminal_text(source) + "\n")
                column = max(finding.col - 1, 0)  # where the caret goes, once escaped
                column += len(terminal_text(source[:column])) - len(source[:column])
                caret = " " * (len(gutter) - 2) + "│ " + " " * column + "^"
                out.append(caret + "\n", style=style)
            if finding.hint:
                out.append(f"  gợi ý: {terminal_text(finding.hint)}\n", style="green")
        style = (
            "bold red"
            if outcome.count(Severity.ERROR)
            else ("yellow" if outcome.findings else "bold green")
        )
        prefix = "✓ Không có vấn đề" if not outcome.findings else "Tổng cộng"
        out.append(f"{prefix}: {_summary_text(outcome)}.", style=style)
        console(self.stream, soft_wrap=True).print(out)

    @staticmethod
    def _line(root: Path, finding: Finding, cache: dict[str, list[str]]) -> str | None:
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


def finding_dict(finding: Finding) -> dict[str, Any]:
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


class JsonReporter(Reporter):
    """For scripts: documented in docs/commands.md; keys are stable."""

    name = "json"

    def report(self, outcome: CheckOutcome) -> None:
        payload = {
            "tool": "cchc",
            "version": cchc.__version__,
            "summary": {
                "files": outcome.files,
                "errors": outcome.count(Severity.ERROR),
                "warnings": outcome.count(Severity.WARNING),
                "infos": outcome.count(Severity.INFO),
            },
            "findings": [finding_dict(f) for f in outcome.findings],
        }
        json.dump(payload, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: annotations on the pull request's changed lines."""

    name = "github"
    _LEVELS: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "notice",
    }

    def report(self, outcome: CheckOutcome) -> None:
        for finding in outcome.findings:
            # The log shows escape sequences as colours: control characters from data are
            # shown as \x1b (newlines are escaped by _escape_data).
            props = [f"file={_escape_property(terminal_text(finding.path))}"]
            if finding.line:
                props += [f"line={finding.line}", f"col={finding.col or 1}"]
            title = f"{finding.code} {BY_CODE[finding.code].name}"
            props.append(f"title={_escape_property(title)}")
            message = finding.message + (f" (gợi ý: {finding.hint})" if finding.hint else "")
            message = terminal_text(message)
            self.stream.write(
                f"::{self._LEVELS[finding.severity]} {','.join(props)}::{_escape_data(message)}\n"
            )
        self.stream.write(f"cchc: {_summary_text(outcome)}\n")


class SarifReporter(Reporter):
    """SARIF 2.1.0, for code-scanning dashboards."""

    name = "sarif"
    _LEVELS: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "note",
    }

    def report(self, outcome: CheckOutcome) -> None:
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
                    "level": self._LEVELS[finding.severity],
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
                                    "defaultConfiguration": {"level": self._LEVELS[rule.severity]},
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
        json.dump(sarif, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


REPORTERS: dict[str, type[Reporter]] = {
    cls.name: cls for cls in (TextReporter, JsonReporter, GithubReporter, SarifReporter)
}
