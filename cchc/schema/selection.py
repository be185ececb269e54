"""The unit hierarchy and unit selectors (FORMAT.md, "Unit selectors").

Pure functions over light `UnitNode`s, so the validator (from cached facts) and the
reports (from full units) select units the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from cchc.schema.base import Selector, as_tuple


@dataclass(frozen=True, slots=True)
class UnitNode:
    id: str
    parent: str | None
    level: str
    kind: str
    valid_from: date | None = None
    valid_to: date | None = None
    successors: tuple[str, ...] = ()  # the units that took over when it ended

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def ended_before(self, day: date) -> bool:
        return self.valid_to is not None and self.valid_to < day


@dataclass(frozen=True, slots=True)
class SelectorSpec:
    """A selector reduced to what selection needs (tuples: empty = no filter)."""

    units: tuple[str, ...] = ()
    within: str | None = None
    levels: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


def spec_of(selector: Selector) -> SelectorSpec:
    """The selection facts of a validated `Selector` from the data."""
    return SelectorSpec(
        tuple(selector.units or ()),
        selector.within,
        as_tuple(selector.level),
        as_tuple(selector.kind),
    )


class UnitTree:
    """Units by id with their children, for subtree queries and selection."""

    def __init__(self, nodes: Iterable[UnitNode]) -> None:
        self.nodes: dict[str, UnitNode] = {node.id: node for node in nodes}
        self.children: dict[str, list[str]] = {}
        for node in self.nodes.values():
            if node.parent is not None:
                self.children.setdefault(node.parent, []).append(node.id)
        #: descendants by unit, computed once: directives select `within` the same few
        #: units thousands of times (the tree never changes after it is built)
        self._below: dict[str, tuple[str, ...]] = {}

    def descendants(self, unit_id: str) -> list[str]:
        """Every unit below `unit_id` (not itself), cycle-safe."""
        below = self._below.get(unit_id)
        if below is None:
            below = self._below[unit_id] = tuple(self._walk_down(unit_id))
        return list(below)

    def _walk_down(self, unit_id: str) -> list[str]:
        found: list[str] = []
        seen = {unit_id}
        stack = list(self.children.get(unit_id, ()))
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            found.append(current)
            stack.extend(self.children.get(current, ()))
        return found

    def ancestors(self, unit_id: str) -> list[str]:
        """Parents of `unit_id`, nearest first, stopping at a cycle or an unknown id."""
        chain: list[str] = []
        seen = {unit_id}
        node = self.nodes.get(unit_id)
        while node is not None and node.parent is not None and node.parent not in seen:
            chain.append(node.parent)
            seen.add(node.parent)
            node = self.nodes.get(node.parent)
        return chain

    def successors_on(self, unit_id: str, day: date) -> tuple[str, ...]:
        """The successors valid on `day` of a unit, followed through successive mergers (a
        successor that has itself ended by `day` is replaced by its own), by id
        (FORMAT.md 1.1, "Targets")."""
        found: set[str] = set()
        seen = {unit_id}
        start = self.nodes.get(unit_id)
        stack = list(start.successors) if start is not None else []
        while stack:
            successor = stack.pop()
            node = self.nodes.get(successor)
            if successor in seen or node is None:
                continue
            seen.add(successor)
            if node.valid_on(day):
                found.add(successor)
            elif node.ended_before(day):
                stack.extend(node.successors)
        return tuple(sorted(found))

    def standing_for(self, unit_ids: Iterable[str], day: date) -> set[str]:
        """The units valid on `day` that `unit_ids` stand for: a unit itself while valid,
        its successors (`successors_on`) once it has ended, nothing before it begins."""
        found: set[str] = set()
        for unit_id in unit_ids:
            node = self.nodes.get(unit_id)
            if node is None:
                continue
            if node.valid_on(day):
                found.add(unit_id)
            elif node.ended_before(day):
                found.update(self.successors_on(unit_id, day))
        return found

    def select(self, selectors: Iterable[SelectorSpec], day: date | None) -> set[str]:
        """The union of the selectors' units; only units valid on `day` (None: any day)."""
        chosen: set[str] = set()
        for spec in selectors:
            if spec.units:
                candidates: Iterable[str] = spec.units
            elif spec.within is not None:
                candidates = self.descendants(spec.within)
            else:
                continue
            for unit_id in candidates:
                node = self.nodes.get(unit_id)
                if node is None:
                    continue
                if spec.levels and node.level not in spec.levels:
                    continue
                if spec.kinds and node.kind not in spec.kinds:
                    continue
                if day is not None and not node.valid_on(day):
                    continue
                chosen.add(unit_id)
        return chosen


def find_cycles(parents: Mapping[str, str | None]) -> list[list[str]]:
    """Each parent cycle once, as the list of its members starting from the smallest id."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(parents):
        path: list[str] = []
        current: str | None = start
        while current is not None and current in parents and state.get(current) is None:
            state[current] = 1
            path.append(current)
            current = parents[current]
        if current is not None and state.get(current) == 1:
            cycle = path[path.index(current) :]
            pivot = cycle.index(min(cycle))
            cycles.append(cycle[pivot:] + cycle[:pivot])
        for member in path:
            state[member] = 2
    return cycles
