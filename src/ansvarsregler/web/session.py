"""The page's login: a cookie that proves the token was given, for a working day.

The cookie holds when it was issued and an HMAC of that time keyed by the
token, never the token itself. It is good for :data:`SESSION_SECONDS` and
no longer; a new token (a restart with another one) ends every session at
once, and "log out" removes the cookie from the browser.
"""

from __future__ import annotations

import hmac
import time

COOKIE = "ansvar_session"
#: How long a login lasts: a working day.
SESSION_SECONDS = 12 * 60 * 60


def issued(token: str, now: float | None = None) -> str:
    """A new session cookie's value for ``token``."""
    at = str(int(time.time() if now is None else now))
    return f"{at}.{_proof(token, at)}"


def valid(token: str, value: str, now: float | None = None) -> bool:
    """Whether ``value`` is a session cookie issued for ``token`` that has not run out."""
    at, _, proof = value.partition(".")
    if not (at.isascii() and at.isdecimal() and len(at) <= 12):
        return False
    age = (time.time() if now is None else now) - int(at)
    fresh = -60 <= age <= SESSION_SECONDS  # a minute's grace for clocks that disagree
    return fresh and hmac.compare_digest(proof.encode(), _proof(token, at).encode())


def _proof(token: str, at: str) -> str:
    return hmac.new(
        token.encode(), f"ansvarsregler page session {at}".encode(), "sha256"
    ).hexdigest()
