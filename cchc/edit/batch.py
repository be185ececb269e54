"""Many edits to many unit files, all or nothing (`cchc import`, docs/forms.md).

`prepare` appends the planned events and results to each unit file in memory through the
same round-trip engine as `cchc adopt` / `cchc result` (comments, key order and untouched
lines kept byte for byte) and checks every new text with the checks of `cchc validate`
(`check_new_text`): a file that would get an error stops everything before anything is
written. `write_all` then replaces the files atomically, each only if it is still the one
read; should a write fail half-way, the files already replaced get their old bytes back.
The caller holds the edit lock (`cchc.atomic.edit_lock`) from reading to writing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cchc.compute.formplan import UnitPlan
from cchc.edit.records import append_event, append_result
from cchc.edit.yamledit import check_new_text, load_document, write_data_file
from cchc.errors import CchcError
from cchc.load.files import DataFile


@dataclass(frozen=True)
class PreparedFile:
    file: DataFile
    raw: bytes  # the bytes read
    text: str  # the new text


def unit_file(unit_id: str) -> DataFile:
    return DataFile(f"data/units/{unit_id}.yaml", "unit")


def prepare(root: Path, plan: UnitPlan) -> PreparedFile:
    """The new text of the unit file of `plan`, checked; DataError when it would be
    invalid (nothing written)."""
    file = unit_file(plan.unit_id)
    doc = load_document(root / file.rel)
    for event in plan.events:
        append_event(doc, event.model_id, status=event.status, day=event.day, note=event.note)
    for result in plan.results:
        append_result(
            doc,
            result.model_id,
            indicator=result.indicator,
            to=result.to,
            start=result.start,
            value=result.value,
            numerator=result.numerator,
            denominator=result.denominator,
            note=result.note,
        )
    text = doc.render()
    check_new_text(root, file, text, old_text=doc.text)
    return PreparedFile(file, doc.raw, text)


def write_all(root: Path, prepared: Iterable[PreparedFile]) -> None:
    """Write every prepared file; on a failure, put back the ones written and re-raise."""
    done: list[PreparedFile] = []
    try:
        for item in prepared:
            write_data_file(root, item.file, item.text, expected=item.raw)
            done.append(item)
    except CchcError:
        for item in reversed(done):
            with contextlib.suppress(CchcError):
                write_data_file(root, item.file, item.raw.decode("utf-8"))
        raise
