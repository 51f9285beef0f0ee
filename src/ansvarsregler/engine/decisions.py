"""Decisions per combination of fact values, made by the engine and remembered.

The facts that decide ownership take a small, closed set of values (with
``missing``, 512 combinations for the shipped vocabulary), so every distinct
combination runs through the rule engine once and its outcome is kept. Goals
with the same facts then share one decision: the engine stays the source of
every decision without paying its price per goal, and lookups need no lock.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from ansvarsregler.engine.memo import Memo
from ansvarsregler.engine.selection import rule_engine
from ansvarsregler.errors import Location, RulesetError
from ansvarsregler.rules.loader import Ruleset
from ansvarsregler.vocabulary import (
    DEFINITE_VALUES,
    FACT_NAMES,
    UNKNOWN_VALUES,
    condition_values,
)


@dataclass(frozen=True)
class AssumedFact:
    rule: str
    fact: str
    value: str


@dataclass(frozen=True)
class Decision:
    """The engine's outcome for one combination of fact values."""

    given: tuple[str, ...]
    """The fact values as given, in :data:`FACT_NAMES` order (``missing`` for none)."""
    effective: tuple[str, ...]
    """The fact values after every assumption was filled in."""
    rule: str | None
    """The rule that decided (or asked); ``None`` when no rule matched (a gap)."""
    owner: str | None
    adopted_by: str | None
    assumptions: tuple[AssumedFact, ...]
    asked: tuple[str, ...]
    """Facts the planner must answer; non-empty exactly when ``owner`` is None."""
    fired: tuple[str, ...]
    """Every rule that fired, in order: assumptions, the decider, then outranked rules."""

    @property
    def given_facts(self) -> dict[str, str]:
        return dict(zip(FACT_NAMES, self.given, strict=True))

    @property
    def effective_facts(self) -> dict[str, str]:
        return dict(zip(FACT_NAMES, self.effective, strict=True))

    @property
    def deciding_rule(self) -> str:
        """The rule that decided (:meth:`DecisionCache.decide` never returns a gap)."""
        if self.rule is None:
            raise ValueError("a gap has no deciding rule")
        return self.rule

    @property
    def is_gap(self) -> bool:
        """No outcome: no rule decided, or the asking rule has nothing left to ask."""
        return self.rule is None or (self.owner is None and not self.asked)


class DecisionCache:
    """Thread-safe memo of engine decisions for one rule set."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self._engine = rule_engine(ruleset.rules, ruleset.hash)
        self.evaluator = str(self._engine.evaluator)
        """Which evaluator decides (see :mod:`ansvarsregler.engine.selection`)."""
        self._decisions: Memo[tuple[str, ...], Decision] = Memo(self._run)

    def decide(self, key: tuple[str, ...]) -> Decision:
        """The decision for fact values ``key`` (in :data:`FACT_NAMES` order).

        Raises :class:`RulesetError` where the rule set has a gap: a goal must
        get an owner or questions, never nothing.
        """
        decision = self.outcome(key)
        if decision.is_gap:
            facts = ", ".join(f"{f}={v}" for f, v in decision.effective_facts.items())
            raise RulesetError("rules.gap", Location(file=self.ruleset.directory), facts=facts)
        return decision

    def outcome(self, key: tuple[str, ...]) -> Decision:
        """What the engine does with ``key``, gaps included (for analysing the rule set)."""
        return self._decisions.get(key)

    def _run(self, key: tuple[str, ...]) -> Decision:
        run = self._engine.run(dict(zip(FACT_NAMES, key, strict=True)))
        effective = dict(zip(FACT_NAMES, key, strict=True))
        assumptions = tuple(AssumedFact(*item) for item in run.assumed)
        for assumption in assumptions:
            effective[assumption.fact] = assumption.value
        rule = self.ruleset.rule(run.decided_by) if run.decided_by is not None else None
        asked: tuple[str, ...] = ()
        if rule is not None and rule.ask is not None:
            asked = self._fewest_questions(
                key, tuple(fact for fact in rule.ask if effective[fact] in UNKNOWN_VALUES)
            )
        decide = rule.decide if rule is not None else None
        return Decision(
            given=key,
            effective=tuple(effective[fact] for fact in FACT_NAMES),
            rule=rule.id if rule is not None else None,
            owner=decide.owner if decide else None,
            adopted_by=decide.adopted_by if decide else None,
            assumptions=assumptions,
            asked=asked,
            fired=run.fired,
        )

    def questions(self, key: tuple[str, ...], required: tuple[str, ...]) -> tuple[str, ...]:
        """The fewest facts open in ``key``, ``required`` among them, whose answers, whatever
        they are, decide the owner: a goal whose words point two ways on one fact is asked
        that fact and whatever else its owner still needs, not that fact alone."""
        others = tuple(
            fact
            for fact, value in zip(FACT_NAMES, key, strict=True)
            if value in UNKNOWN_VALUES and fact not in required
        )
        for size in range(len(others) + 1):
            for extra in itertools.combinations(others, size):
                facts = tuple(fact for fact in FACT_NAMES if fact in required or fact in extra)
                if all(
                    self.outcome(_answered(key, facts, answers)).owner is not None
                    for answers in itertools.product(*(DEFINITE_VALUES[fact] for fact in facts))
                ):
                    return facts
        return tuple(fact for fact in FACT_NAMES if fact in required or fact in others)

    def _fewest_questions(self, key: tuple[str, ...], asked: tuple[str, ...]) -> tuple[str, ...]:
        """The fewest of ``asked`` whose answers, whatever they are, decide the owner.

        An asking rule names every fact that may matter; for a goal whose text
        already settled some facts, fewer answers are often enough (a service
        goal needs only its budget level). The first smallest set in the rule's
        order wins; if no smaller set decides every answer, all of ``asked`` are asked.
        """
        for size in range(1, len(asked)):
            for facts in itertools.combinations(asked, size):
                if all(
                    self.outcome(_answered(key, facts, answers)).owner is not None
                    for answers in itertools.product(*(DEFINITE_VALUES[fact] for fact in facts))
                ):
                    return facts
        return asked


def _answered(
    key: tuple[str, ...], facts: tuple[str, ...], answers: tuple[str, ...]
) -> tuple[str, ...]:
    """``key`` with ``facts`` answered: every answer is a value no question leaves open,
    so each step looks at a key with fewer open facts and the search ends."""
    given = dict(zip(FACT_NAMES, key, strict=True))
    given.update(zip(facts, answers, strict=True))
    return tuple(given[fact] for fact in FACT_NAMES)


def every_fact_combination() -> Iterator[tuple[str, ...]]:
    """Every combination of fact values, ``missing`` included: the whole input space."""
    return itertools.product(*(condition_values(fact) for fact in FACT_NAMES))
