"""The report view: a `ProgressReport` as neutral tables (for text, md, csv, html, xlsx,
docx) and as JSON.

Every format prints the same tables: `build_tables` decides the rows and Vietnamese
headers once, and each renderer only decides how a cell looks. Cells are plain values:
``str``, ``int``, ``float``, ``date``, ``None`` (empty) or `Percent` (a ratio shown as
99,6%). The JSON form (`report_json`) is documented key by key in docs/report.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Final

from cchc.compute.progress import (
    BestResult,
    DirectiveSection,
    DroppedRow,
    ModelRow,
    OriginRow,
    ProgressReport,
    directive_title,
)
from cchc.periods import format_date_vn
from cchc.schema.vocabulary import MODEL_KIND, MODEL_STATUS, STATUS, STATUSES
from cchc.text import format_decimal, format_int, format_percent

#: Version of the JSON layout; bumped only when a key changes meaning or disappears.
JSON_SCHEMA: Final = "cchc-report/2"


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
    """A cell as Vietnamese text: 2.454, 99,6%, 15/06/2024, empty for None."""
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


def _origins_text(origins: tuple[OriginRow, ...]) -> str:
    return "; ".join(f"{o.unit_name}: {STATUS.label(o.status)}" for o in origins)


def directive_label(d: DirectiveSection) -> str:
    """ "Công văn số 865/UBND-KSTT ngày 01/03/2019" (`directive_title`)."""
    return directive_title(d.type, d.number, d.issued)


def issuer_label(d: DirectiveSection) -> str:
    """The issuer's name, marked when it has ended (FORMAT 1.1 item 1)."""
    if d.issuer_ended is None:
        return d.issuer_name
    return f"{d.issuer_name} (đã kết thúc ngày {format_date_vn(d.issuer_ended)})"


def status_label(status: str, inherited_from_name: str | None) -> str:
    """ "Triển khai hiệu quả", or "Triển khai hiệu quả (kế thừa UBND xã A)"."""
    text = STATUS.label(status, "heading")
    return f"{text} (kế thừa {inherited_from_name})" if inherited_from_name else text


def _summary_table(report: ProgressReport) -> Table:
    s = report.summary
    prev = s.previous_period
    rows: list[tuple[str, Cell]] = [
        ("Số văn bản chỉ đạo còn hiệu lực", len(report.directives)),
        ("Số mô hình chỉ đạo nhân rộng", s.models),
        ("Số đơn vị phải áp dụng", s.target_units),
        ("Số lượt đơn vị – mô hình phải áp dụng", s.targets),
        *((STATUS.label(st, "heading"), s.counts[st]) for st in STATUSES),
        ("Trong đó: tình trạng kế thừa từ đơn vị trước sắp xếp", s.inherited),
        ("Số lượt tính tỷ lệ (trừ không phù hợp)", s.applicable),
        ("Đã áp dụng (hiệu quả + đang triển khai)", s.adopted),
        ("Tỷ lệ nhân rộng", Percent(s.rate)),
        ("Tỷ lệ triển khai hiệu quả", Percent(s.effective_rate)),
        ("Số lượt cần đôn đốc", s.follow_up),
        (f"Tỷ lệ nhân rộng kỳ trước ({prev.label})", Percent(s.previous_rate)),
        ("Thay đổi so với kỳ trước", Percent(s.change, signed=True)),
    ]
    if s.added or s.dropped:
        rows += [
            ("Số lượt phải áp dụng kỳ trước", s.previous_targets),
            ("Số lượt thêm so với kỳ trước", s.added),
            ("Số lượt bớt so với kỳ trước", s.dropped),
            ("Số lượt có ở cả hai kỳ", s.common),
            ("Tỷ lệ nhân rộng trên số lượt có ở cả hai kỳ", Percent(s.common_rate)),
            ("Cùng số lượt đó, kỳ trước", Percent(s.common_previous_rate)),
            ("Thay đổi trên cùng số lượt", Percent(s.common_change, signed=True)),
        ]
    if report.scope_notice:
        rows.append(("Lưu ý phạm vi", report.scope_notice))
    return Table(
        "summary",
        "I. Tổng hợp",
        ("Nội dung", "Số liệu"),
        tuple(Row((k, v)) for k, v in rows),
        (48, 16),
    )


def _directives_table(report: ProgressReport) -> Table:
    return Table(
        "directives",
        "Tổng hợp theo văn bản chỉ đạo",
        (
            "STT",
            "Văn bản",
            "Cơ quan ban hành",
            "Hạn áp dụng",
            "Số lượt phải áp dụng",
            "Tỷ lệ nhân rộng",
            "Tỷ lệ hiệu quả",
            "Cần đôn đốc",
        ),
        tuple(
            Row(
                (
                    i,
                    directive_label(d),
                    issuer_label(d),
                    d.deadline,
                    d.targets,
                    Percent(d.rate),
                    Percent(d.effective_rate),
                    d.follow_up,
                )
            )
            for i, d in enumerate(report.directives, 1)
        ),
        (5, 36, 36, 12, 12, 12, 12, 12),
    )


_MODEL_HEADERS: Final = (
    "STT",
    "Mô hình",
    "Loại",
    "Số đơn vị phải áp dụng",
    *(STATUS.label(st, "heading") for st in STATUSES),
    "Tỷ lệ nhân rộng",
    "Tỷ lệ hiệu quả",
    "Đơn vị xây dựng mô hình (không tính)",
    "Kết quả nổi bật",
)
_MODEL_WIDTHS: Final = (5, 40, 10, 12, *(12,) * len(STATUSES), 12, 12, 30, 50)


def _model_table_rows(
    models: tuple[ModelRow, ...],
    targets: int,
    counts: dict[str, int],
    rate: float | None,
    effective_rate: float | None,
) -> tuple[Row, ...]:
    rows = tuple(
        Row(
            (
                i,
                m.title,
                MODEL_KIND.label(m.kind, "heading"),
                m.targets,
                *(m.counts[st] for st in STATUSES),
                Percent(m.rate),
                Percent(m.effective_rate),
                _origins_text(m.origins),
                _best_text(m.best_results),
            )
        )
        for i, m in enumerate(models, 1)
    )
    total = Row(
        (
            "",
            "Tổng cộng",
            "",
            targets,
            *(counts[st] for st in STATUSES),
            Percent(rate),
            Percent(effective_rate),
            "",
            "",
        ),
        subtotal=True,
    )
    return (*rows, total) if rows else ()


def _unit_table(report: ProgressReport) -> Table:
    unit_rows: list[Row] = []
    n = 0
    for g in report.groups:
        unit_rows.append(
            Row(
                (
                    "",
                    f"{g.name} (cộng {format_int(len(g.units))} đơn vị)",
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
    return Table(
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


def _follow_up_table(report: ProgressReport) -> Table:
    numbers = {d.id: directive_label(d) for d in report.directives}
    return Table(
        "overdue",
        "IV. Đơn vị cần đôn đốc",
        (
            "STT",
            "Đơn vị",
            "Mô hình",
            "Văn bản",
            "Tình trạng",
            "Hạn áp dụng",
            "Số ngày quá hạn",
            "Số ngày kể từ khi áp dụng",
            "Ghi chú",
        ),
        tuple(
            Row(
                (
                    i,
                    o.unit_name,
                    o.model_title,
                    numbers.get(o.document, o.document),
                    status_label(o.status, o.inherited_from_name),
                    o.deadline,
                    o.days_late,
                    o.days_since,
                    o.note,
                )
            )
            for i, o in enumerate(report.follow_up, 1)
        ),
        (5, 36, 36, 30, 24, 12, 12, 12, 36),
    )


def _reorganisation_table(report: ProgressReport) -> Table:
    r = report.reorganisation
    rows: list[tuple[str, str, date | None, str, str]] = []
    for e in r.ended:
        successors = ", ".join(name for _, name in e.successors) or "không có"
        rows.append((e.unit_name, "Kết thúc hoạt động", e.valid_to, successors, ""))
    for d in r.dropped:
        rows.append(
            (d.unit_name, "Không còn phải áp dụng (không có đơn vị kế thừa)", d.valid_to, "",
             d.model_title)
        )  # fmt: skip
    for h in r.inherited:
        rows.append(
            (h.unit_name, f"Kế thừa tình trạng: {STATUS.label(h.status)}", None,
             h.predecessor_name, h.model_title)
        )  # fmt: skip
    return Table(
        "reorganisation",
        "V. Sắp xếp tổ chức bộ máy, đơn vị hành chính",
        ("STT", "Đơn vị", "Thay đổi", "Ngày kết thúc", "Đơn vị kế thừa / trước sắp xếp", "Mô hình"),
        tuple(Row((i, *row)) for i, row in enumerate(rows, 1)),
        (5, 36, 36, 14, 36, 36),
    )


def build_tables(report: ProgressReport) -> list[Table]:
    """The report's tables, in order: I. summary and one line per directive; II. models
    (every directive, each target once) then one table per directive; III. units by group;
    IV. units to follow up; V. reorganisation (only when something changed); VI. results;
    VII. difficulties; VIII. new models."""
    s = report.summary
    tables = [_summary_table(report), _directives_table(report)]
    tables.append(
        Table(
            "models",
            "II. Tình hình nhân rộng theo mô hình (mọi văn bản, mỗi lượt tính một lần)",
            _MODEL_HEADERS,
            _model_table_rows(report.models, s.targets, s.counts, s.rate, s.effective_rate),
            _MODEL_WIDTHS,
        )
    )
    for i, d in enumerate(report.directives, 1):
        deadline = f"; hạn {format_date_vn(d.deadline)}" if d.deadline else ""
        tables.append(
            Table(
                f"directive-{i}",
                f"II.{i}. Theo {directive_label(d)} của {issuer_label(d)}{deadline}",
                _MODEL_HEADERS,
                _model_table_rows(d.models, d.targets, d.counts, d.rate, d.effective_rate),
                _MODEL_WIDTHS,
            )
        )
    tables += [_unit_table(report), _follow_up_table(report)]
    if report.reorganisation:
        tables.append(_reorganisation_table(report))
    tables.append(
        Table(
            "results",
            "VI. Kết quả đạt được trong kỳ",
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
            "difficulties",
            "VII. Khó khăn, vướng mắc",
            ("STT", "Đơn vị", "Mô hình", "Tình trạng", "Khó khăn, vướng mắc"),
            tuple(
                Row((i, d.unit_name, d.model_title, STATUS.label(d.status, "heading"), d.text))
                for i, d in enumerate(report.difficulties, 1)
            ),
            (5, 32, 32, 20, 60),
        )
    )
    tables.append(
        Table(
            "new-models",
            "VIII. Mô hình mới đề xuất, được công nhận trong kỳ",
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


def _origin_json(o: OriginRow) -> dict[str, Any]:
    return {"unit": o.unit, "unit_name": o.unit_name, "status": o.status, "since": _d(o.since)}


def _figures_json(row: ModelRow | DirectiveSection) -> dict[str, Any]:
    """The figures a model row and a directive section share, in the order of the JSON."""
    return {
        "targets": row.targets,
        "counts": dict(row.counts),
        "adopted": row.adopted,
        "applicable": row.applicable,
        "rate": row.rate,
        "effective_rate": row.effective_rate,
    }


def _model_json(m: ModelRow) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "kind": m.kind,
        **_figures_json(m),
        "best_results": [_best_json(b) for b in m.best_results],
        "origins": [_origin_json(o) for o in m.origins],
    }


def _dropped_json(r: DroppedRow) -> dict[str, Any]:
    return {
        "unit": r.unit,
        "unit_name": r.unit_name,
        "valid_to": _d(r.valid_to),
        "model": r.model,
        "model_title": r.model_title,
        "document": r.document,
    }


def _directive_json(d: DirectiveSection) -> dict[str, Any]:
    return {
        "id": d.id,
        "type": d.type,
        "number": d.number,
        "date": _d(d.issued),
        "label": directive_label(d),
        "subject": d.subject,
        "issuer": d.issuer,
        "issuer_name": d.issuer_name,
        "issuer_ended": _d(d.issuer_ended),
        "deadline": _d(d.deadline),
        "valid_to": _d(d.valid_to),
        "model_ids": list(d.model_ids),
        **_figures_json(d),
        "follow_up": d.follow_up,
        "models": [_model_json(m) for m in d.models],
        "dropped": [_dropped_json(r) for r in d.dropped],
    }


def report_json(report: ProgressReport) -> dict[str, Any]:
    """Every figure with stable keys (docs/report.md, "Dạng JSON")."""
    return {key: build() for key, build in report_json_parts(report).items()}


def report_json_parts(report: ProgressReport) -> dict[str, Callable[[], Any]]:
    """The top-level keys of `report_json`, each with the function that builds its value:
    a writer can build, write and drop one section at a time (a national report's
    sections take hundreds of MB as Python objects)."""
    p, s, r = report.period, report.summary, report.reorganisation
    return {
        "schema": lambda: JSON_SCHEMA,
        "period": lambda: {
            "code": p.code,
            "kind": p.kind,
            "calendar": p.calendar,
            "start": _d(p.start),
            "end": _d(p.end),
            "label": p.label,
            "heading": p.heading,
        },
        "as_of": lambda: _d(report.as_of),
        "scope": lambda: report.scope,
        "scope_name": lambda: report.scope_name,
        "scope_notice": lambda: report.scope_notice,
        "document": lambda: report.document,
        "summary": lambda: {
            "directives": len(report.directives),
            "models": s.models,
            "target_units": s.target_units,
            "targets": s.targets,
            "counts": dict(s.counts),
            "inherited": s.inherited,
            "adopted": s.adopted,
            "applicable": s.applicable,
            "rate": s.rate,
            "effective_rate": s.effective_rate,
            "follow_up": s.follow_up,
            "previous": {
                "period": s.previous_period.code,
                "start": _d(s.previous_period.start),
                "end": _d(s.previous_period.end),
                "targets": s.previous_targets,
                "adopted": s.previous_adopted,
                "applicable": s.previous_applicable,
                "rate": s.previous_rate,
                "effective_rate": s.previous_effective_rate,
            },
            "change": s.change,
            "added": s.added,
            "dropped": s.dropped,
            "common": {
                "targets": s.common,
                "rate": s.common_rate,
                "previous_rate": s.common_previous_rate,
                "change": s.common_change,
            },
        },
        "directives": lambda: [_directive_json(d) for d in report.directives],
        "models": lambda: [_model_json(m) for m in report.models],
        "groups": lambda: [
            {
                "id": g.id,
                "kind": g.kind,
                "name": g.name,
                "targets": g.targets,
                "adopted": g.adopted,
                "applicable": g.applicable,
                "rate": g.rate,
                "units": [
                    {
                        "id": u.id,
                        "name": u.name,
                        "models": u.models,
                        "counts": dict(u.counts),
                        "adopted": u.adopted,
                        "applicable": u.applicable,
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
                                "inherited_from": a.inherited_from,
                            }
                            for a in u.adoptions
                        ],
                    }
                    for u in g.units
                ],
            }
            for g in report.groups
        ],
        "follow_up": lambda: [
            {
                "unit": o.unit,
                "unit_name": o.unit_name,
                "model": o.model,
                "model_title": o.model_title,
                "status": o.status,
                "inherited_from": o.inherited_from,
                "inherited_from_name": o.inherited_from_name,
                "deadline": _d(o.deadline),
                "days_late": o.days_late,
                "days_since": o.days_since,
                "document": o.document,
                "note": o.note,
            }
            for o in report.follow_up
        ],
        "reorganisation": lambda: {
            "ended": [
                {
                    "unit": e.unit,
                    "unit_name": e.unit_name,
                    "valid_to": _d(e.valid_to),
                    "successors": [{"unit": u, "unit_name": n} for u, n in e.successors],
                }
                for e in r.ended
            ],
            "dropped": [_dropped_json(d) for d in r.dropped],
            "inherited": [
                {
                    "unit": h.unit,
                    "unit_name": h.unit_name,
                    "model": h.model,
                    "model_title": h.model_title,
                    "status": h.status,
                    "predecessor": h.predecessor,
                    "predecessor_name": h.predecessor_name,
                }
                for h in r.inherited
            ],
        },
        "results": lambda: [
            {
                "unit": x.unit,
                "unit_name": x.unit_name,
                "model": x.model,
                "model_title": x.model_title,
                "indicator": x.indicator,
                "indicator_name": x.indicator_name,
                "from": _d(x.from_),
                "to": _d(x.to),
                "numerator": x.numerator,
                "denominator": x.denominator,
                "value": x.value,
                "rate": x.rate,
            }
            for x in report.results
        ],
        "difficulties": lambda: [
            {
                "unit": x.unit,
                "unit_name": x.unit_name,
                "model": x.model,
                "model_title": x.model_title,
                "status": x.status,
                "text": x.text,
            }
            for x in report.difficulties
        ],
        "new_models": lambda: [
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
