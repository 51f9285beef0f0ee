"""Every rule set the loader accepts runs safely; a larger one is refused with a clear error.

durable-rules has fixed tables in C (a stack of 64 while matching, 256 rules
on one chain of tests, 4,096 rules in all). Past them it returned error codes
at best and corrupted memory at worst (70 rules with a list condition ended
``ansvar check`` with a segmentation fault). The engine now runs list
conditions as shared single-value chains, and the loader keeps rule sets
inside ``limits.RULES`` and ``limits.RULE_COMBINATIONS``. The large runs go
through a subprocess, so a native crash fails the test instead of the suite.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ansvarsregler import AnsvarError, LimitError, default_ruleset, limits, load_ruleset
from ansvarsregler.rules.schema import Rule
from ansvarsregler.vocabulary import GOAL_CONDITION_VALUES, LEADER_FACT_VALUES

RULES = Path(default_ruleset().directory)


def rule_folder(tmp_path: Path, rules: list[dict], leadership: list[dict] | None = None) -> Path:
    """A copy of the shipped manifest with ``rules`` (and leadership rules) as its only rules."""
    folder = tmp_path / "regler"
    folder.mkdir()
    (folder / "ruleset.yaml").write_bytes((RULES / "ruleset.yaml").read_bytes())
    (folder / "10-regler.yaml").write_text(yaml.safe_dump({"rules": rules}), encoding="utf-8")
    if leadership is not None:
        (folder / "resultatansvar").mkdir()
        (folder / "resultatansvar" / "regler.yaml").write_text(
            yaml.safe_dump({"rules": leadership}), encoding="utf-8"
        )
    return folder


def deciding_rule(number: int, when: dict, priority: int = 10) -> dict:
    return {
        "id": f"r{number}",
        "principle": 3,
        "priority": priority,
        "when": when,
        "decide": {"owner": "virksomhetsleder", "adopted_by": "kommunestyret"},
        "justification": {"nb": "Fordi.", "en": "Because."},
    }


def leadership_rule(number: int, when: dict, priority: int = 10) -> dict:
    return {
        "id": f"l{number}",
        "priority": priority,
        "severity": "lacks",
        "when": when,
        "warn": {"nb": "Mangler.", "en": "Lacks."},
        "change": {"nb": "Endre.", "en": "Change."},
    }


def random_conditions(
    seed: int, domain: dict[str, tuple[str, ...]], count: int, budget: int
) -> list[dict]:
    """``count`` conditions with list values whose combinations add up to at most ``budget``."""
    rnd = random.Random(seed)
    conditions: list[dict] = []
    spent = 0
    while len(conditions) < count:
        when = {}
        size = 1
        for fact, values in domain.items():
            if rnd.random() < 0.6:
                chosen = rnd.sample(values, rnd.randint(1, len(values) - 1))
                when[fact] = chosen
                size *= len(chosen)
        left = count - len(conditions) - 1
        if spent + size + left > budget:  # keep room for the rest at one combination each
            when = {fact: values[0] for fact, values in domain.items()}
            size = 1
        conditions.append(when)
        spent += size
    return conditions


def run_both_evaluators(folder: Path) -> subprocess.CompletedProcess[str]:
    """Decide every combination with durable-rules and with Python, in a fresh process."""
    script = f"""
import itertools, sys
from ansvarsregler import load_ruleset
from ansvarsregler.engine.durable_evaluator import RuleEngine
from ansvarsregler.engine.python_evaluator import PythonRuleEngine
from ansvarsregler.vocabulary import GOAL_CONDITION_VALUES, LEADER_FACT_VALUES
ruleset = load_ruleset({str(folder)!r})
for rules, domain, kind in (
    (ruleset.rules, GOAL_CONDITION_VALUES, "eier"),
    (ruleset.leadership_rules, LEADER_FACT_VALUES, "ledelse"),
):
    if not rules:
        continue
    durable = RuleEngine(rules, ruleset.hash, kind)
    python = PythonRuleEngine(rules, ruleset.hash, kind)
    combinations = list(itertools.product(*domain.values()))
    for values in combinations[:: max(1, len(combinations) // 600)]:
        facts = dict(zip(domain, values))
        assert durable.run(facts) == python.run(facts), facts
print("same")
"""
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600
    )


def test_seventy_rules_with_a_list_condition_run_without_a_crash(tmp_path: Path) -> None:
    pytest.importorskip("durable")
    every_influence = list(GOAL_CONDITION_VALUES["influence"])
    rules = [deciding_rule(n, {"influence": every_influence[:3]}, n) for n in range(70)]
    rules.append(deciding_rule(99, {}, 0))  # every goal gets an owner
    folder = rule_folder(tmp_path, rules)
    check = subprocess.run(
        [str(Path(sys.executable).parent / "ansvar"), "check", "--rules", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert check.returncode in (0, 1), check.stderr[-2000:]
    assert "Traceback" not in check.stderr
    assert run_both_evaluators(folder).stdout.strip() == "same"


@pytest.mark.parametrize("seed", [1])
def test_rule_sets_at_the_limits_run_the_same_in_both_evaluators(tmp_path: Path, seed: int) -> None:
    pytest.importorskip("durable")
    count, budget = limits.RULES.default, limits.RULE_COMBINATIONS.default
    owners = [
        deciding_rule(n, when, n % 7)
        for n, when in enumerate(random_conditions(seed, GOAL_CONDITION_VALUES, count, budget))
    ]
    leaders = [
        leadership_rule(n, when, n % 5)
        for n, when in enumerate(random_conditions(seed, LEADER_FACT_VALUES, count, budget))
    ]
    folder = rule_folder(tmp_path, owners, leaders)
    ruleset = load_ruleset(folder)
    assert len(ruleset.rules) == count
    assert sum(rule.combinations for rule in ruleset.leadership_rules) <= budget
    result = run_both_evaluators(folder)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "same"


def test_one_rule_too_many_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    rules = [deciding_rule(n, {"influence": "full"}) for n in range(limits.RULES.default + 1)]
    with pytest.raises(LimitError) as error:
        load_ruleset(rule_folder(tmp_path, rules))
    assert "251" in error.value.message("en")
    assert "ANSVARSREGLER_LIMIT_RULES" in error.value.message("en")
    assert "antall regler i regelsettet" in error.value.message("nb")


def test_too_many_combinations_are_refused_with_the_limit_named(tmp_path: Path) -> None:
    every = {fact: list(values[:-1]) for fact, values in GOAL_CONDITION_VALUES.items()}
    per_rule = 7 * 3 * 3 * 3
    rules = [deciding_rule(n, every) for n in range(limits.RULE_COMBINATIONS.default // per_rule)]
    rules.append(deciding_rule(999, every))
    with pytest.raises(LimitError) as error:
        load_ruleset(rule_folder(tmp_path, rules))
    assert "ANSVARSREGLER_LIMIT_RULE_COMBINATIONS" in error.value.message("en")


def test_a_condition_on_every_value_costs_nothing() -> None:
    """A fact allowed every value is no test: the rule is one engine rule."""
    rule = deciding_rule(1, {"influence": list(GOAL_CONDITION_VALUES["influence"])})
    assert Rule.model_validate(rule).combinations == 1


def test_the_engine_limits_cannot_be_raised_past_what_the_engine_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_RULES", "5000")
    with pytest.raises(AnsvarError, match="at most 250"):
        limits.RULES.value()
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_RULES", "20")
    assert limits.RULES.value() == 20
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_RULES", "lots")
    with pytest.raises(AnsvarError, match="not a positive whole number"):
        limits.RULES.value()
    monkeypatch.delenv("ANSVARSREGLER_LIMIT_RULES")
    assert limits.RULES.value() == 250
