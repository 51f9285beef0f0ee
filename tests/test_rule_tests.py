"""The rule tests beside the rules (rules/tests/*.yaml) run under pytest too."""

from __future__ import annotations

import pytest

from ansvarsregler import default_ruleset
from ansvarsregler.analysis.check import compare
from ansvarsregler.goals.model import Goal

RULE_TESTS = default_ruleset().tests


@pytest.mark.parametrize(("test", "source"), RULE_TESTS, ids=[t.name for t, _ in RULE_TESTS])
def test_rule_test(classifier, test, source):
    goal = Goal(id="test", title=test.name, **test.goal)
    expected, actual = compare(test, classifier.decisions.outcome(goal.fact_key()))
    assert actual == expected, f"{source.file}:{source.line}"


def test_every_rule_has_a_rule_test(classifier):
    from ansvarsregler.analysis.check import check

    assert check(classifier.ruleset).coverage.untested == ()
