"""Spreadsheets in and out: CSV and XLSX as planners' budget systems and Excel write them."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import pty
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansvarsregler.cli import main
from ansvarsregler.folding import fold
from ansvarsregler.goals.column_words import FIELD_WORDS, VALUE_WORDS
from ansvarsregler.goals.columns import FIELD_BY_WORD, VALUE_BY_WORD, column_letter
from ansvarsregler.goals.model import Goal
from ansvarsregler.goals.result_columns import (
    FLAT_KEYS,
    RESULT_COLUMNS,
    sheet_columns,
    sheet_headers,
)
from ansvarsregler.goals.spreadsheets import cell_text
from ansvarsregler.presenters import records
from ansvarsregler.vocabulary import FACT_NAMES, FACT_VALUES

HEADER = ["Målnr", "Mål", "Måltype", "Påvirkning", "Budsjettvirkning", "Budsjettnivå", "Merknad"]
ROWS = [
    ["1", "Nivå lesing 2. trinn", "Tjenestekvalitet", "Delvis", "Innenfor rammen", "Enhet", "ok"],
    ["", "", "", "", "", "", ""],
    ["2", "Åpningstiden i barnehagene", "kapasitet", "", "", "", "Kveld og helg"],
    ["", "Befolkningsutvikling", "samfunnsmål", "ingen", "", "", "=SUM(A1:A3)"],
]
RESULT_NB = [
    "Eier",
    "Vedtas av",
    "Regel",
    "Prinsipp",
    "Begrunnelse",
    "Antakelser",
    "Spørsmål",
    "Advarsler",
    "Kilde måltype",
    "Kilde påvirkning",
    "Kilde budsjettvirkning",
    "Kilde budsjettnivå",
]
RESULT_EN = [
    "Owner",
    "Adopted by",
    "Rule",
    "Principle",
    "Justification",
    "Assumptions",
    "Questions",
    "Warnings",
    "Source goal type",
    "Source influence",
    "Source budget impact",
    "Source budget level",
]


def invoke(runner: CliRunner, *args: str, stdin: bytes | None = None):
    return runner.invoke(main, ["classify", *args], input=stdin, catch_exceptions=False)


def write_csv(
    path: Path,
    rows: list[list[str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    newline: str = "\n",
) -> Path:
    # csv quotes a lone CR only when the line ending holds one: quote every cell then.
    lone_cr = newline != "\r\n" and any("\r" in cell for row in rows for cell in row)
    quoting = csv.QUOTE_ALL if lone_cr else csv.QUOTE_MINIMAL
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator=newline, quoting=quoting).writerows(
            rows
        )
    return path


def read_csv_bytes(data: bytes, delimiter: str) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# -- reading CSV -------------------------------------------------------------------


def test_a_windows_1252_semicolon_csv_round_trips_without_mojibake(runner, tmp_path):
    """Norwegian Excel's 'CSV (semikolondelt)': Windows-1252, semicolons, CRLF."""
    source = write_csv(
        tmp_path / "mål.csv", [HEADER, *ROWS], encoding="cp1252", delimiter=";", newline="\r\n"
    )
    out = tmp_path / "klassifisert.csv"
    result = invoke(runner, str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a BOM, so that Excel reads the UTF-8 back"
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    rows = read_csv_bytes(data, ";")
    assert rows[0] == HEADER + RESULT_NB
    # The planner's cells are kept; an empty fact cell gets the value the owner was decided
    # on (here assumed and suggested), or stays empty where the fact does not matter.
    assert [row[: len(HEADER)] for row in rows[1:]] == [
        *ROWS[:2],
        [*ROWS[2][:4], "krever økt bevilgning", "sektor", ROWS[2][6]],
        [*ROWS[3][:-1], "'=SUM(A1:A3)"],
    ]
    assert "Ã" not in data.decode("utf-8-sig")
    owners = [row[len(HEADER)] for row in rows[1:]]
    assert owners == ["Virksomhetsleder", "", "Kommunestyret", "Kommunestyret"]


def test_a_utf8_csv_with_a_bom_and_commas(runner, tmp_path):
    source = write_csv(tmp_path / "mal.csv", [HEADER, *ROWS], encoding="utf-8-sig")
    result = invoke(runner, str(source), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = read_csv_bytes(result.stdout_bytes, ",")
    assert rows[1][:2] == ["1", "Nivå lesing 2. trinn"]
    assert rows[3][1] == "Åpningstiden i barnehagene"


def test_plain_utf8_stays_plain_and_keeps_its_line_ending(runner, tmp_path):
    source = write_csv(tmp_path / "mal.csv", [HEADER, *ROWS])
    out = tmp_path / "ut.csv"
    assert invoke(runner, str(source), "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data


def test_windows_1252_is_found_however_far_down_the_first_letter_comes(runner, tmp_path):
    rows = [["Mål", "Merknad"]] + [[f"Mål {i}", "x" * 40] for i in range(30_000)]
    rows.append(["Sist", "blåbær"])
    source = write_csv(tmp_path / "stor.csv", rows, encoding="cp1252", delimiter=";")
    assert source.stat().st_size > 1 << 20
    result = invoke(runner, str(source), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert read_csv_bytes(result.stdout_bytes, ";")[-1][:2] == ["Sist", "blåbær"]


def test_with_a_profile_the_role_and_the_follow_up_have_columns(runner, tmp_path):
    source = write_csv(tmp_path / "mal.csv", [HEADER, *ROWS])
    result = invoke(runner, str(source), "--format", "csv", "--profile", "verran")
    assert result.exit_code == 0, result.stderr
    header = read_csv_bytes(result.stdout_bytes, ",")[0]
    assert header[len(HEADER) :] == [
        "Eier",
        "Rolle",
        "Vedtas av",
        "Følges opp av",
        *RESULT_NB[2:],
    ]


def test_a_file_that_mixes_utf8_and_windows_1252_is_refused(runner, tmp_path):
    source = tmp_path / "blandet.csv"
    source.write_bytes("Mål;Merknad\nSkole;ø\n".encode() + "Barnehage;ø\n".encode("cp1252"))
    result = invoke(runner, str(source))
    assert result.exit_code == 2
    assert "blander UTF-8 og Windows-1252" in result.stderr


def test_norwegian_and_english_headers_and_values_in_any_case_and_accents(runner, tmp_path):
    rows = [
        ["MÅL-ID", "tittel", "MALTYPE", "pavirkning", "Budsjett-virkning", "Budget_frame"],
        ["a", "Lesing", "TJENESTEKVALITET", "delvis", "innenfor  Rammen", "Enhet"],
        ["b", "Sykehjem", "Dekningsgrad", "Fullt", "Krever økt bevilgning", "kommunen"],
        ["c", "Økonomi", "økonomimål", "Full", "", "Kommune"],
        ["d", "Investering", "investment", "full", "within budget", "sector"],
    ]
    source = write_csv(tmp_path / "mal.csv", rows)
    result = invoke(runner, str(source), "--format", "json")
    assert result.exit_code == 0, result.stderr

    records = json.loads(result.stdout)
    goals = {r["goal_id"]: r["goal"] for r in records}
    assert goals["a"]["goal_type"] == "service_quality"
    assert goals["a"]["budget_impact"] == "within_budget"
    assert goals["a"]["budget_frame"] == "unit"
    assert goals["b"]["goal_type"] == "capacity"
    assert goals["b"]["budget_impact"] == "requires_increase"
    assert goals["b"]["budget_frame"] == "municipality"
    assert goals["c"]["goal_type"] == "economy"
    assert goals["d"]["budget_frame"] == "sector"
    assert [r["owner"] for r in records] == [
        "virksomhetsleder",
        "kommunestyret",
        "kommunestyret",
        "radmann",
    ]


def test_a_goal_without_an_id_gets_one_from_its_row(runner, tmp_path):
    rows = [["Mål", "Måltype"], ["Lesing", "kvalitet"], [], ["Sykefravær", "medarbeider"]]
    source = write_csv(tmp_path / "planen.csv", rows)

    result = invoke(runner, str(source), "--format", "json")
    assert [r["goal_id"] for r in json.loads(result.stdout)] == ["planen-rad-2", "planen-rad-4"]
    piped = invoke(runner, "-", "--format", "json", stdin=source.read_bytes())
    assert piped.exit_code == 0, piped.stderr
    assert [r["goal_id"] for r in json.loads(piped.stdout)] == ["rad-2", "rad-4"]


@pytest.mark.parametrize("header", ["Mål", "TITTEL", "Title", "Målformulering"])
def test_a_column_of_titles_on_standard_input_is_a_sheet_not_a_yaml_string(runner, header):
    piped = invoke(
        runner, "-", "--format", "json", stdin=f"{header}\nLesing\nSykefravær\n".encode()
    )
    assert piped.exit_code == 0, piped.stderr
    assert [r["title"] for r in json.loads(piped.stdout)] == ["Lesing", "Sykefravær"]


def test_extra_columns_are_carried_under_their_headers(runner, tmp_path):
    rows = [["Mål", "Målverdi", "", "Ansvarlig"], ["Lesing", "85 %", "x", "Rektor"]]
    source = write_csv(tmp_path / "mal.csv", rows)

    result = invoke(runner, str(source), "--format", "json")
    goal = json.loads(result.stdout)[0]["goal"]
    assert goal["Målverdi"] == "85 %"
    assert goal["Ansvarlig"] == "Rektor"
    assert "" not in goal


def test_kostra_function_with_its_name_as_budget_systems_export_it(runner, tmp_path):
    rows = [["Mål", "KOSTRA"], ["Lesing", "202 Grunnskole"], ["Bibliotek", "231"]]

    result = invoke(runner, str(write_csv(tmp_path / "m.csv", rows)), "--format", "json")
    assert [r["goal"]["kostra_function"] for r in json.loads(result.stdout)] == ["202", "231"]


# -- classified output -------------------------------------------------------------


def test_every_row_and_column_is_kept_in_order_with_the_results_after(runner, tmp_path):
    rows = [
        HEADER,
        *ROWS,
        ["", "Xyz", "", "", "", "", "", "utenfor overskriften"],
        ["", "", "", "", "", "", "", "bare utenfor overskriften: ikke et mål, men en rad"],
        ["", "", "", "", "", "", ""],
        ["", "", "", "", "", "", ""],
    ]
    source = write_csv(tmp_path / "mal.csv", rows, delimiter=";")
    out = tmp_path / "ut.csv"
    result = invoke(runner, str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    written = read_csv_bytes(out.read_bytes(), ";")
    assert written[0] == [*HEADER, "", *RESULT_NB]
    width = len(HEADER) + 1
    assert len(written) == 1 + len(ROWS) + 2, "empty rows at the end are not part of the table"
    assert written[-1][width - 1] == rows[-3][-1] and written[-1][width:] == [""] * len(RESULT_NB)
    facts = range(2, 6)  # the sheet's own fact columns: an empty one is filled in
    for original, row in zip(rows[1:], written[1:], strict=False):
        expected = [cell if not cell.startswith("=") else "'" + cell for cell in original]
        expected += [""] * (width - len(expected))
        kept = [i for i in range(width) if i not in facts or expected[i] or not row[1]]
        assert [row[i] for i in kept] == [expected[i] for i in kept]
        assert len(row) == width + len(RESULT_NB)
    assert written[2][width:] == [""] * len(RESULT_NB), "an empty row gets no result"
    assert written[5][width] == "uavklart"
    assert written[1][width : width + 4] == [
        "Virksomhetsleder",
        "Kommunestyret",
        "kvalitet-innenfor-rammen-enhet",
        "3",
    ]


def test_result_columns_in_english(runner, tmp_path):
    source = write_csv(tmp_path / "mal.csv", [HEADER, *ROWS])
    result = invoke(runner, str(source), "--format", "csv", "--lang", "en")
    rows = read_csv_bytes(result.stdout_bytes, ",")
    assert rows[0] == HEADER + RESULT_EN
    assert rows[1][len(HEADER)] == "The unit leader"
    assert "principle 3" in rows[1][len(HEADER) + 4]
    assert "A capacity goal" in rows[3][len(HEADER) + 5]


def test_classifying_a_classified_sheet_again_replaces_the_old_results(runner, tmp_path):
    source = write_csv(tmp_path / "mal.csv", [HEADER, *ROWS])
    first, second = tmp_path / "ut.csv", tmp_path / "ut2.csv"
    assert invoke(runner, str(source), "-o", str(first)).exit_code == 0
    result = invoke(runner, str(first), "-o", str(second))
    assert result.exit_code == 0, result.stderr
    assert second.read_bytes() == first.read_bytes()


def test_xlsx_in_xlsx_out_keeps_typed_cells(runner, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Mål 2027"
    header = ["Id", "Mål", "KOSTRA-funksjon", "Måltype", "Beløp", "Frist", "Andel", "Aktiv"]
    typed = [
        7,
        "Nivå lesing 2. trinn",
        202,
        "tjenestekvalitet",
        1500000.5,
        datetime.datetime(2027, 6, 30),
        0.85,
        True,
    ]
    sheet.append(header)
    sheet.append(typed)
    sheet["F2"].number_format = "dd.mm.yyyy"
    sheet["G2"].number_format = "0 %"
    sheet.append([])
    sheet.append([8, "Sykefraværet", None, "medarbeider"])
    source = tmp_path / "mål.xlsx"
    workbook.save(source)
    before = snapshot(source)
    out = tmp_path / "klassifisert.xlsx"
    result = invoke(runner, str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert snapshot(source) == before
    written = openpyxl.load_workbook(out)
    assert written.sheetnames == ["Mål 2027", "Oversikt", "Regler"]
    rows = [[cell for cell in row] for row in written.active.iter_rows()]
    # The facts the sheet has no column for get one each, before the results.
    added = ["Påvirkning", "Budsjettvirkning", "Budsjettnivå"]
    assert [c.value for c in rows[0]][:12] == [*header, *added, "Eier"]
    values = [c.value for c in rows[1]]
    assert values[:8] == typed
    assert rows[1][5].number_format == "dd.mm.yyyy"
    assert rows[1][6].number_format == "0 %"
    assert all(c.value is None for c in rows[2])
    assert rows[3][0].value == 8 and rows[3][1].value == "Sykefraværet"

    records = json.loads(invoke(runner, str(source), "--format", "json").stdout)
    owners = [r["owner_label"] or "uavklart" for r in records]
    assert [values[11], rows[3][11].value] == owners
    assert [values[14], rows[3][14].value] == [r["principle"] for r in records]


def test_sheet_chooses_the_sheet_and_an_unknown_one_lists_the_sheets(runner, tmp_path):
    source = write_xlsx(
        tmp_path / "budsjett.xlsx",
        {"Forside": [["Budsjett 2027"]], "Mål": [["Mål", "Måltype"], ["Lesing", "kvalitet"]]},
    )
    out = tmp_path / "ut.xlsx"
    result = invoke(runner, str(source), "--sheet", "Mål", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert openpyxl.load_workbook(out).active["A2"].value == "Lesing"
    wrong = invoke(runner, str(source), "--sheet", "Maal")
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        f"Feil: fil {source}: arket 'Maal' finnes ikke; arkene i filen er: 'Forside', 'Mål'\n"
    )
    first = invoke(runner, str(source))
    assert first.exit_code == 2, "the first sheet is read by default"
    assert "ark Forside" in first.stderr and "ingen kolonne har målet" in first.stderr
    csv_only = invoke(runner, str(write_csv(tmp_path / "m.csv", [["Mål"], ["x"]])), "--sheet", "X")
    assert csv_only.exit_code == 2 and "--sheet" in csv_only.stderr


def test_xlsx_goes_to_standard_output_only_when_it_is_not_a_terminal(runner, tmp_path):
    source = write_csv(tmp_path / "mal.csv", [HEADER, *ROWS])
    result = invoke(runner, str(source), "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    workbook = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    assert workbook.active["B2"].value == "Nivå lesing 2. trinn"

    ansvar = shutil.which("ansvar")
    assert ansvar
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [ansvar, "classify", str(source), "--format", "xlsx"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 2
    assert b"XLSX skrives ikke til terminalen" in done.stderr


def test_goal_files_to_xlsx_get_the_flat_rows(runner, tmp_path):
    source = tmp_path / "mal.yaml"
    source.write_text("- id: a\n  title: '=Lesing'\n  goal_type: societal\n", encoding="utf-8")
    out = tmp_path / "ut.xlsx"
    result = invoke(runner, str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]] == list(FLAT_KEYS)
    title = sheet["B2"]
    assert title.value == "=Lesing" and title.data_type == "s" and title.quotePrefix


def test_spreadsheets_with_the_same_header_are_written_as_one(runner, tmp_path):
    first = write_csv(tmp_path / "a.csv", [["Mål", "Måltype"], ["Lesing", "kvalitet"]])
    second = write_xlsx(tmp_path / "b.xlsx", {"Ark": [["Mål", "Måltype"], ["Bygg", "investering"]]})
    result = invoke(runner, str(first), str(second), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = read_csv_bytes(result.stdout_bytes, ",")
    assert [row[0] for row in rows] == ["Mål", "Lesing", "Bygg"]
    other = write_csv(tmp_path / "c.csv", [["Mål", "Påvirkning"], ["Lesing", "full"]])
    out = tmp_path / "ut.csv"
    refused = invoke(runner, str(first), str(other), "-o", str(out))
    assert refused.exit_code == 2
    assert "andre kolonner enn" in refused.stderr and str(other) in refused.stderr
    assert not out.exists()


# -- formulas ----------------------------------------------------------------------

FORMULAS = ["=SUM(A1:A3)", "+47 1234", "-1+1", "@x", "\tx", "\rx"]


def test_formula_cells_are_neutralised_in_csv(runner, tmp_path):
    rows = [["Mål", "Merknad"]] + [[f"Mål {i}", value] for i, value in enumerate(FORMULAS)]
    rows += [["=HYPERLINK(1)", "-5"], ["Mål x", "-2,5"]]
    source = write_csv(tmp_path / "mal.csv", rows)
    result = invoke(runner, str(source), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    written = read_csv_bytes(result.stdout_bytes, ",")
    assert [row[1] for row in written[1:7]] == ["'" + value for value in FORMULAS]
    assert written[7][:2] == ["'=HYPERLINK(1)", "-5"], "a plain number stays a number"
    assert written[8][1] == "-2,5"


def test_formula_cells_are_text_in_xlsx(runner, tmp_path):
    rows = [["Mål", "Merknad"]] + [[f"Mål {i}", value] for i, value in enumerate(FORMULAS)]
    source = write_csv(tmp_path / "mal.csv", rows)
    out = tmp_path / "ut.xlsx"
    result = invoke(runner, str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    sheet = openpyxl.load_workbook(out).active
    cells = [sheet.cell(row=i + 2, column=2) for i in range(len(FORMULAS))]
    # XML reads a carriage return in text as a line feed: the one change XLSX makes.
    assert [cell.value for cell in cells] == [value.replace("\r", "\n") for value in FORMULAS]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)


# -- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "nb", "en"),
    [
        (
            [HEADER, ROWS[0], ["3", "Lesing", "kvalitet", "lots"]],
            "fil {f}, rad 3, kolonne D (Påvirkning): 'lots' er ikke tillatt; tillatt er: full, "
            "delvis, ingen (eller på engelsk: full, partial, none); la cellen stå tom hvis det "
            "ikke er kjent",
            "file {f}, row 3, column D (Påvirkning): 'lots' is not allowed; allowed: full, "
            "partial, none (or in bokmål: full, delvis, ingen); leave the cell empty if it is "
            "not known",
        ),
        (
            [HEADER, ["", "", "", "", "", "", "bare en merknad"]],
            "fil {f}, rad 2, kolonne B (Mål): raden har innhold, men målet mangler; skriv målet "
            "i cellen eller tøm raden",
            "file {f}, row 2, column B (Mål): the row has content but no goal; write the goal "
            "in the cell or empty the row",
        ),
        (
            [["Mål", "Merknad", "Tittel"], ["x", "", "y"]],
            "fil {f}, rad 1, kolonne C (Tittel): både kolonne A (Mål) og denne kolonnen er Mål; "
            "gi én av dem en annen overskrift",
            "file {f}, row 1, column C (Tittel): both column A (Mål) and this column are "
            "title; give one of them another header",
        ),
        (
            [["Navn", "Måltype"], ["x", "kvalitet"]],
            "fil {f}, rad 1: ingen kolonne har målet; overskriftsraden må ha én av: Mål, "
            "Tittel, Målformulering, Title, Goal",
            "file {f}, row 1: no column holds the goal; the header row needs one of: Mål, "
            "Tittel, Målformulering, Title, Goal",
        ),
        (
            [["Mål", "KOSTRA-funksjon"], ["Lesing", "999"]],
            "fil {f}, rad 2, kolonne B (KOSTRA-funksjon): '999' finnes ikke i "
            "KOSTRA-funksjonslista for 2026",
            "file {f}, row 2, column B (KOSTRA-funksjon): '999' is not in the KOSTRA function "
            "list for 2026",
        ),
        (
            [["Id", "Mål"], ["a", "Lesing"], ["a", "Skriving"]],
            "fil {f}, rad 3, mål 'a', kolonne A (Id): id 'a' er brukt før ({f}:2)",
            "file {f}, row 3, goal 'a', column A (Id): id 'a' was used before ({f}:2)",
        ),
    ],
)
def test_errors_name_file_row_and_column_exit_2_and_write_nothing(runner, tmp_path, rows, nb, en):
    source = write_csv(tmp_path / "mal.csv", rows)
    before = snapshot(source)
    out = tmp_path / "ut.csv"
    for lang, expected in (("nb", nb), ("en", en)):
        result = invoke(runner, str(source), "-o", str(out), "--lang", lang)
        assert result.exit_code == 2
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        prefix = "Feil: " if lang == "nb" else "Error: "
        assert lines[0].startswith(prefix + expected.format(f=source)), lines[0]
        assert not out.exists()
        assert list(tmp_path.iterdir()) == [source], "no temporary file is left"
    assert snapshot(source) == before


def test_errors_in_xlsx_name_the_sheet_and_the_row_as_excel_shows_it(runner, tmp_path):
    source = write_xlsx(
        tmp_path / "mål.xlsx",
        {"Mål 2027": [[], ["Mål", "Merknad", "Måltype"], ["Lesing", "", "kvalitet"], [], ["x"]]},
    )
    workbook = openpyxl.load_workbook(source)
    workbook.active["C5"] = "mye"
    workbook.save(source)
    before = snapshot(source)
    out = tmp_path / "ut.xlsx"
    result = invoke(runner, str(source), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Feil: fil {source}, ark Mål 2027, rad 5, kolonne C (Måltype): 'mye' er ikke tillatt; "
        "tillatt er: samfunnsmål, kapasitet, investering, tjenestekvalitet, brukertilfredshet, "
        "medarbeider, økonomi"
    )
    assert not out.exists() and snapshot(source) == before


def test_a_damaged_workbook_and_an_xls_file_get_a_clear_message(runner, tmp_path):
    damaged = tmp_path / "mål.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    result = invoke(runner, str(damaged))
    assert result.exit_code == 2 and "kan ikke leses som XLSX" in result.stderr
    old = tmp_path / "mål.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = invoke(runner, str(old), "--lang", "en")
    assert result.exit_code == 2
    assert ".xls files cannot be read; save the spreadsheet as .xlsx or CSV" in result.stderr


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_output_is_never_written_over_an_input(runner, tmp_path, suffix):
    if suffix == "csv":
        source = write_csv(tmp_path / "mal.csv", [HEADER, *ROWS])
    else:
        source = write_xlsx(tmp_path / "mal.xlsx", {"Mål": [HEADER, *ROWS]})
    before = snapshot(source)
    result = invoke(runner, str(source), "-o", str(source))
    assert result.exit_code == 2
    assert "er også en innfil" in result.stderr
    link = tmp_path / f"lenke.{suffix}"
    os.link(source, link)
    assert invoke(runner, str(source), "-o", str(link)).exit_code == 2, "a hard link too"
    assert snapshot(source) == before


# -- the words and the cells -------------------------------------------------------


def test_every_fact_value_and_goal_field_has_words_and_no_word_means_two_things():
    assert set(VALUE_WORDS) == set(FACT_VALUES)
    for fact, values in FACT_VALUES.items():
        assert set(VALUE_WORDS[fact]) == set(values), fact
        words = [fold(word) for words in VALUE_WORDS[fact].values() for word in words]
        assert len(words) == len(set(words)), f"{fact}: a word stands for two values"
        assert {VALUE_BY_WORD[fact][fold(value)] for value in values} == set(values)
    assert set(FIELD_WORDS) == set(Goal.model_fields)
    headers = [fold(word) for words in FIELD_WORDS.values() for word in words]
    assert len(headers) == len(set(headers)), "a header stands for two fields"
    assert FIELD_BY_WORD[fold("Mål-id")] == "id" and FIELD_BY_WORD["goaltype"] == "goal_type"


def test_folding_and_cells_as_text():
    assert fold("  Påvirkning ") == fold("PAVIRKNING") == "pavirkning"
    assert fold("Økonomi-MÅL") == "okonomimal" and fold("Kjære") == "kjaere"
    assert fold("goal_type") == fold("Goal type") == "goaltype"
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert cell_text(202.0) == "202" and cell_text(2.5) == "2.5" and cell_text(None) == ""
    assert cell_text(datetime.datetime(2027, 1, 31)) == "2027-01-31"
    assert cell_text(True) == "TRUE"


_CP1252_TEXT = st.text(
    # Ã is left out: "Ã¦" in Windows-1252 is the very byte pair of UTF-8's æ (mojibake), which
    # a file that is not UTF-8 is refused for.
    alphabet=st.characters(codec="cp1252", exclude_categories=("Cs",), exclude_characters="\x00Ã"),
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    titles=st.lists(_CP1252_TEXT.filter(lambda t: t.strip()), min_size=1, max_size=5),
    notes=st.lists(_CP1252_TEXT, min_size=5, max_size=5),
    delimiter=st.sampled_from([",", ";"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_any_table_of_text_round_trips_through_csv(
    tmp_path_factory, titles, notes, delimiter, encoding, newline
):
    """Every cell comes back as it was (a would-be formula with an apostrophe before it)."""
    folder = tmp_path_factory.mktemp("roundtrip")
    rows = [["Mål", "Merknad"]] + [[t, n] for t, n in zip(titles, notes, strict=False)]
    source = write_csv(
        folder / "mal.csv", rows, encoding=encoding, delimiter=delimiter, newline=newline
    )
    result = CliRunner().invoke(main, ["classify", str(source), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    written = read_csv_bytes(result.stdout_bytes, delimiter)

    def shown(cell: str) -> str:
        neutral = cell[:1] in set("=+-@\t\r") and not _is_number(cell)
        return "'" + cell if neutral else cell

    assert [row[:2] for row in written] == [[shown(c) for c in row] for row in rows]
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf") == (encoding != "utf-8")


def _is_number(text: str) -> bool:

    return re.fullmatch(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?", text) is not None


def test_one_registry_names_the_result_columns_of_every_output(classifier):
    keys = [column.key for column in RESULT_COLUMNS]
    assert len(set(keys)) == len(keys)
    result = classifier.classify({"id": "a", "title": "Lesing", "goal_type": "societal"})
    assert list(records.row(result)) == list(FLAT_KEYS)
    added = [column.key for column in sheet_columns(with_profile=True)]
    flat = [key for key in added if key in FLAT_KEYS]
    assert flat == [key for key in FLAT_KEYS if key in added]  # the flat order
    assert added[len(flat) :] == [f"{fact}_source" for fact in FACT_NAMES]  # then the sources
    assert {"owner_role", "followed_up_by"}.isdisjoint(
        column.key for column in sheet_columns(with_profile=False)
    )
    assert sheet_headers("en", with_profile=False)[:2] == ("Owner", "Adopted by")
