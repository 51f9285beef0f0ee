"""The library API a budget tool calls."""

from __future__ import annotations

import itertools

import pytest

import ansvarsregler
from ansvarsregler import Classification, Goal, InvalidGoalError, classify, classify_many

READING = {
    "id": "lesing-2",
    "title": "Nivå lesing 2. trinn",
    "goal_type": "service_quality",
    "influence": "partial",
    "budget_impact": "within_budget",
    "budget_frame": "unit",
    "indicator": "andel elever over bekymringsgrensen",
}


def test_classify_takes_a_mapping_or_a_goal_and_returns_a_typed_result():
    from_mapping = classify(READING)
    from_goal = classify(Goal.model_validate(READING))
    assert isinstance(from_mapping, Classification)
    assert from_mapping == from_goal
    assert from_mapping.owner == "virksomhetsleder"
    assert from_mapping.adopted_by == "kommunestyret"
    assert from_mapping.principle == 3
    assert from_mapping.questions == ()
    assert from_mapping.goal.model_extra == {"indicator": "andel elever over bekymringsgrensen"}


def test_the_same_facts_with_a_sector_budget_move_to_the_chief_executive():
    result = classify({**READING, "budget_frame": "sector"})
    assert (result.owner, result.principle) == ("radmann", 4)


def test_justifications_exist_in_bokmal_by_default_and_in_english():
    norwegian = classify(READING)
    english = classify(READING, lang="en")
    assert "virksomhetslederen" in norwegian.justification
    assert "unit leader" in english.justification
    assert norwegian.lang == "nb" and english.lang == "en"


def test_unresolved_goals_carry_questions_in_the_chosen_language():
    result = classify({"id": "x", "title": "Bedre samarbeid"}, lang="en")
    assert result.owner is None and result.adopted_by is None
    # Only the facts whose answers decide the owner are asked (see docs/rules.md).
    assert [q.fact for q in result.questions] == [
        "goal_type",
        "budget_frame",
    ]
    assert result.questions[0].text == "What kind of goal is this?"
    assert "societal" in result.questions[0].choices


def test_assumptions_are_listed_and_the_justification_shows_the_chain():
    result = classify({"id": "bhg", "title": "Dekningsgrad barnehage", "goal_type": "capacity"})
    assert result.owner == "kommunestyret"
    assert [(a.fact, a.value, a.rule) for a in result.assumptions] == [
        ("budget_impact", "requires_increase", "anta-kapasitet-krever-penger")
    ]
    assert result.justification.startswith("Antatt (ikke oppgitt i målet): Et kapasitetsmål")
    assert "krever-mer-penger" in result.justification


def test_classify_many_is_lazy():
    def goals():
        yield READING
        raise AssertionError("the second goal was read before the first result was used")

    assert next(classify_many(goals())).goal_id == "lesing-2"


def test_classify_many_refuses_duplicate_ids():
    with pytest.raises(InvalidGoalError) as caught:
        list(classify_many([READING, READING]))
    assert "lesing-2" in caught.value.message("en")
    assert "unique" in caught.value.message("en")


@pytest.mark.parametrize(
    ("goal", "field", "words"),
    [
        ({"title": "Uten id"}, "id", "required"),
        ({"id": "a", "title": "t", "goal_type": "samfunn"}, "goal_type", "societal"),
        ({"id": "a", "title": "t", "kostra_function": "999"}, "kostra_function", "999"),
        ({"id": "a", "title": "   "}, "title", "empty"),
    ],
)
def test_invalid_goals_name_the_goal_field_and_what_is_allowed(goal, field, words):
    with pytest.raises(InvalidGoalError) as caught:
        classify(goal)
    text = caught.value.message("en")
    assert f"field {field}" in text
    assert words in text
    assert caught.value.message("nb") != text


def test_a_misspelt_fact_gets_a_warning_naming_the_fact():
    result = classify({"id": "a", "title": "t", "goal_typ": "societal"})
    assert any("'goal_type'" in warning for warning in result.warnings)
    assert result.goal.goal_type is None


def test_an_expired_kostra_function_gets_a_warning():
    result = classify({"id": "a", "title": "Hjemmetjeneste", "kostra_function": 254}, lang="en")
    assert result.goal.kostra_function == "254"
    assert any("expired" in warning for warning in result.warnings)


def test_the_result_cites_the_rule_set():
    result = classify(READING)
    ruleset = ansvarsregler.default_ruleset()
    assert result.ruleset.version == ruleset.version
    assert result.ruleset.hash == ruleset.hash and len(ruleset.hash) == 64


def test_explain_lists_the_rules_that_did_not_fire_with_reasons():
    explanation = ansvarsregler.explain(READING, lang="en")
    assert explanation.decided_by == "kvalitet-innenfor-rammen-enhet"
    roles = {fired.rule: fired.role for fired in explanation.fired}
    assert roles["kvalitet-innenfor-rammen-enhet"] == "decided"
    assert roles["uavklart"] == "outranked"
    sector = next(r for r in explanation.not_fired if r.rule == "kvalitet-innenfor-rammen-sektor")
    assert [m.fact for m in sector.mismatches] == ["budget_frame"]
    assert "per unit" in sector.mismatches[0].text
    every_rule = {r.id for r in ansvarsregler.default_ruleset().rules}
    assert {f.rule for f in explanation.fired} | {r.rule for r in explanation.not_fired} == (
        every_rule
    )


def test_results_are_immutable_and_share_nothing_mutable():
    first, second = itertools.islice(
        classify_many([{**READING, "id": "a"}, {**READING, "id": "b"}]), 2
    )
    assert first.assumptions is second.assumptions  # shared, hence tuples
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error type
        first.owner = "radmann"  # type: ignore[misc]


def test_results_support_the_usual_pydantic_calls():
    result = classify(READING)
    assert result.model_dump(exclude_unset=True)["owner"] == "virksomhetsleder"
    assert result.model_copy(update={"owner": "radmann"}).owner == "radmann"
    assert result.owner == "virksomhetsleder"


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(InvalidGoalError) as caught:
        classify(READING, lang="de")  # type: ignore[arg-type]
    assert "nb, en" in caught.value.message("en")


def test_a_huge_integer_id_is_a_clear_error():
    with pytest.raises(InvalidGoalError) as caught:
        classify({"id": 10**5000, "title": "t"})
    assert "digits" in caught.value.message("en")


def test_json_output_follows_the_contract_field_order():
    import json

    record = json.loads(classify(READING).model_dump_json())
    assert list(record) == list(Classification.model_fields)
