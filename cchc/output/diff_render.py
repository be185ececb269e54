"""`cchc diff` output: one reporter per `--format` (text, markdown, json), all from the same
report dictionary (the JSON shape documented in docs/workflow.md).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from cchc import safe
from cchc.schema import Document, Indicator, Model, Unit
from cchc.schema.vocabulary import MODEL_KIND, MODEL_STATUS, STATUS, Vocabulary

Row = dict[str, Any]


def _field_label(schema: Any, name: str) -> str:
    info = schema.model_fields.get("from_" if name == "from" else name)
    title = info.title if info is not None else None
    return f"{title} ({name})" if title else name


def _fields(schema: Any) -> Callable[[Row], str]:
    return lambda row: "; ".join(_field_label(schema, f) for f in row.get("fields", []))


def _named(name_key: str, id_key: str) -> Callable[[Row], str]:
    def cell(row: Row) -> str:
        name = row.get(name_key)
        return f"{name} ({row[id_key]})" if name else str(row[id_key])
    return cell


def _label(labels: Vocabulary, key: str) -> Callable[[Row], str]:
    return lambda row: labels.label(str(row[key]))


def _key(key: str) -> Callable[[Row], str]:
    return lambda row: "" if row.get(key) is None else str(row[key])


def _period(row: Row) -> str:
    return f"{row['from']} – {row['to']}" if row.get("from") else f"đến {row['to']}"


def _event_note(row: Row) -> str:
    parts = [row["note"] or "", f"văn bản {row['ref']}" if row.get("ref") else ""]
    return "; ".join(p for p in parts if p)


Column = tuple[str, Callable[[Row], str]]


@dataclass(frozen=True)
class Section:
    title: str
    path: tuple[str, str]  # where the rows are in the report: report[a][b]
    columns: list[Column]


_MODEL_COLUMNS: list[Column] = [
    ("Mô hình", _named("title", "id")),
    ("Loại", _label(MODEL_KIND, "kind")),
    ("Đơn vị xây dựng", _key("origin")),
]
_UNIT_COLUMNS: list[Column] = [("Đơn vị", _named("name", "id")), ("Cấp", _key("level")),
                               ("Trực thuộc", _key("parent"))]
_DOCUMENT_COLUMNS: list[Column] = [("Văn bản", _named("title", "id")), ("Loại", _key("type")),
                                   ("Số", lambda r: "" if r["number"] is None else
                                    str(r["number"])), ("Ngày", _key("date"))]
_INDICATOR_COLUMNS: list[Column] = [("Chỉ tiêu", _named("name", "id")), ("Đơn vị đo", _key("unit"))]
_EVENT_COLUMNS: list[Column] = [
    ("Đơn vị", _named("unit_name", "unit")), ("Mô hình", _named("model_title", "model")),
    ("Ngày", _key("date")), ("Tình trạng", _label(STATUS, "status")),
    ("Ghi chú", _event_note)]
_RESULT_COLUMNS: list[Column] = [
    ("Đơn vị", _named("unit_name", "unit")), ("Mô hình", _named("model_title", "model")),
    ("Chỉ tiêu", _key("indicator")), ("Kỳ", _period), ("Kết quả", _key("display"))]

SECTIONS: list[Section] = [
    Section("Mô hình mới", ("models", "added"), [
        *_MODEL_COLUMNS, ("Tình trạng", _label(MODEL_STATUS, "status"))]),
    Section("Mô hình ngừng áp dụng", ("models", "retired"), [
        ("Mô hình", _named("title", "id")), ("Từ ngày", _key("date")),
        ("Ghi chú", _event_note)]),
    Section("Mô hình được sửa", ("models", "changed"), [
        ("Mô hình", _named("title", "id")), ("Trường thay đổi", _fields(Model))]),
    Section("Mô hình bị xoá", ("models", "removed"), _MODEL_COLUMNS),
    Section("Đơn vị mới", ("units", "added"), _UNIT_COLUMNS),
    Section("Đơn vị được sửa", ("units", "changed"), [
        ("Đơn vị", _named("name", "id")), ("Trường thay đổi", _fields(Unit))]),
    Section("Đơn vị bị xoá", ("units", "removed"), _UNIT_COLUMNS),
    Section("Diễn biến áp dụng mới", ("adoption_events", "added"), _EVENT_COLUMNS),
    Section("Diễn biến áp dụng bị xoá", ("adoption_events", "removed"), _EVENT_COLUMNS),
    Section("Kết quả mới", ("results", "added"), _RESULT_COLUMNS),
    Section("Kết quả bị xoá", ("results", "removed"), _RESULT_COLUMNS),
    Section("Văn bản mới", ("documents", "added"), _DOCUMENT_COLUMNS),
    Section("Văn bản được sửa", ("documents", "changed"), [
        ("Văn bản", _named("title", "id")), ("Trường thay đổi", _fields(Document))]),
    Section("Văn bản bị xoá", ("documents", "removed"), _DOCUMENT_COLUMNS),
    Section("Chỉ tiêu mới", ("indicators", "added"), _INDICATOR_COLUMNS),
    Section("Chỉ tiêu được sửa", ("indicators", "changed"), [
        ("Chỉ tiêu", _named("name", "id")), ("Trường thay đổi", _fields(Indicator))]),
    Section("Chỉ tiêu bị xoá", ("indicators", "removed"), _INDICATOR_COLUMNS),
]

#: Rows of the summary table: (label, group, the count columns it has).
_SUMMARY: list[tuple[str, str, tuple[str, ...]]] = [
    ("Mô hình", "models", ("added", "changed", "retired", "removed")),
    ("Đơn vị", "units", ("added", "changed", "removed")),
    ("Diễn biến áp dụng", "events", ("added", "removed")),
    ("Kết quả", "results", ("added", "removed")),
    ("Văn bản", "documents", ("added", "changed", "removed")),
    ("Chỉ tiêu", "indicators", ("added", "changed", "removed")),
]
_SUMMARY_HEADERS = {"added": "Thêm mới", "changed": "Sửa", "retired": "Ngừng áp dụng",
                    "removed": "Xoá"}

#: Rows shown per section in Markdown: a pull-request comment holds at most 65 536 characters.
MARKDOWN_MAX_ROWS = 50

EMPTY_TEXT = "Không có thay đổi nào về mô hình, đơn vị, diễn biến áp dụng, kết quả hay văn bản."


def _rows(report: dict[str, Any], section: Section) -> list[Row]:
    rows: list[Row] = report[section.path[0]][section.path[1]]
    return rows


def _summary_rows(report: dict[str, Any]) -> list[tuple[str, list[str]]]:
    counts = report["counts"]
    out: list[tuple[str, list[str]]] = []
    for label, group, kinds in _SUMMARY:
        cells = [str(counts[f"{group}_{k}"]) if k in kinds else "–" for k in _SUMMARY_HEADERS]
        if any(counts[f"{group}_{k}"] for k in kinds):
            out.append((label, cells))
    return out


def _compared(report: dict[str, Any]) -> str:
    return f"So sánh {report['base']['label']} với {report['head']['label']}."


def _skipped_lines(report: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for side, label in (("base", "bản cũ"), ("head", "bản mới")):
        paths = report["skipped"][side]
        if paths:
            lines.append(f"Bỏ qua {len(paths)} tệp có lỗi ở {label}: {', '.join(paths)}")
    return lines


def _md_cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


class MarkdownReporter:
    """A summary fit to post as a pull-request comment."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def report(self, report: dict[str, Any]) -> None:
        report = safe.terminal_data(report)  # no control characters from data
        lines = ["## Thay đổi dữ liệu cải cách hành chính", "", _compared(report), ""]
        if report["empty"]:
            lines += [f"**{EMPTY_TEXT}**", ""]
        else:
            lines += ["| Nội dung | " + " | ".join(_SUMMARY_HEADERS.values()) + " |",
                      "|---|" + "---:|" * len(_SUMMARY_HEADERS)]
            lines += [f"| {label} | " + " | ".join(cells) + " |"
                      for label, cells in _summary_rows(report)]
            lines.append("")
            for section in SECTIONS:
                rows = _rows(report, section)
                if not rows:
                    continue
                lines += [f"### {section.title} ({len(rows)})", "",
                          "| " + " | ".join(h for h, _ in section.columns) + " |",
                          "|" + "---|" * len(section.columns)]
                lines += ["| " + " | ".join(_md_cell(cell(r)) for _, cell in section.columns)
                          + " |" for r in rows[:MARKDOWN_MAX_ROWS]]
                if len(rows) > MARKDOWN_MAX_ROWS:
                    lines += ["", f"… và {len(rows) - MARKDOWN_MAX_ROWS} mục khác (xem "
                              "`cchc diff` trên máy)."]
                lines.append("")
        for line in _skipped_lines(report):
            lines += [f"> ⚠️ {line}. Chạy `cchc validate` để xem lỗi.", ""]
        lines.append("<sub>Tạo bởi `cchc diff`.</sub>")
        self.stream.write("\n".join(lines) + "\n")


class TextReporter:
    """Tables for the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def report(self, report: dict[str, Any]) -> None:
        width = shutil.get_terminal_size((120, 24)).columns if self.stream.isatty() else 160
        # Data printed literally: no markup, control characters shown as \x1b.
        report = safe.terminal_data(report)
        console: Console = safe.console(self.stream, width=width, soft_wrap=False,
                                        force_terminal=self.stream.isatty())
        console.print(_compared(report))
        if report["empty"]:
            console.print(EMPTY_TEXT)
        else:
            summary = Table(title="Tóm tắt")
            summary.add_column("Nội dung")
            for header in _SUMMARY_HEADERS.values():
                summary.add_column(header, justify="right")
            for label, cells in _summary_rows(report):
                summary.add_row(label, *cells)
            console.print(summary)
            for section in SECTIONS:
                rows = _rows(report, section)
                if not rows:
                    continue
                table = Table(title=f"{section.title} ({len(rows)})")
                for header, _ in section.columns:
                    table.add_column(header, overflow="fold")
                for r in rows:
                    table.add_row(*(cell(r) for _, cell in section.columns))
                console.print(table)
        for line in _skipped_lines(report):
            console.print(f"Chú ý: {line} (chạy `cchc validate` để xem lỗi).")


class JsonReporter:
    """The report dictionary as JSON, keys documented in docs/workflow.md."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def report(self, report: dict[str, Any]) -> None:
        json.dump(report, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


REPORTERS: dict[str, type[TextReporter | MarkdownReporter | JsonReporter]] = {
    "text": TextReporter,
    "markdown": MarkdownReporter,
    "json": JsonReporter,
}
