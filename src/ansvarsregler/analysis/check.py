"""Prove a rule set: its outcome for every combination of facts, and what is wrong with it.

The goal facts take a finite set of values (with ``missing``), so the whole
input space is checked: every combination runs through the same
rule engine that classifies (:class:`DecisionCache`), and the
report lists gaps, conflicts, dead rules, invariant breaches and rule-test
failures, each with a witness a maintainer can paste into a rule test, and
whether the rules changed since their version was released
(:mod:`ansvarsregler.rules.releases`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from ansvarsregler.analysis.patterns import constrained_facts, merge
from ansvarsregler.engine.decisions import Decision, DecisionCache, every_fact_combination
from ansvarsregler.goals.model import Goal
from ansvarsregler.model_base import StrictModel
from ansvarsregler.municipality.leadership import (
    LEADER_FACT_NAMES,
    LeadershipCache,
    combinations_for,
)
from ansvarsregler.result import RulesetIdentity
from ansvarsregler.rules.loader import Ruleset, RuleSource
from ansvarsregler.rules.releases import ReleaseCheck, release_check
from ansvarsregler.rules.schema import UNRESOLVED, Invariant, Rule, RuleTest
from ansvarsregler.vocabulary import FACT_NAMES, MISSING, OWNER_IDS

#: The owner shown for a combination no rule covers.
GAP = "gap"


class FactPattern(StrictModel):
    """A region of the input space: each named fact takes one of the listed values."""

    facts: dict[str, tuple[str, ...]]


class Gap(StrictModel):
    """Combinations for which no rule gives an owner or questions."""

    pattern: FactPattern
    witness: dict[str, str]
    """The smallest goal (fewest stated facts) in the region."""


class Conflict(StrictModel):
    """Combinations where rules of equal priority give different outcomes."""

    rules: tuple[str, ...]
    pattern: FactPattern
    witness: dict[str, str]


class DeadRule(StrictModel):
    """A rule that never decides (or, for an assume rule, never fires)."""

    rule: str
    reason: Literal["masked", "assumed_away", "never_holds"]
    """``masked``: other rules always come first; ``assumed_away``: assumptions
    always change a fact the rule tests; ``never_holds``: the condition never holds."""
    masked_by: tuple[str, ...]
    """The rules that come first with a higher priority (or the assume rules)."""
    tied_with: tuple[str, ...] = ()
    """Rules of the same priority that come first only because their id sorts first."""


class Breach(StrictModel):
    """A combination that breaks an invariant."""

    invariant: str
    witness: dict[str, str]
    """The smallest goal (fewest stated facts) that breaks it."""
    owner: str
    adopted_by: str | None
    rule: str
    test_case: str
    """The witness as a rule test, ready to paste into ``rules/tests/``."""


class TestFailure(StrictModel):
    __test__ = False  # not a pytest class

    name: str
    source: str
    expected: dict[str, object]
    actual: dict[str, object]

    @classmethod
    def at(
        cls, name: str, source: RuleSource, expected: dict[str, object], actual: dict[str, object]
    ) -> TestFailure:
        """A failed test, cited as ``file:line``."""
        return cls(
            name=name, source=f"{source.file}:{source.line}", expected=expected, actual=actual
        )


class Coverage(StrictModel):
    untested: tuple[str, ...]
    """Rules no rule test exercises (a problem: every rule needs a test)."""
    not_in_catalog: tuple[str, ...]
    """Rules no goal in the checked catalog exercises (for information)."""


class CheckReport(StrictModel):
    ruleset: RulesetIdentity
    combinations: int
    leader_combinations: int = 0
    """Combinations of unit-leader facts the leadership rules were run on."""
    gaps: tuple[Gap, ...]
    conflicts: tuple[Conflict, ...]
    dead_rules: tuple[DeadRule, ...]
    breaches: tuple[Breach, ...]
    vacuous_invariants: tuple[str, ...]
    """Invariants whose condition holds for no combination, so they prove nothing."""
    tests_run: int
    test_failures: tuple[TestFailure, ...]
    coverage: Coverage
    release: ReleaseCheck
    """The version against the hash recorded for it in ``ruleset.lock``: a rule set
    changed without a new version is a problem (its results would cite one version
    for two rule sets)."""

    @property
    def clean(self) -> bool:
        return not (
            self.release.changed_without_new_version
            or self.gaps
            or self.conflicts
            or self.dead_rules
            or self.breaches
            or self.vacuous_invariants
            or self.test_failures
            or self.coverage.untested
        )


def check(ruleset: Ruleset, catalog: Iterable[Goal] = ()) -> CheckReport:
    """Analyse ``ruleset`` over the whole input space; ``catalog`` goals count for coverage."""
    table = DecisionCache(ruleset)
    decisions = [table.outcome(key) for key in every_fact_combination()]
    test_failures, tested = _run_tests(ruleset, table)
    leadership = LeadershipCache(ruleset)
    leader_runs = [
        (rule.id, leadership.fired(facts))
        for rule in ruleset.leadership_rules
        for facts in combinations_for(rule)
    ]
    leader_failures, leader_tested = _run_leadership_tests(ruleset, leadership)
    indicator_failures, indicator_tested = _run_indicator_tests(ruleset)
    tested |= leader_tested | indicator_tested
    catalogued = {rule for goal in catalog for rule in _exercised(table.outcome(goal.fact_key()))}
    every_rule = [rule.id for rule in ruleset.rules]
    every_leadership_rule = [rule.id for rule in ruleset.leadership_rules]
    # An indicator that suggests nothing only hides shorter words: nothing to exercise.
    every_indicator = [rule.id for rule in ruleset.indicator_rules if rule.suggest]
    every_indicator += [ruleset.contested_rule.id] if ruleset.contested_rule else []
    return CheckReport(
        ruleset=RulesetIdentity.of(ruleset, table.evaluator),
        combinations=len(decisions),
        leader_combinations=len(leader_runs),
        gaps=_gaps(decisions),
        conflicts=_conflicts(ruleset, decisions),
        dead_rules=_dead_rules(ruleset, decisions) + _dead_leadership_rules(ruleset, leader_runs),
        breaches=_breaches(ruleset, decisions),
        vacuous_invariants=_vacuous(ruleset, decisions),
        tests_run=len(ruleset.tests) + len(ruleset.leadership_tests) + len(ruleset.indicator_tests),
        test_failures=test_failures + leader_failures + indicator_failures,
        coverage=Coverage(
            untested=tuple(
                rule
                for rule in (*every_rule, *every_leadership_rule, *every_indicator)
                if rule not in tested
            ),
            not_in_catalog=tuple(rule for rule in every_rule if rule not in catalogued),
        ),
        release=release_check(ruleset.directory, ruleset.version, ruleset.hash),
    )


def stated(key: tuple[str, ...]) -> dict[str, str]:
    """The facts a goal with these values states (``missing`` left out)."""
    return {fact: value for fact, value in zip(FACT_NAMES, key, strict=True) if value != MISSING}


def smallest(keys: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The combination with the fewest stated facts (first in space order on a tie)."""
    return min(keys, key=lambda key: sum(value != MISSING for value in key))


def _dead_leadership_rules(
    ruleset: Ruleset, runs: list[tuple[str, tuple[str, ...]]]
) -> tuple[DeadRule, ...]:
    """Leadership rules that fire for no combination of the facts they test."""
    alive = {rule_id for rule_id, fired in runs if rule_id in fired}
    return tuple(
        DeadRule(rule=rule.id, reason="never_holds", masked_by=())
        for rule in ruleset.leadership_rules
        if rule.id not in alive
    )


def _run_leadership_tests(
    ruleset: Ruleset, table: LeadershipCache
) -> tuple[tuple[TestFailure, ...], set[str]]:
    failures = []
    tested: set[str] = set()
    for test, source in ruleset.leadership_tests:
        facts = {name: test.leaders.get(name, "unknown") for name in LEADER_FACT_NAMES}
        fired = list(table.fired(facts))
        tested |= set(fired)
        if fired != test.expect:
            failures.append(
                TestFailure.at(test.name, source, {"warnings": test.expect}, {"warnings": fired})
            )
    return tuple(failures), tested


def _exercised(decision: Decision) -> set[str]:
    return {item.rule for item in decision.assumptions} | (
        {decision.rule} if decision.rule else set()
    )


def _gaps(decisions: list[Decision]) -> tuple[Gap, ...]:
    points = [d.given for d in decisions if d.is_gap]
    return tuple(
        Gap(
            pattern=FactPattern(facts=constrained_facts(p)),
            witness=stated(smallest(inside(p, points))),
        )
        for p in merge(points)
    )


def _conflicts(ruleset: Ruleset, decisions: list[Decision]) -> tuple[Conflict, ...]:
    """Equal-priority rules with different outcomes, and equal-priority assumptions that differ.

    Between such rules the engine picks by definition order (the rule id),
    so the outcome would hang on a name; both kinds are reported.
    """
    by_rules: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for decision in decisions:
        for rivals in (*_assumption_rivals(ruleset, decision), _decision_rivals(ruleset, decision)):
            if rivals:
                by_rules.setdefault(rivals, []).append(decision.given)
    return tuple(
        Conflict(
            rules=rules,
            pattern=FactPattern(facts=constrained_facts(pattern)),
            witness=stated(smallest(inside(pattern, points))),
        )
        for rules, points in sorted(by_rules.items())
        for pattern in merge(points)
    )


def _decision_rivals(ruleset: Ruleset, decision: Decision) -> tuple[str, ...]:
    """The deciding rules tied with the decider that would decide otherwise (or ``()``)."""
    if decision.rule is None:
        return ()
    top = ruleset.rule(decision.rule)
    rivals = [
        ruleset.rule(rule_id)
        for rule_id in decision.fired
        if ruleset.rule(rule_id).kind != "assume" and ruleset.rule(rule_id).priority == top.priority
    ]
    if len({rival.outcome for rival in rivals}) > 1:
        return tuple(sorted(rival.id for rival in rivals))
    return ()


def _assumption_rivals(ruleset: Ruleset, decision: Decision) -> list[tuple[str, ...]]:
    """At each step of the engine's chain, tied assume rules that fill a fact differently."""
    assume_rules = [rule for rule in ruleset.rules if rule.kind == "assume"]
    facts = decision.given_facts
    found = []
    for step in (*decision.assumptions, None):
        matching = [rule for rule in assume_rules if rule.matches(facts)]
        if matching:
            top = max(rule.priority for rule in matching)
            tied = [rule for rule in matching if rule.priority == top]
            by_fact: dict[str, list[Rule]] = {}
            for rule in tied:
                by_fact.setdefault(next(iter(rule.assume or {})), []).append(rule)
            for rivals in by_fact.values():
                if len({tuple((rule.assume or {}).values()) for rule in rivals}) > 1:
                    found.append(tuple(sorted(rule.id for rule in rivals)))
        if step is not None:
            facts[step.fact] = step.value
    return found


def _dead_rules(ruleset: Ruleset, decisions: list[Decision]) -> tuple[DeadRule, ...]:
    alive = set().union(*(_exercised(decision) for decision in decisions))
    return tuple(
        _why_dead(ruleset, rule, decisions) for rule in ruleset.rules if rule.id not in alive
    )


def _why_dead(ruleset: Ruleset, rule: Rule, decisions: list[Decision]) -> DeadRule:
    """Which rules always come first, and whether by priority, by a tie, or by an assumption."""
    given = [d for d in decisions if rule.matches(d.given_facts)]
    if rule.kind == "assume":
        # Seen on the given facts but never fired: another assumption always went first.
        winners = {item.rule for d in given for item in d.assumptions[:1]}
    else:
        winners = {d.rule for d in decisions if rule.matches(d.effective_facts) and d.rule}
        if not winners:  # holds on what was given, but assumptions always change a fact it tests
            changes = {item for d in given for item in d.assumptions if item.fact in rule.when}
            winners = {item.rule for item in changes}
            if winners:
                return DeadRule(
                    rule=rule.id, reason="assumed_away", masked_by=tuple(sorted(winners))
                )
    if not winners:
        return DeadRule(rule=rule.id, reason="never_holds", masked_by=())
    higher = tuple(sorted(w for w in winners if ruleset.rule(w).priority != rule.priority))
    tied = tuple(sorted(w for w in winners if ruleset.rule(w).priority == rule.priority))
    return DeadRule(rule=rule.id, reason="masked", masked_by=higher, tied_with=tied)


def _breaches(ruleset: Ruleset, decisions: list[Decision]) -> tuple[Breach, ...]:
    """Invariants some combination breaks (a gap breaks every invariant that names an owner)."""
    breaches = []
    for invariant in ruleset.invariants:
        broken = [
            d
            for d in decisions
            if invariant.matches(d.effective_facts)
            and (
                invariant.expect.owner is not None
                if d.is_gap
                else not invariant.expect.holds(d.owner, d.adopted_by)
            )
        ]
        if not broken:
            continue
        witness = min(broken, key=lambda d: sum(value != MISSING for value in d.given))
        breaches.append(
            Breach(
                invariant=invariant.id,
                witness=stated(witness.given),
                owner=GAP if witness.is_gap else (witness.owner or UNRESOLVED),
                adopted_by=witness.adopted_by,
                rule=witness.rule or "",
                test_case=_test_case(invariant, witness),
            )
        )
    return tuple(breaches)


def _vacuous(ruleset: Ruleset, decisions: list[Decision]) -> tuple[str, ...]:
    """Invariants whose condition holds for no combination: they prove nothing."""
    return tuple(
        invariant.id
        for invariant in ruleset.invariants
        if not any(invariant.matches(d.effective_facts) for d in decisions)
    )


def _test_case(invariant: Invariant, decision: Decision) -> str:
    """A rule test that fails until the breach is mended.

    Where the invariant names one owner, that is the expectation; otherwise the
    owner is a placeholder naming the choices, which will not load until a
    maintainer picks one.
    """
    facts = ", ".join(f"{fact}: {value}" for fact, value in stated(decision.given).items())
    expect = invariant.expect
    owner: str
    if expect.owner is not None and len(expect.owner) == 1:
        owner = expect.owner[0]
    else:
        allowed: list[str] = list(expect.owner or ()) or [
            o for o in (*OWNER_IDS, UNRESOLVED) if o not in (expect.owner_not or ())
        ]
        owner = "VELG-EN/CHOOSE-ONE:" + "|".join(allowed)
    adopted = (
        f", adopted_by: {expect.adopted_by[0]}"
        if expect.adopted_by is not None and len(expect.adopted_by) == 1
        else ""
    )
    return f"- name: {invariant.id}\n  goal: {{{facts}}}\n  expect: {{owner: {owner}{adopted}}}\n"


def _run_tests(ruleset: Ruleset, table: DecisionCache) -> tuple[tuple[TestFailure, ...], set[str]]:
    failures = []
    tested: set[str] = set()
    for test, source in ruleset.tests:
        goal = Goal.model_validate({"id": "test", "title": test.name, **test.goal})
        decision = table.outcome(goal.fact_key())
        tested |= _exercised(decision)
        expected, actual = compare(test, decision)
        if expected != actual:
            failures.append(TestFailure.at(test.name, source, expected, actual))
    return tuple(failures), tested


def _run_indicator_tests(ruleset: Ruleset) -> tuple[tuple[TestFailure, ...], set[str]]:
    """Each indicator test's text read as a goal that states no fact."""
    failures = []
    tested: set[str] = set()
    indicators = ruleset.indicators
    for test, source in ruleset.indicator_tests:
        reading = indicators.read(
            test.title, test.description, FACT_NAMES, test.service_area, test.kostra_function
        )
        options = [*reading.suggested, *(o for _, group in reading.contested for o in group)]
        tested |= {rule for option in options for rule in option.indicators}
        if reading.contested and indicators.contested is not None:
            tested.add(indicators.contested.id)
        expected: dict[str, object] = {
            "suggested": dict(test.expect),
            "contested": list(test.contested),
        }
        actual: dict[str, object] = {
            "suggested": {item.fact: item.value for item in reading.suggested},
            "contested": [fact for fact, _ in reading.contested],
        }
        if expected != actual:
            failures.append(TestFailure.at(test.title, source, expected, actual))
    return tuple(failures), tested


def compare(test: RuleTest, decision: Decision) -> tuple[dict[str, object], dict[str, object]]:
    """The expected fields of ``test`` and the same fields of the actual outcome."""
    actual: dict[str, object] = {
        "owner": GAP if decision.is_gap else (decision.owner or UNRESOLVED),
        "adopted_by": decision.adopted_by,
        "rule": decision.rule,
        "assumptions": {item.fact: item.value for item in decision.assumptions},
        "questions": list(decision.asked),
    }
    expected = test.expect.model_dump(exclude_none=True)
    return expected, {key: actual[key] for key in expected}


def inside(pattern: tuple[frozenset[str], ...], points: list[tuple[str, ...]]) -> list:
    """The points that lie in ``pattern``."""
    return [p for p in points if all(v in allowed for v, allowed in zip(p, pattern, strict=True))]
