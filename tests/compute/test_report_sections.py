"""Each section function of `cchc.compute.progress` on small hand-built schema objects.

The period is Quý III năm 2024 (official): 15/6/2024 – 14/9/2024, so DAY = 14/9/2024.
Every expected figure is worked out by hand in the test's docstring.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cchc.compute.progress import (
    Directed,
    GroupRow,
    Pair,
    StatusBook,
    Target,
    TargetStatus,
    UnitAdoption,
    UnitRow,
    adoption_index,
    best_results,
    directed_models,
    directive_sections,
    directive_targets,
    directives,
    follow_up_rows,
    group_of,
    group_rows,
    model_rows,
    new_model_rows,
    origin_closure,
    resolve_scope,
    result_rows,
    successors_on,
    summary_section,
    total_targets,
    unit_rows,
)
from cchc.errors import CchcError, NotFoundError, UsageError
from cchc.periods import parse_period
from cchc.schema import Document, Model, Unit
from cchc.schema.indicator import Indicator
from cchc.schema.repository import Repository

Q3 = parse_period("2024-Q3")
DAY = date(2024, 9, 14)
NO_COUNTS = {
    "planned": 0,
    "implementing": 0,
    "effective": 0,
    "ineffective": 0,
    "suspended": 0,
    "not-applicable": 0,
    "not-started": 0,
}


# -- builders -----------------------------------------------------------------------


def unit(
    unit_id: str,
    parent: str | None = None,
    *,
    level: str = "commune",
    kind: str = "people-committee",
    adoptions: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> Unit:
    return Unit.model_validate(
        {
            "id": unit_id,
            "name": f"Đơn vị {unit_id}",
            "kind": kind,
            "level": level,
            "parent": parent,
            "adoptions": adoptions or [],
            **extra,
        }
    )


def adoption(model_id: str, *events: tuple[date, str], **extra: Any) -> dict[str, Any]:
    return {
        "model": model_id,
        "history": [{"date": d, "status": s} for d, s in events],
        **extra,
    }


def model(model_id: str, title: str, **extra: Any) -> Model:
    return Model.model_validate(
        {
            "id": model_id,
            "title": title,
            "kind": "model",
            "areas": ["administrative-procedures"],
            "origin": "tinh",
            "summary": "Tóm tắt.",
            **extra,
        }
    )


def document(
    doc_id: str,
    issued: date,
    models: list[Any],
    select: list[dict[str, Any]] | None = None,
    *,
    doc_type: str = "cong-van",
    **extra: Any,
) -> Document:
    return Document.model_validate(
        {
            "id": doc_id,
            "type": doc_type,
            "issuer": "tinh",
            "date": issued,
            "recipients": [{"text": "Các đơn vị", "select": select or []}],
            "body": [{"heading": "Mô hình", "models": models}],
            **extra,
        }
    )


def repository(*objects: object) -> Repository:
    return Repository.from_objects(Path("."), objects)


def province() -> list[Unit]:
    """tinh > huyen-a > xa-a1, xa-a2; tinh > huyen-b > xa-b1; tinh > snv (a department)."""
    return [
        unit("tinh", level="province"),
        unit("huyen-a", "tinh", level="district"),
        unit("huyen-b", "tinh", level="district"),
        unit("xa-a1", "huyen-a"),
        unit("xa-a2", "huyen-a"),
        unit("xa-b1", "huyen-b"),
        unit("snv", "tinh", level="province", kind="department"),
    ]


def counts(**given: int) -> dict[str, int]:
    return {**NO_COUNTS, **{k.replace("_", "-"): v for k, v in given.items()}}


# -- targets ------------------------------------------------------------------------


def test_scope_units_is_the_subtree() -> None:
    """huyen-a has two communes below it: {huyen-a, xa-a1, xa-a2}."""
    repo = repository(*province())
    scope = resolve_scope(repo, "huyen-a", DAY)
    assert scope is not None and scope.units == {"huyen-a", "xa-a1", "xa-a2"}
    assert scope.notice is None and scope.successors == ()
    assert resolve_scope(repo, None, DAY) is None
    with pytest.raises(NotFoundError, match='không có đơn vị "huyen-c"'):
        resolve_scope(repo, "huyen-c", DAY)


def test_directives_in_force_by_date_then_id() -> None:
    """In force on 14/9: kh (1/1), then cv-a and cv-b (both 1/3, by id); cv-late starts 1/10,
    cv-old ended 31/8, bc is a báo cáo and empty lists no model: 3 directives."""
    repo = repository(
        document("cv-b", date(2024, 3, 1), ["m1"]),
        document("cv-a", date(2024, 3, 1), ["m1"]),
        document("kh", date(2024, 1, 1), ["m1"], doc_type="ke-hoach"),
        document("cv-late", date(2024, 10, 1), ["m1"]),
        document("cv-old", date(2024, 1, 1), ["m1"], valid_to=date(2024, 8, 31)),
        document("bc", date(2024, 1, 1), ["m1"], doc_type="bao-cao"),
        document("empty", date(2024, 1, 1), []),
    )
    assert [d.id for d in directives(repo, DAY, None)] == ["kh", "cv-a", "cv-b"]
    assert [d.id for d in directives(repo, DAY, "cv-b")] == ["cv-b"]
    assert directives(repo, DAY, "cv-late") == []  # a directive, not yet in force
    with pytest.raises(UsageError, match='văn bản "bc" không phải công văn/kế hoạch'):
        directives(repo, DAY, "bc")
    with pytest.raises(NotFoundError, match='không có văn bản "cv9"'):
        directives(repo, DAY, "cv9")


def test_directive_targets_choose_implementers_and_the_earliest_deadline() -> None:
    """cv1 (1/2, deadline 30/6) directs m1 to the communes of the province valid on 14/9:
    xa-a1, xa-a2, xa-b1 (by id; xa-x ceased on 31/8), and m2 to its own implementers [snv].
    cv2 (1/3, deadline 31/5) directs m1 again with the entry's own implementers [xa-a2]:
    xa-a2's deadline becomes 31/5 (earlier), the others keep 30/6. cv3 (1/4, no deadline)
    directs m2 to its recipients, but m2's implementers win: snv keeps cv1's 30/6.
    Targets: 3 (m1) + 1 (m2) = 4; models m1, m2 (first mention).
    """
    units = [*province(), unit("xa-x", "huyen-b", valid_to=date(2024, 8, 31))]
    communes = [{"within": "tinh", "level": "commune"}]
    repo = repository(
        *units,
        model("m1", "Một cửa"),
        model("m2", "Tiếp dân", implementers={"text": "Sở Nội vụ", "select": [{"units": ["snv"]}]}),
        document("cv1", date(2024, 2, 1), ["m1", "m2"], communes, deadline=date(2024, 6, 30)),
        document(
            "cv2",
            date(2024, 3, 1),
            [{"model": "m1", "implementers": {"text": "Xã A2", "select": [{"units": ["xa-a2"]}]}}],
            communes,
            deadline=date(2024, 5, 31),
        ),
        document("cv3", date(2024, 4, 1), ["m2"], communes),
    )
    docs = directives(repo, DAY, None)
    directed = [directive_targets(repo, d, DAY, None) for d in docs]
    assert directed_models(directed, scoped=False) == ["m1", "m2"]
    # xa-x was picked on cv1's first day and ceased without successors: dropped from cv1
    # (FORMAT 1.1 item 2), not from cv2 (which never picked it)
    assert directed[0].dropped == (("xa-x", "m1"),) and directed[1].dropped == ()
    targets = total_targets(directed)
    feb, mar = date(2024, 2, 1), date(2024, 3, 1)
    assert targets == {
        ("xa-a1", "m1"): Target(date(2024, 6, 30), "cv1", feb),
        ("xa-a2", "m1"): Target(date(2024, 5, 31), "cv2", mar),
        ("xa-b1", "m1"): Target(date(2024, 6, 30), "cv1", feb),
        ("snv", "m2"): Target(date(2024, 6, 30), "cv1", feb),
    }
    assert list(targets)[:3] == [("xa-a1", "m1"), ("xa-a2", "m1"), ("xa-b1", "m1")]
    scope = frozenset({"huyen-a", "xa-a1", "xa-a2"})
    scoped = [directive_targets(repo, d, DAY, scope) for d in docs]
    assert list(total_targets(scoped)) == [("xa-a1", "m1"), ("xa-a2", "m1")]
    assert scoped[0].models == ("m1", "m2")  # listed, even if not directed within the scope
    assert scoped[0].dropped == ()  # xa-x is outside the scope
    # on 1/8 xa-x is still valid: 4 communes for m1 + snv for m2 = 5
    on_aug = [directive_targets(repo, d, date(2024, 8, 1), None) for d in docs]
    assert len(total_targets(on_aug)) == 5


def test_directed_models_within_a_scope_only_those_with_targets() -> None:
    """m1, m2, m3 listed; only m3 and m1 have a target: scoped [m1, m3] (listing order)."""
    doc = document("cv1", date(2024, 1, 1), ["m1", "m2", "m3"])
    directed = [Directed(doc, ("m1", "m2", "m3"), {("xa-a1", "m3"): (), ("xa-a1", "m1"): ()}, ())]
    assert directed_models(directed, scoped=False) == ["m1", "m2", "m3"]
    assert directed_models(directed, scoped=True) == ["m1", "m3"]


def test_target_statuses_as_of_the_day() -> None:
    """xa-a1: implementing 1/3, effective 15/9 → implementing since 1/3 on 14/9; xa-a2 has
    no record → not-started; xa-b1 planned from 1/10 → not-started (no event yet)."""
    repo = repository(
        unit(
            "xa-a1",
            adoptions=[
                adoption("m1", (date(2024, 3, 1), "implementing"), (date(2024, 9, 15), "effective"))
            ],
        ),
        unit("xa-a2"),
        unit("xa-b1", adoptions=[adoption("m1", (date(2024, 10, 1), "planned"))]),
    )
    book = StatusBook(repo)
    assert book.status("xa-a1", "m1", DAY) == TargetStatus("implementing", date(2024, 3, 1))
    assert book.status("xa-a2", "m1", DAY) == TargetStatus("not-started", None)
    assert book.status("xa-b1", "m1", DAY) == TargetStatus("not-started", None)
    assert book.status("xa-a1", "m1", date(2024, 9, 15)).status == "effective"


# -- summary ------------------------------------------------------------------------


def test_summary_counts_rates_and_change() -> None:
    """Now: 5 targets in 3 units (xa-a1 ×2, xa-a2 ×2, snv ×1): effective, implementing,
    planned, not-started, ineffective → adopted 1 + 1 = 2, rate 2/5 = 0.4.
    Before: 4 targets, 1 effective → 1/4 = 0.25. Change 0.4 − 0.25 = 0.15."""
    s: dict[Pair, TargetStatus] = {
        ("xa-a1", "m1"): TargetStatus("effective", date(2024, 7, 1)),
        ("xa-a1", "m2"): TargetStatus("implementing", date(2024, 7, 1)),
        ("xa-a2", "m1"): TargetStatus("planned", date(2024, 7, 1)),
        ("xa-a2", "m2"): TargetStatus("not-started", None),
        ("snv", "m2"): TargetStatus("ineffective", date(2024, 7, 1)),
    }
    before: dict[Pair, TargetStatus] = {
        ("xa-a1", "m1"): TargetStatus("effective", date(2024, 3, 1)),
        ("xa-a1", "m2"): TargetStatus("planned", date(2024, 3, 1)),
        ("xa-a2", "m1"): TargetStatus("suspended", date(2024, 3, 1)),
        ("xa-a2", "m2"): TargetStatus("not-started", None),
    }
    summary = summary_section(2, s, Q3.previous(), before, 2)
    assert (summary.models, summary.target_units, summary.targets) == (2, 3, 5)
    assert summary.counts == counts(
        effective=1, implementing=1, planned=1, not_started=1, ineffective=1
    )
    assert summary.adopted == 2 and summary.rate == pytest.approx(0.4)
    assert summary.previous_period.code == "2024-Q2"
    assert (summary.previous_targets, summary.previous_adopted) == (4, 1)
    assert summary.previous_rate == pytest.approx(0.25)
    assert summary.change == pytest.approx(0.15)


def test_summary_without_targets_has_no_rate_and_no_change() -> None:
    """0 targets now → rate None; 1 adopted of 2 before → 0.5; change None (one side None)."""
    before: dict[Pair, TargetStatus] = {
        ("xa-a1", "m1"): TargetStatus("implementing", date(2024, 3, 1)),
        ("xa-a2", "m1"): TargetStatus("planned", date(2024, 3, 1)),
    }
    summary = summary_section(0, {}, Q3.previous(), before, 0)
    assert (summary.targets, summary.adopted, summary.rate) == (0, 0, None)
    assert summary.counts == NO_COUNTS
    assert summary.previous_rate == 0.5 and summary.change is None


# -- models -------------------------------------------------------------------------


def test_model_rows_counts_and_vietnamese_title_order() -> None:
    """m1 "Một cửa": 3 targets, effective + implementing + not-started → 2/3.
    m2 "Bộ phận tiếp dân": 1 target, ineffective → 0/1 = 0.0.
    m3 "Đổi mới": listed, no target → 0 targets, rate None.
    Vietnamese order: "Bộ phận" < "Đổi mới" (Đ after D) < "Một cửa"."""
    repo = repository(
        model("m1", "Một cửa"), model("m2", "Bộ phận tiếp dân"), model("m3", "Đổi mới")
    )
    s: dict[Pair, TargetStatus] = {
        ("xa-a1", "m1"): TargetStatus("effective", date(2024, 7, 1)),
        ("xa-a2", "m1"): TargetStatus("implementing", date(2024, 7, 1)),
        ("xa-b1", "m1"): TargetStatus("not-started", None),
        ("snv", "m2"): TargetStatus("ineffective", date(2024, 7, 1)),
    }
    rows = model_rows(repo, ["m1", "m2", "m3"], s, StatusBook(repo), DAY)
    assert [r.id for r in rows] == ["m2", "m3", "m1"]
    m2, m3, m1 = rows
    assert (m1.targets, m1.adopted) == (3, 2) and m1.rate == pytest.approx(2 / 3)
    assert m1.counts == counts(effective=1, implementing=1, not_started=1)
    assert (m2.targets, m2.adopted, m2.rate) == (1, 0, 0.0)
    assert (m3.targets, m3.adopted, m3.rate, m3.counts) == (0, 0, None, NO_COUNTS)
    assert m1.best_results == m2.best_results == ()


def test_best_results_per_indicator() -> None:
    """Indicator "dung-han" (rate, higher is better): xa-a1 90/100 = 0.9, xa-a2 45/50 = 0.9
    (a tie: the smaller unit id, xa-a1, wins), xa-b1 99/100 = 0.99 but dated 30/9, after
    the day → ignored. Indicator "tre-han" (value, lower is better): xa-a1 7, xa-a2 3 → xa-a2.
    Indicator "luot" (value): xa-b1 120. Best first by score: 120, 3, 0.9; the limit of 3
    is reached."""
    repo = repository(
        [
            Indicator(id="dung-han", name="Đúng hạn", unit="percent"),
            Indicator(id="tre-han", name="Trễ hạn", unit="count", higher_is_better=False),
        ],
        unit(
            "xa-a1",
            adoptions=[
                adoption(
                    "m1",
                    (date(2024, 1, 1), "implementing"),
                    results=[
                        {"indicator": "dung-han", "to": DAY, "numerator": 90, "denominator": 100},
                        {"indicator": "tre-han", "to": DAY, "value": 7},
                    ],
                )
            ],
        ),
        unit(
            "xa-a2",
            adoptions=[
                adoption(
                    "m1",
                    (date(2024, 1, 1), "implementing"),
                    results=[
                        {"indicator": "dung-han", "to": DAY, "numerator": 45, "denominator": 50},
                        {"indicator": "tre-han", "to": DAY, "value": 3},
                    ],
                )
            ],
        ),
        unit(
            "xa-b1",
            adoptions=[
                adoption(
                    "m1",
                    (date(2024, 1, 1), "implementing"),
                    results=[
                        {
                            "indicator": "dung-han",
                            "to": date(2024, 9, 30),
                            "numerator": 99,
                            "denominator": 100,
                        },
                        {"indicator": "luot", "to": DAY, "value": 120},
                    ],
                )
            ],
        ),
    )
    pairs = [("xa-a1", "m1"), ("xa-a2", "m1"), ("xa-b1", "m1")]
    best = best_results(repo, pairs, adoption_index(repo), DAY)
    assert [(b.indicator, b.unit, b.value, b.rate) for b in best] == [
        ("luot", "xa-b1", 120, None),
        ("tre-han", "xa-a2", 3, None),
        ("dung-han", "xa-a1", None, pytest.approx(0.9)),
    ]
    assert best[2].indicator_name == "Đúng hạn" and best[0].indicator_name == "luot"
    reverse = best_results(repo, list(reversed(pairs)), adoption_index(repo), DAY)
    assert reverse == best  # the order of the targets does not matter


# -- units and groups ---------------------------------------------------------------


def test_unit_rows_targets_and_own_adoptions() -> None:
    """Targets: xa-a1 m1 effective, xa-a1 m2 not-started → 1/2 = 0.5; xa-a2 m1 planned →
    0/1. xa-b1 has no target but adopted m3 (implementing since 1/7): a row with 0 targets,
    rate None, other_adopted 1. xa-a2 also adopted m3 from 1/10 (after the day): nothing.
    snv adopted m3 but lies outside the scope; xa-x adopted m3 but ceased on 31/8.
    Rows by id: xa-a1, xa-a2, xa-b1."""
    units = [u for u in province() if u.id not in {"xa-a1", "xa-a2", "xa-b1", "snv"}]
    own = adoption("m3", (date(2024, 7, 1), "implementing"))
    repo = repository(
        *units,
        model("m1", "Một cửa"),
        model("m2", "Tiếp dân"),
        model("m3", "Số hóa"),
        unit(
            "xa-a1",
            "huyen-a",
            adoptions=[
                adoption("m1", (date(2024, 3, 1), "implementing"), (date(2024, 8, 1), "effective"))
            ],
        ),
        unit(
            "xa-a2",
            "huyen-a",
            adoptions=[
                adoption("m1", (date(2024, 5, 1), "planned")),
                adoption("m3", (date(2024, 10, 1), "implementing")),
            ],
        ),
        unit("xa-b1", "huyen-b", adoptions=[own]),
        unit("xa-x", "huyen-b", valid_to=date(2024, 8, 31), adoptions=[own]),
        unit("snv", "tinh", level="province", kind="department", adoptions=[own]),
    )
    s: dict[Pair, TargetStatus] = {
        ("xa-a2", "m1"): TargetStatus("planned", date(2024, 5, 1)),
        ("xa-a1", "m1"): TargetStatus("effective", date(2024, 8, 1)),
        ("xa-a1", "m2"): TargetStatus("not-started", None),
    }
    scope = {"tinh", "huyen-a", "huyen-b", "xa-a1", "xa-a2", "xa-b1", "xa-x"}
    rows = unit_rows(repo, s, scope, DAY)
    assert [(r.id, r.group, r.models, r.adopted, r.rate, r.other_adopted) for r in rows] == [
        ("xa-a1", "district:huyen-a", 2, 1, 0.5, 0),
        ("xa-a2", "district:huyen-a", 1, 0, 0.0, 0),
        ("xa-b1", "district:huyen-b", 0, 0, None, 1),
    ]
    xa_a1, xa_a2, xa_b1 = rows
    assert xa_a1.counts == counts(effective=1, not_started=1)
    assert xa_a1.last_update == date(2024, 8, 1)
    assert xa_a1.adoptions == (UnitAdoption("m1", "Một cửa", "effective", date(2024, 8, 1), True),)
    assert [a.model for a in xa_a2.adoptions] == ["m1"]  # m3 has no status yet
    assert xa_b1.adoptions == (
        UnitAdoption("m3", "Số hóa", "implementing", date(2024, 7, 1), False),
    )
    assert "snv" in [r.id for r in unit_rows(repo, s, None, DAY)]  # without a scope


def row(unit_id: str, group: str, models: int, adopted: int, name: str | None = None) -> UnitRow:
    return UnitRow(
        unit_id,
        name or unit_id,
        group,
        models,
        NO_COUNTS,
        adopted,
        models,
        None,
        None,
        0,
        (),
    )


def test_group_rows_totals_and_order() -> None:
    """huyen-a: xa-a1 2 targets/1 adopted + xa-a2 3/2 → 5 targets, 3 adopted, 3/5 = 0.6.
    tinh (the province-level bodies, FORMAT 1.1 item 8): snv 0/0 → rate None, listed
    first; units within by name ("A" before "B"), not by id."""
    repo = repository(*province())
    rows = [
        row("xa-a2", "district:huyen-a", 3, 2, "A"),
        row("snv", "province:tinh", 0, 0),
        row("xa-a1", "district:huyen-a", 2, 1, "B"),
    ]
    groups = group_rows(repo, rows, DAY)
    assert [(g.id, g.kind, g.name, g.targets, g.adopted) for g in groups] == [
        ("tinh", "province", "Cơ quan cấp tỉnh – Đơn vị tinh", 0, 0),
        ("huyen-a", "district", "Đơn vị huyen-a", 5, 3),
    ]
    assert groups[1].rate == pytest.approx(0.6) and groups[0].rate is None
    assert [u.id for u in groups[1].units] == ["xa-a2", "xa-a1"]
    assert isinstance(groups[0], GroupRow) and groups[0].key == "province:tinh"
    assert group_rows(repo, [row("mat-tich", "other:mat-tich", 1, 0)], DAY)[0].name == "mat-tich"
    after = group_rows(repo, [row("xa-a1", "communes:tinh", 1, 0)], date(2025, 9, 14))
    assert after[0].name == "Xã, phường, đặc khu – Đơn vị tinh"


# -- overdue, results, new models, documents ----------------------------------------


def test_follow_up_rows_days_late_or_since_and_order() -> None:
    """FORMAT 1.1 item 5, day 14/9. Every target not started, planned, suspended or
    ineffective is listed, deadline or not:
    - xa-b1 m1 not-started, deadline 30/6 → 31 (July) + 31 (August) + 14 = 76 days late;
    - xa-b2 m1 ineffective, same deadline → 76; xa-a2 m1 planned, same → 76;
    - xa-a1 m2 not-started, deadline 31/8 → 14 days late;
    - xa-new m1 not-started, deadline 30/6 but the unit began 1/8 → 14/9 − 1/8 = 44 late;
    - snv m2 not-started, deadline 14/9 (not passed): days since cv2 took effect (1/3):
      184 (March–August) + 13 = 197;
    - stp m2 not-started, no deadline: since cv3 (1/4) → 197 − 31 = 166;
    - xa-c1 m2 suspended, no deadline, began 1/9 (after cv3): since 1/9 → 13;
    - xa-ok m1 implementing: not listed.
    Late ones first (most late first), then the others (longest since first); xa-b1 and
    xa-b2 share the name "Xã B": the unit id decides."""
    repo = repository(
        unit("xa-b2", short_name="Xã B"),
        unit("xa-b1", short_name="Xã B"),
        unit("xa-a1"),
        unit("xa-a2", short_name="Xã C"),
        unit("xa-new", valid_from=date(2024, 8, 1)),
        unit("xa-c1", valid_from=date(2024, 9, 1)),
        model("m1", "Một cửa"),
    )
    june, august = date(2024, 6, 30), date(2024, 8, 31)
    feb, mar, apr = date(2024, 2, 1), date(2024, 3, 1), date(2024, 4, 1)
    targets = {
        ("xa-b2", "m1"): Target(june, "cv1", feb),
        ("xa-b1", "m1"): Target(june, "cv1", feb),
        ("xa-a1", "m2"): Target(august, "cv2", mar),
        ("xa-a2", "m1"): Target(june, "cv1", feb),
        ("xa-new", "m1"): Target(june, "cv1", feb),
        ("snv", "m2"): Target(DAY, "cv2", mar),
        ("stp", "m2"): Target(None, "cv3", apr),
        ("xa-c1", "m2"): Target(None, "cv3", apr),
        ("xa-ok", "m1"): Target(june, "cv1", feb),
    }
    s: dict[Pair, TargetStatus] = {
        ("xa-b2", "m1"): TargetStatus("ineffective", date(2024, 6, 1), None, "chậm"),
        ("xa-b1", "m1"): TargetStatus("not-started", None),
        ("xa-a1", "m2"): TargetStatus("not-started", None),
        ("xa-a2", "m1"): TargetStatus("planned", date(2024, 5, 1), "xa-old", "kế hoạch"),
        ("xa-new", "m1"): TargetStatus("not-started", None),
        ("snv", "m2"): TargetStatus("not-started", None),
        ("stp", "m2"): TargetStatus("not-started", None),
        ("xa-c1", "m2"): TargetStatus("suspended", date(2024, 9, 2)),
        ("xa-ok", "m1"): TargetStatus("implementing", date(2024, 9, 2)),
    }
    rows = follow_up_rows(repo, targets, s, DAY)
    assert [(r.unit, r.status, r.days_late, r.days_since) for r in rows] == [
        ("xa-b1", "not-started", 76, None),
        ("xa-b2", "ineffective", 76, None),
        ("xa-a2", "planned", 76, None),
        ("xa-new", "not-started", 44, None),
        ("xa-a1", "not-started", 14, None),
        ("snv", "not-started", None, 197),
        ("stp", "not-started", None, 166),
        ("xa-c1", "suspended", None, 13),
    ]
    by_unit = {r.unit: r for r in rows}
    assert by_unit["xa-a1"].document == "cv2" and by_unit["xa-a1"].deadline == august
    assert by_unit["xa-b2"].note == "chậm" and by_unit["xa-b1"].note is None
    assert (by_unit["xa-a2"].inherited_from, by_unit["xa-a2"].note) == ("xa-old", "kế hoạch")
    assert by_unit["xa-a2"].unit_name == "Xã C" and by_unit["xa-b1"].model_title == "Một cửa"


def test_result_rows_overlapping_the_period() -> None:
    """FORMAT 1.1 item 6: a result belongs to the period its `to` falls in. Q3 = 15/6 –
    14/9. Kept: to 14/9 alone (last day), 15/6 – 15/6 (first day). Dropped: 1/3 – 15/9
    (known only after the cut-off), to 14/6 (before), to 30/9 alone, 15/9 – 30/9 (after).
    m2's result is dropped when only m1 is asked for; huyen-b's units when the scope is
    huyen-a. Order by unit name, model title, indicator, end date."""

    def result(to: date, start: date | None = None) -> dict[str, Any]:
        return {"indicator": "luot", "from": start, "to": to, "value": to.day}

    repo = repository(
        model("m1", "Một cửa"),
        unit(
            "xa-a1",
            "huyen-a",
            adoptions=[
                adoption(
                    "m1",
                    (date(2024, 1, 1), "implementing"),
                    results=[
                        result(date(2024, 9, 15), date(2024, 3, 1)),
                        result(DAY),
                        result(date(2024, 6, 15), date(2024, 6, 15)),
                        result(date(2024, 6, 14)),
                        result(date(2024, 9, 30)),
                        result(date(2024, 9, 30), date(2024, 9, 15)),
                    ],
                ),
                adoption("m2", (date(2024, 1, 1), "planned"), results=[result(DAY)]),
            ],
        ),
        unit(
            "xa-b1",
            "huyen-b",
            adoptions=[
                adoption("m1", (date(2024, 1, 1), "planned"), results=[result(DAY)]),
            ],
        ),
    )
    rows = result_rows(repo, Q3, {"huyen-a", "xa-a1"}, {"m1"})
    assert [(r.unit, r.model, r.from_, r.to) for r in rows] == [
        ("xa-a1", "m1", date(2024, 6, 15), date(2024, 6, 15)),
        ("xa-a1", "m1", None, DAY),
    ]
    everything = result_rows(repo, Q3, None, None)
    assert [(r.unit, r.model_title) for r in everything] == [
        ("xa-a1", "m2"),  # no model file: the title is the id, "m2" < "Một cửa"
        ("xa-a1", "Một cửa"),
        ("xa-a1", "Một cửa"),
        ("xa-b1", "Một cửa"),
    ]


def test_new_model_rows_in_the_period() -> None:
    """m1 proposed 1/7 then piloting 1/8 (both within Q3): one row, the last, piloting 1/8.
    m2 recognized 14/6 (the day before the period): not new. m3 retired 1/7: not a "new"
    status. m4 recognized 15/6 (first day), origin snv: a row, before m1 by date; outside a
    scope of huyen-a it is left out."""
    repo = repository(
        *province(),
        model(
            "m1",
            "Một cửa",
            origin="xa-a1",
            history=[
                {"date": date(2024, 7, 1), "status": "proposed"},
                {"date": date(2024, 8, 1), "status": "piloting"},
            ],
        ),
        model("m2", "Tiếp dân", history=[{"date": date(2024, 6, 14), "status": "recognized"}]),
        model("m3", "Số hóa", history=[{"date": date(2024, 7, 1), "status": "retired"}]),
        model(
            "m4",
            "Zalo",
            origin="snv",
            history=[{"date": date(2024, 6, 15), "status": "recognized"}],
        ),
    )
    rows = new_model_rows(repo, Q3, None)
    assert [(r.id, r.status, r.date, r.origin_name) for r in rows] == [
        ("m4", "recognized", date(2024, 6, 15), "Đơn vị snv"),
        ("m1", "piloting", date(2024, 8, 1), "Đơn vị xa-a1"),
    ]
    assert [r.id for r in new_model_rows(repo, Q3, {"huyen-a", "xa-a1", "xa-a2"})] == ["m1"]


def test_directive_sections_by_date_with_their_models_and_figures() -> None:
    """kh (1/1, number "12/KH-UBND") before cv (1/3, number 7 → "07/UBND": the issuer tinh
    has no abbreviation); cv lists m1 twice (once with its own implementers) and m2: models
    (m1, m2). cv targets on 14/9: m1 → xa-a1 (effective), xa-a2 (not-applicable) and, from
    the second entry, xa-b1 (planned); m2 → xa-a1 (implementing), xa-a2 (no record:
    not-started). Counts: effective 1, implementing 1, planned 1, not-applicable 1,
    not-started 1 → applicable 5 − 1 = 4, rate 2/4, effective rate 1/4 (FORMAT 1.1 item 4);
    follow up: xa-b1 (planned), xa-a2 on m2 (not started) = 2. The issuer tinh ended on
    30/6: the directive stands, marked (item 1)."""
    communes = [{"within": "tinh", "level": "commune"}]
    units = [u for u in province() if u.id not in {"tinh", "xa-a1", "xa-a2"}]
    repo = repository(
        *units,
        unit("tinh", level="province", valid_to=date(2024, 6, 30)),
        unit(
            "xa-a1",
            "huyen-a",
            adoptions=[
                adoption("m1", (date(2024, 2, 1), "effective")),
                adoption("m2", (date(2024, 2, 1), "implementing")),
            ],
        ),
        unit(
            "xa-a2",
            "huyen-a",
            adoptions=[
                {
                    "model": "m1",
                    "history": [{"date": date(2024, 2, 1), "status": "not-applicable",
                                 "note": "không có"}],
                }
            ],
        ),
        unit("xa-b1", "huyen-b", adoptions=[adoption("m1", (date(2024, 5, 1), "planned"))]),
        model("m1", "Một cửa"),
        model("m2", "Tiếp dân"),
    )  # fmt: skip
    only_b1 = {"model": "m1", "heading": "Lần nữa",
               "implementers": {"text": "Xã B1", "select": [{"units": ["xa-b1"]}]}}  # fmt: skip
    docs = [
        document(
            "cv",
            date(2024, 3, 1),
            ["m1", only_b1, "m2"],
            [{"units": ["xa-a1", "xa-a2"]}],
            number=7,
            deadline=date(2024, 6, 30),
        ),
        document("kh", date(2024, 1, 1), ["m3"], communes, doc_type="ke-hoach", number="12"),
    ]
    book = StatusBook(repo)
    sections = directive_sections(
        repo, [directive_targets(repo, d, DAY, None) for d in docs], book, DAY
    )
    assert [(d.id, d.type, d.number, d.issued, d.deadline, d.model_ids) for d in sections] == [
        ("kh", "ke-hoach", "12/KH-UBND", date(2024, 1, 1), None, ("m3",)),
        ("cv", "cong-van", "07/UBND", date(2024, 3, 1), date(2024, 6, 30), ("m1", "m2")),
    ]
    kh, cv = sections
    assert (kh.targets, kh.rate, kh.follow_up) == (3, 0.0, 3)  # xa-a1, xa-a2, xa-b1 on m3
    assert cv.issuer_ended == date(2024, 6, 30) and cv.issuer_name == "Đơn vị tinh"
    assert cv.targets == 5 and cv.counts == counts(
        effective=1, implementing=1, planned=1, not_applicable=1, not_started=1
    )
    assert (cv.adopted, cv.applicable, cv.follow_up) == (2, 4, 2)
    assert cv.rate == pytest.approx(2 / 4) and cv.effective_rate == pytest.approx(1 / 4)
    m1, m2 = cv.models
    assert (m1.id, m1.targets, m1.applicable, m1.rate) == ("m1", 3, 2, 0.5)
    assert (m2.id, m2.targets, m2.rate, m2.effective_rate) == ("m2", 2, 0.5, 0.0)
    assert [(o.unit, o.status) for o in m1.origins] == [("tinh", "not-started")]


def test_errors_name_no_command_line_flag() -> None:
    """Compute raises domain errors; only `cchc report` knows its flags (--scope, ...)."""
    repo = repository(*province(), document("bc", date(2024, 1, 1), ["m1"], doc_type="bao-cao"))
    calls: list[Callable[[], object]] = [
        lambda: resolve_scope(repo, "huyen-c", DAY),
        lambda: directives(repo, DAY, "bc"),
        lambda: directives(repo, DAY, "cv9"),
    ]
    for call in calls:
        with pytest.raises(CchcError) as info:
            call()
        assert "--" not in f"{info.value.message} {info.value.hint}"


# -- succession, inherited status, grouping (FORMAT 1.1 items 2, 3, 8) --------------


def test_successors_followed_through_successive_mergers_and_inherited_status() -> None:
    """xa-1 (ends 31/12/2024) → xa-2 (ends 30/6/2025) → xa-3 (from 1/7/2025): on 14/9/2025
    xa-1's successor valid that day is xa-3; on 1/3/2025 it is xa-2. xa-3 has no record for
    m1: its status is inherited through xa-2 (no record either) from xa-1's record on its
    last day (implementing from 1/6/2024; the effective event of 1/1/2025 comes after xa-1
    ended). A second predecessor xa-9 (ends 30/6/2025, planned) is less advanced. Once xa-3
    records its own event (1/9/2025: planned) its own status wins. origin_closure of a
    model made by xa-1 is {xa-1, xa-2, xa-3}. group_of: xa-3 (commune under tinh) is in
    the communes group after 1/7/2025; xa-1 (under huyen-a) in huyen-a's group before."""
    repo = repository(
        unit("tinh", level="province"),
        unit("huyen-a", "tinh", level="district"),
        unit(
            "xa-1",
            "huyen-a",
            valid_to=date(2024, 12, 31),
            successors=["xa-2"],
            adoptions=[
                adoption("m1", (date(2024, 6, 1), "implementing"), (date(2025, 1, 1), "effective"))
            ],
        ),
        unit("xa-2", "huyen-a", valid_to=date(2025, 6, 30), successors=["xa-3"]),
        unit(
            "xa-9",
            "huyen-a",
            valid_to=date(2025, 6, 30),
            successors=["xa-3"],
            adoptions=[adoption("m1", (date(2024, 1, 1), "planned"))],
        ),
        unit(
            "xa-3",
            "tinh",
            valid_from=date(2025, 7, 1),
            adoptions=[adoption("m1", (date(2025, 9, 1), "planned"))],
        ),
        model("m1", "Một cửa", origin="xa-1"),
    )
    day = date(2025, 9, 14)
    assert successors_on(repo, "xa-1", day) == ("xa-3",)
    assert successors_on(repo, "xa-1", date(2025, 3, 1)) == ("xa-2",)
    assert successors_on(repo, "xa-3", day) == ()
    assert origin_closure(repo, repo.models["m1"]) == {"xa-1", "xa-2", "xa-3"}
    book = StatusBook(repo)
    inherited = book.status("xa-3", "m1", date(2025, 8, 31))
    assert inherited == TargetStatus("implementing", date(2024, 6, 1), "xa-1", None)
    assert book.status("xa-3", "m1", day) == TargetStatus("planned", date(2025, 9, 1))
    assert group_of(repo, "xa-3", day) == ("communes", "tinh")
    assert group_of(repo, "xa-1", date(2024, 9, 14)) == ("district", "huyen-a")
    assert group_of(repo, "huyen-a", day) == ("province", "tinh")
    assert group_of(repo, "tinh", date(2024, 9, 14)) == ("province", "tinh")


def test_unit_labels_tell_same_names_apart_by_parent() -> None:
    repo = repository(
        unit("hcm", level="province", short_name="TP Hồ Chí Minh"),
        unit("bd", level="province", short_name="Bình Dương"),
        unit("snv-hcm", "hcm", level="province", kind="department", short_name="Sở Nội vụ"),
        unit("snv-bd", "bd", level="province", kind="department", short_name="Sở Nội vụ"),
    )
    labels = repo.unit_labels
    assert labels["snv-hcm"] == "Sở Nội vụ (TP Hồ Chí Minh)"
    assert labels["snv-bd"] == "Sở Nội vụ (Bình Dương)"
    assert labels["hcm"] == "TP Hồ Chí Minh"
