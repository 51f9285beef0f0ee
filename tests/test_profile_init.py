"""``ansvar profile init``: the municipality's questions answered once make a profile that
validates and, with ``--profile``, answers the budget level of every goal in those areas."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner

from ansvarsregler import classify_many, load_profile
from ansvarsregler.cli import main

ANSVAR = shutil.which("ansvar") or str(Path(sys.executable).parent / "ansvar")
GOALS = (
    "Mål-id;Mål;Tjenesteområde\n"
    "1;Elevene skal trives på skolen;Skole\n"
    "2;Foreldrene er fornøyd med barnehagen;barnehage\n"
    "3;Flere elever skal fullføre videregående;skole\n"
    "4;Brukerne er fornøyd med biblioteket;Kultur\n"
)


@pytest.fixture
def goals(tmp_path: Path) -> Path:
    path = tmp_path / "mål.csv"
    path.write_text(GOALS, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the profile is written in the current folder


def init(tmp_path: Path, args: list[str], answers: list[str]):
    result = CliRunner().invoke(main, ["profile", "init", *args], input="\n".join(answers) + "\n")
    return result, tmp_path


def test_the_answers_become_a_profile_that_answers_the_budget_level(tmp_path, goals):
    answers = [
        "rådmann",
        "Budsjett 2027",
        "enhet",
        "styrer",
        "Sektor",
        "",
        "vet ikke",
        "sektor",
        "",
    ]
    result, folder = init(tmp_path, ["Byen", str(goals)], answers)
    assert result.exit_code == 0, result.output
    # The areas come from the goals, each once (case ignored) with its count, in order.
    assert "Budsjettnivå for barnehage, 1 mål" in result.output
    assert "Budsjettnivå for Kultur, 1 mål" in result.output
    assert "Budsjettnivå for Skole, 2 mål" in result.output
    assert "Skrev byen.yaml" in result.output
    profile = load_profile(folder / "byen.yaml")
    allocation = {key: item.level for key, item in profile.budget_allocation.items()}
    assert allocation == {
        "default": "sector",
        "barnehage": "unit",
        "Kultur": "sector",
        "Skole": "unknown",
    }
    assert profile.budget_allocation["barnehage"].leader.nb == "styrer"
    assert profile.chief_executive_title == "rådmann"
    assert profile.source == "Budsjett 2027"
    # Nothing else is guessed.
    assert {grant.level for grant in profile.delegated_to_unit_leaders.values()} == {"unknown"}
    assert profile.leader_agreements == "unknown"

    results = {
        r.goal_id: r
        for r in classify_many(
            [
                {"id": "1", "title": "Elevene skal trives på skolen", "service_area": "Skole"},
                {
                    "id": "2",
                    "title": "Foreldrene er fornøyd med barnehagen",
                    "service_area": "Barnehage",
                },
                {
                    "id": "4",
                    "title": "Brukerne er fornøyd med biblioteket",
                    "service_area": "Kultur",
                },
            ],
            profile=folder / "byen.yaml",
        )
    }
    frame = {
        goal_id: [(a.value, a.source) for a in r.assumptions if a.fact == "budget_frame"]
        for goal_id, r in results.items()
    }
    assert frame == {"1": [], "2": [("unit", "profile")], "4": [("sector", "profile")]}
    assert results["1"].owner is None  # unknown stays a question, not a guess
    assert results["2"].owner == "virksomhetsleder"
    assert results["2"].owner_role == "styrer"
    assert results["4"].owner == "radmann"


def test_without_goal_files_the_areas_are_typed_in_english_too(tmp_path):
    answers = [
        "kommunedirektør",
        "",
        "Skole",
        "skole",
        "Helse",
        "",
        "unit",
        "rektor",
        "sector",
        "",
        "unknown",
    ]
    result, folder = init(tmp_path, ["Nøtterøy 2", "--lang", "en"], answers)
    assert result.exit_code == 0, result.output
    assert "type the service areas" in result.output
    profile = load_profile(folder / "notteroy-2.yaml")
    assert {key: item.level for key, item in profile.budget_allocation.items()} == {
        "default": "unknown",
        "Skole": "unit",
        "Helse": "sector",
    }
    assert profile.source.startswith("Answers given in ansvar profile init 20")
    assert "# Municipality profile for Nøtterøy 2" in (folder / "notteroy-2.yaml").read_text(
        encoding="utf-8"
    )


def test_a_bad_answer_is_asked_again_in_the_planners_language(tmp_path, goals):
    answers = ["sjef", "rådmann", "", "stor", "enhet", "", "enhet", "", "enhet", "", ""]
    result, folder = init(tmp_path, ["Byen", str(goals)], answers)
    assert result.exit_code == 0, result.output
    assert "Svar rådmann eller kommunedirektør." in result.output
    assert "Svar enhet (budsjettet bevilges per enhet)" in result.output
    assert "Error" not in result.output
    assert load_profile(folder / "byen.yaml").budget_allocation["barnehage"].level == "unit"


def test_an_existing_file_is_refused_before_any_question(tmp_path, goals):
    Path("byen.yaml").write_text("# mine notater\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["profile", "init", "Byen", str(goals)], input="")
    assert result.exit_code == 2
    assert "Feil: fil byen.yaml: finnes allerede" in result.output
    assert "Tittel" not in result.output
    assert Path("byen.yaml").read_text(encoding="utf-8") == "# mine notater\n"
    answers = "\n".join(["rådmann", "", "enhet", "", "enhet", "", "enhet", "", ""]) + "\n"
    forced = CliRunner().invoke(
        main, ["profile", "init", "Byen", str(goals), "--force"], input=answers
    )
    assert forced.exit_code == 0, forced.output
    assert load_profile("byen.yaml").name == "Byen"


def test_the_goal_file_is_never_the_output(tmp_path, goals):
    result = CliRunner().invoke(
        main, ["profile", "init", "Byen", str(goals), "-o", str(goals), "--force"], input=""
    )
    assert result.exit_code == 2
    assert goals.read_text(encoding="utf-8") == GOALS


def test_input_that_ends_early_writes_nothing(tmp_path, goals):
    result, folder = init(tmp_path, ["Byen", str(goals)], ["rådmann", "", "enhet"])
    assert result.exit_code == 2
    assert "avbrutt før alle spørsmål var besvart; ingenting er skrevet" in result.output
    assert "Aborted" not in result.output
    assert not (folder / "byen.yaml").exists()


def test_a_real_terminal_session(tmp_path, goals):
    session = pexpect.spawn(
        ANSVAR,
        ["profile", "init", "Byen", str(goals)],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    session.expect("rådmann/kommunedirektør\\) \\[kommunedirektør\\]: ")
    session.sendline("")
    session.expect("Hvor kommer svarene fra")
    session.sendline("Delegeringsreglement 2026")
    session.expect("Budsjettnivå for barnehage, 1 mål")
    session.sendline("enhet")
    session.expect("Hvem leder enheten")
    session.sendline("styrer")
    session.expect("Budsjettnivå for Kultur, 1 mål")
    session.sendline("sektor")
    session.expect("Hvem leder sektoren")
    session.sendline("")
    session.expect("Budsjettnivå for Skole, 2 mål")
    session.sendline("enhet")
    session.expect("Hvem leder enheten")
    session.sendline("rektor")
    session.expect("alle andre tjenesteområder")
    session.sendline("")
    session.expect("Skrev byen.yaml")
    session.expect(pexpect.EOF)
    session.close()
    assert session.exitstatus == 0
    profile = load_profile(tmp_path / "byen.yaml")
    assert profile.chief_executive_title == "kommunedirektør"
    assert profile.budget_allocation["Skole"].leader.nb == "rektor"


def test_an_empty_name_or_source_is_not_written(tmp_path, goals):
    result, folder = init(tmp_path, [" "], [])
    assert result.exit_code == 2
    assert "kommunens navn kan ikke være tomt" in result.output
    assert list(folder.glob("*.yaml")) == []
    answers = ["rådmann", "   ", "enhet", "", "enhet", "", "enhet", "", ""]
    result, folder = init(tmp_path, ["Byen", str(goals)], answers)
    assert result.exit_code == 0, result.output
    assert load_profile(folder / "byen.yaml").source.startswith("Svar gitt i ansvar profile init")


def test_an_area_a_profile_cannot_hold_is_asked_again(tmp_path):
    answers = ["rådmann", "", "Default", "999", "Skole", "", "enhet", "vet ikke", "sektor", ""]
    result, folder = init(tmp_path, ["Byen"], answers)
    assert result.exit_code == 0, result.output
    assert "«Default» er navnet på svaret for alle andre tjenesteområder" in result.output
    assert "«999» er ikke en KOSTRA-funksjon" in result.output
    profile = load_profile(folder / "byen.yaml")
    assert {key: item.level for key, item in profile.budget_allocation.items()} == {
        "default": "sector",
        "Skole": "unit",
    }
    assert profile.budget_allocation["Skole"].leader is None  # «vet ikke» is no one's title


def test_goals_without_a_service_area_say_so_and_the_areas_are_typed(tmp_path):
    goals = tmp_path / "uten.csv"
    goals.write_text("Mål\nElevene skal trives\n", encoding="utf-8")
    result, folder = init(tmp_path, ["Byen", str(goals), "--lang", "en"], ["", "", "", "", ""])
    assert result.exit_code == 0, result.output
    assert "None of the goals has a service area" in result.output
    assert load_profile(folder / "byen.yaml").source.startswith("Answers given in ansvar profile")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["By\x07en"], "kan ikke være tomt eller ha kontrolltegn"),
        (["Byen", "-"], "svarene leses fra standard inn, så målene kan ikke komme derfra"),
        (["Byen", "-o", "-"], "profilen skrives til en fil, ikke til standard ut"),
        (["Byen", "-o", "finnes-ikke/byen.yaml"], "mappen finnes ikke"),
    ],
)
def test_what_cannot_be_written_is_refused_before_the_first_question(tmp_path, args, says):
    result, folder = init(tmp_path, args, ["rådmann", "", "enhet", "", ""])
    assert result.exit_code == 2
    assert says in result.output
    assert "Tittel" not in result.output
    assert list(folder.rglob("*.yaml")) == []
