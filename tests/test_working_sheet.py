"""The planner's working sheet: answer the questions in the sheet, run again, get every owner.

The whole loop as a planner runs it: a draft list in CSV with Norwegian
headers, the working XLSX with a drop-down in each fact cell, one question
answered from the drop-down's own values and one suggestion corrected, the
file saved by openpyxl and by LibreOffice (from Debian's packages; CI
installs it), and the next run reading the edits as the planner's word and
the untouched suggestions as suggestions still.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ansvarsregler.cli import main

SOFFICE = shutil.which("soffice")

DRAFTS = (
    "Målnr;Mål;Tjenesteområde;Målverdi;Merknad\r\n"
    "1;Færre elever på laveste mestringsnivå i lesing ved Haugen skole;Skole;10 %;fra plan\r\n"
    "2;Øke barnehagedekningen til 98 %;Barnehage;98 %;\r\n"
    "3;Bedre samarbeid med frivilligheten;Kultur;;ny\r\n"
    ";;;;\r\n"
    "4;Sykefraværet i hjemmetjenesten skal under 8 %;Helse og omsorg;8 %;\r\n"
)
OWN = ["Målnr", "Mål", "Tjenesteområde", "Målverdi", "Merknad"]
FACTS = ["Måltype", "Påvirkning", "Budsjettvirkning", "Budsjettnivå"]


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    path = tmp_path / "utkast.csv"
    path.write_bytes(DRAFTS.encode("cp1252"))
    return path


def classify(*args: str) -> None:
    result = CliRunner().invoke(main, ["classify", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


def read_sheet(path: Path) -> tuple[dict[str, int], list[list[object]]]:
    sheet = load_workbook(path).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return {str(name): index for index, name in enumerate(rows[0]) if name}, rows


def save_with_libreoffice(path: Path, folder: Path) -> Path:
    """``path`` opened and saved again as XLSX by LibreOffice, as a planner's save would."""
    assert SOFFICE is not None
    folder.mkdir()
    env = {**os.environ, "HOME": str(folder)}  # a profile of its own: runs do not collide
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "xlsx", "--outdir", str(folder), str(path)],
        check=True,
        capture_output=True,
        env=env,
        timeout=180,
    )
    return folder / path.name


def answer_and_correct(path: Path, edited: Path) -> None:
    """What the planner does: answers goal 3's questions with the drop-down's own values,
    corrects goal 1's suggested budget level, and leaves everything else."""
    workbook = load_workbook(path)
    sheet = workbook.active
    header = {cell.value: cell.column_letter for cell in sheet[1]}
    choices = {}
    for validation in sheet.data_validations.dataValidation:
        letter = str(validation.sqref).split(":")[0].rstrip("0123456789")
        choices[letter] = validation.formula1.strip('"').split(",")
    goal_type, frame = header["Måltype"], header["Budsjettnivå"]
    assert "tjenestekvalitet" in choices[goal_type] and "sektor" in choices[frame]
    sheet[f"{goal_type}4"] = "tjenestekvalitet"  # goal 3, row 4: its open questions
    sheet[f"{frame}4"] = "sektor"
    assert sheet[f"{frame}2"].value == "enhet"  # goal 1: suggested by «ved Haugen skole»
    sheet[f"{frame}2"] = "sektor"
    workbook.save(edited)


def check_next_run(first: Path, answered: Path, next_sheet: Path) -> None:
    classify(str(answered), "-o", str(next_sheet))
    columns, rows = read_sheet(next_sheet)
    before_columns, before = read_sheet(first)
    assert list(columns) == list(before_columns), "no column added or lost"
    assert len(rows) == len(before) == 6, "every row kept, the empty one too"
    for old, new in zip(before, rows, strict=True):
        assert [new[columns[name]] for name in OWN] == [old[columns[name]] for name in OWN]

    def goal(row: int, name: str) -> object:
        return rows[row][columns[name]]

    # Goal 3: answered in the sheet, decided, its answers shown as stated.
    assert goal(3, "Eier") == "Rådmannen/kommunedirektøren"
    assert goal(3, "Kilde måltype") == goal(3, "Kilde budsjettnivå") == "oppgitt"
    # Goal 1: the corrected suggestion is the planner's word; the rest are still suggestions.
    assert goal(1, "Budsjettnivå") == "sektor"
    assert goal(1, "Kilde budsjettnivå") == "oppgitt"
    assert goal(1, "Eier") == "Rådmannen/kommunedirektøren"
    assert goal(1, "Kilde måltype") == "foreslått av ordene: tjenestekvalitet"
    # Goals 2 and 4: untouched, still suggested and assumed, never the planner's word.
    assert goal(2, "Kilde måltype") == "foreslått av ordene: kapasitet"
    assert goal(2, "Kilde budsjettvirkning") == "antatt: krever økt bevilgning"
    assert goal(5, "Kilde budsjettnivå") == "foreslått av ordene: sektor"
    assert goal(5, "Eier") == "Rådmannen/kommunedirektøren"


def test_the_working_sheet_has_a_fact_column_for_every_fact_with_its_source(drafts, tmp_path):
    out = tmp_path / "arbeid.xlsx"
    classify(str(drafts), "-o", str(out))
    columns, rows = read_sheet(out)
    assert list(columns)[: len(OWN) + len(FACTS)] == OWN + FACTS
    assert list(columns)[-4:] == [f"Kilde {fact.lower()}" for fact in FACTS]

    def goal(row: int, name: str) -> object:
        return rows[row][columns[name]]

    assert [goal(1, fact) for fact in FACTS] == [
        "tjenestekvalitet",
        "delvis",
        "innenfor rammen",
        "enhet",
    ]
    assert [goal(1, f"Kilde {fact.lower()}") for fact in FACTS] == [
        "foreslått av ordene: tjenestekvalitet",
        "antatt: delvis",
        "antatt: innenfor rammen",
        "foreslått av ordene: enhet",
    ]
    # Goal 3 is asked its type and budget level: those cells are empty, to be answered; the
    # other two do not matter to its owner.
    assert goal(3, "Eier") == "uavklart"
    assert [goal(3, f"Kilde {fact.lower()}") for fact in FACTS] == [
        "mangler: svar i kolonnen",
        "ikke nødvendig",
        "ikke nødvendig",
        "mangler: svar i kolonnen",
    ]
    assert goal(3, "Måltype") is None and goal(3, "Budsjettnivå") is None
    assert all(cell is None for cell in rows[4]), "the empty row stays empty"


def test_the_working_sheet_shows_at_a_glance_and_prints(drafts, tmp_path):
    out = tmp_path / "arbeid.xlsx"
    classify(str(drafts), "-o", str(out))
    sheet = load_workbook(out).active
    header = {cell.value: cell.column_letter for cell in sheet[1]}
    goal_type, frame = header["Måltype"], header["Budsjettnivå"]
    lists = {
        str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"
    }
    assert lists[f"{goal_type}2:{goal_type}6"] == (
        '"samfunnsmål,kapasitet,investering,tjenestekvalitet,brukertilfredshet,medarbeider,økonomi"'
    )
    assert lists[f"{frame}2:{frame}6"] == '"enhet,sektor,kommune"'
    suggested, missing = sheet[f"{goal_type}2"], sheet[f"{goal_type}4"]
    assert suggested.fill.fgColor.rgb.endswith("DDEBF7")  # blue: suggested by the words
    assert "«elever»" in suggested.comment.text
    assert missing.fill.fgColor.rgb.endswith("FFF2CC")  # yellow: answer here
    assert sheet[f"{header['Påvirkning']}2"].fill.fgColor.rgb.endswith("EDEDED")  # assumed
    assert sheet["A2"].fill.fill_type is None  # the planner's own cell keeps its look
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}6"
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.paperSize == 9  # A4
    # Fit to one page wide (1 is the file format's default, so it may be left out), any tall.
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth or 1) == 1 and setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.column_dimensions[header["Kilde måltype"]].hidden  # folded, one click away
    assert sheet[f"{header['Begrunnelse']}2"].alignment.wrap_text


def test_edits_saved_by_openpyxl_are_read_as_the_planners_word(drafts, tmp_path):
    first = tmp_path / "arbeid.xlsx"
    classify(str(drafts), "-o", str(first))
    answered = tmp_path / "besvart.xlsx"
    answer_and_correct(first, answered)
    check_next_run(first, answered, tmp_path / "neste.xlsx")


@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice not here")
def test_edits_saved_by_libreoffice_are_read_as_the_planners_word(drafts, tmp_path):
    first = tmp_path / "arbeid.xlsx"
    classify(str(drafts), "-o", str(first))
    answered = tmp_path / "besvart.xlsx"
    answer_and_correct(first, answered)
    saved = save_with_libreoffice(answered, tmp_path / "lo")
    check_next_run(first, saved, tmp_path / "neste.xlsx")
    # And a sheet LibreOffice saved without any edit reads back as it was written.
    untouched = save_with_libreoffice(first, tmp_path / "lo-urørt")
    again = tmp_path / "igjen.xlsx"
    classify(str(untouched), "-o", str(again))
    assert read_sheet(again)[1] == read_sheet(first)[1]


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """``rows`` saved as Norwegian Excel saves a CSV it opened: semicolons, CRLF, a BOM."""
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode("utf-8-sig"))


def test_the_csv_working_sheet_round_trips_too(drafts, tmp_path):
    first = tmp_path / "arbeid.csv"
    classify(str(drafts), "-o", str(first))
    rows = read_csv(first)
    header = rows[0]
    assert header[len(OWN) : len(OWN) + 4] == FACTS
    rows[3][header.index("Måltype")] = "Tjenestekvalitet"  # goal 3; any word the reader knows
    rows[3][header.index("Budsjettnivå")] = "Sektor"
    write_csv(first, rows)
    second = tmp_path / "neste.csv"
    classify(str(first), "-o", str(second))
    again = read_csv(second)
    assert again[0] == header
    assert again[3][header.index("Kilde måltype")] == "oppgitt"
    assert again[3][header.index("Eier")] == "Rådmannen/kommunedirektøren"
    assert again[1][header.index("Kilde måltype")] == "foreslått av ordene: tjenestekvalitet"


def test_a_renamed_fact_column_is_refused_and_nothing_is_written(drafts, tmp_path):
    first = tmp_path / "arbeid.xlsx"
    classify(str(drafts), "-o", str(first))
    workbook = load_workbook(first)
    sheet = workbook.active
    for cell in sheet[1]:
        if cell.value == "Budsjettnivå":
            cell.value = "Nivå"
    workbook.save(first)
    out = tmp_path / "neste.xlsx"
    result = CliRunner().invoke(main, ["classify", str(first), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 2
    assert "arbeid.xlsx" in result.stderr and "row 1" in result.stderr
    assert "(Kilde budsjettnivå)" in result.stderr
    assert "fact column Budget level, which is missing or was renamed" in result.stderr
    assert not out.exists()


def test_a_value_outside_the_drop_down_is_refused_with_its_cell(drafts, tmp_path):
    first = tmp_path / "arbeid.xlsx"
    classify(str(drafts), "-o", str(first))
    workbook = load_workbook(first)
    sheet = workbook.active
    column = next(cell.column_letter for cell in sheet[1] if cell.value == "Måltype")
    sheet[f"{column}4"] = "kanskje"
    workbook.save(first)
    out = tmp_path / "neste.xlsx"
    result = CliRunner().invoke(main, ["classify", str(first), "-o", str(out)])
    assert result.exit_code == 2
    assert f"rad 4, kolonne {column} (Måltype)" in result.stderr
    assert "'kanskje'" in result.stderr and "tjenestekvalitet" in result.stderr
    assert not out.exists()


def test_a_column_added_after_the_results_is_kept_and_the_sources_still_count(drafts, tmp_path):
    first = tmp_path / "arbeid.csv"
    classify(str(drafts), "-o", str(first))
    rows = read_csv(first)
    rows[0].append("Kommentar")
    for row in rows[1:]:
        row.append("sjekk" if row[1] else "")
    write_csv(first, rows)
    second = tmp_path / "neste.csv"
    classify(str(first), "-o", str(second))
    again = read_csv(second)
    header = again[0]
    assert header.count("Eier") == 1, "the old results are replaced, not kept twice"
    assert header.index("Kommentar") < header.index("Eier"), "the planner's column is kept"
    assert [row[header.index("Kommentar")] for row in again[1:]] == [
        "sjekk",
        "sjekk",
        "sjekk",
        "",
        "sjekk",
    ]
    assert again[1][header.index("Kilde måltype")] == "foreslått av ordene: tjenestekvalitet"


def test_a_goal_emptied_by_the_planner_is_an_empty_row(drafts, tmp_path):
    first = tmp_path / "arbeid.csv"
    classify(str(drafts), "-o", str(first))
    rows = read_csv(first)
    for index in range(len(OWN)):
        rows[2][index] = ""  # goal 2's own cells; its filled-in facts are left
    write_csv(first, rows)
    second = tmp_path / "neste.csv"
    classify(str(first), "-o", str(second))
    again = read_csv(second)
    header = again[0]
    assert again[2][header.index("Eier")] == "" and again[2][header.index("Måltype")] == ""
    assert again[3][header.index("Eier")] == "uavklart", "the other goals as before"


def test_an_overview_and_the_rule_set_follow_the_working_sheet(drafts, tmp_path):
    out = tmp_path / "arbeid.xlsx"
    classify(str(drafts), "-o", str(out))
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Klassifisering", "Oversikt", "Regler"]  # CSV had no name
    overview = [list(row) for row in workbook["Oversikt"].iter_rows(values_only=True)]
    header = overview[0]
    assert header[0] == "Tjenesteområde" and header[-1] == "Sum"
    assert header[1:-1] == [
        "Kommunestyret",
        "Rådmannen/kommunedirektøren",
        "Virksomhetsleder",
        "uavklart",
    ]
    by_area = {row[0]: row[1:] for row in overview[1:5]}
    assert by_area["Kultur"] == [None, None, None, 1, 1]
    assert by_area["Skole"] == [None, None, 1, None, 1]
    assert overview[8][:2] == ["3", "Bedre samarbeid med frivilligheten"]
    assert "Hva slags mål er dette?" in overview[8][2]
    with zipfile.ZipFile(out) as archive:  # openpyxl does not read charts back
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert 'grouping val="stacked"' in chart and "Eiere per tjenesteområde" in chart
    rules = dict(workbook["Regler"].iter_rows(values_only=True))
    assert rules["Regelsett"] == "ansvarsregler-standard"
    assert rules["Versjon"] and len(rules["Hash (SHA-256)"]) == 64
    assert rules["Evaluator"]
