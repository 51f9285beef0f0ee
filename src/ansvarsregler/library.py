"""The library's functions: classify, classify_many and explain with the shipped rules,
a classifier kept per profile. Imported by ``ansvarsregler`` when first used."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path

from ansvarsregler.classifier import Classifier
from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.explanation import Explanation
from ansvarsregler.explanation import explain as _explain
from ansvarsregler.goals.model import GoalInput
from ansvarsregler.municipality.answers import Answers
from ansvarsregler.municipality.profiles import load_profile
from ansvarsregler.municipality.schema import Profile
from ansvarsregler.result import (
    Classification,
)
from ansvarsregler.rules.loader import default_ruleset
from ansvarsregler.vocabulary import Language

ProfileInput = str | Path | Profile | None
#: An answers file's path, or its loaded :class:`Answers`.
AnswersInput = str | Path | Answers | None


def _classifier(profile: ProfileInput) -> Classifier:
    """A classifier for the profile, kept while the profile stays the same.

    A :class:`Profile` holds dicts and cannot be hashed, so it is kept by its
    content; a profile file by its resolved path and modification time, so
    an edited file is read again; a shipped profile by its name.
    """
    if profile is None:
        return _default_classifier()
    if isinstance(profile, Profile):
        return _classifier_for_json(profile.model_dump_json())
    if not isinstance(profile, str | Path):
        raise InvalidGoalError(
            "library.bad_profile", Location(field="profile"), found=type(profile).__name__
        )
    path = Path(profile)
    if path.is_file():
        return _classifier_for_file(str(path.resolve()), path.stat().st_mtime_ns)
    return _classifier_for_name(str(profile))


@cache
def _default_classifier() -> Classifier:
    return Classifier(default_ruleset())


@lru_cache(maxsize=16)
def _classifier_for_name(name: str) -> Classifier:
    return Classifier(default_ruleset(), profile=load_profile(name))


@lru_cache(maxsize=16)
def _classifier_for_file(path: str, modified: int) -> Classifier:
    return Classifier(default_ruleset(), profile=load_profile(Path(path)))


@lru_cache(maxsize=16)
def _classifier_for_json(profile_json: str) -> Classifier:
    return Classifier(default_ruleset(), profile=Profile.model_validate_json(profile_json))


def classify(
    goal: GoalInput,
    *,
    lang: Language = "nb",
    profile: ProfileInput = None,
    answers: AnswersInput = None,
) -> Classification:
    """Classify one goal (a :class:`Goal` or a mapping) with the shipped rules.

    ``profile``: a shipped municipality profile's name (``"verran"``), a
    profile file, or a :class:`Profile`. ``answers``: an answers file that states
    the budget level once for many goals, or the :class:`Answers` that
    :func:`load_answers` read from one (read it once when classifying goal by goal).
    """
    return _classifier(profile).with_answers(answers).classify(goal, lang=lang)


def classify_many(
    goals: Iterable[GoalInput],
    *,
    lang: Language = "nb",
    profile: ProfileInput = None,
    answers: AnswersInput = None,
) -> Iterator[Classification]:
    """Classify goals lazily with the shipped rules; ids must be unique within the call."""
    return _classifier(profile).with_answers(answers).classify_many(goals, lang=lang)


def explain(
    goal: GoalInput,
    *,
    lang: Language = "nb",
    profile: ProfileInput = None,
    answers: AnswersInput = None,
) -> Explanation:
    """The reasoning behind :func:`classify` for one goal."""
    return _explain(_classifier(profile).with_answers(answers), goal, lang=lang)
