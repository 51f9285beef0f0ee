"""``ansvar draft`` and the progress bar: through click's runner and a real terminal."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from click.testing import CliRunner

from ansvarsregler.cli import main

ANSVAR = shutil.which("ansvar") or str(Path(sys.executable).parent / "ansvar")
CATALOG = """\
# Våre mål for 2027 (kommentaren skal bli stående)
goals:
    - id: lesing
      title: Nivå lesing 2. trinn
      goal_type: service_quality
"""


def run_draft(args: list[str], answers: list[str]):
    return CliRunner().invoke(main, ["draft", *args], input="\n".join(answers) + "\n")


def test_questions_are_asked_one_at_a_time_until_there_is_an_owner():
    result = run_draft([], ["Redusere sykefraværet", "", "1", ""])
    assert result.exit_code == 0, result.output
    assert "På hvilket nivå bevilges budsjettet" in result.output
    assert "1) per enhet" in result.output
    assert "Eier: Virksomhetsleder" in result.output
    assert "«sykefraværet»" in result.output


def test_words_pointing_two_ways_become_a_question():
    answers = ["Økt brukertilfredshet med åpningstidene", "", "2", ""]
    result = run_draft(["--lang", "en"], answers)
    assert result.exit_code == 0, result.output
    assert "What kind of goal is this?" in result.output
    assert "Owner: The municipal council" in result.output


def test_a_bad_answer_is_asked_again_in_the_planners_language():
    result = run_draft(
        [], ["Redusere sykefraværet", "", "9", "sektor", "Per sektor/tjenesteområde", ""]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("svar med et tall fra 1 til 3") == 2
    assert "Eier: Rådmannen" in result.output


def test_the_goal_is_appended_to_a_catalog_keeping_what_was_there(tmp_path):
    catalog = tmp_path / "mål.yaml"
    catalog.write_text(CATALOG, encoding="utf-8")
    result = run_draft(["--catalog", str(catalog)], ["Redusere sykefraværet", "", "1", "ja"])
    assert result.exit_code == 0, result.output
    text = catalog.read_text(encoding="utf-8")
    assert text.startswith(CATALOG)
    goals = yaml.safe_load(text)["goals"]
    assert goals[-1] == {
        "id": "redusere-sykefravaeret",
        "title": "Redusere sykefraværet",
        "goal_type": "employee",
        "budget_frame": "unit",
        "expected_owner": "virksomhetsleder",
    }
    again = run_draft(["--catalog", str(catalog)], ["Redusere sykefraværet", "", "1", "j"])
    assert again.exit_code == 0
    assert yaml.safe_load(catalog.read_text(encoding="utf-8"))["goals"][-1]["id"] == (
        "redusere-sykefravaeret-2"
    )
    classified = CliRunner().invoke(main, ["classify", str(catalog), "--format", "json"])
    assert [r["owner"] for r in json.loads(classified.output)][-2:] == ["virksomhetsleder"] * 2


def test_no_means_the_catalog_is_not_touched(tmp_path):
    catalog = tmp_path / "mål.yaml"
    catalog.write_text(CATALOG, encoding="utf-8")
    result = run_draft(["--catalog", str(catalog)], ["Redusere sykefraværet", "", "1", "nei"])
    assert result.exit_code == 0
    assert catalog.read_text(encoding="utf-8") == CATALOG


def test_a_catalog_that_cannot_be_extended_is_a_clear_error(tmp_path):
    catalog = tmp_path / "mål.yaml"
    catalog.write_text('goals: [{id: a, title: "Et mål"}]\n', encoding="utf-8")
    result = run_draft(["--catalog", str(catalog)], ["Redusere sykefraværet", "", "1", "ja"])
    assert result.exit_code == 2
    assert "ikke legges til uten å skrive om filen" in result.output
    assert "Traceback" not in result.output
    assert catalog.read_text(encoding="utf-8") == 'goals: [{id: a, title: "Et mål"}]\n'


def spawn(args: list[str], cwd: Path) -> pexpect.spawn:
    return pexpect.spawn(
        ANSVAR, args, cwd=str(cwd), encoding="utf-8", timeout=30, dimensions=(40, 120)
    )


def test_a_real_terminal_session(tmp_path):
    catalog = tmp_path / "mål.yaml"
    session = spawn(["draft", "--catalog", str(catalog)], tmp_path)
    session.expect("Målet \\(tittel\\)")
    session.sendline("Økt brukertilfredshet med åpningstidene i biblioteket")
    session.expect("Beskrivelse")
    session.sendline("")
    session.expect("Hva slags mål er dette\\?")
    session.expect("Velg 1 til 7")
    session.sendline("2")
    session.expect("Eier: Kommunestyret")
    session.expect("\\(ja/nei\\)")
    session.sendline("ja")
    session.expect("er lagt til i")
    session.expect(pexpect.EOF)
    session.close()
    assert session.exitstatus == 0
    kept = yaml.safe_load(catalog.read_text(encoding="utf-8"))["goals"][0]
    assert kept["goal_type"] == "capacity"
    assert kept["expected_owner"] == "kommunestyret"


@pytest.fixture
def many_goals(tmp_path) -> Path:
    path = tmp_path / "mange.jsonl"
    lines = (
        json.dumps({"id": f"m{i}", "title": "Redusere sykefraværet", "budget_frame": "unit"})
        for i in range(6000)
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_progress_bar_on_a_terminal_for_long_runs(tmp_path, many_goals):
    session = spawn(["classify", str(many_goals), "-o", "ut.json"], tmp_path)
    session.expect("Klassifiserer")
    session.expect(pexpect.EOF)
    session.close()
    assert session.exitstatus == 0
    assert len(json.loads((tmp_path / "ut.json").read_text(encoding="utf-8"))) == 6000


def test_no_progress_bar_when_standard_error_is_not_a_terminal(tmp_path, many_goals):
    result = CliRunner().invoke(main, ["classify", str(many_goals), "-o", str(tmp_path / "u.json")])
    assert result.exit_code == 0
    assert "Klassifiserer" not in result.output


def test_a_catalog_with_a_bad_goal_is_named_with_its_line_and_left_alone(tmp_path):
    catalog = tmp_path / "mål.yaml"
    broken = CATALOG + "    - id: lesing\n      title: Igjen\n"
    catalog.write_text(broken, encoding="utf-8")
    result = run_draft(["--catalog", str(catalog)], ["Redusere sykefraværet", "", "1", "ja"])
    assert result.exit_code == 2
    assert f"fil {catalog}, linje 6" in result.output
    assert f"brukt før ({catalog}:3)" in result.output
    assert "'lesing'" in result.output
    assert catalog.read_text(encoding="utf-8") == broken
