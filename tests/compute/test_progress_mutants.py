"""Section functions of `cchc.compute.progress` on the edges the other tests leave open:
best-result selection, succession through several mergers, grouping on the day of the
two-tier reform, the reorganisation and difficulties sections, the order of the units to
follow up. Written against the mutants mutmut left alive (issue 10); every expectation is
worked out by hand in the docstring.

The period is Quý III năm 2024 (official): 15/6/2024 – 14/9/2024, so DAY = 14/9/2024.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from cchc.compute.progress import (
    TWO_TIER_FROM,
    Directed,
    DroppedRow,
    EndedRow,
    InheritedRow,
    Reorganisation,
    StatusBook,
    Target,
    TargetStatus,
    adoption_index,
    best_results,
    difficulty_rows,
    document_number,
    follow_up_rows,
    group_of,
    group_rows,
    model_rows,
    new_model_rows,
    reorganisation,
    result_rows,
    successors_on,
    summary_section,
    total_targets,
)
from cchc.schema.indicator import Indicator
from tests.compute.test_report_sections import (
    DAY,
    Q3,
    adoption,
    document,
    model,
    repository,
    row,
    unit,
)

# -- best results (FORMAT 1.1 item 6) -----------------------------------------------


def results_of(unit_id: str, *results: dict[str, Any]) -> Any:
    return unit(
        unit_id,
        adoptions=[adoption("m1", (date(2024, 1, 1), "implementing"), results=list(results))],
    )


def rate_result(numerator: int) -> dict[str, Any]:
    return {"indicator": "dung-han", "to": DAY, "numerator": numerator, "denominator": 100}


def best_of(repo: Any, *unit_ids: str) -> list[tuple[str, str]]:
    pairs = [(u, "m1") for u in unit_ids]
    return [(b.indicator, b.unit) for b in best_results(repo, pairs, adoption_index(repo), DAY)]


def test_best_result_higher_is_better_takes_the_highest() -> None:
    """Indicator "dung-han" (higher is better, the default): xa-1 50/100 = 0.5, xa-2 80/100 = 0.8,
    xa-3 60/100 = 0.6 → xa-2, whatever the order of the targets."""
    repo = repository(
        [Indicator(id="dung-han", name="Đúng hạn", unit="percent")],
        results_of("xa-1", rate_result(50)),
        results_of("xa-2", rate_result(80)),
        results_of("xa-3", rate_result(60)),
    )
    assert best_of(repo, "xa-1", "xa-2", "xa-3") == [("dung-han", "xa-2")]
    assert best_of(repo, "xa-3", "xa-2", "xa-1") == [("dung-han", "xa-2")]


def test_best_result_of_an_indicator_without_a_file_is_the_highest() -> None:
    """Indicator "luot" has no file: higher is better by default; xa-1 40, xa-2 90 → xa-2."""
    repo = repository(
        results_of("xa-1", {"indicator": "luot", "to": DAY, "value": 40}),
        results_of("xa-2", {"indicator": "luot", "to": DAY, "value": 90}),
    )
    assert best_of(repo, "xa-1", "xa-2") == [("luot", "xa-2")]


def test_best_result_lower_is_better_and_its_ties() -> None:
    """Indicator "tre-han" (lower is better): xa-1 5, xa-2 2, xa-3 2 → 2, a tie between xa-2
    and xa-3: the smaller id, xa-2, even when listed last; within one unit the result listed
    first."""
    repo = repository(
        [Indicator(id="tre-han", name="Trễ hạn", unit="count", higher_is_better=False)],
        results_of("xa-1", {"indicator": "tre-han", "to": DAY, "value": 5}),
        results_of("xa-3", {"indicator": "tre-han", "to": DAY, "value": 2}),
        results_of(
            "xa-2",
            {"indicator": "tre-han", "to": DAY, "value": 2, "note": "đầu"},
            {"indicator": "tre-han", "to": DAY, "value": 2, "note": "sau"},
        ),
    )
    assert best_of(repo, "xa-3", "xa-1", "xa-2") == [("tre-han", "xa-2")]
    best = best_results(repo, [("xa-2", "m1")], adoption_index(repo), DAY)
    assert len(best) == 1 and best[0].value == 2


def test_a_result_without_a_figure_never_beats_one_with_a_figure() -> None:
    """xa-1's result has no value and no numerator (score None), xa-2's has 3: xa-2 is the
    best whichever comes first (the smaller id, xa-1, is seen first)."""
    repo = repository(
        results_of("xa-1", {"indicator": "luot", "to": DAY, "note": "chưa có số liệu"}),
        results_of("xa-2", {"indicator": "luot", "to": DAY, "value": 3}),
    )
    assert best_of(repo, "xa-1", "xa-2") == [("luot", "xa-2")]
    repo = repository(
        results_of("xa-1", {"indicator": "luot", "to": DAY, "value": 3}),
        results_of("xa-2", {"indicator": "luot", "to": DAY, "note": "chưa có số liệu"}),
    )
    assert best_of(repo, "xa-1", "xa-2") == [("luot", "xa-1")]


def test_best_result_row_carries_the_result() -> None:
    """The row repeats the result: unit name, indicator name, to, numerator, denominator,
    rate 45/50 = 0.9; a result dated exactly on the day counts."""
    repo = repository(
        [Indicator(id="dung-han", name="Đúng hạn", unit="percent")],
        results_of(
            "xa-1",
            {"indicator": "dung-han", "from": date(2024, 7, 1), "to": DAY, "numerator": 45,
             "denominator": 50},
        ),
    )  # fmt: skip
    (best,) = best_results(repo, [("xa-1", "m1")], adoption_index(repo), DAY)
    assert (best.unit, best.unit_name, best.indicator, best.indicator_name) == (
        "xa-1",
        "Đơn vị xa-1",
        "dung-han",
        "Đúng hạn",
    )
    assert (best.to, best.numerator, best.denominator, best.value) == (DAY, 45, 50, None)
    assert best.rate == pytest.approx(0.9)
    assert best_results(repo, [("xa-1", "m1")], adoption_index(repo), DAY - timedelta(1)) == ()


# -- targets: deadlines, succession -------------------------------------------------


def test_total_targets_a_date_beats_none_and_a_tie_keeps_the_first() -> None:
    """Pair (xa-1, m1) directed by cv1 (1/2, no deadline), cv2 (1/3, 30/6), cv3 (1/4, 30/6):
    cv2's date beats none; cv3's equal date does not replace it → (30/6, cv2, 1/3)."""
    june = date(2024, 6, 30)
    docs = [
        document("cv1", date(2024, 2, 1), ["m1"]),
        document("cv2", date(2024, 3, 1), ["m1"], deadline=june),
        document("cv3", date(2024, 4, 1), ["m1"], deadline=june),
    ]
    directed = [Directed(d, ("m1",), {("xa-1", "m1"): ()}, ()) for d in docs]
    assert total_targets(directed) == {("xa-1", "m1"): Target(june, "cv2", date(2024, 3, 1))}
    assert total_targets(reversed(directed)) == {
        ("xa-1", "m1"): Target(june, "cv2", date(2024, 3, 1))
    }


def test_successors_skip_known_and_unknown_ids() -> None:
    """a (ended 31/12/2023) → [ghost, b, c]; b (ended 31/12/2023) → [c, d]; c, d valid.
    ghost is no unit: skipped, not the end of the list; c is met twice: once. → (c, d).
    An unknown unit has no successors."""
    ended = date(2023, 12, 31)
    repo = repository(
        unit("a", valid_to=ended, successors=["ghost", "b", "c"]),
        unit("b", valid_to=ended, successors=["c", "d"]),
        unit("c"),
        unit("d"),
    )
    assert successors_on(repo, "a", DAY) == ("c", "d")
    assert successors_on(repo, "ghost", DAY) == ()


def test_successors_in_a_cycle_of_ended_units_end() -> None:
    """a → b → c → b, all ended: no successor valid on the day, and the walk ends."""
    ended = date(2023, 12, 31)
    repo = repository(
        unit("a", valid_to=ended, successors=["b"]),
        unit("b", valid_to=ended, successors=["c"]),
        unit("c", valid_to=ended, successors=["b"]),
    )
    assert successors_on(repo, "a", DAY) == ()


# -- grouping (FORMAT 1.1 item 8) ---------------------------------------------------


def merged_provinces() -> Any:
    """tinh-a (ends 30/6/2025, successor tinh-b) > huyen-x > xa-x; tinh-b; tinh-c (ends
    30/6/2025, no successor) > so-c (a department)."""
    return repository(
        unit("tinh-a", level="province", valid_to=date(2025, 6, 30), successors=["tinh-b"]),
        unit("huyen-x", "tinh-a", level="district"),
        unit("xa-x", "huyen-x"),
        unit("tinh-b", level="province"),
        unit("tinh-c", level="province", valid_to=date(2025, 6, 30)),
        unit("so-c", "tinh-c", level="province", kind="department"),
    )


def test_grouping_follows_an_ended_province_to_its_successor() -> None:
    """On 14/9/2025 tinh-a has ended: its communes group under its successor tinh-b, its
    district under tinh-b's bodies; tinh-c has no successor: so-c stays under tinh-c. On
    1/3/2025 tinh-a is still valid: huyen-x is a district group, so-c under tinh-c."""
    repo = merged_provinces()
    day = date(2025, 9, 14)
    assert group_of(repo, "xa-x", day) == ("communes", "tinh-b")
    assert group_of(repo, "huyen-x", day) == ("province", "tinh-b")
    assert group_of(repo, "so-c", day) == ("province", "tinh-c")
    assert group_of(repo, "xa-x", date(2025, 3, 1)) == ("district", "huyen-x")
    assert group_of(repo, "so-c", date(2025, 3, 1)) == ("province", "tinh-c")


def test_grouping_changes_on_the_day_of_the_two_tier_reform() -> None:
    """30/6/2025 (last district day): xa-x under huyen-x; 1/7/2025 (first two-tier day):
    xa-x among tinh-a's communes... which has ended on 30/6 → tinh-b; the province group
    is named "Sở, ban, ngành" from that day and "Cơ quan cấp tỉnh" the day before."""
    repo = merged_provinces()
    before = TWO_TIER_FROM - timedelta(1)
    assert group_of(repo, "xa-x", before) == ("district", "huyen-x")
    assert group_of(repo, "xa-x", TWO_TIER_FROM) == ("communes", "tinh-b")
    rows = [row("so-c", "province:tinh-c", 1, 1)]
    assert group_rows(repo, rows, before)[0].name == "Cơ quan cấp tỉnh – Đơn vị tinh-c"
    assert group_rows(repo, rows, TWO_TIER_FROM)[0].name == "Sở, ban, ngành – Đơn vị tinh-c"


def test_grouping_outside_any_province() -> None:
    """A ministry's unit (central level, no province above): grouped by its parent; a root
    unit by itself; an unknown id by itself."""
    repo = repository(
        unit("bo", level="central", kind="department"),
        unit("cuc", "bo", level="central", kind="agency"),
    )
    assert group_of(repo, "cuc", DAY) == ("other", "bo")
    assert group_of(repo, "bo", DAY) == ("other", "bo")
    assert group_of(repo, "ghost", DAY) == ("other", "ghost")


def test_group_totals_and_order() -> None:
    """Groups: province tinh (snv 2 targets, 1 adopted), district huyen-b (xa-b1 3/1),
    district huyen-a (xa-a1 1/1, xa-a2 4/2 → 5 targets, 3 adopted, rate 0.6), other "bo".
    Order: province first, districts by name (Đơn vị huyen-a < Đơn vị huyen-b), other last.
    Applicable = targets here (no not-applicable in `row`)."""
    repo = repository(
        unit("tinh", level="province"),
        unit("huyen-a", "tinh", level="district"),
        unit("huyen-b", "tinh", level="district"),
        unit("bo", level="central", kind="department"),
    )
    rows = [
        row("cuc", "other:bo", 1, 0),
        row("xa-b1", "district:huyen-b", 3, 1),
        row("xa-a2", "district:huyen-a", 4, 2),
        row("snv", "province:tinh", 2, 1),
        row("xa-a1", "district:huyen-a", 1, 1),
    ]
    groups = group_rows(repo, rows, DAY)
    assert [(g.kind, g.id, g.targets, g.adopted, g.applicable) for g in groups] == [
        ("province", "tinh", 2, 1, 2),
        ("district", "huyen-a", 5, 3, 5),
        ("district", "huyen-b", 3, 1, 3),
        ("other", "bo", 1, 0, 1),
    ]
    assert groups[1].rate == pytest.approx(0.6) and groups[2].rate == pytest.approx(1 / 3)
    assert groups[3].name == "Đơn vị bo"


# -- units to follow up (FORMAT 1.1 item 5) -----------------------------------------


def test_follow_up_order_between_zero_and_one_day_since() -> None:
    """No deadlines. "Xã A" directed on the day itself: 0 days since; "Xã B" directed the
    day before: 1 day since → Xã B first (longest since first), though A sorts first by
    name; a late target (deadline 13/9: 1 day late) comes before both."""
    repo = repository(
        unit("xa-a", short_name="Xã A"), unit("xa-b", short_name="Xã B"), unit("xa-c")
    )
    yesterday = DAY - timedelta(1)
    targets = {
        ("xa-a", "m1"): Target(None, "cv2", DAY),
        ("xa-b", "m1"): Target(None, "cv1", yesterday),
        ("xa-c", "m1"): Target(yesterday, "cv1", date(2024, 1, 1)),
    }
    statuses = dict.fromkeys(targets, TargetStatus("not-started", None))
    rows = follow_up_rows(repo, targets, statuses, DAY)
    assert [(r.unit, r.days_late, r.days_since) for r in rows] == [
        ("xa-c", 1, None),
        ("xa-b", None, 1),
        ("xa-a", None, 0),
    ]


# -- reorganisation -----------------------------------------------------------------


def test_reorganisation_is_empty_only_when_all_three_lists_are() -> None:
    ended = EndedRow("xa", "Xã", date(2024, 1, 1), ())
    dropped = DroppedRow("xa", "Xã", None, "m1", "Một cửa", "cv1")
    inherited = InheritedRow("xa-2", "Xã 2", "m1", "Một cửa", "planned", "xa", "Xã")
    assert not Reorganisation((), (), ())
    assert Reorganisation((ended,), (), ())
    assert Reorganisation((), (dropped,), ())
    assert Reorganisation((), (), (inherited,))


def test_reorganisation_lists_ended_units_dropped_targets_and_inherited_statuses() -> None:
    """Day 14/9/2024.
    - xa-1 (ended 30/6) → xa-new: xa-new succeeds it in cv1's targets;
    - xa-2 (ended 31/7, no successor): dropped from cv1 on m1;
    - xa-3 (ended 31/8) passed "planned" on m2 to xa-new (inherited);
    - xa-4 passed a status too but ends on the day itself (14/9): not ended;
    - xa-5 passed a status and has no end date: not ended (and skipped, not the end);
    - xa-ok has its own status: not inherited.
    Ended rows by end date: xa-1 (30/6, successor xa-new), xa-2 (31/7, none), xa-3 (31/8).
    """
    repo = repository(
        unit("xa-1", valid_to=date(2024, 6, 30), successors=["xa-new"]),
        unit("xa-2", valid_to=date(2024, 7, 31), short_name="Xã Hai"),
        unit("xa-3", valid_to=date(2024, 8, 31), successors=["xa-new"], short_name="Xã Ba"),
        unit("xa-4", valid_to=DAY),
        unit("xa-5"),
        unit("xa-new", valid_from=date(2024, 7, 1)),
        unit("xa-ok"),
        model("m1", "Một cửa"),
        model("m2", "Tiếp dân"),
    )
    doc = document("cv1", date(2024, 2, 1), ["m1", "m2"])
    directed = [
        Directed(doc, ("m1", "m2"), {("xa-new", "m1"): ("xa-1",)}, (("xa-2", "m1"),)),
    ]
    statuses = {
        ("xa-ok", "m2"): TargetStatus("effective", date(2024, 3, 1)),
        ("xa-new", "m2"): TargetStatus("planned", date(2024, 5, 1), "xa-3", None),
        ("xa-new", "m1"): TargetStatus("implementing", date(2024, 5, 1), "xa-4", None),
        ("xa-ok", "m1"): TargetStatus("suspended", date(2024, 5, 1), "xa-5", None),
    }
    result = reorganisation(repo, directed, statuses, DAY)
    assert result.ended == (
        EndedRow("xa-1", "Đơn vị xa-1", date(2024, 6, 30), (("xa-new", "Đơn vị xa-new"),)),
        EndedRow("xa-2", "Xã Hai", date(2024, 7, 31), ()),
        EndedRow("xa-3", "Xã Ba", date(2024, 8, 31), (("xa-new", "Đơn vị xa-new"),)),
    )
    assert result.dropped == (
        DroppedRow("xa-2", "Xã Hai", date(2024, 7, 31), "m1", "Một cửa", "cv1"),
    )
    assert [(i.unit, i.model_title, i.status, i.predecessor, i.predecessor_name)
            for i in result.inherited] == [
        ("xa-new", "Một cửa", "implementing", "xa-4", "Đơn vị xa-4"),
        ("xa-new", "Tiếp dân", "planned", "xa-3", "Xã Ba"),
        ("xa-ok", "Một cửa", "suspended", "xa-5", "Đơn vị xa-5"),
    ]  # fmt: skip
    assert result.inherited[1] == InheritedRow(
        "xa-new", "Đơn vị xa-new", "m2", "Tiếp dân", "planned", "xa-3", "Xã Ba"
    )


def test_reorganisation_skips_every_unit_that_has_not_ended() -> None:
    """Ten predecessors pass statuses; only p0 has ended by the day (31/8): one ended row,
    whatever order the units are met in."""
    units = [unit("p0", valid_to=date(2024, 8, 31))]
    units += [unit(f"p{i}", valid_to=DAY + timedelta(i)) for i in range(1, 6)]
    units += [unit(f"p{i}") for i in range(6, 10)]
    statuses = {
        (f"xa-{i}", "m1"): TargetStatus("planned", date(2024, 5, 1), f"p{i}", None)
        for i in range(10)
    }
    result = reorganisation(repository(*units), [], statuses, DAY)
    assert [r.unit for r in result.ended] == ["p0"]
    assert len(result.inherited) == 10 and not result.dropped


# -- results and difficulties -------------------------------------------------------


def test_result_rows_name_the_indicator() -> None:
    """The result's indicator "dung-han" is named "Đúng hạn" from its file; "luot" (no file)
    by its id."""
    repo = repository(
        [Indicator(id="dung-han", name="Đúng hạn", unit="percent")],
        results_of(
            "xa-1",
            {"indicator": "dung-han", "to": DAY, "numerator": 1, "denominator": 2},
            {"indicator": "luot", "to": DAY, "value": 4},
        ),
    )
    rows = result_rows(repo, Q3, None, None)
    assert [(r.indicator, r.indicator_name, r.unit_name) for r in rows] == [
        ("dung-han", "Đúng hạn", "Đơn vị xa-1"),
        ("luot", "luot", "Đơn vị xa-1"),
    ]


def difficulties_repo() -> Any:
    """Day 14/9/2024; "m1 Một cửa", "m2 Tiếp dân".
    - xa-a: m1 implementing 1/3 without difficulties, m2 planned 1/4 "  Thiếu máy scan  ";
    - xa-b: m1 planned 1/4 "Thiếu người";
    - xa-c: m1 planned from 1/10 (no status yet) "Chưa rõ";
    - xa-d: ended 31/8, m1 ineffective 1/5 "Không có kinh phí";
    - xa-e: m1 planned 1/4, difficulties "   " (only spaces)."""
    return repository(
        model("m1", "Một cửa"),
        model("m2", "Tiếp dân"),
        unit(
            "xa-a",
            adoptions=[
                adoption("m1", (date(2024, 3, 1), "implementing")),
                adoption("m2", (date(2024, 4, 1), "planned"), difficulties="  Thiếu máy scan  "),
            ],
        ),
        unit("xa-b", adoptions=[adoption("m1", (date(2024, 4, 1), "planned"),
                                         difficulties="Thiếu người")]),
        unit("xa-c", adoptions=[adoption("m1", (date(2024, 10, 1), "planned"),
                                         difficulties="Chưa rõ")]),
        unit("xa-d", valid_to=date(2024, 8, 31),
             adoptions=[adoption("m1", (date(2024, 5, 1), "ineffective"),
                                 difficulties="Không có kinh phí")]),
        unit("xa-e", adoptions=[adoption("m1", (date(2024, 4, 1), "planned"),
                                         difficulties="   ")]),
    )  # fmt: skip


def test_difficulties_of_valid_units_with_a_status() -> None:
    """No targets, no scope: xa-a (m2, text stripped) and xa-b; not xa-c (no status by the
    day), xa-d (ended), xa-e (blank)."""
    rows = difficulty_rows(difficulties_repo(), {}, None, DAY, None)
    assert [(r.unit, r.model, r.model_title, r.status, r.text) for r in rows] == [
        ("xa-a", "m2", "Tiếp dân", "planned", "Thiếu máy scan"),
        ("xa-b", "m1", "Một cửa", "planned", "Thiếu người"),
    ]
    assert rows[0].unit_name == "Đơn vị xa-a"


def test_difficulties_within_a_scope_of_models_and_of_targets() -> None:
    """Scope {xa-b, xa-d}: xa-b only (xa-d has ended, xa-a is outside). A target is listed
    even when its unit is outside the scope or no longer valid: with targets (xa-a, m2)
    and (xa-d, m1) and scope {xa-b}: xa-a, xa-b, xa-d. Models {m1}: xa-b (and xa-d as a
    target); xa-a's difficulty is on m2."""
    repo = difficulties_repo()
    planned = TargetStatus("planned", date(2024, 4, 1))
    assert [r.unit for r in difficulty_rows(repo, {}, {"xa-b", "xa-d"}, DAY, None)] == ["xa-b"]
    targets = {("xa-a", "m2"): planned, ("xa-d", "m1"): planned}
    assert [r.unit for r in difficulty_rows(repo, targets, {"xa-b"}, DAY, None)] == [
        "xa-a",
        "xa-b",
        "xa-d",
    ]
    only_m1 = difficulty_rows(repo, targets, None, DAY, {"m1"})
    assert [(r.unit, r.status, r.text) for r in only_m1] == [
        ("xa-b", "planned", "Thiếu người"),
        ("xa-d", "ineffective", "Không có kinh phí"),
    ]


def test_follow_up_days_since_never_negative_and_notes_only_with_an_event() -> None:
    """xa-f is directed by a directive starting 3 days after the day (17/9): days since
    14/9 − 17/9 = −3, shown as 0. Its status carries a note but neither an event date nor
    a predecessor: the note is not shown; an inherited status shows its predecessor's name
    and note."""
    repo = repository(unit("xa-f"), unit("xa-old", short_name="Xã Cũ"), unit("xa-g"))
    targets = {
        ("xa-f", "m1"): Target(None, "cv9", DAY + timedelta(3)),
        ("xa-g", "m1"): Target(None, "cv9", DAY),
    }
    statuses = {
        ("xa-f", "m1"): TargetStatus("not-started", None, None, "ghi chú lạc"),
        ("xa-g", "m1"): TargetStatus("planned", date(2024, 5, 1), "xa-old", "kế hoạch cũ"),
    }
    rows = {r.unit: r for r in follow_up_rows(repo, targets, statuses, DAY)}
    assert (rows["xa-f"].days_since, rows["xa-f"].note) == (0, None)
    assert rows["xa-f"].inherited_from_name is None
    assert (rows["xa-g"].inherited_from_name, rows["xa-g"].note) == ("Xã Cũ", "kế hoạch cũ")


# -- summary, models, new models, document numbers ----------------------------------


def test_summary_like_for_like_and_inherited() -> None:
    """Now: (xa-1, m1) effective, (xa-2, m1) planned inherited from xa-0, (xa-3, m1) new
    (implementing). Before: (xa-1, m1) planned, (xa-2, m1) planned, (xa-9, m1) effective.
    Common: xa-1, xa-2 → now 1/2 = 0.5, before 0/2 = 0.0, change 0.5. Added 1 (xa-3),
    dropped 1 (xa-9); inherited 1."""
    now = {
        ("xa-1", "m1"): TargetStatus("effective", date(2024, 7, 1)),
        ("xa-2", "m1"): TargetStatus("planned", date(2024, 2, 1), "xa-0", None),
        ("xa-3", "m1"): TargetStatus("implementing", date(2024, 7, 1)),
    }
    before = {
        ("xa-1", "m1"): TargetStatus("planned", date(2024, 3, 1)),
        ("xa-2", "m1"): TargetStatus("planned", date(2024, 2, 1), "xa-0", None),
        ("xa-9", "m1"): TargetStatus("effective", date(2024, 3, 1)),
    }
    s = summary_section(1, now, Q3.previous(), before, 1)
    assert (s.common, s.added, s.dropped, s.inherited) == (2, 1, 1, 1)
    assert (s.common_rate, s.common_previous_rate, s.common_change) == (0.5, 0.0, 0.5)
    assert s.rate == pytest.approx(2 / 3) and s.previous_rate == pytest.approx(1 / 3)
    assert s.effective_rate == pytest.approx(1 / 3)


def test_model_rows_add_a_model_with_targets_not_in_the_list() -> None:
    """Listed: none; targets on m1 (×2) → one row m1 with 2 targets."""
    repo = repository(model("m1", "Một cửa"))
    statuses = {
        ("xa-1", "m1"): TargetStatus("effective", date(2024, 7, 1)),
        ("xa-2", "m1"): TargetStatus("planned", date(2024, 7, 1)),
    }
    rows = model_rows(repo, [], statuses, StatusBook(repo), DAY)
    assert [(r.id, r.title, r.targets, r.adopted) for r in rows] == [("m1", "Một cửa", 2, 1)]


def test_new_model_rows_fields_and_several_origins() -> None:
    """m0 (listed first) has no event in the period: skipped, not the end of the list.
    m5 (a solution) recognized 1/8, piloted by xa-a and xa-b: origin xa-a, names
    "Xã A; Xã B"."""
    repo = repository(
        unit("xa-a", short_name="Xã A"),
        unit("xa-b", short_name="Xã B"),
        model("m0", "Cũ", history=[{"date": date(2023, 1, 1), "status": "recognized"}]),
        model(
            "m5",
            "Giải pháp",
            kind="solution",
            origin=["xa-a", "xa-b"],
            history=[{"date": date(2024, 8, 1), "status": "recognized"}],
        ),
    )
    (r,) = new_model_rows(repo, Q3, None)
    assert (r.id, r.title, r.kind, r.origin, r.origin_name, r.status, r.date) == (
        "m5",
        "Giải pháp",
        "solution",
        "xa-a",
        "Xã A; Xã B",
        "recognized",
        date(2024, 8, 1),
    )


def test_document_numbers() -> None:
    """A number with "/" is kept as written; a number 5 of a công văn issued by tinh
    (abbreviation "UBND-T") drafted by snv ("SNV") → "05/UBND-T-SNV"; drafted by the
    issuer itself → "05/UBND-T"; a kế hoạch → "05/KH-UBND-T"; an issuer without an
    abbreviation → "UBND"."""
    repo = repository(
        unit("tinh", level="province", abbreviation="UBND-T"),
        unit("snv", "tinh", level="province", kind="department", abbreviation="SNV"),
        unit("huyen", "tinh", level="district"),
    )
    issued = date(2024, 3, 1)

    def number(doc_type: str = "cong-van", **extra: Any) -> str | None:
        return document_number(repo, document("d", issued, ["m1"], doc_type=doc_type, **extra))

    assert number(number="865/UBND-KSTT") == "865/UBND-KSTT"
    assert number(number=5, drafter="snv") == "05/UBND-T-SNV"
    assert number(number=5, drafter="tinh") == "05/UBND-T"
    assert number(number=5) == "05/UBND-T"
    assert number("ke-hoach", number=5) == "05/KH-UBND-T"
    assert number(number=5, issuer="huyen") == "05/UBND"
    assert number() is None
