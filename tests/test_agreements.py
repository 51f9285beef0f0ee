"""``ansvar lederavtaler``: one agreement per unit leader and one for the chief executive,
each opened with python-docx and checked: the goals the leader owns, the authority the
profile delegates (Verran's leaders cannot hire, Bø's can), what they lack, the dialogue
dates from the annual wheel, and the signatures."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from ansvarsregler import Classifier, default_ruleset
from ansvarsregler.cli import main
from ansvarsregler.documents.agreements import build_agreements
from ansvarsregler.documents.blocks import Table
from ansvarsregler.municipality.profiles import load_profile
from ansvarsregler.rules.loader import shipped_data_dir

SCHOOL = str(shipped_data_dir("goal_catalog") / "skole.yaml")
HIRING = "Ansette innenfor reglementet, og selv velge hvem (personalansvar)"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["lederavtaler", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def authority_rows(path) -> dict[str, str]:
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Myndighet")
    return {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}


@pytest.mark.parametrize(
    ("profile", "hiring", "lacks"), [("verran", "ikke delegert", True), ("bo", "delegert", False)]
)
def test_the_agreements_carry_the_authority_the_profile_delegates(tmp_path, profile, hiring, lacks):
    folder = tmp_path / "avtaler"
    code, _, stderr = run("--profile", profile, "-o", str(folder))
    assert code == 0, stderr
    files = sorted(path.name for path in folder.iterdir())
    assert "lederavtale-skole.docx" in files
    unit = folder / "lederavtale-skole.docx"
    assert authority_rows(unit)[HIRING] == hiring
    texts = [paragraph.text for paragraph in docx.Document(str(unit)).paragraphs]
    assert ("Det lederen mangler" in texts) is lacks
    assert any("ikke selv ansette" in text for text in texts) is lacks


def test_a_unit_leaders_agreement_has_the_goals_the_follow_up_and_the_signatures(tmp_path):
    folder = tmp_path / "avtaler"
    assert run(SCHOOL, "--profile", "verran", "-o", str(folder))[0] == 0
    document = docx.Document(str(folder / "lederavtale-skole.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Målene",
        "Resultatansvaret",
        "Myndigheten til å nå målene",
        "Det lederen mangler",
        "Oppfølging",
        "Underskrifter",
    ]
    goals, _, follow_up, signatures = (
        [[c.text for c in r.cells] for r in t.rows] for t in document.tables
    )
    titles = {row[0] for row in goals[1:]}
    school = yaml.safe_load(Path(SCHOOL).read_text(encoding="utf-8"))["goals"]
    results = Classifier(default_ruleset(), profile=load_profile("verran")).classify_many(school)
    assert titles == {r.title for r in results if r.owner == "virksomhetsleder"}
    assert [row[0] for row in follow_up[1:]] == ["mars", "april", "september", "oktober"]
    assert signatures[0] == ["Sted og dato", "Virksomhetsleder", "Rådmannen"]
    chief = docx.Document(str(folder / "lederavtale-radmann.docx"))
    assert chief.paragraphs[0].text == "Lederavtale mellom kommunestyret og rådmannen"
    assert [c.text for c in chief.tables[-1].rows[0].cells] == [
        "Sted og dato",
        "Rådmannen",
        "Ordføreren, for kommunestyret",
    ]


def test_one_agreement_per_role_and_unit_with_names_that_never_collide(tmp_path):
    goals = [
        {"id": f"m{i}", "title": "Elevene skal trives på skolen", "service_area": "Skole",
         "unit": unit, "goal_type": "service_quality", "influence": "partial",
         "budget_impact": "within_budget", "budget_frame": "unit"}
        for i, unit in enumerate(["Haugen skule", "Haugen skule", "Haugen/skule", "Moen skole"])
    ]  # fmt: skip
    classifier = Classifier(default_ruleset(), profile=load_profile("bo"))
    agreements = build_agreements(
        classifier.classify_many(goals), load_profile("bo"), default_ruleset(), "nb"
    )
    names = [agreement.name for agreement in agreements]
    assert names == [
        "lederavtale-haugen-skule",
        "lederavtale-haugen-skule-2",
        "lederavtale-moen-skole",
    ]
    first = next(b for b in agreements[0].document.blocks if isinstance(b, Table))
    assert len(first.rows) == 2  # Haugen skule's two goals in its own agreement


def test_markdown_on_standard_output_and_in_english():
    code, stdout, _ = run(SCHOOL, "--profile", "bo", "--lang", "en")
    assert code == 0
    assert stdout.count("# Leader agreement") == 2
    assert (
        "This agreement is made between the chief executive and the unit leader for Skole" in stdout
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--profile", "verran", "--format", "docx"], "gi -o MAPPE"),
        (["--profile", "oslo", "-o", "avtaler"], "oslo"),
        (
            ["mål.json", "--profile", "verran", "-o", "avtaler"],
            "ingen mål eies av en virksomhetsleder",
        ),
        (["--profile", "verran", "-o", "fil.txt"], "-o må være en mappe"),
        (["--profile", "verran", "-o", "mål.json"], "-o må være en mappe"),
        (["-o", "avtaler"], "Missing option '--profile'"),
    ],
    ids=[
        "docx-to-terminal",
        "unknown-profile",
        "no-leader-goals",
        "file-not-folder",
        "over-input",
        "no-profile",
    ],
)
def test_bad_requests_write_nothing(tmp_path, monkeypatch, args, says):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mål.json").write_text(
        json.dumps(
            [
                {
                    "id": "a",
                    "title": "Folketallet skal øke",
                    "goal_type": "societal",
                    "influence": "none",
                }
            ]
        )
    )
    (tmp_path / "fil.txt").write_text("planer")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    code, stdout, stderr = run(*args)
    assert code == 2 and stdout == "" and says in stderr and "Traceback" not in stderr
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_a_unit_written_in_two_cases_is_one_agreement_named_alike_in_both_languages(tmp_path):
    goals = [
        {"id": f"m{i}", "title": "Elevene skal trives", "service_area": "Skole", "unit": unit,
         "goal_type": "service_quality", "influence": "partial", "budget_impact": "within_budget",
         "budget_frame": "unit"}
        for i, unit in enumerate(["Alfa skole", "alfa  SKOLE"])
    ]  # fmt: skip
    classifier = Classifier(default_ruleset(), profile=load_profile("bo"))
    for lang in ("nb", "en"):
        results = classifier.classify_many(goals, lang=lang)
        agreements = build_agreements(results, load_profile("bo"), default_ruleset(), lang)
        assert [a.name for a in agreements] == ["lederavtale-alfa-skole"]


def test_a_folder_that_cannot_take_every_agreement_gets_none(tmp_path):
    folder = tmp_path / "avtaler"
    (folder / "lederavtale-skole.docx").mkdir(parents=True)
    code, _, stderr = run(SCHOOL, "--profile", "verran", "-o", str(folder))
    assert code == 2 and "lederavtale-skole.docx" in stderr
    assert sorted(path.name for path in folder.iterdir()) == ["lederavtale-skole.docx"]
