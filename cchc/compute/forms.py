"""The content of a reporting form (`cchc form`): which models a unit must report on in a
period, what it reported last, and which indicators it should give figures for.

Pure functions over a loaded `Repository` (docs/forms.md). The targets and deadlines come
from `cchc.compute.progress` (FORMAT 1.1 items 1–3), never derived again here; the Excel
writer is `cchc.present.formats.form_xlsx`, the reading back `cchc.compute.formread`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from cchc.compute.progress import (
    StatusBook,
    directive_targets,
    directive_title,
    directives,
    document_number,
    resolve_scope,
    total_targets,
)
from cchc.periods import Period, format_date_vn
from cchc.schema.document import Document
from cchc.schema.repository import Repository
from cchc.schema.vocabulary import ADOPTION_STATUSES, STATUS
from cchc.text import sort_key

#: The version of the form layout; `cchc import` refuses a form of another version.
FORM_VERSION: Final = 1
#: The names of the sheets and of their columns (what `cchc import` looks for).
ADOPTION_SHEET: Final = "Tình hình áp dụng"
RESULT_SHEET: Final = "Kết quả"
META_SHEET: Final = "_cchc"
ADOPTION_COLUMNS: Final = (
    "Mã mô hình",
    "Tên mô hình",
    "Văn bản chỉ đạo",
    "Hạn áp dụng",
    "Tình trạng hiện tại",
    "Tình trạng mới",
    "Ngày",
    "Ghi chú",
)
#: The columns an officer fills in on the adoption sheet (the others are locked).
ADOPTION_INPUTS: Final = ("Tình trạng mới", "Ngày", "Ghi chú")
RESULT_COLUMNS: Final = (
    "Mã mô hình",
    "Tên mô hình",
    "Chỉ tiêu",
    "Từ ngày",
    "Đến ngày",
    "Tử số",
    "Mẫu số",
    "Giá trị",
    "Ghi chú",
)
RESULT_INPUTS: Final = tuple(c for c in RESULT_COLUMNS if c != "Tên mô hình")
#: Empty rows left at the end of the results sheet for figures of other indicators.
EMPTY_RESULT_ROWS: Final = 10


def status_choices() -> tuple[str, ...]:
    """The Vietnamese names an officer picks a new status from (the form's dropdown)."""
    return tuple(STATUS.label(s, "heading") for s in ADOPTION_STATUSES)


@dataclass(frozen=True)
class DirectiveLine:
    """A directive in force at the period's end that directs the unit."""

    id: str
    label: str  # "Công văn số 865/UBND-KSTT ngày 12/03/2019"
    subject: str
    deadline: date | None


@dataclass(frozen=True)
class AdoptionLine:
    """One model on the adoption sheet."""

    model_id: str
    model_title: str
    directives: tuple[str, ...]  # labels of the directives asking for it (may be empty)
    deadline: date | None  # the earliest deadline among them
    status: str  # the status shown as current (a STATUSES code)
    since: date | None  # the date of the event that set it
    inherited_from: str | None  # the predecessor's name, when the status is inherited
    #: the unit's own last event (status, date) — what `cchc import` compares to detect
    #: a change made since the form was written (None: no own record)
    own_last: tuple[str, date] | None

    @property
    def status_text(self) -> str:
        """ "Đang triển khai từ 01/03/2024", "Chưa triển khai", "... (kế thừa từ X)"."""
        text = STATUS.label(self.status, "heading")
        if self.since is not None:
            text += f" từ {format_date_vn(self.since)}"
        if self.inherited_from:
            text += f" (kế thừa từ {self.inherited_from})"
        return text


@dataclass(frozen=True)
class ResultLine:
    """A pre-filled row of the results sheet: an indicator a model declares."""

    model_id: str
    model_title: str
    indicator_id: str
    indicator_name: str
    percent: bool


@dataclass(frozen=True)
class UnitForm:
    """Everything one unit's form shows."""

    unit_id: str
    unit_name: str
    parent_name: str | None
    period: Period
    directives: tuple[DirectiveLine, ...]
    adoptions: tuple[AdoptionLine, ...]
    results: tuple[ResultLine, ...]
    #: indicator names offered in the results sheet's dropdown, with their ids
    indicators: tuple[tuple[str, str], ...]


def directive_label(repo: Repository, doc: Document) -> str:
    """ "Công văn số 865/UBND-KSTT ngày 12/03/2019" (`directive_title`)."""
    return directive_title(doc.type, document_number(repo, doc), doc.start_date)


def unit_form(repo: Repository, unit_id: str, period: Period) -> UnitForm:
    """The form of `unit_id` for `period`: every model a directive in force at the
    period's end asks it to apply (FORMAT 1.1 items 1–2, its targets), then every other
    model it keeps a record of; statuses as of today's data (FORMAT 1.1 item 3).

    Raises `NotFoundError` for an unknown unit."""
    unit = repo.unit(unit_id)
    day = period.end
    docs = directives(repo, day, None)
    scope = frozenset({unit_id})
    directed = [directive_targets(repo, d, day, scope) for d in docs]
    totals = total_targets(directed)
    asked: dict[str, list[str]] = {}
    lines: dict[str, DirectiveLine] = {}
    for d in directed:
        for _unit, model_id in d.pairs:
            label = directive_label(repo, d.document)
            asked.setdefault(model_id, []).append(label)
            lines.setdefault(
                d.document.id,
                DirectiveLine(
                    d.document.id,
                    label,
                    d.document.subject or d.document.title or "",
                    d.document.deadline,
                ),
            )
    book = StatusBook(repo)
    last_day = date.max
    own = {a.model: a for a in unit.adoptions}
    order = list(asked) + sorted(
        (m for m in own if m not in asked),
        key=lambda m: sort_key(repo.models[m].title if m in repo.models else m),
    )
    adoptions = []
    for model_id in order:
        found = book.status(unit_id, model_id, last_day)
        record = own.get(model_id)
        target = totals.get((unit_id, model_id))
        model = repo.models.get(model_id)
        inherited = found.inherited_from
        adoptions.append(
            AdoptionLine(
                model_id=model_id,
                model_title=model.title if model else model_id,
                directives=tuple(dict.fromkeys(asked.get(model_id, ()))),
                deadline=target.deadline if target else None,
                status=found.status,
                since=found.since,
                inherited_from=repo.unit_label(inherited) if inherited else None,
                own_last=((record.history[-1].status, record.history[-1].date) if record else None),
            )
        )
    results = []
    for line in adoptions:
        model = repo.models.get(line.model_id)
        for indicator_id in model.indicators if model else ():
            indicator = repo.indicators.get(indicator_id)
            results.append(
                ResultLine(
                    line.model_id,
                    line.model_title,
                    indicator_id,
                    indicator.name if indicator else indicator_id,
                    indicator is None or indicator.unit == "percent",
                )
            )
    indicators = tuple(
        sorted(((i.name, i.id) for i in repo.indicators.values()), key=lambda p: sort_key(p[0]))
    )
    parent = repo.units.get(unit.parent or "")
    return UnitForm(
        unit_id=unit_id,
        unit_name=unit.name,
        parent_name=parent.name if parent else None,
        period=period,
        directives=tuple(lines.values()),
        adoptions=tuple(adoptions),
        results=tuple(results),
        indicators=indicators,
    )


def form_units(repo: Repository, document: str, period: Period, scope: str | None) -> list[str]:
    """The units `document` directs at the end of `period` (its targets, FORMAT 1.1 item
    2), within `scope` if given, in Vietnamese order of their names.

    Raises `NotFoundError` for an unknown document or scope unit, `UsageError` when the
    document is not a directive."""
    day = period.end
    resolved = resolve_scope(repo, scope, day)
    units = resolved.units if resolved else None
    found: set[str] = set()
    for doc in directives(repo, day, document):
        found.update(u for u, _m in directive_targets(repo, doc, day, units).pairs)
    return sorted(found, key=lambda u: (sort_key(repo.unit_label(u)), u))


def form_signature(
    key: bytes,
    *,
    unit_id: str,
    period_code: str,
    calendar: bool,
    digest: str,
    made: str,
    models: list[tuple[str, str, str]],
) -> str:
    """The HMAC-SHA256 (hex) with which `cchc form` signs what a form's hidden sheet says:
    its unit, period, the unit file's digest, the day it was made, and per model the state
    shown ((model id, status, date) with "" for none). `cchc import` recomputes it: a form
    whose hidden sheet was edited (a unit's officer turning it into another unit's form), or
    that another machine made, does not match (docs/forms.md, "Chữ ký")."""
    import hashlib
    import hmac

    lines = [
        f"cchc-form\t{FORM_VERSION}",
        f"unit\t{unit_id}",
        f"period\t{period_code}",
        f"calendar\t{int(calendar)}",
        f"digest\t{digest}",
        f"made\t{made}",
        *("model\t" + "\t".join(row) for row in models),
    ]
    return hmac.new(key, "\n".join(lines).encode(), hashlib.sha256).hexdigest()


def digest_of(raw: bytes) -> str:
    """The digest of a unit file's bytes a form keeps, to tell later whether it changed."""
    import hashlib

    return "sha256:" + hashlib.sha256(raw).hexdigest()
