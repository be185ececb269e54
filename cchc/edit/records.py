"""`cchc adopt` and `cchc result` as functions: add an event or a result to a unit file.

Every check that validation would make is done first, on the loaded repository, so a
refused edit never touches a file; the new text is then checked again as a whole file
before it is renamed into place (`cchc.edit.yamledit.write_checked`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cchc.check.crosscheck import unknown_indicator
from cchc.check.rules import BY_CODE
from cchc.check.settings import load_settings
from cchc.compute.query import unit_adoption
from cchc.edit.yamledit import YamlDocument, load_document, write_checked
from cchc.errors import CchcError, DataError, UsageError
from cchc.load.files import DataFile
from cchc.periods import format_date_vn
from cchc.schema.base import number_problem
from cchc.schema.repository import Repository
from cchc.schema.vocabulary import MODEL_KIND, STATUS
from cchc.text import format_figure, format_int, format_percent


@dataclass
class EditOutcome:
    path: str  # repository-relative
    created_record: bool
    message: str


def unit_file(unit_id: str) -> DataFile:
    """The data file of a unit (FORMAT: data/units/<id>.yaml), which every edit rewrites."""
    return DataFile(f"data/units/{unit_id}.yaml", "unit")


_INTEGER_RE = re.compile(r"[+-]?[0-9]+")
_DECIMAL_RE = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def parse_number(text: str, option: str, *, integer: bool = False) -> int | float:
    """A number typed on the command line (`cchc result --value/--numerator/--denominator`):
    decimal digits with an optional point and exponent, finite and within the limit that
    `cchc validate` applies to files (S025). UsageError for anything else ("nan", "inf",
    "1e400", "1e16", "99,5")."""
    value = text.strip()
    if _INTEGER_RE.fullmatch(value):
        # more digits than any accepted number: refuse before int() (slow, even refused)
        number: int | float = int(value) if len(value) <= 40 else float("inf")
    elif integer:
        raise UsageError(f'{option} "{text}" phải là số nguyên', hint="ví dụ 744")
    elif _DECIMAL_RE.fullmatch(value):
        number = float(value)
    else:
        hint = "viết phần thập phân sau dấu chấm, ví dụ 99.5" if "," in value else "ví dụ 2454"
        raise UsageError(f'{option} "{text}" không phải là số', hint=hint)
    problem = number_problem(number)
    if problem is not None:
        raise UsageError(f'{option} "{text}" {problem}', hint="kiểm tra lại số liệu")
    return number


def _mapping(value: Any, path: Path, what: str) -> CommentedMap:
    if not isinstance(value, CommentedMap):
        raise DataError(
            f"{what} không phải một khối trường, không sửa được tự động", hint=str(path)
        )
    return value


def _new_map(items: dict[str, Any], *, flow: bool) -> CommentedMap:
    mapping = CommentedMap()
    for key, value in items.items():
        if value is not None:
            mapping[key] = value
    if flow:
        mapping.fa.set_flow_style()
    return mapping


def _block_seq(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq


def _find_record(adoptions: Any, model_id: str) -> CommentedMap | None:
    for item in adoptions or ():
        if isinstance(item, CommentedMap) and item.get("model") == model_id:
            return item
    return None


def _ensure_block_list(parent: CommentedMap, key: str) -> CommentedSeq:
    """parent[key] as a block list (creating it, or turning an empty `[]` into block style)."""
    value = parent.get(key)
    if value is None or (isinstance(value, list) and not value):
        seq = _block_seq([])
        parent[key] = seq
        return seq
    if not isinstance(value, CommentedSeq):
        raise DataError(f'trường "{key}" không phải danh sách')
    return value


def _flow_like(seq: CommentedSeq) -> bool:
    """Whether the existing items of `seq` are written as flow mappings ({date: ..})."""
    return bool(seq) and isinstance(seq[-1], CommentedMap) and seq[-1].fa.flow_style()


def add_event(
    repo: Repository,
    unit_id: str,
    model_id: str,
    *,
    status: str,
    day: date,
    note: str | None = None,
    ref: str | None = None,
) -> EditOutcome:
    unit = repo.unit(unit_id)
    model = repo.model(model_id)
    if status == "not-applicable" and not (note and note.strip()):
        raise UsageError(
            "tình trạng not-applicable (không phù hợp điều kiện thực tế) cần ghi lý do",
            hint='thêm --note "lý do ..."',
        )
    record = unit_adoption(unit, model_id)
    if record is not None:
        last = record.history[-1]
        if day < last.date:
            raise UsageError(
                f"ngày {format_date_vn(day)} trước sự kiện cuối của {repo.unit_label(unit_id)} "
                f"với «{model.title}» ({format_date_vn(last.date)}: {STATUS.label(last.status)}); "
                "diễn biến phải theo thứ tự ngày",
                hint="sửa trực tiếp tệp nếu cần chèn sự kiện cũ",
            )
        if day == last.date:
            raise UsageError(
                f"đã có sự kiện ngày {format_date_vn(day)} ({STATUS.label(last.status)}) của "
                f"{repo.unit_label(unit_id)} với «{model.title}»; một ngày chỉ có một sự kiện",
                hint="chọn ngày khác, hoặc sửa sự kiện đó trực tiếp trong tệp",
            )
        if last.status == status and not note and not ref:
            raise UsageError(
                f"{repo.unit_label(unit_id)} đã ở tình trạng {STATUS.label(status)} với "
                f"«{model.title}» từ ngày {format_date_vn(last.date)}",
                hint="không cần ghi lại tình trạng cũ",
            )
    file = unit_file(unit_id)
    doc = load_document(repo.root / file.rel)
    existing = not append_event(doc, model_id, status=status, day=day, note=note, ref=ref)
    write_checked(repo.root, file, doc.render(), old_text=doc.text, expected=doc.raw)
    what = "" if existing else "tạo hồ sơ áp dụng và "
    return EditOutcome(
        file.rel,
        not existing,
        f"đã {what}ghi: {repo.unit_label(unit_id)} áp dụng {MODEL_KIND.label(model.kind)} "
        f"«{model.title}»: {STATUS.label(status)} từ ngày {format_date_vn(day)} "
        f"(tệp {file.rel})",
    )


def add_result(
    repo: Repository,
    unit_id: str,
    model_id: str,
    *,
    indicator: str,
    to: date,
    start: date | None = None,
    value: float | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    note: str | None = None,
) -> EditOutcome:
    unit = repo.unit(unit_id)
    model = repo.model(model_id)
    if not indicator or not _is_id(indicator):
        raise UsageError(
            f'mã chỉ tiêu "{indicator}" không hợp lệ',
            hint="mã gồm chữ thường không dấu, số và dấu gạch ngang",
        )
    for option, number in (
        ("--value", value),
        ("--numerator", numerator),
        ("--denominator", denominator),
    ):
        problem = None if number is None else number_problem(number)
        if problem is not None:
            raise UsageError(f"{option} {number} {problem}", hint="kiểm tra lại số liệu")
    if value is not None and (numerator is not None or denominator is not None):
        raise UsageError("chỉ ghi --value, hoặc --numerator với --denominator, không ghi cả hai")
    if value is None:
        if numerator is None or denominator is None:
            raise UsageError("cần --value, hoặc cả --numerator và --denominator")
        if denominator <= 0:
            raise UsageError("--denominator (mẫu số) phải lớn hơn 0")
        if numerator < 0:
            raise UsageError("--numerator (tử số) không được âm")
        if numerator > denominator:
            raise UsageError(
                f"tử số {numerator} lớn hơn mẫu số {denominator}",
                hint="kiểm tra lại số liệu: tử số là phần của mẫu số",
            )
    if start is not None and start > to:
        raise UsageError(f"--from {format_date_vn(start)} sau --to {format_date_vn(to)}")
    record = unit_adoption(unit, model_id)
    if record is None:
        raise UsageError(
            f"{repo.unit_label(unit_id)} chưa có hồ sơ áp dụng {MODEL_KIND.label(model.kind)} "
            f"«{model.title}»",
            hint=f"ghi tình trạng trước: cchc adopt {unit_id} {model_id} "
            "--status implementing --date YYYY-MM-DD",
        )
    for old in record.results:
        if old.indicator == indicator and old.to == to and old.from_ == start:
            raise UsageError(
                f"đã có kết quả «{_indicator_name(repo, indicator)}» cho kỳ này "
                f"(đến {format_date_vn(to)})",
                hint="sửa trực tiếp trong tệp nếu cần thay số liệu",
            )
    file = unit_file(unit_id)
    doc = load_document(repo.root / file.rel)
    append_result(
        doc,
        model_id,
        indicator=indicator,
        to=to,
        start=start,
        value=value,
        numerator=numerator,
        denominator=denominator,
        note=note,
    )
    write_checked(repo.root, file, doc.render(), old_text=doc.text, expected=doc.raw)
    note_text = _indicator_warning(repo, indicator)
    return EditOutcome(
        file.rel,
        False,
        f"đã ghi kết quả «{_indicator_name(repo, indicator)}» đến ngày {format_date_vn(to)} "
        f"của {repo.unit_label(unit_id)} ({_result_text(value, numerator, denominator)}; "
        f"tệp {file.rel}){note_text}",
    )


def _indicator_name(repo: Repository, indicator: str) -> str:
    declared = repo.indicators.get(indicator)
    return declared.name if declared is not None else indicator


def _result_text(value: float | None, numerator: int | None, denominator: int | None) -> str:
    """The figure just recorded, the Vietnamese way: "744/747 = 99,6%", "12,5"."""
    if numerator is not None and denominator:
        return f"{format_int(numerator)}/{format_int(denominator)} = " + format_percent(
            numerator / denominator
        )
    if value is None:
        return ""
    return format_figure(value)


def _indicator_warning(repo: Repository, indicator: str) -> str:
    """The warning `cchc validate` will give for a result of `indicator` (R005, same
    wording), unless the indicator is listed or cchc.toml disables the rule; else ""."""
    if indicator in repo.indicators:
        return ""
    rule = BY_CODE["R005"]
    try:
        if rule.code in load_settings(repo.root).disable:
            return ""
    except CchcError:  # a broken cchc.toml is validate's to report
        pass
    message, hint = unknown_indicator(
        indicator,
        set(repo.indicators),
        has_indicator_file=(repo.root / "data/indicators.yaml").is_file(),
    )
    return f" ({rule.severity.label_vi} {rule.code}: {message}; gợi ý: {hint})"


def append_event(
    doc: YamlDocument,
    model_id: str,
    *,
    status: str,
    day: date,
    note: str | None = None,
    ref: str | None = None,
) -> bool:
    """Append an event to the unit file loaded as `doc` (its record of `model_id`, created
    when missing: then True), in the file's own style; nothing is checked or written."""
    top = _mapping(doc.data, doc.path, "tệp")
    adoptions = _ensure_block_list(top, "adoptions")
    existing = _find_record(adoptions, model_id)
    event = {"date": day, "status": status, "ref": ref, "note": note}
    if existing is None:
        history = _block_seq([_new_map(event, flow=False)])
        adoptions.append(_new_map({"model": model_id, "history": history}, flow=False))
        return True
    history = _ensure_block_list(existing, "history")
    history.append(_new_map(event, flow=_flow_like(history)))
    return False


def append_result(
    doc: YamlDocument,
    model_id: str,
    *,
    indicator: str,
    to: date,
    start: date | None = None,
    value: float | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    note: str | None = None,
) -> None:
    """Append a result to the record of `model_id` in the unit file loaded as `doc` (the
    record must exist there); nothing is checked or written."""
    top = _mapping(doc.data, doc.path, "tệp")
    existing = _find_record(top.get("adoptions"), model_id)
    if existing is None:
        raise DataError(f"không tìm thấy hồ sơ {model_id} trong {doc.path}")
    results = _ensure_block_list(existing, "results")
    item = {
        "indicator": indicator,
        "from": start,
        "to": to,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "note": note,
    }
    if isinstance(value, float) and value.is_integer():
        item["value"] = int(value)
    results.append(_new_map(item, flow=_flow_like(results)))
    _place_after(existing, "results", "history")


def _place_after(mapping: CommentedMap, key: str, after: str) -> None:
    """Move a just-created `key` right after `after` (FORMAT.md order), keeping the rest."""
    keys = list(mapping.keys())
    if key not in keys or after not in keys or keys.index(key) == keys.index(after) + 1:
        return
    if keys.index(key) != len(keys) - 1:
        return  # existed already: leave it where the author put it
    for later in keys[keys.index(after) + 1 :]:
        if later != key:
            mapping.move_to_end(later)


def _is_id(text: str) -> bool:
    from cchc.schema.base import ID_RE

    return bool(ID_RE.match(text)) and len(text) <= 80
