"""Reporting periods: quarters, halves and years, official or calendar.

A period is named by a code — ``2024-Q3``, ``2024-H1``, ``2024`` — and covers a range of
days that depends on whether it is *official* (the default) or *calendar*.

Official periods follow the data cut-off of Nghị định 09/2019/NĐ-CP: data is counted from
the 15th of the month before the period's first month to the 14th of its last month.

==========  =====================================  =====================================
period      official                               calendar
==========  =====================================  =====================================
2024-Q1     15/12/2023 – 14/3/2024                 1/1/2024 – 31/3/2024
2024-Q3     15/6/2024 – 14/9/2024                  1/7/2024 – 30/9/2024
2024-H1     15/12/2023 – 14/6/2024                 1/1/2024 – 30/6/2024
2024-H2     15/6/2024 – 14/12/2024                 1/7/2024 – 31/12/2024
2024        15/12/2023 – 14/12/2024                1/1/2024 – 31/12/2024
==========  =====================================  =====================================

So an official period can start in the year before the one it is named after: the days
from 15 to 31 December belong to official Q1, H1 and year of the *next* year.

Periods of one kind (and one calendar flag) tile time: each starts the day after the
previous one ends, with no gap and no overlap.

Everything here is a pure function. Bad user input (a period or date typed on the command
line) raises `UsageError` with a Vietnamese message; misuse by calling code (an unknown
kind, a negative count) raises `ValueError`.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from typing import Final, Literal, TypeAlias

from cchc.errors import UsageError

__all__ = [
    "KINDS",
    "MAX_YEAR",
    "MIN_YEAR",
    "Period",
    "PeriodKind",
    "format_date_iso",
    "format_date_vn",
    "last_complete_periods",
    "parse_date",
    "parse_period",
    "period_containing",
    "periods_between",
]

PeriodKind: TypeAlias = Literal["quarter", "half", "year"]

#: The kinds of period, shortest first.
KINDS: Final[tuple[PeriodKind, ...]] = ("quarter", "half", "year")

#: Years accepted from user input (periods and dates typed on the command line).
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2100

#: How many periods of each kind make up a year.
_PER_YEAR: Final[dict[PeriodKind, int]] = {"quarter": 4, "half": 2, "year": 1}

#: How many months a period of each kind spans.
_MONTHS: Final[dict[PeriodKind, int]] = {"quarter": 3, "half": 6, "year": 12}

#: The day of the month an official period starts on (it ends the day before).
_CUTOFF_DAY: Final = 15

_ROMAN: Final = ("I", "II", "III", "IV")

#: Vietnamese name of each kind, as used in messages ("... không phải là quý").
_KIND_NAMES: Final[dict[PeriodKind, str]] = {
    "quarter": "quý",
    "half": "kỳ 6 tháng",
    "year": "năm",
}


def _check_kind(kind: str) -> PeriodKind:
    if kind not in _PER_YEAR:
        raise ValueError(f"unknown period kind {kind!r}; expected one of {KINDS}")
    return kind


def _month_start(year: int, month: int) -> tuple[int, int]:
    """Normalise a (year, month) pair whose month may be 0 or 13."""
    shifted = year * 12 + (month - 1)
    return shifted // 12, shifted % 12 + 1


@dataclass(frozen=True)
class Period:
    """One reporting period: a quarter, a half-year or a year.

    ``index`` is the quarter (1–4) or half (1–2) within ``year``; it is always 1 for a
    year. ``calendar`` selects calendar months instead of the official 15th-to-14th
    cut-off. Construct periods from user text with `parse_period`; the constructor
    raises `ValueError` for an impossible kind, index or year.
    """

    kind: PeriodKind
    year: int
    index: int
    calendar: bool = False

    def __post_init__(self) -> None:
        kind = _check_kind(self.kind)
        if not 1 <= self.index <= _PER_YEAR[kind]:
            raise ValueError(f"{kind} index must be 1..{_PER_YEAR[kind]}, got {self.index}")
        # One year of margin on each side so that start/end are always valid dates.
        if not MINYEAR < self.year < MAXYEAR:
            raise ValueError(f"year must be {MINYEAR + 1}..{MAXYEAR - 1}, got {self.year}")

    # -- dates ----------------------------------------------------------------------

    @property
    def _first_month(self) -> int:
        return (self.index - 1) * _MONTHS[self.kind] + 1

    @property
    def _last_month(self) -> int:
        return self._first_month + _MONTHS[self.kind] - 1

    @property
    def start(self) -> date:
        """The first day of the period."""
        if self.calendar:
            return date(self.year, self._first_month, 1)
        year, month = _month_start(self.year, self._first_month - 1)
        return date(year, month, _CUTOFF_DAY)

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        month = self._last_month
        if self.calendar:
            return date(self.year, month, _calendar.monthrange(self.year, month)[1])
        return date(self.year, month, _CUTOFF_DAY - 1)

    @property
    def days(self) -> int:
        """How many days the period covers, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, d: date) -> bool:
        """Whether day ``d`` falls within the period (both ends included)."""
        return self.start <= d <= self.end

    # -- names ----------------------------------------------------------------------

    @property
    def code(self) -> str:
        """The short code: ``2024-Q3``, ``2024-H1`` or ``2024``."""
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        if self.kind == "half":
            return f"{self.year}-H{self.index}"
        return str(self.year)

    @property
    def label(self) -> str:
        """The Vietnamese name: "Quý III năm 2024", "6 tháng đầu năm 2024", "năm 2024"."""
        if self.kind == "quarter":
            return f"Quý {_ROMAN[self.index - 1]} năm {self.year}"
        if self.kind == "half":
            part = "đầu" if self.index == 1 else "cuối"
            return f"6 tháng {part} năm {self.year}"
        return f"năm {self.year}"

    @property
    def heading(self) -> str:
        """The label with the data range, as a report heading writes it.

        "Quý III năm 2024 (số liệu từ 15/06/2024 đến 14/09/2024)"
        """
        return (
            f"{self.label} (số liệu từ {format_date_vn(self.start)} đến {format_date_vn(self.end)})"
        )

    def __str__(self) -> str:
        return self.code

    # -- neighbours -----------------------------------------------------------------

    @property
    def _ordinal(self) -> int:
        """A running number: consecutive periods of one kind differ by one."""
        return self.year * _PER_YEAR[self.kind] + (self.index - 1)

    def _from_ordinal(self, ordinal: int) -> Period:
        year, offset = divmod(ordinal, _PER_YEAR[self.kind])
        return Period(self.kind, year, offset + 1, self.calendar)

    def previous(self) -> Period:
        """The period of the same kind and calendar flag just before (2024-Q1 → 2023-Q4)."""
        return self._from_ordinal(self._ordinal - 1)

    def next(self) -> Period:
        """The period of the same kind and calendar flag just after (2024-Q4 → 2025-Q1)."""
        return self._from_ordinal(self._ordinal + 1)


# -- parsing periods ----------------------------------------------------------------

_YEAR_ONLY: Final = re.compile(r"([0-9]{4})")
_YEAR_FIRST: Final = re.compile(r"([0-9]{4})-?([QH])([0-9]+)", re.IGNORECASE)
_YEAR_LAST: Final = re.compile(r"([QH])([0-9]+)[/-]([0-9]{4})", re.IGNORECASE)

_HINTS: Final[dict[PeriodKind | None, str]] = {
    "quarter": "viết theo dạng 2024-Q3, Q3/2024 hoặc 2024Q3 (quý 1–4)",
    "half": (
        "viết theo dạng 2024-H1, H1/2024 hoặc 2024H1 (H1: 6 tháng đầu năm, H2: 6 tháng cuối năm)"
    ),
    "year": "viết năm bằng 4 chữ số, ví dụ 2024",
    None: "viết theo dạng 2024-Q3 (quý), 2024-H1 hoặc 2024-H2 (6 tháng), 2024 (năm)",
}


def parse_period(text: str, *, calendar: bool = False, kind: str | None = None) -> Period:
    """Read a period typed by a user.

    Accepted (case-insensitive, surrounding whitespace ignored): ``2024-Q3``, ``2024Q3``,
    ``Q3/2024``, ``Q3-2024``; ``2024-H1``, ``2024H2``, ``H1/2024``, ``H1-2024``; ``2024``.
    The year must be within 1900–2100. With ``kind`` (as the --quarter, --half and --year
    options pass), the text must name a period of that kind.

    Raises `UsageError` with a Vietnamese message and hint for anything else.
    """
    wanted = None if kind is None else _check_kind(kind)
    value = text.strip()

    found: tuple[PeriodKind, str, str] | None = None  # (kind, year, index)
    if m := _YEAR_ONLY.fullmatch(value):
        found = ("year", m[1], "1")
    elif m := _YEAR_FIRST.fullmatch(value):
        found = (_letter_kind(m[2]), m[1], m[3])
    elif m := _YEAR_LAST.fullmatch(value):
        found = (_letter_kind(m[1]), m[3], m[2])

    if found is None:
        raise UsageError(f'kỳ báo cáo "{value}" không hợp lệ', hint=_HINTS[wanted])

    got, year_text, index_text = found
    year, index = int(year_text), int(index_text)
    if wanted is not None and got != wanted:
        raise UsageError(
            f'kỳ báo cáo "{value}" là {_KIND_NAMES[got]}, không phải {_KIND_NAMES[wanted]}',
            hint=_HINTS[wanted],
        )
    if not 1 <= index <= _PER_YEAR[got]:
        raise UsageError(f'kỳ báo cáo "{value}" không hợp lệ', hint=_HINTS[got])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(
            f'kỳ báo cáo "{value}" không hợp lệ: năm phải từ {MIN_YEAR} đến {MAX_YEAR}',
            hint=_HINTS[got],
        )
    return Period(got, year, index, calendar)


def _letter_kind(letter: str) -> PeriodKind:
    return "quarter" if letter.upper() == "Q" else "half"


# -- finding periods ----------------------------------------------------------------


def period_containing(d: date, kind: str, *, calendar: bool = False) -> Period:
    """The period of ``kind`` that day ``d`` falls in.

    For official periods (the default) the days from the 15th of a month on belong to the
    *next* month's period, so a date late in December belongs to the next year:
    2024-12-20 is in official 2025-Q1, 2025-H1 and year 2025 (but calendar 2024-Q4).
    """
    checked = _check_kind(kind)
    year, month = d.year, d.month
    if not calendar and d.day >= _CUTOFF_DAY:
        year, month = _month_start(year, month + 1)
    index = (month - 1) // _MONTHS[checked] + 1
    return Period(checked, year, index, calendar)


def periods_between(start: Period, end: Period) -> list[Period]:
    """Every period from ``start`` to ``end``, both included, oldest first.

    Both must be of the same kind (else `UsageError`) and the same calendar flag (else
    `ValueError`); ``end`` before ``start`` is a `UsageError`.
    """
    if start.kind != end.kind:
        raise UsageError(
            f'kỳ đầu "{start.code}" là {_KIND_NAMES[start.kind]}'
            f' nhưng kỳ cuối "{end.code}" là {_KIND_NAMES[end.kind]}',
            hint="hai kỳ phải cùng loại: cùng là quý, cùng là kỳ 6 tháng hoặc cùng là năm",
        )
    if start.calendar != end.calendar:
        raise ValueError("cannot mix official and calendar periods")
    if end._ordinal < start._ordinal:
        raise UsageError(
            f'kỳ cuối "{end.code}" sớm hơn kỳ đầu "{start.code}"',
            hint="viết kỳ sớm hơn trước, kỳ muộn hơn sau",
        )
    return [start._from_ordinal(o) for o in range(start._ordinal, end._ordinal + 1)]


def last_complete_periods(
    today: date, n: int, kind: str = "quarter", *, calendar: bool = False
) -> list[Period]:
    """The ``n`` most recent periods of ``kind`` that ended before ``today``, newest first.

    The period containing ``today`` is still open and never counted, even on its last
    day. Official 2024-Q3 ends 14/9/2024, so on 15/9/2024 the last two are
    [2024-Q3, 2024-Q2] and on 14/9/2024 they are [2024-Q2, 2024-Q1].
    """
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    result: list[Period] = []
    period = period_containing(today, kind, calendar=calendar)
    for _ in range(n):
        period = period.previous()
        result.append(period)
    return result


# -- dates --------------------------------------------------------------------------

_ISO_DATE: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATE_HINT: Final = "viết theo dạng YYYY-MM-DD, ví dụ 2024-09-30"


def parse_date(text: str, *, what: str = "ngày") -> date:
    """Read a date typed by a user (--today, --as-of): strictly ``YYYY-MM-DD``.

    ``what`` names the value in messages (a Vietnamese noun, e.g. "ngày báo cáo"). The
    year must be within 1900–2100. Raises `UsageError` for anything else.
    """
    value = text.strip()
    m = _ISO_DATE.fullmatch(value)
    if m is None:
        raise UsageError(f'{what} "{value}" không đúng dạng', hint=_DATE_HINT)
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(
            f'{what} "{value}" không hợp lệ: năm phải từ {MIN_YEAR} đến {MAX_YEAR}',
            hint=_DATE_HINT,
        )
    if not 1 <= month <= 12:
        raise UsageError(
            f'{what} "{value}" không tồn tại', hint="tháng phải từ 01 đến 12 (YYYY-MM-DD)"
        )
    last_day = _calendar.monthrange(year, month)[1]
    if not 1 <= day <= last_day:
        raise UsageError(
            f'{what} "{value}" không tồn tại',
            hint=f"tháng {month}/{year} có {last_day} ngày",
        )
    return date(year, month, day)


def format_date_vn(d: date | str) -> str:
    """A date as every screen, table, form and report of cchc writes it: day and month on
    two digits, "01/10/2024", "15/06/2024" (the dd/mm/yyyy the Excel forms use too); a month
    written "YYYY-MM" (a document dated by month) as "10/2024"; other text unchanged. The
    date line of a document follows Nghị định 30 instead (`cchc.present.document`)."""
    if isinstance(d, date):
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    parts = d.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{parts[1]}/{parts[0]}"
    return d


def format_date_iso(d: date) -> str:
    """A date as ``YYYY-MM-DD``: "2024-06-15"."""
    return d.isoformat()
