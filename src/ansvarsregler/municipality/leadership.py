"""What a municipality's unit leaders lack to carry result responsibility.

A profile gives facts about the unit leaders (budget and personnel
responsibility, authority to choose measures, leader agreements); the
leadership rules run on them in the same rule engine as the
ownership rules, and every rule that matches gives a warning and the change
that would close the gap.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from ansvarsregler.engine.memo import Memo
from ansvarsregler.engine.selection import rule_engine
from ansvarsregler.municipality.schema import Profile
from ansvarsregler.rules.loader import Ruleset
from ansvarsregler.rules.schema import LeadershipRule
from ansvarsregler.vocabulary import LEADER_FACT_VALUES

LEADER_FACT_NAMES: tuple[str, ...] = tuple(LEADER_FACT_VALUES)

#: How a profile's delegation reads as the leader facts the rules test.
_AGREEMENTS = {"all_levels": "yes", "unit_leaders": "yes", "none": "no", "unknown": "unknown"}


#: The profile's authorities under the names the leadership rules use (slide 13's words).
_FACT_FOR_AUTHORITY = {"budget": "budget_responsibility", "hiring": "personnel_responsibility"}


def leader_facts(profile: Profile) -> dict[str, str]:
    """The facts about ``profile``'s unit leaders, as the leadership rules see them."""
    facts: dict[str, str] = {
        _FACT_FOR_AUTHORITY.get(authority, authority): grant.level
        for authority, grant in profile.delegated_to_unit_leaders.items()
    }
    facts["leader_agreements"] = _AGREEMENTS[profile.leader_agreements]
    return facts


class LeadershipCache:
    """Thread-safe memo of which leadership rules fire for each combination of leader facts."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self._engine = rule_engine(ruleset.leadership_rules, ruleset.hash, kind="ledelse")
        self._fired: Memo[tuple[str, ...], tuple[str, ...]] = Memo(self._run)

    def fired(self, facts: dict[str, str]) -> tuple[str, ...]:
        """The leadership rules that fire for ``facts``, highest priority first."""
        return self._fired.get(tuple(facts[name] for name in LEADER_FACT_NAMES))

    def _run(self, key: tuple[str, ...]) -> tuple[str, ...]:
        if not self.ruleset.leadership_rules:
            return ()
        return self._engine.run(dict(zip(LEADER_FACT_NAMES, key, strict=True))).fired


def combinations_for(rule: LeadershipRule) -> Iterator[dict[str, str]]:
    """Every combination of the facts ``rule`` tests (the others ``unknown``).

    Leadership rules do not mask one another (every rule that matches fires),
    so whether a rule can fire depends only on the facts it tests: these
    combinations decide it without running the whole space of leader facts.
    """
    tested = list(rule.when)
    for values in itertools.product(*(LEADER_FACT_VALUES[fact] for fact in tested)):
        facts = dict.fromkeys(LEADER_FACT_NAMES, "unknown")
        facts.update(zip(tested, values, strict=True))
        yield facts
