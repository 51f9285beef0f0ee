"""`ansvar check` and `ansvar diff` on deliberate changes to a copy of the shipped rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ansvarsregler import default_ruleset, load_ruleset
from ansvarsregler.analysis.check import check
from ansvarsregler.analysis.diff import diff

TEXT = "    justification: {nb: Endret., en: Changed.}\n"


def with_extra(folder: Path, text: str, name: str = "50-ny.yaml") -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def replace(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new), encoding="utf-8")


def test_equal_priority_assumptions_that_differ_are_a_conflict(rules_copy):
    folder = with_extra(
        rules_copy(),
        "rules:\n  - id: anta-okonomimal-krever\n    principle: 2\n    priority: 100\n"
        "    when: {goal_type: economy, budget_impact: missing}\n"
        "    assume: {budget_impact: requires_increase}\n" + TEXT,
    )
    report = check(load_ruleset(folder))
    assert ("anta-okonomimal-innenfor-rammen", "anta-okonomimal-krever") in {
        c.rules for c in report.conflicts
    }
    conflict = next(c for c in report.conflicts if "anta-okonomimal-krever" in c.rules)
    assert conflict.witness == {"goal_type": "economy"}


def test_a_rule_assumed_away_names_only_the_assumptions_that_change_its_facts(rules_copy):
    folder = with_extra(
        rules_copy(),
        "rules:\n  - id: medarbeider-uten-budsjett\n    principle: 3\n    priority: 60\n"
        "    when: {goal_type: employee, budget_impact: missing}\n"
        "    decide: {owner: radmann, adopted_by: radmann}\n" + TEXT,
    )
    dead = check(load_ruleset(folder)).dead_rules
    assert [(d.rule, d.reason, d.masked_by) for d in dead] == [
        ("medarbeider-uten-budsjett", "assumed_away", ("anta-medarbeidermal-innenfor-rammen",))
    ]


def test_a_rule_that_loses_a_tie_on_its_id_names_the_rule_it_ties_with(rules_copy):
    folder = with_extra(
        rules_copy(),
        "rules:\n  - id: zz-sektor\n    principle: 4\n    priority: 50\n"
        "    when: {goal_type: service_quality, budget_impact: within_budget,"
        " budget_frame: sector}\n"
        "    decide: {owner: radmann, adopted_by: kommunestyret}\n" + TEXT,
    )
    dead = check(load_ruleset(folder)).dead_rules
    assert [(d.rule, d.masked_by, d.tied_with) for d in dead] == [
        ("zz-sektor", ("ikke-pavirkbart",), ("kvalitet-innenfor-rammen-sektor",))
    ]


def test_a_gap_breaks_the_invariants_that_name_an_owner(rules_copy):
    folder = rules_copy()
    rule_file = folder / "30-budsjettfordeling.yaml"
    old = (
        "      goal_type: [service_quality, user_satisfaction, capacity]\n"
        "      influence: [full, partial]\n"
        "      budget_impact: within_budget\n"
        "      budget_frame: unit\n"
    )
    replace(rule_file, old, old.replace("influence: [full, partial]", "influence: full"))
    report = check(load_ruleset(folder))
    assert report.gaps
    breach = next(
        b
        for b in report.breaches
        if b.invariant == "kvalitet-med-enhetsbudsjett-til-virksomhetsleder"
    )
    assert breach.owner == "gap"
    # the budget impact need not be stated: a quality goal is assumed to be within budget
    assert breach.witness == {"goal_type": "service_quality", "budget_frame": "unit"}


def test_the_rule_test_for_an_owner_not_breach_will_not_load_until_an_owner_is_chosen(
    rules_copy,
):
    folder = rules_copy()
    replace(
        folder / "30-budsjettfordeling.yaml",
        "    decide: {owner: radmann, adopted_by: radmann}",
        "    decide: {owner: virksomhetsleder, adopted_by: radmann}",
    )
    report = check(load_ruleset(folder))
    breach = next(
        b for b in report.breaches if b.invariant == "sektorbudsjett-aldri-virksomhetsleder"
    )
    assert breach.owner == "virksomhetsleder"
    assert "owner: VELG-EN/CHOOSE-ONE:kommunestyret|radmann|unresolved" in breach.test_case
    tests = folder / "tests" / "brudd.yaml"
    tests.write_text("tests:\n" + breach.test_case, encoding="utf-8")
    with pytest.raises(Exception, match="VELG-EN"):
        load_ruleset(folder)


def test_an_invariant_that_applies_to_nothing_is_reported(rules_copy):
    folder = with_extra(
        rules_copy(),
        "invariants:\n  - id: tom\n    description: {nb: Tom., en: Empty.}\n"
        "    when: {goal_type: capacity, budget_impact: unknown}\n"
        "    expect: {owner_not: [kommunestyret]}\n",
        name="81-tom.yaml",
    )
    report = check(load_ruleset(folder))
    assert report.vacuous_invariants == ("tom",)
    assert not report.clean


def test_a_rule_test_naming_a_removed_rule_fails_instead_of_stopping_the_check(rules_copy):
    folder = rules_copy()
    (folder / "90-uavklart.yaml").unlink()
    report = check(load_ruleset(folder))
    assert report.gaps
    assert any(f.expected.get("rule") == "uavklart" for f in report.test_failures)


def test_diff_counts_a_changed_rule_or_assumption_even_when_the_owner_stays(rules_copy):
    folder = rules_copy()
    replace(
        folder / "10-antakelser.yaml",
        "      goal_type: [capacity, investment, service_quality, user_satisfaction, employee,"
        " economy]\n      influence: missing",
        "      goal_type: [capacity, investment, service_quality, user_satisfaction, employee,"
        " economy, missing]\n      influence: missing",
    )
    report = diff(default_ruleset(), load_ruleset(folder))
    assert report.changed
    region = next(r for r in report.regions if r.witness == {})
    assert region.old.owner == region.new.owner == "unresolved"
    assert region.old.assumed != region.new.assumed
    assert any("anta-tjenestemal-delvis-pavirkbart" in a for a in region.new.assumed)


def test_the_shipped_rules_are_clean_and_have_no_vacuous_invariants():
    report = check(default_ruleset())
    assert report.clean, report.model_dump()


@pytest.fixture(autouse=True)
def _no_leftovers(tmp_path):
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)
