"""Reporting periods: official (Nghị định 09/2019/NĐ-CP cut-off) and calendar."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.errors import UsageError
from cchc.periods import (
    KINDS,
    Period,
    PeriodKind,
    format_date_iso,
    format_date_vn,
    last_complete_periods,
    parse_date,
    parse_period,
    period_containing,
    periods_between,
)

ONE_DAY = timedelta(days=1)


def d(text: str) -> date:
    return date.fromisoformat(text)


# -- what each period covers --------------------------------------------------------

OFFICIAL_2024 = [
    ("2024-Q1", "2023-12-15", "2024-03-14"),
    ("2024-Q2", "2024-03-15", "2024-06-14"),
    ("2024-Q3", "2024-06-15", "2024-09-14"),
    ("2024-Q4", "2024-09-15", "2024-12-14"),
    ("2024-H1", "2023-12-15", "2024-06-14"),
    ("2024-H2", "2024-06-15", "2024-12-14"),
    ("2024", "2023-12-15", "2024-12-14"),
]

CALENDAR_2024 = [
    ("2024-Q1", "2024-01-01", "2024-03-31"),
    ("2024-Q2", "2024-04-01", "2024-06-30"),
    ("2024-Q3", "2024-07-01", "2024-09-30"),
    ("2024-Q4", "2024-10-01", "2024-12-31"),
    ("2024-H1", "2024-01-01", "2024-06-30"),
    ("2024-H2", "2024-07-01", "2024-12-31"),
    ("2024", "2024-01-01", "2024-12-31"),
]

BOTH_2024 = [(code, False, s, e) for code, s, e in OFFICIAL_2024] + [
    (code, True, s, e) for code, s, e in CALENDAR_2024
]


@pytest.mark.parametrize(("code", "start", "end"), OFFICIAL_2024)
def test_official_period_runs_from_the_15th_to_the_14th(code: str, start: str, end: str) -> None:
    period = parse_period(code)
    assert (period.start, period.end) == (d(start), d(end))


@pytest.mark.parametrize(("code", "start", "end"), CALENDAR_2024)
def test_calendar_period_runs_over_whole_months(code: str, start: str, end: str) -> None:
    period = parse_period(code, calendar=True)
    assert (period.start, period.end) == (d(start), d(end))


@pytest.mark.parametrize(("code", "calendar", "start", "end"), BOTH_2024)
def test_first_and_last_day_belong_to_the_period(
    code: str, calendar: bool, start: str, end: str
) -> None:
    period = parse_period(code, calendar=calendar)
    for day in (d(start), d(end)):
        assert period.contains(day)
        assert period_containing(day, period.kind, calendar=calendar) == period


@pytest.mark.parametrize(("code", "calendar", "start", "end"), BOTH_2024)
def test_day_before_and_after_belong_to_the_neighbouring_periods(
    code: str, calendar: bool, start: str, end: str
) -> None:
    period = parse_period(code, calendar=calendar)
    before, after = d(start) - ONE_DAY, d(end) + ONE_DAY
    assert not period.contains(before)
    assert not period.contains(after)
    assert period_containing(before, period.kind, calendar=calendar) == period.previous()
    assert period_containing(after, period.kind, calendar=calendar) == period.next()


def test_official_q1_starts_in_the_previous_year() -> None:
    assert Period("quarter", 2024, 1).start == date(2023, 12, 15)
    assert Period("half", 2024, 1).start == date(2023, 12, 15)
    assert Period("year", 2024, 1).start == date(2023, 12, 15)


def test_late_december_is_in_next_years_official_periods() -> None:
    day = date(2024, 12, 20)
    assert period_containing(day, "quarter") == Period("quarter", 2025, 1)
    assert period_containing(day, "half") == Period("half", 2025, 1)
    assert period_containing(day, "year") == Period("year", 2025, 1)


def test_late_december_is_in_this_years_calendar_periods() -> None:
    day = date(2024, 12, 20)
    assert period_containing(day, "quarter", calendar=True) == Period("quarter", 2024, 4, True)
    assert period_containing(day, "year", calendar=True) == Period("year", 2024, 1, True)


def test_official_cut_off_is_between_the_14th_and_the_15th() -> None:
    assert period_containing(date(2024, 9, 14), "quarter").code == "2024-Q3"
    assert period_containing(date(2024, 9, 15), "quarter").code == "2024-Q4"
    assert period_containing(date(2024, 6, 14), "half").code == "2024-H1"
    assert period_containing(date(2024, 6, 15), "half").code == "2024-H2"
    assert period_containing(date(2024, 12, 14), "year").code == "2024"
    assert period_containing(date(2024, 12, 15), "year").code == "2025"


def test_official_periods_of_a_year_share_its_first_and_last_day() -> None:
    year = Period("year", 2024, 1)
    assert Period("quarter", 2024, 1).start == Period("half", 2024, 1).start == year.start
    assert Period("quarter", 2024, 4).end == Period("half", 2024, 2).end == year.end


# -- leap years ---------------------------------------------------------------------


def test_leap_day_is_in_q1_both_official_and_calendar() -> None:
    leap_day = date(2024, 2, 29)
    assert period_containing(leap_day, "quarter") == Period("quarter", 2024, 1)
    assert period_containing(leap_day, "quarter", calendar=True) == Period(
        "quarter", 2024, 1, calendar=True
    )
    assert Period("quarter", 2024, 1).contains(leap_day)


def test_calendar_q1_ends_on_31_march_in_any_year() -> None:
    assert Period("quarter", 2023, 1, calendar=True).end == date(2023, 3, 31)
    assert Period("quarter", 2024, 1, calendar=True).end == date(2024, 3, 31)


def test_leap_year_makes_q1_one_day_longer() -> None:
    assert Period("quarter", 2023, 1, calendar=True).days == 90
    assert Period("quarter", 2024, 1, calendar=True).days == 91
    # Official 2024-Q1 runs 15/12/2023 – 14/03/2024 and contains 29/02/2024.
    assert Period("quarter", 2023, 1).days == 90
    assert Period("quarter", 2024, 1).days == 91


def test_a_year_has_365_or_366_days() -> None:
    assert Period("year", 2023, 1, calendar=True).days == 365
    assert Period("year", 2024, 1, calendar=True).days == 366
    assert Period("year", 2024, 1).days == 366  # 15/12/2023 – 14/12/2024 holds 29/02/2024
    assert Period("year", 2025, 1).days == 365


# -- neighbours ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "previous"),
    [
        ("2024-Q1", "2023-Q4"),
        ("2024-Q2", "2024-Q1"),
        ("2024-Q4", "2024-Q3"),
        ("2024-H1", "2023-H2"),
        ("2024-H2", "2024-H1"),
        ("2024", "2023"),
        ("2000-Q1", "1999-Q4"),
    ],
)
@pytest.mark.parametrize("calendar", [False, True])
def test_previous_period_crosses_year_boundaries(code: str, previous: str, calendar: bool) -> None:
    period = parse_period(code, calendar=calendar)
    assert period.previous() == parse_period(previous, calendar=calendar)
    assert period.previous().next() == period


def test_previous_keeps_kind_and_calendar_flag() -> None:
    period = Period("half", 2024, 1, calendar=True)
    assert period.previous() == Period("half", 2023, 2, calendar=True)


# -- names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "code", "label"),
    [
        (Period("quarter", 2024, 1), "2024-Q1", "Quý I năm 2024"),
        (Period("quarter", 2024, 2), "2024-Q2", "Quý II năm 2024"),
        (Period("quarter", 2024, 3), "2024-Q3", "Quý III năm 2024"),
        (Period("quarter", 2024, 4), "2024-Q4", "Quý IV năm 2024"),
        (Period("half", 2024, 1), "2024-H1", "6 tháng đầu năm 2024"),
        (Period("half", 2024, 2), "2024-H2", "6 tháng cuối năm 2024"),
        (Period("year", 2024, 1), "2024", "năm 2024"),
    ],
)
def test_code_and_vietnamese_label(period: Period, code: str, label: str) -> None:
    assert period.code == code
    assert str(period) == code
    assert period.label == label


def test_heading_gives_the_data_range_as_dd_mm_yyyy() -> None:
    assert (
        Period("quarter", 2024, 3).heading
        == "Quý III năm 2024 (số liệu từ 15/06/2024 đến 14/09/2024)"
    )
    assert Period("year", 2024, 1).heading == "năm 2024 (số liệu từ 15/12/2023 đến 14/12/2024)"
    assert (
        Period("half", 2024, 1, calendar=True).heading
        == "6 tháng đầu năm 2024 (số liệu từ 01/01/2024 đến 30/06/2024)"
    )


def test_label_and_code_do_not_depend_on_the_calendar_flag() -> None:
    official, calendar = Period("quarter", 2024, 3), Period("quarter", 2024, 3, True)
    assert (official.code, official.label) == (calendar.code, calendar.label)
    assert official != calendar


@pytest.mark.parametrize(
    ("kind", "year", "index"),
    [
        ("quarter", 2024, 0),
        ("quarter", 2024, 5),
        ("half", 2024, 3),
        ("year", 2024, 2),
        ("month", 2024, 1),
        ("quarter", 0, 1),
        ("quarter", 10000, 1),
    ],
)
def test_constructing_an_impossible_period_is_a_programming_error(
    kind: str, year: int, index: int
) -> None:
    with pytest.raises(ValueError):
        Period(kind, year, index)  # type: ignore[arg-type]


# -- parsing periods ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2024-Q3", "2024Q3", "Q3/2024", "Q3-2024", "q3/2024", "2024-q3", "  2024-Q3\n"],
)
def test_quarter_may_be_written_several_ways(text: str) -> None:
    assert parse_period(text) == Period("quarter", 2024, 3)


@pytest.mark.parametrize(
    ("text", "index"),
    [("2024-H1", 1), ("2024H2", 2), ("H1/2024", 1), ("h2-2024", 2), ("2024-h1", 1)],
)
def test_half_may_be_written_several_ways(text: str, index: int) -> None:
    assert parse_period(text) == Period("half", 2024, index)


def test_a_bare_year_is_a_year_period() -> None:
    assert parse_period("2024") == Period("year", 2024, 1)
    assert parse_period(" 2024 ", kind="year") == Period("year", 2024, 1)


def test_calendar_flag_is_carried_into_the_period() -> None:
    assert parse_period("2024-Q3", calendar=True) == Period("quarter", 2024, 3, calendar=True)


@pytest.mark.parametrize(
    "text",
    [
        "2024-Q5",
        "Q0/2024",
        "2024-H3",
        "2024-H0",
        "abc",
        "",
        "   ",
        "24-Q1",
        "2024-Q",
        "Q3/24",
        "2024-Q3-1",
        "2024--Q3",
        "2024/Q3",
        "Q3 2024",
        "2024-M3",
        "20245",
        "1899",
        "2101",
        "1899-Q4",
        "Q1/2101",
        "0000",
        "9999-Q1",
        "2024-Q03x",
        "٢٠٢٤-Q3",
        "２０２４",
        "2024-Q١",
    ],
)
def test_invalid_period_is_a_usage_error_naming_the_value(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_period(text)
    assert f'kỳ báo cáo "{text.strip()}"' in caught.value.message
    assert caught.value.hint is not None
    assert "viết" in caught.value.hint


def test_bad_quarter_number_message_and_hint() -> None:
    with pytest.raises(UsageError) as caught:
        parse_period("2024-Q5")
    assert caught.value.render() == (
        'lỗi: kỳ báo cáo "2024-Q5" không hợp lệ\n'
        "  gợi ý: viết theo dạng 2024-Q3, Q3/2024 hoặc 2024Q3 (quý 1–4)"
    )


def test_unreadable_period_hint_lists_every_form() -> None:
    with pytest.raises(UsageError) as caught:
        parse_period("abc")
    hint = caught.value.hint or ""
    for form in ("2024-Q3", "2024-H1", "2024"):
        assert form in hint


def test_year_outside_1900_2100_is_refused() -> None:
    assert parse_period("1900").year == 1900
    assert parse_period("2100-Q4").year == 2100
    with pytest.raises(UsageError, match="1900 đến 2100"):
        parse_period("2101-Q1")


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("2024-H1", "quarter", 'kỳ báo cáo "2024-H1" là kỳ 6 tháng, không phải quý'),
        ("2024", "quarter", 'kỳ báo cáo "2024" là năm, không phải quý'),
        ("2024-Q3", "half", 'kỳ báo cáo "2024-Q3" là quý, không phải kỳ 6 tháng'),
        ("2024-Q3", "year", 'kỳ báo cáo "2024-Q3" là quý, không phải năm'),
    ],
)
def test_kind_option_requires_a_period_of_that_kind(text: str, kind: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_period(text, kind=kind)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("kind", "example"), [("quarter", "2024-Q3"), ("half", "2024-H1"), ("year", "2024")]
)
def test_kind_option_hint_shows_how_to_write_that_kind(kind: str, example: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_period("abc", kind=kind)
    assert example in (caught.value.hint or "")


def test_kind_option_accepts_a_period_of_that_kind() -> None:
    assert parse_period("Q3/2024", kind="quarter") == Period("quarter", 2024, 3)
    assert parse_period("2024H2", kind="half") == Period("half", 2024, 2)


def test_unknown_kind_argument_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_period("2024", kind="month")
    with pytest.raises(ValueError):
        period_containing(date(2024, 1, 1), "month")


# -- ranges of periods --------------------------------------------------------------


def test_periods_between_includes_both_ends_oldest_first() -> None:
    codes = [p.code for p in periods_between(parse_period("2023-Q3"), parse_period("2024-Q2"))]
    assert codes == ["2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2"]


def test_periods_between_one_period_and_itself_is_that_period() -> None:
    period = parse_period("2024-H2", calendar=True)
    assert periods_between(period, period) == [period]


def test_periods_between_keeps_the_calendar_flag() -> None:
    periods = periods_between(Period("half", 2023, 2, True), Period("half", 2024, 2, True))
    assert [p.code for p in periods] == ["2023-H2", "2024-H1", "2024-H2"]
    assert all(p.calendar for p in periods)


def test_periods_between_refuses_reversed_ends() -> None:
    with pytest.raises(UsageError, match="sớm hơn kỳ đầu"):
        periods_between(parse_period("2024-Q3"), parse_period("2024-Q1"))


def test_periods_between_refuses_mixed_kinds() -> None:
    with pytest.raises(UsageError) as caught:
        periods_between(parse_period("2024-Q1"), parse_period("2024"))
    assert caught.value.message == 'kỳ đầu "2024-Q1" là quý nhưng kỳ cuối "2024" là năm'
    assert "cùng loại" in (caught.value.hint or "")


def test_periods_between_refuses_mixed_calendar_flags() -> None:
    with pytest.raises(ValueError):
        periods_between(Period("quarter", 2024, 1), Period("quarter", 2024, 2, True))


# -- the most recent complete periods -----------------------------------------------


def test_last_complete_periods_newest_first() -> None:
    codes = [p.code for p in last_complete_periods(date(2024, 10, 1), 3)]
    assert codes == ["2024-Q3", "2024-Q2", "2024-Q1"]


def test_a_period_is_complete_only_from_the_day_after_its_end() -> None:
    # Official 2024-Q3 ends 14/09/2024.
    assert [p.code for p in last_complete_periods(date(2024, 9, 14), 2)] == [
        "2024-Q2",
        "2024-Q1",
    ]
    assert [p.code for p in last_complete_periods(date(2024, 9, 15), 2)] == [
        "2024-Q3",
        "2024-Q2",
    ]


def test_last_complete_calendar_periods_cross_the_year() -> None:
    periods = last_complete_periods(date(2024, 1, 1), 2, "quarter", calendar=True)
    assert periods == [Period("quarter", 2023, 4, True), Period("quarter", 2023, 3, True)]


def test_last_complete_periods_of_other_kinds() -> None:
    assert [p.code for p in last_complete_periods(date(2024, 12, 15), 2, "year")] == [
        "2024",
        "2023",
    ]
    assert [p.code for p in last_complete_periods(date(2024, 12, 15), 2, "half")] == [
        "2024-H2",
        "2024-H1",
    ]


def test_zero_periods_is_an_empty_list_and_negative_is_an_error() -> None:
    assert last_complete_periods(date(2024, 1, 1), 0) == []
    with pytest.raises(ValueError):
        last_complete_periods(date(2024, 1, 1), -1)


# -- dates --------------------------------------------------------------------------


def test_parse_date_reads_iso_dates() -> None:
    assert parse_date("2024-09-30") == date(2024, 9, 30)
    assert parse_date(" 2024-02-29 ") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["2024-02-30", "2023-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00"]
)
def test_a_date_that_does_not_exist_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text)
    assert caught.value.message == f'ngày "{text}" không tồn tại'
    assert caught.value.hint


def test_a_nonexistent_day_hint_says_how_long_the_month_is() -> None:
    with pytest.raises(UsageError) as caught:
        parse_date("2023-02-29")
    assert caught.value.hint == "tháng 2/2023 có 28 ngày"


@pytest.mark.parametrize(
    "text",
    [
        "30/02/2024",
        "30/09/2024",
        "2024-9-30",
        "20240930",
        "2024/09/30",
        "",
        "today",
        "2024-09-30T00:00",
        "٢٠٢٤-٠٩-٣٠",
    ],
)
def test_a_date_in_another_format_is_a_usage_error_with_the_iso_hint(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text)
    assert caught.value.hint == "viết theo dạng YYYY-MM-DD, ví dụ 2024-09-30"


def test_parse_date_names_the_value_as_told() -> None:
    with pytest.raises(UsageError) as caught:
        parse_date("hôm nay", what="ngày báo cáo")
    assert caught.value.message.startswith('ngày báo cáo "hôm nay"')


def test_parse_date_refuses_years_outside_1900_2100() -> None:
    with pytest.raises(UsageError, match="1900 đến 2100"):
        parse_date("0001-01-01")


def test_format_dates() -> None:
    assert format_date_vn(date(2024, 6, 15)) == "15/06/2024"
    assert format_date_vn(date(2024, 12, 1)) == "01/12/2024"
    assert format_date_iso(date(2024, 6, 5)) == "2024-06-05"


# -- properties that hold for every period and every day ----------------------------

kinds = st.sampled_from(KINDS)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def periods(draw: st.DrawFn, calendar: bool | None = None) -> Period:
    kind: PeriodKind = draw(kinds)
    count = {"quarter": 4, "half": 2, "year": 1}[kind]
    return Period(
        kind,
        draw(st.integers(1900, 2100)),
        draw(st.integers(1, count)),
        draw(st.booleans()) if calendar is None else calendar,
    )


@given(periods())
def test_consecutive_periods_tile_time(period: Period) -> None:
    following = period.next()
    assert following.start == period.end + ONE_DAY
    assert period.previous().end == period.start - ONE_DAY
    assert following.previous() == period


@given(periods(calendar=False))
def test_official_periods_start_on_the_15th_and_end_on_the_14th(period: Period) -> None:
    assert period.start.day == 15
    assert period.end.day == 14


@given(periods(calendar=True))
def test_calendar_periods_start_on_the_1st_and_end_on_a_months_last_day(
    period: Period,
) -> None:
    assert period.start.day == 1
    assert (period.end + ONE_DAY).day == 1
    assert period.start.year == period.end.year == period.year


@given(dates, kinds, st.booleans())
def test_every_day_is_in_the_period_said_to_contain_it(
    day: date, kind: str, calendar: bool
) -> None:
    period = period_containing(day, kind, calendar=calendar)
    assert period.contains(day)
    assert period.kind == kind
    assert period.calendar == calendar
    assert not period.previous().contains(day)
    assert not period.next().contains(day)


@given(dates, st.booleans())
def test_kinds_nest_a_quarter_lies_within_its_half_and_year(day: date, calendar: bool) -> None:
    quarter = period_containing(day, "quarter", calendar=calendar)
    half = period_containing(day, "half", calendar=calendar)
    year = period_containing(day, "year", calendar=calendar)
    assert year.start <= half.start <= quarter.start <= day <= quarter.end <= half.end <= year.end
    assert quarter.year == half.year == year.year


@given(periods())
def test_code_round_trips_through_parse_period(period: Period) -> None:
    assert parse_period(period.code, calendar=period.calendar) == period
    assert parse_period(period.code, calendar=period.calendar, kind=period.kind) == period


@given(periods())
def test_days_counts_the_dates_from_start_to_end(period: Period) -> None:
    assert period.days == (period.end - period.start).days + 1
    assert period.contains(period.start)
    assert period.contains(period.end)


@given(periods(), st.integers(0, 12))
def test_periods_between_counts_and_tiles(start: Period, steps: int) -> None:
    end = start
    for _ in range(steps):
        end = end.next()
    between = periods_between(start, end)
    assert len(between) == steps + 1
    assert between[0] == start
    assert between[-1] == end
    for earlier, later in itertools.pairwise(between):
        assert later.start == earlier.end + ONE_DAY


@given(dates, st.integers(0, 8), kinds, st.booleans())
def test_last_complete_periods_are_complete_consecutive_and_newest_first(
    today: date, n: int, kind: str, calendar: bool
) -> None:
    periods_found = last_complete_periods(today, n, kind, calendar=calendar)
    assert len(periods_found) == n
    assert all(p.end < today for p in periods_found)
    for newer, older in itertools.pairwise(periods_found):
        assert older == newer.previous()
    if periods_found:
        # The newest complete period is the one just before the one containing today.
        assert periods_found[0].next() == period_containing(today, kind, calendar=calendar)


@given(st.text(max_size=20))
def test_parse_period_raises_only_usage_errors(text: str) -> None:
    try:
        period = parse_period(text)
    except UsageError:
        return
    assert parse_period(period.code) == period


@given(st.from_regex(r"\A\s*(Q|H|q|h)?[0-9]{1,5}[-/]?(Q|H|q|h)?[0-9]{0,5}\s*\Z"))
def test_parse_period_raises_only_usage_errors_on_near_misses(text: str) -> None:
    try:
        period = parse_period(text)
    except UsageError:
        return
    assert parse_period(period.code) == period


@given(st.text(max_size=12) | st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"))
def test_parse_date_raises_only_usage_errors(text: str) -> None:
    try:
        day = parse_date(text)
    except UsageError:
        return
    assert parse_date(format_date_iso(day)) == day


@given(dates)
def test_format_date_iso_round_trips_through_parse_date(day: date) -> None:
    assert parse_date(format_date_iso(day)) == day
