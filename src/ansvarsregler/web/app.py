"""The ASGI application: the API, its OpenAPI document and docs page, and the guards around
every request (limits, problem details, security headers, the token)."""

from __future__ import annotations

import hmac
import html
import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ansvarsregler.errors import AnsvarError
from ansvarsregler.i18n import message
from ansvarsregler.limits import REQUEST_SECONDS, LimitError
from ansvarsregler.web import api, page, problems, session
from ansvarsregler.web.service import Service
from ansvarsregler.web.settings import ServeSettings

log = logging.getLogger("ansvarsregler.web")

#: Sent with every response: no scripts or styles from elsewhere, no framing, no sniffing.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        b"frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]
#: Paths anyone may reach without the token: a load balancer's probe and the API's docs.
PUBLIC_PATHS = frozenset({"/healthz", "/openapi.json", "/docs"})


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """The application for ``settings`` (from the environment a worker was started with if
    none are given)."""
    settings = settings if settings is not None else ServeSettings.from_environment()
    app = FastAPI(
        title="ansvarsregler",
        summary="Who owns a Norwegian municipal goal and carries the result responsibility.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = Service(settings)
    app.include_router(api.router)
    app.include_router(page.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.add_exception_handler(AnsvarError, _ansvar_error)
    app.add_exception_handler(page.CsrfError, _csrf_error)
    app.add_exception_handler(api.BodyError, _body_error)
    app.add_exception_handler(TimeoutError, _too_slow)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_api_route("/docs", _docs_page, methods=["GET"], include_in_schema=False)
    app.add_middleware(Guard, token=settings.token)
    if settings.allowed_hosts:  # a local service answers only to its own names (DNS rebinding)
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    return app


def app_from_environment() -> FastAPI:
    """For uvicorn's ``--factory`` in each worker process."""
    return create_app()


class Guard:
    """Around every request: the security headers, and the token where one is set."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token.encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        path = scope["path"]
        guarded = self.token is not None and not (
            path in PUBLIC_PATHS or path == "/login" or path.startswith("/static/")
        )
        if guarded and not self._authorised(scope):
            request = Request(scope)
            if not path.startswith("/api/"):  # a person at the page: to the login
                lang = api.lang_of(request)
                refused: Response = RedirectResponse(f"/login?lang={lang}", status_code=303)
            else:
                refused = problems.keyed(401, "serve.unauthorized", api.lang_of(request))
                refused.headers["www-authenticate"] = "Bearer"
            await refused(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)

    def _authorised(self, scope: Scope) -> bool:
        """A bearer token for the API; for the page, the cookie the login set."""
        assert self.token is not None
        if not scope["path"].startswith("/api/"):
            cookie = Request(scope).cookies.get(session.COOKIE, "")
            return session.valid(self.token.decode(), cookie)
        for name, value in scope.get("headers", []):
            if name == b"authorization" and value[:7].lower() == b"bearer ":
                return hmac.compare_digest(value[7:].strip(), self.token)
        return False


# -- errors as problem details -------------------------------------------------------


async def _ansvar_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, AnsvarError)
    lang = api.lang_of(request)
    missing = error.key == "serve.unknown_profile" and "/readiness/" in request.url.path
    status = 413 if isinstance(error, LimitError) else 404 if missing else 422
    if not request.url.path.startswith("/api/"):
        return _error_page(status, error.message(lang))
    return problems.from_error(error, lang, status=status)


async def _csrf_error(request: Request, error: Exception) -> Response:
    lang = api.lang_of(request)
    if request.url.path.startswith("/api/"):
        return problems.keyed(403, "page.bad_csrf", lang)
    return _error_page(403, message("page.bad_csrf", lang))


def _error_page(status: int, text: str) -> HTMLResponse:
    """An error a person at the page sees: the message, and the way back."""
    return HTMLResponse(
        f"<!doctype html><meta charset='utf-8'><title>{status}</title>"
        f"<p>{html.escape(text)}</p><p><a href='/'>/</a></p>",
        status_code=status,
    )


async def _body_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, api.BodyError)
    return problems.keyed(error.status, error.key, api.lang_of(request), **error.params)


async def _too_slow(request: Request, error: Exception) -> Response:
    return problems.keyed(
        503, "serve.too_slow", api.lang_of(request), seconds=REQUEST_SECONDS.value()
    )


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    lang = api.lang_of(request)
    if error.status_code == 404:
        return problems.keyed(404, "serve.not_found", lang, path=request.url.path)
    headers = dict(error.headers) if error.headers else None
    return problems.problem(error.status_code, str(error.detail), lang, headers=headers)


async def _unexpected(request: Request, error: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    response = problems.keyed(500, "serve.failed", api.lang_of(request))
    for name, value in SECURITY_HEADERS:  # this handler runs outside the Guard
        response.headers[name.decode()] = value.decode()
    return response


# -- the API's description ---------------------------------------------------------------


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with the request bodies the endpoints read themselves."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, routes=app.routes, summary=app.summary
        )
        schema.setdefault("components", {}).setdefault("schemas", {}).update(api.body_schemas())
        app.openapi_schema = schema
    return app.openapi_schema


async def _docs_page(request: Request) -> HTMLResponse:
    """The API described from its OpenAPI document, as a page that needs no script."""
    schema = request.app.openapi()
    rows = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            rows.append(
                "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>".format(
                    html.escape(method.upper()),
                    html.escape(path),
                    html.escape(operation.get("summary", "")),
                    html.escape(operation.get("description", "")),
                )
            )
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>ansvarsregler API</title></head><body><h1>ansvarsregler API</h1>"
        "<p>The whole description, with every schema: <a href='/openapi.json'>/openapi.json</a>."
        " Errors are <code>application/problem+json</code> (RFC 9457).</p>"
        "<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Details</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></body></html>"
    )
    return HTMLResponse(page)
