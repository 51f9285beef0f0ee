"""The public vocabulary of goal facts and owners.

These Literal types are the single source of truth for which facts exist and
which values they take: the goal model, the rule schema, the engine adapter
and the JSON Schema are all derived from them, so adding a value here is the
one change that makes it valid everywhere.
"""

from __future__ import annotations

from typing import Literal, get_args

GoalType = Literal[
    "societal",
    "capacity",
    "investment",
    "service_quality",
    "user_satisfaction",
    "employee",
    "economy",
]
Influence = Literal["full", "partial", "none"]
BudgetImpact = Literal["within_budget", "requires_increase", "unknown"]
BudgetFrame = Literal["unit", "sector", "municipality"]
OwnerId = Literal["kommunestyret", "radmann", "virksomhetsleder"]
Language = Literal["nb", "en"]
FactName = Literal["goal_type", "influence", "budget_impact", "budget_frame"]

#: The pseudo-value rules use to say "the planner did not state this fact".
MISSING = "missing"

#: The facts rules may test, in the order they are shown and asked about.
FACT_VALUES: dict[str, tuple[str, ...]] = {
    "goal_type": get_args(GoalType),
    "influence": get_args(Influence),
    "budget_impact": get_args(BudgetImpact),
    "budget_frame": get_args(BudgetFrame),
}
FACT_NAMES: tuple[str, ...] = get_args(FactName)
OWNER_IDS: tuple[str, ...] = get_args(OwnerId)
LANGUAGES: tuple[str, ...] = get_args(Language)

#: Values that mean "not known": a rule may assume a value only for these.
UNKNOWN_VALUES: frozenset[str] = frozenset({MISSING, "unknown"})

#: The values that say something about each fact: what a planner can answer, a rule can
#: assume and the words can suggest (every value but ``unknown``).
DEFINITE_VALUES: dict[str, tuple[str, ...]] = {
    fact: tuple(value for value in values if value not in UNKNOWN_VALUES)
    for fact, values in FACT_VALUES.items()
}


def condition_values(fact: str) -> tuple[str, ...]:
    """All values a rule condition may name for ``fact``, ``missing`` included."""
    return (*FACT_VALUES[fact], MISSING)


#: What an ownership rule's condition may name: every goal fact, ``missing`` included.
GOAL_CONDITION_VALUES: dict[str, tuple[str, ...]] = {
    fact: condition_values(fact) for fact in FACT_NAMES
}

#: The facts about a municipality's unit leaders that the leadership rules test,
#: read from a municipality profile: what result responsibility takes (slide 13:
#: budget + personnel responsibility + authority to choose measures; slide 14:
#: the rest) and whether there are leader agreements. ``unknown``: not said.
LEVELS: tuple[str, ...] = ("full", "partial", "none", "unknown")
LEADER_FACT_VALUES: dict[str, tuple[str, ...]] = {
    "budget_responsibility": LEVELS,
    "reallocate_frame": LEVELS,
    "personnel_responsibility": LEVELS,
    "reward": LEVELS,
    "wage_negotiation": LEVELS,
    "choose_measures": LEVELS,
    "organise_unit": LEVELS,
    "leader_agreements": ("yes", "no", "unknown"),
}
