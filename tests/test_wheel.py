"""``ansvar arshjul``: the annual wheel from a profile, as a table, a calendar, a picture
and a document; and a profile's own wheel checked like the rest of the profile."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from icalendar import Calendar

from ansvarsregler.cli import main
from ansvarsregler.municipality.cycle import CycleEvent
from ansvarsregler.municipality.profiles import load_profile, profiles_dir, shipped_profiles

ROOT = Path(__file__).resolve().parent.parent
OWN_WHEEL = """
annual_cycle:
  source: "Årshjul vedtatt i formannskapet 2026"
  events:
    - activity: result_dialogue
      what: {nb: "Resultatdialog med hver enhetsleder", en: "Result dialogue with each unit leader"}
      who: {nb: "Rådmannen", en: "The chief executive"}
      kind: administrative
      month: 11
      end_month: 2
    - activity: budget_process
      what: {nb: "Budsjettet vedtas", en: "The budget is adopted"}
      who: {nb: "Kommunestyret", en: "The council"}
      kind: political
      month: %(month)s
      day: %(day)s
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["arshjul", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def own_profile(tmp_path: Path, month: object = 12, day: object = 15) -> Path:
    """Verran's profile with a wheel of its own instead of the standard one."""
    text = (profiles_dir() / "verran.yaml").read_text(encoding="utf-8")
    text = text.replace("annual_cycle: standard\n", OWN_WHEEL % {"month": month, "day": day})
    path = tmp_path / "egen.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(shipped_profiles()))
def test_every_shipped_profile_has_the_standard_wheel_marked_as_such(name):
    cycle, standard = load_profile(name).annual_wheel()
    assert standard
    kinds = {event.kind for event in cycle.events}
    assert kinds == {"political", "administrative"}
    assert {event.activity for event in cycle.events} >= {
        "budget_process", "economy_plan", "tertial_report", "annual_report",
        "user_survey", "employee_survey", "result_dialogue",
    }  # fmt: skip
    title = (
        "Kommunedirektøren"
        if load_profile(name).chief_executive_title == "kommunedirektør"
        else "Rådmannen"
    )
    assert any(event.who.nb.startswith(title) for event in cycle.events)


def test_the_table_says_when_what_who_and_that_it_is_the_standard_wheel():
    code, stdout, stderr = run("--profile", "verran")
    assert code == 0, stderr
    assert "Standard årshjul, ikke kommunens eget" in stdout
    assert "22. februar" in stdout and "januar\N{EN DASH}februar" in stdout
    code, stdout, _ = run("--profile", "verran", "--format", "json")
    data = json.loads(stdout)
    assert data["standard"] is True and data["municipality"] == "Verran"
    assert len(data["events"]) == 14


def test_the_calendar_parses_and_round_trips(tmp_path):
    out = tmp_path / "hjul.ics"
    code, _, stderr = run("--profile", "bo", "--year", "2027", "-o", str(out))
    assert code == 0, stderr
    calendar = Calendar.from_ical(out.read_bytes())
    assert Calendar.from_ical(calendar.to_ical()) == calendar
    events = calendar.walk("VEVENT")
    assert len(events) == 14
    assert len({str(event["uid"]) for event in events}) == 14
    by_summary = {str(event["summary"]): event for event in events}
    accounts = by_summary["Årsregnskapet avlegges"]
    assert accounts.decoded("dtstart") == datetime.date(2027, 2, 22)
    assert accounts.decoded("dtend") == datetime.date(2027, 2, 23)
    assert accounts["rrule"]["FREQ"] == ["YEARLY"]
    plans = by_summary["Virksomhetsplaner for året, med målene fra budsjettet"]
    assert plans.decoded("dtstart") == datetime.date(2027, 1, 1)
    assert plans.decoded("dtend") == datetime.date(2027, 3, 1)
    assert str(plans["transp"]) == "TRANSPARENT"  # "some time in January" blocks nothing
    assert "Standard årshjul: ikke kommunens eget" in str(plans["description"])


def test_a_profiles_own_wheel_replaces_the_standard_one_and_spans_the_new_year(tmp_path):
    profile = own_profile(tmp_path)
    stdout = run("--profile", str(profile), "--format", "json")[1]
    data = json.loads(stdout)
    assert data["standard"] is False and data["source"] == "Årshjul vedtatt i formannskapet 2026"
    stdout = run("--profile", str(profile), "--format", "markdown")[1]
    assert "Kilde: Årshjul vedtatt i formannskapet 2026." in stdout
    assert "Standard årshjul" not in stdout and "november\N{EN DASH}februar" in stdout
    out = tmp_path / "egen.ics"
    assert run("--profile", str(profile), "--year", "2027", "-o", str(out))[0] == 0
    dialogue = next(
        event
        for event in Calendar.from_ical(out.read_bytes()).walk("VEVENT")
        if str(event["summary"]).startswith("Resultatdialog")
    )
    assert dialogue.decoded("dtstart") == datetime.date(2027, 11, 1)
    assert dialogue.decoded("dtend") == datetime.date(2028, 3, 1)
    assert "Standard" not in str(dialogue["description"])


def test_months_of_a_task_that_runs_into_the_next_year():
    event = CycleEvent.model_validate(
        {"activity": "other", "what": {"nb": "x", "en": "x"}, "who": {"nb": "y", "en": "y"},
         "kind": "political", "month": 11, "end_month": 2}
    )  # fmt: skip
    assert event.months() == [11, 12, 1, 2]


@pytest.mark.parametrize(
    ("month", "day", "says"),
    [
        (4, 31, "4. måned har ikke dag 31: den har 30 dager"),
        (2, 29, "29. februar finnes ikke hvert år"),
        (13, 1, "month"),
        ("desember", 1, "month"),
    ],
    ids=["31-april", "29-february", "month-13", "month-in-words"],
)
def test_impossible_dates_are_refused_with_the_file_and_line(tmp_path, month, day, says):
    profile = own_profile(tmp_path, month, day)
    before = sorted(tmp_path.iterdir())
    code, stdout, stderr = run("--profile", str(profile), "-o", str(tmp_path / "hjul.ics"))
    assert code == 2 and stdout == ""
    assert says in stderr and "egen.yaml" in stderr and "linje" in stderr
    assert "Traceback" not in stderr
    assert sorted(tmp_path.iterdir()) == before  # no calendar written


def test_the_picture_and_the_documents(tmp_path):
    picture = ROOT / "docs" / "img" / "arshjul.png"  # the picture in the docs
    assert run("--profile", "sula", "-o", str(picture))[0] == 0
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert run("--lang", "en", "-o", str(tmp_path / "hjul.svg"))[0] == 0
    svg = ElementTree.parse(tmp_path / "hjul.svg").getroot()
    assert svg.tag.endswith("svg")
    assert run("--profile", "sula", "-o", str(tmp_path / "hjul.docx"))[0] == 0
    document = docx.Document(str(tmp_path / "hjul.docx"))
    assert document.paragraphs[0].text == "Årshjul"
    rows = document.tables[0].rows
    assert [cell.text for cell in rows[0].cells] == [
        "Når",
        "Hva",
        "Hvem",
        "Politisk eller administrativt",
    ]
    assert len(rows) == 15 and len(document.inline_shapes) == 1


def test_a_file_it_cannot_write_is_refused_before_anything_is_written(tmp_path):
    code, _, stderr = run("-o", str(tmp_path / "hjul.pdf"))
    assert code == 2 and ".ics" in stderr and list(tmp_path.iterdir()) == []


def test_calendar_events_keep_their_ids_from_year_to_year(tmp_path):
    ids = []
    for year in ("2027", "2028"):
        out = tmp_path / f"{year}.ics"
        assert run("--profile", "bo", "--year", year, "-o", str(out))[0] == 0
        ids.append(
            sorted(str(e["uid"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
        )
    assert ids[0] == ids[1] and len(set(ids[0])) == 14
