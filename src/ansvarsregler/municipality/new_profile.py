"""A new municipality profile from a planner's answers (``ansvar profile init``).

The answers a planner gives once for the municipality (the chief executive's
title, and at which level the budget is granted per service area) make a
:class:`~ansvarsregler.municipality.schema.Profile` that validates: everything
the planner was not asked is ``unknown`` with a note saying so, never a guess.
The profile is written as YAML with a header that says what was answered and
what to fill in from the delegation rules (the template ``profiles/mal.yaml``
explains every field).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import yaml

from ansvarsregler.i18n import message
from ansvarsregler.municipality.schema import AUTHORITIES, DEFAULT, Profile
from ansvarsregler.vocabulary import LANGUAGES, Language

#: The levels a profile's budget allocation takes; ``unknown`` where the planner does not know.
Level = Literal["unit", "sector", "unknown"]
Title = Literal["rådmann", "kommunedirektør"]


@dataclass(frozen=True)
class AreaLevel:
    """The planner's answer for one service area: the level, and who leads at that level."""

    level: Level
    leader: str | None = None


def new_profile(
    name: str,
    title: Title,
    source: str,
    levels: dict[str, AreaLevel],
    default: AreaLevel,
) -> Profile:
    """A profile of ``name`` with the budget allocation answered per area, else unknown."""
    allocation = {DEFAULT: _allocation(default)}
    allocation.update({area: _allocation(answer) for area, answer in levels.items()})
    not_asked = _both("new_profile.not_asked")
    unknown = {"level": "unknown", "note": not_asked}
    return Profile.model_validate(
        {
            "name": name,
            "chief_executive_title": title,
            "source": source,
            "political_model": not_asked,
            "administrative_model": not_asked,
            "follow_up": {DEFAULT: {"kind": "kommunestyret", "name": _both("new_profile.council")}},
            "delegated_to_chief_executive": {authority: unknown for authority in AUTHORITIES},
            "delegated_to_unit_leaders": {authority: unknown for authority in AUTHORITIES},
            "leader_agreements": "unknown",
            "leader_agreements_note": not_asked,
            "budget_allocation": allocation,
        }
    )


def default_source(today: date, lang: Language) -> str:
    """Where the answers came from, when the planner does not say: this command, today."""
    return message("new_profile.source", lang, date=today.isoformat())


def profile_yaml(profile: Profile, lang: Language) -> str:
    """The profile as a YAML file: a header in ``lang`` saying what was answered and what is
    left to fill in, then every field."""
    header = message("new_profile.header", lang, name=profile.name)
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    data = profile.model_dump(mode="json", exclude_none=True)
    data.setdefault("annual_cycle", "standard")  # said, not left to the default
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(lines) + "\n\n" + body


def _allocation(answer: AreaLevel) -> dict[str, object]:
    allocation: dict[str, object] = {"level": answer.level}
    if answer.leader:
        allocation["leader"] = {"nb": answer.leader, "en": answer.leader}
    if answer.level == "unknown":
        allocation["note"] = _both("new_profile.level_unknown")
    return allocation


def _both(key: str) -> dict[str, str]:
    """A text in every language, for a profile's bilingual fields."""
    return {lang: message(key, lang) for lang in LANGUAGES}  # type: ignore[arg-type]
