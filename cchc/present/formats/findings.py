"""The findings of `cchc validate` as text and JSON: the lean path.

`cchc validate` on an unchanged repository spends little more than start-up, so printing
its findings must not import what other views need (rich tables, reports, charts). Plain
text is built as one string and written once; rich colours it only on a terminal, where
it adds something. The totals come first, so a CI log cut short still shows them.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import cchc
from cchc.check.findings import Severity
from cchc.check.rules import BY_CODE
from cchc.pipeline import CheckOutcome
from cchc.present.registry import Target, register
from cchc.present.views.findings import FindingsSummary, finding_dict, source_line, summary_text
from cchc.safe import terminal_text

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

#: (text, rich style or None) pieces of the output, joined as they are without a terminal.
Pieces = list[tuple[str, str | None]]


def _totals(outcome: CheckOutcome) -> tuple[str, str]:
    """The totals line and its style."""
    style = (
        "bold red"
        if outcome.count(Severity.ERROR)
        else ("yellow" if outcome.findings else "bold green")
    )
    prefix = "✓ Không có vấn đề" if not outcome.findings else "Tổng cộng"
    return f"{prefix}: {summary_text(outcome)}.", style


def _emit(pieces: Pieces, target: Target) -> None:
    stream = target.stream
    assert stream is not None
    if not stream.isatty():
        stream.write("".join(text for text, _ in pieces))
        return
    from rich.text import Text

    from cchc import safe

    out = Text()
    for text, style in pieces:
        out.append(text, style=style)
    out.rstrip()
    safe.console(stream, soft_wrap=True).print(out)


@register(CheckOutcome, "text")
def findings_text(outcome: CheckOutcome, target: Target) -> None:
    """For people: the totals, then `path:line:col: CODE [severity] message (name)`, the
    offending line with a caret, and a hint."""
    totals, totals_style = _totals(outcome)
    pieces: Pieces = [(totals + "\n", totals_style)]
    lines_cache: dict[str, list[str]] = {}
    for finding in outcome.findings:
        # Paths, messages, hints and source lines come from data: control characters
        # are shown as \x1b, never sent to the terminal.
        style = _STYLES[finding.severity]
        where = terminal_text(finding.path)
        if finding.line:
            where += f":{finding.line}:{finding.col}"
        pieces += [
            (where, "bold"),
            (": ", None),
            (f"{finding.code} [{finding.severity.label_vi}] ", style),
            (terminal_text(finding.message), None),
            (f"  ({BY_CODE[finding.code].name})\n", "dim"),
        ]
        source = source_line(outcome.root, finding, lines_cache)
        if source is not None:
            gutter = f"{finding.line:>6} │ "
            column = max(finding.col - 1, 0)  # where the caret goes, once escaped
            column += len(terminal_text(source[:column])) - len(source[:column])
            caret = " " * (len(gutter) - 2) + "│ " + " " * column + "^"
            pieces += [
                (gutter, "dim"),
                (terminal_text(source) + "\n", None),
                (caret + "\n", style),
            ]
        if finding.hint:
            pieces.append((f"  gợi ý: {terminal_text(finding.hint)}\n", "green"))
    _emit(pieces, target)


@register(FindingsSummary, "text")
def findings_summary_text(view: FindingsSummary, target: Target) -> None:
    """`--quiet`: the totals line alone; `--statistics`: and one line per rule, most
    frequent first (as `ruff --statistics`)."""
    totals, style = _totals(view.outcome)
    pieces: Pieces = [(totals + "\n", style)]
    if view.statistics:
        counts = Counter(f.code for f in view.outcome.findings)
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            rule = BY_CODE[code]
            pieces += [
                (f"{count:>7}  ", None),
                (f"{code} [{rule.severity.label_vi}]", _STYLES[rule.severity]),
                (f"  {rule.name}\n", "dim"),
            ]
    _emit(pieces, target)


@register(CheckOutcome, "json")
def findings_json(outcome: CheckOutcome, target: Target) -> None:
    """For scripts: documented in docs/commands.md; keys are stable."""
    assert target.stream is not None
    value: dict[str, Any] = {
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
    target.stream.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
