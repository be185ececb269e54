"""The unit tree and unit selectors of `cchc.schema.selection` on small hand-built trees.

Tree used throughout (level, kind; validity):

    tinh (province, people-committee)
    ├── snv (province, department)
    ├── huyen-a (district, people-committee)
    │   ├── xa-a1 (commune, people-committee; valid 1/3/2024 – 30/6/2024)
    │   └── xa-a2 (commune, people-committee)
    │       └── tram (commune, agency)
    └── huyen-b (district, people-committee)
        └── xa-b1 (commune, people-committee)
"""

from __future__ import annotations

from datetime import date

from cchc.schema.base import Selector
from cchc.schema.selection import SelectorSpec, UnitNode, UnitTree, find_cycles, spec_of

FIRST = date(2024, 3, 1)
LAST = date(2024, 6, 30)


def node(
    unit_id: str,
    parent: str | None,
    level: str = "commune",
    kind: str = "people-committee",
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> UnitNode:
    return UnitNode(unit_id, parent, level, kind, valid_from, valid_to)


def tree() -> UnitTree:
    return UnitTree(
        [
            node("tinh", None, "province"),
            node("snv", "tinh", "province", "department"),
            node("huyen-a", "tinh", "district"),
            node("huyen-b", "tinh", "district"),
            node("xa-a1", "huyen-a", valid_from=FIRST, valid_to=LAST),
            node("xa-a2", "huyen-a"),
            node("tram", "xa-a2", kind="agency"),
            node("xa-b1", "huyen-b"),
        ]
    )


# -- validity -----------------------------------------------------------------------


def test_a_unit_is_valid_on_its_first_and_last_day_only_between_them() -> None:
    """valid 1/3 – 30/6: 29/2 no, 1/3 yes (first day), 30/6 yes (last day), 1/7 no."""
    unit = node("xa", None, valid_from=FIRST, valid_to=LAST)
    assert not unit.valid_on(date(2024, 2, 29))
    assert unit.valid_on(FIRST)
    assert unit.valid_on(date(2024, 5, 1))
    assert unit.valid_on(LAST)
    assert not unit.valid_on(date(2024, 7, 1))


def test_an_open_bound_is_no_limit() -> None:
    """No valid_from: valid on any day up to valid_to; no valid_to: any day from valid_from;
    neither: any day."""
    ends = node("a", None, valid_to=LAST)
    starts = node("b", None, valid_from=FIRST)
    always = node("c", None)
    assert ends.valid_on(date(1990, 1, 1)) and not ends.valid_on(date(2024, 7, 1))
    assert starts.valid_on(date(2099, 1, 1)) and not starts.valid_on(date(2024, 2, 29))
    assert always.valid_on(date(1990, 1, 1)) and always.valid_on(date(2099, 1, 1))


# -- selector facts -----------------------------------------------------------------


def test_spec_of_keeps_each_field_in_its_place() -> None:
    """units → units, within → within, level (one or a list) → levels, kind → kinds."""
    full = Selector.model_validate(
        {"units": ["xa-a1", "xa-a2"], "level": "commune", "kind": ["department", "agency"]}
    )
    assert spec_of(full) == SelectorSpec(
        units=("xa-a1", "xa-a2"), within=None, levels=("commune",), kinds=("department", "agency")
    )
    below = Selector.model_validate({"within": "tinh", "level": ["district", "commune"]})
    assert spec_of(below) == SelectorSpec((), "tinh", ("district", "commune"), ())
    assert spec_of(Selector.model_validate({"within": "tinh"})) == SelectorSpec(within="tinh")


# -- hierarchy ----------------------------------------------------------------------


def test_children_and_descendants() -> None:
    """huyen-a's children: xa-a1, xa-a2; below it also tram (a grandchild), never itself;
    a leaf and an unknown id have none."""
    units = tree()
    assert units.children["huyen-a"] == ["xa-a1", "xa-a2"]
    assert None not in units.children  # the root is nobody's child
    assert sorted(units.descendants("huyen-a")) == ["tram", "xa-a1", "xa-a2"]
    assert sorted(units.descendants("tinh")) == [
        "huyen-a",
        "huyen-b",
        "snv",
        "tram",
        "xa-a1",
        "xa-a2",
        "xa-b1",
    ]
    assert units.descendants("tram") == [] and units.descendants("nowhere") == []


def test_ancestors_nearest_first() -> None:
    """tram → xa-a2 → huyen-a → tinh; the root has none; an unknown id has none."""
    units = tree()
    assert units.ancestors("tram") == ["xa-a2", "huyen-a", "tinh"]
    assert units.ancestors("tinh") == [] and units.ancestors("nowhere") == []


def test_a_parent_cycle_ends_the_walks() -> None:
    """a → b → c → a (a cycle) with d below c: descendants of a are b, c, d (each once, not a
    itself); ancestors of d are c, b, a (then the cycle stops the walk); of a: c, b.
    An unknown parent ends the chain: x's ancestors are [ghost]."""
    units = UnitTree(
        [node("a", "c"), node("b", "a"), node("c", "b"), node("d", "c"), node("x", "ghost")]
    )
    assert sorted(units.descendants("a")) == ["b", "c", "d"]
    assert units.ancestors("d") == ["c", "b", "a"]
    assert units.ancestors("a") == ["c", "b"]
    assert units.ancestors("x") == ["ghost"]
    # the same with d listed before a: from c the walk meets a (already seen) before d
    units = UnitTree([node("d", "c"), node("a", "c"), node("b", "a"), node("c", "b")])
    assert sorted(units.descendants("a")) == ["b", "c", "d"]


# -- selection ----------------------------------------------------------------------


def test_units_listed_are_taken_as_they_are_unknown_ids_skipped() -> None:
    """units [xa-b1, snv, ghost]: xa-b1 and snv (ghost is not in the tree), also when ghost
    comes first."""
    spec = SelectorSpec(units=("xa-b1", "snv", "ghost"))
    assert tree().select([spec], None) == {"xa-b1", "snv"}
    ghost_first = SelectorSpec(units=("ghost", "xa-b1", "snv"))
    assert tree().select([ghost_first], None) == {"xa-b1", "snv"}


def test_within_picks_the_units_below_not_the_unit_itself() -> None:
    """within huyen-a: xa-a1, xa-a2, tram (huyen-a itself is not below itself)."""
    assert tree().select([SelectorSpec(within="huyen-a")], None) == {"xa-a1", "xa-a2", "tram"}


def test_units_take_precedence_over_within() -> None:
    """A selector with both units and within uses its units: [snv] only."""
    spec = SelectorSpec(units=("snv",), within="huyen-a")
    assert tree().select([spec], None) == {"snv"}


def test_a_selector_with_neither_units_nor_within_picks_nothing() -> None:
    """level commune alone names no set of units to filter: nothing, and the next selector
    of the list is still applied (units [snv])."""
    units = tree()
    assert units.select([SelectorSpec(levels=("commune",))], None) == set()
    nothing_then_snv = [SelectorSpec(kinds=("department",)), SelectorSpec(units=("snv",))]
    assert units.select(nothing_then_snv, None) == {"snv"}


def test_level_filter() -> None:
    """Within tinh, level district: huyen-a, huyen-b; levels district or province: also snv;
    listed units are filtered too: [tinh, xa-b1] at level commune → xa-b1."""
    units = tree()
    assert units.select([SelectorSpec(within="tinh", levels=("district",))], None) == {
        "huyen-a",
        "huyen-b",
    }
    both = SelectorSpec(within="tinh", levels=("district", "province"))
    assert units.select([both], None) == {"huyen-a", "huyen-b", "snv"}
    listed = SelectorSpec(units=("tinh", "xa-b1"), levels=("commune",))
    assert units.select([listed], None) == {"xa-b1"}


def test_kind_filter() -> None:
    """Within tinh, kind department: snv only; kind agency: tram only; listed units
    [snv, huyen-a] of kind people-committee: huyen-a. Level and kind together: communes
    that are people's committees below huyen-a: xa-a1, xa-a2 (tram is an agency)."""
    units = tree()
    assert units.select([SelectorSpec(within="tinh", kinds=("department",))], None) == {"snv"}
    assert units.select([SelectorSpec(within="tinh", kinds=("agency",))], None) == {"tram"}
    listed = SelectorSpec(units=("snv", "huyen-a"), kinds=("people-committee",))
    assert units.select([listed], None) == {"huyen-a"}
    both = SelectorSpec(within="huyen-a", levels=("commune",), kinds=("people-committee",))
    assert units.select([both], None) == {"xa-a1", "xa-a2"}


def test_selection_on_a_day_keeps_the_units_valid_that_day() -> None:
    """xa-a1 is valid 1/3 – 30/6/2024: picked on its first and last day, not the day before
    or after; without a day every unit counts."""
    units = tree()
    spec = [SelectorSpec(within="huyen-a", levels=("commune",), kinds=("people-committee",))]
    assert units.select(spec, date(2024, 2, 29)) == {"xa-a2"}
    assert units.select(spec, FIRST) == {"xa-a1", "xa-a2"}
    assert units.select(spec, LAST) == {"xa-a1", "xa-a2"}
    assert units.select(spec, date(2024, 7, 1)) == {"xa-a2"}
    listed = [SelectorSpec(units=("xa-a1",))]
    assert units.select(listed, date(2024, 7, 1)) == set()
    assert units.select(listed, None) == {"xa-a1"}


def test_selectors_are_a_union() -> None:
    """[units snv] ∪ [within huyen-b] ∪ [units xa-b1] = {snv, xa-b1} (each once)."""
    specs = [
        SelectorSpec(units=("snv",)),
        SelectorSpec(within="huyen-b"),
        SelectorSpec(units=("xa-b1",)),
    ]
    assert tree().select(specs, None) == {"snv", "xa-b1"}
    assert tree().select([], None) == set()


# -- cycles -------------------------------------------------------------------------


def test_find_cycles_each_once_from_the_smallest_id() -> None:
    """c → a → b → c is one cycle, reported once as [a, b, c] (rotated to start at its
    smallest id, in parent order); x ↔ y another: [x, y]; s → s (its own parent): [s].
    d → c leads into a cycle without being in it; e → ghost and the root r are no cycle.
    Cycles in the order of their smallest member."""
    parents: dict[str, str | None] = {
        "c": "a",
        "a": "b",
        "b": "c",
        "d": "c",
        "y": "x",
        "x": "y",
        "s": "s",
        "e": "ghost",
        "r": None,
    }
    assert find_cycles(parents) == [["a", "b", "c"], ["s"], ["x", "y"]]
    assert find_cycles({"r": None, "k": "r", "m": "k"}) == []


def test_find_cycles_rotates_to_the_smallest_member() -> None:
    """Walking from "a" reaches the cycle m → z → m through "a" → "z": the cycle is [m, z]
    (rotated from the order it was met, z then m), "a" is not part of it."""
    assert find_cycles({"a": "z", "z": "m", "m": "z"}) == [["m", "z"]]
