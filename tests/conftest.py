"""Shared fixtures: a classifier, writable copies of the rules, click's test runner, and a
real server with a browser-like client for it."""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from click.testing import CliRunner

from ansvarsregler import Classifier, default_ruleset
from ansvarsregler.rules.cache import CACHE_VARIABLE
from ansvarsregler.rules.loader import default_rules_dir


@pytest.fixture(scope="session", autouse=True)
def _rule_set_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Loaded rule sets are kept in a folder of the test run's own (the commands the tests
    start inherit it), never in the user's cache folder."""
    folder = tmp_path_factory.mktemp("regelsett-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_VARIABLE, str(folder))
        yield


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    return Classifier(default_ruleset())


@pytest.fixture
def rules_copy(tmp_path: Path) -> Callable[[], Path]:
    """Return a function that copies the shipped rules to a fresh folder and gives its path."""

    def make() -> Path:
        target = tmp_path / f"rules-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(default_rules_dir(), target)
        return target

    return make


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def serving() -> Callable[..., contextlib.AbstractContextManager[str]]:
    """Start the app in a real uvicorn server on a free port: ``with serving(settings) as
    url: ...``; stopped when the block ends."""
    from ansvarsregler.web import create_app

    @contextlib.contextmanager
    def serve(settings: object) -> Iterator[str]:
        port = free_port()
        config = uvicorn.Config(
            create_app(settings),
            host="127.0.0.1",
            port=port,
            log_level="error",  # type: ignore[arg-type]
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)

    return serve


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def page_session() -> Callable[..., tuple[httpx.Client, str]]:
    """Open a page of the server as a browser would: ``client, token = page_session(url)``,
    the client holding the page's CSRF cookie and ``token`` what its forms carry."""

    def open_page(url: str, path: str = "/") -> tuple[httpx.Client, str]:
        client = httpx.Client(base_url=url, headers={"accept-language": "nb-NO"}, timeout=60)
        page = client.get(path)
        assert page.status_code == 200, page.text[:300]
        return client, page.text.split('name="csrf" value="')[1].split('"')[0]

    return open_page
