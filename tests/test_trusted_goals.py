"""The fast path of reading a goal (``to_goal`` without pydantic for the usual goal) must
build exactly the goal that validating it builds, and leave every other goal to validation."""

from __future__ import annotations

from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansvarsregler.errors import InvalidGoalError
from ansvarsregler.goals.model import Goal, to_goal, trusted_goal
from ansvarsregler.vocabulary import FACT_VALUES

LIMIT = 40


class _Type(str, Enum):
    """A caller's own enum of fact values: equal to the text, but not a plain text."""

    SOCIETAL = "societal"


class _Text(str):
    """A caller's own kind of text."""


#: Texts a goal's field may hold: plain, empty, padded, with a space validation strips and
#: one it does not (U+001C is Python's whitespace, not Unicode's), too long, half a surrogate.
TEXTS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", " ", "a ", " a", "a\u00a0", "\u1680a", "a\u001c", "\ud800", "x" * (LIMIT + 1)]
    ),
    st.sampled_from(["202", "201", "254", "999", "20", " 202"]),
    st.sampled_from([value for values in FACT_VALUES.values() for value in values]),
    st.sampled_from([_Type.SOCIETAL, _Text("202"), _Text("capacity"), _Text("a")]),
)
VALUES = st.one_of(
    TEXTS,
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
KEYS = st.one_of(
    st.sampled_from([*Goal.model_fields, "indicator", "goal_typ", "Id"]), st.text(max_size=6)
)


@st.composite
def raw_goals(draw: st.DrawFn) -> dict[Any, Any]:
    """Mostly goals the fast path takes (so that its equality is tested often), some not."""
    raw: dict[Any, Any] = {}
    if draw(st.booleans()):
        raw["id"] = draw(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True))
        raw["title"] = draw(st.from_regex(r"[A-ZÆØÅa-zæøå][\wæøå %.,-]{0,20}[a-z]", fullmatch=True))
        for fact, values in FACT_VALUES.items():
            if draw(st.booleans()):
                raw[fact] = draw(st.sampled_from(values))
    raw.update(draw(st.dictionaries(KEYS, VALUES, max_size=5)))
    if draw(st.integers(0, 9)) == 0:
        raw[draw(st.integers())] = "a key that is not a text"
    return raw


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_goals())
def test_the_fast_path_builds_what_validation_builds(raw: dict[Any, Any]) -> None:
    fast = trusted_goal(raw, LIMIT)
    if fast is None:
        return
    validated = to_goal(dict(raw), cell_length=LIMIT)  # a dict subclass would skip it too
    slow = Goal.model_validate(raw)
    assert validated == slow
    assert list(fast.__dict__.items()) == list(slow.__dict__.items())
    assert [type(value) for value in fast.__dict__.values()] == [
        type(value) for value in slow.__dict__.values()
    ]
    assert list((fast.__pydantic_extra__ or {}).items()) == list(
        (slow.__pydantic_extra__ or {}).items()
    )
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.__pydantic_private__ == slow.__pydantic_private__
    assert fast.model_dump_json() == slow.model_dump_json()
    assert repr(fast) == repr(slow)
    assert fast == slow


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_goals())
def test_a_goal_validation_refuses_is_never_taken(raw: dict[Any, Any]) -> None:
    try:
        to_goal(_Mapping(raw), cell_length=LIMIT)  # not a dict: always validated
    except InvalidGoalError:
        assert trusted_goal(raw, LIMIT) is None


def test_the_usual_goal_takes_the_fast_path() -> None:
    """The property above proves nothing if the fast path never runs."""
    goal = {
        "id": "lesing-2",
        "title": "Nivå lesing 2. trinn",
        "kostra_function": "202",
        "goal_type": "service_quality",
        "influence": "partial",
        "budget_impact": "within_budget",
        "budget_frame": "unit",
        "indicator": "andel",
        "target": 80,
    }
    assert trusted_goal(goal, LIMIT) is not None


@pytest.mark.parametrize(
    "raw",
    [
        {"id": "a", "title": " padded "},
        {"id": 7, "title": "a number for an id"},
        {"id": "a", "title": "t", "kostra_function": " 202"},
        {"id": "a", "title": "t", "goal_type": "Service_quality"},
        {"id": "a", "title": "t", "notes": 1.5},
        {"id": "a", "title": "t", "notes": ["a list"]},
        {"id": "a", "title": "x" * (LIMIT + 1)},
        {"id": "a"},
    ],
)
def test_anything_validation_might_change_or_refuse_goes_to_validation(
    raw: dict[str, Any],
) -> None:
    assert trusted_goal(raw, LIMIT) is None


class _Mapping(dict):  # type: ignore[type-arg]
    """A mapping that is not exactly a dict."""
