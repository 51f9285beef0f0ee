"""Hostile input to ``ansvar serve``, through the JSON API and the page's upload form.

Each is a clean 4xx naming what is wrong (never a 500 or a traceback), and the
server keeps serving: a good request right after each gets its answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from ansvarsregler.web import ServeSettings

from . import inputs as v

GOOD = [{"id": "lesing", "title": "Nivå lesing 2. trinn", "goal_type": "service_quality"}]
#: (name, body bytes, content type, status, words the detail must hold).
API_BODIES = [
    ("broken-json", b'{"goals": [', "application/json", 400, "ikke gyldig JSON"),
    ("binary-junk", bytes(range(256)) * 4, "application/json", 400, "ikke gyldig JSON"),
    ("deep-nesting", b"[" * 100_000 + b"]" * 100_000, "application/json", 400, "JSON"),
    ("a-number", b"42", "application/json", 422, "goals"),
    ("goals-not-a-list", b'{"goals": "x"}', "application/json", 422, "goals"),
    (
        "unknown-field",
        json.dumps([{"id": "a", "title": "x", "mål": 1}]).encode(),
        "application/json",
        200,
        "",
    ),
    (
        "unknown-value",
        json.dumps([{"id": "a", "title": "x", "goal_type": "vakkert"}]).encode(),
        "application/json",
        422,
        "goal_type",
    ),
    ("duplicate-ids", json.dumps(GOOD * 2).encode(), "application/json", 422, "lesing"),
    (
        "title-of-10-mb",
        json.dumps([{"id": "a", "title": "x" * 10_000_000}]).encode(),
        "application/json",
        413,
        "ANSVARSREGLER_LIMIT_CELL_LENGTH",
    ),
    (
        "body-of-11-mb",
        json.dumps([{"id": "a", "title": "x" * 11_000_000}]).encode(),
        "application/json",
        413,
        "ANSVARSREGLER_LIMIT_REQUEST_BYTES",
    ),
    (
        "100000-goals",
        json.dumps([{"id": str(i), "title": "x"} for i in range(100_000)]).encode(),
        "application/json",
        413,
        "ANSVARSREGLER_LIMIT_REQUEST_GOALS",
    ),
    (
        "title-over-cell-length",
        json.dumps([{"id": "a", "title": "x" * 40_000}]).encode(),
        "application/json",
        413,
        "ANSVARSREGLER_LIMIT_CELL_LENGTH",
    ),
    ("yaml-as-json", v.GOALS_YAML.encode(), "application/json", 400, "ikke gyldig JSON"),
    ("csv-as-text", v.goals_csv().encode(), "text/csv", 415, "application/json"),
]


@pytest.fixture(scope="module")
def url(serving) -> Iterator[str]:
    with serving(ServeSettings()) as address:
        yield address


def still_serving(url: str) -> None:
    assert httpx.post(f"{url}/api/classify", json=GOOD, timeout=30).status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type", "status", "says"),
    [pytest.param(*case[1:], id=case[0]) for case in API_BODIES],
)
def test_the_api_refuses_hostile_bodies_cleanly(url, body, content_type, status, says):
    response = httpx.post(
        f"{url}/api/classify", content=body, headers={"content-type": content_type}, timeout=60
    )
    assert response.status_code == status, response.text[:500]
    if status != 200:
        assert response.headers["content-type"] == "application/problem+json"
        assert says in response.json()["detail"]
    assert "Traceback" not in response.text
    still_serving(url)


def xlsx_bomb() -> bytes:
    """A small XLSX whose sheet says it unpacks to 4 GB, as a zip bomb's would."""
    return v.declared_size(v.xlsx_bytes(), "xl/worksheets/sheet1.xml", 0xFFFFFFF0)


#: (name, file name, bytes, words the page's message must hold).
UPLOADS = [
    ("broken-yaml", "mål.yaml", b"goals: [\n  - id: a\n", "mål.yaml"),
    ("broken-json", "mål.json", b'[{"id": "a",', "mål.json"),
    ("binary-junk-csv", "mål.csv", bytes(range(256)) * 10, "mål.csv"),
    ("not-an-xlsx", "mål.xlsx", b"PK\x03\x04 not really a zip", "mål.xlsx"),
    ("zip-bomb-xlsx", "mål.xlsx", xlsx_bomb(), "ANSVARSREGLER_LIMIT_XLSX_UNCOMPRESSED"),
    ("unknown-value-csv", "mål.csv", "Mål;Påvirkning\nEt mål;litt\n".encode(), "Påvirkning"),
    ("duplicate-ids", "mål.json", json.dumps(GOOD * 2).encode(), "lesing"),
    ("empty-file", "mål.csv", b"", "lim inn mål eller velg en fil"),
]


@pytest.mark.parametrize(
    ("name", "data", "says"), [pytest.param(*case[1:], id=case[0]) for case in UPLOADS]
)
def test_the_upload_form_refuses_hostile_files_cleanly(url, page_session, name, data, says):
    client, token = page_session(url)
    response = client.post(
        "/classify", data={"csrf": token, "lang": "nb"}, files={"file": (name, data)}, timeout=60
    )
    assert response.status_code in (413, 422), response.text[:500]
    assert says in response.text.replace("&#39;", "'")
    assert "Traceback" not in response.text
    still_serving(url)
