"""What every evaluator shares: the outcome of one run, and the order rules fire in.

Two evaluators run the same validated rules (:mod:`.durable_evaluator`, the
reference, and :mod:`.python_evaluator`); this module knows neither, so the
classifier, the checks and the leadership warnings depend only on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from ansvarsregler.rules.schema import LeadershipRule, Rule

EngineRule = Rule | LeadershipRule

#: A rule fires at ``pri = phase - rule.priority``, lower ``pri`` first.
#: Assumptions run before decisions, so a deciding rule always sees the facts
#: with every assumption filled in; durable-rules' sentinel comes after both.
ASSUME_PHASE = 1000
DECIDE_PHASE = 2000
SENTINEL_PHASE = 3000


def pri(rule: EngineRule) -> int:
    """The rule's place in the agenda: lower fires first (durable-rules' ``pri``)."""
    return (ASSUME_PHASE if rule.kind == "assume" else DECIDE_PHASE) - rule.priority


@dataclass(frozen=True)
class EngineRun:
    """What happened when one fact combination ran through the rules."""

    fired: tuple[str, ...]
    """Rule ids in the order their actions ran (assumptions first)."""
    assumed: tuple[tuple[str, str, str], ...]
    """(rule id, fact, value) for every fact a rule assumed, in order."""
    decided_by: str | None
    """The first deciding or asking rule that fired, or ``None`` if none matched."""


@dataclass(frozen=True)
class Evaluator:
    """Which evaluator runs the rules, as reported with every result."""

    name: str
    """``durable-rules`` or ``python``."""
    version: str | None = None
    """The durable_rules package version; ``None`` for the evaluator built into ansvarsregler."""

    def __str__(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name


class Engine(Protocol):
    """Rules ready to run fact combinations: what :func:`~.selection.rule_engine` returns."""

    evaluator: Evaluator

    def run(self, facts: Mapping[str, str]) -> EngineRun:
        """Run ``facts`` (every fact named, ``missing`` for none) through the rules."""
        ...
