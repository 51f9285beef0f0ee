"""``ansvar serve``: run the web service with uvicorn, on localhost unless told otherwise.

Anything the service would refuse (a broken rule set, an unknown profile, a host reachable
from other machines without a token) is refused here, before it listens.
"""

from __future__ import annotations

from dataclasses import replace

import click

from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.i18n import message
from ansvarsregler.vocabulary import Language

#: Hosts only this machine reaches.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def run_server(
    settings: object,
    host: str,
    port: int,
    workers: int,
    insecure_no_auth: bool,
    lang: Language,
) -> None:
    """Check the settings by building the app once, then serve it until stopped."""
    import uvicorn  # the web stack is loaded by this command only

    from ansvarsregler.web import ServeSettings, create_app

    assert isinstance(settings, ServeSettings)
    if host not in LOCAL_HOSTS and settings.token is None:
        if not insecure_no_auth:
            raise InvalidGoalError("serve.needs_token", Location(field="--host"), host=host)
        click.echo(message("serve.no_auth_warning", lang, host=host, port=port), err=True)
    if host in LOCAL_HOSTS:
        settings = replace(settings, allowed_hosts=("127.0.0.1", "localhost", "[::1]", "::1"))
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    click.echo(message("serve.listening", lang, url=f"http://{shown}:{port}/"), err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    settings.to_environment()
    uvicorn.run(
        "ansvarsregler.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
