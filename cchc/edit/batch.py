"""Many edits to many unit files, all or nothing (`cchc import`, docs/forms.md).

`plan_forms` is the whole import short of writing: it reads every workbook
(`cchc.load.workbook`), checks its cells (`cchc.compute.formread`), plans the changes
(`cchc.compute.formplan`) and prepares each unit file's new text; the command prints the
outcome and, unless it is a dry run, calls `write_all`.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cchc.compute.formplan import ImportPlan, UnitPlan, plan_import
from cchc.compute.formread import FilledForm, Problem, read_form
from cchc.compute.forms import ADOPTION_SHEET, META_SHEET, RESULT_SHEET, digest_of
from cchc.edit.records import append_event, append_result, unit_file
from cchc.edit.yamledit import check_new_text, load_document, write_data_file
from cchc.errors import CchcError, DataError
from cchc.load.files import DataFile, ReadError, read_bytes
from cchc.load.workbook import read_book
from cchc.schema.repository import Repository


@dataclass(frozen=True)
class PreparedFile:
    file: DataFile
    raw: bytes  # the bytes read
    text: str  # the new text


def unit_digest(root: Path, unit_id: str) -> str:
    """The digest of a unit file's bytes as a form records it (`cchc.compute.forms.digest_of`)."""
    try:
        return digest_of(read_bytes(root, unit_file(unit_id).rel))
    except ReadError as error:
        raise DataError(error.message, hint=error.hint) from None


@dataclass(frozen=True)
class ImportRun:
    """What importing filled forms would do, nothing written yet: every form with its
    problems and notices, the plan (`cchc.compute.formplan`) and the new file texts."""

    forms: list[FilledForm]
    plan: ImportPlan
    prepared: list[PreparedFile]

    @property
    def problems(self) -> list[str]:
        """Every problem, "FILE, trang X, ô E7: ..." (any: nothing may be written)."""
        return [p.text(f.file) for f in self.forms for p in f.problems]

    @property
    def notices(self) -> list[str]:
        return [n.text(f.file) for f in self.forms for n in f.notices]

    @property
    def periods(self) -> list[str]:
        return sorted({f.period.code for f in self.forms if f.period is not None})


def plan_forms(
    root: Path,
    repo: Repository,
    files: Sequence[Path],
    today: date,
    *,
    key: bytes | None,
    accept_unsigned: bool = False,
) -> ImportRun:
    """Read and check every workbook, plan the changes against `repo`, and prepare the new
    text of every unit file touched (each checked as `cchc validate` would). `key` checks
    the forms' signatures (None: this machine has made no form); `accept_unsigned` lets a
    form without a matching signature through with a notice instead of a problem."""
    forms: list[FilledForm] = []
    for path in files:
        try:
            book = read_book(path, (ADOPTION_SHEET, RESULT_SHEET, META_SHEET))
        except DataError as error:
            form = FilledForm(str(path))
            form.problems.append(Problem(error.message.removeprefix(f'tệp "{path}" ')))
            forms.append(form)
            continue
        forms.append(read_form(book, repo, today, key=key, accept_unsigned=accept_unsigned))
    digests = {
        f.unit_id: unit_digest(root, f.unit_id) for f in forms if f.unit_id and not f.problems
    }
    plan = plan_import(repo, forms, digests)
    prepared: list[PreparedFile] = []
    if not any(f.problems for f in forms):
        for unit_plan in plan.units.values():
            try:
                prepared.append(prepare(root, unit_plan))
            except CchcError as error:
                owner = next(f for f in forms if f.unit_id == unit_plan.unit_id)
                owner.problems.append(Problem(error.message))
    return ImportRun(forms, plan, prepared)


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
