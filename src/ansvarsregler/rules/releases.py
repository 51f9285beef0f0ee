"""The content hash each released version of a rule set was released with (``ruleset.lock``).

A result cites its rule set by name, version and content hash. If the rules
change and ``version`` in ``ruleset.yaml`` does not, two different rule sets
share one version, and a council paper's citation no longer says which
rules decided. ``ruleset.lock``, beside the rules, records each released
version's hash; ``ansvar check`` compares the rules with it.

The lock file is not part of the content hash (the hash covers
``ruleset.yaml`` and the rules), so recording a hash does not change it.
"""

from __future__ import annotations

from pathlib import Path

from ansvarsregler.errors import RulesetError
from ansvarsregler.files.models import load_model_file
from ansvarsregler.model_base import StrictModel

LOCK_FILE = "ruleset.lock"


class ReleasedVersions(StrictModel):
    """``ruleset.lock``: ``released``, each released version with its content hash."""

    released: dict[str, str]


class ReleaseCheck(StrictModel):
    """The rule set's version and hash against the hash recorded for that version."""

    lock_file: str
    version: str
    hash: str
    recorded: str | None
    """The hash recorded for :attr:`version`; ``None`` if it is not recorded (unreleased)."""

    @property
    def changed_without_new_version(self) -> bool:
        """The rules changed after :attr:`version` was released, and the version did not."""
        return self.recorded is not None and self.recorded != self.hash


def release_check(directory: str | Path, version: str, content_hash: str) -> ReleaseCheck:
    """Compare a rule set's ``version`` and ``content_hash`` with its ``ruleset.lock``.

    A rule set without a lock file has released nothing: no version is recorded.
    """
    lock = Path(directory) / LOCK_FILE
    released: dict[str, str] = {}
    if lock.is_file():
        released = load_model_file(lock, ReleasedVersions, RulesetError, text_scalars=True).released
    return ReleaseCheck(
        lock_file=str(lock), version=version, hash=content_hash, recorded=released.get(version)
    )
