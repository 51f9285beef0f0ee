"""``Classification.from_trusted`` skips validation on the hot path; it must build exactly
what validating the same fields builds, for every kind of result the classifier makes."""

from __future__ import annotations

import copy
import pickle
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansvarsregler import Classification, Classifier, default_ruleset
from ansvarsregler.kostra import kostra_functions
from ansvarsregler.municipality.profiles import shipped_profiles
from ansvarsregler.vocabulary import FACT_VALUES, LANGUAGES

#: Words the indicator rules read (assumptions, and words that point two ways).
WORDS = ("dekning", "brukertilfredshet", "ved Solbakken skole", "bygge", "sykefravær", "økt")
#: Extra fields: carried through, and a misspelt fact draws a warning.
EXTRAS = st.dictionaries(
    st.sampled_from(["indicator", "target", "goal_typ", "budsjett_frame", "notes"]),
    st.text(max_size=10),
    max_size=2,
)


@cache
def _classifier(profile: str | None, suggest: bool) -> Classifier:
    return Classifier(default_ruleset(), profile=profile, suggest=suggest)


@st.composite
def goals(draw: st.DrawFn) -> dict[str, Any]:
    goal: dict[str, Any] = {
        "id": draw(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)),
        "title": " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))),
    }
    for fact, values in FACT_VALUES.items():
        value = draw(st.one_of(st.none(), st.sampled_from(values)))
        if value is not None:
            goal[fact] = value
    area = draw(st.sampled_from([None, "skole", "barnehage", "helse og omsorg", "ukjent"]))
    if area is not None:
        goal["service_area"] = area
    kostra = draw(st.sampled_from([None, "202", "201", "254", "190"]))  # 254, 190 expired
    if kostra is not None:
        goal["kostra_function"] = kostra
    if draw(st.booleans()):
        goal["description"] = draw(st.sampled_from(WORDS))
    return {**draw(EXTRAS), **goal}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    goal=goals(),
    profile=st.sampled_from([None, *sorted(shipped_profiles())]),
    lang=st.sampled_from(LANGUAGES),
    suggest=st.booleans(),
)
def test_from_trusted_equals_validating_the_same_fields(
    goal: dict[str, Any], profile: str | None, lang: Any, suggest: bool
) -> None:
    classifier = _classifier(profile, suggest)
    trusted = classifier.classify(goal, lang=lang)
    # classify_many finishes the usual goal itself, from what classify has just kept.
    (many,) = classifier.classify_many([goal], lang=lang)
    assert many.model_dump_json() == trusted.model_dump_json()
    assert list(many.__dict__) == list(trusted.__dict__)
    assert many.model_fields_set == trusted.model_fields_set
    fields = {name: getattr(trusted, name) for name in Classification.model_fields}
    validated = Classification.model_validate(fields)
    assert trusted == validated
    assert trusted.model_dump_json() == validated.model_dump_json()
    assert trusted.model_dump() == validated.model_dump()
    assert trusted.model_fields_set == validated.model_fields_set
    assert list(trusted.__dict__) == list(validated.__dict__)  # the order JSON follows
    assert repr(trusted) == repr(validated)
    assert trusted.__pydantic_extra__ == validated.__pydantic_extra__
    assert trusted.__pydantic_private__ == validated.__pydantic_private__
    assert Classification.model_validate_json(trusted.model_dump_json()) == trusted


def test_the_generated_goals_reach_every_kind_of_result() -> None:
    """The strategy is worth its name: owners, questions, assumptions and warnings occur."""
    classifier = _classifier("verran", True)
    owners = {
        classifier.classify({"id": "a", "title": title, **facts}).owner
        for title, facts in [
            ("befolkning", {}),
            ("dekning", {"budget_impact": "within_budget", "budget_frame": "unit"}),
            ("økt", {}),
        ]
    }
    assert {"kommunestyret", None} <= owners
    assert not kostra_functions()["254"].valid


def test_results_that_share_their_set_of_fields_are_copied_and_updated_apart() -> None:
    """Every result the hot path makes holds the same set of field names (copying one per
    result cost a sixteenth of a goal's time). It refuses changes in place, which would reach
    every result; pydantic copies it before a change, so a result copied with an update
    leaves the others as they were."""
    classifier = _classifier(None, True)
    first, second = classifier.classify_many(
        [{"id": "a", "title": "dekning"}, {"id": "b", "title": "økt"}]
    )
    assert first.model_fields_set is second.model_fields_set
    before = set(second.model_fields_set)
    # A name that is not yet in the set shows whether the copy's set is its own.
    changed = first.model_copy(update={"title": "endret", "not_a_field": 1})
    assert changed.title == "endret"
    assert "not_a_field" in changed.model_fields_set
    assert second.model_fields_set == before == first.model_fields_set
    for copied in (copy.copy(first), copy.deepcopy(first), pickle.loads(pickle.dumps(first))):
        assert copied == first
        assert type(copied.model_fields_set) is set
        copied.model_fields_set.add("not_a_field")
    assert second.model_fields_set == before
    assert second.model_dump(exclude_unset=True).keys() == second.model_dump().keys()


@pytest.mark.parametrize(
    "change",
    [
        lambda names: names.add("x"),
        lambda names: names.discard("warnings"),
        lambda names: names.update({"x"}),
        lambda names: names.clear(),
        lambda names: names.pop(),
        lambda names: names.difference_update({"warnings"}),
        lambda names: names.__isub__({"warnings"}),
        lambda names: names.__ior__({"x"}),
    ],
)
def test_the_shared_set_of_fields_refuses_a_change_in_place(change: Any) -> None:
    (result,) = _classifier(None, True).classify_many([{"id": "a", "title": "dekning"}])
    before = set(result.model_fields_set)
    with pytest.raises(TypeError, match="shared by many results"):
        change(result.model_fields_set)
    assert result.model_fields_set == before
