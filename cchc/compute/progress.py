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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from cchc.errors import UsageError
from cchc.periods import Period
from cchc.schema import Document, Model, Unit
from cchc.schema.base import Selector
from cchc.schema.document import ModelEntry, entry_model_id
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
    "Pair",
    "ProgressReport",
    "ResultRow",
    "StatusOn",
    "Summary",
    "Target",
    "Targets",
    "UnitAdoption",
    "UnitRow",
    "adoption_index",
    "best_results",
    "compute_report",
    "directed_models",
    "directive_targets",
    "directives",
    "document_infos",
    "group_rows",
    "model_rows",
    "new_model_rows",
    "overdue_rows",
    "result_rows",
    "scope_units",
    "status_on",
    "summary_section",
    "target_statuses",
    "unit_rows",
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

#: A target: (unit id, model id).
Pair = tuple[str, str]
#: A target's status on a day and the date of the event that set it (see `status_on`).
StatusOn = tuple[str, date | None]


@dataclass(frozen=True)
class Target:
    """Why a (unit, model) pair is a target: the earliest deadline among its directives."""

    deadline: date | None
    document: str  # the directive that set the deadline (the first one when none has one)


@dataclass(frozen=True)
class Targets:
    """The targets of some directives on a day, in a fixed order (directives by date and
    id, their model entries in file order, units by id), and every model they list."""

    pairs: dict[Pair, Target]
    models: tuple[str, ...]  # in order of first mention


def scope_units(repo: Repository, scope: str | None) -> set[str] | None:
    """The unit `scope` and every unit below it; None (no limit) when `scope` is None.

    Raises `NotFoundError` (with a suggestion) for an unknown unit."""
    if scope is None:
        return None
    repo.unit(scope)
    return {scope, *repo.tree.descendants(scope)}


def directives(repo: Repository, day: date, document: str | None) -> list[Document]:
    """The directives in force on `day` (by date, then id): every one, or only `document`.

    Raises `NotFoundError` for an unknown `document` and `UsageError` when it is not a
    directive (a công văn or kế hoạch listing models)."""
    if document is not None:
        doc = repo.document(document)
        if doc.type not in DIRECTIVE_TYPES or not doc.iter_model_entries():
            raise UsageError(
                f'văn bản "{document}" không phải công văn/kế hoạch chỉ đạo nhân rộng mô hình',
                hint="chọn một công văn hoặc kế hoạch có danh sách mô hình (models)",
            )
        found = [doc] if doc.in_force_on(day) else []
    else:
        found = [
            doc
            for doc in repo.documents.values()
            if doc.type in DIRECTIVE_TYPES and doc.in_force_on(day) and doc.iter_model_entries()
        ]
    return sorted(found, key=lambda d: (d.start_date, d.id))


def _selectors(repo: Repository, doc: Document, entry: str | ModelEntry) -> list[Selector]:
    """The entry's implementers, else the model's, else the document's recipients."""
    if not isinstance(entry, str) and entry.implementers and entry.implementers.select:
        return list(entry.implementers.select)
    model = repo.models.get(entry_model_id(entry))
    if model is not None and model.implementers and model.implementers.select:
        return list(model.implementers.select)
    return [s for r in doc.recipients for s in r.select]


def _earlier(new: date | None, old: date | None) -> bool:
    """Whether deadline `new` replaces `old`: a date beats none, an earlier date a later one."""
    return new is not None and (old is None or new < old)


def directive_targets(
    repo: Repository, docs: Iterable[Document], day: date, scope: set[str] | None
) -> Targets:
    """The targets of `docs` on `day` (units valid that day, within `scope` if given); a
    pair directed several times keeps the earliest deadline, ties going to the first."""
    cache: dict[tuple[SelectorSpec, ...], list[str]] = {}
    pairs: dict[Pair, Target] = {}
    models: dict[str, None] = {}
    for doc in sorted(docs, key=lambda d: (d.start_date, d.id)):
        for _path, entry in doc.iter_model_entries():
            model_id = entry_model_id(entry)
            models[model_id] = None
            key = tuple(spec_of(s) for s in _selectors(repo, doc, entry))
            if key not in cache:  # sorted: a set's order changes with PYTHONHASHSEED
                cache[key] = sorted(repo.tree.select(key, day))
            for unit_id in cache[key]:
                if scope is not None and unit_id not in scope:
                    continue
                found = pairs.get((unit_id, model_id))
                if found is None or _earlier(doc.deadline, found.deadline):
                    pairs[unit_id, model_id] = Target(doc.deadline, doc.id)
    return Targets(pairs, tuple(models))


def directed_models(targets: Targets, *, scoped: bool) -> list[str]:
    """The models the report covers: every model listed, or within a scope only those with
    a target in it (in order of first mention either way)."""
    if not scoped:
        return list(targets.models)
    targeted = {model_id for _, model_id in targets.pairs}
    return [m for m in targets.models if m in targeted]


def adoption_index(repo: Repository) -> dict[Pair, Adoption]:
    """Every adoption record by (unit id, model id)."""
    return {(u.id, a.model): a for u in repo.units.values() for a in u.adoptions}


def target_statuses(
    pairs: Iterable[Pair], adoptions: Mapping[Pair, Adoption], day: date
) -> dict[Pair, StatusOn]:
    """The status of each target on `day` (same order); no record is "not-started"."""
    return {pair: status_on(adoptions.get(pair), day) for pair in pairs}


def _count(statuses: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] += 1
    return counts


def _adopted(counts: Mapping[str, int]) -> int:
    return sum(counts[status] for status in STATUSES if status in ADOPTED)


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
    """The progress report for `period`, as of its end; see the module docstring.

    Raises `NotFoundError` for an unknown `scope` unit or `document`, `UsageError` when
    `document` is not a directive."""
    day, previous = period.end, period.previous()
    units = scope_units(repo, scope)
    adoptions = adoption_index(repo)
    docs = directives(repo, day, document)
    targets = directive_targets(repo, docs, day, units)
    statuses = target_statuses(targets.pairs, adoptions, day)
    model_ids = directed_models(targets, scoped=units is not None)
    before = directive_targets(repo, directives(repo, previous.end, document), previous.end, units)
    return ProgressReport(
        period=period,
        as_of=day,
        scope=scope,
        scope_name=_name(repo.units.get(scope), scope) if scope else None,
        document=document,
        documents=document_infos(docs),
        summary=summary_section(
            len(model_ids),
            statuses,
            previous,
            target_statuses(before.pairs, adoptions, previous.end),
        ),
        models=model_rows(repo, model_ids, statuses, adoptions, day),
        groups=group_rows(repo, unit_rows(repo, statuses, units, day)),
        overdue=overdue_rows(repo, targets.pairs, statuses, day),
        results=result_rows(repo, period, units, set(model_ids) if document is not None else None),
        new_models=new_model_rows(repo, period, units),
    )


# -- the sections -------------------------------------------------------------------


def document_infos(docs: Iterable[Document]) -> tuple[DocumentInfo, ...]:
    """The directives the report counts, by date then id, with the models each lists."""
    return tuple(
        DocumentInfo(
            d.id,
            d.type,
            _document_number(d),
            d.start_date,
            d.deadline,
            tuple(dict.fromkeys(entry_model_id(e) for _, e in d.iter_model_entries())),
        )
        for d in sorted(docs, key=lambda d: (d.start_date, d.id))
    )


def _document_number(doc: Document) -> str | None:
    return None if doc.number is None else str(doc.number)


def summary_section(
    models: int,
    statuses: Mapping[Pair, StatusOn],
    previous: Period,
    previous_statuses: Mapping[Pair, StatusOn],
) -> Summary:
    """Counts and rates over the targets on the period's end and on the previous one's."""
    counts = _count(status for status, _ in statuses.values())
    adopted = _adopted(counts)
    rate = _rate(adopted, len(statuses))
    previous_adopted = sum(status in ADOPTED for status, _ in previous_statuses.values())
    previous_rate = _rate(previous_adopted, len(previous_statuses))
    return Summary(
        models=models,
        target_units=len({unit_id for unit_id, _ in statuses}),
        targets=len(statuses),
        counts=counts,
        adopted=adopted,
        rate=rate,
        previous_period=previous,
        previous_targets=len(previous_statuses),
        previous_adopted=previous_adopted,
        previous_rate=previous_rate,
        change=None if rate is None or previous_rate is None else rate - previous_rate,
    )


def model_rows(
    repo: Repository,
    model_ids: Iterable[str],
    statuses: Mapping[Pair, StatusOn],
    adoptions: Mapping[Pair, Adoption],
    day: date,
) -> tuple[ModelRow, ...]:
    """One row per model (those in `model_ids`, plus any other with a target), by title."""
    by_model: dict[str, list[Pair]] = {model_id: [] for model_id in model_ids}
    for pair in statuses:
        by_model.setdefault(pair[1], []).append(pair)
    rows = [
        _model_row(repo, model_id, pairs, statuses, adoptions, day)
        for model_id, pairs in by_model.items()
    ]
    return tuple(sorted(rows, key=lambda r: (sort_key(r.title), r.id)))


def _model_row(
    repo: Repository,
    model_id: str,
    pairs: list[Pair],
    statuses: Mapping[Pair, StatusOn],
    adoptions: Mapping[Pair, Adoption],
    day: date,
) -> ModelRow:
    model: Model | None = repo.models.get(model_id)
    counts = _count(statuses[p][0] for p in pairs)
    adopted = _adopted(counts)
    return ModelRow(
        model_id,
        model.title if model else model_id,
        model.kind if model else "model",
        len(pairs),
        counts,
        adopted,
        _rate(adopted, len(pairs)),
        best_results(repo, pairs, adoptions, day),
    )


def best_results(
    repo: Repository, pairs: Iterable[Pair], adoptions: Mapping[Pair, Adoption], day: date
) -> tuple[BestResult, ...]:
    """Per indicator, the best result of the targets by `day` (rate, else value; higher or
    lower as the indicator says; on a tie the unit with the smaller id, then the result
    listed first), best first, at most `BEST_RESULTS`."""
    best: dict[str, tuple[Result, str]] = {}
    for pair in sorted(pairs):
        adoption = adoptions.get(pair)
        for result in adoption.results if adoption is not None else ():
            current = best.get(result.indicator)
            if result.to <= day and (current is None or _better(repo, result, current[0])):
                best[result.indicator] = (result, pair[0])
    chosen = sorted(best.values(), key=lambda rv: (-(_score(rv[0]) or 0), rv[0].indicator))
    return tuple(_best_row(repo, result, unit_id) for result, unit_id in chosen[:BEST_RESULTS])


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
        unit_id,
        _name(repo.units.get(unit_id), unit_id),
        result.indicator,
        _indicator_name(repo, result.indicator),
        result.to,
        result.numerator,
        result.denominator,
        result.value,
        result.rate,
    )


def unit_rows(
    repo: Repository, statuses: Mapping[Pair, StatusOn], scope: set[str] | None, day: date
) -> list[UnitRow]:
    """A row for each unit with a target, and for each unit valid on `day` (within `scope`)
    with an adoption record that has a status by `day` (a model adopted on its own), by id."""
    by_unit: dict[str, list[Pair]] = {}
    for pair in statuses:
        by_unit.setdefault(pair[0], []).append(pair)
    unit_ids = sorted({*by_unit, *_recording_units(repo, scope, day)})
    rows = (_unit_row(repo, u, by_unit.get(u, []), statuses, day) for u in unit_ids)
    return [row for row in rows if row is not None]


def _recording_units(repo: Repository, scope: set[str] | None, day: date) -> Iterable[str]:
    """Units valid on `day` (within `scope`) with at least one adoption record."""
    for unit in repo.units.values():
        node = repo.tree.nodes.get(unit.id)
        in_scope = scope is None or unit.id in scope
        if unit.adoptions and in_scope and node is not None and node.valid_on(day):
            yield unit.id


def _unit_row(
    repo: Repository,
    unit_id: str,
    pairs: list[Pair],
    statuses: Mapping[Pair, StatusOn],
    day: date,
) -> UnitRow | None:
    unit = repo.units.get(unit_id)
    records = _unit_adoptions(repo, unit, {m for _, m in pairs}, day)
    if not pairs and not records:
        return None
    counts = _count(statuses[p][0] for p in pairs)
    adopted = _adopted(counts)
    other = sum(1 for a in records if not a.targeted and a.status in ADOPTED)
    return UnitRow(
        unit_id,
        _name(unit, unit_id),
        _group_of(repo, unit_id),
        len(pairs),
        counts,
        adopted,
        _rate(adopted, len(pairs)),
        _last_update(unit, day),
        other,
        records,
    )


def _unit_adoptions(
    repo: Repository, unit: Unit | None, targeted: set[str], day: date
) -> tuple[UnitAdoption, ...]:
    """The unit's adoption records with a status on `day`, by model title."""
    records = []
    for adoption in unit.adoptions if unit is not None else ():
        status, since = status_on(adoption, day)
        if since is None:
            continue
        model = repo.models.get(adoption.model)
        title = model.title if model else adoption.model
        records.append(
            UnitAdoption(adoption.model, title, status, since, adoption.model in targeted)
        )
    return tuple(sorted(records, key=lambda a: (sort_key(a.model_title), a.model)))


def _last_update(unit: Unit | None, day: date) -> date | None:
    last: date | None = None
    if unit is None:
        return None
    for adoption in unit.adoptions:
        _, when = status_on(adoption, day)
        if when is not None and (last is None or when > last):
            last = when
    return last


def group_rows(repo: Repository, rows: Iterable[UnitRow]) -> tuple[GroupRow, ...]:
    """The unit rows gathered by group (`UnitRow.group`) with their totals, groups and
    units by name then id."""
    by_group: dict[str, list[UnitRow]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    groups = []
    for group_id, members in by_group.items():
        members.sort(key=lambda r: (sort_key(r.name), r.id))
        targets = sum(r.models for r in members)
        adopted = sum(r.adopted for r in members)
        name = _name(repo.units.get(group_id), group_id)
        rate = _rate(adopted, targets)
        groups.append(GroupRow(group_id, name, tuple(members), targets, adopted, rate))
    return tuple(sorted(groups, key=lambda g: (sort_key(g.name), g.id)))


def overdue_rows(
    repo: Repository,
    targets: Mapping[Pair, Target],
    statuses: Mapping[Pair, StatusOn],
    day: date,
) -> tuple[OverdueRow, ...]:
    """Targets not started or ineffective whose deadline is before `day`, most overdue
    first, then by unit name, model title, unit id and model id."""
    rows = []
    for (unit_id, model_id), target in targets.items():
        status = statuses[unit_id, model_id][0]
        if status not in OVERDUE or target.deadline is None or target.deadline >= day:
            continue
        model = repo.models.get(model_id)
        rows.append(
            OverdueRow(
                unit_id,
                _name(repo.units.get(unit_id), unit_id),
                model_id,
                model.title if model else model_id,
                status,
                target.deadline,
                (day - target.deadline).days,
                target.document,
            )
        )
    return tuple(sorted(rows, key=_overdue_order))


def _overdue_order(row: OverdueRow) -> tuple[int, SortKey, SortKey, str, str]:
    return (
        -row.days_overdue,
        sort_key(row.unit_name),
        sort_key(row.model_title),
        row.unit,
        row.model,
    )


def result_rows(
    repo: Repository, period: Period, scope: set[str] | None, models: set[str] | None
) -> tuple[ResultRow, ...]:
    """Results whose covered span (`from`, or `to` alone, through `to`) overlaps the period.

    Units report figures "from 1/3 to 15/9" that straddle the 14th-of-the-month cut-off;
    such a result belongs to every period it covers part of, so the quarter it was
    reported for shows it (statuses, by contrast, are strictly as of the period's end).
    Only units within `scope` and models in `models`, when given.
    """
    rows: list[ResultRow] = []
    for unit in repo.units.values():
        if scope is not None and unit.id not in scope:
            continue
        for adoption in unit.adoptions:
            if models is None or adoption.model in models:
                rows.extend(_result_rows(repo, unit, adoption, period))
    rows.sort(key=lambda r: (sort_key(r.unit_name), sort_key(r.model_title), r.indicator, r.to))
    return tuple(rows)


def _result_rows(
    repo: Repository, unit: Unit, adoption: Adoption, period: Period
) -> Iterable[ResultRow]:
    model = repo.models.get(adoption.model)
    for result in adoption.results:
        if result.to < period.start or (result.from_ or result.to) > period.end:
            continue
        yield ResultRow(
            unit.id,
            unit.display_name,
            adoption.model,
            model.title if model else adoption.model,
            result.indicator,
            _indicator_name(repo, result.indicator),
            result.from_,
            result.to,
            result.numerator,
            result.denominator,
            result.value,
            result.rate,
        )


def new_model_rows(
    repo: Repository, period: Period, scope: set[str] | None
) -> tuple[NewModelRow, ...]:
    """Models with an event within the period setting proposed, piloting or recognized
    (the last such event), originating within `scope` when given; by date then title."""
    rows = []
    for model in repo.models.values():
        if scope is not None and model.origin not in scope:
            continue
        events = [
            e for e in model.history if period.contains(e.date) and e.status in NEW_MODEL_STATUSES
        ]
        if not events:
            continue
        last = events[-1]
        origin_name = _name(repo.units.get(model.origin), model.origin)
        rows.append(
            NewModelRow(
                model.id, model.title, model.kind, model.origin, origin_name, last.status, last.date
            )
        )
    rows.sort(key=lambda r: (r.date, sort_key(r.title)))
    return tuple(rows)
