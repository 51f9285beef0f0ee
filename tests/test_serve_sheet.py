"""The page's downloads of a spreadsheet: the planner's own sheet again, as the command line
writes it, with the answers given on the page.

The sheet travels with the page in a hidden field (the server keeps nothing),
so these tests also send it back tampered with, too large, or not matching.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from ansvarsregler.web import ServeSettings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ("Mål", "Tjenesteområde", "Ansvarlig i staben", "Frist")
ROWS = [
    ("Færre elever på laveste mestringsnivå i lesing ved Haugen skole", "Skole", "Kari", 45658),
    None,  # an empty row between goals stays in the output
    ("Bedre samarbeid med frivilligheten", "Kultur", "Ola", 45700),
]


@pytest.fixture(scope="module")
def url(serving) -> Iterator[str]:
    with serving(ServeSettings()) as address:
        yield address


def packed(data: bytes) -> str:
    return base64.b64encode(zlib.compress(data)).decode()


def planners_sheet(path: Path) -> bytes:
    """An XLSX a planner keeps: their own columns, a date, an empty row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Mål 2027"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row or ())
    for cell in sheet["D"][1:]:
        cell.number_format = "dd.mm.yyyy"
    book.save(path)
    return path.read_bytes()


def work_form(page: str) -> dict[str, str]:
    """The hidden fields of the results page's one form (id ``work``)."""
    form = page.split('id="work"', 1)[1].split("</form>", 1)[0]
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    return {name: html.unescape(value) for name, value in fields}


def uploaded(client, token, name: str, data: bytes) -> str:
    response = client.post(
        "/classify", data={"csrf": token, "lang": "nb"}, files={"file": (name, data)}
    )
    assert response.status_code == 200, response.text[:500]
    return response.text


def test_an_uploaded_sheet_downloads_as_the_planners_own_sheet_with_the_answers(
    url, page_session, tmp_path
):
    client, token = page_session(url)
    page = uploaded(client, token, "mål.xlsx", planners_sheet(tmp_path / "mål.xlsx"))
    assert "ditt eget ark (mål.xlsx)" in page
    form = work_form(page)
    assert form["sheet_name"] == "mål.xlsx"

    # Answer the unresolved goal's questions on the page (the second goal, index 1).
    selects = re.findall(r'name="(fact:1:\w+)">(.*?)</select>', page, re.DOTALL)
    assert selects
    answers = {name: re.findall(r'<option value="(\w+)"', options)[0] for name, options in selects}
    answered = client.post("/classify", data={**form, **answers})
    assert answered.status_code == 200
    form = work_form(answered.text)
    assert "sheet" in form  # still carried after an answer

    download = client.post("/download", data={**form, "format": "xlsx"})
    assert download.status_code == 200
    assert download.headers["content-type"] == XLSX
    assert "filename*=UTF-8''m%C3%A5l-ansvar.xlsx" in download.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(download.content))
    sheet = book.worksheets[0]
    assert sheet.title == "Mål 2027"
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[: len(HEADER)] == HEADER
    assert rows[1][2] == "Kari" and rows[3][2] == "Ola"  # the planner's own column, kept
    assert sheet["D2"].number_format == "dd.mm.yyyy"  # and its formats
    assert all(cell is None for cell in rows[2])  # the empty row, kept
    second = dict(zip(header, rows[3], strict=True))
    assert second["Eier"]  # decided by the answers given on the page
    assert second["Kilde måltype"] == "oppgitt"

    as_csv = client.post("/download", data={**form, "format": "csv"})
    assert as_csv.status_code == 200
    table = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert tuple(table[0][: len(HEADER)]) == HEADER
    assert table[3][2] == "Ola" and table[3][table[0].index("Eier")] == second["Eier"]


def test_a_pasted_sheet_is_carried_too_and_a_yaml_file_is_not(url, page_session):
    client, token = page_session(url)
    pasted = "Mål;Tjenesteområde;Notat\nØke barnehagedekningen til 98 %;Barnehage;fra planen\n"
    page = client.post("/classify", data={"csrf": token, "goals": pasted}).text
    form = work_form(page)
    download = client.post("/download", data={**form, "format": "csv"})
    assert download.content.decode("utf-8-sig").startswith("Mål;Tjenesteområde;Notat;")
    assert 'filename="ansvar-resultat.csv"' in download.headers["content-disposition"]

    yaml = b"goals:\n  - id: a\n    title: Dekningsgrad barnehage\n"
    page = uploaded(client, token, "mal.yaml", yaml)
    assert "sheet" not in work_form(page) and "ditt eget ark" not in page
    flat = client.post("/download", data={**work_form(page), "format": "xlsx"})
    header = next(
        openpyxl.load_workbook(io.BytesIO(flat.content)).active.iter_rows(values_only=True)
    )
    assert header[0] == "goal_id"  # flat rows


def test_a_sheet_too_large_to_carry_is_dropped_and_the_page_says_so(url, page_session, monkeypatch):
    client, token = page_session(url)
    lines = "\n".join(f"Mål nummer {i} om {'lang tekst ' * 20};Kultur" for i in range(200))
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_REQUEST_BYTES", "120000")
    page = client.post("/classify", data={"csrf": token, "goals": f"Mål;Område\n{lines}"})
    assert page.status_code == 200
    assert "for stort til å følge med" in page.text
    assert "sheet" not in work_form(page.text)


@pytest.mark.parametrize(
    ("sheet", "status", "says"),
    [
        ("ikke base64!", 422, "sheet"),
        (
            packed("Mål;Tjenesteområde\nEt annet mål;Skole\n".encode()),
            422,
            "har ikke de samme målene",
        ),
        (packed(bytes(200_000)), 413, "ANSVARSREGLER_LIMIT_REQUEST_BYTES"),  # unpacks to a bomb
    ],
    ids=["not-base64", "other-goals", "bomb"],
)
def test_a_tampered_sheet_is_refused_never_a_500(
    url, page_session, monkeypatch, sheet, status, says
):
    client, token = page_session(url)
    pasted = "Mål;Tjenesteområde\nØke barnehagedekningen til 98 %;Barnehage\n"
    form = work_form(client.post("/classify", data={"csrf": token, "goals": pasted}).text)
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_REQUEST_BYTES", "50000")
    refused = client.post("/download", data={**form, "sheet": sheet, "format": "xlsx"})
    assert refused.status_code == status, refused.text[:300]
    assert says in html.unescape(refused.text)
    assert "Traceback" not in refused.text


def test_a_column_of_titles_pasted_from_a_sheet_is_read_as_one(url, page_session):
    client, token = page_session(url)
    pasted = "Mål\nØke barnehagedekningen til 98 %\nBedre samarbeid med frivilligheten\n"
    page = client.post("/classify", data={"csrf": token, "goals": pasted})
    assert page.status_code == 200, page.text[:300]
    assert page.text.count("<tr") == 3  # the header and two goals
    assert "sheet" in work_form(page.text)
