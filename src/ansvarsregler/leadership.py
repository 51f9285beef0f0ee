"""What a municipality's unit leaders lack to carry result responsibility.

A profile gives facts about the unit leaders (budget and personnel
responsibility, authority to choose measures, leader agreements); the
leadership rules run on them in the same durable-rules engine as the
ownership rules, and every rule that matches gives a warning and the change
that would close the gap.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator

from .engine import RuleEngine
from .profile_schema import Profile
from .ruleset import Ruleset
from .vocabulary import LEADER_FACT_VALUES

LEADER_FACT_NAMES: tuple[str, ...] = tuple(LEADER_FACT_VALUES)

#: How a profile's delegation reads as the leader facts the rules test.
_AGREEMENTS = {"all_levels": "yes", "unit_leaders": "yes", "none": "no", "unknown": "unknown"}


def leader_facts(profile: Profile) -> dict[str, str]:
    """The facts about ``profile``'s unit leaders, as the leadership rules see them."""
    leaders = profile.delegated_to_unit_leaders
    return {
        "budget_responsibility": leaders["budget"].level,
        "personnel_responsibility": leaders["hiring"].level,
        "choose_measures": leaders["choose_measures"].level,
        "leader_agreements": _AGREEMENTS[profile.leader_agreements],
    }


class LeadershipTable:
    """Thread-safe memo of which leadership rules fire for each combination of leader facts."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self._engine = RuleEngine(ruleset.leadership_rules, ruleset.hash, kind="ledelse")
        self._fired: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def fired(self, facts: dict[str, str]) -> tuple[str, ...]:
        """The leadership rules that fire for ``facts``, highest priority first."""
        key = tuple(facts[name] for name in LEADER_FACT_NAMES)
        found = self._fired.get(key)
        if found is None:
            with self._lock:
                found = self._fired.get(key)
                if found is None:
                    found = self._engine.run(facts).fired if self.ruleset.leadership_rules else ()
                    self._fired[key] = found
        return found


def every_leader_combination() -> Iterator[dict[str, str]]:
    """Every combination of leader facts: the whole space the leadership rules work on."""
    for values in itertools.product(*LEADER_FACT_VALUES.values()):
        yield dict(zip(LEADER_FACT_NAMES, values, strict=True))
