"""What changed between two versions of the data (`cchc diff`): pure comparison.

`diff_repositories(old, new)` compares two `Repository` objects and returns a `DataDiff`
whose `as_dict()` is the JSON of `cchc diff --format json` (keys in docs/workflow.md).
Nothing here reads files or runs git; `cchc.load.revisions` loads the two sides.

What counts as a change:

- models, units, documents, indicators: added / removed by id; changed = same id, some
  top-level field differs (fields listed by their YAML name). A unit's `adoptions` are not
  listed as a changed field: they are reported as adoption events and results.
- a model is *retired* when the new side's history has a `retired` event the old side
  did not have (it is also listed under changed, with field `history`).
- adoption events and results are compared whole, per (unit, model): an event or result of
  the new side that the old side does not have is *added*; one the old side had that the
  new side has not is *removed* (so correcting a figure shows as one removed, one added).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from cchc.schema import Adoption, AdoptionEvent, Model, Result, Unit
from cchc.schema.repository import Repository
from cchc.text import format_int, format_rate, sort_key

#: Unit fields not reported as "changed": their content is reported as events and results.
_UNIT_SKIP = frozenset({"adoptions"})


@dataclass
class DataDiff:
    """Every difference between two versions, each list sorted for stable output."""

    models_added: list[dict[str, Any]] = field(default_factory=list)
    models_changed: list[dict[str, Any]] = field(default_factory=list)
    models_retired: list[dict[str, Any]] = field(default_factory=list)
    models_removed: list[dict[str, Any]] = field(default_factory=list)
    units_added: list[dict[str, Any]] = field(default_factory=list)
    units_changed: list[dict[str, Any]] = field(default_factory=list)
    units_removed: list[dict[str, Any]] = field(default_factory=list)
    events_added: list[dict[str, Any]] = field(default_factory=list)
    events_removed: list[dict[str, Any]] = field(default_factory=list)
    results_added: list[dict[str, Any]] = field(default_factory=list)
    results_removed: list[dict[str, Any]] = field(default_factory=list)
    documents_added: list[dict[str, Any]] = field(default_factory=list)
    documents_changed: list[dict[str, Any]] = field(default_factory=list)
    documents_removed: list[dict[str, Any]] = field(default_factory=list)
    indicators_added: list[dict[str, Any]] = field(default_factory=list)
    indicators_changed: list[dict[str, Any]] = field(default_factory=list)
    indicators_removed: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Number of items of each list, keyed like the lists (`models_added`, ...)."""
        return {name: len(getattr(self, name)) for name in self.__dataclass_fields__}

    @property
    def empty(self) -> bool:
        return not any(self.counts().values())

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `cchc diff --format json` (without `base`/`head`/`skipped`)."""
        return {
            "empty": self.empty,
            "counts": self.counts(),
            "models": {
                "added": self.models_added,
                "changed": self.models_changed,
                "retired": self.models_retired,
                "removed": self.models_removed,
            },
            "units": {
                "added": self.units_added,
                "changed": self.units_changed,
                "removed": self.units_removed,
            },
            "adoption_events": {"added": self.events_added, "removed": self.events_removed},
            "results": {"added": self.results_added, "removed": self.results_removed},
            "documents": {
                "added": self.documents_added,
                "changed": self.documents_changed,
                "removed": self.documents_removed,
            },
            "indicators": {
                "added": self.indicators_added,
                "changed": self.indicators_changed,
                "removed": self.indicators_removed,
            },
        }


def changed_fields(old: BaseModel, new: BaseModel, skip: frozenset[str] = frozenset()) -> list[str]:
    """Top-level fields (YAML names, in schema order) whose values differ."""
    names: list[str] = []
    for name, info in type(old).model_fields.items():
        if name in skip:
            continue
        if getattr(old, name) != getattr(new, name):
            names.append(info.alias or name)
    return names


def _model_row(model: Model, repo: Repository) -> dict[str, Any]:
    return {
        "id": model.id,
        "title": model.title,
        "kind": model.kind,
        "origin": ", ".join(model.origins),
        "origin_names": ", ".join(repo.unit_label(u) for u in model.origins),
        "areas": list(model.areas),
        "status": model.history[-1].status if model.history else "proposed",
    }


def _unit_row(unit: Unit, repo: Repository) -> dict[str, Any]:
    return {
        "id": unit.id,
        "name": unit.name,
        "kind": unit.kind,
        "level": unit.level,
        "parent": unit.parent,
        "parent_name": repo.unit_label(unit.parent) if unit.parent else None,
    }


def _title_key(row: dict[str, Any], key: str) -> tuple[Any, ...]:
    return (sort_key(str(row.get(key) or "")), row["id"])


def _record_keys(unit: Unit, adoption: Adoption, repo: Repository) -> dict[str, Any]:
    """The keys every event and result row starts with: its unit and model."""
    model = repo.models.get(adoption.model)
    return {
        "unit": unit.id,
        "unit_name": unit.name,
        "unit_label": repo.unit_label(unit.id),
        "model": adoption.model,
        "model_title": model.title if model else None,
    }


def _event_row(
    unit: Unit, adoption: Adoption, event: AdoptionEvent, repo: Repository
) -> dict[str, Any]:
    return {
        **_record_keys(unit, adoption, repo),
        "date": event.date.isoformat(),
        "status": event.status,
        "ref": event.ref,
        "note": event.note,
    }


def result_display(result: Result) -> str:
    """A result's figure as printed: "744/747 (99,6%)", "2.454"."""
    if result.numerator is not None and result.denominator is not None:
        return (
            f"{format_int(result.numerator)}/{format_int(result.denominator)} "
            f"({format_rate(result.numerator, result.denominator)})"
        )
    if result.value is None:
        return "–"
    if isinstance(result.value, int) or float(result.value).is_integer():
        return format_int(int(result.value))
    return str(result.value).replace(".", ",")


def _result_row(unit: Unit, adoption: Adoption, result: Result, repo: Repository) -> dict[str, Any]:
    indicator = repo.indicators.get(result.indicator)
    rate = None
    if result.numerator is not None and result.denominator:
        rate = format_rate(result.numerator, result.denominator)
    return {
        **_record_keys(unit, adoption, repo),
        "indicator": result.indicator,
        "indicator_name": indicator.name if indicator else None,
        "from": result.from_.isoformat() if result.from_ else None,
        "to": result.to.isoformat(),
        "value": result.value,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "rate": rate,
        "display": result_display(result),
        "note": result.note,
    }


def _adoptions(unit: Unit | None) -> dict[str, Adoption]:
    return {a.model: a for a in unit.adoptions} if unit is not None else {}


def _compare_adoptions(
    old: Unit | None,
    new: Unit | None,
    out: DataDiff,
    old_repo: Repository,
    new_repo: Repository,
) -> None:
    before, after = _adoptions(old), _adoptions(new)
    for model_id in sorted(before.keys() | after.keys()):
        a, b = before.get(model_id), after.get(model_id)
        old_events = list(a.history) if a else []
        new_events = list(b.history) if b else []
        old_results = list(a.results) if a else []
        new_results = list(b.results) if b else []
        if b is not None and new is not None:
            out.events_added += [
                _event_row(new, b, e, new_repo) for e in new_events if e not in old_events
            ]
            out.results_added += [
                _result_row(new, b, r, new_repo) for r in new_results if r not in old_results
            ]
        if a is not None and old is not None:
            out.events_removed += [
                _event_row(old, a, e, old_repo) for e in old_events if e not in new_events
            ]
            out.results_removed += [
                _result_row(old, a, r, old_repo) for r in old_results if r not in new_results
            ]


def _simple(
    old: dict[str, Any],
    new: dict[str, Any],
    row: Any,
    added: list[dict[str, Any]],
    changed: list[dict[str, Any]],
    removed: list[dict[str, Any]],
    name_key: str,
) -> None:
    for item_id in sorted(new.keys() - old.keys()):
        added.append(row(new[item_id]))
    for item_id in sorted(old.keys() - new.keys()):
        removed.append(row(old[item_id]))
    for item_id in sorted(old.keys() & new.keys()):
        fields = changed_fields(old[item_id], new[item_id])
        if fields:
            changed.append({**row(new[item_id]), "fields": fields})
    for rows in (added, removed, changed):
        rows.sort(key=lambda r: _title_key(r, name_key))


def diff_repositories(old: Repository, new: Repository) -> DataDiff:
    """Everything that differs from `old` to `new`."""
    out = DataDiff()
    # Models.
    for model_id in sorted(new.models.keys() - old.models.keys()):
        out.models_added.append(_model_row(new.models[model_id], new))
    for model_id in sorted(old.models.keys() - new.models.keys()):
        out.models_removed.append(_model_row(old.models[model_id], old))
    for model_id in sorted(old.models.keys() & new.models.keys()):
        a, b = old.models[model_id], new.models[model_id]
        fields = changed_fields(a, b)
        if fields:
            out.models_changed.append({**_model_row(b, new), "fields": fields})
        for event in b.history:
            if event.status == "retired" and event not in a.history:
                out.models_retired.append(
                    {
                        "id": b.id,
                        "title": b.title,
                        "origin": ", ".join(b.origins),
                        "origin_names": ", ".join(new.unit_label(u) for u in b.origins),
                        "date": event.date.isoformat(),
                        "ref": event.ref,
                        "note": event.note,
                    }
                )
    for rows in (out.models_added, out.models_changed, out.models_retired, out.models_removed):
        rows.sort(key=lambda r: _title_key(r, "title"))
    # Units and their adoption records.
    for unit_id in sorted(new.units.keys() - old.units.keys()):
        out.units_added.append(_unit_row(new.units[unit_id], new))
    for unit_id in sorted(old.units.keys() - new.units.keys()):
        out.units_removed.append(_unit_row(old.units[unit_id], old))
    for unit_id in sorted(old.units.keys() & new.units.keys()):
        fields = changed_fields(old.units[unit_id], new.units[unit_id], _UNIT_SKIP)
        if fields:
            out.units_changed.append({**_unit_row(new.units[unit_id], new), "fields": fields})
    for rows in (out.units_added, out.units_changed, out.units_removed):
        rows.sort(key=lambda r: _title_key(r, "name"))
    for unit_id in sorted(old.units.keys() | new.units.keys()):
        _compare_adoptions(old.units.get(unit_id), new.units.get(unit_id), out, old, new)
    for rows in (out.events_added, out.events_removed):
        rows.sort(key=lambda r: (sort_key(r["unit_name"]), r["unit"], r["model"], r["date"]))
    for rows in (out.results_added, out.results_removed):
        rows.sort(
            key=lambda r: (
                sort_key(r["unit_name"]),
                r["unit"],
                r["model"],
                r["indicator"],
                r["to"],
                r["from"] or "",
            )
        )
    # Documents and indicators.
    _simple(
        old.documents,
        new.documents,
        lambda d: {
            "id": d.id,
            "type": d.type,
            "number": d.number,
            "date": d.date if isinstance(d.date, str) else d.date.isoformat(),
            "issuer": d.issuer,
            "issuer_name": new.unit_label(d.issuer)
            if d.issuer in new.units
            else old.unit_label(d.issuer),
            "title": d.title or d.subject,
        },
        out.documents_added,
        out.documents_changed,
        out.documents_removed,
        "date",
    )
    for rows in (out.documents_added, out.documents_changed, out.documents_removed):
        rows.sort(key=lambda r: (r["date"], r["id"]))
    _simple(
        old.indicators,
        new.indicators,
        lambda i: {"id": i.id, "name": i.name, "unit": i.unit},
        out.indicators_added,
        out.indicators_changed,
        out.indicators_removed,
        "name",
    )
    return out
