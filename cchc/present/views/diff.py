"""The diff view: what `cchc diff` prints, the same for every `--format` (text, markdown,
json): the two sides compared, the `DataDiff` of `cchc.compute.diff`, the files skipped,
and the sections and columns the tables show. `DiffView.as_json()` is the JSON shape
documented in docs/workflow.md; the writers print its rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from cchc.compute.diff import DataDiff
from cchc.schema import Document, Indicator, Model, Unit
from cchc.schema.vocabulary import MODEL_KIND, MODEL_STATUS, STATUS, Vocabulary

Row = dict[str, Any]

#: Version of the JSON shape (docs/workflow.md); bumped only when a key changes meaning.
SCHEMA: Final = "cchc-diff/1"


@dataclass(frozen=True)
class DiffView:
    """Two versions of the data compared (`cchc diff`)."""

    base: dict[str, Any]  # the old side: rev, commit, merge_base, label
    head: dict[str, Any]  # the new side
    diff: DataDiff
    skipped_base: list[str]  # files with errors of their own, left out on each side
    skipped_head: list[str]

    def as_json(self) -> dict[str, Any]:
        """The report dictionary (docs/workflow.md), as `--format json` prints it."""
        return {
            "schema": SCHEMA,
            "base": self.base,
            "head": self.head,
            **self.diff.as_dict(),
            "skipped": {"base": self.skipped_base, "head": self.skipped_head},
        }


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
_UNIT_COLUMNS: list[Column] = [
    ("Đơn vị", _named("name", "id")),
    ("Cấp", _key("level")),
    ("Trực thuộc", _key("parent")),
]
_DOCUMENT_COLUMNS: list[Column] = [
    ("Văn bản", _named("title", "id")),
    ("Loại", _key("type")),
    ("Số", lambda r: "" if r["number"] is None else str(r["number"])),
    ("Ngày", _key("date")),
]
_INDICATOR_COLUMNS: list[Column] = [("Chỉ tiêu", _named("name", "id")), ("Đơn vị đo", _key("unit"))]
_EVENT_COLUMNS: list[Column] = [
    ("Đơn vị", _named("unit_name", "unit")),
    ("Mô hình", _named("model_title", "model")),
    ("Ngày", _key("date")),
    ("Tình trạng", _label(STATUS, "status")),
    ("Ghi chú", _event_note),
]
_RESULT_COLUMNS: list[Column] = [
    ("Đơn vị", _named("unit_name", "unit")),
    ("Mô hình", _named("model_title", "model")),
    ("Chỉ tiêu", _key("indicator")),
    ("Kỳ", _period),
    ("Kết quả", _key("display")),
]

SECTIONS: list[Section] = [
    Section(
        "Mô hình mới",
        ("models", "added"),
        [*_MODEL_COLUMNS, ("Tình trạng", _label(MODEL_STATUS, "status"))],
    ),
    Section(
        "Mô hình ngừng áp dụng",
        ("models", "retired"),
        [("Mô hình", _named("title", "id")), ("Từ ngày", _key("date")), ("Ghi chú", _event_note)],
    ),
    Section(
        "Mô hình được sửa",
        ("models", "changed"),
        [("Mô hình", _named("title", "id")), ("Trường thay đổi", _fields(Model))],
    ),
    Section("Mô hình bị xoá", ("models", "removed"), _MODEL_COLUMNS),
    Section("Đơn vị mới", ("units", "added"), _UNIT_COLUMNS),
    Section(
        "Đơn vị được sửa",
        ("units", "changed"),
        [("Đơn vị", _named("name", "id")), ("Trường thay đổi", _fields(Unit))],
    ),
    Section("Đơn vị bị xoá", ("units", "removed"), _UNIT_COLUMNS),
    Section("Diễn biến áp dụng mới", ("adoption_events", "added"), _EVENT_COLUMNS),
    Section("Diễn biến áp dụng bị xoá", ("adoption_events", "removed"), _EVENT_COLUMNS),
    Section("Kết quả mới", ("results", "added"), _RESULT_COLUMNS),
    Section("Kết quả bị xoá", ("results", "removed"), _RESULT_COLUMNS),
    Section("Văn bản mới", ("documents", "added"), _DOCUMENT_COLUMNS),
    Section(
        "Văn bản được sửa",
        ("documents", "changed"),
        [("Văn bản", _named("title", "id")), ("Trường thay đổi", _fields(Document))],
    ),
    Section("Văn bản bị xoá", ("documents", "removed"), _DOCUMENT_COLUMNS),
    Section("Chỉ tiêu mới", ("indicators", "added"), _INDICATOR_COLUMNS),
    Section(
        "Chỉ tiêu được sửa",
        ("indicators", "changed"),
        [("Chỉ tiêu", _named("name", "id")), ("Trường thay đổi", _fields(Indicator))],
    ),
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
SUMMARY_HEADERS = {
    "added": "Thêm mới",
    "changed": "Sửa",
    "retired": "Ngừng áp dụng",
    "removed": "Xoá",
}

#: Rows shown per section in Markdown: a pull-request comment holds at most 65 536 characters.
MARKDOWN_MAX_ROWS = 50

EMPTY_TEXT = "Không có thay đổi nào về mô hình, đơn vị, diễn biến áp dụng, kết quả hay văn bản."


def section_rows(report: dict[str, Any], section: Section) -> list[Row]:
    """The rows of `section` in the report dictionary (`DiffView.as_json()`)."""
    found: list[Row] = report[section.path[0]][section.path[1]]
    return found


def summary_rows(report: dict[str, Any]) -> list[tuple[str, list[str]]]:
    counts = report["counts"]
    out: list[tuple[str, list[str]]] = []
    for label, group, kinds in _SUMMARY:
        cells = [str(counts[f"{group}_{k}"]) if k in kinds else "–" for k in SUMMARY_HEADERS]
        if any(counts[f"{group}_{k}"] for k in kinds):
            out.append((label, cells))
    return out


def compared(report: dict[str, Any]) -> str:
    return f"So sánh {report['base']['label']} với {report['head']['label']}."


def skipped_lines(report: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for side, label in (("base", "bản cũ"), ("head", "bản mới")):
        paths = report["skipped"][side]
        if paths:
            lines.append(f"Bỏ qua {len(paths)} tệp có lỗi ở {label}: {', '.join(paths)}")
    return lines
