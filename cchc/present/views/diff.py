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
from cchc.periods import format_date_vn
from cchc.schema import Document, Indicator, Model, Unit
from cchc.schema.vocabulary import (
    DOCUMENT_TYPE,
    LEVEL,
    MODEL_KIND,
    MODEL_STATUS,
    STATUS,
    UNIT_KIND,
    Vocabulary,
)

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
    ids: bool = False  # text and Markdown: each name followed by its id (`--ids`)

    def cells(self, section: Section, row: Row) -> list[str]:
        """The cells of one row of `section` as the text and Markdown tables print them."""
        return [cell(row, self.ids) for _, cell in section.columns]

    def as_json(self) -> dict[str, Any]:
        """The report dictionary (docs/workflow.md), as `--format json` prints it."""
        return {
            "schema": SCHEMA,
            "base": self.base,
            "head": self.head,
            **self.diff.as_dict(),
            "skipped": {"base": self.skipped_base, "head": self.skipped_head},
        }


def _field_label(schema: Any, name: str, ids: bool) -> str:
    info = schema.model_fields.get("from_" if name == "from" else name)
    title = info.title if info is not None else None
    if not title:
        return name
    return f"{title} ({name})" if ids else title


#: A column's cell: (row, whether to show ids) -> text.
Cell = Callable[[Row, bool], str]


def _fields(schema: Any) -> Cell:
    return lambda row, ids: "; ".join(_field_label(schema, f, ids) for f in row.get("fields", []))


def _named(name_keys: tuple[str, ...], id_key: str) -> Cell:
    """The first name the row has (a table label, else the full name); its id after it only
    with `--ids`, or when the row has no name at all (an older revision may lack one)."""

    def cell(row: Row, ids: bool) -> str:
        name = next((row[k] for k in name_keys if row.get(k)), None)
        if name is None:
            return "" if row.get(id_key) is None else str(row[id_key])
        return f"{name} (mã: {row[id_key]})" if ids and row.get(id_key) else str(name)

    return cell


def _label(labels: Vocabulary, key: str) -> Cell:
    """A code's label as table cells write it ("Đang triển khai"), as `cchc list` does."""
    return lambda row, ids: "" if row.get(key) is None else labels.label(str(row[key]), "heading")


def _key(key: str) -> Cell:
    return lambda row, ids: "" if row.get(key) is None else str(row[key])


def _date(key: str) -> Cell:
    return lambda row, ids: "" if row.get(key) is None else format_date_vn(str(row[key]))


def _period(row: Row, ids: bool) -> str:
    end = format_date_vn(row["to"])
    return f"{format_date_vn(row['from'])} – {end}" if row.get("from") else f"đến {end}"


def _event_note(row: Row, ids: bool) -> str:
    parts = [row["note"] or "", f"văn bản {row['ref']}" if row.get("ref") else ""]
    return "; ".join(p for p in parts if p)


Column = tuple[str, Cell]


@dataclass(frozen=True)
class Section:
    title: str
    path: tuple[str, str]  # where the rows are in the report: report[a][b]
    columns: list[Column]


_MODEL = _named(("title",), "id")
_UNIT = _named(("unit_label", "unit_name"), "unit")
_MODEL_OF_ROW = _named(("model_title",), "model")
_MODEL_COLUMNS: list[Column] = [
    ("Mô hình", _MODEL),
    ("Loại", _label(MODEL_KIND, "kind")),
    ("Đơn vị xây dựng", _named(("origin_names",), "origin")),
]
_UNIT_COLUMNS: list[Column] = [
    ("Đơn vị", _named(("name",), "id")),
    ("Loại", _label(UNIT_KIND, "kind")),
    ("Cấp", _label(LEVEL, "level")),
    ("Trực thuộc", _named(("parent_name",), "parent")),
]
_DOCUMENT_COLUMNS: list[Column] = [
    ("Văn bản", _named(("title",), "id")),
    ("Loại", _label(DOCUMENT_TYPE, "type")),
    ("Số", lambda r, ids: "" if r["number"] is None else str(r["number"])),
    ("Ngày", _date("date")),
    ("Cơ quan ban hành", _named(("issuer_name",), "issuer")),
]
_INDICATOR_COLUMNS: list[Column] = [
    ("Chỉ tiêu", _named(("name",), "id")),
    ("Đơn vị đo", _key("unit")),
]
_EVENT_COLUMNS: list[Column] = [
    ("Đơn vị", _UNIT),
    ("Mô hình", _MODEL_OF_ROW),
    ("Ngày", _date("date")),
    ("Tình trạng", _label(STATUS, "status")),
    ("Ghi chú", _event_note),
]
_RESULT_COLUMNS: list[Column] = [
    ("Đơn vị", _UNIT),
    ("Mô hình", _MODEL_OF_ROW),
    ("Chỉ tiêu", _named(("indicator_name",), "indicator")),
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
        [("Mô hình", _MODEL), ("Từ ngày", _date("date")), ("Ghi chú", _event_note)],
    ),
    Section(
        "Mô hình được sửa",
        ("models", "changed"),
        [("Mô hình", _MODEL), ("Trường thay đổi", _fields(Model))],
    ),
    Section("Mô hình bị xoá", ("models", "removed"), _MODEL_COLUMNS),
    Section("Đơn vị mới", ("units", "added"), _UNIT_COLUMNS),
    Section(
        "Đơn vị được sửa",
        ("units", "changed"),
        [("Đơn vị", _named(("name",), "id")), ("Trường thay đổi", _fields(Unit))],
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
        [("Văn bản", _named(("title",), "id")), ("Trường thay đổi", _fields(Document))],
    ),
    Section("Văn bản bị xoá", ("documents", "removed"), _DOCUMENT_COLUMNS),
    Section("Chỉ tiêu mới", ("indicators", "added"), _INDICATOR_COLUMNS),
    Section(
        "Chỉ tiêu được sửa",
        ("indicators", "changed"),
        [("Chỉ tiêu", _named(("name",), "id")), ("Trường thay đổi", _fields(Indicator))],
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
