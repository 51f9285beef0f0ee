"""The page for planners: paste or upload goals, see owners, answer questions in place.

Server-rendered HTML (Jinja2, every value escaped), no script. The app keeps
no state: the goals travel in a hidden field from one answer to the next, and
a spreadsheet they came from in another (so the downloads can be the
planner's own sheet), so any worker serves any step. Every form carries a CSRF token that must match
the cookie set with the page (double submit), and with ``--token`` the page
asks for a login first.
"""

from __future__ import annotations

import hmac
import io
import json
import secrets
import sys
import urllib.parse
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, cast

from fastapi import APIRouter, Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartParser
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ansvarsregler.analysis.readiness import readiness
from ansvarsregler.classifier import check_language
from ansvarsregler.documents.report import owners_named
from ansvarsregler.errors import AnsvarError, InvalidGoalError, Location
from ansvarsregler.explanation import explain
from ansvarsregler.goals.fact_columns import fact_header, value_word
from ansvarsregler.goals.model import Goal
from ansvarsregler.i18n import MESSAGES, message
from ansvarsregler.limits import REQUEST_BYTES, REQUEST_GOALS, LimitError
from ansvarsregler.presenters import write_results
from ansvarsregler.presenters.readiness_report import write_readiness_markdown
from ansvarsregler.presenters.spreadsheet import SpreadsheetFormat, write_spreadsheet
from ansvarsregler.presenters.terminal import write_explanation, write_rules
from ansvarsregler.result import Classification
from ansvarsregler.vocabulary import DEFINITE_VALUES, FACT_NAMES, Language
from ansvarsregler.web import session
from ansvarsregler.web.api import in_time, lang_of, limited_body
from ansvarsregler.web.service import Service
from ansvarsregler.web.uploads import PASTED, Source, opened, read_goals

router = APIRouter(include_in_schema=False)
# An upload stays in memory, never spooled to a temporary file: the whole body is already
# held within REQUEST_BYTES by the time the form is parsed.
MultiPartParser.spool_max_size = sys.maxsize
CSRF_COOKIE = "ansvar_csrf"
_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)
_DOWNLOADS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "json": ("application/json", "json"),
}


def texts(lang: Language) -> dict[str, str]:
    """The page's own words in ``lang``."""
    return {
        key.removeprefix("page."): str(by_lang[lang])
        for key, by_lang in MESSAGES.items()
        if key.startswith("page.")
    }


# -- pages ------------------------------------------------------------------------------


@router.get("/")
async def index(request: Request) -> Response:
    return _render(request, "index.html", lang_of(request))


@router.post("/classify")
async def classify_page(request: Request) -> Response:
    form, lang = await _form(request)
    service: Service = request.app.state.service
    profile = _profile_of(form)
    pasted = str(form.get("goals") or "")
    try:
        goals, sheet = _goals_of(form, pasted)
        REQUEST_GOALS.check(len(goals), Location(field="goals"))
        classifier = service.classifier(profile)
        results = await in_time(lambda: list(classifier.classify_many(goals, lang=lang)))
    except AnsvarError as error:
        return _render(
            request,
            "index.html",
            lang,
            status=413 if isinstance(error, LimitError) else 422,
            error=error.message(lang),
            pasted=pasted,
            profile=profile,
        )
    view = _results_view(form, goals, results, lang)
    carried = _carried(sheet, view["state"], lang)
    return _render(request, "results.html", lang, **view, **carried, profile=profile)


@router.post("/explain")
async def explain_page(request: Request) -> Response:
    form, lang = await _form(request)
    service: Service = request.app.state.service
    goal = _json_field(form, "goal")
    profile = _profile_of(form)
    try:
        classifier = service.classifier(profile)
        explanation = await in_time(lambda: explain(classifier, goal, lang=lang))
    except AnsvarError as error:
        return _render(request, "index.html", lang, status=422, error=error.message(lang))
    out = io.StringIO()
    write_explanation(explanation, out, lang)
    heading = message("page.explanation", lang, goal=explanation.goal_id)
    return _render(request, "text.html", lang, heading=heading, text=out.getvalue())


@router.post("/download")
async def download(request: Request) -> Response:
    """The results as a file: a carried spreadsheet as the planner's own sheet with the
    result columns added (XLSX or CSV), anything else as flat rows; the choices made in the
    page's drop-downs count, as if answered."""
    form, lang = await _form(request)
    service: Service = request.app.state.service
    fmt = str(form.get("format") or "")
    if fmt not in _DOWNLOADS:
        raise InvalidGoalError(
            "value.not_allowed", Location(field="format"), value=fmt, allowed=", ".join(_DOWNLOADS)
        )
    goals = _answered(form)
    classifier = service.classifier(_profile_of(form))
    sheet = _sheet_of(form) if fmt in ("xlsx", "csv") else None
    media, suffix = _DOWNLOADS[fmt]

    def written() -> bytes:
        results = classifier.classify_many(goals, lang=lang)
        if sheet is not None:
            with_profile = classifier.municipality is not None
            return _working_sheet(sheet, goals, results, fmt, lang, with_profile)
        if fmt == "xlsx":
            binary = io.BytesIO()
            write_spreadsheet(results, "xlsx", binary, lang, tables=None, rows_expected=len(goals))
            return binary.getvalue()
        text = io.StringIO()
        write_results(results, fmt, text, lang)  # type: ignore[arg-type]
        return text.getvalue().encode("utf-8")

    content = await in_time(written)
    name = (
        f"{PurePath(sheet.name).stem}-ansvar"
        if sheet and sheet.name != PASTED
        else "ansvar-resultat"
    )
    return Response(content, media_type=media, headers=_attachment(f"{name}.{suffix}"))


@router.get("/readiness/{profile}")
async def readiness_page(profile: str, request: Request) -> Response:
    lang = lang_of(request)
    service: Service = request.app.state.service
    report = readiness(service.ruleset, service.profile(profile), lang=lang)
    out = io.StringIO()
    write_readiness_markdown(report, out)
    if request.query_params.get("format") == "markdown":  # the report as a file, for a paper
        headers = _attachment(f"klar-{profile}.md")
        return Response(out.getvalue(), media_type="text/markdown; charset=utf-8", headers=headers)
    download = f"/readiness/{profile}?lang={lang}&format=markdown"
    return _render(
        request,
        "text.html",
        lang,
        heading=report.municipality,
        text=out.getvalue(),
        download=download,
    )


@router.get("/rules")
async def rules_page(request: Request) -> Response:
    lang = lang_of(request)
    out = io.StringIO()
    write_rules(request.app.state.service.ruleset, out, lang)
    return _render(request, "text.html", lang, heading=texts(lang)["rules"], text=out.getvalue())


@router.get("/login")
async def login_form(request: Request) -> Response:
    return _render(request, "login.html", lang_of(request))


@router.post("/login")
async def login(request: Request) -> Response:
    form, lang = await _form(request)
    token = request.app.state.service.settings.token
    given = str(form.get("token") or "")
    if token is None or not hmac.compare_digest(given.encode(), token.encode()):
        return _render(
            request, "login.html", lang, status=401, error=message("page.bad_login", lang)
        )
    response = RedirectResponse(f"/?lang={lang}", status_code=303)
    response.set_cookie(
        session.COOKIE,
        session.issued(token),
        max_age=session.SESSION_SECONDS,
        httponly=True,
        samesite="strict",
    )
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """The login forgotten by this browser: the cookie removed, back to the login."""
    _, lang = await _form(request)
    response = RedirectResponse(f"/login?lang={lang}", status_code=303)
    response.delete_cookie(session.COOKIE, httponly=True, samesite="strict")
    return response


# -- the parts ------------------------------------------------------------------------


async def _form(request: Request) -> tuple[Any, Language]:
    """The posted form, read within the byte limit, its CSRF token checked."""
    await limited_body(request)
    form = await request.form(max_files=1, max_fields=100_000, max_part_size=len(request._body) + 1)
    lang = check_language(str(form.get("lang") or lang_of(request)))
    request.state.lang = lang
    cookie = request.cookies.get(CSRF_COOKIE, "")
    sent = str(form.get("csrf") or "")
    if not cookie or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise CsrfError()
    return form, lang


class CsrfError(Exception):
    """A form whose CSRF token does not match the page's cookie."""


def _goals_of(form: Any, pasted: str) -> tuple[list[dict[str, Any]], CarriedSheet | None]:
    """The goals of a post, and the spreadsheet they came from if they did: the carried
    state with the answers given, else an upload, else the pasted text."""
    if form.get("state"):
        carried = str(form.get("sheet") or "")
        sheet = CarriedSheet(carried, str(form.get("sheet_name") or "")) if carried else None
        return _answered(form), sheet
    upload = form.get("file")
    source = None
    if isinstance(upload, UploadFile) and upload.filename:
        data = upload.file.read()
        if data:
            source = Source(data, upload.filename)
    if source is None and pasted.strip():
        source = Source(pasted.encode("utf-8"), PASTED)
    if source is None:
        raise InvalidGoalError("page.no_goals", Location())
    goals, is_sheet = read_goals(source)
    return _dumped(goals), CarriedSheet(source.packed(), source.name) if is_sheet else None


def _answered(form: Any) -> list[dict[str, Any]]:
    """The carried goals with the values chosen in the page's drop-downs: an answer, or a
    suggestion corrected (one left as suggested stays a suggestion)."""
    goals = _state(form)
    for key, value in form.multi_items():
        if not key.startswith("fact:") or not value:
            continue
        parts = key.split(":")
        if len(parts) != 3:
            continue
        _, index, fact = parts
        known = fact in FACT_NAMES and index.isascii() and index.isdecimal()
        known = known and int(index) < len(goals)
        if known and form.get(f"was:{index}:{fact}") != value:
            goals[int(index)][fact] = value
    return goals


@dataclass(frozen=True)
class CarriedSheet:
    """A spreadsheet as the page carries it: packed (:meth:`Source.packed`) and named."""

    packed: str
    name: str


def _sheet_of(form: Any) -> Source | None:
    """The spreadsheet a form carries, unpacked; ``None`` if it carries none."""
    packed = str(form.get("sheet") or "")
    return Source.unpacked(packed, str(form.get("sheet_name") or "")) if packed else None


def _carried(sheet: CarriedSheet | None, state: str, lang: Language) -> dict[str, Any]:
    """The sheet for the results page's form, if it fits: the sheet and the goals together
    take at most half of what a request may carry, leaving room for the answers. A sheet too
    large to carry is dropped and the page says its downloads are flat rows."""
    if sheet is None:
        return {"sheet": None, "sheet_note": None}
    if len(sheet.packed) + len(state) > REQUEST_BYTES.value() // 2:
        return {"sheet": None, "sheet_note": message("page.sheet_dropped", lang)}
    return {"sheet": sheet, "sheet_note": message("page.sheet_carried", lang, name=sheet.name)}


def _working_sheet(
    sheet: Source,
    goals: list[dict[str, Any]],
    results: Iterable[Classification],
    fmt: str,
    lang: Language,
    with_profile: bool,
) -> bytes:
    """The planner's sheet with the result columns, as ``ansvar classify`` writes it.

    The sheet is read again, and must hold the carried goals in order, the same in all
    but the facts (which the page's answers may have changed).
    """
    with opened(sheet) as goal_files:
        read = [_without_facts(_dumped([r.goal])[0]) for r in goal_files.check()]
        tables = goal_files.spreadsheets()
        if tables is None or read != [_without_facts(goal) for goal in goals]:
            raise InvalidGoalError("page.sheet_mismatch", Location(field="sheet"))
        binary = io.BytesIO()
        write_spreadsheet(
            results,
            cast(SpreadsheetFormat, fmt),
            binary,
            lang,
            tables=tables,
            with_profile=with_profile,
            rows_expected=len(goals),
        )
        return binary.getvalue()


def _without_facts(goal: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in goal.items() if key not in FACT_NAMES}


def _attachment(filename: str) -> dict[str, str]:
    """A download's header: the name in UTF-8, and in ASCII for clients that want it."""
    plain = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    quoted = urllib.parse.quote(filename)
    return {"content-disposition": f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quoted}"}


def _dumped(goals: list[Goal]) -> list[dict[str, Any]]:
    return [goal.model_dump(mode="json", exclude_none=True) for goal in goals]


def _state(form: Any) -> list[dict[str, Any]]:
    """The goals the page carries from one step to the next, within the goal limit."""
    goals = _json_field(form, "state")
    if not isinstance(goals, list) or not all(isinstance(goal, dict) for goal in goals):
        raise InvalidGoalError("serve.bad_body", Location(field="state"), reason="state")
    REQUEST_GOALS.check(len(goals), Location(field="state"))
    return goals


def _profile_of(form: Any) -> str | None:
    """The profile a form names; ``None`` for none (the service's own)."""
    return str(form.get("profile") or "") or None


def _json_field(form: Any, name: str) -> Any:
    """A hidden field's JSON; a located error if it was tampered with."""
    try:
        return json.loads(str(form.get(name) or "null"))
    except (ValueError, RecursionError):
        raise InvalidGoalError("serve.bad_body", Location(field=name), reason=name) from None


def _results_view(
    form: Any, goals: list[dict[str, Any]], results: list[Classification], lang: Language
) -> dict[str, Any]:
    """What the results page shows: the counts, the filters, and each row with the facts one
    may answer or correct."""
    filters = {
        "owner": str(form.get("owner") or ""),
        "area": str(form.get("area") or ""),
        "unresolved": bool(form.get("unresolved")),
    }
    t = texts(lang)
    counted = Counter(result.owner_label or t["unresolved"] for result in results)
    owners = [*owners_named(results), ("-", t["unresolved"])]
    rows = []
    for index, result in enumerate(results):
        if filters["unresolved"] and result.owner is not None:
            continue
        if filters["owner"] and (result.owner or "-") != filters["owner"]:
            continue
        if filters["area"] and (result.goal.service_area or "") != filters["area"]:
            continue
        rows.append(
            {
                "index": index,
                "result": result,
                "choices": _choices(result, lang),
                "goal_json": json.dumps(goals[index], ensure_ascii=False),
            }
        )
    return {
        "counts": sorted(counted.items()),
        "owners": owners,
        "areas": sorted({r.goal.service_area for r in results if r.goal.service_area}),
        "filters": filters,
        "rows": rows,
        "state": json.dumps(goals, ensure_ascii=False),
    }


def _choices(result: Classification, lang: Language) -> list[dict[str, Any]]:
    """The facts of a result one may answer (its questions) or correct (what its words
    suggested), each with its values in words."""
    choices = []
    for question in result.questions:
        choices.append(
            {
                "fact": question.fact,
                "text": question.text,
                "asked": True,
                "current": "",
                "options": _values(question.fact, lang),
            }
        )
    for item in result.assumptions:
        if item.source == "words":
            text = message("page.suggested", lang, fact=fact_header(item.fact, lang))
            choices.append(
                {
                    "fact": item.fact,
                    "text": text,
                    "asked": False,
                    "current": item.value,
                    "options": _values(item.fact, lang),
                }
            )
    return choices


def _values(fact: str, lang: Language) -> list[tuple[str, str]]:
    return [(value, value_word(fact, value, lang)) for value in DEFINITE_VALUES[fact]]


def _render(
    request: Request, name: str, lang: Language, status: int = 200, **context: Any
) -> HTMLResponse:
    """A page, with a CSRF token for its forms (the cookie set if the browser has none)."""
    service: Service = request.app.state.service
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    page = _TEMPLATES.get_template(name).render(
        t=texts(lang),
        lang=lang,
        csrf=token,
        profiles=list(service.profiles),
        ruleset=service.ruleset,
        logged_in=service.settings.token is not None and name != "login.html",
        **{"error": None, "pasted": "", "profile": None, "download": None, **context},
    )
    response = HTMLResponse(page, status_code=status)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response
