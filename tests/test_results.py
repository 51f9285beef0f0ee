"""``ansvar resultater``: targets read from their words, measurements read and checked, the
results per owner and goal, and a result dialogue agenda per unit leader."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansvarsregler.cli import main
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.goals.measurements import read_period
from ansvarsregler.goals.targets import UnreadableTarget, read_target
from ansvarsregler.rules.loader import shipped_data_dir

SCHOOL = str(shipped_data_dir("goal_catalog") / "skole.yaml")
MEASURED = """Mål-id;Periode;Verdi;Referanse
skole-mobbing;2025;5,1;
skole-mobbing;2026-T2;3,8;
skole-nasjonale-prover;2026;49;
skole-sfo-tilfredshet;2025;4,4;
skole-sfo-tilfredshet;2026;4,1;
skole-sfo-apningstid;2026;07.30-16.30;
skole-rehabilitering-sentrum;2026;nei;
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["resultater", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def measurements(tmp_path: Path, text: str = MEASURED) -> str:
    path = tmp_path / "målinger.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_every_target_in_the_catalog_is_read():
    with GoalFiles([str(shipped_data_dir("goal_catalog"))]) as files:
        goals = [read.goal for read in files.check()]
    targets = [(goal.title, str((goal.model_extra or {})["target"])) for goal in goals]
    assert len(targets) == 106
    for title, text in targets:
        assert read_target(text, title).text == text


@pytest.mark.parametrize(
    ("text", "title", "comparison", "value", "upper", "unit"),
    [
        ("minst 85 %", "", "at_least", 85, None, "%"),
        ("under 4 %", "", "below", 4, None, "%"),
        ("høyst 30 dager", "", "at_most", 30, None, "dager"),
        ("innen 14 dager", "", "at_most", 14, None, "dager"),
        ("0", "", "at_most", 0, None, None),
        ("0 eller mindreforbruk", "", "at_most", 0, None, None),
        ("95\N{EN DASH}100 %", "", "between", 95, 100, "%"),
        ("minst 4,5 av 6", "", "at_least", 4.5, None, "av 6"),
        ("25 %", "Lekkasjeandelen skal ned til 25 %", "at_most", 25, None, "%"),
        ("70 %", "Andelen heltid skal øke til 70 %", "at_least", 70, None, "%"),
        (
            "55 % reduksjon innen 2030",
            "Utslippene skal reduseres med 55 %",
            "at_least",
            55,
            None,
            "% reduksjon",
        ),
        ("07.00\N{EN DASH}17.00", "", "opening_hours", 7, 17, None),
        ("ferdig august 2027, innenfor 120 mill. kr", "", "milestone", None, None, None),
        ("1 200 plasser", "", "at_least", 1200, None, "plasser"),
    ],
)
def test_targets_are_read_into_comparisons(text, title, comparison, value, upper, unit):
    target = read_target(text, title)
    assert (target.comparison, target.value, target.upper, target.unit) == (
        comparison,
        value,
        upper,
        unit,
    )


def test_deadlines_references_and_conditions_are_kept():
    target = read_target("ferdig august 2027, innenfor 120 mill. kr")
    assert (target.deadline, target.condition) == ("august 2027", "innenfor 120 mill. kr")
    assert read_target("minst regionsnittet").reference == "regionsnittet"
    assert read_target("80 % innen 2028").deadline == "2028"


@pytest.mark.parametrize("text", ["bedre enn i fjor", "så mange som mulig", "", "minst mye"])
def test_a_target_without_a_number_or_milestone_is_unreadable(text):
    with pytest.raises(UnreadableTarget):
        read_target(text)


@given(st.text(max_size=40))
def test_reading_a_target_never_fails_otherwise(text):
    with contextlib.suppress(UnreadableTarget):
        read_target(text, text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2026", "2026"),
        ("2026-T1", "2026-T1"),
        ("T2 2026", "2026-T2"),
        ("1. tertial 2026", "2026-T1"),
        ("2026-H2", "2026-H2"),
        ("2026 Q3", "2026-K3"),
        ("2. kvartal 2026", "2026-K2"),
        ("2026-03", "2026-03"),
    ],
)
def test_periods_in_the_ways_planners_write_them(text, label):
    period = read_period(text)
    assert period is not None and period.label == label


def test_periods_sort_by_when_they_end():
    order = ["2025", "2026-K1", "2026-T1", "2026-H1", "2026-T2", "2026"]
    assert sorted(order[::-1], key=lambda text: read_period(text)) == order


def test_the_results_per_owner_and_goal_and_the_dialogue(tmp_path):
    code, stdout, stderr = run(
        SCHOOL, "--malinger", measurements(tmp_path), "--profile", "verran", "--format", "json"
    )
    assert code == 0, stderr
    report = json.loads(stdout)
    goals = {goal["goal_id"]: goal for goal in report["goals"]}
    assert (
        goals["skole-mobbing"]["status"] == "reached"
        and goals["skole-mobbing"]["trend"] == "better"
    )
    assert goals["skole-sfo-tilfredshet"]["status"] == "not_reached"
    assert goals["skole-sfo-tilfredshet"]["trend"] == "worse"
    assert goals["skole-nasjonale-prover"]["status"] == "not_reached"  # 49 against at least 50
    assert goals["skole-sfo-apningstid"]["status"] == "not_reached"  # 07.30-16.30 is shorter
    assert goals["skole-rehabilitering-sentrum"]["status"] == "not_reached"
    assert goals["skole-fullfort-vgs"]["status"] == "not_measured"
    unit = next(owner for owner in report["owners"] if owner["owner"] == "virksomhetsleder")
    assert (unit["reached"], unit["not_reached"], unit["not_measured"]) == (1, 1, 1)

    code, stdout, _ = run(
        SCHOOL, "--malinger", measurements(tmp_path), "--profile", "verran", "--format", "markdown"
    )
    assert "## Resultatdialog: Virksomhetsleder, Skole" in stdout
    for question in (
        "Hva var planlagt?",
        "Hva er oppnådd?",
        "Hvilke tiltak nå?",
        "Det lederen rår over",
    ):
        assert f"### {question}" in stdout
    assert "«Foreldrene skal være fornøyd med SFO-tilbudet» (minst 4,3 av 5)" in stdout
    assert "- Budsjettansvar (økonomisaker) (delegert)" in stdout
    assert "2026: nei" in stdout


def test_a_reference_target_is_compared_with_the_reference_measured(tmp_path):
    text = "Mål-id;Periode;Verdi;Referanse\nskole-nasjonale-prover;2026;51;50\n"
    code, stdout, _ = run(SCHOOL, "--malinger", measurements(tmp_path, text), "--format", "json")
    assert code == 0
    goals = {goal["goal_id"]: goal for goal in json.loads(stdout)["goals"]}
    assert goals["skole-nasjonale-prover"]["status"] == "reached"
    goals_file = tmp_path / "mål.yaml"
    goals_file.write_text(
        "goals:\n  - id: r\n    title: Lese som landet\n    target: minst landsgjennomsnittet\n"
    )
    text = "Mål-id;Periode;Verdi\nr;2026;51\n"
    stdout = run(str(goals_file), "--malinger", measurements(tmp_path, text), "--format", "json")[1]
    goal = json.loads(stdout)["goals"][0]
    assert goal["status"] == "not_comparable" and "referanseverdi" in goal["note"]


def test_the_word_document_and_xlsx_measurements(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Goal id", "Period", "Value"])
    book.active.append(["skole-mobbing", "2026", 3.5])
    book.save(tmp_path / "målinger.xlsx")
    out = tmp_path / "resultater.docx"
    code, _, stderr = run(
        SCHOOL, "--malinger", str(tmp_path / "målinger.xlsx"), "--lang", "en", "-o", str(out)
    )
    assert code == 0, stderr
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Results per owner", "Results per goal"]
    assert "Result dialogue: The unit leader, Skole" in headings
    rows = [[c.text for c in r.cells] for r in document.tables[1].rows]
    mobbing = "Andelen elever som opplever mobbing på skolen skal under 4 %"
    assert [mobbing, "The unit leader", "under 4 %", "2026: 3.5", "reached", "-"] in rows


def test_measurements_for_unknown_goals_are_listed(tmp_path):
    text = "Mål-id;Periode;Verdi\nskole-mobbing;2026;3\nskole-mobing;2026;3\n"
    code, stdout, stderr = run(
        SCHOOL, "--malinger", measurements(tmp_path, text), "--format", "markdown"
    )
    assert code == 0
    assert "målingene har mål 'skole-mobing', som ikke er blant målene" in stderr
    assert "skole-mobing" in stdout  # and in the document's notes


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "Mål-id;Periode;Verdi\nskole-mobbing;våren 2026;3\n",
            "rad 2, kolonne B (Periode): perioden 'våren 2026'",
        ),
        (
            "Mål-id;Periode;Verdi\nskole-mobbing;2026;mye\n",
            "rad 2, kolonne C (Verdi): verdien 'mye' er ikke et tall",
        ),
        (
            "Mål-id;Periode;Verdi\nskole-mobbing;2026;3\nskole-mobbing;2026;4\n",
            "målt to ganger for 2026 (også i rad 2)",
        ),
        ("Mål;Når;Verdi\nskole-mobbing;2026;3\n", "mangler kolonnen periode"),
        ("Mål-id;Periode;Verdi\n;2026;3\n", "raden har ingen mål-id"),
    ],
    ids=["bad-period", "not-a-number", "twice", "no-period-column", "no-goal"],
)
def test_bad_measurements_are_refused_with_the_row_and_column(tmp_path, text, says):
    out = tmp_path / "resultater.md"
    code, stdout, stderr = run(SCHOOL, "--malinger", measurements(tmp_path, text), "-o", str(out))
    assert code == 2 and stdout == "" and says in stderr and "Traceback" not in stderr
    assert not out.exists()


def test_measurements_must_be_a_spreadsheet_and_are_never_overwritten(tmp_path):
    yaml_file = tmp_path / "målinger.yaml"
    yaml_file.write_text("a: 1")
    code, _, stderr = run(SCHOOL, "--malinger", str(yaml_file))
    assert code == 2 and "CSV- eller XLSX-fil" in stderr
    path = measurements(tmp_path)
    code, _, stderr = run(SCHOOL, "--malinger", path, "-o", path, "--format", "markdown")
    assert code == 2 and Path(path).read_text(encoding="utf-8") == MEASURED


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["skole-mobbing", "", "x;y", "ukjent"]),
            st.one_of(
                st.sampled_from(["2026", "2026-T4", "T1 2026", "2026-13", ""]), st.text(max_size=8)
            ),
            st.one_of(
                st.sampled_from(["3", "3,5 %", "ja", "07.00-17.00", "-"]), st.text(max_size=8)
            ),
        ),
        max_size=6,
    )
)
def test_damaged_measurements_end_in_results_or_one_located_error(tmp_path, rows):
    text = "Mål-id;Periode;Verdi\n" + "".join(";".join(row) + "\n" for row in rows)
    path = tmp_path / "målinger.csv"
    path.write_bytes(text.encode("utf-8", errors="replace"))
    result = CliRunner().invoke(
        main, ["resultater", SCHOOL, "--malinger", str(path), "--format", "json"]
    )
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert result.stdout == "" and "Feil: fil" in result.stderr


def test_percent_cells_are_read_as_the_percent_they_show(tmp_path):
    goals = openpyxl.Workbook()
    goals.active.append(["Mål-id", "Mål", "Målverdi"])
    goals.active.append(["g", "Flere fullfører", 0.85])
    goals.active["C2"].number_format = "0%"
    goals.save(tmp_path / "mål.xlsx")
    measured = openpyxl.Workbook()
    measured.active.append(["Mål-id", "Periode", "Verdi"])
    measured.active.append(["g", "2026", 0.92])
    measured.active["C2"].number_format = "0%"
    measured.save(tmp_path / "målinger.xlsx")
    code, stdout, _ = run(
        str(tmp_path / "mål.xlsx"),
        "--malinger",
        str(tmp_path / "målinger.xlsx"),
        "--format",
        "json",
    )
    goal = json.loads(stdout)["goals"][0]
    assert code == 0 and goal["target_text"] == "85 %" and goal["measurements"][0]["value"] == 92
    assert goal["status"] == "reached"


@pytest.mark.parametrize(
    ("value", "note"),
    [("nei", "ikke et tall"), ("07.00-17.00", "ikke et tall")],
)
def test_a_value_of_another_kind_than_the_target_is_not_compared(tmp_path, value, note):
    rows = [f"skole-mobbing;2026;{value}", "skole-rehabilitering-sentrum;2026;50 %"]
    text = "Mål-id;Periode;Verdi\n" + "\n".join(rows) + "\n"
    stdout = run(SCHOOL, "--malinger", measurements(tmp_path, text), "--format", "json")[1]
    goals = {goal["goal_id"]: goal for goal in json.loads(stdout)["goals"]}
    assert (
        goals["skole-mobbing"]["status"] == "not_comparable"
        and note in goals["skole-mobbing"]["note"]
    )
    milestone = goals["skole-rehabilitering-sentrum"]
    assert milestone["status"] == "not_comparable" and "ja eller nei" in milestone["note"]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "Mål-id,Periode,Verdi\nskole-mobbing,2026,3,5\n",
            "kolonne D: cellen har en verdi, men kolonnen har ingen overskrift",
        ),
        ("Mål-id;Periode;Verdi\nskole-mobbing;2026;" + "9" * 400 + "\n", "er ikke et tall"),
        ("Mål-id;Periode;Verdi\nskole-mobbing;2026;1.200\n", "1200, ikke 1.200"),
        ("Mål-id;Periode;Verdi\nskole-mobbing;2026;١٢\n", "er ikke et tall"),
        ("Mål-id;Periode;Verdi\nskole-mobbing;2026;25.00-17.00\n", "er ikke et tall"),
    ],
    ids=[
        "decimal-comma-in-comma-csv",
        "infinite",
        "ambiguous-thousands",
        "other-digits",
        "impossible-hours",
    ],
)
def test_values_that_cannot_be_read_for_sure_are_refused(tmp_path, text, says):
    code, stdout, stderr = run(SCHOOL, "--malinger", measurements(tmp_path, text))
    assert code == 2 and stdout == "" and says in stderr


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("under 2019-nivå", ""),
        ("minst 85 % og høyst 95 %", ""),
        ("85 ± 2", ""),
        ("1:10", ""),
        ("3/4", ""),
        ("5 % lavere enn i fjor", "Redusere sykefraværet"),
        ("10 % færre", ""),
        ("1.200 kr", ""),
        ("10 - 5", ""),
        ("25.00-17.00", ""),
    ],
)
def test_targets_with_more_than_a_comparison_and_a_value_are_not_guessed(text, title):
    with pytest.raises(UnreadableTarget):
        read_target(text, title)


def test_a_bare_value_is_a_ceiling_only_when_the_title_brings_it_down_to_that_value():
    assert read_target("90 % fullføring", "Færre elever dropper ut").comparison == "at_least"
    assert read_target("6 %", "Sykefraværet skal reduseres til 6 %").comparison == "at_most"
    assert read_target("mellom 10 og 20 %").comparison == "between"
    assert read_target("2000").comparison == "at_least"  # a number, not a year
