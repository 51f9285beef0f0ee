"""What every request shares: the rule set, the profiles by name, a classifier per profile.

Profiles are offered by name only, from the shipped folder and the one the
service was started with: no request can name a file path. The classifiers
keep only what depends on the rules and the profile, never on a request, so
one serves every request and thread.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ansvarsregler.classifier import Classifier
from ansvarsregler.errors import AnsvarError, Location
from ansvarsregler.municipality.profiles import load_profile, shipped_profiles
from ansvarsregler.municipality.schema import Profile
from ansvarsregler.rules.loader import Ruleset, default_ruleset, load_ruleset
from ansvarsregler.web.settings import ServeSettings

#: What a profile's name may look like in a request: a word, never a path.
_PROFILE_NAME = re.compile(r"[\w-]{1,64}")


class Service:
    """The rule set, the profiles and the classifiers of one running service."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        rules = settings.rules_path
        self.ruleset: Ruleset = load_ruleset(rules) if rules else default_ruleset()
        self.profiles: dict[str, Path] = dict(shipped_profiles())
        if settings.profiles_dir:
            for path in sorted(Path(settings.profiles_dir).glob("*.yaml")):
                if not _PROFILE_NAME.fullmatch(path.stem):
                    raise AnsvarError("serve.profile_file_name", Location(file=str(path)))
                self.profiles[path.stem] = path
        for path in self.profiles.values():
            load_profile(path)  # every profile offered is valid: refused now, not per request
        self.default_profile: Profile | None = (
            load_profile(settings.profile) if settings.profile else None
        )
        self._classifier = lru_cache(maxsize=32)(self._make_classifier)
        self.classifier(None)  # the rules are checked now, not on the first request

    def classifier(self, profile: str | None) -> Classifier:
        """The classifier for a profile named in a request (``None``: the service's own)."""
        return self._classifier(profile)

    def profile(self, name: str) -> Profile:
        """A profile by name; an error listing the names for any other (or a path)."""
        path = self.profiles.get(name) if _PROFILE_NAME.fullmatch(name) else None
        if path is None:
            raise AnsvarError(
                "serve.unknown_profile",
                Location(field="profile"),
                value=name,
                names=", ".join(self.profiles),
            )
        return load_profile(path)

    def _make_classifier(self, profile: str | None) -> Classifier:
        chosen = self.profile(profile) if profile is not None else self.default_profile
        return Classifier(self.ruleset, profile=chosen)
