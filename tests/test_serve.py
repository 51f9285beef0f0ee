"""``ansvar serve``: the real server (uvicorn on a free port) driven over HTTP.

The API's contract is the command line's: the same bytes for the same goals,
the same located errors (as RFC 9457 problem details), the same limits.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from ansvarsregler.cli import main
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.rules.loader import shipped_data_dir
from ansvarsregler.web import ServeSettings, session
from ansvarsregler.web.app import SECURITY_HEADERS

ROOT = Path(__file__).resolve().parent.parent
ANSVAR = str(Path(sys.executable).parent / "ansvar")
TOKEN = "hemmelig-token-for-testen"
LESING = {
    "id": "lesing",
    "title": "Nivå lesing 2. trinn",
    "goal_type": "service_quality",
    "influence": "partial",
    "budget_impact": "within_budget",
    "budget_frame": "unit",
}


@pytest.fixture(scope="module")
def url(serving) -> Iterator[str]:
    with serving(ServeSettings()) as address:
        yield address


@pytest.fixture(scope="module")
def guarded(serving) -> Iterator[str]:
    with serving(ServeSettings(token=TOKEN)) as address:
        yield address


def read_goals(*paths: str) -> list[dict]:
    """Goals as the command line reads them, as the JSON a budget system would send."""
    with GoalFiles(list(paths)) as goal_files:
        return [read.goal.model_dump(mode="json") for read in goal_files.check()]


def cli_json(*paths: str, lang: str = "nb") -> bytes:
    done = subprocess.run(
        [ANSVAR, "classify", *paths, "--format", "json", "--lang", lang],
        capture_output=True,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize(
    ("paths", "lang"),
    [
        ((str(shipped_data_dir("goal_catalog")),), "nb"),
        ((str(ROOT / "tests" / "intake" / "utkast.yaml"),), "en"),
    ],
    ids=["catalog", "labelled-drafts"],
)
def test_the_contract_is_the_command_lines_byte_for_byte(url, paths, lang):
    goals = read_goals(*paths)
    response = httpx.post(f"{url}/api/classify", json={"goals": goals, "lang": lang}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.content == cli_json(*paths, lang=lang)
    # A plain list of goals is the same request in bokmål.
    if lang == "nb":
        plain = httpx.post(f"{url}/api/classify", json=goals, timeout=60)
        assert plain.content == response.content


def test_health_names_the_rule_set(url):
    health = httpx.get(f"{url}/healthz").json()
    assert health["status"] == "ok"
    assert health["ruleset"]["name"] == "ansvarsregler-standard"
    assert len(health["ruleset"]["hash"]) == 64


def test_explain_rules_profiles_readiness_and_schemas(url):
    explained = httpx.post(f"{url}/api/explain", json={"goal": LESING, "lang": "en"}).json()
    assert explained["decided_by"] == "kvalitet-innenfor-rammen-enhet"
    assert explained["result"]["owner"] == "virksomhetsleder"
    rules = httpx.get(f"{url}/api/rules").json()
    assert rules["name"] == "ansvarsregler-standard" and rules["rules"]
    profiles = {item["name"]: item for item in httpx.get(f"{url}/api/profiles").json()}
    assert profiles["verran"]["municipality"] == "Verran"
    report = httpx.get(f"{url}/api/readiness/verran").json()
    assert report["municipality"] == "Verran"
    schema = httpx.get(f"{url}/api/schema/goal").json()
    assert schema["$schema"].endswith("2020-12/schema")
    with_profile = httpx.post(
        f"{url}/api/classify", json={"goals": [{**LESING, "budget_frame": None}], "profile": "bo"}
    ).json()
    assert with_profile[0]["municipality"] == "Bø"


def test_the_openapi_document_describes_every_endpoint_from_the_models(url):
    document = httpx.get(f"{url}/openapi.json").json()
    assert {"/api/classify", "/api/explain", "/api/rules", "/api/profiles", "/healthz"} <= set(
        document["paths"]
    )
    schemas = document["components"]["schemas"]
    assert {"ClassifyRequest", "Classification", "Goal", "Problem"} <= set(schemas)
    body = document["paths"]["/api/classify"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"]["$ref"].endswith("/ClassifyRequest")
    page = httpx.get(f"{url}/docs")
    assert page.status_code == 200 and "/api/classify" in page.text


def problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in response.text
    return body


def test_errors_are_located_problem_details_in_the_requested_language(url):
    bad_goal = {"goals": [LESING, {"id": "b", "title": "x", "influence": "lots"}], "lang": "en"}
    body = problem(httpx.post(f"{url}/api/classify", json=bad_goal), 422)
    assert body["location"] == {"item": 2, "goal": "b", "field": "influence"}
    assert body["detail"].startswith("goal 'b', field influence: 'lots' is not allowed")
    duplicate = problem(httpx.post(f"{url}/api/classify", json=[LESING, LESING]), 422)
    assert "lesing" in duplicate["detail"]
    broken = httpx.post(
        f"{url}/api/classify", content=b'{"goals": [', headers={"content-type": "application/json"}
    )
    assert problem(broken, 400)["detail"].startswith("kroppen er ikke gyldig JSON")
    form = httpx.post(f"{url}/api/classify", data={"goals": "x"})
    problem(form, 415)
    unknown_field = httpx.post(f"{url}/api/classify", json={"goals": [], "mål": []})
    assert problem(unknown_field, 422)["location"]["field"] == "mål"
    assert problem(httpx.get(f"{url}/api/readiness/oslo?lang=en"), 404)["detail"].startswith(
        "field profile: no profile is called 'oslo'"
    )
    problem(httpx.get(f"{url}/finnes/ikke"), 404)


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "verran.yaml", "a/b"])
def test_no_request_can_name_a_file(url, name):
    response = httpx.post(f"{url}/api/classify", json={"goals": [LESING], "profile": name})
    assert problem(response, 422)["location"] == {"field": "profile"}


def test_limits_are_413_and_the_server_keeps_serving(url, monkeypatch):
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_REQUEST_GOALS", "2")
    too_many = httpx.post(f"{url}/api/classify", json=[{**LESING, "id": str(i)} for i in range(3)])
    assert "ANSVARSREGLER_LIMIT_REQUEST_GOALS" in problem(too_many, 413)["detail"]
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_REQUEST_BYTES", "1000")
    big = httpx.post(f"{url}/api/classify", json=[{**LESING, "title": "x" * 5000}])
    assert "ANSVARSREGLER_LIMIT_REQUEST_BYTES" in problem(big, 413)["detail"]
    monkeypatch.delenv("ANSVARSREGLER_LIMIT_REQUEST_BYTES")
    monkeypatch.delenv("ANSVARSREGLER_LIMIT_REQUEST_GOALS")
    assert httpx.post(f"{url}/api/classify", json=[LESING]).status_code == 200


def test_a_request_over_the_time_limit_is_answered(url, monkeypatch):
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_REQUEST_SECONDS", "1")
    from ansvarsregler.classifier import Classifier

    original = Classifier.classify_many

    def slow(self, goals, **kwargs):
        time.sleep(2.5)
        return original(self, goals, **kwargs)

    monkeypatch.setattr(Classifier, "classify_many", slow)
    started = time.monotonic()
    response = httpx.post(f"{url}/api/classify", json=[LESING], timeout=30)
    assert time.monotonic() - started < 2.4
    assert "ANSVARSREGLER_LIMIT_REQUEST_SECONDS" in problem(response, 503)["detail"]


def test_every_response_carries_the_security_headers(url):
    for response in (httpx.get(f"{url}/healthz"), httpx.get(f"{url}/nowhere")):
        for name, value in SECURITY_HEADERS:
            assert response.headers[name.decode()] == value.decode()


def test_with_a_token_the_api_asks_for_it(guarded):
    refused = httpx.post(f"{guarded}/api/classify", json=[LESING])
    assert problem(refused, 401)["detail"].startswith("denne tjenesten krever et token")
    assert refused.headers["www-authenticate"] == "Bearer"
    wrong = httpx.get(f"{guarded}/api/rules", headers={"authorization": "Bearer feil"})
    problem(wrong, 401)
    allowed = httpx.post(
        f"{guarded}/api/classify", json=[LESING], headers={"authorization": f"Bearer {TOKEN}"}
    )
    assert allowed.status_code == 200
    assert httpx.get(f"{guarded}/healthz").status_code == 200  # a load balancer's probe


def test_serving_other_machines_needs_a_token_or_says_it_is_open():
    refused = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert refused.exit_code == 2
    assert "--host 0.0.0.0 gjør tjenesten tilgjengelig for andre maskiner" in refused.output
    broken = CliRunner().invoke(main, ["serve", "--profile", "finnes-ikke"])
    assert broken.exit_code == 2 and "Traceback" not in broken.output


# -- the page ---------------------------------------------------------------------------


def test_the_page_escapes_what_a_goal_says(url, page_session):
    client, token = page_session(url)
    pasted = "Mål;Tjenesteområde\n<script>alert(1)</script>;<b>Skole</b>\n"
    result = client.post("/classify", data={"csrf": token, "goals": pasted, "lang": "nb"})
    assert result.status_code == 200
    assert "<script>alert(1)</script>" not in result.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.text
    assert "<b>Skole</b>" not in result.text


def test_a_form_without_the_pages_token_is_refused(url, page_session):
    client, token = page_session(url)
    for data in ({"goals": "Mål\nEt mål\n"}, {"goals": "Mål\nEt mål\n", "csrf": "feil"}):
        refused = client.post("/classify", data=data)
        assert refused.status_code == 403
        assert "skjemaet er utløpt" in refused.text
    stranger = httpx.post(f"{url}/classify", data={"goals": "Mål\nEt mål\n", "csrf": token})
    assert stranger.status_code == 403  # the token without the page's cookie


def test_bad_goals_on_the_page_say_where_and_keep_the_text(url, page_session):
    client, token = page_session(url)
    pasted = "Mål;Påvirkning\nEt mål;litt\n"
    result = client.post("/classify", data={"csrf": token, "goals": pasted, "lang": "nb"})
    assert result.status_code == 422
    assert "rad 2, kolonne B (Påvirkning): &#39;litt&#39; er ikke tillatt" in result.text
    assert "Et mål;litt" in result.text


def test_with_a_token_the_page_asks_for_a_login(guarded, page_session):
    to_login = httpx.get(f"{guarded}/")
    assert to_login.status_code == 303 and to_login.headers["location"].startswith("/login")
    client, token = page_session(guarded, "/login")
    wrong = client.post("/login", data={"csrf": token, "token": "feil"})
    assert wrong.status_code == 401
    right = client.post("/login", data={"csrf": token, "token": TOKEN})
    assert right.status_code == 303
    cookie = right.headers["set-cookie"]
    assert TOKEN not in cookie and f"Max-Age={session.SESSION_SECONDS}" in cookie
    page = client.get("/")
    assert page.status_code == 200 and "Logg ut" in page.text
    # The page's cookie is no key to the API: that takes the bearer token.
    assert client.get("/api/rules").status_code == 401
    # Logging out forgets the login in this browser.
    out = client.post("/logout", data={"csrf": token})
    assert out.status_code == 303 and out.headers["location"].startswith("/login")
    assert client.get("/").status_code == 303


def test_a_login_lasts_a_working_day_and_proves_only_its_own_token():
    now = 1_800_000_000
    cookie = session.issued(TOKEN, now=now)
    assert session.valid(TOKEN, cookie, now=now + session.SESSION_SECONDS - 1)
    assert not session.valid(TOKEN, cookie, now=now + session.SESSION_SECONDS + 1)
    assert not session.valid("et annet token", cookie, now=now)
    forged = f"{now + 3600}.{cookie.partition('.')[2]}"  # a later time, the old proof
    assert not session.valid(TOKEN, forged, now=now + 3600)
    for junk in ("", ".", "x.y", "9" * 40 + ".0", "١٢٣.0"):
        assert not session.valid(TOKEN, junk, now=now)


def test_the_readiness_report_is_a_page_and_a_file(url):
    page = httpx.get(f"{url}/readiness/verran?lang=nb")
    assert page.status_code == 200 and "Klar for resultatansvar? Verran" in page.text
    assert "format=markdown" in page.text
    report = httpx.get(f"{url}/readiness/verran?lang=nb&format=markdown")
    assert report.headers["content-disposition"].endswith("filename*=UTF-8''klar-verran.md")
    assert report.text.startswith("## Klar for resultatansvar? Verran")
    missing = httpx.get(f"{url}/readiness/oslo?lang=nb")
    assert missing.status_code == 404 and "ingen profil heter &#x27;oslo&#x27;" in missing.text


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/explain", {"goal": "ikke json"}),
        ("/classify", {"state": '[{"id": "a", "title": "x"}]', "fact:0": "x"}),
        ("/classify", {"state": '[{"id": "a", "title": "x"}]', "fact:²:influence": "full"}),
        ("/classify", {"state": "{"}),
        ("/download", {"state": '"x"', "format": "csv"}),
    ],
)
def test_tampered_hidden_fields_are_refused_never_a_500(url, path, fields, page_session):
    client, token = page_session(url)
    response = client.post(path, data={"csrf": token, "lang": "nb", **fields})
    assert response.status_code in (200, 422), response.text[:300]
    assert "Traceback" not in response.text
    assert httpx.get(f"{url}/healthz").status_code == 200


def test_the_results_page_holds_the_goals_once_however_many_there_are(url, page_session):
    client, token = page_session(url)
    lines = "\n".join(f"Samarbeid med frivillige lag nummer {i};Kultur" for i in range(400))
    result = client.post("/classify", data={"csrf": token, "goals": f"Mål;Tjenesteområde\n{lines}"})
    assert result.status_code == 200
    assert result.text.count('name="state"') == 1  # one form, whichever button sends it
    assert result.text.count('name="sheet"') == 1
    assert len(result.content) < 3_000_000


def test_the_page_keeps_the_goal_limit_for_the_goals_it_carries(url, monkeypatch, page_session):
    client, token = page_session(url)
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_REQUEST_GOALS", "2")
    state = [{"id": str(i), "title": "x"} for i in range(3)]
    for path in ("/classify", "/download"):
        refused = client.post(
            path, data={"csrf": token, "state": json.dumps(state), "format": "csv"}
        )
        assert refused.status_code == 413


def test_the_language_is_the_bodys_from_the_first_error_on(url):
    body = {"goals": [], "lang": "en", "extra": 1}
    assert problem(httpx.post(f"{url}/api/classify", json=body), 422)["detail"].startswith(
        "field extra"
    )
    assert "«goal»" in problem(httpx.post(f"{url}/api/explain", json={"lang": "en"}), 422)["detail"]
    weighed = httpx.get(f"{url}/nowhere", headers={"accept-language": "en;q=0.1, nb;q=0.9"})
    assert problem(weighed, 404)["detail"].startswith("finnes ikke")


def test_a_probe_may_ask_for_the_head_of_the_health_check(url):
    assert httpx.head(f"{url}/healthz").status_code == 200


def test_a_body_that_never_ends_is_answered_in_time(url, monkeypatch):
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_REQUEST_SECONDS", "1")
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(
            b"POST /api/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n["
        )
        answer = raw.recv(4096).decode()
    assert answer.startswith("HTTP/1.1 503")


def test_a_profile_folder_with_a_bad_profile_is_refused_before_serving(tmp_path):
    (tmp_path / "nord.fron.yaml").write_text("name: x\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["serve", "--profiles", str(tmp_path)])
    assert refused.exit_code == 2 and "nord.fron.yaml" in refused.output
    (tmp_path / "nord.fron.yaml").unlink()
    (tmp_path / "nord-fron.yaml").write_text("name: [\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["serve", "--profiles", str(tmp_path)])
    assert refused.exit_code == 2 and "nord-fron.yaml" in refused.output


def test_a_local_service_answers_only_to_its_own_names(serving):
    with serving(ServeSettings(allowed_hosts=("127.0.0.1", "localhost"))) as address:
        assert httpx.get(f"{address}/healthz").status_code == 200
        rebound = httpx.get(f"{address}/healthz", headers={"host": "angriper.example"})
        assert rebound.status_code == 400
