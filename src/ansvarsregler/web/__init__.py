"""``ansvar serve``: the classifier over HTTP, for budget systems (a JSON API) and planners.

The app is stateless: every request carries its goals, and nothing a user sends is kept after
the response, so several workers or replicas serve more. :func:`create_app` builds it from
:class:`ServeSettings`; the CLI runs it with uvicorn.
"""

from __future__ import annotations

from ansvarsregler.web.app import create_app
from ansvarsregler.web.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
