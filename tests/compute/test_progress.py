"""The progress maths (cchc.compute.progress) on a hand-computed fixture (tests/report_fixture.py).

Quý III năm 2024 (official): 15/6/2024 – 14/9/2024. Expected figures, worked out by hand
(FORMAT 1.1 "Progress: what the numbers mean"; before 1.1 the origin units xa-a1 (of m1)
and snv (of m2) counted as targets and the rate was 2/6):

- targets on 14/9: m1 → xa-a2, xa-b1, xa-b2 (xa-a1 is m1's origin: never its target,
  item 2; xa-a3 ceased 31/8 without successors: dropped and reported; xa-b1 exists from
  1/7); m2 → stp (snv is m2's origin; kh2 issued 1/8, within the period) = 4 targets in 4
  units;
- statuses on 14/9: xa-a2 planned (its implementing event is on 15/9, the day after),
  xa-b1 not-started (no record), xa-b2 ineffective, stp not-started → adopted 0, rate
  0/4 = 0;
- previous quarter (ends 14/6): only cv1; targets xa-a2 planned, xa-a3 effective, xa-b2
  ineffective (xa-b1 not yet) → 1/3; change −1/3; added xa-b1, stp (2), dropped xa-a3 (1),
  common xa-a2, xa-b2: 0/2 now and before.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cchc.compute.progress import compute_report, status_on
from cchc.errors import NotFoundError
from cchc.periods import parse_period
from cchc.pipeline import load_repository
from cchc.schema import Adoption
from cchc.schema.repository import Repository
from tests.helpers import write_tree
from tests.report_fixture import fixture_files

Q3 = parse_period("2024-Q3")


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    root = write_tree(tmp_path / "repo", fixture_files())
    return load_repository(root, today=date(2024, 9, 14))


def test_summary_is_hand_computed(repo: Repository) -> None:
    s = compute_report(repo, Q3).summary
    # FORMAT 1.1 item 2 changes these figures: the origin units are no longer targets
    assert (s.models, s.target_units, s.targets) == (2, 4, 4)
    assert s.counts == {
        "planned": 1,
        "implementing": 0,
        "effective": 0,
        "ineffective": 1,
        "suspended": 0,
        "not-applicable": 0,
        "not-started": 2,
    }
    assert s.adopted == 0
    assert s.rate == 0.0
    assert s.previous_period.code == "2024-Q2"
    assert (s.previous_targets, s.previous_adopted) == (3, 1)
    assert s.previous_rate == pytest.approx(1 / 3)
    assert s.change == pytest.approx(-1 / 3)
    # FORMAT 1.1 item 7: added/dropped targets and the like-for-like rate
    assert (s.added, s.dropped, s.common) == (2, 1, 2)
    assert s.common_rate == 0.0 and s.common_previous_rate == 0.0


def test_models_in_vietnamese_order_with_best_results(repo: Repository) -> None:
    models = compute_report(repo, Q3).models
    assert [m.id for m in models] == ["m2", "m1"]  # "Bộ phận ..." before "Một cửa ..."
    m2, m1 = models
    # FORMAT 1.1 item 2: the origins xa-a1 (m1) and snv (m2) are shown apart, not counted,
    # and their results are no longer their model's highlights (item 6: targets only)
    assert (m1.targets, m1.adopted, m1.rate) == (3, 0, 0.0)
    assert m1.counts["planned"] == m1.counts["ineffective"] == m1.counts["not-started"] == 1
    assert m1.counts["effective"] == 0
    assert m1.best_results == ()  # xa-a2's result ends 30/9, after the day
    assert [(o.unit, o.status) for o in m1.origins] == [("xa-a1", "effective")]
    assert (m2.targets, m2.adopted, m2.rate) == (1, 0, 0.0)
    assert m2.best_results == ()
    assert [(o.unit, o.status) for o in m2.origins] == [("snv", "implementing")]


def test_units_grouped_by_district_and_agency_group(repo: Repository) -> None:
    groups = compute_report(repo, Q3).groups
    # FORMAT 1.1 item 8: the province-level bodies first, then the districts; item 2:
    # xa-a1 and snv stay as units (records of their own), without targets
    assert [(g.id, g.kind, g.targets, g.adopted) for g in groups] == [
        ("tinh", "province", 1, 0),
        ("huyen-a", "district", 1, 0),
        ("huyen-b", "district", 2, 0),
    ]
    units = {u.id: u for g in groups for u in g.units}
    assert [u.id for u in groups[1].units] == ["xa-a1", "xa-a2"]
    assert "xa-a3" not in units  # ceased on 31/8, within the period
    assert units["xa-b1"].models == 1 and units["xa-b1"].last_update is None
    assert units["xa-a1"].last_update == date(2024, 9, 14)
    assert units["xa-a2"].last_update == date(2024, 5, 1)  # the 15/9 event is not yet known
    assert units["snv"].rate is None and units["stp"].rate == 0.0  # snv: origin of m2
    assert units["snv"].other_adopted == 1 and units["xa-a1"].other_adopted == 1


def test_units_to_follow_up_with_days(repo: Repository) -> None:
    """FORMAT 1.1 item 5: cv1's deadline 30/6 has passed: xa-a2 (planned) and xa-b2
    (ineffective) are 76 days late; xa-b1 began 1/7, after the deadline: 14/9 − 1/7 = 75.
    kh2's deadline (31/12) has not passed: stp is listed with the days since kh2 took
    effect (1/8): 44. (Before 1.1 only not-started/ineffective with a passed deadline.)"""
    rows = compute_report(repo, Q3).follow_up
    assert [(o.unit, o.status, o.days_late, o.days_since, o.document) for o in rows] == [
        ("xa-a2", "planned", 76, None, "cv1"),
        ("xa-b2", "ineffective", 76, None, "cv1"),
        ("xa-b1", "not-started", 75, None, "cv1"),
        ("stp", "not-started", None, 44, "kh2"),
    ]


def test_reorganisation_reports_the_dropped_unit(repo: Repository) -> None:
    """xa-a3 (picked by cv1 on 1/2) ceased 31/8 without successors: dropped from m1."""
    reorg = compute_report(repo, Q3).reorganisation
    assert [(e.unit, e.valid_to, e.successors) for e in reorg.ended] == [
        ("xa-a3", date(2024, 8, 31), ())
    ]
    assert [(d.unit, d.model, d.document) for d in reorg.dropped] == [("xa-a3", "m1", "cv1")]
    assert reorg.inherited == ()


def test_results_reported_within_the_period(repo: Repository) -> None:
    results = compute_report(repo, Q3).results
    # xa-a2's result ends 30/9, after the period: not in it.
    assert [(r.unit, r.indicator, r.numerator, r.denominator, r.value) for r in results] == [
        ("snv", "so-luot-tiep-dan", None, None, 120),
        ("xa-a1", "ty-le-ho-so-dung-han", 744, 747, None),
    ]
    assert results[1].rate == pytest.approx(744 / 747)


def test_new_models_in_the_period(repo: Repository) -> None:
    new = compute_report(repo, Q3).new_models
    assert [(m.id, m.status, m.date) for m in new] == [("m3", "proposed", date(2024, 7, 1))]


def test_documents_in_force_at_the_end(repo: Repository) -> None:
    report = compute_report(repo, Q3)
    assert [d.id for d in report.directives] == ["cv1", "kh2"]  # cv3 is dated 1/10
    q2 = compute_report(repo, parse_period("2024-Q2"))
    assert [d.id for d in q2.directives] == ["cv1"]  # kh2 is issued 1/8
    q4 = compute_report(repo, parse_period("2024-Q4"))
    assert [d.id for d in q4.directives] == ["cv1", "kh2", "cv3"]  # by date


def test_event_on_the_day_after_the_end_counts_in_the_next_period(repo: Repository) -> None:
    q4 = compute_report(repo, parse_period("2024-Q4"))
    m1 = next(m for m in q4.models if m.id == "m1")
    assert m1.counts["implementing"] == 1  # xa-a2 from 15/9, the first day of official Q4


def test_calendar_quarter_ends_later(repo: Repository) -> None:
    report = compute_report(repo, parse_period("2024-Q3", calendar=True))
    assert report.as_of == date(2024, 9, 30)
    # xa-a2 implementing from 15/9; FORMAT 1.1 item 2: of 4 targets (origins left out)
    assert report.summary.adopted == 1
    assert report.summary.rate == pytest.approx(0.25)


def test_same_numbers_whatever_is_added_later(tmp_path: Path) -> None:
    files = fixture_files()
    files["data/units/stp.yaml"] += (
        "adoptions:\n  - model: m2\n    history:\n      - {date: 2024-10-01, status: effective}\n"
    )
    root = write_tree(tmp_path / "later", files)
    report = compute_report(load_repository(root), Q3)
    # FORMAT 1.1 item 2: adopted 0 (the origins xa-a1 and snv are not targets)
    assert report.summary.adopted == 0 and report.summary.counts["not-started"] == 2


def test_scope_limits_to_a_subtree(repo: Repository) -> None:
    report = compute_report(repo, Q3, scope="huyen-a")
    # FORMAT 1.1 item 2: xa-a1 is m1's origin, not a target
    assert (report.summary.models, report.summary.targets, report.summary.adopted) == (1, 1, 0)
    assert [m.id for m in report.models] == ["m1"]
    assert [g.id for g in report.groups] == ["huyen-a"]
    assert [r.unit for r in report.results] == ["xa-a1"]
    assert report.summary.previous_targets == 2  # xa-a2, xa-a3 on 14/6


def test_document_limits_to_one_directive(repo: Repository) -> None:
    report = compute_report(repo, Q3, document="kh2")
    assert [m.id for m in report.models] == ["m2"]
    assert report.summary.targets == 1  # FORMAT 1.1 item 2: stp (snv is m2's origin)
    assert report.summary.previous_targets == 0 and report.summary.previous_rate is None
    assert report.summary.change is None
    assert [r.model for r in report.results] == ["m2"]


def test_unknown_scope_and_document(repo: Repository) -> None:
    with pytest.raises(NotFoundError, match="huyen-c"):
        compute_report(repo, Q3, scope="huyen-c")
    with pytest.raises(NotFoundError):
        compute_report(repo, Q3, document="cv9")


def test_status_on_boundaries() -> None:
    adoption = Adoption.model_validate(
        {
            "model": "m1",
            "history": [
                {"date": date(2024, 3, 1), "status": "implementing"},
                {"date": date(2024, 9, 14), "status": "effective"},
            ],
        }
    )
    assert status_on(adoption, date(2024, 2, 29)) == ("not-started", None)
    assert status_on(adoption, date(2024, 3, 1)) == ("implementing", date(2024, 3, 1))
    assert status_on(adoption, date(2024, 9, 13)) == ("implementing", date(2024, 3, 1))
    assert status_on(adoption, date(2024, 9, 14)) == ("effective", date(2024, 9, 14))
    assert status_on(None, date(2024, 9, 14)) == ("not-started", None)


def test_no_targets_gives_no_rate(repo: Repository) -> None:
    report = compute_report(repo, parse_period("2023-Q1"))
    assert report.summary.targets == 0 and report.summary.rate is None
    assert report.models == () and report.groups == ()
