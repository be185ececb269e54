"""The whole data repository as validated objects: what compute functions work on.

A plain container. Commands get one from `cchc.pipeline.load_repository`, which reads and
checks every file first, so a `Repository` never holds data that validation rejects.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from cchc.errors import NotFoundError
from cchc.schema.document import Document
from cchc.schema.indicator import Indicator
from cchc.schema.model import Model
from cchc.schema.selection import UnitNode, UnitTree
from cchc.schema.unit import Unit

T = TypeVar("T")


@dataclass
class Repository:
    root: Path
    units: dict[str, Unit]
    models: dict[str, Model]
    documents: dict[str, Document]
    indicators: dict[str, Indicator]
    #: warnings of the checks the data passed (cchc.check.findings.Finding)
    warnings: list[Any]

    @classmethod
    def from_objects(
        cls, root: Path, objects: Iterable[object], warnings: Iterable[Any] = ()
    ) -> Repository:
        """A repository of validated objects (units, models, documents, indicator lists)."""
        repo = cls(root, {}, {}, {}, {}, list(warnings))
        for obj in objects:
            if isinstance(obj, Unit):
                repo.units[obj.id] = obj
            elif isinstance(obj, Model):
                repo.models[obj.id] = obj
            elif isinstance(obj, Document):
                repo.documents[obj.id] = obj
            elif isinstance(obj, list):
                repo.indicators.update((i.id, i) for i in obj)
        return repo

    @cached_property
    def tree(self) -> UnitTree:
        return UnitTree(
            UnitNode(u.id, u.parent, u.level, u.kind, u.valid_from, u.valid_to, tuple(u.successors))
            for u in self.units.values()
        )

    @cached_property
    def unit_labels(self) -> Mapping[str, str]:
        """Every unit's name as screens and reports show it: its short name, or full name;
        when another unit has the same name, followed by its parent's name: "Sở Nội vụ
        (UBND tỉnh B)", "UBND xã Tân Hòa (UBND huyện Lai Vung)"."""
        by_name: dict[str, list[str]] = {}
        for unit in self.units.values():
            by_name.setdefault(unit.display_name, []).append(unit.id)
        labels: dict[str, str] = {}
        for name, ids in by_name.items():
            for unit_id in ids:
                parent = self.units.get(self.units[unit_id].parent or "")
                if len(ids) > 1 and parent is not None:
                    labels[unit_id] = f"{name} ({parent.display_name})"
                else:
                    labels[unit_id] = name
        return MappingProxyType(labels)

    def unit_label(self, unit_id: str) -> str:
        """The label of a unit (`unit_labels`); the id itself for an unknown id."""
        return self.unit_labels.get(unit_id, unit_id)

    def unit(self, unit_id: str) -> Unit:
        return _get(self.units, unit_id, "đơn vị", "data/units")

    def model(self, model_id: str) -> Model:
        return _get(self.models, model_id, "mô hình", "data/models")

    def document(self, document_id: str) -> Document:
        return _get(self.documents, document_id, "văn bản", "data/documents")


def _get(items: dict[str, T], item_id: str, what: str, folder: str) -> T:
    try:
        return items[item_id]
    except KeyError:
        close = difflib.get_close_matches(item_id, sorted(items), n=1, cutoff=0.6)
        hint = f'có phải ý bạn là "{close[0]}"?' if close else f"xem các mã trong {folder}/"
        raise NotFoundError(f'không có {what} "{item_id}"', hint=hint) from None
