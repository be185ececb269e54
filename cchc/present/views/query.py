"""The query views: what `cchc list`, `show`, `search` and `matrix` print (docs/query.md).

The rows are the dictionaries of `cchc.compute.query` (their keys are the JSON keys);
a view adds what a reader needs around them: the columns and their Vietnamese headers,
a title, a footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cchc.schema.vocabulary import MODEL_STATUS, MODEL_STATUSES, STATUS, STATUSES

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


@dataclass(frozen=True)
class ListView:
    """Rows under columns: `cchc list` and `cchc search`."""

    columns: list[Column]
    rows: list[dict[str, Any]]
    title: str | None = None
    footer: str | None = None  # under the table; default "<n> mục"


@dataclass(frozen=True)
class ShowView:
    """One model, unit or document (`cchc show`): the dictionary of `q.show_model`,
    `q.show_unit` or `q.show_document`, with `as_of`."""

    data: dict[str, Any]


@dataclass(frozen=True)
class MatrixView:
    """Units × models (`cchc matrix`): the dictionary of `q.matrix`."""

    grid: dict[str, Any]


def list_view(what: str, rows: list[dict[str, Any]]) -> ListView:
    return ListView(COLUMNS[what], rows)


def search_view(hits: list[dict[str, Any]]) -> ListView:
    return ListView(SEARCH_COLUMNS, hits, footer=f"{len(hits)} kết quả")


def status_label(status: str) -> str:
    """An adoption or model status in Vietnamese (the key itself if unknown)."""
    if status in MODEL_STATUSES:
        return MODEL_STATUS.label(status)
    return STATUS.label(status) if status in STATUSES else status


def cell(value: Any) -> str:
    """A value as text: empty for None, lists joined with "; "."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
