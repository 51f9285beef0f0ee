"""The rules evaluated in plain Python, where durable-rules cannot run.

durable_rules 2.0.28 is a C extension that is built from source: it needs a
compiler and does not build on Python 3.13 or later. This evaluator runs the
same validated rules and reproduces what durable-rules is observed to do with
the ruleset :mod:`.durable_evaluator` builds from them, so a result never
depends on which of the two ran (a test compares both on every combination of
facts of the shipped rules and of generated rule sets):

- The agenda is ordered by ``pri`` (:func:`~.run.pri`), lower first. Rules of
  equal ``pri`` keep the order they were given in: durable-rules files each
  rule's action by an insertion sort on ``pri`` that stops at an equal
  priority (stable), and always runs the first action in that order that has
  a pending match. The loader gives rules by descending priority, then id.
- An assumption fires alone: its action retracts the goal fact (cancelling
  every pending match) and asserts it again with the assumed value, so the
  whole agenda is matched afresh, and a later assumption may fire on a value
  an earlier one filled in. Assumptions fill in only unknown facts that their
  own condition tests, so none fires twice and the chain ends.
- Once no assumption matches, every other rule that matches fires, in agenda
  order; the first deciding or asking rule is ``decided_by``. Leadership rules
  only warn, so they fire but never decide.
- A condition holds when each fact it tests has one of its allowed values; a
  fact missing from the given facts matches nothing, as an absent field in
  durable-rules.

Each condition is compiled once into ``(fact index, allowed values)`` pairs,
so a run is a few set lookups per rule and needs no lock: runs share nothing
they change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ansvarsregler.engine.run import EngineRule, EngineRun, Evaluator, pri

EVALUATOR = Evaluator("python")

Condition = tuple[tuple[int, frozenset[str]], ...]


@dataclass(frozen=True)
class _Compiled:
    """A rule reduced to what a run needs."""

    id: str
    condition: Condition
    decides: bool
    """Whether firing it sets ``decided_by`` (deciding and asking rules)."""
    assume: tuple[int, str] | None
    """(fact index, value) of an assumption."""


class PythonRuleEngine:
    """Rules compiled for plain-Python runs; the interface of the durable-rules ``RuleEngine``.

    ``content_hash`` and ``kind`` only name the engine (durable-rules needs
    them to register a ruleset once; here nothing is registered).
    """

    evaluator = EVALUATOR

    def __init__(self, rules: Sequence[EngineRule], content_hash: str, kind: str = "eier") -> None:
        self.name = f"ansvarsregler-{kind}-{content_hash[:24]}"
        facts: dict[str, int] = {}
        for rule in rules:
            for fact in (*rule.when, *(rule.assume or ())):
                facts.setdefault(fact, len(facts))
        self._facts = tuple(facts)
        # sorted() is stable: rules of equal pri keep their given order, as in durable-rules.
        compiled = [_compile(rule, facts) for rule in sorted(rules, key=pri)]
        self._assumptions = tuple(rule for rule in compiled if rule.assume is not None)
        self._others = tuple(rule for rule in compiled if rule.assume is None)

    def run(self, facts: Mapping[str, str]) -> EngineRun:
        """Run ``facts`` (every fact named, ``missing`` for none) through the rules."""
        values = [facts.get(fact) for fact in self._facts]
        fired: list[str] = []
        assumed: list[tuple[str, str, str]] = []
        chaining = True
        while chaining:
            chaining = False
            for rule in self._assumptions:
                if rule.assume is not None and _holds(rule.condition, values):
                    index, value = rule.assume
                    values[index] = value
                    fired.append(rule.id)
                    assumed.append((rule.id, self._facts[index], value))
                    chaining = True  # the fact is asserted anew: match from the top
                    break
        decided_by = None
        for rule in self._others:
            if _holds(rule.condition, values):
                fired.append(rule.id)
                if rule.decides and decided_by is None:
                    decided_by = rule.id
        return EngineRun(fired=tuple(fired), assumed=tuple(assumed), decided_by=decided_by)


def _compile(rule: EngineRule, facts: Mapping[str, int]) -> _Compiled:
    assume = None
    if rule.assume is not None:
        ((fact, value),) = rule.assume.items()
        assume = (facts[fact], value)
    return _Compiled(
        id=rule.id,
        condition=tuple((facts[fact], rule.allowed_values(fact)) for fact in rule.when),
        decides=rule.kind in ("decide", "ask"),
        assume=assume,
    )


def _holds(condition: Condition, values: list[str | None]) -> bool:
    # A plain loop: about twice as fast as all() over a generator, on the hot path.
    for index, allowed in condition:  # noqa: SIM110
        if values[index] not in allowed:
            return False
    return True
