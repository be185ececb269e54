"""The query views: what `cchc list`, `show`, `search` and `matrix` print (docs/query.md).

The rows are the dictionaries of `cchc.compute.query` (their keys are the JSON keys);
a view adds what a reader needs around them: the columns and their Vietnamese headers,
a title, a footer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from cchc.compute.query import Names
from cchc.periods import format_date_vn
from cchc.schema.vocabulary import (
    AREA,
    DOCUMENT_TYPE,
    ITEM_KIND,
    LEVEL,
    MODEL_KIND,
    MODEL_STATUS,
    MODEL_STATUSES,
    STATUS,
    STATUSES,
    UNIT_KIND,
    Vocabulary,
)

Column = tuple[str, str]  # (key, Vietnamese header)

#: Columns of each list: (key, Vietnamese header). JSON keys are the same (docs/query.md).
COLUMNS: dict[str, list[Column]] = {
    "models": [
        ("id", "Mã"),
        ("title", "Tên mô hình"),
        ("kind", "Loại"),
        ("areas", "Lĩnh vực"),
        ("origin", "Đơn vị xây dựng"),
        ("status", "Tình trạng"),
        ("adopters", "Số đơn vị áp dụng"),
    ],
    "units": [
        ("id", "Mã"),
        ("name", "Tên đơn vị"),
        ("kind", "Loại"),
        ("level", "Cấp"),
        ("parent", "Trực thuộc"),
        ("valid_to", "Đến ngày"),
        ("adoptions", "Số mô hình áp dụng"),
    ],
    "documents": [
        ("id", "Mã"),
        ("type", "Loại"),
        ("number", "Số"),
        ("date", "Ngày"),
        ("issuer", "Cơ quan ban hành"),
        ("subject", "Trích yếu"),
        ("models", "Mô hình"),
    ],
}
SEARCH_COLUMNS: list[Column] = [("kind", "Loại"), ("id", "Mã"), ("title", "Tên"), ("score", "Điểm")]
#: Columns holding counts (right-aligned in a table).
COUNT_KEYS = frozenset({"adopters", "adoptions"})

#: Columns of the table a person reads (`cchc list`, `cchc search` as a table): names
#: first, Vietnamese labels, no ids (`--ids` adds the column "Mã" after the first).
#: Models and units: their columns without the id; documents lead with the subject.
TABLE_COLUMNS: dict[str, list[Column]] = {
    "models": [c for c in COLUMNS["models"] if c[0] != "id"],
    "units": [c for c in COLUMNS["units"] if c[0] != "id"],
    "documents": [
        ("subject", "Trích yếu"),
        ("type", "Loại"),
        ("number", "Số"),
        ("date", "Ngày"),
        ("issuer", "Cơ quan ban hành"),
        ("models", "Số mô hình"),
    ],
    "search": [("title", "Tên"), ("kind", "Loại"), ("score", "Điểm")],
}
#: The vocabulary of the "kind" column of each list.
_KIND_VOCABULARY: dict[str, Vocabulary] = {
    "models": MODEL_KIND,
    "units": UNIT_KIND,
    "documents": DOCUMENT_TYPE,
    "search": ITEM_KIND,
}
#: Hint under a table without ids.
IDS_HINT = "Thêm --ids để xem mã (dùng với cchc show, adopt, result)."


@dataclass(frozen=True)
class ListView:
    """Rows under columns: `cchc list` and `cchc search`."""

    columns: list[Column]
    rows: list[dict[str, Any]]
    title: str | None = None
    footer: str | None = None  # under the table; default "<n> mục"
    what: str = "models"  # models, units, documents or search: the table's columns
    names: Names | None = None  # ids → names for the table (None: ids shown)
    ids: bool = False  # the table has a column "Mã"


@dataclass(frozen=True)
class ShowView:
    """One model, unit or document (`cchc show`): the dictionary of `q.show_model`,
    `q.show_unit` or `q.show_document`, with `as_of`."""

    data: dict[str, Any]
    names: Names = field(default_factory=lambda: Names({}, {}, {}))
    ids: bool = False  # print the ids next to the names


@dataclass(frozen=True)
class MatrixView:
    """Units × models (`cchc matrix`): the dictionary of `q.matrix`."""

    grid: dict[str, Any]
    ids: bool = False  # print the models' ids in the numbered list under the grid


def list_view(
    what: str, rows: list[dict[str, Any]], names: Names | None = None, *, ids: bool = False
) -> ListView:
    return ListView(COLUMNS[what], rows, what=what, names=names, ids=ids)


def search_view(
    hits: list[dict[str, Any]], names: Names | None = None, *, ids: bool = False
) -> ListView:
    return ListView(
        SEARCH_COLUMNS, hits, footer=f"{len(hits)} kết quả", what="search", names=names, ids=ids
    )


def table_of(view: ListView) -> tuple[list[str], list[list[str | int | float | None]]]:
    """The headers and cells of `view` as a person reads it: names instead of ids,
    Vietnamese labels instead of codes, dates dd/mm/yyyy; the ids in a column "Mã" after
    the first only with `view.ids`."""
    columns = list(TABLE_COLUMNS[view.what])
    if view.ids:
        columns.insert(1, ("id", "Mã"))
    names = view.names or Names({}, {}, {})
    rows = [[_display(view.what, key, row, names) for key, _ in columns] for row in view.rows]
    return [header for _, header in columns], rows


def _display(what: str, key: str, row: dict[str, Any], names: Names) -> str | int | float | None:
    value = row.get(key)
    if value is None:
        return None
    if key == "kind":
        return _KIND_VOCABULARY[what].label(value, "heading")
    if key == "type":
        return DOCUMENT_TYPE.label(value, "heading")
    if key == "level":
        return LEVEL.label(value, "heading")
    if key == "areas":
        return "; ".join(AREA.label(a, "heading") for a in value)
    if key == "status":
        return status_label(value, "heading")
    if key in ("origin", "parent", "issuer"):
        return names.unit(value)
    if key == "name" and what == "units":
        return names.unit(row["id"])
    if key == "title" and what == "search" and row.get("kind") == "unit":
        return names.unit(row["id"])
    if key in ("date", "valid_to"):
        return format_date_vn(value)
    if key == "models":
        return len(value)
    if isinstance(value, int | float | str):
        return value
    return cell(value)


def date_text(value: str | date | None) -> str:
    """An ISO date (or YYYY-MM) of a row as a person reads it: 01/10/2024; "" for None."""
    return "" if value is None else format_date_vn(value)


def status_label(status: str, form: Literal["text", "heading"] = "text") -> str:
    """An adoption or model status in Vietnamese (the key itself if unknown)."""
    if status in MODEL_STATUSES:
        return MODEL_STATUS.label(status, form)
    return STATUS.label(status, form) if status in STATUSES else status


def cell(value: Any) -> str:
    """A value as text: empty for None, lists joined with "; "."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
