"""``ansvar report``: the council document as DOCX, HTML and Markdown.

Every DOCX is opened with python-docx and its headings, tables and goals are
checked; the HTML is parsed and must hold every goal as text, escaped; the
Markdown's tables must survive a goal that says ``|``. Where LibreOffice is
installed (CI installs it), the DOCX is also converted to PDF, as a planner's
office suite would open it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

from ansvarsregler import Classifier, default_ruleset
from ansvarsregler.cli import main
from ansvarsregler.documents.blocks import Figure, Heading, Table
from ansvarsregler.documents.report import CHART_AREAS, build_report, norwegian_order
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.municipality.profiles import load_profile
from ansvarsregler.rules.loader import shipped_data_dir

SOFFICE = shutil.which("soffice")
ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    {
        "id": "skript",
        "title": "<script>alert(1)</script> | pipe & mer",
        "service_area": "Skole",
        "goal_type": "service_quality",
        "influence": "partial",
        "budget_impact": "within_budget",
        "budget_frame": "unit",
        "indicator": "Andel <b>elever</b>",
        "target": "minst 85 %",
    },
    {"id": "kontroll", "title": "Tegn\x01som\x0bWord\x1fikke\ufffetåler", "service_area": "Kultur"},
    {"id": "uklart", "title": "Bedre samarbeid med frivilligheten"},
]


def catalog_titles() -> list[str]:
    with GoalFiles([str(shipped_data_dir("goal_catalog"))]) as files:
        return [read.goal.title for read in files.check()]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["report", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def table_texts(document: docx.document.Document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def test_the_word_document_has_real_headings_tables_and_every_goal(tmp_path):
    out = tmp_path / "mål-og-ansvar.docx"
    code, _, stderr = run("--profile", "verran", "-o", str(out))
    assert code == 0, stderr
    document = docx.Document(str(out))
    headings = {
        paragraph.text: paragraph.style.name
        for paragraph in document.paragraphs
        if paragraph.style.name.startswith(("Heading", "Title"))
    }
    assert headings["Mål og resultatansvar"] == "Title"
    for chapter in ("Sammendrag", "Ansvarsmatrise", "Mål per tjenesteområde", "Uavklarte mål"):
        assert headings[chapter] == "Heading 1"
    assert headings["Skole"] == "Heading 2" and headings["Kommunestyret"] == "Heading 3"
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Verran kommune" in texts and "Følges opp av: Formannskapet." in texts

    tables = table_texts(document)
    matrix = tables[0]
    assert matrix[0] == ["Tjenesteområde", "Kommunestyret", "Rådmannen", "Virksomhetsleder", "Sum"]
    assert matrix[-1] == ["Sum", "36", "29", "41", "106"]
    assert sum(int(row[-1]) for row in matrix[1:-1]) == 106
    goal_header = ["Mål", "Indikator", "Målverdi", "Vedtas av", "Begrunnelse"]
    in_goal_tables = [row[0] for table in tables if table[0] == goal_header for row in table[1:]]
    assert sorted(in_goal_tables) == sorted(catalog_titles())  # each goal once, under its owner
    assert len(document.inline_shapes) == 1  # the chart
    assert document.core_properties.title == "Mål og resultatansvar"


def test_the_html_is_one_page_with_every_goal_escaped(tmp_path):
    goals = tmp_path / "mål.json"
    goals.write_text(json.dumps(HOSTILE), encoding="utf-8")
    out = tmp_path / "rapport.html"
    code, _, stderr = run(str(goals), "--lang", "en", "-o", str(out))
    assert code == 0, stderr
    page = out.read_text(encoding="utf-8")

    class Reader(HTMLParser):
        """Every tag, text and link; and whether each element is closed where it should be."""

        VOID = frozenset({"meta", "br", "hr", "img", "input", "link"})

        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []
            self.text: list[str] = []
            self.links: list[str] = []
            self.open: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.links += [value for name, value in attrs if name in ("src", "href") and value]
            if tag not in self.VOID:
                self.open.append(tag)

        def handle_startendtag(self, tag, attrs):
            self.tags.append(tag)

        def handle_endtag(self, tag):
            assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing open"

        def handle_data(self, data):
            self.text.append(data)

    reader = Reader()
    reader.feed(page)
    assert reader.open == []  # every element closed, in order
    text = "".join(reader.text)
    assert "<script>alert(1)</script> | pipe & mer" in text  # shown as text...
    assert "script" not in reader.tags and "b" not in reader.tags  # ...never as markup
    assert "Bedre samarbeid med frivilligheten" in text
    assert "Unresolved goals" in text and "svg" in reader.tags
    assert reader.links == []  # nothing fetched from elsewhere


def test_markdown_tables_survive_what_goals_say(tmp_path):
    goals = tmp_path / "mål.json"
    goals.write_text(json.dumps(HOSTILE), encoding="utf-8")
    code, stdout, stderr = run(str(goals))
    assert code == 0, stderr
    row = next(line for line in stdout.splitlines() if "alert(1)" in line)
    assert row.startswith("| &lt;script>alert(1)&lt;/script> \\| pipe &amp; mer |")
    assert row.count(" | ") == 4  # five cells: the escaped pipe is no border
    assert "## Uavklarte mål" in stdout and "Bedre samarbeid med frivilligheten" in stdout


def test_characters_word_cannot_hold_are_left_out_not_fatal(tmp_path):
    goals = tmp_path / "mål.json"
    goals.write_text(json.dumps(HOSTILE), encoding="utf-8")
    out = tmp_path / "rapport.docx"
    code, _, stderr = run(str(goals), "-o", str(out))
    assert code == 0, stderr
    cells = [
        cell for table in table_texts(docx.Document(str(out))) for row in table for cell in row
    ]
    assert "TegnsomWordikketåler" in cells


def test_english_and_the_chief_executives_own_title():
    goals = yaml.safe_load((shipped_data_dir("goal_catalog") / "skole.yaml").read_text())["goals"]
    classifier = Classifier(default_ruleset(), profile=load_profile("bo"))
    results = list(classifier.classify_many(goals, lang="en"))
    document = build_report(results, "en", load_profile("bo"))
    headings = [block.text for block in document.blocks if isinstance(block, Heading)]
    assert headings[:2] == ["Summary", "Responsibility matrix"]
    assert document.subtitle == "Bø municipality"
    last = document.blocks[-1]
    assert "profile for Bø" in last.text and "title is rådmann." in last.text  # type: ignore[union-attr]


def test_the_chart_keeps_the_largest_areas_and_the_table_keeps_them_all():
    goals = [
        {
            "id": f"m{i}",
            "title": "Flere besøk",
            "service_area": f"Område {i:02}",
            "goal_type": "societal",
        }
        for i in range(CHART_AREAS + 5)
    ]
    results = list(Classifier(default_ruleset()).classify_many(goals))
    document = build_report(results, "nb")
    figure = next(block for block in document.blocks if isinstance(block, Figure))
    matrix = next(block for block in document.blocks if isinstance(block, Table))
    assert len(figure.chart.areas) == CHART_AREAS
    assert figure.chart.areas[-1] == "Andre (6 områder)"
    assert sum(map(sum, figure.chart.counts)) == len(goals)
    assert len(matrix.rows) == len(goals) + 1  # every area, and the sum


def test_service_areas_in_norwegian_alphabetical_order():
    names = ["Åpen omsorg", "Økonomi", "Ærlighet", "Zoo", "avfall", "Barnehage"]
    assert sorted(names, key=norwegian_order) == [
        "avfall",
        "Barnehage",
        "Zoo",
        "Ærlighet",
        "Økonomi",
        "Åpen omsorg",
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["-o", "rapport.pdf"], "vet ikke hvilket dokumentformat"),
        (["--format", "pdf"], "Invalid value for '--format'"),
        (["-o", "mål.yaml", "mål.yaml"], "mål.yaml"),
        (["ødelagt.yaml", "-o", "rapport.docx"], "ødelagt.yaml"),
    ],
    ids=["unknown-suffix", "unknown-format", "over-its-input", "bad-goals"],
)
def test_bad_requests_are_refused_and_nothing_is_written(tmp_path, monkeypatch, args, says):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mål.yaml").write_text("goals:\n  - id: a\n    title: Et mål\n", encoding="utf-8")
    (tmp_path / "ødelagt.yaml").write_text(
        "goals:\n  - id: a\n    influence: mye\n", encoding="utf-8"
    )
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    code, stdout, stderr = run(*args)
    assert code == 2
    assert says in stderr and "Traceback" not in stderr
    assert stdout == ""
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


@pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="no LibreOffice on this machine"
)
def test_libreoffice_opens_the_word_document(tmp_path):
    assert SOFFICE is not None, "CI installs LibreOffice (libreoffice-writer-nogui)"
    out = tmp_path / "rapport.docx"
    assert run("--profile", "bo", "-o", str(out))[0] == 0
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "rapport.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 5
    # The first two pages side by side, as the picture in the docs.
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            "1",
            "-l",
            "2",
            "-r",
            "60",
            "-png",
            str(tmp_path / "rapport.pdf"),
            str(tmp_path / "side"),
        ],
        check=True,
        timeout=60,
    )
    pages = [Image.open(path) for path in sorted(tmp_path.glob("side-*.png"))]
    both = Image.new("RGB", (sum(page.width for page in pages) + 10, pages[0].height), "#888888")
    for index, page in enumerate(pages):
        both.paste(page, (index * (pages[0].width + 10), 0))
    both.save(ROOT / "docs" / "img" / "rapport.png", optimize=True)


def test_an_area_called_what_goals_without_one_are_headed_loses_no_goal():
    goals = [
        {
            "id": "a",
            "title": "Flere besøk",
            "service_area": "uten tjenesteområde",
            "goal_type": "societal",
        },
        {"id": "b", "title": "Flere turer", "goal_type": "societal"},
    ]
    document = build_report(Classifier(default_ruleset()).classify_many(goals), "nb")
    matrix = next(block for block in document.blocks if isinstance(block, Table))
    assert matrix.rows[-1][-1] == "2"


def test_dollar_signs_in_chart_labels_are_text_not_mathematics(tmp_path):
    goals = tmp_path / "mål.json"
    goals.write_text(
        json.dumps(
            [
                {
                    "id": "a",
                    "title": "Pris",
                    "service_area": "Skole $\\frac{$",
                    "goal_type": "societal",
                }
            ]
        )
    )
    code, _, stderr = run(str(goals), "-o", str(tmp_path / "rapport.html"))
    assert code == 0, stderr
    assert "Skole $\\frac{$" in (tmp_path / "rapport.html").read_text(encoding="utf-8")


def test_one_goal_in_english_is_one_goal():
    document = build_report(
        Classifier(default_ruleset()).classify_many([HOSTILE[0]], lang="en"), "en"
    )
    assert "The unit leader: 1 goal" in document.blocks[2].items  # type: ignore[union-attr]
