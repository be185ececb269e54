"""What an import changes (`cchc import`): the filled forms compared with the data now.

- An event or result the unit's file already holds is skipped: importing a form twice
  changes nothing the second time.
- Conflicts: when the unit's file changed since the form was made (its digest differs),
  a row is applied only if the model's state did not change meanwhile (the unit's own
  last event is still the one the form showed); otherwise the row is a problem and the
  workbook is refused, naming the change.
- Events follow the history in date order (one event a day), a result needs a record of
  the model (recorded, or created by the same import).

Pure: the files are changed by `cchc.edit.batch`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from cchc.compute.formread import FilledForm, NewEvent, NewResult, Problem
from cchc.compute.forms import ADOPTION_SHEET, RESULT_SHEET
from cchc.periods import format_date_vn
from cchc.schema.repository import Repository
from cchc.schema.unit import Result
from cchc.schema.vocabulary import NOT_STARTED, STATUS
from cchc.text import format_figure, format_int, sort_key


@dataclass
class UnitPlan:
    """The new events and results of one unit, in the order to append them."""

    unit_id: str
    events: list[NewEvent] = field(default_factory=list)
    results: list[NewResult] = field(default_factory=list)


@dataclass(frozen=True)
class ChangeRow:
    """A line of the summary table: names, never ids."""

    unit: str
    model: str
    before: str
    after: str


@dataclass
class ImportPlan:
    units: dict[str, UnitPlan] = field(default_factory=dict)
    rows: list[ChangeRow] = field(default_factory=list)
    skipped: int = 0  # rows already recorded

    @property
    def empty(self) -> bool:
        return not any(p.events or p.results for p in self.units.values())


def _state_text(status: str, since: date | None) -> str:
    text = STATUS.label(status, "heading")
    return f"{text} ({format_date_vn(since)})" if since else text


def _same_result(old: Result, new: NewResult) -> bool:
    return old.indicator == new.indicator and old.to == new.to and old.from_ == new.start


def _figures(result: NewResult | Result) -> tuple[float | None, int | None, int | None]:
    value = result.value
    return (None if value is None else float(value), result.numerator, result.denominator)


def _result_text(repo: Repository, result: NewResult) -> str:
    indicator = repo.indicators.get(result.indicator)
    name = indicator.name if indicator else result.indicator
    if result.value is not None:
        figure = format_figure(result.value)
        if indicator is not None and indicator.unit == "percent":
            figure += "%"
    else:
        parts = (result.numerator, result.denominator)
        figure = "/".join("–" if n is None else format_int(n) for n in parts)
    return f"Kết quả “{name}” đến {format_date_vn(result.to)}: {figure}"


def plan_import(
    repo: Repository, forms: Sequence[FilledForm], digests: Mapping[str, str]
) -> ImportPlan:
    """The changes `forms` make to the data of `repo`; problems are added to the forms
    (`digests`: each unit file's digest now, by unit id)."""
    plan = ImportPlan()
    #: (unit, model) -> the history as it will be: [(date, status)], recorded then planned
    histories: dict[tuple[str, str], list[tuple[date, str]]] = {}
    planned_results: dict[tuple[str, str], list[tuple[str, NewResult]]] = {}
    #: (unit, model, day) -> the file of an event planned by this run
    planned_from: dict[tuple[str, str, date], str] = {}
    for form in forms:
        if form.problems or not form.unit_id:
            continue
        unit = repo.units[form.unit_id]
        own = {a.model: a for a in unit.adoptions}
        changed = digests.get(form.unit_id) != form.digest
        unit_plan = plan.units.setdefault(form.unit_id, UnitPlan(form.unit_id))
        for event in sorted(form.events, key=lambda e: (e.day, e.row)):
            pair = (form.unit_id, event.model_id)
            record = own.get(event.model_id)
            history = histories.setdefault(
                pair, [(e.date, e.status) for e in record.history] if record else []
            )
            same_day = [s for d, s in history if d == event.day]
            if same_day and same_day[0] == event.status:
                plan.skipped += 1  # recorded already (a second import of the same form)
                continue
            if changed:
                now = (record.history[-1].status, record.history[-1].date) if record else None
                if now != form.shown.get(event.model_id):
                    shown = form.shown.get(event.model_id)
                    then = _state_text(*shown) if shown else STATUS.label(NOT_STARTED, "heading")
                    current = _state_text(*now) if now else STATUS.label(NOT_STARTED, "heading")
                    form.problems.append(
                        Problem(
                            f"xung đột: sau khi lập biểu mẫu, tình trạng của mô hình "
                            f"“{repo.models[event.model_id].title}” trong tệp của đơn vị đã "
                            f"đổi từ “{then}” "
                            f"thành “{current}”; không nhập biểu mẫu này — lập biểu mẫu mới "
                            "(`cchc form`) và điền lại dòng này",
                            ADOPTION_SHEET,
                            event.status_cell,
                        )
                    )
                    continue
            if same_day:
                other = planned_from.get((*pair, event.day))
                where = f"biểu mẫu {_name(other)} trong cùng lần nhập đã ghi" if other else "đã có"
                form.problems.append(
                    Problem(
                        f"{where} sự kiện “{STATUS.label(same_day[0], 'heading')}” ngày "
                        f"{format_date_vn(event.day)}; một ngày chỉ có một sự kiện",
                        ADOPTION_SHEET,
                        event.date_cell,
                    )
                )
                continue
            if history and event.day < history[-1][0]:
                last_day, last_status = history[-1]
                form.problems.append(
                    Problem(
                        f"ngày {format_date_vn(event.day)} trước sự kiện cuối đã ghi "
                        f"({format_date_vn(last_day)}: {STATUS.label(last_status, 'heading')}); "
                        "diễn biến phải theo thứ tự ngày",
                        ADOPTION_SHEET,
                        event.date_cell,
                    )
                )
                continue
            if history and history[-1][1] == event.status and not event.note:
                plan.skipped += 1  # the same status again: nothing to record
                continue
            before = (
                _state_text(history[-1][1], history[-1][0])
                if history
                else (STATUS.label(NOT_STARTED, "heading"))
            )
            history.append((event.day, event.status))
            planned_from[(*pair, event.day)] = form.file
            unit_plan.events.append(event)
            plan.rows.append(
                ChangeRow(
                    repo.unit_label(form.unit_id),
                    repo.models[event.model_id].title,
                    before,
                    _state_text(event.status, event.day),
                )
            )
        for result in form.results:
            pair = (form.unit_id, result.model_id)
            record = own.get(result.model_id)
            if record is None and not histories.get(pair):
                form.problems.append(
                    Problem(
                        "đơn vị chưa có hồ sơ áp dụng mô hình này: chọn tình trạng của mô hình "
                        f"“{repo.models[result.model_id].title}” ở trang {ADOPTION_SHEET} trước",
                        RESULT_SHEET,
                        result.cell,
                    )
                )
                continue
            old = [r for r in record.results if _same_result(r, result)] if record else []
            old_new = [(f, r) for f, r in planned_results.get(pair, []) if _same_new(r, result)]
            if old or old_new:
                figures = [_figures(r) for r in old] + [_figures(r) for _f, r in old_new]
                if all(f == _figures(result) for f in figures):
                    plan.skipped += 1
                    continue
                differs = [f for f, r in old_new if _figures(r) != _figures(result)]
                form.problems.append(
                    Problem(
                        f"biểu mẫu {_name(differs[0])} trong cùng lần nhập đã ghi số liệu khác "
                        "của chỉ tiêu này cho cùng kỳ; giữ một trong hai"
                        if differs
                        else "đã có số liệu khác của chỉ tiêu này cho cùng kỳ; sửa trực tiếp "
                        "trong tệp dữ liệu nếu cần thay",
                        RESULT_SHEET,
                        result.cell,
                    )
                )
                continue
            planned_results.setdefault(pair, []).append((form.file, result))
            unit_plan.results.append(result)
            plan.rows.append(
                ChangeRow(
                    repo.unit_label(form.unit_id),
                    repo.models[result.model_id].title,
                    "",
                    _result_text(repo, result),
                )
            )
    plan.units = {u: p for u, p in plan.units.items() if p.events or p.results}
    plan.rows.sort(key=lambda r: (sort_key(r.unit), sort_key(r.model)))
    return plan


def _name(file: str) -> str:
    """The name of a workbook as messages give it ("baocao-xa-an-ngai.xlsx")."""
    return file.replace("\\", "/").rsplit("/", 1)[-1]


def _same_new(old: NewResult, new: NewResult) -> bool:
    return old.indicator == new.indicator and old.to == new.to and old.start == new.start
