"""The engine agrees with the rule conditions; the durable-rules adapter handles its sharp edges.

The adapter's own tests skip where durable-rules cannot be imported (Python 3.13+).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ansvarsregler import Classifier, load_ruleset
from ansvarsregler.engine.decisions import every_fact_combination
from ansvarsregler.errors import EngineError, RulesetError
from ansvarsregler.vocabulary import FACT_NAMES


def _durable_engine():
    """durable-rules' RuleEngine, or skip where durable-rules cannot be imported."""
    pytest.importorskip("durable.engine")
    from ansvarsregler.engine.durable_evaluator import RuleEngine

    return RuleEngine


def test_every_combination_is_decided_by_the_highest_priority_matching_rule(classifier):
    """The engine's choice equals the rule conditions read directly, over the whole space."""
    ruleset = classifier.ruleset
    for key in every_fact_combination():
        decision = classifier.decisions.decide(key)
        effective = decision.effective_facts
        matching = [r for r in ruleset.rules if r.kind != "assume" and r.matches(effective)]
        assert matching, key
        assert decision.rule == matching[0].id, key
        fired_deciders = [r for r in decision.fired if ruleset.rule(r).kind != "assume"]
        assert fired_deciders == [r.id for r in matching], key


def test_assumptions_only_fill_in_unknown_facts(classifier):
    for key in every_fact_combination():
        decision = classifier.decisions.decide(key)
        given = dict(zip(FACT_NAMES, key, strict=True))
        for assumption in decision.assumptions:
            assert given[assumption.fact] in ("missing", "unknown")


def test_sessions_are_deleted_so_the_engine_never_runs_out(classifier):
    """durable-rules fails with MemoryError at 1,024 live sessions; runs must clean up."""
    RuleEngine = _durable_engine()
    engine = RuleEngine(classifier.ruleset.rules, classifier.ruleset.hash)
    facts = dict.fromkeys(FACT_NAMES, "missing")
    for _ in range(2_500):
        assert engine.run(facts).decided_by == "uavklart"


def test_a_ruleset_registers_once_and_is_reused(classifier):
    RuleEngine = _durable_engine()
    first = RuleEngine(classifier.ruleset.rules, classifier.ruleset.hash)
    second = RuleEngine(classifier.ruleset.rules, classifier.ruleset.hash)
    assert first.name == second.name
    assert second.run(dict.fromkeys(FACT_NAMES, "missing")).fired


def test_a_rule_set_without_a_catch_all_reports_the_gap(rules_copy):
    folder = rules_copy()
    (folder / "90-uavklart.yaml").unlink()
    shutil.rmtree(folder / "tests")  # its tests name the rules just removed
    ruleset = load_ruleset(folder)
    with pytest.raises(RulesetError) as caught:
        Classifier(ruleset).classify({"id": "a", "title": "Uten fakta"})
    assert "goal_type" in caught.value.message("en")
    assert "no rule" in caught.value.message("en")


def test_an_exception_inside_an_action_is_raised_not_swallowed(rules_copy, monkeypatch):
    """durable-rules hides action errors in the session state; the adapter must not."""
    RuleEngine = _durable_engine()
    import ansvarsregler.engine.durable_evaluator as engine_module

    def failing_action(rule_id):
        def action(c):
            raise RuntimeError(f"boom in {rule_id}")

        return action

    monkeypatch.setattr(engine_module, "_decide_action", failing_action)
    folder: Path = rules_copy()
    manifest = folder / "ruleset.yaml"
    manifest.write_text(
        re.sub(r"(?m)^version: .*$", "version: 9.9.9-failing", manifest.read_text())
    )
    ruleset = load_ruleset(folder)
    engine = RuleEngine(ruleset.rules, ruleset.hash)
    with pytest.raises(EngineError) as caught:
        engine.run(dict.fromkeys(FACT_NAMES, "missing"))
    assert "boom" in caught.value.message("en")


def test_the_fact_names_and_their_values_list_the_same_facts():
    from ansvarsregler.vocabulary import FACT_VALUES

    assert tuple(FACT_VALUES) == FACT_NAMES
