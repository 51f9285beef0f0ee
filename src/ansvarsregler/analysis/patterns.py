"""Merge sets of fact combinations into a few readable fact patterns.

``ansvar check`` and ``ansvar diff`` find problems point by point over the
whole input space; a person wants "goal type: capacity; budget level: any"
rather than 32 points. Points are merged into patterns (one set of values
per fact) that cover exactly the same points.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ansvarsregler.vocabulary import FACT_NAMES, condition_values

Pattern = tuple[frozenset[str], ...]


def merge(points: Iterable[tuple[str, ...]]) -> list[Pattern]:
    """Patterns covering exactly ``points`` (fact values in :data:`FACT_NAMES` order).

    Repeatedly joins patterns that differ in one fact only; the union of two
    such patterns is itself a pattern, so the cover stays exact.
    """
    patterns = {tuple(frozenset([value]) for value in point) for point in points}
    changed = True
    while changed:
        changed = False
        for position in range(len(FACT_NAMES)):
            groups: dict[Pattern, list[Pattern]] = defaultdict(list)
            for pattern in patterns:
                groups[pattern[:position] + pattern[position + 1 :]].append(pattern)
            merged = set()
            for rest, members in groups.items():
                values = frozenset().union(*(member[position] for member in members))
                merged.add((*rest[:position], values, *rest[position:]))
                changed |= len(members) > 1
            patterns = merged
    return sorted(patterns, key=_sort_key)


def constrained_facts(pattern: Pattern) -> dict[str, tuple[str, ...]]:
    """The facts the pattern limits (a fact that may take any value is left out)."""
    return {
        fact: tuple(value for value in condition_values(fact) if value in values)
        for fact, values in zip(FACT_NAMES, pattern, strict=True)
        if values != frozenset(condition_values(fact))
    }


def _sort_key(pattern: Pattern) -> tuple:
    return tuple(
        tuple(sorted(condition_values(fact).index(v) for v in values))
        for fact, values in zip(FACT_NAMES, pattern, strict=True)
    )
