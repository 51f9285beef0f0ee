"""The Python evaluator does exactly what durable-rules does with the same rules.

Both evaluators run every combination of facts of the shipped ownership and
leadership rules, and of generated rule sets (hypothesis) with ties in
priority, list and ``not`` conditions and chains of assumptions; their runs
(rules fired and their order, assumptions and their order, the deciding rule)
must be identical. Only the comparisons need durable-rules: they skip where it
cannot be imported, the Python evaluator's own tests always run.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansvarsregler.engine.decisions import every_fact_combination
from ansvarsregler.engine.python_evaluator import PythonRuleEngine
from ansvarsregler.engine.run import EngineRule, EngineRun
from ansvarsregler.municipality.leadership import LEADER_FACT_NAMES
from ansvarsregler.rules.schema import LeadershipRule, Rule
from ansvarsregler.vocabulary import (
    FACT_NAMES,
    FACT_VALUES,
    LEADER_FACT_VALUES,
    OWNER_IDS,
    UNKNOWN_VALUES,
    condition_values,
)

TEXT = {"nb": "Generert.", "en": "Generated."}


def durable_engine(rules, kind: str):
    """durable-rules' engine for ``rules``, or skip the comparison where it cannot be imported."""
    pytest.importorskip("durable.engine")
    from ansvarsregler.engine.durable_evaluator import RuleEngine

    # durable-rules registers a ruleset once per name, forever: the name must
    # cover the rules *and* their order (ties fire in definition order).
    content = json.dumps([rule.model_dump(mode="json") for rule in rules], sort_keys=True)
    return RuleEngine(rules, hashlib.sha256(content.encode()).hexdigest(), kind)


def goal_facts(key: tuple[str, ...]) -> dict[str, str]:
    return dict(zip(FACT_NAMES, key, strict=True))


def leader_facts(key: tuple[str, ...]) -> dict[str, str]:
    return dict(zip(LEADER_FACT_NAMES, key, strict=True))


def every_leader_combination():
    return itertools.product(*(LEADER_FACT_VALUES[name] for name in LEADER_FACT_NAMES))


def assert_same_runs(rules, kind: str, facts_list) -> int:
    durable = durable_engine(rules, kind)
    python = PythonRuleEngine(rules, "generated", kind)
    count = 0
    for facts in facts_list:
        expected, actual = durable.run(facts), python.run(facts)
        assert actual == expected, (facts, [rule.id for rule in rules])
        count += 1
    return count


# -- the shipped rules, exhaustively -----------------------------------------------------


def test_shipped_ownership_rules_run_alike_on_every_combination(classifier):
    ruleset = classifier.ruleset
    runs = assert_same_runs(
        ruleset.rules, "eier", (goal_facts(key) for key in every_fact_combination())
    )
    assert runs == 512


def test_shipped_leadership_rules_run_alike_on_every_combination(classifier):
    ruleset = classifier.ruleset
    assert ruleset.leadership_rules
    runs = assert_same_runs(
        ruleset.leadership_rules,
        "ledelse",
        (leader_facts(key) for key in every_leader_combination()),
    )
    assert runs == 4**7 * 3


# -- the Python evaluator's semantics, stated directly -----------------------------------


def rule(rule_id: str, priority: int, when: dict, **consequence) -> Rule:
    if not consequence:
        consequence = {"decide": {"owner": "radmann", "adopted_by": "kommunestyret"}}
    principle = None if "ask" in consequence else 1
    return Rule(
        id=rule_id,
        priority=priority,
        when=when,
        principle=principle,
        justification=TEXT,
        **consequence,
    )


def assert_both_give(rules, facts: dict[str, str], expected: EngineRun) -> None:
    """The Python evaluator gives ``expected``, and so does durable-rules where it imports."""
    assert PythonRuleEngine(rules, "stated", "eier").run(facts) == expected
    try:
        import durable.engine  # noqa: F401
    except ImportError:
        return
    assert durable_engine(rules, "eier").run(facts) == expected


def test_equal_priorities_fire_in_the_order_the_rules_are_given():
    for order in (("c", "a", "b"), ("b", "c", "a")):
        rules = [rule(rule_id, 5, {}) for rule_id in order]
        expected = EngineRun(fired=order, assumed=(), decided_by=order[0])
        assert_both_give(rules, goal_facts(("missing",) * 4), expected)


def test_an_assumption_can_enable_a_higher_one_which_fires_next():
    """After each assumption the agenda starts over: ``then-frame`` (enabled by
    ``first-influence``) outranks ``last-impact``, which matched all along."""
    rules = [
        rule("decide", 900, {"budget_frame": "unit", "influence": "full"}),
        rule(
            "then-frame",
            5,
            {"influence": "full", "budget_frame": "missing"},
            assume={"budget_frame": "unit"},
        ),
        rule("first-influence", 1, {"influence": "missing"}, assume={"influence": "full"}),
        rule(
            "last-impact",
            0,
            {"budget_impact": "missing"},
            assume={"budget_impact": "within_budget"},
        ),
        rule("ask", 0, {}, ask=["goal_type"]),
    ]
    expected = EngineRun(
        fired=("first-influence", "then-frame", "last-impact", "decide", "ask"),
        assumed=(
            ("first-influence", "influence", "full"),
            ("then-frame", "budget_frame", "unit"),
            ("last-impact", "budget_impact", "within_budget"),
        ),
        decided_by="decide",
    )
    assert_both_give(rules, goal_facts(("capacity",) + ("missing",) * 3), expected)


def test_no_matching_rule_is_an_empty_run():
    rules = [rule("only-societal", 5, {"goal_type": "societal"})]
    expected = EngineRun(fired=(), assumed=(), decided_by=None)
    assert_both_give(rules, goal_facts(("capacity",) + ("missing",) * 3), expected)


def test_leadership_rules_all_fire_and_none_decides(classifier):
    rules = classifier.ruleset.leadership_rules
    facts = dict.fromkeys(LEADER_FACT_NAMES, "unknown")
    run = PythonRuleEngine(rules, "leaders", "ledelse").run(facts)
    assert run.decided_by is None and not run.assumed
    assert list(run.fired) == [r.id for r in rules if r.matches(facts)]


# -- generated rule sets -----------------------------------------------------------------

PRIORITIES = st.sampled_from([0, 1, 1, 2, 2, 50, 999])  # repeated values: many ties


@st.composite
def value_specs(draw, domain: tuple[str, ...]):
    values = draw(st.lists(st.sampled_from(domain), min_size=1, max_size=len(domain), unique=True))
    shape = draw(st.sampled_from(["one", "list", "not"]))
    if shape == "one":
        return values[0]
    if shape == "not":
        if len(values) == len(domain):
            values = values[:-1]
        return {"not": values if len(values) > 1 else values[0]}
    return values


@st.composite
def conditions(draw, domain: dict[str, tuple[str, ...]], max_facts: int = 3):
    facts = draw(st.lists(st.sampled_from(sorted(domain)), max_size=max_facts, unique=True))
    return {fact: draw(value_specs(domain[fact])) for fact in facts}


def unknown_values(fact: str) -> list[str]:
    return sorted(UNKNOWN_VALUES & set(condition_values(fact)))


def rule_ids() -> st.SearchStrategy[list[str]]:
    """One to twelve distinct short rule ids, unrelated to any order."""
    return st.lists(
        st.from_regex(r"[a-z][a-z0-9]{0,3}", fullmatch=True), min_size=1, max_size=12, unique=True
    )


@st.composite
def ownership_rule_sets(draw):
    """Up to 12 rules, any order, ids unrelated to that order; assumptions that chain."""
    ids = draw(rule_ids())
    domain = {fact: condition_values(fact) for fact in FACT_NAMES}
    assumed_so_far: list[tuple[str, str]] = []
    rules = []
    for rule_id in ids:
        kind = draw(st.sampled_from(["decide", "decide", "assume", "assume", "ask"]))
        when = draw(conditions(domain, max_facts=1 if kind == "assume" else 3))
        if kind == "assume":
            fact = draw(st.sampled_from(FACT_NAMES))
            unknown = unknown_values(fact)
            when[fact] = draw(st.lists(st.sampled_from(unknown), min_size=1, unique=True))
            if assumed_so_far and draw(st.booleans()):  # a chain: needs an earlier assumption
                earlier_fact, earlier_value = draw(st.sampled_from(assumed_so_far))
                if earlier_fact != fact:
                    when[earlier_fact] = earlier_value
            value = draw(st.sampled_from([v for v in FACT_VALUES[fact] if v not in UNKNOWN_VALUES]))
            assumed_so_far.append((fact, value))
            consequence: dict = {"assume": {fact: value}}
        elif kind == "ask":
            consequence = {
                "ask": draw(st.lists(st.sampled_from(FACT_NAMES), min_size=1, unique=True))
            }
        else:
            consequence = {
                "decide": {"owner": draw(st.sampled_from(OWNER_IDS)), "adopted_by": "kommunestyret"}
            }
        rules.append(rule(rule_id, draw(PRIORITIES), when, **consequence))
    return draw(st.permutations(rules))


@st.composite
def leadership_rule_sets(draw):
    ids = draw(rule_ids())
    return [
        LeadershipRule(
            id=rule_id,
            priority=draw(PRIORITIES),
            severity=draw(st.sampled_from(["lacks", "unclear"])),
            when=draw(conditions(LEADER_FACT_VALUES)),
            warn=TEXT,
            change=TEXT,
        )
        for rule_id in ids
    ]


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(rules=ownership_rule_sets())
def test_generated_ownership_rules_run_alike_on_every_combination(rules: list[EngineRule]):
    combinations = (goal_facts(key) for key in every_fact_combination())
    assert assert_same_runs(rules, "eier", combinations) == 512


@_SETTINGS
@given(rules=leadership_rule_sets(), seed=st.integers(0, 2**32))
def test_generated_leadership_rules_run_alike_on_a_sample_of_combinations(rules, seed):
    """The leader fact space is 49,152 combinations: every one the rules' own facts
    distinguish (the others ``unknown``), and 300 drawn at random."""
    tested = sorted({fact for r in rules for fact in r.when})[:4]
    samples = []
    for values in itertools.product(*(LEADER_FACT_VALUES[fact] for fact in tested)):
        facts = dict.fromkeys(LEADER_FACT_NAMES, "unknown")
        facts.update(zip(tested, values, strict=True))
        samples.append(facts)
    draw = random.Random(seed)
    samples += [
        {name: draw.choice(LEADER_FACT_VALUES[name]) for name in LEADER_FACT_NAMES}
        for _ in range(300)
    ]
    assert assert_same_runs(rules, "ledelse", samples) == len(samples)
