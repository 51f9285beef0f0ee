"""The labelled corpus of real goals: built from two readers, split by municipality, measured."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest
import yaml

from ansvarsregler import Classifier
from ansvarsregler.analysis.evaluation import evaluate

KORPUS = Path(__file__).parent.parent / "korpus"


@pytest.fixture(scope="module")
def bygg():
    spec = importlib.util.spec_from_file_location("bygg", KORPUS / "bygg.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _goals(name: str) -> list[dict]:
    return yaml.safe_load((KORPUS / name).read_text(encoding="utf-8"))["goals"]


def test_the_built_files_are_what_the_readers_agreed(bygg):
    for name, text in bygg.build().items():
        assert (KORPUS / name).read_text(encoding="utf-8") == text, (
            f"run python korpus/bygg.py ({name})"
        )


def test_the_corpus_is_large_varied_and_split_by_municipality(bygg):
    development, held_out = _goals("utvikling.yaml"), _goals("holdt-ute.yaml")
    goals = development + held_out
    towns = {goal["municipality"] for goal in goals}
    assert len(goals) >= 400 and len(towns) >= 25
    assert Counter(goal["language"] for goal in goals)["nn"] >= len(goals) / 4
    assert len(held_out) >= 0.30 * len(goals)
    assert not {g["municipality"] for g in development} & {g["municipality"] for g in held_out}
    assert not towns & bygg.EXCLUDED
    assert all(goal["source"].startswith("http") for goal in goals)


def test_only_goals_both_readers_gave_the_same_owner_are_kept(bygg):
    first = {g["id"]: g for path in (KORPUS / "lesere").glob("1-*.yaml") for g in bygg.load(path)}
    second = {
        g["id"]: g["labels"]
        for path in (KORPUS / "lesere").glob("2-*.yaml")
        for g in bygg.load(path)
    }
    assert set(first) == set(second)
    kept = {g["id"]: g for g in _goals("utvikling.yaml") + _goals("holdt-ute.yaml")}
    for goal_id, goal in first.items():
        agreed = goal["labels"]["owner"] == second[goal_id]["owner"]
        assert (goal_id in kept) == agreed
        if agreed:
            assert kept[goal_id]["expected_owner"] == second[goal_id]["owner"]


#: The wrong share CI allows on the held-out part: the figure measured when the corpus was
#: built and rule set 1.3.0 measured on it (7.2 %), so reading can only get better. The issue's aim
#: is 3 % (see korpus/README.md).
HELD_OUT_MAX_WRONG = 0.075


def test_the_held_out_part_stays_within_the_wrong_share_ci_allows():
    report = evaluate(Classifier(), _goals("holdt-ute.yaml"))
    assert report.overall.wrong_share <= HELD_OUT_MAX_WRONG
