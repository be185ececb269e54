"""Progress of the replication programme over one reporting period (`cchc report`).

Pure maths over a loaded `Repository`: no I/O, no formatting. Everything is computed *as
of the period's end* (day D) from the dated histories, so the same period gives the same
figures whatever was added to the data since.

The definitions are those of FORMAT.md 1.1, "Progress: what the numbers mean" (docs/report.md
states them for users, in Vietnamese); the code cites them as "FORMAT 1.1 item N":

1. *Directives*: documents of type ``cong-van`` or ``ke-hoach`` that list models and are in
   force on D, also when their issuer has ended (the report says so): `directives`.
2. *Targets*: the units a directive's selectors pick on D, plus the successors valid on D
   of the units picked on its first day that have since ended (followed through successive
   mergers); an ended unit without successors drops out (reported); the model's origin
   units and their successors are never its targets (shown apart). A (unit, model) pair
   directed several times counts once in the totals (earliest deadline) and once in each
   directive's section: `directive_targets`, `total_targets`.
3. *Status*: own last event on or before D, else the status inherited from the
   predecessors (most advanced on their last valid day), else not started: `StatusBook`.
4. *Rates*: (effective + implementing) / (targets − not-applicable); effective rate =
   effective / (targets − not-applicable); None ("–") when the denominator is 0.
5. *Units to follow up*: not started, planned, suspended or ineffective, always listed,
   with days late or days since the directive took effect: `follow_up_rows`.
6. *Results*: results whose ``to`` falls in the period; highlights: per indicator the best
   result of the targets with ``to`` ≤ D: `result_rows`, `best_results`.
7. *Previous period*: same figures as of the previous period's end, added/dropped targets
   and the like-for-like rate over the targets common to both: `summary_section`.
8. *Grouping*: under the district or the province-level body on D; from 2025-07-01 the
   province's sở, ban, ngành and its communes: `group_of`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from cchc.errors import UsageError
from cchc.periods import Period, format_date_vn
from cchc.schema import Document, Model, Unit
from cchc.schema.base import Selector
from cchc.schema.document import ModelEntry, entry_model_id
from cchc.schema.selection import SelectorSpec, spec_of
from cchc.schema.unit import Adoption, Result
from cchc.schema.vocabulary import (
    ADOPTED,
    DOCUMENT_SYMBOLS,
    DOCUMENT_TYPE,
    NOT_STARTED,
    STATUSES,
)
from cchc.text import SortKey
from cchc.text import sort_key as _sort_key

if TYPE_CHECKING:
    from cchc.schema.repository import Repository

__all__ = [
    "ADVANCEMENT",
    "FOLLOW_UP",
    "TWO_TIER_FROM",
    "BestResult",
    "DifficultyRow",
    "Directed",
    "DirectiveSection",
    "DroppedRow",
    "EndedRow",
    "FollowUpRow",
    "GroupRow",
    "InheritedRow",
    "ModelRow",
    "NewModelRow",
    "OriginRow",
    "Pair",
    "ProgressReport",
    "Reorganisation",
    "ResultRow",
    "Scope",
    "StatusBook",
    "Summary",
    "Target",
    "TargetStatus",
    "UnitAdoption",
    "UnitRow",
    "adoption_index",
    "best_results",
    "compute_report",
    "difficulty_rows",
    "directed_models",
    "directive_sections",
    "directive_targets",
    "directive_title",
    "directives",
    "follow_up_rows",
    "group_of",
    "group_rows",
    "model_origins",
    "model_rows",
    "new_model_rows",
    "origin_closure",
    "reorganisation",
    "resolve_scope",
    "result_rows",
    "status_on",
    "successors_on",
    "summary_section",
    "total_targets",
    "unit_rows",
]

#: FORMAT 1.1 item 5: statuses that put a target on the list of units to follow up.
FOLLOW_UP: Final = frozenset({NOT_STARTED, "planned", "suspended", "ineffective"})
#: FORMAT 1.1 item 3: the order in which an inherited status is chosen, most advanced first.
ADVANCEMENT: Final = (
    "effective",
    "implementing",
    "ineffective",
    "planned",
    "suspended",
    "not-applicable",
)
_RANK: Final = {status: i for i, status in enumerate(ADVANCEMENT)}
#: FORMAT 1.1 item 8: two-tier local government (no district level) from this day.
TWO_TIER_FROM: Final = date(2025, 7, 1)
#: Model statuses that make a model "new" when an event sets them within the period.
NEW_MODEL_STATUSES: Final = frozenset({"proposed", "piloting", "recognized"})
NOT_APPLICABLE: Final = "not-applicable"

#: A target: (unit id, model id).
Pair = tuple[str, str]


@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> SortKey:
    """`cchc.text.sort_key`, remembered: the same titles and names sort many times."""
    return _sort_key(text)


# -- result rows --------------------------------------------------------------------


@dataclass(frozen=True)
class TargetStatus:
    """A target's status on a day (FORMAT 1.1 item 3)."""

    status: str
    since: date | None  # date of the event that set it (None: not started)
    inherited_from: str | None = None  # the predecessor whose record gives it (kế thừa)
    note: str | None = None  # note of that event


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
class OriginRow:
    """A model's origin unit, shown apart from its targets (FORMAT 1.1 item 2)."""

    unit: str
    unit_name: str
    status: str
    since: date | None


@dataclass(frozen=True)
class ModelRow:
    id: str
    title: str
    kind: str
    targets: int
    counts: dict[str, int]
    adopted: int  # effective + implementing
    applicable: int  # targets − not-applicable
    rate: float | None
    effective_rate: float | None
    best_results: tuple[BestResult, ...]
    origins: tuple[OriginRow, ...]


@dataclass(frozen=True)
class Summary:
    models: int  # models directed for replication
    target_units: int  # distinct units with at least one target
    targets: int  # (unit, model) pairs, each once
    counts: dict[str, int]  # status -> number of targets, every status present
    adopted: int  # effective + implementing
    applicable: int  # targets − not-applicable
    rate: float | None
    effective_rate: float | None
    follow_up: int  # targets to follow up
    inherited: int  # targets whose status is inherited
    previous_period: Period
    previous_targets: int
    previous_adopted: int
    previous_applicable: int
    previous_rate: float | None
    previous_effective_rate: float | None
    change: float | None  # rate − previous_rate (a ratio difference)
    added: int  # targets now that were not targets at the previous end
    dropped: int  # targets then that are not targets now
    common: int  # targets in both
    common_rate: float | None  # rate over the common targets, now
    common_previous_rate: float | None  # ... and at the previous end
    common_change: float | None


@dataclass(frozen=True)
class DroppedRow:
    """A unit picked on a directive's first day that ended without successors."""

    unit: str
    unit_name: str
    valid_to: date | None
    model: str
    model_title: str
    document: str


@dataclass(frozen=True)
class DirectiveSection:
    """One directive: its line in the summary and its own section (FORMAT 1.1 items 1, 2)."""

    id: str
    type: str
    number: str | None
    issued: date  # first day in force
    subject: str
    issuer: str
    issuer_name: str
    issuer_ended: date | None  # the issuer's valid_to when it has ended by D
    deadline: date | None
    valid_to: date | None
    model_ids: tuple[str, ...]  # in the order the document lists them
    targets: int
    counts: dict[str, int]
    adopted: int
    applicable: int
    rate: float | None
    effective_rate: float | None
    follow_up: int
    models: tuple[ModelRow, ...]  # in the document's order
    dropped: tuple[DroppedRow, ...]


@dataclass(frozen=True)
class UnitAdoption:
    """One adoption record of a unit as of the period's end (targeted or adopted freely)."""

    model: str
    model_title: str
    status: str
    since: date | None  # date of the event that set the status
    targeted: bool  # whether a directive in force makes it a target
    inherited_from: str | None = None


@dataclass(frozen=True)
class UnitRow:
    id: str
    name: str  # told apart by the parent's name when another unit has the same name
    group: str  # the group's key (`GroupRow.key`)
    models: int  # targets of this unit
    counts: dict[str, int]
    adopted: int
    applicable: int
    rate: float | None
    last_update: date | None  # last own adoption event on or before the period's end
    other_adopted: int  # effective/implementing models that are not targets of this unit
    adoptions: tuple[UnitAdoption, ...]  # targets and own records with a status by D


@dataclass(frozen=True)
class GroupRow:
    """Units under one district, one province's province-level bodies, or (two-tier) one
    province's communes (FORMAT 1.1 item 8)."""

    id: str  # the district's or province's unit id
    kind: str  # district | province | communes | other
    name: str
    units: tuple[UnitRow, ...]
    targets: int
    adopted: int
    applicable: int
    rate: float | None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class FollowUpRow:
    """A target to follow up (FORMAT 1.1 item 5)."""

    unit: str
    unit_name: str
    model: str
    model_title: str
    status: str
    inherited_from: str | None
    inherited_from_name: str | None
    deadline: date | None
    days_late: int | None  # D − max(deadline, unit's valid_from), when positive
    days_since: int | None  # otherwise: D − max(directive's first day, unit's valid_from)
    document: str
    note: str | None  # note of the last event


@dataclass(frozen=True)
class EndedRow:
    unit: str
    unit_name: str
    valid_to: date
    successors: tuple[tuple[str, str], ...]  # (id, name) valid on D


@dataclass(frozen=True)
class InheritedRow:
    unit: str
    unit_name: str
    model: str
    model_title: str
    status: str
    predecessor: str
    predecessor_name: str


@dataclass(frozen=True)
class Reorganisation:
    ended: tuple[EndedRow, ...]
    dropped: tuple[DroppedRow, ...]
    inherited: tuple[InheritedRow, ...]

    def __bool__(self) -> bool:
        return bool(self.ended or self.dropped or self.inherited)


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
class DifficultyRow:
    unit: str
    unit_name: str
    model: str
    model_title: str
    status: str
    text: str


@dataclass(frozen=True)
class NewModelRow:
    id: str
    title: str
    kind: str
    origin: str  # the first origin unit
    origin_name: str  # every origin unit's name, "; "-separated
    status: str
    date: date


@dataclass(frozen=True)
class Scope:
    """The units a `--scope` covers on D; `notice` says when the scope unit has ended."""

    unit: str
    name: str
    units: frozenset[str]
    successors: tuple[str, ...]  # the scope unit's successors valid on D, when it has ended
    notice: str | None


@dataclass(frozen=True)
class ProgressReport:
    period: Period
    as_of: date
    scope: str | None
    scope_name: str | None
    scope_notice: str | None
    document: str | None
    directives: tuple[DirectiveSection, ...]
    summary: Summary
    models: tuple[ModelRow, ...]  # every directed model over the deduplicated targets
    groups: tuple[GroupRow, ...]
    follow_up: tuple[FollowUpRow, ...]
    reorganisation: Reorganisation
    results: tuple[ResultRow, ...]
    difficulties: tuple[DifficultyRow, ...]
    new_models: tuple[NewModelRow, ...]


# -- helpers ------------------------------------------------------------------------


def status_on(adoption: Adoption | None, day: date) -> tuple[str, date | None]:
    """(status, date of the event that set it) on `day`; ("not-started", None) before any."""
    return (NOT_STARTED, None) if adoption is None else adoption.status_on(day)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def model_origins(model: Model | None) -> tuple[str, ...]:
    """A model's origin unit ids (FORMAT 1.1: one id or a list), in the order given."""
    return () if model is None else tuple(model.origins)


def _model_title(repo: Repository, model_id: str) -> str:
    model = repo.models.get(model_id)
    return model.title if model else model_id


#: The name a report shows for a unit id: `Repository.unit_label` (labels built once per
#: repository); the section functions take it, or use the repository's, to name units.
Names = Callable[[str], str]


# -- succession ---------------------------------------------------------------------


def _ended_before(repo: Repository, unit_id: str, day: date) -> bool:
    node = repo.tree.nodes.get(unit_id)
    return node is not None and node.ended_before(day)


def successors_on(repo: Repository, unit_id: str, day: date) -> tuple[str, ...]:
    """The successors valid on `day` of a unit, followed through successive mergers
    (`UnitTree.successors_on`)."""
    return repo.tree.successors_on(unit_id, day)


def origin_closure(repo: Repository, model: Model | None) -> frozenset[str]:
    """The model's origin units and all their successors, on any day (FORMAT 1.1 item 2)."""
    found: set[str] = set()
    stack = list(model_origins(model))
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        unit = repo.units.get(current)
        stack.extend(unit.successors if unit is not None else ())
    return frozenset(found)


def _predecessors(repo: Repository) -> dict[str, tuple[str, ...]]:
    """Direct predecessors of each unit (the units listing it as a successor), by id."""
    found: dict[str, list[str]] = {}
    for unit in repo.units.values():
        for successor in unit.successors:
            found.setdefault(successor, []).append(unit.id)
    return {unit_id: tuple(sorted(ids)) for unit_id, ids in found.items()}


def adoption_index(repo: Repository) -> dict[Pair, Adoption]:
    """Every adoption record by (unit id, model id)."""
    return {(u.id, a.model): a for u in repo.units.values() for a in u.adoptions}


class StatusBook:
    """Statuses of (unit, model) pairs on days, own or inherited (FORMAT 1.1 item 3)."""

    def __init__(self, repo: Repository, adoptions: Mapping[Pair, Adoption] | None = None):
        self.repo = repo
        self.adoptions = adoption_index(repo) if adoptions is None else adoptions
        self.predecessors = _predecessors(repo)
        self._cache: dict[tuple[str, str, date], TargetStatus] = {}

    def own(self, unit_id: str, model_id: str, day: date) -> TargetStatus:
        """The last event of the unit's own record on or before `day`."""
        adoption = self.adoptions.get((unit_id, model_id))
        note: str | None = None
        status, since = NOT_STARTED, None
        for event in adoption.history if adoption is not None else ():
            if event.date > day:
                break
            status, since, note = event.status, event.date, event.note
        return TargetStatus(status, since, None, note)

    def status(self, unit_id: str, model_id: str, day: date) -> TargetStatus:
        """Own status on `day`, else inherited from the predecessors, else not started."""
        key = (unit_id, model_id, day)
        if key not in self._cache:
            self._cache[key] = self._status(unit_id, model_id, day, frozenset({unit_id}))
        return self._cache[key]

    def _status(self, unit_id: str, model_id: str, day: date, seen: frozenset[str]) -> TargetStatus:
        own = self.own(unit_id, model_id, day)
        if own.since is not None:
            return own
        best: TargetStatus | None = None
        for predecessor in self.predecessors.get(unit_id, ()):
            node = self.repo.tree.nodes.get(predecessor)
            if predecessor in seen or node is None or node.valid_to is None:
                continue
            last_day = min(node.valid_to, day)  # the predecessor's last valid day
            found = self._status(predecessor, model_id, last_day, seen | {predecessor})
            if found.status not in _RANK:
                continue
            if best is None or _RANK[found.status] < _RANK[best.status]:
                holder = found.inherited_from or predecessor
                best = TargetStatus(found.status, found.since, holder, found.note)
        return best if best is not None else own


# -- directives and targets ---------------------------------------------------------


def directives(repo: Repository, day: date, document: str | None) -> list[Document]:
    """FORMAT 1.1 item 1: the directives in force on `day` (by date, then id), whether or
    not their issuer still exists: every one, or only `document`.

    Raises `NotFoundError` for an unknown `document` and `UsageError` when it is not a
    directive (a công văn or kế hoạch listing models)."""
    if document is not None:
        doc = repo.document(document)
        if not doc.is_directive:
            raise UsageError(
                f'văn bản "{document}" không phải công văn/kế hoạch chỉ đạo nhân rộng mô hình',
                hint="chọn một công văn hoặc kế hoạch có danh sách mô hình (models)",
            )
        found = [doc] if doc.in_force_on(day) else []
    else:
        found = [
            doc for doc in repo.documents.values() if doc.is_directive and doc.in_force_on(day)
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


@dataclass(frozen=True)
class Directed:
    """The targets of one directive on a day (FORMAT 1.1 item 2)."""

    document: Document
    models: tuple[str, ...]  # in the order the document lists them
    pairs: dict[Pair, tuple[str, ...]]  # target -> the ended units it succeeds here
    dropped: tuple[tuple[str, str], ...]  # (unit, model): ended without successors


def directive_targets(
    repo: Repository, doc: Document, day: date, scope: frozenset[str] | None
) -> Directed:
    """The targets of `doc` on `day`: units picked on `day`, and the successors valid on
    `day` of units picked on the directive's first day that have ended since; never the
    model's origin units or their successors; only units within `scope` if given."""
    first = doc.start_date
    cache: dict[tuple[tuple[SelectorSpec, ...], date], set[str]] = {}

    def pick(key: tuple[SelectorSpec, ...], on: date) -> set[str]:
        if (key, on) not in cache:
            cache[key, on] = repo.tree.select(key, on)
        return cache[key, on]

    pairs: dict[Pair, tuple[str, ...]] = {}
    dropped: dict[Pair, None] = {}
    models: dict[str, None] = {}
    for _path, entry in doc.iter_model_entries():
        model_id = entry_model_id(entry)
        models[model_id] = None
        key = tuple(spec_of(s) for s in _selectors(repo, doc, entry))
        units: dict[str, set[str]] = {u: set() for u in pick(key, day)}
        gone = pick(key, first) - units.keys() if first <= day else set()
        for unit_id in sorted(gone):  # sorted: a set's order changes with PYTHONHASHSEED
            if not _ended_before(repo, unit_id, day):
                continue  # no longer selected (moved, changed kind): not followed
            successors = successors_on(repo, unit_id, day)
            if not successors and (scope is None or unit_id in scope):
                dropped[unit_id, model_id] = None
            for successor in successors:
                units.setdefault(successor, set()).add(unit_id)
        excluded = origin_closure(repo, repo.models.get(model_id))
        for unit_id in sorted(units):
            if unit_id in excluded or (scope is not None and unit_id not in scope):
                continue
            via = pairs.get((unit_id, model_id), ())
            pairs[unit_id, model_id] = tuple(sorted({*via, *units[unit_id]}))
    dropped_pairs = tuple(
        p for p in dropped if p[0] not in origin_closure(repo, repo.models.get(p[1]))
    )
    return Directed(doc, tuple(models), pairs, dropped_pairs)


@dataclass(frozen=True)
class Target:
    """A target in the totals: the earliest deadline among its directives."""

    deadline: date | None
    document: str  # the directive that set the deadline (the first one when none has one)
    start: date  # that directive's first day in force


def _earlier(new: date | None, old: date | None) -> bool:
    """Whether deadline `new` replaces `old`: a date beats none, an earlier date a later one."""
    return new is not None and (old is None or new < old)


def total_targets(directed: Iterable[Directed]) -> dict[Pair, Target]:
    """Each target once, with the earliest deadline (ties: the first directive by date and
    id), in the order of first mention."""
    pairs: dict[Pair, Target] = {}
    for d in sorted(directed, key=lambda d: (d.document.start_date, d.document.id)):
        for pair in d.pairs:
            found = pairs.get(pair)
            if found is None or _earlier(d.document.deadline, found.deadline):
                pairs[pair] = Target(d.document.deadline, d.document.id, d.document.start_date)
    return pairs


def directed_models(directed: Iterable[Directed], *, scoped: bool) -> list[str]:
    """The models the report covers: every model listed, or within a scope only those with
    a target in it (in order of first mention either way)."""
    models: dict[str, None] = {}
    targeted: set[str] = set()
    for d in directed:
        models.update(dict.fromkeys(d.models))
        targeted.update(m for _, m in d.pairs)
    return [m for m in models if not scoped or m in targeted]


# -- scope --------------------------------------------------------------------------


def resolve_scope(repo: Repository, scope: str | None, day: date) -> Scope | None:
    """The unit `scope`, every unit below it, and the successors valid on `day` of those
    that have ended; a scope unit that has ended is followed to its successors (and the
    units below them), with a notice. None when `scope` is None.

    Raises `NotFoundError` (with a suggestion) for an unknown unit."""
    if scope is None:
        return None
    unit = repo.unit(scope)
    names = repo.unit_label
    members = {scope, *repo.tree.descendants(scope)}
    for member in sorted(members):
        if _ended_before(repo, member, day):
            members.update(successors_on(repo, member, day))
    successors: tuple[str, ...] = ()
    notice: str | None = None
    if _ended_before(repo, scope, day):
        successors = successors_on(repo, scope, day)
        for successor in successors:
            members.update(repo.tree.descendants(successor))
        ended = format_date_vn(unit.valid_to) if unit.valid_to else ""
        if successors:
            names_text = ", ".join(names(s) for s in successors)
            notice = (
                f"{names(scope)} đã kết thúc hoạt động ngày {ended}; báo cáo tính cho đơn vị "
                f"kế thừa: {names_text}"
            )
        else:
            notice = (
                f"{names(scope)} đã kết thúc hoạt động ngày {ended} và không có đơn vị kế "
                "thừa; báo cáo chỉ tính các đơn vị kế thừa của các đơn vị trực thuộc"
            )
    return Scope(scope, names(scope), frozenset(members), successors, notice)


# -- grouping -----------------------------------------------------------------------


def _province_of(repo: Repository, unit_id: str, day: date) -> str | None:
    """The province-level people's committee a unit belongs to (itself or above), followed
    to its successor valid on `day` when it has ended; None when there is none."""
    for candidate in [unit_id, *repo.tree.ancestors(unit_id)]:
        node = repo.tree.nodes.get(candidate)
        if node is not None and node.level == "province" and node.kind == "people-committee":
            if _ended_before(repo, candidate, day):
                successors = successors_on(repo, candidate, day)
                return successors[0] if successors else candidate
            return candidate
    return None


def group_of(repo: Repository, unit_id: str, day: date) -> tuple[str, str]:
    """FORMAT 1.1 item 8: a unit's group on `day` as (kind, anchor id).

    Before 2025-07-01: ("district", its district's people's committee, itself included)
    else ("province", the province's people's committee) for the province-level bodies.
    From 2025-07-01: ("communes", province) for communes and the units below them,
    ("province", province) for the rest. Outside any province: ("other", the parent, or
    itself)."""
    chain = [unit_id, *repo.tree.ancestors(unit_id)]
    nodes = [repo.tree.nodes[c] for c in chain if c in repo.tree.nodes]
    if day < TWO_TIER_FROM:
        for node in nodes:
            if node.level == "district" and node.kind == "people-committee":
                return ("district", node.id)
    province = _province_of(repo, unit_id, day)
    if province is None:
        parent = nodes[0].parent if nodes else None
        return ("other", parent or unit_id)
    if day >= TWO_TIER_FROM and any(n.level == "commune" for n in nodes):
        return ("communes", province)
    return ("province", province)


_GROUP_ORDER: Final = {"province": 0, "district": 1, "communes": 2, "other": 3}


def _group_name(kind: str, anchor: str, names: Names, day: date) -> str:
    if kind == "province":
        what = "Cơ quan cấp tỉnh" if day < TWO_TIER_FROM else "Sở, ban, ngành"
        return f"{what} – {names(anchor)}"
    if kind == "communes":
        return f"Xã, phường, đặc khu – {names(anchor)}"
    return names(anchor)


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
    names = repo.unit_label
    resolved = resolve_scope(repo, scope, day)
    units = resolved.units if resolved else None
    book = StatusBook(repo)
    docs = directives(repo, day, document)
    directed = [directive_targets(repo, d, day, units) for d in docs]
    if units is not None:  # within a scope, only the directives that reach it
        directed = [d for d in directed if d.pairs or d.dropped]
    totals = total_targets(directed)
    statuses = {pair: book.status(*pair, day) for pair in totals}
    model_ids = directed_models(directed, scoped=units is not None)

    before_scope = resolve_scope(repo, scope, previous.end)
    before = total_targets(
        directive_targets(repo, d, previous.end, before_scope.units if before_scope else None)
        for d in directives(repo, previous.end, document)
    )
    before_statuses = {pair: book.status(*pair, previous.end) for pair in before}
    follow_up = follow_up_rows(repo, totals, statuses, day, names)
    return ProgressReport(
        period=period,
        as_of=day,
        scope=scope,
        scope_name=resolved.name if resolved else None,
        scope_notice=resolved.notice if resolved else None,
        document=document,
        directives=directive_sections(repo, directed, book, day, names),
        summary=summary_section(
            len(model_ids), statuses, previous, before_statuses, len(follow_up)
        ),
        models=model_rows(repo, model_ids, statuses, book, day, names),
        groups=group_rows(repo, unit_rows(repo, statuses, units, day, names), day, names),
        follow_up=follow_up,
        reorganisation=reorganisation(repo, directed, statuses, day, names),
        results=result_rows(repo, period, units, set(model_ids) if document else None, names),
        difficulties=difficulty_rows(
            repo, statuses, units, day, set(model_ids) if document else None, names
        ),
        new_models=new_model_rows(repo, period, units, names),
    )


# -- the sections -------------------------------------------------------------------


def _count(statuses: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] += 1
    return counts


def _adopted(counts: Mapping[str, int]) -> int:
    return sum(counts[status] for status in STATUSES if status in ADOPTED)


def _figures(counts: Mapping[str, int]) -> tuple[int, int, float | None, float | None]:
    """FORMAT 1.1 item 4: (adopted, applicable, rate, effective rate) of status counts."""
    adopted = _adopted(counts)
    applicable = sum(counts.values()) - counts[NOT_APPLICABLE]
    return adopted, applicable, _rate(adopted, applicable), _rate(counts["effective"], applicable)


def summary_section(
    models: int,
    statuses: Mapping[Pair, TargetStatus],
    previous: Period,
    previous_statuses: Mapping[Pair, TargetStatus],
    follow_up: int,
) -> Summary:
    """Counts and rates over the targets on the period's end and on the previous one's,
    with the targets added and dropped and the like-for-like rates (FORMAT 1.1 item 7)."""
    counts = _count(s.status for s in statuses.values())
    adopted, applicable, rate, effective_rate = _figures(counts)
    before = _count(s.status for s in previous_statuses.values())
    p_adopted, p_applicable, p_rate, p_effective = _figures(before)
    common = [pair for pair in statuses if pair in previous_statuses]
    _, _, common_rate, _ = _figures(_count(statuses[p].status for p in common))
    _, _, common_before, _ = _figures(_count(previous_statuses[p].status for p in common))
    return Summary(
        models=models,
        target_units=len({unit_id for unit_id, _ in statuses}),
        targets=len(statuses),
        counts=counts,
        adopted=adopted,
        applicable=applicable,
        rate=rate,
        effective_rate=effective_rate,
        follow_up=follow_up,
        inherited=sum(1 for s in statuses.values() if s.inherited_from is not None),
        previous_period=previous,
        previous_targets=len(previous_statuses),
        previous_adopted=p_adopted,
        previous_applicable=p_applicable,
        previous_rate=p_rate,
        previous_effective_rate=p_effective,
        change=_diff(rate, p_rate),
        added=len(statuses) - len(common),
        dropped=len(previous_statuses) - len(common),
        common=len(common),
        common_rate=common_rate,
        common_previous_rate=common_before,
        common_change=_diff(common_rate, common_before),
    )


def document_number(repo: Repository, doc: Document) -> str | None:
    """The "số, ký hiệu" of a signed document (865/UBND-KSTT, 12/KH-UBND), None while a
    draft; the same rule as the document layout's number line."""
    number = doc.number
    if number is None:
        return None
    if isinstance(number, str) and "/" in number:
        return number
    shown = f"{number:02d}" if isinstance(number, int) else number
    issuer = repo.units.get(doc.issuer)
    issuer_abbr = (issuer.abbreviation if issuer else None) or "UBND"
    if doc.type == "cong-van":
        drafter = repo.units.get(doc.drafter) if doc.drafter else None
        if drafter is not None and drafter.abbreviation and drafter.id != doc.issuer:
            return f"{shown}/{issuer_abbr}-{drafter.abbreviation}"
        return f"{shown}/{issuer_abbr}"
    return f"{shown}/{DOCUMENT_SYMBOLS[doc.type]}-{issuer_abbr}"


def directive_title(doc_type: str, number: str | None, issued: date) -> str:
    """How tables, forms and messages name a directive: "Công văn số 865/UBND-KSTT ngày
    01/03/2019"; a draft, without a number: "Kế hoạch ngày 01/09/2023"."""
    shown = f" số {number}" if number else ""
    return f"{DOCUMENT_TYPE.label(doc_type, 'heading')}{shown} ngày {format_date_vn(issued)}"


def directive_sections(
    repo: Repository,
    directed: Iterable[Directed],
    book: StatusBook,
    day: date,
    names: Names | None = None,
) -> tuple[DirectiveSection, ...]:
    """One section per directive, by date then id: its own targets (a pair directed by
    several directives counts in each), models in the document's order."""
    names = names or repo.unit_label
    sections = []
    for d in sorted(directed, key=lambda d: (d.document.start_date, d.document.id)):
        doc = d.document
        statuses = {pair: book.status(*pair, day) for pair in d.pairs}
        counts = _count(s.status for s in statuses.values())
        adopted, applicable, rate, effective_rate = _figures(counts)
        issuer = repo.units.get(doc.issuer)
        ended = issuer.valid_to if issuer and issuer.valid_to and issuer.valid_to < day else None
        sections.append(
            DirectiveSection(
                id=doc.id,
                type=doc.type,
                number=document_number(repo, doc),
                issued=doc.start_date,
                subject=doc.subject or doc.title or "",
                issuer=doc.issuer,
                issuer_name=names(doc.issuer),
                issuer_ended=ended,
                deadline=doc.deadline,
                valid_to=doc.valid_to,
                model_ids=d.models,
                targets=len(statuses),
                counts=counts,
                adopted=adopted,
                applicable=applicable,
                rate=rate,
                effective_rate=effective_rate,
                follow_up=sum(1 for s in statuses.values() if s.status in FOLLOW_UP),
                models=tuple(
                    _model_row(
                        repo, m, [p for p in statuses if p[1] == m], statuses, book, day, names
                    )
                    for m in d.models
                ),
                dropped=tuple(_dropped_row(repo, u, m, doc.id, names) for u, m in d.dropped),
            )
        )
    return tuple(sections)


def _dropped_row(
    repo: Repository, unit_id: str, model_id: str, document: str, names: Names
) -> DroppedRow:
    unit = repo.units.get(unit_id)
    return DroppedRow(
        unit_id,
        names(unit_id),
        unit.valid_to if unit else None,
        model_id,
        _model_title(repo, model_id),
        document,
    )


def model_rows(
    repo: Repository,
    model_ids: Iterable[str],
    statuses: Mapping[Pair, TargetStatus],
    book: StatusBook,
    day: date,
    names: Names | None = None,
) -> tuple[ModelRow, ...]:
    """One row per model (those in `model_ids`, plus any other with a target), by title."""
    names = names or repo.unit_label
    by_model: dict[str, list[Pair]] = {model_id: [] for model_id in model_ids}
    for pair in statuses:
        by_model.setdefault(pair[1], []).append(pair)
    rows = [
        _model_row(repo, model_id, pairs, statuses, book, day, names)
        for model_id, pairs in by_model.items()
    ]
    return tuple(sorted(rows, key=lambda r: (sort_key(r.title), r.id)))


def _model_row(
    repo: Repository,
    model_id: str,
    pairs: list[Pair],
    statuses: Mapping[Pair, TargetStatus],
    book: StatusBook,
    day: date,
    names: Names,
) -> ModelRow:
    model: Model | None = repo.models.get(model_id)
    counts = _count(statuses[p].status for p in pairs)
    adopted, applicable, rate, effective_rate = _figures(counts)
    return ModelRow(
        model_id,
        model.title if model else model_id,
        model.kind if model else "model",
        len(pairs),
        counts,
        adopted,
        applicable,
        rate,
        effective_rate,
        best_results(repo, pairs, book.adoptions, day, names),
        _origin_rows(repo, model, book, day, names),
    )


def _origin_rows(
    repo: Repository, model: Model | None, book: StatusBook, day: date, names: Names
) -> tuple[OriginRow, ...]:
    """The model's origin units (their successors valid on `day` when they have ended)
    with their own status, shown apart (FORMAT 1.1 item 2)."""
    if model is None:
        return ()
    units: dict[str, None] = {}
    for origin in model_origins(model):
        units[origin] = None
        if _ended_before(repo, origin, day):
            units.update(dict.fromkeys(successors_on(repo, origin, day)))
    rows = []
    for unit_id in units:
        node = repo.tree.nodes.get(unit_id)
        on = min(day, node.valid_to) if node is not None and node.valid_to else day
        status = book.status(unit_id, model.id, on)
        rows.append(OriginRow(unit_id, names(unit_id), status.status, status.since))
    return tuple(rows)


def best_results(
    repo: Repository,
    pairs: Iterable[Pair],
    adoptions: Mapping[Pair, Adoption],
    day: date,
    names: Names | None = None,
) -> tuple[BestResult, ...]:
    """FORMAT 1.1 item 6: per indicator, the best result of the targets with `to` ≤ `day`
    (rate, else value; higher or lower as the indicator says; on a tie the unit with the
    smaller id, then the result listed first), best first."""
    names = names or repo.unit_label
    best: dict[str, tuple[Result, str]] = {}
    for pair in sorted(pairs):
        adoption = adoptions.get(pair)
        for result in adoption.results if adoption is not None else ():
            current = best.get(result.indicator)
            if result.to <= day and (current is None or _better(repo, result, current[0])):
                best[result.indicator] = (result, pair[0])
    chosen = sorted(best.values(), key=lambda rv: (-(_score(rv[0]) or 0), rv[0].indicator))
    return tuple(_best_row(repo, result, unit_id, names) for result, unit_id in chosen)


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


def _best_row(repo: Repository, result: Result, unit_id: str, names: Names) -> BestResult:
    return BestResult(
        unit_id,
        names(unit_id),
        result.indicator,
        _indicator_name(repo, result.indicator),
        result.to,
        result.numerator,
        result.denominator,
        result.value,
        result.rate,
    )


def unit_rows(
    repo: Repository,
    statuses: Mapping[Pair, TargetStatus],
    scope: frozenset[str] | set[str] | None,
    day: date,
    names: Names | None = None,
) -> list[UnitRow]:
    """A row for each unit with a target, and for each unit valid on `day` (within `scope`)
    with an adoption record that has a status by `day` (a model adopted on its own), by id."""
    names = names or repo.unit_label
    by_unit: dict[str, list[Pair]] = {}
    for pair in statuses:
        by_unit.setdefault(pair[0], []).append(pair)
    unit_ids = sorted({*by_unit, *_recording_units(repo, scope, day)})
    rows = (_unit_row(repo, u, by_unit.get(u, []), statuses, day, names) for u in unit_ids)
    return [row for row in rows if row is not None]


def _recording_units(
    repo: Repository, scope: frozenset[str] | set[str] | None, day: date
) -> Iterable[str]:
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
    statuses: Mapping[Pair, TargetStatus],
    day: date,
    names: Names,
) -> UnitRow | None:
    unit = repo.units.get(unit_id)
    records = _unit_adoptions(repo, unit, {p[1]: statuses[p] for p in pairs}, day)
    if not pairs and not records:
        return None
    counts = _count(statuses[p].status for p in pairs)
    adopted, applicable, rate, _ = _figures(counts)
    other = sum(1 for a in records if not a.targeted and a.status in ADOPTED)
    kind, anchor = group_of(repo, unit_id, day)
    return UnitRow(
        unit_id,
        names(unit_id),
        f"{kind}:{anchor}",
        len(pairs),
        counts,
        adopted,
        applicable,
        rate,
        _last_update(unit, day),
        other,
        records,
    )


def _unit_adoptions(
    repo: Repository, unit: Unit | None, targeted: Mapping[str, TargetStatus], day: date
) -> tuple[UnitAdoption, ...]:
    """The unit's targets with a status (own or inherited) and its other records with a
    status on `day`, by model title."""
    records: dict[str, UnitAdoption] = {}
    for model_id, st in targeted.items():
        if st.since is not None:
            title = _model_title(repo, model_id)
            records[model_id] = UnitAdoption(
                model_id, title, st.status, st.since, True, st.inherited_from
            )
    for adoption in unit.adoptions if unit is not None else ():
        status, since = status_on(adoption, day)
        if since is None or adoption.model in targeted:
            continue
        title = _model_title(repo, adoption.model)
        records[adoption.model] = UnitAdoption(adoption.model, title, status, since, False)
    return tuple(sorted(records.values(), key=lambda a: (sort_key(a.model_title), a.model)))


def _last_update(unit: Unit | None, day: date) -> date | None:
    last: date | None = None
    if unit is None:
        return None
    for adoption in unit.adoptions:
        _, when = status_on(adoption, day)
        if when is not None and (last is None or when > last):
            last = when
    return last


def group_rows(
    repo: Repository, rows: Iterable[UnitRow], day: date, names: Names | None = None
) -> tuple[GroupRow, ...]:
    """The unit rows gathered by group (`UnitRow.group`) with their totals: province-level
    bodies first, then districts (or communes), each by name then id; units by name, id."""
    names = names or repo.unit_label
    by_group: dict[str, list[UnitRow]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    groups = []
    for key, members in by_group.items():
        kind, anchor = key.split(":", 1)
        members.sort(key=lambda r: (sort_key(r.name), r.id))
        targets = sum(r.models for r in members)
        adopted = sum(r.adopted for r in members)
        applicable = sum(r.applicable for r in members)
        groups.append(
            GroupRow(
                anchor,
                kind,
                _group_name(kind, anchor, names, day),
                tuple(members),
                targets,
                adopted,
                applicable,
                _rate(adopted, applicable),
            )
        )
    return tuple(sorted(groups, key=lambda g: (_GROUP_ORDER[g.kind], sort_key(g.name), g.id)))


def follow_up_rows(
    repo: Repository,
    targets: Mapping[Pair, Target],
    statuses: Mapping[Pair, TargetStatus],
    day: date,
    names: Names | None = None,
) -> tuple[FollowUpRow, ...]:
    """FORMAT 1.1 item 5: every target not started, planned, suspended or ineffective on
    `day`. Days late = `day` − max(deadline, the unit's valid_from) when positive;
    otherwise days since the directive took effect or the unit began, if later.
    Latest first (days late, then days since), then unit name, model title, ids."""
    names = names or repo.unit_label
    rows = []
    for (unit_id, model_id), target in targets.items():
        st = statuses[unit_id, model_id]
        if st.status not in FOLLOW_UP:
            continue
        node = repo.tree.nodes.get(unit_id)
        began = node.valid_from if node is not None else None
        late: int | None = None
        if target.deadline is not None:
            late = (day - max(target.deadline, began or target.deadline)).days
            late = late if late > 0 else None
        since = None if late is not None else (day - max(target.start, began or target.start)).days
        note = st.note
        if st.inherited_from is None and st.since is None:
            note = None
        rows.append(
            FollowUpRow(
                unit_id,
                names(unit_id),
                model_id,
                _model_title(repo, model_id),
                st.status,
                st.inherited_from,
                names(st.inherited_from) if st.inherited_from else None,
                target.deadline,
                late,
                since if since is None else max(since, 0),
                target.document,
                note,
            )
        )
    return tuple(sorted(rows, key=_follow_up_order))


def _follow_up_order(row: FollowUpRow) -> tuple[int, int, int, SortKey, SortKey, str, str]:
    return (
        0 if row.days_late is not None else 1,
        -(row.days_late or 0),
        -(row.days_since or 0),
        sort_key(row.unit_name),
        sort_key(row.model_title),
        row.unit,
        row.model,
    )


def reorganisation(
    repo: Repository,
    directed: Iterable[Directed],
    statuses: Mapping[Pair, TargetStatus],
    day: date,
    names: Names | None = None,
) -> Reorganisation:
    """What the reorganisation changed in the targets: the units that ended by `day` and
    were picked by a directive or passed a status on (with their successors valid on
    `day`), the targets dropped (ended without successors) and the inherited statuses."""
    names = names or repo.unit_label
    ended: set[str] = set()
    dropped: dict[tuple[str, str, str], DroppedRow] = {}
    for d in directed:
        for via in d.pairs.values():
            ended.update(via)
        for unit_id, model_id in d.dropped:
            ended.add(unit_id)
            row = _dropped_row(repo, unit_id, model_id, d.document.id, names)
            dropped[unit_id, model_id, d.document.id] = row
    inherited = []
    for (unit_id, model_id), st in statuses.items():
        if st.inherited_from is None:
            continue
        ended.add(st.inherited_from)
        inherited.append(
            InheritedRow(
                unit_id,
                names(unit_id),
                model_id,
                _model_title(repo, model_id),
                st.status,
                st.inherited_from,
                names(st.inherited_from),
            )
        )
    ended_rows = []
    for unit_id in ended:
        unit = repo.units.get(unit_id)
        if unit is None or unit.valid_to is None or unit.valid_to >= day:
            continue
        successors = tuple((s, names(s)) for s in successors_on(repo, unit_id, day))
        ended_rows.append(EndedRow(unit_id, names(unit_id), unit.valid_to, successors))
    ended_rows.sort(key=lambda r: (r.valid_to, sort_key(r.unit_name), r.unit))
    return Reorganisation(
        tuple(ended_rows),
        tuple(
            sorted(
                dropped.values(),
                key=lambda r: (sort_key(r.unit_name), sort_key(r.model_title), r.unit, r.model),
            )
        ),
        tuple(
            sorted(
                inherited,
                key=lambda r: (sort_key(r.unit_name), sort_key(r.model_title), r.unit, r.model),
            )
        ),
    )


def result_rows(
    repo: Repository,
    period: Period,
    scope: frozenset[str] | set[str] | None,
    models: set[str] | None,
    names: Names | None = None,
) -> tuple[ResultRow, ...]:
    """FORMAT 1.1 item 6: results whose `to` falls in the period (the figures known by its
    cut-off), of units within `scope` and models in `models`, when given; by unit name,
    model title, indicator, `to`."""
    names = names or repo.unit_label
    rows: list[ResultRow] = []
    for unit in repo.units.values():
        if scope is not None and unit.id not in scope:
            continue
        for adoption in unit.adoptions:
            if models is None or adoption.model in models:
                rows.extend(_result_rows(repo, unit, adoption, period, names))
    rows.sort(
        key=lambda r: (
            sort_key(r.unit_name),
            sort_key(r.model_title),
            r.indicator,
            r.to,
            r.unit,
            r.model,
        )
    )
    return tuple(rows)


def _result_rows(
    repo: Repository, unit: Unit, adoption: Adoption, period: Period, names: Names
) -> Iterable[ResultRow]:
    for result in adoption.results:
        if not period.contains(result.to):
            continue
        yield ResultRow(
            unit.id,
            names(unit.id),
            adoption.model,
            _model_title(repo, adoption.model),
            result.indicator,
            _indicator_name(repo, result.indicator),
            result.from_,
            result.to,
            result.numerator,
            result.denominator,
            result.value,
            result.rate,
        )


def difficulty_rows(
    repo: Repository,
    statuses: Mapping[Pair, TargetStatus],
    scope: frozenset[str] | set[str] | None,
    day: date,
    models: set[str] | None,
    names: Names | None = None,
) -> tuple[DifficultyRow, ...]:
    """The `difficulties` of the adoption records of targets and of units valid on `day`
    (within `scope`; of `models` when given) that have a status by `day`; by unit, model."""
    names = names or repo.unit_label
    rows = []
    for unit in repo.units.values():
        node = repo.tree.nodes.get(unit.id)
        valid = node is not None and node.valid_on(day)
        for adoption in unit.adoptions:
            pair = (unit.id, adoption.model)
            if not adoption.difficulties or not adoption.difficulties.strip():
                continue
            if pair not in statuses and not (valid and (scope is None or unit.id in scope)):
                continue
            if models is not None and adoption.model not in models:
                continue
            status, since = status_on(adoption, day)
            if since is None:
                continue
            rows.append(
                DifficultyRow(
                    unit.id,
                    names(unit.id),
                    adoption.model,
                    _model_title(repo, adoption.model),
                    status,
                    adoption.difficulties.strip(),
                )
            )
    rows.sort(key=lambda r: (sort_key(r.unit_name), sort_key(r.model_title), r.unit, r.model))
    return tuple(rows)


def new_model_rows(
    repo: Repository,
    period: Period,
    scope: frozenset[str] | set[str] | None,
    names: Names | None = None,
) -> tuple[NewModelRow, ...]:
    """Models with an event within the period setting proposed, piloting or recognized
    (the last such event), with an origin within `scope` when given; by date then title."""
    names = names or repo.unit_label
    rows = []
    for model in repo.models.values():
        origins = model_origins(model)
        if scope is not None and not any(o in scope for o in origins):
            continue
        events = [
            e for e in model.history if period.contains(e.date) and e.status in NEW_MODEL_STATUSES
        ]
        if not events:
            continue
        last = events[-1]
        rows.append(
            NewModelRow(
                model.id,
                model.title,
                model.kind,
                origins[0] if origins else "",
                "; ".join(names(o) for o in origins),
                last.status,
                last.date,
            )
        )
    rows.sort(key=lambda r: (r.date, sort_key(r.title), r.id))
    return tuple(rows)
