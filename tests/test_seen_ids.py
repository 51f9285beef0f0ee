"""Duplicate ids are found by hash in bounded memory; a shared hash alone is no duplicate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansvarsregler.errors import InvalidGoalError
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.goals.seen_ids import SeenIds


@given(st.lists(st.text(max_size=8), max_size=3000))
def test_it_says_what_a_set_would_say(ids: list[str]) -> None:
    seen, reference = SeenIds(), set()
    for goal_id in ids:
        assert seen.add(goal_id) == (goal_id in reference)
        reference.add(goal_id)
    assert len(seen) == len(reference)


def test_it_grows_past_its_first_table() -> None:
    seen = SeenIds()
    assert not any(seen.add(f"mål-{number}") for number in range(50_000))
    assert all(seen.add(f"mål-{number}") for number in range(0, 50_000, 997))


def _jsonl(path: Path, ids: list[str]) -> str:
    path.write_text("".join(json.dumps({"id": i, "title": "Mål"}) + "\n" for i in ids))
    return str(path)


def test_a_shared_hash_is_looked_up_and_let_through(tmp_path, monkeypatch) -> None:
    """Two different ids whose hashes collide (forced here) are both read."""
    monkeypatch.setattr(SeenIds, "add", lambda self, goal_id: True)  # every id "seen before"
    with GoalFiles([_jsonl(tmp_path / "mål.jsonl", ["a", "b", "c"])]) as files:
        assert [read.goal.id for read in files.check()] == ["a", "b", "c"]


def test_a_real_duplicate_names_where_it_stood_first(tmp_path) -> None:
    path = _jsonl(tmp_path / "mål.jsonl", ["a", "b", "a"])
    with GoalFiles([path]) as files, pytest.raises(InvalidGoalError) as raised:
        list(files.check())
    assert raised.value.location.line == 3
    assert f"{path}:1" in str(raised.value)


@pytest.mark.parametrize(
    "text",
    [
        '[{"id": "a", "title": "x"}, {"id": "a", "title": "y"}]',  # JSON on one line
        '{"goals": [{"id": "a", "title": "x"}, {"id": "a", "title": "y"}]}',
        "goals: [{id: a, title: x}, {id: a, title: y}]\n",  # YAML's flow style
    ],
)
def test_a_duplicate_on_the_same_line_is_refused(tmp_path, text: str) -> None:
    path = tmp_path / ("mål.yaml" if text.startswith("goals:") else "mål.json")
    path.write_text(text, encoding="utf-8")
    with GoalFiles([str(path)]) as files, pytest.raises(InvalidGoalError, match="'a'"):
        list(files.check())


def test_a_shared_hash_on_one_line_is_let_through(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(SeenIds, "add", lambda self, goal_id: True)
    path = tmp_path / "mål.json"
    path.write_text('[{"id": "a", "title": "x"}, {"id": "b", "title": "y"}]', encoding="utf-8")
    with GoalFiles([str(path)]) as files:
        assert [read.goal.id for read in files.check()] == ["a", "b"]
