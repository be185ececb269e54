"""Queries over a loaded repository: lists with filters, one item in detail, search, matrix.

Pure functions: they take a `Repository` and return plain rows (dicts of JSON-ready
values); `cchc/commands/query.py` prints them as a table, JSON or CSV.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cchc.errors import NotFoundError, UsageError
from cchc.schema import Adoption, Document, Model, Unit
from cchc.schema.repository import Repository
from cchc.schema.vocabulary import ADOPTED, ITEM_KIND, NOT_STARTED, STARTED
from cchc.text import compare_key, fold, format_figure, format_percent, sort_key


def adoption_status(adoption: Adoption, day: date) -> str:
    """Status of an adoption record on `day`: its last event dated on or before it."""
    return adoption.status_on(day)[0]


def unit_adoption(unit: Unit, model_id: str) -> Adoption | None:
    for adoption in unit.adoptions:
        if adoption.model == model_id:
            return adoption
    return None


@dataclass(frozen=True)
class Names:
    """What a person reads in place of an id: units (`Repository.unit_labels`, told apart
    by their parent when two share a name), model titles, indicator names. The rows keep
    the ids (JSON, CSV); the table formats look the names up here."""

    units: Mapping[str, str]
    models: Mapping[str, str]
    indicators: Mapping[str, str]

    def unit(self, unit_id: str) -> str:
        return self.units.get(unit_id, unit_id)

    def model(self, model_id: str) -> str:
        return self.models.get(model_id, model_id)

    def indicator(self, indicator_id: str) -> str:
        return self.indicators.get(indicator_id, indicator_id)


def names(repo: Repository) -> Names:
    return Names(
        repo.unit_labels,
        {m.id: m.title for m in repo.models.values()},
        {i.id: i.name for i in repo.indicators.values()},
    )


@dataclass
class Filters:
    """Filters of `cchc list`. The command checks them (values in the vocabulary's tuples,
    only the filters a list takes): a list here applies what it is given."""

    area: str | None = None
    kind: str | None = None
    model_status: str | None = None
    origin: str | None = None
    level: str | None = None
    within: str | None = None
    adopted_by: str | None = None
    model: str | None = None
    status: str | None = None
    as_of: date = field(default_factory=date.today)


def _unit_ids_within(repo: Repository, unit_id: str) -> set[str]:
    repo.unit(unit_id)
    return set(repo.tree.descendants(unit_id))


# --- list -------------------------------------------------------------------------------


def list_models(repo: Repository, f: Filters) -> list[dict[str, Any]]:
    if f.origin is not None:
        repo.unit(f.origin)
    within = _unit_ids_within(repo, f.within) if f.within else None
    adopter = repo.unit(f.adopted_by) if f.adopted_by else None
    rows = []
    for model in repo.models.values():
        if f.area and f.area not in model.areas:
            continue
        if f.kind and model.kind != f.kind:
            continue
        status = model.status_on(f.as_of)
        if f.model_status and status != f.model_status:
            continue
        if f.origin and f.origin not in model.origins:
            continue
        if within is not None and within.isdisjoint(model.origins):
            continue
        statuses = _adopter_statuses(repo, model.id, f.as_of)
        if adopter is not None:
            record = unit_adoption(adopter, model.id)
            mine = adoption_status(record, f.as_of) if record else NOT_STARTED
            if record is None and f.status != NOT_STARTED:
                continue
            if f.status and mine != f.status:
                continue
        elif f.status and f.status != NOT_STARTED and f.status not in statuses.values():
            continue
        rows.append(
            {
                "id": model.id,
                "title": model.title,
                "kind": model.kind,
                "areas": list(model.areas),
                "origin": model.origin,
                "origin_name": repo.unit_label(model.origin),
                "status": status,
                "adopters": sum(1 for s in statuses.values() if s in ADOPTED),
            }
        )
    rows.sort(key=lambda r: sort_key(str(r["title"])))
    return rows


def _adopter_statuses(repo: Repository, model_id: str, day: date) -> dict[str, str]:
    found = {}
    for unit in repo.units.values():
        record = unit_adoption(unit, model_id)
        if record is not None:
            status = adoption_status(record, day)
            if status != NOT_STARTED:
                found[unit.id] = status
    return found


def list_units(repo: Repository, f: Filters, *, as_of_given: bool) -> list[dict[str, Any]]:
    if f.model is not None:
        repo.model(f.model)
    within = _unit_ids_within(repo, f.within) if f.within else None
    rows = []
    for unit in repo.units.values():
        if f.kind and unit.kind != f.kind:
            continue
        if f.level and unit.level != f.level:
            continue
        if within is not None and unit.id not in within:
            continue
        if as_of_given and not repo.tree.nodes[unit.id].valid_on(f.as_of):
            continue
        statuses = {a.model: adoption_status(a, f.as_of) for a in unit.adoptions}
        if f.model is not None:
            mine = statuses.get(f.model, NOT_STARTED)
            if f.status is None and mine == NOT_STARTED:
                continue
            if f.status and mine != f.status:
                continue
        elif f.status and f.status not in statuses.values():
            continue
        rows.append(
            {
                "id": unit.id,
                "name": unit.name,
                "short_name": unit.short_name,
                "kind": unit.kind,
                "level": unit.level,
                "parent": unit.parent,
                "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
                "adoptions": sum(1 for s in statuses.values() if s in ADOPTED),
            }
        )
    # In the order of the names a reader sees (the short name where there is one).
    rows.sort(key=lambda r: (sort_key(repo.unit_label(str(r["id"]))), sort_key(str(r["name"]))))
    return rows


def list_documents(repo: Repository, f: Filters, *, as_of_given: bool) -> list[dict[str, Any]]:
    if f.origin is not None:
        repo.unit(f.origin)
    if f.model is not None:
        repo.model(f.model)
    within = _unit_ids_within(repo, f.within) if f.within else None
    rows = []
    for doc in repo.documents.values():
        if f.kind and doc.type != f.kind:
            continue
        if f.origin and doc.issuer != f.origin:
            continue
        if within is not None and doc.issuer not in within:
            continue
        if as_of_given and not doc.in_force_on(f.as_of):
            continue
        models = _document_models(doc)
        if f.model and f.model not in models:
            continue
        rows.append(_document_row(repo, doc, models))
    rows.sort(key=lambda r: (r["date"], sort_key(r["id"])))
    return rows


def _document_models(doc: Document) -> list[str]:
    seen: list[str] = []
    for _loc, entry in doc.iter_model_entries():
        model_id = entry if isinstance(entry, str) else entry.model
        if model_id not in seen:
            seen.append(model_id)
    return seen


def _document_row(repo: Repository, doc: Document, models: list[str]) -> dict[str, Any]:
    return {
        "id": doc.id,
        "type": doc.type,
        "number": None if doc.number is None else str(doc.number),
        "date": doc.date.isoformat() if isinstance(doc.date, date) else doc.date,
        "issuer": doc.issuer,
        "issuer_name": repo.unit_label(doc.issuer),
        "subject": doc.title or doc.subject,
        "models": models,
    }


# --- show -------------------------------------------------------------------------------


def find_item(repo: Repository, item_id: str) -> tuple[str, Any]:
    """("unit"|"model"|"document", object) for `item_id`; accepts "model:ID" etc."""
    kinds: dict[str, Mapping[str, Any]] = {
        "unit": repo.units,
        "model": repo.models,
        "document": repo.documents,
    }
    if ":" in item_id:
        prefix, _, rest = item_id.partition(":")
        if prefix not in kinds:
            raise UsageError(
                f'tiền tố "{prefix}:" không hợp lệ', hint="dùng unit:, model: hoặc document:"
            )
        getter = {"unit": repo.unit, "model": repo.model, "document": repo.document}[prefix]
        return prefix, getter(rest)
    found = [(kind, items[item_id]) for kind, items in kinds.items() if item_id in items]
    if len(found) > 1:
        raise UsageError(
            f'mã "{item_id}" vừa là {" vừa là ".join(ITEM_KIND.label(k) for k, _ in found)}',
            hint=f"ghi rõ, ví dụ: cchc show {found[0][0]}:{item_id}",
        )
    if found:
        return found[0]
    import difflib

    labels = {
        **{m.id: f"{ITEM_KIND.label('model')} “{m.title}”" for m in repo.models.values()},
        **{
            d.id: f"{ITEM_KIND.label('document')} “{d.title or d.subject}”"
            for d in repo.documents.values()
        },
        **{u: f"{ITEM_KIND.label('unit')} {name}" for u, name in repo.unit_labels.items()},
    }
    close = difflib.get_close_matches(item_id, sorted(labels), n=3, cutoff=0.75)
    if close:
        hint = "có phải ý bạn là: " + "; ".join(f"{c} ({labels[c]})" for c in close) + "?"
    else:
        hint = 'tìm mã theo tên: cchc search "TÊN"'
    raise NotFoundError(f'không có đơn vị, mô hình hay văn bản nào mã "{item_id}"', hint=hint)


def _result_dict(result: Any) -> dict[str, Any]:
    rate = result.rate
    return {
        "indicator": result.indicator,
        "from": result.from_.isoformat() if result.from_ else None,
        "to": result.to.isoformat(),
        "value": result.value,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "rate": rate,
        "display": format_percent(rate)
        if rate is not None
        else (None if result.value is None else format_figure(result.value)),
    }


def _event_dict(event: Any) -> dict[str, Any]:
    return {
        "date": event.date.isoformat(),
        "status": event.status,
        "ref": event.ref,
        "note": event.note,
    }


def show_model(repo: Repository, model: Model, day: date) -> dict[str, Any]:
    origin = repo.units.get(model.origin)
    adopters = []
    for unit in repo.units.values():
        record = unit_adoption(unit, model.id)
        if record is None:
            continue
        latest: dict[str, dict[str, Any]] = {}
        for result in record.results:
            if result.to <= day:
                prev = latest.get(result.indicator)
                if prev is None or prev["to"] <= result.to.isoformat():
                    latest[result.indicator] = _result_dict(result)
        adopters.append(
            {
                "unit": unit.id,
                "name": repo.unit_label(unit.id),
                "ended": _ended(unit, day),
                "status": adoption_status(record, day),
                "since": next(
                    (e.date.isoformat() for e in reversed(record.history) if e.date <= day), None
                ),
                "results": [latest[k] for k in sorted(latest)],
            }
        )
    adopters.sort(key=lambda a: sort_key(str(a["name"])))
    return {
        "kind": "model",
        "id": model.id,
        "title": model.title,
        "model_kind": model.kind,
        "areas": list(model.areas),
        "origin": model.origin,
        "origin_name": origin.name if origin else model.origin,
        "status": model.status_on(day),
        "summary": model.summary,
        "history": [_event_dict(e) for e in model.history],
        "indicators": list(model.indicators),
        "tags": list(model.tags),
        "adopters": adopters,
    }


def show_unit(repo: Repository, unit: Unit, day: date) -> dict[str, Any]:
    def name(uid: str | None) -> str | None:
        return None if uid is None else repo.unit_label(uid)

    children = sorted(repo.tree.children.get(unit.id, ()), key=lambda u: sort_key(name(u) or u))
    adoptions = []
    for record in unit.adoptions:
        model = repo.models.get(record.model)
        adoptions.append(
            {
                "model": record.model,
                "title": model.title if model else record.model,
                "status": adoption_status(record, day),
                "history": [_event_dict(e) for e in record.history],
                "results": [_result_dict(r) for r in record.results],
                "difficulties": record.difficulties,
            }
        )
    adoptions.sort(key=lambda a: sort_key(str(a["title"])))
    return {
        "kind": "unit",
        "id": unit.id,
        "name": unit.name,
        "short_name": unit.short_name,
        "unit_kind": unit.kind,
        "level": unit.level,
        "parent": unit.parent,
        "ancestors": [{"id": a, "name": name(a)} for a in repo.tree.ancestors(unit.id)],
        "children": [{"id": c, "name": name(c)} for c in children],
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
        "successors": list(unit.successors),
        # Ended before `day`: the date it ended and the units standing for it on `day`.
        "ended": _ended(unit, day),
        "successors_on": [
            {"id": s, "name": name(s)}
            for s in sorted(
                repo.tree.successors_on(unit.id, day) if _ended(unit, day) else (),
                key=lambda s: sort_key(repo.unit_label(s)),
            )
        ],
        "begins": unit.valid_from.isoformat()
        if unit.valid_from is not None and day < unit.valid_from
        else None,
        "owners": list(unit.owners),
        "originated": sorted(
            (m.id for m in repo.models.values() if unit.id in m.origins),
            key=lambda m: sort_key(repo.models[m].title),
        ),
        "adoptions": adoptions,
    }


def _ended(unit: Unit, day: date) -> str | None:
    """The last day of a unit that ended before `day` (ISO), else None."""
    if unit.valid_to is not None and unit.valid_to < day:
        return unit.valid_to.isoformat()
    return None


def show_document(repo: Repository, doc: Document) -> dict[str, Any]:
    row = _document_row(repo, doc, _document_models(doc))
    row["kind"] = "document"
    row["document_type"] = row.pop("type")
    row["deadline"] = doc.deadline.isoformat() if doc.deadline else None
    row["valid_to"] = doc.valid_to.isoformat() if doc.valid_to else None
    row["recipients"] = [r.text for r in doc.recipients]
    return row


# --- search -----------------------------------------------------------------------------


@dataclass
class _Field:
    text: str
    weight: float


def _words(text: str) -> list[str]:
    return fold(text).split()


def search(repo: Repository, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Models and units matching any word of `query` (folded), best first."""
    terms = list(dict.fromkeys(_words(query)))
    if not terms:
        raise UsageError("chuỗi tìm kiếm rỗng", hint='ví dụ: cchc search "không gian"')
    phrase = " ".join(terms)
    exact = compare_key(query)
    hits: list[dict[str, Any]] = []
    items: Iterable[tuple[str, str, str, list[_Field]]] = [
        *(
            (
                "model",
                m.id,
                m.title,
                [
                    _Field(m.title, 3),
                    _Field(m.id.replace("-", " "), 2),
                    _Field(" ".join(m.tags), 2),
                    _Field(m.summary, 1),
                    _Field(m.purpose or "", 0.5),
                ],
            )
            for m in repo.models.values()
        ),
        *(
            (
                "unit",
                u.id,
                u.name,
                [
                    _Field(u.name, 3),
                    _Field(u.short_name or "", 3),
                    _Field(u.id.replace("-", " "), 2),
                    _Field(u.locality or "", 1),
                ],
            )
            for u in repo.units.values()
        ),
    ]
    for kind, item_id, title, fields in items:
        score = 0.0
        folded_fields = [(fold(f.text), f.weight) for f in fields]
        matched = 0
        for term in terms:
            best = 0.0
            for folded, weight in folded_fields:
                words = folded.split()
                if term in words:
                    best = max(best, weight)
                elif len(term) >= 3 and any(w.startswith(term) for w in words):
                    best = max(best, weight * 0.5)
            if best:
                matched += 1
                score += best
        if not matched:
            continue
        if matched == len(terms):
            score += 2
        if phrase in fold(title):
            score += 3
        if exact and exact in compare_key(title):
            score += 1  # written with the same diacritics
        hits.append({"kind": kind, "id": item_id, "title": title, "score": round(score, 2)})
    hits.sort(key=lambda h: (-h["score"], sort_key(h["title"])))
    return hits[:limit]


# --- matrix -----------------------------------------------------------------------------


def matrix(
    repo: Repository, *, within: str | None, models: Sequence[str], day: date
) -> dict[str, Any]:
    """Units × models grid of adoption statuses on `day`, with row and column totals."""
    for model_id in models:
        repo.model(model_id)
    model_ids = list(dict.fromkeys(models)) or sorted(
        repo.models, key=lambda m: sort_key(repo.models[m].title)
    )
    if within is not None:
        repo.unit(within)
        unit_ids = [u for u in repo.tree.descendants(within)]
    else:
        unit_ids = list(repo.units)
    # Units that did not exist on `day` (ended: dissolved or merged; or not begun yet) are
    # left out of the grid and listed in "hidden", with the reason.
    hidden = [
        {
            "id": u,
            "name": repo.unit_label(u),
            "reason": "ended" if repo.tree.nodes[u].ended_before(day) else "not-begun",
            "valid_from": _iso(repo.units[u].valid_from),
            "valid_to": _iso(repo.units[u].valid_to),
            "successors": list(repo.tree.successors_on(u, day)),
        }
        for u in unit_ids
        if not repo.tree.nodes[u].valid_on(day)
    ]
    hidden.sort(key=lambda h: sort_key(str(h["name"])))
    unit_ids = [u for u in unit_ids if repo.tree.nodes[u].valid_on(day)]
    unit_ids.sort(key=lambda u: sort_key(repo.unit_label(u)))
    rows: list[dict[str, Any]] = []
    column_totals = dict.fromkeys(model_ids, 0)
    for uid in unit_ids:
        unit = repo.units[uid]
        cells = {}
        for model_id in model_ids:
            record = unit_adoption(unit, model_id)
            status = adoption_status(record, day) if record else NOT_STARTED
            cells[model_id] = status
            if status in STARTED:
                column_totals[model_id] += 1
        rows.append(
            {
                "id": uid,
                "name": repo.unit_label(uid),
                "cells": cells,
                "total": sum(1 for s in cells.values() if s in STARTED),
            }
        )
    if not models:
        # By default only the models some unit of the grid has a record for on `day`: a
        # grid of every model in the registry would be mostly empty columns.
        used = [m for m in model_ids if any(r["cells"][m] != NOT_STARTED for r in rows)]
        if used:
            model_ids = used
            for row in rows:
                row["cells"] = {m: row["cells"][m] for m in model_ids}
            column_totals = {m: column_totals[m] for m in model_ids}
    return {
        "as_of": day.isoformat(),
        "models": [{"id": m, "title": repo.models[m].title} for m in model_ids],
        "units": rows,
        "totals": column_totals,
        "total": sum(column_totals.values()),
        "hidden": hidden,
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
