"""The page in a real browser: Chromium from Debian's packages, driven by Playwright.

A planner pastes three goals, sees their owners, answers the open question of
one from its drop-down, sees it decided, and downloads the XLSX: the pasted
sheet again, with the answers and the result columns, which reads back. The
screenshot in the docs is the one this test takes. CI installs Chromium
(``.ci/run``); elsewhere the test is skipped where there is none.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from ansvarsregler.web import ServeSettings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="no Chromium on this machine"
)
GOALS = (
    "Mål;Tjenesteområde\n"
    "Færre elever på laveste mestringsnivå i lesing ved Haugen skole;Skole\n"
    "Øke barnehagedekningen til 98 %;Barnehage\n"
    "Bedre samarbeid med frivilligheten;Kultur\n"
)


def test_a_planner_classifies_answers_and_downloads(serving, tmp_path):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "CI installs Chromium (apt-get install chromium)"
    with serving(ServeSettings()) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="nb-NO")
        page.goto(f"{url}/")
        page.fill("#goals", GOALS)
        page.click("text=Klassifiser")
        rows = page.locator("tbody tr")
        assert rows.count() == 3
        assert "Kommunestyret" in rows.nth(1).inner_text()  # more money: the council
        unresolved = page.locator("tbody tr.unresolved")
        assert unresolved.count() == 1
        assert "Bedre samarbeid med frivilligheten" in unresolved.inner_text()
        page.screenshot(path=str(ROOT / "docs" / "img" / "serve.png"), full_page=True)

        # Answer the open questions from their drop-downs (the first value of each).
        for select in unresolved.locator("select").all():
            values = [o.get_attribute("value") for o in select.locator("option").all()]
            select.select_option(next(value for value in values if value))
        unresolved.get_by_role("button", name="Svar").click()
        assert page.locator("tbody tr.unresolved").count() == 0
        assert "uavklart" not in page.locator("tbody tr").nth(2).inner_text()

        assert "ditt eget ark" in page.inner_text("form#work")
        with page.expect_download() as download:
            page.click("button[value=xlsx]")
        saved = tmp_path / "resultat.xlsx"
        download.value.save_as(saved)
        browser.close()
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    header = rows[0]
    assert header[:2] == ("Mål", "Tjenesteområde")  # the planner's own columns first
    assert [row[:2] for row in rows[1:]] == [
        tuple(line.split(";")) for line in GOALS.splitlines()[1:]
    ]
    owners = [row[header.index("Eier")] for row in rows[1:]]
    assert None not in owners  # the answered goal has its owner in the sheet too
    answered = dict(zip(header, rows[3], strict=True))
    assert answered["Kilde måltype"] == "oppgitt"
