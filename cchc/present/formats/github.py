"""GitHub Actions workflow commands for findings (`cchc validate --format github`)."""

from __future__ import annotations

from cchc.check.findings import Severity
from cchc.check.rules import BY_CODE
from cchc.pipeline import CheckOutcome
from cchc.present.registry import Target, register
from cchc.present.views.findings import summary_text
from cchc.safe import terminal_text


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


@register(CheckOutcome, "github")
def findings_github(outcome: CheckOutcome, target: Target) -> None:
    """GitHub Actions workflow commands: annotations on the pull request's changed lines."""
    assert target.stream is not None
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
        target.stream.write(
            f"::{_LEVELS[finding.severity]} {','.join(props)}::{_escape_data(message)}\n"
        )
    target.stream.write(f"cchc: {summary_text(outcome)}\n")
