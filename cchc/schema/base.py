"""Shared pieces of the data format (FORMAT.md, "Common rules" and "Events").

Every file model is strict: unknown keys are errors, and a string field never silently
accepts a number. Dates accept YAML dates or ISO strings, never datetimes or numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from cchc.schema.vocabulary import Level, UnitKind

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_MAX_LENGTH = 80
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
#: "428/KH-UBND", "30/2018/QĐ-UBND", "865/UBND-KSTT", "2077/QĐ-UBND-HC".
DOCUMENT_NUMBER_RE = re.compile(r"^\d+(/\d{4})?/[^\s/-]+(-[^\s/-]+)+$")
#: The largest magnitude a number in the data may have (S025): beyond it a figure is surely
#: a typo, and a float no longer holds whole units exactly.
MAX_NUMBER = 10**15
MAX_NUMBER_TEXT = "1.000.000.000.000.000 (10^15)"
#: Characters no text value may hold (S024): C0 controls except the line feed, DEL, and the
#: C1 controls. A YAML reader refuses most of them raw; escapes such as "\x1b" get through.
CONTROL_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "tab", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR",
    0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL",
}  # fmt: skip


def number_problem(value: int | float) -> str | None:
    """Why `value` cannot be a figure of the data (Vietnamese), or None if it can.

    NaN, infinities (YAML `.nan`, `.inf`, or a float too large such as 1.0e+400) and
    magnitudes above `MAX_NUMBER` are refused in files (S025) and in `cchc result`.
    """
    if isinstance(value, float) and math.isnan(value):
        return "không phải là một số (NaN)"
    if isinstance(value, float) and math.isinf(value):
        return "là vô cực (hoặc số quá lớn), không phải số hữu hạn"
    if abs(value) > MAX_NUMBER:
        return f"vượt quá giới hạn: giá trị tuyệt đối tối đa {MAX_NUMBER_TEXT}"
    return None


def control_name(char: str) -> str:
    """A control character as messages name it: "U+001B (ESC)"."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _to_period(value: Any) -> Any:
    # `period: 2024` is read by YAML as a number: a year is a period (FORMAT.md)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


#: A báo cáo's `period` (2024-Q3, 2024-H1, 2024); checked with `cchc.periods.parse_period`.
PeriodText = Annotated[
    str,
    BeforeValidator(_to_period),
    Field(json_schema_extra={"type": ["string", "integer"]}),
]


class Strict(BaseModel):
    """Base of every file model: strict types, unknown keys forbidden."""

    # defer_build: validators are built on first use, so a run answered from the cache
    # (no file parsed) does not pay for them at start-up.
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, populate_by_name=False, defer_build=True
    )


def _to_date(value: Any) -> Any:
    if isinstance(value, datetime):
        raise ValueError("chỉ ghi ngày (YYYY-MM-DD), không ghi giờ")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if not ISO_DATE_RE.match(value):
            raise ValueError(f'"{value}" không phải ngày dạng YYYY-MM-DD')
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f'ngày "{value}" không tồn tại') from None
    raise ValueError("phải là một ngày dạng YYYY-MM-DD")


def _to_document_date(value: Any) -> Any:
    if isinstance(value, str) and YEAR_MONTH_RE.match(value):
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{1,2}$", value):
        raise ValueError(f'"{value}" không hợp lệ: viết tháng bằng hai chữ số, ví dụ 2023-09')
    return _to_date(value)


IsoDate = Annotated[
    date,
    BeforeValidator(_to_date),
    Field(json_schema_extra={"type": "string", "format": "date"}),
]
#: A document's date: a full date once signed, or YYYY-MM while the day is blank.
DocumentDate = Annotated[
    date | Annotated[str, Field(pattern=YEAR_MONTH_RE.pattern)],
    BeforeValidator(_to_document_date),
]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]


class BasisDocument(Strict):
    """A document something rests on ("Căn cứ", or a model's footnote)."""

    number: str = Field(title="Số, ký hiệu", description="Ví dụ 428/KH-UBND, 30/2018/QĐ-UBND")
    date: IsoDate = Field(title="Ngày ban hành")
    issuer: str = Field(title="Cơ quan ban hành", description="Ví dụ: Ủy ban nhân dân Tỉnh")
    title: str = Field(title="Trích yếu", description="Phần sau số và ngày, ví dụ: về việc ...")


class Selector(Strict):
    """Picks units: listed `units`, or the units below `within` (filtered by level, kind)."""

    units: list[Id] | None = Field(None, title="Danh sách đơn vị", description="Mã các đơn vị")
    within: Id | None = Field(None, title="Trực thuộc", description="Các đơn vị dưới đơn vị này")
    level: Level | list[Level] | None = Field(None, title="Cấp", description="Lọc theo cấp")
    kind: UnitKind | list[UnitKind] | None = Field(None, title="Loại", description="Lọc theo loại")


def as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """A selector's `level`/`kind` as a tuple (empty: no filter)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)
