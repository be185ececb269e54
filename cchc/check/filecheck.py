"""Checks of one file on its own: the rules needing only that file.

`cchc.load.parse` turns the bytes into text, YAML data and validated objects; this module
turns what it found (problems, schema errors) into findings, and applies every rule that
one file decides: text, values, references within the file, dates, events, results.

`check_file` never raises for bad input: every problem becomes a `Finding`. Besides the
findings it returns the validated object (for commands that compute from the data) and
`FileFacts`, the small extract that cross-file checks need, which is what the cache keeps.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from cchc import text as vtext
from cchc.check.findings import Finding
from cchc.check.rules import BY_CODE, PROBLEM_CODES
from cchc.errors import UsageError
from cchc.load.files import DataFile, ReadError, read_bytes
from cchc.load.parse import parse_file
from cchc.load.yamlfile import Locator, LocPath
from cchc.periods import parse_period
from cchc.schema import (
    Adoption,
    AdoptionEvent,
    Block,
    Document,
    Implementers,
    Indicator,
    Model,
    ModelEntry,
    ModelEvent,
    Monitors,
    Recipient,
    Result,
    Signer,
    Unit,
)
from cchc.schema.base import (
    CONTROL_RE,
    DOCUMENT_NUMBER_RE,
    ID_RE,
    BasisDocument,
    Selector,
    control_name,
    number_problem,
)
from cchc.schema.document import entry_model_id
from cchc.schema.selection import SelectorSpec, UnitNode, spec_of

REFORM_DAY = date(2025, 7, 1)  # two-tier local government from this day
DISABLE_RE = re.compile(r"#\s*cchc:\s*disable(-file)?\s*=\s*([A-Za-z0-9,\- ]+)")


@dataclass(slots=True)
class AdoptionFacts:
    model: str
    events: tuple[tuple[date, str], ...]
    last_update: date
    last_loc: LocPath  # where last_update is written
    index: int  # position in the unit's adoptions list
    #: (indicator, value, location) of the results that give `value` (S029 checks the
    #: percent ones against data/indicators.yaml)
    values: tuple[tuple[str, float, LocPath], ...] = ()


@dataclass(slots=True)
class DocumentFacts:
    type: str
    start: date
    valid_to: date | None
    deadline: date | None
    recipients: tuple[SelectorSpec, ...]
    #: (model id, the entry's own implementers' selectors or None, location of the entry)
    entries: list[tuple[str, tuple[SelectorSpec, ...] | None, LocPath]]
    #: (model id, citation style of its block, fields the entry itself fills, location):
    #: what the citation needs from the model file (L016)
    citations: list[tuple[str, str, frozenset[str], LocPath]] = field(default_factory=list)
    issuer: str = ""


@dataclass(slots=True)
class FileFacts:
    """What cross-file checks need from one file (cached with its findings)."""

    kind: str
    id: str | None = None
    #: the file did not validate: its facts are incomplete (cross-file rules that would
    #: give misleading answers without it are skipped until it is fixed)
    partial: bool = False
    refs: list[tuple[str, str, LocPath]] = field(default_factory=list)  # (kind, id, loc)
    selectors: list[tuple[SelectorSpec, LocPath, date | None]] = field(default_factory=list)
    unit: UnitNode | None = None
    successors: tuple[str, ...] = ()  # other than the unit itself (that is R008)
    adoptions: list[AdoptionFacts] = field(default_factory=list)
    model_title: str | None = None
    #: which of a model's citable fields (summary, purpose, ...) are filled in
    model_filled: frozenset[str] = frozenset()
    unit_has_locality: bool = False
    model_events: tuple[tuple[date, str], ...] = ()
    model_implementers: tuple[SelectorSpec, ...] | None = None
    document: DocumentFacts | None = None
    indicator_ids: list[str] = field(default_factory=list)
    percent_ids: list[str] = field(default_factory=list)  # indicators with unit: percent
    line_disables: dict[int, frozenset[str]] = field(default_factory=dict)
    file_disables: frozenset[str] = frozenset()


@dataclass(slots=True)
class FileResult:
    file: DataFile
    digest: str
    findings: list[Finding]
    facts: FileFacts
    obj: Any = None  # the validated Unit / Model / Document / list[Indicator], or None


class _Collector:
    """Findings of one file, located lazily through one shared Locator."""

    def __init__(self, rel: str, text: str | None) -> None:
        self.rel = rel
        self.text = text
        self.findings: list[Finding] = []
        self._locator: Locator | None = None

    def add(
        self,
        code: str,
        message: str,
        *,
        loc: LocPath | None = None,
        key: bool = False,
        line: int = 0,
        col: int = 0,
        hint: str | None = None,
    ) -> None:
        if loc is not None and not line and self.text is not None:
            if self._locator is None:
                self._locator = Locator(self.text)
            line, col = self._locator.position(loc, key=key)
        self.findings.append(
            Finding(code, self.rel, message, BY_CODE[code].severity, line, col, hint, loc, key)
        )


def _position_of(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _scan_disables(text: str, facts: FileFacts) -> None:
    if "cchc:" not in text:
        return
    lines: dict[int, frozenset[str]] = {}
    whole: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = DISABLE_RE.search(line)
        if match:
            names = frozenset(p.strip().upper() for p in match.group(2).split(",") if p.strip())
            if match.group(1):
                whole |= names
            else:
                lines[number] = names
    facts.line_disables = lines
    facts.file_disables = frozenset(whole)


# --- bytes and text ---------------------------------------------------------------------


_DECODE_HINTS = {
    "binary": "chỉ đặt tệp .yaml dạng văn bản trong data/",
    "not-utf8": "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8",
}


def _check_text(text: str, out: _Collector) -> None:
    tab = text.find("\t")
    if tab >= 0:
        line, col = _position_of(text, tab)
        out.add("S007", "có ký tự tab", line=line, col=col, hint="thay tab bằng dấu cách")
    if text.isascii():
        return
    if not unicodedata.is_normalized("NFC", text):
        for number, line_text in enumerate(text.splitlines(), start=1):
            if not unicodedata.is_normalized("NFC", line_text):
                col = next((i for i, ch in enumerate(line_text) if unicodedata.combining(ch)), 0)
                out.add(
                    "S008",
                    "văn bản ở dạng Unicode tổ hợp (NFD), không phải dựng sẵn (NFC)",
                    line=number,
                    col=max(col, 1),
                    hint="chạy `cchc fmt` để chuẩn hoá",
                )
                break
    if not _LEGACY_HINT_RE.search(text):
        return
    for number, line_text in enumerate(text.splitlines(), start=1):
        if not _LEGACY_HINT_RE.search(line_text):
            continue
        legacy = vtext.detect_legacy_encoding(line_text)
        if legacy in ("TCVN3", "VNI"):
            out.add(
                "L004",
                f"văn bản có vẻ là bảng mã {legacy} bị đọc sai: “{line_text.strip()[:60]}”",
                line=number,
                col=1,
                hint=f"chuyển từ {legacy} sang Unicode (ví dụ bằng Unikey), rồi dán lại",
            )
            break


#: Latin-1 characters that are not Vietnamese letters: TCVN3/VNI text read as
#: Windows-1252 is full of them, correct Vietnamese has almost none.
_LEGACY_HINT_RE = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d1\u00d6-\u00d8\u00db\u00dc"
    "\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc"
    "\u00fe\u00ff]"
)


# --- values of any field ----------------------------------------------------------------


def _check_values(data: Any, text: str, out: _Collector) -> None:
    """Control characters in text (S024) and numbers no output can show (S025), in every
    key and value of the file, before and whatever the schema says about them."""
    # Raw control characters are refused by the YAML reader, except tab (S007) and line
    # breaks (read as "\n"): they reach a value only through an escape such as "\x1b".
    strings = "\\" in text
    report_tabs = "\t" not in text  # a raw tab is already S007

    def walk(node: Any, loc: LocPath) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if strings and isinstance(key, str):
                    control(key, (*loc, key), True)
                walk(value, (*loc, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*loc, i))
        elif isinstance(node, str):
            if strings:
                control(node, loc, False)
        elif isinstance(node, int | float) and not isinstance(node, bool):
            problem = number_problem(node)
            if problem is not None:
                out.add(
                    "S025",
                    f'"{_field_name(loc)}": giá trị {_shown(node)} {problem}',
                    loc=loc,
                    hint="kiểm tra lại số liệu (có thể gõ thừa chữ số)"
                    if "giới hạn" in problem
                    else "ghi một số cụ thể, ví dụ 2454 hoặc 99.5",
                )

    def control(value: str, loc: LocPath, key: bool) -> None:
        for match in CONTROL_RE.finditer(value):
            char = match.group()
            if char == "\t" and not report_tabs:
                continue
            what = "tên trường" if key else f'"{_field_name(loc)}"'
            out.add(
                "S024",
                f"{what}: có ký tự điều khiển {control_name(char)} ở vị trí "
                f"{match.start() + 1} của chuỗi",
                loc=loc,
                key=key,
                hint="dùng dấu cách thay cho tab"
                if char == "\t"
                else 'xoá ký tự này (trong YAML thường do chuỗi thoát như "\\x1b", '
                '"\\e" trong ngoặc kép, hoặc văn bản dán từ phần mềm khác)',
            )
            return

    walk(data, ())


def _shown(number: int | float) -> str:
    """A number as the YAML file spells it (.nan, -.inf), cut short if very long."""
    if isinstance(number, float):
        if number != number:
            return ".nan"
        if number in (float("inf"), float("-inf")):
            return "-.inf" if number < 0 else ".inf"
        return repr(number)
    if number.bit_length() > 128:  # str() of a huge int is slow, even refused
        return "(số có hơn 38 chữ số)"
    return str(number)


# --- schema errors ----------------------------------------------------------------------

_TYPE_NAMES = {
    bool: "giá trị đúng/sai",
    int: "số nguyên",
    float: "số",
    str: "chuỗi",
    list: "danh sách",
    dict: "khối trường",
    type(None): "giá trị rỗng (null)",
    date: "ngày",
}
_EXPECTED = {
    "string_type": "chuỗi văn bản",
    "int_type": "số nguyên",
    "float_type": "số",
    "bool_type": "true hoặc false",
    "list_type": "danh sách",
    "dict_type": "khối trường",
    "model_type": "khối trường (tên: giá trị)",
    "model_attributes_type": "khối trường",
    "date_type": "ngày YYYY-MM-DD",
    "int_from_float": "số nguyên",
}
_PRIORITY = [
    "value_error",
    "literal_error",
    "string_pattern_mismatch",
    "string_too_long",
    "missing",
    "extra_forbidden",
    "too_short",
    "greater_than",
    "greater_than_equal",
]
_ALL_FIELDS: set[str] = set()


def _collect_fields(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        _ALL_FIELDS.add(info.alias or name)


for _schema in (
    Unit,
    Adoption,
    AdoptionEvent,
    Result,
    Model,
    ModelEvent,
    Implementers,
    Monitors,
    Document,
    Block,
    ModelEntry,
    Recipient,
    Signer,
    Indicator,
    Selector,
    BasisDocument,
):
    _collect_fields(_schema)


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> tuple[LocPath, bool]:
    """Drop pydantic's union-branch tags; the flag says whether the last part is absent."""
    cleaned: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            cleaned.append(part)
            current = current[part]
        elif i == len(loc) - 1 and isinstance(current, dict) and isinstance(part, str):
            cleaned.append(part)
            return tuple(cleaned), True
    return tuple(cleaned), False


def _schema_findings(error: ValidationError, data: Any, out: _Collector) -> None:
    grouped: dict[LocPath, list[dict[str, Any]]] = {}
    absent: dict[LocPath, bool] = {}
    for err in error.errors(include_url=False):
        loc, missing = _clean_loc(data, tuple(err["loc"]))
        grouped.setdefault(loc, []).append(dict(err))
        absent[loc] = missing
    for loc, errors in grouped.items():
        errors.sort(key=lambda e: _PRIORITY.index(e["type"]) if e["type"] in _PRIORITY else 99)
        _one_schema_finding(loc, errors, out)


def _field_name(loc: LocPath) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "giá trị"


def _one_schema_finding(loc: LocPath, errors: list[dict[str, Any]], out: _Collector) -> None:
    err = errors[0]
    kind, value = err["type"], err.get("input")
    name = _field_name(loc)
    if kind == "missing":
        parent = loc[:-1]
        out.add(
            "S011",
            f'thiếu trường bắt buộc "{loc[-1]}"',
            loc=parent,
            hint=f'thêm dòng "{loc[-1]}: ..." (xem `cchc schema` hoặc docs/format.md)',
        )
    elif kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        close = difflib.get_close_matches(key, sorted(_ALL_FIELDS), n=1, cutoff=0.6)
        hint = (
            f'có phải ý bạn là "{close[0]}"?'
            if close
            else "xoá trường này, hoặc xem docs/format.md"
        )
        out.add("S010", f'trường "{key}" không có trong định dạng', loc=loc, key=True, hint=hint)
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        suggestion = f'có phải ý bạn là "{close[0]}"?' if close else None
        out.add(
            "S013",
            f'"{name}": giá trị "{value}" không hợp lệ; chọn một trong: ' + ", ".join(options),
            loc=loc,
            hint=suggestion,
        )
    elif kind == "value_error":
        message = str(err.get("ctx", {}).get("error", err["msg"]))
        code = "S015" if any(w in message for w in ("ngày", "YYYY", "tháng", "giờ")) else "S013"
        out.add(code, f'"{name}": {message}', loc=loc)
    elif kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if "0[1-9]" in pattern:
            out.add(
                "S015",
                f'"{name}": "{value}" không phải ngày YYYY-MM-DD hoặc tháng YYYY-MM',
                loc=loc,
            )
        else:
            out.add(
                "S014",
                f'"{name}": "{value}" không phải mã hợp lệ (chỉ chữ thường không dấu, '
                "số và dấu gạch ngang)",
                loc=loc,
                hint=f'ví dụ "{vtext.slugify(str(value))}"' if vtext.slugify(str(value)) else None,
            )
    elif kind == "string_too_long":
        out.add(
            "S014",
            f'"{name}": mã dài quá 80 ký tự',
            loc=loc,
            hint=f'rút gọn, ví dụ "{vtext.slugify(str(value), max_length=80)}"',
        )
    elif kind == "too_short":
        out.add("S011", f'"{name}" cần ít nhất một phần tử', loc=loc)
    elif kind in ("greater_than", "greater_than_equal"):
        bound = err.get("ctx", {}).get("gt", err.get("ctx", {}).get("ge"))
        relation = "lớn hơn" if kind == "greater_than" else "không nhỏ hơn"
        out.add("S017", f'"{name}" phải {relation} {bound} (đang là {value})', loc=loc)
    else:
        expected_names = sorted({_EXPECTED.get(e["type"], "") for e in errors} - {""})
        expected = " hoặc ".join(expected_names) or "kiểu khác"
        hint = None
        if "chuỗi văn bản" in expected and isinstance(value, (int, float, bool, date)):
            hint = f'đặt giá trị trong ngoặc kép: "{value}"'
        if isinstance(value, str) and "danh sách" in expected:
            hint = f"viết dạng danh sách: [{value}]"
        out.add(
            "S012",
            f'"{name}" phải là {expected}, không phải {_type_name(value)}',
            loc=loc,
            hint=hint,
        )


# --- rules of one validated file ---------------------------------------------------------


def _check_events(events: list[Any], loc: LocPath, out: _Collector) -> None:
    for i in range(1, len(events)):
        if events[i].date < events[i - 1].date:
            out.add(
                "S016",
                f"sự kiện ngày {events[i].date} ghi sau sự kiện ngày "
                f"{events[i - 1].date}: diễn biến phải theo thứ tự ngày",
                loc=(*loc, i, "date"),
                hint="sắp xếp lại các sự kiện từ cũ đến mới",
            )
        elif events[i].date == events[i - 1].date:
            out.add(
                "S016",
                f"hai sự kiện cùng ngày {events[i].date}",
                loc=(*loc, i, "date"),
                hint="gộp thành một sự kiện (ghi chú vào note)",
            )


def _check_selectors(
    selectors: list[Selector], loc: LocPath, out: _Collector, facts: FileFacts, day: date | None
) -> tuple[SelectorSpec, ...]:
    specs: list[SelectorSpec] = []
    for i, selector in enumerate(selectors):
        here = (*loc, i)
        if selector.units is not None and selector.within is not None:
            out.add(
                "S020",
                "bộ chọn đơn vị dùng hoặc `units` hoặc `within`, không cả hai",
                loc=here,
                hint="tách thành hai bộ chọn trong danh sách",
            )
        elif selector.units is None and selector.within is None:
            out.add(
                "S020",
                "bộ chọn đơn vị thiếu `units` hoặc `within`",
                loc=here,
                hint="ví dụ {within: ubnd-tinh-x, level: commune}",
            )
            continue
        elif selector.units is not None and (selector.level or selector.kind):
            out.add("S020", "`level`/`kind` chỉ dùng cùng `within`", loc=here)
        for j, unit_id in enumerate(selector.units or ()):
            facts.refs.append(("unit", unit_id, (*here, "units", j)))
        if selector.within is not None:
            facts.refs.append(("unit", selector.within, (*here, "within")))
        spec = spec_of(selector)
        specs.append(spec)
        facts.selectors.append((spec, here, day))
    return tuple(specs)


def _check_whitespace(value: str | None, loc: LocPath, out: _Collector) -> None:
    if value is not None and (value != value.strip() or "  " in value):
        out.add(
            "L014",
            "có dấu cách thừa (đầu, cuối, hoặc hai dấu cách liền nhau)",
            loc=loc,
            hint=f'viết "{" ".join(value.split())}"',
        )


def _check_basis(basis: list[BasisDocument], loc: LocPath, out: _Collector) -> None:
    for i, item in enumerate(basis):
        if not DOCUMENT_NUMBER_RE.match(item.number):
            out.add(
                "L012",
                f'số, ký hiệu "{item.number}" không đúng dạng số/KÝ-HIỆU',
                loc=(*loc, i, "number"),
                hint="ví dụ 428/KH-UBND, 30/2018/QĐ-UBND",
            )


def _check_unit(unit: Unit, out: _Collector, facts: FileFacts) -> None:
    facts.unit_has_locality = bool(unit.locality)
    facts.successors = tuple(s for s in unit.successors if s != unit.id)
    facts.unit = UnitNode(
        unit.id,
        unit.parent,
        unit.level,
        unit.kind,
        unit.valid_from,
        unit.valid_to,
        facts.successors,
    )
    if unit.parent is not None:
        facts.refs.append(("unit", unit.parent, ("parent",)))
    for i, successor in enumerate(unit.successors):
        facts.refs.append(("unit", successor, ("successors", i)))
        if successor == unit.id:
            out.add(
                "R008",
                "đơn vị ghi chính nó là đơn vị kế thừa",
                loc=("successors", i),
                hint="successors là các đơn vị tiếp nhận công việc sau valid_to; bỏ mục này",
            )
    _check_whitespace(unit.name, ("name",), out)
    _check_whitespace(unit.short_name, ("short_name",), out)
    if unit.valid_from and unit.valid_to and unit.valid_from > unit.valid_to:
        out.add(
            "S023",
            f"valid_from ({unit.valid_from}) sau valid_to ({unit.valid_to})",
            loc=("valid_to",),
        )
    if unit.level == "district" and (unit.valid_to is None or unit.valid_to >= REFORM_DAY):
        out.add(
            "L001",
            "đơn vị cấp huyện vẫn còn hiệu lực sau 30/6/2025 (chính quyền địa "
            "phương hai cấp từ 01/07/2025)",
            loc=("valid_to",) if unit.valid_to else ("level",),
            hint="thêm valid_to: 2025-06-30 và successors nếu có",
        )
    seen: dict[str, int] = {}
    for i, adoption in enumerate(unit.adoptions):
        here: LocPath = ("adoptions", i)
        facts.refs.append(("model", adoption.model, (*here, "model")))
        if adoption.model in seen:
            out.add(
                "S019",
                f'mô hình "{adoption.model}" đã có bản ghi áp dụng ở mục '
                f"{seen[adoption.model] + 1}",
                loc=(*here, "model"),
                hint="thêm sự kiện vào history của bản ghi đã có",
            )
        else:
            seen[adoption.model] = i
        _check_events(adoption.history, (*here, "history"), out)
        last = adoption.history[-1].date
        last_loc: LocPath = (*here, "history", len(adoption.history) - 1, "date")
        for j, event in enumerate(adoption.history):
            if event.status == "not-applicable" and not (event.note or "").strip():
                out.add(
                    "S018",
                    "tình trạng not-applicable cần ghi note nêu lý do không phù hợp",
                    loc=(*here, "history", j),
                    hint='thêm note: "..." vào sự kiện này',
                )
            if not facts.unit.valid_on(event.date):
                out.add(
                    "L009",
                    f"sự kiện ngày {event.date} nằm ngoài thời gian đơn vị tồn tại"
                    f" ({unit.valid_from or '…'} – {unit.valid_to or '…'})",
                    loc=(*here, "history", j, "date"),
                )
        for j, result in enumerate(adoption.results):
            rloc: LocPath = (*here, "results", j)
            facts.refs.append(("indicator", result.indicator, (*rloc, "indicator")))
            if result.to > last:
                last, last_loc = result.to, (*rloc, "to")
            _check_result(result, rloc, out)
        facts.adoptions.append(
            AdoptionFacts(
                adoption.model,
                tuple((e.date, e.status) for e in adoption.history),
                last,
                last_loc,
                i,
                tuple(
                    (r.indicator, float(r.value), (*here, "results", j, "value"))
                    for j, r in enumerate(adoption.results)
                    if r.value is not None
                    and r.numerator is None
                    and r.denominator is None
                    and number_problem(r.value) is None  # S025 reports NaN, ±inf, huge
                ),
            )
        )


def _check_result(result: Any, loc: LocPath, out: _Collector) -> None:
    has_ratio = result.numerator is not None or result.denominator is not None
    if result.value is not None and has_ratio:
        out.add(
            "S017",
            "kết quả ghi hoặc `value`, hoặc `numerator`/`denominator`, không cả hai",
            loc=loc,
        )
    elif result.value is None and not has_ratio:
        out.add(
            "S017", "kết quả thiếu số liệu: ghi `value`, hoặc `numerator` và `denominator`", loc=loc
        )
    elif has_ratio and (result.numerator is None or result.denominator is None):
        missing = "numerator" if result.numerator is None else "denominator"
        out.add("S017", f"kết quả thiếu `{missing}`", loc=loc)
    elif has_ratio and result.numerator > result.denominator:
        out.add(
            "S017",
            f"tử số {result.numerator} lớn hơn mẫu số {result.denominator}",
            loc=(*loc, "numerator"),
            hint="kiểm tra lại số liệu (tỷ lệ không quá 100%)",
        )
    if result.from_ is not None and result.from_ > result.to:
        out.add("S017", f"`from` ({result.from_}) sau `to` ({result.to})", loc=(*loc, "from"))


def _check_model(model: Model, out: _Collector, facts: FileFacts) -> None:
    facts.model_filled = filled(model)
    facts.model_title = model.title
    facts.model_events = tuple((e.date, e.status) for e in model.history)
    for i, origin in enumerate(model.origins):
        loc: LocPath = ("origin", i) if len(model.origins) > 1 else ("origin",)
        facts.refs.append(("unit", origin, loc))
        if origin in model.origins[:i]:
            out.add("S013", f'đơn vị "{origin}" ghi hai lần trong origin', loc=loc)
    title = model.title.strip()
    if len(title) >= 2 and title[0] in "\"“'‘«" and title[-1] in "\"”'’»":
        out.add(
            "L003",
            "tên mô hình đặt trong ngoặc kép",
            loc=("title",),
            hint=f"viết title: {title[1:-1]}",
        )
    _check_whitespace(model.title, ("title",), out)
    _check_events(model.history, ("history",), out)
    _check_basis(model.basis, ("basis",), out)
    if model.implementers is not None:
        facts.model_implementers = _check_selectors(
            model.implementers.select, ("implementers", "select"), out, facts, None
        )
    if model.monitors is not None:
        for i, unit_id in enumerate(model.monitors.units):
            facts.refs.append(("unit", unit_id, ("monitors", "units", i)))
    for i, indicator in enumerate(model.indicators):
        facts.refs.append(("indicator", indicator, ("indicators", i)))


def _check_blocks(blocks: list[Block], loc: LocPath, out: _Collector) -> None:
    for i, block in enumerate(blocks):
        here = (*loc, i)
        if not (block.text or block.heading or block.models or block.blocks or block.report):
            out.add(
                "S020",
                "khối nội dung trống: cần text, heading, models, blocks hoặc report",
                loc=here,
            )
        if block.style and not block.models:
            out.add("S020", "`style` chỉ dùng cho khối có `models`", loc=(*here, "style"))
        _check_blocks(block.blocks, (*here, "blocks"), out)


def _check_document(doc: Document, out: _Collector, facts: FileFacts) -> None:
    facts.refs.append(("unit", doc.issuer, ("issuer",)))
    if doc.drafter is not None:
        facts.refs.append(("unit", doc.drafter, ("drafter",)))
    if doc.valid_to is not None and doc.valid_to < doc.start_date:
        out.add("S023", f"valid_to ({doc.valid_to}) trước ngày ban hành", loc=("valid_to",))
    if doc.deadline is not None and doc.deadline < doc.start_date:
        # a YYYY-MM date is in force from the first of that month: a deadline later in
        # that month is fine
        signed = "ngày ban hành" if isinstance(doc.date, date) else "tháng ban hành"
        out.add(
            "S027",
            f"hạn áp dụng (deadline {doc.deadline}) trước {signed} ({doc.date})",
            loc=("deadline",),
            hint="kiểm tra năm, tháng của deadline và date",
        )
    if doc.period is not None:
        try:
            parse_period(doc.period)
        except UsageError as error:
            out.add(
                "S026",
                error.message.replace("kỳ báo cáo ", "kỳ báo cáo (period) ", 1),
                loc=("period",),
                hint=error.hint,
            )
    _check_basis(doc.basis, ("basis",), out)
    _check_blocks(doc.body, ("body",), out)
    recipients: list[SelectorSpec] = []
    for i, recipient in enumerate(doc.recipients):
        recipients.extend(
            _check_selectors(
                recipient.select, ("recipients", i, "select"), out, facts, doc.start_date
            )
        )
    entries: list[tuple[str, tuple[SelectorSpec, ...] | None, LocPath]] = []
    for loc, entry in doc.iter_model_entries():
        model_id = entry_model_id(entry)
        facts.refs.append(("model", model_id, loc if isinstance(entry, str) else (*loc, "model")))
        own: tuple[SelectorSpec, ...] | None = None
        if not isinstance(entry, str):
            if entry.implementers is not None and entry.implementers.select:
                own = _check_selectors(
                    entry.implementers.select,
                    (*loc, "implementers", "select"),
                    out,
                    facts,
                    doc.start_date,
                )
            if entry.monitors is not None:
                for j, unit_id in enumerate(entry.monitors.units):
                    facts.refs.append(("unit", unit_id, (*loc, "monitors", "units", j)))
        entries.append((model_id, own, loc))
    facts.document = DocumentFacts(
        doc.type,
        doc.start_date,
        doc.valid_to,
        doc.deadline,
        tuple(recipients),
        entries,
        _citations(doc),
        doc.issuer,
    )
    _check_incomplete(doc, out)


#: The fields of a model a citation can use, and how a document names them.
CITABLE = {
    "summary": "nội dung",
    "purpose": "mục đích",
    "requirements": "yêu cầu thực hiện",
    "implementers": "cơ quan thực hiện",
    "monitors": "cơ quan chủ trì theo dõi, kiểm tra",
}


def filled(item: Any) -> frozenset[str]:
    """Which of the citable fields of a model (or of a document's model entry) are set."""
    out = set()
    for name in CITABLE:
        value = getattr(item, name, None)
        if value and (not isinstance(value, str) or value.strip()):
            out.add(name)
    return frozenset(out)


def _citations(doc: Document) -> list[tuple[str, str, frozenset[str], LocPath]]:
    return [
        (
            entry_model_id(entry),
            style,
            frozenset() if isinstance(entry, str) else filled(entry),
            (*loc, "models", j),
        )
        for loc, block, style in doc.iter_blocks()
        for j, entry in enumerate(block.models)
    ]


def _check_incomplete(doc: Document, out: _Collector) -> None:
    """L016: what the document still lacks before it can be rendered and signed (the
    single-file part; what it needs from other files is in crosscheck)."""

    def lacks(message: str, loc: LocPath = ("id",)) -> None:
        out.add("L016", message, loc=loc, key=True, hint=_INCOMPLETE_HINT)

    if doc.signer is None:
        lacks("chưa có người ký (signer)")
    if doc.type == "cong-van":
        if not doc.subject:
            lacks("công văn chưa có trích yếu (subject, dòng V/v)")
        if not doc.recipients:
            lacks("công văn chưa có nơi gửi (recipients, Kính gửi)")
        if doc.drafter is None:
            lacks("công văn chưa có cơ quan soạn thảo (drafter, phần cuối ký hiệu)")
    elif not doc.title:
        lacks("chưa có tên văn bản (title, dòng dưới tên loại)")
    if not doc.body:
        lacks("chưa có nội dung (body)")
    tables = [(loc, block.report) for loc, block, _ in doc.iter_blocks() if block.report]
    if doc.type != "bao-cao":
        for loc, key in tables:
            lacks(f"khối bảng số liệu (report: {key}) chỉ dùng trong báo cáo", (*loc, "report"))
    elif tables and not doc.period:
        lacks(
            "báo cáo chưa có kỳ báo cáo (period, ví dụ 2024-Q3), nên chưa tính được "
            "các bảng số liệu"
        )


_INCOMPLETE_HINT = "bổ sung trước khi xuất văn bản để ký (xem `cchc render --check`)"


def _check_indicators(items: list[Indicator], out: _Collector, facts: FileFacts) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            out.add("R007", f'mã chỉ tiêu "{item.id}" bị trùng', loc=(i, "id"))
        seen.add(item.id)
        facts.indicator_ids.append(item.id)
        if item.unit == "percent":
            facts.percent_ids.append(item.id)


def _partial_unit(unit_id: str, data: dict[str, Any]) -> UnitNode | None:
    """Best-effort hierarchy facts of a unit file that did not validate."""
    parent, level, kind = data.get("parent"), data.get("level"), data.get("kind")
    if not all(isinstance(v, str) for v in (level, kind)) or not isinstance(parent, str | None):
        return None
    start, end = data.get("valid_from"), data.get("valid_to")
    return UnitNode(
        unit_id,
        parent,
        str(level),
        str(kind),
        _plain_date(start),
        _plain_date(end),
    )


def _partial_refs(kind: str, data: Any, facts: FileFacts) -> None:
    """The references a file that did not validate makes, read from its raw YAML at the
    places a valid file has them (and located by the same data paths), so that an unknown
    id is reported in the same run as the schema error rather than after it is fixed. A
    value in the wrong shape is skipped: the schema findings already cover it."""
    refs = facts.refs

    def ref(ref_kind: str, value: Any, loc: LocPath) -> None:
        if isinstance(value, str) and ID_RE.match(value):
            refs.append((ref_kind, value, loc))

    def items(value: Any) -> list[tuple[int, Any]]:
        return list(enumerate(value)) if isinstance(value, list) else []

    def field_of(value: Any, name: str) -> Any:
        return value.get(name) if isinstance(value, dict) else None

    def selectors(value: Any, loc: LocPath) -> None:
        for i, selector in items(value):
            for j, unit_id in items(field_of(selector, "units")):
                ref("unit", unit_id, (*loc, i, "units", j))
            ref("unit", field_of(selector, "within"), (*loc, i, "within"))

    def unit_list(value: Any, loc: LocPath) -> None:
        for i, unit_id in items(value):
            ref("unit", unit_id, (*loc, i))

    if kind == "indicators":
        for _i, item in items(data):
            item_id = field_of(item, "id")
            if isinstance(item_id, str):
                facts.indicator_ids.append(item_id)
        return
    if not isinstance(data, dict):
        return
    if kind == "unit":
        ref("unit", data.get("parent"), ("parent",))
        unit_list(data.get("successors"), ("successors",))
        for i, adoption in items(data.get("adoptions")):
            ref("model", field_of(adoption, "model"), ("adoptions", i, "model"))
            for j, result in items(field_of(adoption, "results")):
                loc: LocPath = ("adoptions", i, "results", j, "indicator")
                ref("indicator", field_of(result, "indicator"), loc)
    elif kind == "model":
        origin = data.get("origin")
        if isinstance(origin, list) and len(origin) > 1:
            unit_list(origin, ("origin",))
        else:
            ref("unit", origin[0] if isinstance(origin, list) and origin else origin, ("origin",))
        selectors(field_of(data.get("implementers"), "select"), ("implementers", "select"))
        unit_list(field_of(data.get("monitors"), "units"), ("monitors", "units"))
        for i, indicator in items(data.get("indicators")):
            ref("indicator", indicator, ("indicators", i))
    elif kind == "document":
        ref("unit", data.get("issuer"), ("issuer",))
        ref("unit", data.get("drafter"), ("drafter",))
        for i, recipient in items(data.get("recipients")):
            selectors(field_of(recipient, "select"), ("recipients", i, "select"))
        _partial_block_refs(data.get("body"), ("body",), ref, selectors, unit_list)


def _partial_block_refs(
    blocks: Any,
    loc: LocPath,
    ref: Callable[[str, Any, LocPath], None],
    selectors: Callable[[Any, LocPath], None],
    unit_list: Callable[[Any, LocPath], None],
) -> None:
    """`_partial_refs` of a document's body: the models its blocks cite, at any depth."""
    if not isinstance(blocks, list):
        return
    for i, block in enumerate(blocks):
        if not isinstance(block, dict):
            continue
        here: LocPath = (*loc, i)
        models = block.get("models")
        for j, entry in enumerate(models if isinstance(models, list) else ()):
            entry_loc: LocPath = (*here, "models", j)
            if not isinstance(entry, dict):
                ref("model", entry, entry_loc)
                continue
            ref("model", entry.get("model"), (*entry_loc, "model"))
            implementers = entry.get("implementers")
            if isinstance(implementers, dict):
                selectors(implementers.get("select"), (*entry_loc, "implementers", "select"))
            monitors = entry.get("monitors")
            if isinstance(monitors, dict):
                unit_list(monitors.get("units"), (*entry_loc, "monitors", "units"))
        _partial_block_refs(block.get("blocks"), (*here, "blocks"), ref, selectors, unit_list)


def _plain_date(value: Any) -> date | None:
    return value if isinstance(value, date) and not isinstance(value, datetime) else None


def check_file(
    root: Path, file: DataFile, raw: bytes | None = None, digest: str = ""
) -> FileResult:
    """Every single-file check of `file`; never raises for bad content."""
    facts = FileFacts(kind=file.kind, id=file.stem if file.kind != "indicators" else None)
    result = FileResult(file, digest, [], facts)
    if raw is None:
        try:
            raw = read_bytes(root, file.rel)
        except ReadError as error:
            result.findings.append(
                Finding(
                    error.code,
                    file.rel,
                    error.message,
                    BY_CODE[error.code].severity,
                    0,
                    0,
                    error.hint,
                )
            )
            return result
    out = _Collector(file.rel, None)
    loaded = parse_file(file.kind, raw)
    if loaded.text is None:  # not text: nothing else can be checked
        for problem in loaded.problems:
            out.add(
                "S002",
                problem.message,
                line=problem.line,
                col=problem.col,
                hint=_DECODE_HINTS[problem.code],
            )
        result.findings = out.findings
        return result
    text = out.text = loaded.text
    _scan_disables(text, facts)
    _check_text(text, out)
    for problem in loaded.problems:
        out.add(
            PROBLEM_CODES[problem.code],
            problem.message,
            line=problem.line,
            col=problem.col,
            hint=problem.hint,
        )
    if loaded.stage == "yaml":
        result.findings = out.findings
        return result
    data = loaded.data
    if loaded.stage == "empty":
        out.add(
            "S003",
            "tệp rỗng (không có dữ liệu)",
            line=1,
            col=1,
            hint="điền nội dung theo docs/format.md, hoặc xoá tệp",
        )
        result.findings = out.findings
        return result
    if loaded.stage == "shape":
        what = (
            "danh sách chỉ tiêu (mỗi mục bắt đầu bằng -)"
            if file.kind == "indicators"
            else "một khối trường (tên: giá trị), không phải danh sách hay một giá trị đơn"
        )
        out.add("S009", f"nội dung tệp phải là {what}", line=1, col=1)
        result.findings = out.findings
        return result
    _check_values(data, text, out)
    if file.kind != "indicators" and not ID_RE.match(file.stem):
        out.add(
            "S014",
            f'tên tệp "{file.stem}.yaml" không phải mã hợp lệ',
            line=1,
            col=1,
            hint=f'đổi tên thành "{vtext.slugify(file.stem)}.yaml"',
        )
    if loaded.error is not None:
        _schema_findings(loaded.error, data, out)
        facts.partial = True
        if file.kind == "unit" and isinstance(data, dict):
            facts.unit = _partial_unit(file.stem, data)
        _partial_refs(file.kind, data, facts)
        result.findings = out.findings
        return result
    obj = loaded.obj
    if file.kind == "indicators":
        _check_indicators(obj, out, facts)
        result.obj = obj
    else:
        if obj.id != file.stem:
            out.add(
                "S014",
                f'id "{obj.id}" khác tên tệp "{file.stem}.yaml"',
                loc=("id",),
                hint="id phải trùng tên tệp (không có .yaml)",
            )
        if file.kind == "unit":
            _check_unit(obj, out, facts)
        elif file.kind == "model":
            _check_model(obj, out, facts)
        else:
            _check_document(obj, out, facts)
        result.obj = obj
    result.findings = out.findings
    return result
