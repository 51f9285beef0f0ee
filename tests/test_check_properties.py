"""`ansvar check` finds exactly the problem planted in a generated rule set (hypothesis).

Generated rule sets are clean by construction: a few deciding rules with
disjoint conditions (each on its own goal type) at distinct priorities, a
default rule for fully stated goals, a catch-all that asks, and a rule test
for each. Into a copy one problem is planted (a gap, a conflict, a dead rule,
an invariant breach) and the report must name exactly that problem with a
correct witness.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansvarsregler import load_ruleset
from ansvarsregler.analysis.check import check
from ansvarsregler.engine.decisions import every_fact_combination
from ansvarsregler.rules.loader import default_rules_dir
from ansvarsregler.rules.schema import Rule
from ansvarsregler.vocabulary import FACT_NAMES, FACT_VALUES, MISSING, OWNER_IDS

TEXT = {"nb": "Generert regel.", "en": "Generated rule."}
IMPACTS = ["within_budget", "requires_increase", "unknown", MISSING]
FRAMES = ["unit", "sector", MISSING]  # never municipality: that is the default rule's own region
_folders = itertools.count()


@st.composite
def clean_rule_sets(draw) -> dict:
    size = draw(st.integers(1, 4))
    goal_types = draw(st.permutations(FACT_VALUES["goal_type"]))[:size]
    priorities = draw(st.lists(st.integers(20, 900), min_size=size, max_size=size, unique=True))
    rules, tests = [], []
    for goal_type, priority in zip(goal_types, priorities, strict=True):
        impacts = draw(st.lists(st.sampled_from(IMPACTS), min_size=1, max_size=3, unique=True))
        frames = draw(st.lists(st.sampled_from(FRAMES), min_size=1, max_size=2, unique=True))
        owner = draw(st.sampled_from(OWNER_IDS))
        rule_id = f"r-{goal_type.replace('_', '-')}"
        rules.append(
            {
                "id": rule_id,
                "principle": 3,
                "priority": priority,
                "when": {"goal_type": goal_type, "budget_impact": impacts, "budget_frame": frames},
                "decide": {"owner": owner, "adopted_by": "kommunestyret"},
                "justification": TEXT,
            }
        )
        goal = {"goal_type": goal_type, "budget_impact": impacts[0], "budget_frame": frames[0]}
        tests.append(
            {
                "name": rule_id,
                "goal": {k: v for k, v in goal.items() if v != MISSING},
                "expect": {"owner": owner, "rule": rule_id},
            }
        )
    rules.append(
        {
            "id": "standard",
            "principle": 4,
            "priority": 10,
            "when": {
                "goal_type": {"not": MISSING},
                "influence": {"not": MISSING},
                "budget_impact": ["within_budget", "requires_increase"],
                "budget_frame": {"not": MISSING},
            },
            "decide": {"owner": "radmann", "adopted_by": "kommunestyret"},
            "justification": TEXT,
        }
    )
    rules.append({"id": "spor", "priority": 0, "ask": list(FACT_NAMES), "justification": TEXT})
    tests.append(
        {
            "name": "standard",
            "goal": {
                "goal_type": "economy" if "economy" not in goal_types else goal_types[0],
                "influence": "full",
                "budget_impact": "within_budget",
                "budget_frame": "municipality",
            },
            "expect": {"owner": "radmann", "rule": "standard"},
        }
    )
    tests.append({"name": "spor", "goal": {}, "expect": {"owner": "unresolved", "rule": "spor"}})
    return {"rules": rules, "tests": tests, "invariants": []}


def write(tmp: Path, spec: dict) -> Path:
    folder = tmp / f"rules-{next(_folders)}"
    (folder / "tests").mkdir(parents=True)
    shutil.copy(default_rules_dir() / "ruleset.yaml", folder / "ruleset.yaml")
    (folder / "regler.yaml").write_text(yaml.safe_dump({"rules": spec["rules"]}), "utf-8")
    if spec["invariants"]:
        (folder / "invarianter.yaml").write_text(
            yaml.safe_dump({"invariants": spec["invariants"]}), "utf-8"
        )
    (folder / "tests" / "tester.yaml").write_text(yaml.safe_dump({"tests": spec["tests"]}), "utf-8")
    return folder


def region(rule: dict) -> list[tuple[str, ...]]:
    """The fact combinations a generated rule's condition holds for."""
    loaded = Rule.model_validate(rule)
    return [
        key
        for key in every_fact_combination()
        if loaded.matches(dict(zip(FACT_NAMES, key, strict=True)))
    ]


def stated(key: tuple[str, ...]) -> dict[str, str]:
    return {f: v for f, v in zip(FACT_NAMES, key, strict=True) if v != MISSING}


def stated_count(facts: dict[str, str]) -> int:
    return len(facts)


SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(clean_rule_sets())
def test_a_clean_generated_rule_set_stays_clean(tmp_path, spec):
    report = check(load_ruleset(write(tmp_path, spec)))
    assert report.clean, report.model_dump()


@SETTINGS
@given(clean_rule_sets())
def test_a_planted_gap_is_reported_with_a_witness_no_rule_covers(tmp_path, spec):
    spec["rules"] = [r for r in spec["rules"] if r["id"] != "spor"]
    spec["tests"] = [t for t in spec["tests"] if t["name"] != "spor"]
    ruleset = load_ruleset(write(tmp_path, spec))
    report = check(ruleset)
    assert report.gaps
    assert not (report.conflicts or report.dead_rules or report.breaches or report.test_failures)
    uncovered = {
        key
        for key in every_fact_combination()
        if not any(rule.matches(dict(zip(FACT_NAMES, key, strict=True))) for rule in ruleset.rules)
    }
    reported = set()
    for gap in report.gaps:
        witness = tuple(gap.witness.get(fact, MISSING) for fact in FACT_NAMES)
        assert witness in uncovered
        reported |= {
            key
            for key in every_fact_combination()
            if all(key[i] in gap.pattern.facts.get(f, (key[i],)) for i, f in enumerate(FACT_NAMES))
        }
    assert reported == uncovered


@SETTINGS
@given(clean_rule_sets(), st.data())
def test_a_planted_dead_rule_is_reported_with_the_rule_that_masks_it(tmp_path, spec, data):
    target = data.draw(st.sampled_from([r for r in spec["rules"] if r["id"].startswith("r-")]))
    spec["rules"].append(
        {
            **target,
            "id": "dod",
            "priority": target["priority"] - 1,
            "decide": {"owner": "virksomhetsleder", "adopted_by": "radmann"},
        }
    )
    report = check(load_ruleset(write(tmp_path, spec)))
    assert [(d.rule, d.reason, d.masked_by, d.tied_with) for d in report.dead_rules] == [
        ("dod", "masked", (target["id"],), ())
    ]
    assert not (report.gaps or report.conflicts or report.breaches or report.test_failures)
    assert report.coverage.untested == ("dod",)  # a dead rule cannot be exercised


@SETTINGS
@given(clean_rule_sets(), st.data())
def test_a_planted_conflict_is_reported_over_exactly_the_overlap(tmp_path, spec, data):
    target = data.draw(st.sampled_from([r for r in spec["rules"] if r["id"].startswith("r-")]))
    influence = data.draw(st.sampled_from(["full", "partial", "none"]))
    other = next(o for o in OWNER_IDS if o != target["decide"]["owner"])
    rival = {
        **target,
        "id": "rival",
        "when": {
            **target["when"],
            "influence": influence,
            "budget_frame": [*target["when"]["budget_frame"], "municipality"],
        },
        "decide": {"owner": other, "adopted_by": "kommunestyret"},
    }
    spec["rules"].append(rival)
    only_rival = {
        "goal_type": target["when"]["goal_type"],
        "budget_impact": target["when"]["budget_impact"][0],
        "influence": influence,
        "budget_frame": "municipality",
    }
    spec["tests"].append(
        {
            "name": "rival",
            "goal": {k: v for k, v in only_rival.items() if v != MISSING},
            "expect": {"owner": other, "rule": "rival"},
        }
    )
    report = check(load_ruleset(write(tmp_path, spec)))
    overlap = set(region(target)) & set(region(rival))
    assert report.conflicts
    assert all(c.rules == tuple(sorted(("rival", target["id"]))) for c in report.conflicts)
    for conflict in report.conflicts:
        assert tuple(conflict.witness.get(f, MISSING) for f in FACT_NAMES) in overlap
    covered = {
        key
        for c in report.conflicts
        for key in overlap
        if all(key[i] in c.pattern.facts.get(f, (key[i],)) for i, f in enumerate(FACT_NAMES))
    }
    assert covered == overlap
    assert not (report.gaps or report.dead_rules or report.breaches)


@SETTINGS
@given(clean_rule_sets(), st.data())
def test_a_planted_invariant_breach_has_the_smallest_witness(tmp_path, spec, data):
    target = data.draw(st.sampled_from([r for r in spec["rules"] if r["id"].startswith("r-")]))
    wanted = next(o for o in OWNER_IDS if o != target["decide"]["owner"])
    spec["invariants"] = [
        {
            "id": "planted",
            "description": TEXT,
            "when": target["when"],
            "expect": {"owner": [wanted]},
        }
    ]
    report = check(load_ruleset(write(tmp_path, spec)))
    assert [b.invariant for b in report.breaches] == ["planted"]
    breach = report.breaches[0]
    witness = tuple(breach.witness.get(f, MISSING) for f in FACT_NAMES)
    assert witness in region(target)
    assert breach.owner == target["decide"]["owner"]
    assert stated_count(breach.witness) == min(stated_count(stated(k)) for k in region(target))
    assert f"expect: {{owner: {wanted}}}" in breach.test_case
    assert not (report.gaps or report.conflicts or report.dead_rules or report.test_failures)


@SETTINGS
@given(clean_rule_sets(), st.data())
def test_a_planted_assumption_conflict_is_reported_with_the_tied_loser(tmp_path, spec, data):
    used = {r["when"]["goal_type"] for r in spec["rules"] if r["id"].startswith("r-")}
    goal_type = data.draw(st.sampled_from([g for g in FACT_VALUES["goal_type"] if g not in used]))
    priority = data.draw(st.integers(1, 999))
    for rule_id, value in (("anta-a", "within_budget"), ("anta-b", "requires_increase")):
        spec["rules"].append(
            {
                "id": rule_id,
                "principle": 2,
                "priority": priority,
                "when": {"goal_type": goal_type, "budget_impact": MISSING},
                "assume": {"budget_impact": value},
                "justification": TEXT,
            }
        )
    report = check(load_ruleset(write(tmp_path, spec)))
    assert [c.rules for c in report.conflicts] == [("anta-a", "anta-b")]
    assert report.conflicts[0].witness == {"goal_type": goal_type}
    # The engine takes the rule whose id sorts first; the other never fires.
    assert [(d.rule, d.tied_with) for d in report.dead_rules] == [("anta-b", ("anta-a",))]
    assert not (report.gaps or report.breaches or report.test_failures)
