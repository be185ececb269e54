"""JSON for programs, every key documented: report (docs/report.md), findings
(docs/commands.md), diff (docs/workflow.md), queries (docs/query.md)."""

from __future__ import annotations

import json
from typing import IO, Any

from cchc.present.registry import Target, register
from cchc.present.views.diff import DiffView
from cchc.present.views.query import ListView, MatrixView, ShowView
from cchc.present.views.report import ReportView, report_json_parts


def _dump(value: Any, stream: IO[str] | None) -> None:
    assert stream is not None
    stream.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


@register(ReportView, "json")
def report_json_writer(view: ReportView, target: Target) -> None:
    assert target.stream is not None
    # Compact, and built by `json.dumps`: only a one-shot encode without indent runs the C
    # encoder (`json.dump` to a stream iterates in Python); `python -m json.tool`
    # pretty-prints it.
    # One section at a time, each built, encoded and dropped before the next: a national
    # report never holds all its sections as objects and as text at once.
    stream = target.stream
    for n, (key, build) in enumerate(report_json_parts(view.report).items()):
        stream.write("{" if n == 0 else ",")
        stream.write(json.dumps(key, ensure_ascii=False) + ":")
        stream.write(json.dumps(build(), ensure_ascii=False, separators=(",", ":")))
    stream.write("}\n")


@register(DiffView, "json")
def diff_json(view: DiffView, target: Target) -> None:
    """The report dictionary as JSON, keys documented in docs/workflow.md."""
    _dump(view.as_json(), target.stream)


@register(ListView, "json")
def list_json(view: ListView, target: Target) -> None:
    _dump(list(view.rows), target.stream)


@register(ShowView, "json")
def show_json(view: ShowView, target: Target) -> None:
    _dump(view.data, target.stream)


@register(MatrixView, "json")
def matrix_json(view: MatrixView, target: Target) -> None:
    _dump(view.grid, target.stream)
