"""XLSX output written with XlsxWriter: sheet names, numbers a sheet cannot hold, neutralised
formulas, and no temporary file left behind however a run ends."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from ansvarsregler.cli import main
from ansvarsregler.errors import InvalidGoalError
from ansvarsregler.presenters import spreadsheet, xlsx_cells
from ansvarsregler.presenters.xlsx_cells import sheet_name


def sheet_of(path: Path, name: str, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = name
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


GOALS = [["Mål", "Tjenesteområde"], ["Elevene skal trives på skolen", "Skole"]]


@pytest.mark.parametrize(
    ("name", "sheets"),
    [
        ("Oversikt", ["Oversikt", "Oversikt (2)", "Regler"]),
        ("regler", ["regler", "Oversikt", "Regler (2)"]),
        ("'Mål 2027'", ["Mål 2027", "Oversikt", "Regler"]),
        pytest.param(
            "Mål og tiltak for skole og barnehage 2027-2030",
            None,
            marks=pytest.mark.filterwarnings("ignore:Title is more than 31 characters"),
        ),
    ],
)
def test_the_planners_sheet_name_never_clashes_with_the_added_sheets(tmp_path, name, sheets):
    source = sheet_of(tmp_path / "mål.xlsx", name, GOALS)
    out = tmp_path / "ut.xlsx"
    result = CliRunner().invoke(main, ["classify", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = openpyxl.load_workbook(out).sheetnames
    assert written == (sheets or [name[:31].strip(), "Oversikt", "Regler"])


def test_sheet_names_are_cut_cleaned_and_numbered():
    assert sheet_name("a/b:c*d?[e]\\f") == "abcdef"
    assert sheet_name("  ") == "Ark"
    assert sheet_name("x" * 40, ["x" * 31]) == "x" * 27 + " (2)"
    assert sheet_name("Regler", ["regler", "Regler (2)"]) == "Regler (3)"


def test_a_number_a_sheet_cannot_hold_is_written_as_text_never_a_formula(tmp_path):
    import xlsxwriter

    path = tmp_path / "tall.xlsx"
    with tempfile.TemporaryDirectory() as scratch:
        workbook = xlsxwriter.Workbook(str(path), xlsx_cells.workbook_options(1, scratch))
        sheet = workbook.add_worksheet()
        cells = xlsx_cells.CellWriter(workbook)
        cells.write(sheet, 0, 0, math.inf)
        cells.write(sheet, 0, 1, math.nan)
        cells.write(sheet, 0, 2, 2.5, number_format="0.0 %")
        workbook.close()
    row = next(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert row == ("inf", "nan", 2.5)


def test_text_starting_with_a_control_character_then_a_formula_stays_text(tmp_path):
    source = tmp_path / "mål.csv"
    source.write_text("Mål;Merknad\nEt mål;\x01=HYPERLINK(1)\n", encoding="utf-8")
    out = tmp_path / "ut.xlsx"
    result = CliRunner().invoke(main, ["classify", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    cell = openpyxl.load_workbook(out).active["B2"]
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s" and cell.quotePrefix


@pytest.mark.parametrize("rows_expected", [None, 1])  # streamed, and built in memory
def test_a_run_that_fails_half_way_leaves_no_temporary_file(tmp_path, monkeypatch, rows_expected):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def rows():
        for number in range(3):
            yield [f"Mål {number}", "x" * 1000], (), {}, ()
        raise InvalidGoalError("output.xlsx_failed", reason="stopped")

    out = tmp_path / "ut.xlsx"
    with out.open("wb") as handle, pytest.raises(InvalidGoalError):
        spreadsheet._write_xlsx(
            ["Mål", "Merknad"], rows(), handle, "Ark", [10, 10], None, None, rows_expected
        )
    assert list(scratch.iterdir()) == []
    assert out.read_bytes() == b""  # nothing reached the output
