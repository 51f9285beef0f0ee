"""The built-in goal catalog: every goal gets the owner it is expected to get."""

from __future__ import annotations

import pytest

from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.rules.loader import shipped_data_dir

CATALOG = [read.goal for read in GoalFiles([str(shipped_data_dir("goal_catalog"))]).check()]
SEED_TITLES = {
    "Befolkningsutvikling",
    "Dekningsgrad barnehage",
    "Dekningsgrad sykehjem",
    "Åpningstid bibliotek",
    "Skape ordnede parkeringsforhold og god fremkommelighet i gater og på torg",
    "Lærertetthet pr. elev",
    "Oppgradere boligene til en mer hensiktsmessig standard",
    "Nivå lesing 2. trinn",
    "Åpningstiden i barnehagene",
    "Hvor fornøyd foreldre er med brukermedvirkning i barnehagen",
}


@pytest.mark.parametrize("goal", CATALOG, ids=lambda goal: goal.id)
def test_every_catalog_goal_gets_its_expected_owner(classifier, goal):
    result = classifier.classify(goal)
    assert result.owner == goal.model_extra["expected_owner"]
    assert result.warnings == ()


def test_the_catalog_holds_the_seed_goals_with_their_wording():
    assert {goal.title for goal in CATALOG} >= SEED_TITLES


def test_the_catalog_is_broad():
    assert len(CATALOG) >= 50
    assert len({goal.service_area for goal in CATALOG}) >= 10
    owners = {goal.model_extra["expected_owner"] for goal in CATALOG}
    assert owners == {"kommunestyret", "radmann", "virksomhetsleder"}


def test_every_deciding_and_assuming_rule_is_exercised_by_the_catalog(classifier):
    used = {rule for goal in CATALOG for rule in classifier.decision(goal).fired}
    unused = {r.id for r in classifier.ruleset.rules if r.kind != "ask"} - used
    assert not unused
