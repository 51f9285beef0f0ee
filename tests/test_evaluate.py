"""``ansvar evaluate``: the rules measured on labelled goals, as figures and as exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ansvarsregler import Classifier, InvalidGoalError
from ansvarsregler.analysis.evaluation import Evaluation, evaluate
from ansvarsregler.cli import main

#: Five hand-labelled goals: two right (one by its words, one by its stated facts), one wrong
#: (misled by «Rehabilitere»), two unresolved (one missing its budget level, one whose words
#: point two ways).
LABELLED = [
    {
        "id": "barnehage",
        "title": "Øke barnehagedekningen til 98 %",
        "service_area": "barnehage",
        "language": "nb",
        "expected_owner": "kommunestyret",
        "expected_goal_type": "capacity",
    },
    {
        "id": "rehabilitere",
        "title": "Rehabilitere Sentrum skole",
        "service_area": "skole",
        "language": "nn",
        "expected_owner": "radmann",
        "expected_goal_type": "societal",
    },
    {
        "id": "sykefravaer",
        "title": "Redusere sykefraværet",
        "service_area": "skole",
        "language": "nb",
        "expected_owner": "virksomhetsleder",
        "expected_goal_type": "employee",
        "expected_budget_frame": "unit",
    },
    {
        "id": "to-veier",
        "title": "Økt brukertilfredshet med åpningstidene",
        "language": "nb",
        "expected_owner": "virksomhetsleder",
        "expected_goal_type": "user_satisfaction",
    },
    {
        "id": "oppgitt",
        "title": "Flere sykehjemsplasser",
        "goal_type": "capacity",
        "influence": "partial",
        "budget_impact": "requires_increase",
        "budget_frame": "sector",
        "language": "nb",
        "expected_owner": "kommunestyret",
        "expected_goal_type": "capacity",
    },
]


@pytest.fixture
def labelled_file(tmp_path: Path) -> Path:
    path = tmp_path / "merket.yaml"
    path.write_text(yaml.safe_dump({"goals": LABELLED}, allow_unicode=True), encoding="utf-8")
    return path


def _json(runner, *args: str) -> dict:
    result = runner.invoke(main, ["evaluate", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_counts_right_unresolved_and_wrong(classifier):
    report = evaluate(classifier, LABELLED)
    overall = report.overall
    assert (overall.goals, overall.right, overall.unresolved, overall.wrong) == (5, 2, 2, 1)
    assert (overall.right_share, overall.wrong_share) == (0.4, 0.2)
    assert report.by_language["nb"].model_dump(include={"goals", "right", "unresolved"}) == {
        "goals": 4,
        "right": 2,
        "unresolved": 2,
    }
    assert report.by_language["nn"].wrong == 1
    assert set(report.by_service_area) == {"barnehage", "skole"}
    assert report.by_service_area["skole"].goals == 2
    # «to-veier» is asked its type and, for a satisfaction goal, its budget level.
    assert report.questions == {1: 1, 2: 1, 3: 0, 4: 0}


def test_the_confusion_table_has_unresolved_as_a_column(classifier):
    confusion = evaluate(classifier, LABELLED).confusion
    assert confusion["kommunestyret"] == {
        "kommunestyret": 2,
        "radmann": 0,
        "virksomhetsleder": 0,
        "unresolved": 0,
    }
    assert confusion["radmann"]["kommunestyret"] == 1
    assert confusion["virksomhetsleder"]["unresolved"] == 2


def test_facts_suggested_right_wrong_not_suggested_and_given(classifier):
    facts = {item.fact: item for item in evaluate(classifier, LABELLED).facts}
    assert set(facts) == {"goal_type", "budget_frame"}
    goal_type = facts["goal_type"]
    assert (goal_type.right, goal_type.wrong, goal_type.not_suggested, goal_type.given) == (
        2,
        1,
        1,
        1,
    )
    assert facts["budget_frame"].not_suggested == 1


def test_a_wrong_goal_names_the_rule_and_the_words_that_misled(classifier):
    (wrong,) = evaluate(classifier, LABELLED).wrong_goals
    assert (wrong.goal_id, wrong.expected, wrong.got) == (
        "rehabilitere",
        "radmann",
        "kommunestyret",
    )
    assert wrong.rule == "krever-mer-penger"
    (misled,) = wrong.suggestions
    assert (misled.fact, misled.value, misled.rule, misled.words) == (
        "goal_type",
        "investment",
        "ord-investering",
        ("Rehabilitere",),
    )


def test_without_suggestions_nothing_is_decided_by_the_words():
    report = evaluate(Classifier(suggest=False), LABELLED)
    assert not report.suggest
    assert report.overall.right == 1  # only the goal that states its facts


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nb", ["Reglene målt på 5 merkede mål", "Mål med feil eier (1)", "«Rehabilitere»"]),
        ("en", ["The rules measured on 5 labelled goals", "Goals with a wrong owner (1)"]),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_report_in_both_languages(runner, labelled_file, lang, words, fmt):
    result = runner.invoke(main, ["evaluate", str(labelled_file), "--format", fmt, "--lang", lang])
    assert result.exit_code == 0, result.stderr
    for word in words:
        assert word in result.stdout
    assert "rehabilitere: Rehabilitere Sentrum skole" in result.stdout
    assert ("40,0 %" if lang == "nb" else "40.0 %") in result.stdout


def test_json_is_the_model_and_follows_its_schema(runner, labelled_file):
    jsonschema = pytest.importorskip("jsonschema")
    data = _json(runner, str(labelled_file))
    jsonschema.validate(data, Evaluation.model_json_schema(mode="serialization"))
    assert Evaluation.model_validate_json(json.dumps(data)).overall.wrong == 1
    assert data["wrong_goals"][0]["suggestions"][0]["words"] == ["Rehabilitere"]


@pytest.mark.parametrize(("limit", "code"), [("0.2", 0), ("0.19", 1), ("0", 1), ("1", 0)])
def test_max_wrong_sets_the_exit_code(runner, labelled_file, limit, code):
    result = runner.invoke(main, ["evaluate", str(labelled_file), "--max-wrong", limit])
    assert result.exit_code == code, result.stderr
    assert result.stdout  # the report is shown either way
    if code:
        assert "20,0 % av målene fikk feil eier" in result.stderr


def test_spreadsheet_headers_and_values_in_bokmal(runner, tmp_path):
    path = tmp_path / "merket.csv"
    path.write_text(
        "Mål-id;Mål;Forventet eier;Forventet måltype\n"
        "a;Øke barnehagedekningen til 98 %;Kommunestyret;Kapasitet\n"
        "b;Rehabilitere Sentrum skole;Rådmann;samfunnsmål\n",
        encoding="utf-8",
    )
    data = _json(runner, str(path))
    assert (data["overall"]["right"], data["overall"]["wrong"]) == (1, 1)
    assert data["facts"][0] == {
        "fact": "goal_type",
        "right": 1,
        "wrong": 1,
        "not_suggested": 0,
        "given": 0,
    }


@pytest.mark.parametrize(
    ("change", "lang", "words"),
    [
        (
            {"expected_owner": None},
            "nb",
            ["linje", "mål 'barnehage'", "felt expected_owner", "ingen forventet eier"],
        ),
        (
            {"expected_owner": None},
            "en",
            ["line", "goal 'barnehage'", "field expected_owner", "has no expected owner"],
        ),
        (
            {"expected_owner": "ordfører"},
            "en",
            ["field expected_owner", "'ordfører' is not allowed", "radmann"],
        ),
        (
            {"expected_goal_type": "kapasitetsmål2"},
            "nb",
            ["felt expected_goal_type", "'kapasitetsmål2' er ikke tillatt"],
        ),
    ],
)
def test_bad_labels_are_located_errors_with_exit_2(runner, tmp_path, change, lang, words):
    goals = [{**LABELLED[0], **change}, *LABELLED[1:]]
    goals[0] = {key: value for key, value in goals[0].items() if value is not None}
    path = tmp_path / "merket.yaml"
    path.write_text(yaml.safe_dump({"goals": goals}, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(main, ["evaluate", str(path), "--lang", lang])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "merket.yaml" in result.stderr
    for word in words:
        assert word in result.stderr


def test_the_library_names_the_goal_without_a_label(classifier):
    with pytest.raises(InvalidGoalError) as error:
        evaluate(classifier, [{"id": "x", "title": "Et mål"}])
    assert "goal 'x'" in error.value.message("en")
    assert "field expected_owner" in error.value.message("en")
