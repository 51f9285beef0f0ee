"""Errors as RFC 9457 problem details, in the language the request asked for.

Every error the service returns is ``application/problem+json``: a title and
a status, the message the command line would print (naming the goal, the
field and what is allowed) as ``detail``, and the location as its parts. A
bug is a 500 with a general message; its traceback goes to the server's log,
never to the client.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field
from starlette.responses import Response

from ansvarsregler.errors import AnsvarError
from ansvarsregler.i18n import message
from ansvarsregler.vocabulary import Language

MEDIA_TYPE = "application/problem+json"
_TITLES = {
    400: ("Ugyldig forespørsel", "Bad request"),
    401: ("Ikke innlogget", "Unauthorized"),
    403: ("Ikke tillatt", "Forbidden"),
    404: ("Finnes ikke", "Not found"),
    405: ("Metoden er ikke tillatt", "Method not allowed"),
    408: ("Tidsavbrudd", "Request timeout"),
    413: ("For stor forespørsel", "Content too large"),
    415: ("Feil innholdstype", "Unsupported media type"),
    422: ("Ugyldige mål", "Unprocessable content"),
    500: ("Feil på tjeneren", "Internal server error"),
    503: ("Ikke ferdig i tide", "Service unavailable"),
}


class Problem(BaseModel):
    """One error (RFC 9457)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = Field(description="What is wrong and what is allowed, in the chosen language.")
    location: dict[str, Any] | None = Field(
        default=None,
        description="Where: file, line, item (1-based), goal, field, row, column, as known.",
    )


def problem(
    status: int,
    detail: str,
    lang: Language,
    location: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A problem response."""
    title = _TITLES.get(status, _TITLES[400])[0 if lang == "nb" else 1]
    body = Problem(title=title, status=status, detail=detail, location=location or None)
    return Response(
        json.dumps(body.model_dump(exclude_none=True), ensure_ascii=False),
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )


def from_error(error: AnsvarError, lang: Language, status: int = 422) -> Response:
    """An :class:`AnsvarError` as a problem: its message, and its location as parts."""
    where = {key: value for key, value in vars(error.location).items() if value is not None}
    return problem(status, error.message(lang), lang, where)


def keyed(status: int, key: str, lang: Language, **params: object) -> Response:
    """A problem whose detail is the message ``key``."""
    return problem(status, message(key, lang, **params), lang)
