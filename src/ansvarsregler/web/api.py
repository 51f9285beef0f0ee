"""The JSON API: the same contract as ``ansvar classify --format json``, over HTTP.

Each endpoint reads its body itself (within :data:`~ansvarsregler.limits.REQUEST_BYTES`)
and validates it with the same models and the same located, bilingual errors as the
command line; FastAPI only routes, and documents the bodies in the OpenAPI schema.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from starlette.responses import JSONResponse, Response

from ansvarsregler.analysis.readiness import ReadinessReport, readiness
from ansvarsregler.classifier import check_language
from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.explanation import Explanation, explain
from ansvarsregler.goals.model import Goal
from ansvarsregler.json_schema import SCHEMAS, json_schema
from ansvarsregler.limits import REQUEST_BYTES, REQUEST_GOALS, REQUEST_SECONDS, LimitError
from ansvarsregler.presenters.structured import write_json
from ansvarsregler.result import Classification, RulesetIdentity
from ansvarsregler.rules.export import ruleset_data
from ansvarsregler.vocabulary import Language
from ansvarsregler.web import problems
from ansvarsregler.web.problems import Problem
from ansvarsregler.web.service import Service

T = TypeVar("T")
router = APIRouter()
#: Schemas of the request bodies, for the OpenAPI document (the endpoints read them).
BODY_SCHEMAS: dict[str, type[BaseModel]] = {}
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "description": text}
    for status, text in (
        (400, "The body is not JSON, or not the shape asked for."),
        (401, "A token is needed (the service was started with --token)."),
        (413, "Over a request limit: bytes or goals."),
        (415, "The body is not JSON."),
        (422, "A goal or field is wrong: the message names it and what is allowed."),
        (503, "The request took longer than the time limit."),
    )
}


class ClassifyRequest(BaseModel):
    """Goals to classify, with the profile and language; a plain list of goals also does."""

    model_config = ConfigDict(extra="forbid")
    goals: list[Goal] = Field(description="The goals, as in a goal file.")
    profile: str | None = Field(default=None, description="A profile's name (GET /api/profiles).")
    lang: Language = "nb"


class ExplainRequest(BaseModel):
    """One goal whose reasoning to explain."""

    model_config = ConfigDict(extra="forbid")
    goal: Goal
    profile: str | None = None
    lang: Language = "nb"


class Health(BaseModel):
    status: str
    ruleset: RulesetIdentity


class ProfileName(BaseModel):
    name: str
    municipality: str
    chief_executive_title: str


def _documented(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` naming ``model`` as the JSON body (see :func:`openapi_schema`)."""
    BODY_SCHEMAS[model.__name__] = model
    reference = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {
        "requestBody": {"required": True, "content": {"application/json": {"schema": reference}}}
    }


@router.post(
    "/api/classify",
    summary="Classify goals",
    response_model=list[Classification],
    responses=_ERRORS,
    openapi_extra=_documented(ClassifyRequest),
)
async def classify_goals(request: Request) -> Response:
    """Who owns each goal, and why: byte for byte what ``ansvar classify --format json`` writes
    for the same goals."""
    data = await _json_body(request)
    raw: object = data.get("goals") if isinstance(data, dict) else data
    settings = _body_settings(data, request, "goals")
    lang = settings["lang"]
    if not isinstance(raw, list):
        raise InvalidGoalError("serve.bad_body", Location(field="goals"), reason=type(raw).__name__)
    REQUEST_GOALS.check(len(raw), Location(field="goals"))
    service: Service = request.app.state.service
    classifier = service.classifier(settings["profile"])

    def work() -> bytes:
        out = io.StringIO()
        write_json(classifier.classify_many(raw, lang=lang), out)
        return out.getvalue().encode("utf-8")

    return Response(await in_time(work), media_type="application/json")


@router.post(
    "/api/explain",
    summary="Explain one goal",
    response_model=Explanation,
    responses=_ERRORS,
    openapi_extra=_documented(ExplainRequest),
)
async def explain_goal(request: Request) -> Response:
    """The rules that fired, the facts given and assumed, and what would change the owner."""
    data = await _json_body(request)
    settings = _body_settings(data, request, "goal")
    if not isinstance(data, dict) or "goal" not in data:
        raise InvalidGoalError("serve.bad_explain", Location(field="goal"))
    classifier = request.app.state.service.classifier(settings["profile"])

    def work() -> bytes:
        explanation = explain(classifier, data["goal"], lang=settings["lang"])
        return explanation.model_dump_json().encode("utf-8")

    return Response(await in_time(work), media_type="application/json")


@router.get("/api/rules", summary="The rule set")
async def rules(request: Request) -> JSONResponse:
    """Every rule with its condition, outcome, justification and the file and line it is in."""
    return JSONResponse(ruleset_data(request.app.state.service.ruleset))


@router.get("/api/profiles", summary="The profiles offered", response_model=list[ProfileName])
async def profiles(request: Request) -> JSONResponse:
    """The municipality profiles a request may name."""
    service: Service = request.app.state.service
    offered = []
    for name in service.profiles:
        profile = service.profile(name)
        offered.append(
            ProfileName(
                name=name,
                municipality=profile.name,
                chief_executive_title=profile.chief_executive_title,
            ).model_dump()
        )
    return JSONResponse(offered)


@router.get(
    "/api/readiness/{profile}",
    summary="Is the municipality ready for result responsibility?",
    response_model=ReadinessReport,
    responses=_ERRORS,
)
async def readiness_report(profile: str, request: Request) -> Response:
    """What the unit leaders have of what result responsibility needs (slides 13 and 14)."""
    service: Service = request.app.state.service
    lang = lang_of(request)
    report = readiness(service.ruleset, service.profile(profile), lang=lang)
    return Response(report.model_dump_json(), media_type="application/json")


@router.get("/api/schema/{name}", summary="A JSON Schema: classification or goal")
async def schema(name: str, request: Request) -> Response:
    if name not in SCHEMAS:
        return problems.keyed(404, "serve.not_found", lang_of(request), path=f"/api/schema/{name}")
    return JSONResponse(json_schema(name))


@router.head("/healthz", include_in_schema=False)  # for load balancers that only knock
@router.get("/healthz", summary="Up, and with which rule set", response_model=Health)
async def health(request: Request) -> JSONResponse:
    service: Service = request.app.state.service
    identity = service.classifier(None).identity
    return JSONResponse(Health(status="ok", ruleset=identity).model_dump())


# -- reading a request ---------------------------------------------------------------


async def _json_body(request: Request) -> Any:
    """The request's JSON body, read within the byte limit."""
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise BodyError(415, "serve.not_json", found=media or "-")
    body = await limited_body(request)
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:
        raise BodyError(400, "serve.bad_json", reason=str(error)[:200]) from None


async def limited_body(request: Request) -> bytes:
    """The request's body, read within :data:`~ansvarsregler.limits.REQUEST_BYTES` (the
    declared length is checked first); kept on the request, where its form is parsed from."""
    limit = REQUEST_BYTES.value()
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise LimitError(REQUEST_BYTES, int(declared), limit, None)
    body = bytearray()
    with anyio.fail_after(REQUEST_SECONDS.value()):  # a body that never ends is no excuse
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise LimitError(REQUEST_BYTES, len(body), limit, None)
    request._body = bytes(body)  # Starlette reads the form from here
    return request._body


def _body_settings(data: object, request: Request, content: str) -> dict[str, Any]:
    """The profile and language a body asks for (a plain list asks for neither); ``content``:
    the key the body's goals are under."""
    if not isinstance(data, dict):
        return {"profile": None, "lang": lang_of(request)}
    if data.get("lang") in ("nb", "en"):
        request.state.lang = data["lang"]  # every error from here on is in the body's language
    lang = check_language(str(data.get("lang", lang_of(request))))
    unknown = sorted(set(data) - {content, "profile", "lang"})
    if unknown:
        raise InvalidGoalError("serve.bad_body", Location(field=unknown[0]), reason=unknown[0])
    profile = data.get("profile")
    if profile is not None and not isinstance(profile, str):
        raise InvalidGoalError("serve.bad_body", Location(field="profile"), reason="profile")
    return {"profile": profile, "lang": lang}


def lang_of(request: Request) -> Language:
    """The language asked for: in the body, else ``?lang=``, else English if the browser
    prefers it."""
    chosen = getattr(request.state, "lang", None)
    if chosen is not None:
        return chosen  # type: ignore[no-any-return]
    asked = request.query_params.get("lang")
    if asked in ("nb", "en"):
        return asked  # type: ignore[return-value]
    return _preferred(request.headers.get("accept-language", ""))


def _preferred(accepted: str) -> Language:
    """English if the browser prefers it to Norwegian (q-values weighed), else bokmål."""
    best: tuple[float, Language] = (0.0, "nb")
    for part in accepted.lower().split(","):
        tag, _, weight = part.strip().partition(";q=")
        language: Language | None = (
            "en" if tag.startswith("en") else "nb" if tag[:2] in ("nb", "no", "nn") else None
        )
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            quality = 0.0
        if language is not None and quality > best[0]:
            best = (quality, language)
    return best[1]


async def in_time(work: Callable[[], T]) -> T:
    """``work`` in a worker thread, answered within the time limit (the thread is left to
    finish on its own: Python cannot stop it)."""
    seconds = REQUEST_SECONDS.value()
    with anyio.fail_after(seconds):
        return await anyio.to_thread.run_sync(work, abandon_on_cancel=True)


class BodyError(Exception):
    """A body the service cannot read: its status and message."""

    def __init__(self, status: int, key: str, **params: object) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def body_schemas() -> dict[str, Any]:
    """The JSON Schemas of the request bodies, with the models they refer to."""
    schemas: dict[str, Any] = {}
    for name, model in BODY_SCHEMAS.items():
        schema = TypeAdapter(model).json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[name] = schema
    return schemas
