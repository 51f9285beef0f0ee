"""Answer once for many: an answers file states the budget level per service area.

Each answer is a stated fact of every goal it covers that leaves the fact out,
cited in the result (``answered``), the justification, ``explain`` and the
working sheet; a mistake in the file is refused with its line, before anything
is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ansvarsregler import (
    AnswersError,
    Classifier,
    InvalidGoalError,
    classify,
    classify_many,
    explain,
    load_answers,
)
from ansvarsregler.cli import main
from ansvarsregler.municipality.answers import Answer, Answers
from ansvarsregler.vocabulary import FACT_VALUES

ANSWERS = """\
# Budsjettnivå per tjenesteområde, fra budsjettet 2027
budsjettnivå:
  Skole: sektor
  helse og  omsorg: Enhet
  "253": unit
  default: sektor
"""
GOALS = """\
- {id: lesing, title: Elevene skal trives på skolen, service_area: skole}
- {id: sykehjem, title: Brukerne er fornøyd med sykehjemmet, service_area: Helse og omsorg}
- {id: kostra, title: Brukerne er fornøyd med sykehjemmet, service_area: Skole,
   kostra_function: "253"}
- {id: kultur, title: Brukerne er fornøyd med biblioteket, service_area: Kultur}
- {id: oppgitt, title: Elevene skal trives på skolen, service_area: Skole, budget_frame: unit}
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    answers = tmp_path / "svar.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    goals = tmp_path / "mål.yaml"
    goals.write_text(GOALS, encoding="utf-8")
    return answers, goals


def goals_of(path: Path) -> list[dict]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_each_answer_states_the_level_for_the_goals_it_covers(files):
    answers, goals = files
    results = {r.goal_id: r for r in classify_many(goals_of(goals), answers=answers)}
    cited = {
        goal_id: (r.answered[0].value, r.answered[0].line, r.answered[0].answered_for)
        for goal_id, r in results.items()
        if r.answered
    }
    assert cited == {
        "lesing": ("sector", 3, "Skole"),  # case does not count
        "sykehjem": ("unit", 4, "helse og  omsorg"),  # nor spacing
        "kostra": ("unit", 5, "253"),  # the KOSTRA function beats the service area
        "kultur": ("sector", 6, "default"),
    }
    # The goal's own value wins, and is not cited as answered.
    assert results["oppgitt"].answered == ()
    assert results["oppgitt"].owner == "virksomhetsleder"
    assert results["lesing"].owner == "radmann"
    assert results["sykehjem"].owner == "virksomhetsleder"
    # Stated, not assumed: no assumption and no question about the level.
    for result in results.values():
        assert "budget_frame" not in {a.fact for a in result.assumptions}
        assert "budget_frame" not in {q.fact for q in result.questions}
    # The goal is carried through as read; the justification cites the file and line.
    assert results["lesing"].goal.budget_frame is None
    assert results["lesing"].justification.startswith(
        f"Oppgitt i svarfil: Budsjettnivå er per sektor/tjenesteområde for Skole ({answers}, "
        "linje 3)."
    )


def test_the_answers_decide_as_the_same_fact_stated_in_the_goal_would(files):
    answers, goals = files
    answered = list(classify_many(goals_of(goals), answers=answers, lang="en"))
    stated = [
        {**goal, "budget_frame": result.answered[0].value} if result.answered else goal
        for goal, result in zip(goals_of(goals), answered, strict=True)
    ]
    for with_answers, with_fact in zip(answered, classify_many(stated, lang="en"), strict=True):
        assert (with_answers.owner, with_answers.adopted_by, with_answers.rule) == (
            with_fact.owner,
            with_fact.adopted_by,
            with_fact.rule,
        )


@settings(max_examples=60, deadline=None)
@given(
    frame=st.sampled_from(["unit", "sector", "municipality"]),
    stated=st.fixed_dictionaries(
        {},
        optional={
            fact: st.sampled_from(FACT_VALUES[fact])
            for fact in ("goal_type", "influence", "budget_impact", "budget_frame")
        },
    ),
    area=st.sampled_from(["Skole", "skole", "Kultur", None]),
)
def test_an_answer_never_overrides_a_stated_level_and_equals_stating_it(frame, stated, area):
    classifier = Classifier()
    answers = _answers_of({"default": frame})
    goal = {"id": "g", "title": "Et mål", "service_area": area, **stated}
    with_answers = classifier.with_answers(answers).classify(goal)
    expected_frame = stated.get("budget_frame") or frame
    as_stated = classifier.classify({**goal, "budget_frame": expected_frame})
    assert (with_answers.owner, with_answers.rule) == (as_stated.owner, as_stated.rule)
    assert bool(with_answers.answered) == ("budget_frame" not in stated)


def _answers_of(by_area: dict[str, str]) -> Answers:
    return Answers("svar.yaml", [Answer("budget_frame", v, k, 2) for k, v in by_area.items()])


def test_explain_shows_the_level_as_given_from_the_file(files):
    answers, goals = files
    explanation = explain(goals_of(goals)[0], answers=load_answers(answers))
    frame = next(fact for fact in explanation.given if fact.fact == "budget_frame")
    assert frame.value == "sector"
    assert frame.answered is not None and frame.answered.line == 3
    result = CliRunner().invoke(main, ["explain", "lesing", str(goals), "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    assert f"[svar for Skole i {answers}, linje 3]" in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        (
            "budsjettnivå:\n  Skole: stor\n",
            2,
            "'stor' er ikke et gyldig svar for 'Skole'; "
            "tillatt: enhet, sektor, kommune (eller unit, sector, municipality)",
        ),
        ("måltype:\n  Skole: samfunn\n", 1, "'måltype' kan ikke besvares for mange mål"),
        (
            "budsjettnivå:\n  skole: sektor\n  Skole: enhet\n",
            3,
            "'skole' og 'Skole' er samme tjenesteområde",
        ),
        ('budsjettnivå:\n  "999": sektor\n', 2, "'999' finnes ikke i KOSTRA-funksjonslista"),
        ("budsjettnivå: sektor\n", 1, "under 'budsjettnivå' skal det stå ett svar per"),
        ("- Skole: sektor\n", 1, "en svarfil er en liste av spørsmål"),
        ("budsjettnivå:\n  Skole: [enhet]\n", 2, "\"['enhet']\" er ikke et gyldig svar"),
        ("budsjettnivå:\n  Skole: sektor\n  Skole: enhet\n", 3, "Skole"),
        ("budsjettnivå:\n  Skole: 'sektor\n", 3, "ugyldig YAML"),
        (
            "budsjettnivå:\n  Skole: sektor\nBudget level:\n  Kultur: unit\n",
            3,
            "'budsjettnivå' og 'Budget level' er samme spørsmål",
        ),
        ('budsjettnivå:\n  "": sektor\n', 2, "et svar uten tjenesteområde"),
        ("budsjettnivå:\n  ~: sektor\n", 2, "et svar uten tjenesteområde"),
    ],
)
def test_a_mistake_in_the_file_is_refused_with_its_line(tmp_path, text, line, says):
    path = tmp_path / "svar.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersError) as raised:
        load_answers(path)
    assert raised.value.location.line == line
    assert says in raised.value.message("nb")
    assert raised.value.message("en") != raised.value.message("nb")


def test_an_answers_file_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "svar.yaml"
    path.write_bytes("budsjettnivå:\n  Skole: sektor\n".encode("latin-1"))
    with pytest.raises(AnswersError) as raised:
        load_answers(path)
    assert raised.value.message("nb").endswith("svarfila må være tekst i UTF-8 (YAML)")


def test_an_empty_or_missing_file_is_refused(tmp_path):
    empty = tmp_path / "tom.yaml"
    empty.write_text("# ingenting her\n", encoding="utf-8")
    with pytest.raises(AnswersError, match="empty"):
        load_answers(empty)
    with pytest.raises(AnswersError):
        load_answers(tmp_path / "finnes-ikke.yaml")


def test_a_misspelt_area_stops_the_run_before_anything_is_written(files):
    answers, goals = files
    answers.write_text("budsjettnivå:\n  Kultur: enhet\n  Skloe: sektor\n", encoding="utf-8")
    before = answers.read_bytes(), goals.read_bytes()
    output = goals.parent / "ut.xlsx"
    result = CliRunner().invoke(
        main, ["classify", str(goals), "--answers", str(answers), "-o", str(output)]
    )
    assert result.exit_code == 2
    assert (
        f"Feil: fil {answers}, linje 3: ingen av målene har tjenesteområdet 'Skloe', men de har "
        "'skole': er det skrevet feil?"
    ) in " ".join(result.stderr.split())
    assert "Traceback" not in result.output
    assert not output.exists()
    assert (answers.read_bytes(), goals.read_bytes()) == before


def test_an_answer_no_goal_here_needs_is_a_warning_not_an_error(files):
    """One answers file for the whole municipality, run on one sector's goals."""
    answers, goals = files
    answers.write_text(
        'budsjettnivå:\n  Kultur: enhet\n  Barnehage: enhet\n  "213": sektor\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["classify", str(goals), "--answers", str(answers), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    warnings = [" ".join(line.split()) for line in result.stderr.splitlines()]
    assert warnings == [
        f"Advarsel: fil {answers}, linje 3: ingen av målene har tjenesteområdet 'Barnehage'; "
        "svaret brukes ikke i denne kjøringen",
        f"Advarsel: fil {answers}, linje 4: ingen av målene har KOSTRA-funksjon 213; svaret "
        "brukes ikke i denne kjøringen",
    ]
    explained = CliRunner().invoke(
        main, ["explain", "kultur", str(goals), "--answers", str(answers), "--lang", "en"]
    )
    assert explained.exit_code == 0
    assert "Warning: file" in explained.stderr and "'Barnehage'" in explained.stderr


def test_the_default_answer_is_named_in_words(files):
    answers, goals = files
    kultur = next(
        r for r in classify_many(goals_of(goals), answers=answers) if r.goal_id == "kultur"
    )
    assert kultur.justification.startswith(
        f"Oppgitt i svarfil: Budsjettnivå er per sektor/tjenesteområde for alle andre "
        f"tjenesteområder ({answers}, linje 6)."
    )
    kostra = next(
        r
        for r in classify_many(goals_of(goals), answers=answers, lang="en")
        if r.goal_id == "kostra"
    )
    assert "for KOSTRA function 253 (" in kostra.justification


def test_the_library_refuses_answers_of_another_kind():
    with pytest.raises(InvalidGoalError, match="answers must be an answers file"):
        classify({"id": "a", "title": "Et mål"}, answers={"budsjettnivå": {"Skole": "sektor"}})


def test_a_run_with_answers_names_the_areas_still_asked(files):
    answers, goals = files
    answers.write_text("budsjettnivå:\n  Kultur: enhet\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["classify", str(goals), "--answers", str(answers), "--format", "csv"]
    )
    assert result.exit_code == 0
    assert (
        f"budsjettnivå ble spurt om for 2 mål i 1 tjenesteområde (skole) som {answers} ikke "
        "svarer for; legg dem til der."
    ) in " ".join(result.stderr.split())


def test_the_answers_file_is_never_the_output(files):
    answers, goals = files
    result = CliRunner().invoke(
        main, ["classify", str(goals), "--answers", str(answers), "-o", str(answers)]
    )
    assert result.exit_code == 2
    assert answers.read_text(encoding="utf-8") == ANSWERS


def test_the_run_says_where_the_level_was_asked_and_how_to_answer_it_once(files):
    _, goals = files
    result = CliRunner().invoke(main, ["classify", str(goals), "--format", "csv"])
    assert result.exit_code == 0
    hint = " ".join(result.stderr.split())
    assert hint.startswith(
        "Merk: budsjettnivå ble spurt om for 3 mål i 2 tjenesteområder (Kultur, skole). "
        "Svar én gang per tjenesteområde med --answers svar.yaml"
    )
    answered = CliRunner().invoke(
        main, ["classify", str(goals), "--answers", str(files[0]), "--format", "csv"]
    )
    assert answered.stderr == ""
    # Tools reading JSON get no advice on standard error.
    quiet = CliRunner().invoke(main, ["classify", str(goals), "--format", "json"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


SHEET = (
    "Mål-id;Mål;Tjenesteområde;KOSTRA-funksjon;Budsjettnivå\n"
    "lesing;Elevene skal trives på skolen;skole;;\n"
    "bhg;Foreldrene er fornøyd med barnehagen;Barnehage;;\n"
    "kostra;Brukerne er fornøyd med sykehjemmet;Skole;253;\n"
    "kultur;Brukerne er fornøyd med biblioteket;Kultur;;\n"
    "oppgitt;Elevene skal trives på skolen;Skole;;enhet\n"
)


def test_the_working_sheet_shows_an_answered_level_and_reads_it_back_as_filled_in(files, tmp_path):
    answers, _ = files
    answers.write_text(ANSWERS.replace("helse og  omsorg", "barnehage"), encoding="utf-8")
    goals = tmp_path / "mål.csv"
    goals.write_text(SHEET, encoding="utf-8")
    first = tmp_path / "første.xlsx"
    runner = CliRunner()
    result = runner.invoke(
        main, ["classify", str(goals), "--answers", str(answers), "-o", str(first)]
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(first).active
    header = {cell.value: cell.column_letter for cell in sheet[1]}
    frame, source = header["Budsjettnivå"], header["Kilde budsjettnivå"]
    assert (sheet[f"{frame}2"].value, sheet[f"{source}2"].value) == ("sektor", "svarfil: sektor")
    assert f"Besvart for Skole i {answers}, linje 3." in sheet[f"{frame}2"].comment.text
    assert sheet[f"{frame}2"].fill.fgColor.rgb.endswith("E2EFDA")
    assert sheet[f"{source}6"].value == "oppgitt"  # the goal's own value

    # Untouched, the answer belongs to its run: without the file the level is asked again,
    # with it the level is answered again; a value the planner picks in the cell is stated.
    sheet[f"{frame}3"] = "sektor"  # the planner overrides the file's «enhet» for one goal
    edited = tmp_path / "endret.xlsx"
    sheet.parent.save(edited)

    def sources_after(*args: str) -> list[object]:
        output = tmp_path / "neste.xlsx"
        result = runner.invoke(main, ["classify", str(edited), *args, "-o", str(output)])
        assert result.exit_code == 0, result.output
        rows = list(load_workbook(output).active.iter_rows(values_only=True))
        column = list(rows[0]).index("Kilde budsjettnivå")
        return [row[column] for row in rows[1:]]

    missing = "mangler: svar i kolonnen"
    assert sources_after() == [missing, "oppgitt", missing, missing, "oppgitt"]
    assert sources_after("--answers", str(answers)) == [
        "svarfil: sektor",
        "oppgitt",  # the planner's pick beats the file
        "svarfil: enhet",
        "svarfil: sektor",
        "oppgitt",
    ]
