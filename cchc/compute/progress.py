"""Progress of the replication programme over one reporting period (`cchc report`).

Pure maths over a loaded `Repository`: no I/O, no formatting. Everything is computed *as
of the period's end* from the dated histories, so the same period gives the same figures
whatever was added to the data since.

Definitions (docs/report.md documents them for users):

- A *directive* is a document of type ``cong-van`` or ``ke-hoach`` that lists models and is
  in force on the period's end.
- The *targets* of a model in a directive are the units its entry's
  ``implementers.select``, else the model's ``implementers.select``, else the document's
  ``recipients`` select on the period's end (only units valid that day).
- A *target* is a (unit, model) pair; a pair directed by several documents counts once,
  with the earliest deadline.
- The status of a target is the status of the last event of the unit's adoption record
  for the model dated on or before the period's end; no record or no event yet is
  ``not-started``.
- Replication rate = (effective + implementing) / targets; None when there are no targets.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from cchc.errors import UsageError
from cchc.periods import Period
from cchc.schema import Document, Model, Unit
from cchc.schema.base import Selector
from cchc.schema.document import entry_model_id
from cchc.schema.selection import SelectorSpec, spec_of
from cchc.schema.unit import Adoption, Result
from cchc.schema.vocabulary import ADOPTED, STATUSES
from cchc.text import SortKey
from cchc.text import sort_key as _sort_key

if TYPE_CHECKING:
    from cchc.schema.repository import Repository

__all__ = [
    "BestResult",
    "DocumentInfo",
    "GroupRow",
    "ModelRow",
    "NewModelRow",
    "OverdueRow",
    "ProgressReport",
    "ResultRow",
    "Summary",
    "UnitAdoption",
    "UnitRow",
    "compute_report",
    "status_on",
]

#: Statuses that put a target on the list of units to name once its deadline has passed.
OVERDUE: Final = frozenset({"not-started", "ineffective"})
#: Model statuses that make a model "new" when an event sets them within the period.
NEW_MODEL_STATUSES: Final = frozenset({"proposed", "piloting", "recognized"})
DIRECTIVE_TYPES: Final = frozenset({"cong-van", "ke-hoach"})
#: How many best results each model row lists.
BEST_RESULTS: Final = 3


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    type: str
    number: str | None
    issued: date  # first day in force
    deadline: date | None
    models: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    models: int  # models directed for replication
    target_units: int  # distinct units with at least one target
    targets: int  # (unit, model) pairs
    counts: dict[str, int]  # status -> number of targets, every status present
    adopted: int  # effective + implementing
    rate: float | None
    previous_period: Period
    previous_targets: int
    previous_adopted: int
    previous_rate: float | None
    change: float | None  # rate - previous_rate (a ratio difference), None if either is None


@dataclass(frozen=True)
class BestResult:
    unit: str
    unit_name: str
    indicator: str
    indicator_name: str
    to: date
    numerator: int | None
    denominator: int | None
    value: int | float | None
    rate: float | None


@dataclass(frozen=True)
class ModelRow:
    id: str
    title: str
    kind: str
    targets: int
    counts: dict[str, int]
    adopted: int
    rate: float | None
    best_results: tuple[BestResult, ...]


@dataclass(frozen=True)
class UnitAdoption:
    """One adoption record of a unit as of the period's end (targeted or adopted freely)."""

    model: str
    model_title: str
    status: str
    since: date | None  # date of the event that set the status
    targeted: bool  # whether a directive in force makes it a target


@dataclass(frozen=True)
class UnitRow:
    id: str
    name: str
    group: str
    models: int  # targets of this unit
    counts: dict[str, int]
    adopted: int
    rate: float | None
    last_update: date | None  # last adoption event on or before the period's end
    other_adopted: int  # effective/implementing models that are not targets of this unit
    adoptions: tuple[UnitAdoption, ...]  # every record with a status on the period's end


@dataclass(frozen=True)
class GroupRow:
    """A district (its people's committee) or an agency group (the units under one parent)."""

    id: str
    name: str
    units: tuple[UnitRow, ...]
    targets: int
    adopted: int
    rate: float | None


@dataclass(frozen=True)
class OverdueRow:
    unit: str
    unit_name: str
    model: str
    model_title: str
    status: str
    deadline: date
    days_overdue: int
    document: str


@dataclass(frozen=True)
class ResultRow:
    unit: str
    unit_name: str
    model: str
    model_title: str
    indicator: str
    indicator_name: str
    from_: date | None
    to: date
    numerator: int | None
    denominator: int | None
    value: int | float | None
    rate: float | None


@dataclass(frozen=True)
class NewModelRow:
    id: str
    title: str
    kind: str
    origin: str
    origin_name: str
    status: str
    date: date


@dataclass(frozen=True)
class ProgressReport:
    period: Period
    as_of: date
    scope: str | None
    scope_name: str | None
    document: str | None
    documents: tuple[DocumentInfo, ...]
    summary: Summary
    models: tuple[ModelRow, ...]
    groups: tuple[GroupRow, ...]
    overdue: tuple[OverdueRow, ...]
    results: tuple[ResultRow, ...]
    new_models: tuple[NewModelRow, ...]


@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> SortKey:
    """`cchc.text.sort_key`, remembered: the same titles and names sort many times."""
    return _sort_key(text)


# -- as-of helpers --------------------------------------------------------------------


def status_on(adoption: Adoption | None, day: date) -> tuple[str, date | None]:
    """(status, date of the event that set it) on `day`; ("not-started", None) before any."""
    return ("not-started", None) if adoption is None else adoption.status_on(day)


def _rate(adopted: int, targets: int) -> float | None:
    return adopted / targets if targets else None


def _name(unit: Unit | None, unit_id: str) -> str:
    return unit.display_name if unit is not None else unit_id


# -- targets ------------------------------------------------------------------------


@dataclass
class _Target:
    deadline: date | None
    document: str


def _directives(repo: Repository, day: date, document: str | None) -> list[Document]:
    if document is not None:
        doc = repo.document(document)
        if doc.type not in DIRECTIVE_TYPES or not doc.iter_model_entries():
            raise UsageError(
                f'văn bản "{document}" không phải công văn/kế hoạch chỉ đạo nhân rộng mô hình',
                hint="chọn một công văn hoặc kế hoạch có danh sách mô hình (models)",
            )
        return [doc] if doc.in_force_on(day) else []
    return [
        doc
        for doc in repo.documents.values()
        if doc.type in DIRECTIVE_TYPES and doc.in_force_on(day) and doc.iter_model_entries()
    ]


def _targets(
    repo: Repository, docs: Iterable[Document], day: date, scope: set[str] | None
) -> tuple[dict[tuple[str, str], _Target], list[str]]:
    """Targets (unit, model) -> earliest deadline, and the directed models, on `day`."""
    cache: dict[tuple[SelectorSpec, ...], frozenset[str]] = {}
    targets: dict[tuple[str, str], _Target] = {}
    models: dict[str, None] = {}
    for doc in sorted(docs, key=lambda d: (d.start_date, d.id)):
        recipients = [s for r in doc.recipients for s in r.select]
        for _path, entry in doc.iter_model_entries():
            model_id = entry_model_id(entry)
            model = repo.models.get(model_id)
            selectors: list[Selector] = recipients
            if not isinstance(entry, str) and entry.implementers and entry.implementers.select:
                selectors = entry.implementers.select
            elif model is not None and model.implementers and model.implementers.select:
                selectors = model.implementers.select
            key = tuple(spec_of(s) for s in selectors)
            units = cache.get(key)
            if units is None:
                units = frozenset(repo.tree.select(key, day))
                cache[key] = units
            models[model_id] = None
            for unit_id in units:
                if scope is not None and unit_id not in scope:
                    continue
                pair = (unit_id, model_id)
                found = targets.get(pair)
                if found is None or (doc.deadline is not None and (
                    found.deadline is None or doc.deadline < found.deadline
                )):
                    targets[pair] = _Target(doc.deadline, doc.id)
    return targets, list(models)


def _adoption_index(repo: Repository) -> dict[tuple[str, str], Adoption]:
    return {(u.id, a.model): a for u in repo.units.values() for a in u.adoptions}


def _count(statuses: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] += 1
    return counts


def _scope_set(repo: Repository, scope: str | None) -> set[str] | None:
    if scope is None:
        return None
    repo.unit(scope)  # NotFoundError with a suggestion
    return {scope, *repo.tree.descendants(scope)}


# -- grouping -----------------------------------------------------------------------


def _group_of(repo: Repository, unit_id: str) -> str:
    """A unit's group: its district (nearest district-level people's committee, itself
    included), else its parent (the agencies under one provincial committee), else itself."""
    chain = [unit_id, *repo.tree.ancestors(unit_id)]
    for candidate in chain:
        node = repo.tree.nodes.get(candidate)
        if node is not None and node.level == "district" and node.kind == "people-committee":
            return candidate
    node = repo.tree.nodes.get(unit_id)
    if node is not None and node.parent is not None:
        return node.parent
    return unit_id


# -- the report ---------------------------------------------------------------------


def compute_report(
    repo: Repository,
    period: Period,
    *,
    scope: str | None = None,
    document: str | None = None,
) -> ProgressReport:
    """The progress report for `period`, as of its end; see the module docstring."""
    day = period.end
    scope_units = _scope_set(repo, scope)
    adoptions = _adoption_index(repo)

    docs = _directives(repo, day, document)
    targets, model_ids = _targets(repo, docs, day, scope_units)
    statuses: dict[tuple[str, str], tuple[str, date | None]] = {
        pair: status_on(adoptions.get(pair), day) for pair in targets
    }

    previous = period.previous()
    prev_docs = _directives(repo, previous.end, document)
    prev_targets, _ = _targets(repo, prev_docs, previous.end, scope_units)
    prev_adopted = sum(
        status_on(adoptions.get(pair), previous.end)[0] in ADOPTED for pair in prev_targets
    )

    counts = _count(s for s, _ in statuses.values())
    adopted = counts["effective"] + counts["implementing"]
    rate = _rate(adopted, len(targets))
    prev_rate = _rate(prev_adopted, len(prev_targets))
    summary = Summary(
        models=len({m for _, m in targets}) if scope_units is not None else len(model_ids),
        target_units=len({u for u, _ in targets}),
        targets=len(targets),
        counts=counts,
        adopted=adopted,
        rate=rate,
        previous_period=previous,
        previous_targets=len(prev_targets),
        previous_adopted=prev_adopted,
        previous_rate=prev_rate,
        change=None if rate is None or prev_rate is None else rate - prev_rate,
    )

    if scope_units is not None:  # within a subtree, only the models directed at it
        directed_here = {m for _, m in targets}
        model_ids = [m for m in model_ids if m in directed_here]
    by_model: dict[str, list[tuple[str, str]]] = {m: [] for m in model_ids}
    by_unit: dict[str, list[tuple[str, str]]] = {}
    for pair in targets:
        by_model.setdefault(pair[1], []).append(pair)
        by_unit.setdefault(pair[0], []).append(pair)

    model_rows = [
        _model_row(repo, model_id, pairs, statuses, adoptions, day)
        for model_id, pairs in by_model.items()
    ]
    model_rows.sort(key=lambda r: (sort_key(r.title), r.id))

    # Units with targets, and units (valid on the day) that adopted models on their own.
    unit_ids = set(by_unit)
    for unit_id, _model_id in adoptions:
        node = repo.tree.nodes.get(unit_id)
        if (scope_units is None or unit_id in scope_units) and node is not None \
                and node.valid_on(day):
            unit_ids.add(unit_id)
    unit_rows: dict[str, list[UnitRow]] = {}
    for unit_id in unit_ids:
        row = _unit_row(repo, unit_id, by_unit.get(unit_id, []), statuses, day)
        if row is not None:
            unit_rows.setdefault(row.group, []).append(row)
    groups = []
    for group_id, rows in unit_rows.items():
        rows.sort(key=lambda r: (sort_key(r.name), r.id))
        g_targets = sum(r.models for r in rows)
        g_adopted = sum(r.adopted for r in rows)
        groups.append(GroupRow(group_id, _name(repo.units.get(group_id), group_id), tuple(rows),
                               g_targets, g_adopted, _rate(g_adopted, g_targets)))
    groups.sort(key=lambda g: (sort_key(g.name), g.id))

    overdue = []
    for pair, target in targets.items():
        status = statuses[pair][0]
        if status in OVERDUE and target.deadline is not None and target.deadline < day:
            unit_id, model_id = pair
            model = repo.models.get(model_id)
            overdue.append(OverdueRow(
                unit_id, _name(repo.units.get(unit_id), unit_id), model_id,
                model.title if model else model_id, status, target.deadline,
                (day - target.deadline).days, target.document))
    overdue.sort(key=lambda r: (-r.days_overdue, sort_key(r.unit_name), sort_key(r.model_title)))

    directed = set(model_ids) if document is not None else None
    results = _results(repo, period, scope_units, directed)
    new_models = _new_models(repo, period, scope_units)

    infos = tuple(
        DocumentInfo(d.id, d.type, _document_number(d), d.start_date, d.deadline,
                     tuple(dict.fromkeys(entry_model_id(e) for _, e in d.iter_model_entries())))
        for d in sorted(docs, key=lambda d: (d.start_date, d.id))
    )
    return ProgressReport(
        period=period,
        as_of=day,
        scope=scope,
        scope_name=_name(repo.units.get(scope), scope) if scope else None,
        document=document,
        documents=infos,
        summary=summary,
        models=tuple(model_rows),
        groups=tuple(groups),
        overdue=tuple(overdue),
        results=results,
        new_models=new_models,
    )


def _document_number(doc: Document) -> str | None:
    return None if doc.number is None else str(doc.number)


def _unit_row(
    repo: Repository,
    unit_id: str,
    pairs: list[tuple[str, str]],
    statuses: dict[tuple[str, str], tuple[str, date | None]],
    day: date,
) -> UnitRow | None:
    unit = repo.units.get(unit_id)
    targeted = {m for _, m in pairs}
    records = []
    for adoption in unit.adoptions if unit is not None else ():
        status, since = status_on(adoption, day)
        if since is None:
            continue
        model = repo.models.get(adoption.model)
        records.append(UnitAdoption(adoption.model, model.title if model else adoption.model,
                                    status, since, adoption.model in targeted))
    if not pairs and not records:
        return None
    records.sort(key=lambda a: (sort_key(a.model_title), a.model))
    counts = _count(statuses[p][0] for p in pairs)
    adopted = counts["effective"] + counts["implementing"]
    other = sum(1 for a in records if not a.targeted and a.status in ADOPTED)
    return UnitRow(unit_id, _name(unit, unit_id), _group_of(repo, unit_id), len(pairs), counts,
                   adopted, _rate(adopted, len(pairs)), _last_update(unit, day), other,
                   tuple(records))


def _last_update(unit: Unit | None, day: date) -> date | None:
    last: date | None = None
    if unit is None:
        return None
    for adoption in unit.adoptions:
        _, when = status_on(adoption, day)
        if when is not None and (last is None or when > last):
            last = when
    return last


def _model_row(
    repo: Repository,
    model_id: str,
    pairs: list[tuple[str, str]],
    statuses: dict[tuple[str, str], tuple[str, date | None]],
    adoptions: dict[tuple[str, str], Adoption],
    day: date,
) -> ModelRow:
    model: Model | None = repo.models.get(model_id)
    counts = _count(statuses[p][0] for p in pairs)
    adopted = counts["effective"] + counts["implementing"]
    best: dict[str, tuple[Result, str]] = {}
    for pair in pairs:
        adoption = adoptions.get(pair)
        if adoption is None:
            continue
        for result in adoption.results:
            if result.to > day:
                continue
            current = best.get(result.indicator)
            if current is None or _better(repo, result, current[0]):
                best[result.indicator] = (result, pair[0])
    chosen = sorted(best.values(), key=lambda rv: (-(_score(rv[0]) or 0), rv[0].indicator))
    best_rows = tuple(_best_row(repo, result, unit_id) for result, unit_id in chosen[:BEST_RESULTS])
    return ModelRow(model_id, model.title if model else model_id, model.kind if model else "model",
                    len(pairs), counts, adopted, _rate(adopted, len(pairs)), best_rows)


def _score(result: Result) -> float | None:
    if result.rate is not None:
        return result.rate
    return result.value


def _better(repo: Repository, new: Result, old: Result) -> bool:
    a, b = _score(new), _score(old)
    if a is None:
        return False
    if b is None:
        return True
    indicator = repo.indicators.get(new.indicator)
    higher = indicator.higher_is_better if indicator is not None else True
    return a > b if higher else a < b


def _indicator_name(repo: Repository, indicator_id: str) -> str:
    indicator = repo.indicators.get(indicator_id)
    return indicator.name if indicator is not None else indicator_id


def _best_row(repo: Repository, result: Result, unit_id: str) -> BestResult:
    return BestResult(
        unit_id, _name(repo.units.get(unit_id), unit_id), result.indicator,
        _indicator_name(repo, result.indicator), result.to, result.numerator, result.denominator,
        result.value, result.rate)


def _results(
    repo: Repository, period: Period, scope: set[str] | None, models: set[str] | None
) -> tuple[ResultRow, ...]:
    """Results whose covered span (`from`, or `to` alone, through `to`) overlaps the period.

    Units report figures "from 1/3 to 15/9" that straddle the 14th-of-the-month cut-off;
    such a result belongs to every period it covers part of, so the quarter it was
    reported for shows it (statuses, by contrast, are strictly as of the period's end).
    """
    rows = []
    start, end = period.start, period.end
    for unit in repo.units.values():
        if scope is not None and unit.id not in scope:
            continue
        for adoption in unit.adoptions:
            if models is not None and adoption.model not in models:
                continue
            model = repo.models.get(adoption.model)
            for result in adoption.results:
                if result.to < start or (result.from_ or result.to) > end:
                    continue
                rows.append(ResultRow(
                    unit.id, unit.display_name, adoption.model,
                    model.title if model else adoption.model, result.indicator,
                    _indicator_name(repo, result.indicator), result.from_, result.to,
                    result.numerator, result.denominator,
                    result.value, result.rate))
    rows.sort(key=lambda r: (sort_key(r.unit_name), sort_key(r.model_title), r.indicator, r.to))
    return tuple(rows)


def _new_models(
    repo: Repository, period: Period, scope: set[str] | None
) -> tuple[NewModelRow, ...]:
    """Models with an event within the period setting proposed, piloting or recognized."""
    rows = []
    for model in repo.models.values():
        if scope is not None and model.origin not in scope:
            continue
        events = [e for e in model.history
                  if period.contains(e.date) and e.status in NEW_MODEL_STATUSES]
        if not events:
            continue
        last = events[-1]
        rows.append(NewModelRow(model.id, model.title, model.kind, model.origin,
                                _name(repo.units.get(model.origin), model.origin),
                                last.status, last.date))
    rows.sort(key=lambda r: (r.date, sort_key(r.title)))
    return tuple(rows)
