"""The report view: a `ProgressReport` as neutral tables (for text, md, csv, html, xlsx,
docx) and as JSON.

Every format prints the same tables: `build_tables` decides the rows and Vietnamese
headers once, and each renderer only decides how a cell looks. Cells are plain values:
``str``, ``int``, ``float``, ``date``, ``None`` (empty) or `Percent` (a ratio shown as
99,6%). The JSON form (`report_json`) is documented key by key in docs/report.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Final

from cchc.compute.progress import BestResult, ProgressReport
from cchc.periods import format_date_vn
from cchc.schema.vocabulary import MODEL_KIND, MODEL_STATUS, STATUS, STATUSES
from cchc.text import format_decimal, format_int, format_percent

#: Version of the JSON layout; bumped only when a key changes meaning or disappears.
JSON_SCHEMA: Final = "cchc-report/1"


@dataclass(frozen=True)
class Percent:
    """A ratio (0.996) shown as a percentage (99,6%); `signed` shows +/− (a change)."""

    value: float | None
    signed: bool = False

    def __str__(self) -> str:
        if self.value is None:
            return format_percent(None)
        if self.signed:
            points = format_decimal(abs(self.value) * 100, 1)
            sign = "+" if self.value > 0 else ("−" if self.value < 0 else "")
            return f"{sign}{points} điểm %"
        return format_percent(self.value)


Cell = str | int | float | date | Percent | None


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    subtotal: bool = False  # a group subtotal or total row (bold)


@dataclass(frozen=True)
class Table:
    key: str  # stable: summary, models, units, overdue, results, new-models
    title: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[int, ...] = field(default=())  # column widths in characters (xlsx)


@dataclass(frozen=True)
class Chart:
    """Horizontal bars: label -> ratio (None drawn empty)."""

    key: str
    title: str
    bars: tuple[tuple[str, float | None], ...]


def cell_text(cell: Cell) -> str:
    """A cell as Vietnamese text: 2.454, 99,6%, 15/6/2024, empty for None."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "có" if cell else "không"
    if isinstance(cell, int):
        return format_int(cell)
    if isinstance(cell, float):
        return format_decimal(cell, 1) if cell != int(cell) else format_int(int(cell))
    if isinstance(cell, date):
        return format_date_vn(cell)
    return str(cell)


def _best_text(best: tuple[BestResult, ...]) -> str:
    parts = []
    for b in best:
        if b.numerator is not None and b.denominator is not None:
            value = (
                f"{format_int(b.numerator)}/{format_int(b.denominator)} ({format_percent(b.rate)})"
            )
        elif b.value is not None:
            value = cell_text(b.value)
        else:
            continue
        parts.append(f"{b.indicator_name}: {value} ({b.unit_name})")
    return "; ".join(parts)


def build_tables(report: ProgressReport) -> list[Table]:
    s = report.summary
    prev = s.previous_period
    summary_rows: list[tuple[str, Cell]] = [
        ("Số mô hình chỉ đạo nhân rộng", s.models),
        ("Số đơn vị phải áp dụng", s.target_units),
        ("Số lượt đơn vị – mô hình phải áp dụng", s.targets),
        *((STATUS.label(st, "heading"), s.counts[st]) for st in STATUSES),
        ("Đã áp dụng (hiệu quả + đang triển khai)", s.adopted),
        ("Tỷ lệ nhân rộng", Percent(s.rate)),
        (f"Tỷ lệ nhân rộng kỳ trước ({prev.label})", Percent(s.previous_rate)),
        ("Thay đổi so với kỳ trước", Percent(s.change, signed=True)),
    ]
    tables = [
        Table(
            "summary",
            "I. Tổng hợp",
            ("Nội dung", "Số liệu"),
            tuple(Row((k, v)) for k, v in summary_rows),
            (48, 16),
        )
    ]

    status_headers = tuple(STATUS.label(st, "heading") for st in STATUSES)
    model_rows = tuple(
        Row(
            (
                i,
                m.title,
                MODEL_KIND.label(m.kind, "heading"),
                m.targets,
                *(m.counts[st] for st in STATUSES),
                Percent(m.rate),
                _best_text(m.best_results),
            )
        )
        for i, m in enumerate(report.models, 1)
    )
    total = Row(
        ("", "Tổng cộng", "", s.targets, *(s.counts[st] for st in STATUSES), Percent(s.rate), ""),
        subtotal=True,
    )
    tables.append(
        Table(
            "models",
            "II. Tình hình nhân rộng theo mô hình",
            (
                "STT",
                "Mô hình",
                "Loại",
                "Số đơn vị phải áp dụng",
                *status_headers,
                "Tỷ lệ nhân rộng",
                "Kết quả nổi bật",
            ),
            (*model_rows, total) if model_rows else (),
            (5, 40, 10, 12, *(12,) * len(STATUSES), 12, 50),
        )
    )

    unit_rows: list[Row] = []
    n = 0
    for g in report.groups:
        unit_rows.append(
            Row(
                (
                    "",
                    g.name,
                    g.targets,
                    g.adopted,
                    Percent(g.rate),
                    sum(u.other_adopted for u in g.units),
                    None,
                ),
                subtotal=True,
            )
        )
        for u in g.units:
            n += 1
            unit_rows.append(
                Row(
                    (
                        n,
                        u.name,
                        u.models,
                        u.adopted,
                        Percent(u.rate),
                        u.other_adopted,
                        u.last_update,
                    )
                )
            )
    tables.append(
        Table(
            "units",
            "III. Tình hình áp dụng theo đơn vị",
            (
                "STT",
                "Đơn vị",
                "Số mô hình phải áp dụng",
                "Đã áp dụng",
                "Tỷ lệ",
                "Áp dụng thêm (ngoài chỉ đạo)",
                "Cập nhật lần cuối",
            ),
            tuple(unit_rows),
            (5, 45, 14, 12, 12, 14, 16),
        )
    )

    tables.append(
        Table(
            "overdue",
            "IV. Đơn vị chưa triển khai hoặc triển khai chưa hiệu quả quá hạn",
            ("STT", "Đơn vị", "Mô hình", "Tình trạng", "Hạn áp dụng", "Số ngày quá hạn"),
            tuple(
                Row(
                    (
                        i,
                        o.unit_name,
                        o.model_title,
                        STATUS.label(o.status, "heading"),
                        o.deadline,
                        o.days_overdue,
                    )
                )
                for i, o in enumerate(report.overdue, 1)
            ),
            (5, 40, 40, 24, 14, 14),
        )
    )

    tables.append(
        Table(
            "results",
            "V. Kết quả đạt được trong kỳ",
            (
                "STT",
                "Đơn vị",
                "Mô hình",
                "Chỉ tiêu",
                "Từ ngày",
                "Đến ngày",
                "Tử số",
                "Mẫu số",
                "Giá trị",
                "Tỷ lệ",
            ),
            tuple(
                Row(
                    (
                        i,
                        r.unit_name,
                        r.model_title,
                        r.indicator_name,
                        r.from_,
                        r.to,
                        r.numerator,
                        r.denominator,
                        r.value,
                        Percent(r.rate) if r.rate is not None else None,
                    )
                )
                for i, r in enumerate(report.results, 1)
            ),
            (5, 32, 32, 36, 12, 12, 10, 10, 10, 10),
        )
    )

    tables.append(
        Table(
            "new-models",
            "VI. Mô hình mới đề xuất, được công nhận trong kỳ",
            ("STT", "Tên", "Loại", "Đơn vị xây dựng", "Tình trạng", "Ngày"),
            tuple(
                Row(
                    (
                        i,
                        m.title,
                        MODEL_KIND.label(m.kind, "heading"),
                        m.origin_name,
                        MODEL_STATUS.label(m.status, "heading"),
                        m.date,
                    )
                )
                for i, m in enumerate(report.new_models, 1)
            ),
            (5, 45, 12, 40, 18, 12),
        )
    )
    return tables


def build_charts(report: ProgressReport) -> list[Chart]:
    return [
        Chart(
            "models",
            "Tỷ lệ nhân rộng theo mô hình",
            tuple((m.title, m.rate) for m in report.models),
        ),
        Chart(
            "groups",
            "Tỷ lệ nhân rộng theo địa bàn, khối cơ quan",
            tuple((g.name, g.rate) for g in report.groups),
        ),
    ]


def title_lines(report: ProgressReport) -> list[str]:
    """The report's title block: "BÁO CÁO", the subject, the period heading, scope."""
    lines = [
        "BÁO CÁO",
        "Tình hình nhân rộng mô hình, sáng kiến cải cách hành chính",
        report.period.heading,
    ]
    if report.scope_name:
        lines.append(f"Phạm vi: {report.scope_name}")
    if report.document:
        lines.append(f"Theo văn bản: {report.document}")
    return lines


@dataclass(frozen=True)
class ReportView:
    """What `cchc report` renders: the computed report, its tables, charts and title (each
    built once, on first use: the JSON format needs no tables)."""

    report: ProgressReport

    @cached_property
    def tables(self) -> list[Table]:
        return build_tables(self.report)

    @cached_property
    def charts(self) -> list[Chart]:
        return build_charts(self.report)

    @cached_property
    def title_lines(self) -> list[str]:
        return title_lines(self.report)


# -- JSON ---------------------------------------------------------------------------


def _d(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _best_json(b: BestResult) -> dict[str, Any]:
    return {
        "unit": b.unit,
        "unit_name": b.unit_name,
        "indicator": b.indicator,
        "indicator_name": b.indicator_name,
        "to": _d(b.to),
        "numerator": b.numerator,
        "denominator": b.denominator,
        "value": b.value,
        "rate": b.rate,
    }


def report_json(report: ProgressReport) -> dict[str, Any]:
    """Every figure with stable keys (docs/report.md, "Dạng JSON")."""
    p, s = report.period, report.summary
    return {
        "schema": JSON_SCHEMA,
        "period": {
            "code": p.code,
            "kind": p.kind,
            "calendar": p.calendar,
            "start": _d(p.start),
            "end": _d(p.end),
            "label": p.label,
            "heading": p.heading,
        },
        "as_of": _d(report.as_of),
        "scope": report.scope,
        "document": report.document,
        "documents": [
            {
                "id": d.id,
                "type": d.type,
                "number": d.number,
                "date": _d(d.issued),
                "deadline": _d(d.deadline),
                "models": list(d.models),
            }
            for d in report.documents
        ],
        "summary": {
            "models": s.models,
            "target_units": s.target_units,
            "targets": s.targets,
            "counts": dict(s.counts),
            "adopted": s.adopted,
            "rate": s.rate,
            "previous": {
                "period": s.previous_period.code,
                "start": _d(s.previous_period.start),
                "end": _d(s.previous_period.end),
                "targets": s.previous_targets,
                "adopted": s.previous_adopted,
                "rate": s.previous_rate,
            },
            "change": s.change,
        },
        "models": [
            {
                "id": m.id,
                "title": m.title,
                "kind": m.kind,
                "targets": m.targets,
                "counts": dict(m.counts),
                "adopted": m.adopted,
                "rate": m.rate,
                "best_results": [_best_json(b) for b in m.best_results],
            }
            for m in report.models
        ],
        "groups": [
            {
                "id": g.id,
                "name": g.name,
                "targets": g.targets,
                "adopted": g.adopted,
                "rate": g.rate,
                "units": [
                    {
                        "id": u.id,
                        "name": u.name,
                        "models": u.models,
                        "counts": dict(u.counts),
                        "adopted": u.adopted,
                        "rate": u.rate,
                        "last_update": _d(u.last_update),
                        "other_adopted": u.other_adopted,
                        "adoptions": [
                            {
                                "model": a.model,
                                "model_title": a.model_title,
                                "status": a.status,
                                "since": _d(a.since),
                                "targeted": a.targeted,
                            }
                            for a in u.adoptions
                        ],
                    }
                    for u in g.units
                ],
            }
            for g in report.groups
        ],
        "overdue": [
            {
                "unit": o.unit,
                "unit_name": o.unit_name,
                "model": o.model,
                "model_title": o.model_title,
                "status": o.status,
                "deadline": _d(o.deadline),
                "days_overdue": o.days_overdue,
                "document": o.document,
            }
            for o in report.overdue
        ],
        "results": [
            {
                "unit": r.unit,
                "unit_name": r.unit_name,
                "model": r.model,
                "model_title": r.model_title,
                "indicator": r.indicator,
                "indicator_name": r.indicator_name,
                "from": _d(r.from_),
                "to": _d(r.to),
                "numerator": r.numerator,
                "denominator": r.denominator,
                "value": r.value,
                "rate": r.rate,
            }
            for r in report.results
        ],
        "new_models": [
            {
                "id": m.id,
                "title": m.title,
                "kind": m.kind,
                "origin": m.origin,
                "origin_name": m.origin_name,
                "status": m.status,
                "date": _d(m.date),
            }
            for m in report.new_models
        ],
    }
