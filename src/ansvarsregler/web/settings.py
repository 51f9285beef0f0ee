"""What one ``ansvar serve`` is told: the rule set, the profiles, the token."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

#: The environment variable that hands the settings to each uvicorn worker process.
ENVIRONMENT_VARIABLE = "ANSVARSREGLER_SERVE_SETTINGS"


@dataclass(frozen=True)
class ServeSettings:
    """How the service runs; every request's limits are in :mod:`ansvarsregler.limits`."""

    rules_dir: str | None = None
    """A rule set folder instead of the shipped one."""
    profile: str | None = None
    """The profile a request that names none is classified with (a name or a file)."""
    profiles_dir: str | None = None
    """A folder of more profiles (``*.yaml``), offered by name beside the shipped ones."""
    token: str | None = None
    """The bearer token the API and the page's login ask for; ``None``: no login."""
    allowed_hosts: tuple[str, ...] | None = None
    """The names a request's ``Host`` may give (a local service: its own names only)."""

    def to_environment(self) -> None:
        """Put the settings where :meth:`from_environment` in a worker finds them."""
        os.environ[ENVIRONMENT_VARIABLE] = json.dumps(asdict(self))

    @classmethod
    def from_environment(cls) -> ServeSettings:
        text = os.environ.get(ENVIRONMENT_VARIABLE)
        if not text:
            return cls()
        fields = json.loads(text)
        hosts = fields.pop("allowed_hosts", None)
        return cls(**fields, allowed_hosts=tuple(hosts) if hosts else None)

    @property
    def rules_path(self) -> Path | None:
        return Path(self.rules_dir) if self.rules_dir else None
