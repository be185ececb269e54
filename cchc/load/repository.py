"""The whole data repository as validated objects, for commands that compute from it.

`load_repository` runs the same checks as `cchc validate` (without the cache, since it
needs the objects) and refuses data with errors: reports and documents are never computed
from data that validation rejects.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from cchc.check.crosscheck import cross_check
from cchc.check.findings import Finding, Severity
from cchc.check.runner import check_files, locate_findings
from cchc.compute.selection import UnitNode, UnitTree
from cchc.errors import DataError, NotFoundError
from cchc.load.files import list_files
from cchc.schema import Document, Indicator, Model, Unit

T = TypeVar("T")


@dataclass
class Repository:
    root: Path
    units: dict[str, Unit]
    models: dict[str, Model]
    documents: dict[str, Document]
    indicators: dict[str, Indicator]
    warnings: list[Finding]

    @classmethod
    def from_objects(
        cls, root: Path, objects: Iterable[object], warnings: Iterable[Finding] = ()
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
            UnitNode(u.id, u.parent, u.level, u.kind, u.valid_from, u.valid_to)
            for u in self.units.values()
        )

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


def load_repository(root: Path, *, today: date | None = None) -> Repository:
    """Load and check every file under `root`; DataError if any error-level finding."""
    files, _stray = list_files(root)
    results = check_files(root, files)
    findings = [f for r in results.values() for f in r.findings]
    findings += cross_check({rel: r.facts for rel, r in results.items()}, today or date.today())
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if errors:
        locate_findings(root, errors)
        errors.sort(key=lambda f: f.sort_key)
        shown = "\n".join(f"  {f.path}:{f.line}:{f.col}: {f.code} {f.message}" for f in errors[:10])
        more = f"\n  … và {len(errors) - 10} lỗi khác" if len(errors) > 10 else ""
        raise DataError(
            f"dữ liệu có {len(errors)} lỗi, chưa thể tính toán:\n{shown}{more}",
            hint="chạy `cchc validate` để xem chi tiết và sửa",
        )
    return Repository.from_objects(
        root,
        (result.obj for result in results.values()),
        [f for f in findings if f.severity != Severity.ERROR],
    )
