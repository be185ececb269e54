"""The hand-checked fixture of FORMAT.md 1.1 with a merger (tests/merger_fixture.py), through
`cchc report --quarter 2025-Q3 -f json`. D = 14/09/2025 (Quý III: 15/6 – 14/09/2025); the
previous quarter ends D' = 14/06/2025. Every figure below is worked out by hand.

Item 1, directives in force on D: cv-a (10/01/2025; its issuer tinh-a ended 30/06/2025: it
stands, flagged) and kh-b (01/08/2025), by date.

Item 2, targets on D:
- cv-a, m1 (communes of tinh-a): none picked on D (they all ended); picked on 10/1:
  xa-1..xa-4 → successors xa-moi-1 (xa-1, xa-2), xa-moi-2 (xa-3, xa-4). m1's origin is
  xa-1, so xa-1 and its successor xa-moi-1 are never m1's targets → (xa-moi-2, m1).
- cv-a, m2 (origin tinh-b): (xa-moi-1, m2), (xa-moi-2, m2).
- cv-a, m3 (districts of tinh-a): huyen-1, huyen-2 ended without successors → dropped,
  reported; no target.
- cv-a, m4 (departments of tinh-a): snv-a → snv-b, sxd-a → sxd-b: (snv-b, m4), (sxd-b, m4).
- kh-b (departments of tinh-b on 1/8 and D: snv-b, sxd-b), m2: both; m3 (origin snv-b):
  (sxd-b, m3); m4: (snv-b, m4), (sxd-b, m4) — also directed by cv-a: once in the totals,
  with cv-a's earlier deadline 30/6, and once in each directive's section.
Totals: 5 + 5 − 2 = 8 targets in 4 units (xa-moi-1, xa-moi-2, snv-b, sxd-b); 4 models.

Item 3, statuses on D:
- (xa-moi-2, m1): no own record; predecessors on 30/6: xa-3 planned, xa-4 ineffective →
  ineffective (more advanced), inherited from xa-4, note "Thiếu nhân lực";
- (xa-moi-1, m2): xa-1 implementing, xa-2 effective → effective, inherited from xa-2;
- (xa-moi-2, m2): its own first event is 15/9 (after D) → inherited: xa-3 not-applicable
  (xa-4 has no record) → not-applicable from xa-3;
- (snv-b, m4): inherited effective from snv-a; (sxd-b, m4): own implementing (1/9)
  (the predecessor's "suspended" is not used once the unit has its own event);
- (snv-b, m2): own implementing; (sxd-b, m2), (sxd-b, m3): not started.
Counts: effective 2, implementing 2, ineffective 1, not-applicable 1, not-started 2;
inherited 4.

Item 4: adopted 4; applicable 8 − 1 = 7; rate 4/7; effective rate 2/7.
Per directive: cv-a: eff 2, impl 1, ineff 1, n/a 1 → 5 targets, applicable 4, rate 3/4,
effective 2/4, follow-up 1. kh-b: impl 2, eff 1, not started 2 → 5, rate 3/5, effective
1/5, follow-up 2. cv-a models: m1 1 target 0/1; m2 2 targets (eff, n/a) → 1/1; m3 0 → "–";
m4 2 (eff, impl) → 2/2, effective 1/2. kh-b models: m2 (impl, not started) 1/2, effective
0; m3 0/1; m4 2/2, effective 1/2. Origins shown apart: m1 xa-1 (effective, on its last
day) and its successor xa-moi-1 (effective, inherited from xa-1); m2 tinh-b effective;
m3 snv-b not started; m4 tinh-c not started.
Totals by model (Vietnamese order: Hẹn < Một < Số < Tiếp): m4 2 → 1.0 (eff 0.5); m1 1 →
0.0; m3 1 → 0.0; m2 4 (eff, n/a, impl, not started) → applicable 3, rate 2/3, eff 1/3.

Item 5, follow-up on D: (xa-moi-2, m1) ineffective: deadline 30/6, unit began 1/7 → D −
1/7 = 31 + 31 + 13 = 75 days late; (sxd-b, m3) and (sxd-b, m2) not started, kh-b's deadline
31/12 not passed: days since kh-b took effect (1/8, after sxd-b began 1/7) = 31 + 13 = 44;
order: late first, then m3 "Số hóa" before m2 "Tiếp dân" (same unit, same days).

Item 6: results with `to` in 15/6 – 14/9: snv-a 95/100 (to 30/6), snv-b 50 (to 1/9).
Highlights of m2 (totals, and kh-b's m2): snv-b "luot" 50; cv-a's m2 (xa-moi-*): none;
m4: none (the 95/100 is the predecessor's, not a target's).

Item 7: on D' only cv-a; targets: m1 xa-2, xa-3, xa-4 (xa-1 is the origin); m2 xa-1..4;
m3 huyen-1, huyen-2; m4 snv-a, sxd-a = 11. Statuses on 14/6: xa-2 m1 not started, xa-3
planned, xa-4 ineffective; xa-1 m2 implementing, xa-2 effective, xa-3 n/a, xa-4 not
started; huyen-1, huyen-2 not started; snv-a effective, sxd-a suspended → adopted 3,
applicable 10, rate 0.3, effective 0.2; change 4/7 − 0.3. No target is common (all are
successors now): added 8, dropped 11, common 0, like-for-like rate "–".

Item 8 (D after 01/07/2025): groups "Sở, ban, ngành – UBND tỉnh B" (snv-b 2 targets 2
adopted, sxd-b 3/1, tinh-b 0 targets with its own m2 record: 5 targets, 3 adopted, rate
3/5) then "Xã, phường, đặc khu – UBND tỉnh B" (xa-moi-1 1/1, xa-moi-2 2/0 with 1 n/a:
3 targets, 1 adopted, applicable 2, rate 1/2). "Sở Nội vụ" and "Sở Xây dựng" exist in
both provinces: named "Sở Nội vụ (UBND tỉnh B)".

Reorganisation: ended snv-a, sxd-a, huyen-1, huyen-2, xa-1..xa-4 (all 30/6) with their
successors; dropped huyen-1, huyen-2 for m3; 4 inherited statuses.
Difficulties: sxd-b's m4 record "Chưa có phần mềm." (snv-a's ended record is not shown).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run_cli, write_tree
from tests.merger_fixture import MERGER

NO = {
    "planned": 0,
    "implementing": 0,
    "effective": 0,
    "ineffective": 0,
    "suspended": 0,
    "not-applicable": 0,
    "not-started": 0,
}


def counts(**given: int) -> dict[str, int]:
    return {**NO, **{k.replace("_", "-"): v for k, v in given.items()}}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "repo", MERGER)


def report(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> Any:
    run = run_cli(capsys, "report", "-q", "2025-Q3", "--root", root, "-f", "json", *extra)
    assert run.code == 0, run.err
    return run.json()


def test_summary_and_previous_period(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    s = report(capsys, root)["summary"]
    assert (s["directives"], s["models"], s["target_units"], s["targets"]) == (2, 4, 4, 8)
    assert s["counts"] == counts(
        effective=2, implementing=2, ineffective=1, not_applicable=1, not_started=2
    )
    assert (s["inherited"], s["adopted"], s["applicable"], s["follow_up"]) == (4, 4, 7, 3)
    assert s["rate"] == pytest.approx(4 / 7) and s["effective_rate"] == pytest.approx(2 / 7)
    assert s["previous"] == {
        "period": "2025-Q2",
        "start": "2025-03-15",
        "end": "2025-06-14",
        "targets": 11,
        "adopted": 3,
        "applicable": 10,
        "rate": pytest.approx(0.3),
        "effective_rate": pytest.approx(0.2),
    }
    assert s["change"] == pytest.approx(4 / 7 - 0.3)
    assert (s["added"], s["dropped"]) == (8, 11)
    assert s["common"] == {"targets": 0, "rate": None, "previous_rate": None, "change": None}


def test_directive_sections(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    data = report(capsys, root)
    cv, kh = data["directives"]
    assert (cv["id"], cv["number"], cv["issuer"], cv["issuer_ended"], cv["deadline"]) == (
        "cv-a",
        "12/UBND-SNV",
        "tinh-a",
        "2025-06-30",
        "2025-06-30",
    )
    assert (kh["id"], kh["number"], kh["issuer_ended"], kh["deadline"]) == (
        "kh-b",
        "45/KH-UBND",
        None,
        "2025-12-31",
    )
    assert cv["counts"] == counts(effective=2, implementing=1, ineffective=1, not_applicable=1)
    assert (cv["targets"], cv["adopted"], cv["applicable"], cv["follow_up"]) == (5, 3, 4, 1)
    assert (cv["rate"], cv["effective_rate"]) == (0.75, 0.5)
    assert kh["counts"] == counts(effective=1, implementing=2, not_started=2)
    assert (kh["targets"], kh["adopted"], kh["applicable"], kh["follow_up"]) == (5, 3, 5, 2)
    assert kh["rate"] == pytest.approx(0.6) and kh["effective_rate"] == pytest.approx(0.2)
    rows = [
        (m["id"], m["targets"], m["applicable"], m["rate"], m["effective_rate"])
        for m in cv["models"]
    ]
    assert rows == [
        ("m1", 1, 1, 0.0, 0.0),
        ("m2", 2, 1, 1.0, 1.0),
        ("m3", 0, 0, None, None),
        ("m4", 2, 2, 1.0, 0.5),
    ]
    origins = {m["id"]: [(o["unit"], o["status"]) for o in m["origins"]] for m in cv["models"]}
    assert origins == {
        "m1": [("xa-1", "effective"), ("xa-moi-1", "effective")],
        "m2": [("tinh-b", "effective")],
        "m3": [("snv-b", "not-started")],
        "m4": [("tinh-c", "not-started")],
    }
    assert all(m["best_results"] == [] for m in cv["models"])
    assert [(d["unit"], d["model"]) for d in cv["dropped"]] == [
        ("huyen-1", "m3"),
        ("huyen-2", "m3"),
    ]
    kh_rows = [(m["id"], m["targets"], m["rate"], m["effective_rate"]) for m in kh["models"]]
    assert kh_rows == [("m2", 2, 0.5, 0.0), ("m3", 1, 0.0, 0.0), ("m4", 2, 1.0, 0.5)]
    assert [(b["unit"], b["value"]) for b in kh["models"][0]["best_results"]] == [("snv-b", 50)]


def test_models_over_all_directives(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    models = report(capsys, root)["models"]
    rows = [
        (m["id"], m["targets"], m["adopted"], m["applicable"], m["rate"], m["effective_rate"])
        for m in models
    ]
    assert rows == [
        ("m4", 2, 2, 2, 1.0, 0.5),
        ("m1", 1, 0, 1, 0.0, 0.0),
        ("m3", 1, 0, 1, 0.0, 0.0),
        ("m2", 4, 2, 3, pytest.approx(2 / 3), pytest.approx(1 / 3)),
    ]
    assert models[3]["counts"] == counts(
        effective=1, implementing=1, not_applicable=1, not_started=1
    )
    assert [(b["unit"], b["indicator"], b["value"]) for b in models[3]["best_results"]] == [
        ("snv-b", "luot", 50)
    ]


def test_groups_after_the_two_tier_reform(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    groups = report(capsys, root)["groups"]
    assert [
        (g["id"], g["kind"], g["name"], g["targets"], g["adopted"], g["applicable"], g["rate"])
        for g in groups
    ] == [
        ("tinh-b", "province", "Sở, ban, ngành – UBND tỉnh B", 5, 3, 5, 0.6),
        ("tinh-b", "communes", "Xã, phường, đặc khu – UBND tỉnh B", 3, 1, 2, 0.5),
    ]
    units = [
        [(u["id"], u["name"], u["models"], u["adopted"], u["other_adopted"]) for u in g["units"]]
        for g in groups
    ]
    assert units == [
        [
            ("snv-b", "Sở Nội vụ (UBND tỉnh B)", 2, 2, 0),
            ("sxd-b", "Sở Xây dựng (UBND tỉnh B)", 3, 1, 0),
            ("tinh-b", "UBND tỉnh B", 0, 0, 1),
        ],
        [("xa-moi-1", "UBND xã Mới 1", 1, 1, 0), ("xa-moi-2", "UBND xã Mới 2", 2, 0, 0)],
    ]
    xa_moi_2 = {a["model"]: a for a in groups[1]["units"][1]["adoptions"]}
    assert (xa_moi_2["m1"]["status"], xa_moi_2["m1"]["inherited_from"]) == ("ineffective", "xa-4")
    assert (xa_moi_2["m2"]["status"], xa_moi_2["m2"]["inherited_from"]) == (
        "not-applicable",
        "xa-3",
    )


def test_follow_up(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    rows = report(capsys, root)["follow_up"]
    assert [
        (
            r["unit"],
            r["model"],
            r["status"],
            r["inherited_from"],
            r["deadline"],
            r["days_late"],
            r["days_since"],
            r["document"],
            r["note"],
        )
        for r in rows
    ] == [
        ("xa-moi-2", "m1", "ineffective", "xa-4", "2025-06-30", 75, None, "cv-a", "Thiếu nhân lực"),
        ("sxd-b", "m3", "not-started", None, "2025-12-31", None, 44, "kh-b", None),
        ("sxd-b", "m2", "not-started", None, "2025-12-31", None, 44, "kh-b", None),
    ]
    assert rows[0]["inherited_from_name"] == "UBND xã 4"


def test_reorganisation_results_difficulties(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    data = report(capsys, root)
    reorg = data["reorganisation"]
    ended = [
        (e["unit"], e["valid_to"], [s["unit"] for s in e["successors"]]) for e in reorg["ended"]
    ]
    assert ended == [
        ("snv-a", "2025-06-30", ["snv-b"]),
        ("sxd-a", "2025-06-30", ["sxd-b"]),
        ("huyen-1", "2025-06-30", []),
        ("huyen-2", "2025-06-30", []),
        ("xa-1", "2025-06-30", ["xa-moi-1"]),
        ("xa-2", "2025-06-30", ["xa-moi-1"]),
        ("xa-3", "2025-06-30", ["xa-moi-2"]),
        ("xa-4", "2025-06-30", ["xa-moi-2"]),
    ]
    assert [(d["unit"], d["model"], d["document"]) for d in reorg["dropped"]] == [
        ("huyen-1", "m3", "cv-a"),
        ("huyen-2", "m3", "cv-a"),
    ]
    assert [(h["unit"], h["model"], h["status"], h["predecessor"]) for h in reorg["inherited"]] == [
        ("snv-b", "m4", "effective", "snv-a"),
        ("xa-moi-1", "m2", "effective", "xa-2"),
        ("xa-moi-2", "m1", "ineffective", "xa-4"),
        ("xa-moi-2", "m2", "not-applicable", "xa-3"),
    ]
    assert [(r["unit"], r["unit_name"], r["numerator"], r["value"]) for r in data["results"]] == [
        ("snv-a", "Sở Nội vụ (UBND tỉnh A)", 95, None),
        ("snv-b", "Sở Nội vụ (UBND tỉnh B)", None, 50),
    ]
    assert [(d["unit"], d["model"], d["status"], d["text"]) for d in data["difficulties"]] == [
        ("sxd-b", "m4", "implementing", "Chưa có phần mềm.")
    ]
    assert data["new_models"] == []


def test_scope_that_has_ended_is_followed(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    """--scope tinh-a (merged into tinh-b): the whole of tinh-b, with a notice (8 targets).
    --scope huyen-1 (abolished, no successor): its communes' successor xa-moi-1 → 1 target
    (xa-moi-1, m2), and cv-a's m3 dropped at huyen-1, with a notice. Unknown: exit 2."""
    merged = report(capsys, root, "--scope", "tinh-a")
    assert merged["summary"]["targets"] == 8
    assert "UBND tỉnh A đã kết thúc hoạt động ngày 30/06/2025" in merged["scope_notice"]
    assert "kế thừa: UBND tỉnh B" in merged["scope_notice"]
    district = report(capsys, root, "--scope", "huyen-1")
    assert district["summary"]["targets"] == 1 and district["summary"]["rate"] == 1.0
    assert "không có đơn vị kế thừa" in district["scope_notice"]
    assert [(d["unit"], d["model"]) for d in district["reorganisation"]["dropped"]] == [
        ("huyen-1", "m3")
    ]
    run = run_cli(capsys, "report", "-q", "2025-Q3", "--root", root, "--scope", "huyen-9")
    assert run.code == 2 and 'không có đơn vị "huyen-9"' in run.err


def test_text_names_the_inherited_status(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    run = run_cli(capsys, "report", "-q", "2025-Q3", "--root", root, "-f", "md")
    assert run.code == 0, run.err
    assert "Triển khai chưa hiệu quả (kế thừa UBND xã 4)" in run.out
    assert "UBND tỉnh A (đã kết thúc ngày 30/06/2025)" in run.out
    assert "## V. Sắp xếp tổ chức bộ máy, đơn vị hành chính" in run.out
