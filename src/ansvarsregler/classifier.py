"""Classify goals: facts in, an owner and the reasoning out.

A :class:`Classifier` validates each goal, looks up the engine's decision
for its facts (see :mod:`ansvarsregler.decisions`) and renders it in the
chosen language. It keeps no per-goal state, so one instance serves many
threads and the order of goals never matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from .decisions import Decision, DecisionTable
from .errors import InvalidGoalError, Location
from .goal import Goal, GoalInput, misspelt_facts, to_goal
from .i18n import message
from .kostra import kostra_functions
from .municipality import Municipality
from .profile_schema import Profile
from .profiles import load_profile
from .result import Assumption, Classification, Question, RulesetIdentity
from .ruleset import Ruleset, default_ruleset
from .vocabulary import FACT_VALUES, LANGUAGES, MISSING, UNKNOWN_VALUES, Language

RenderKey = tuple[tuple[str | None, ...], Language, tuple[str | None, str | None] | None]


class Classifier:
    """Classifies goals with one rule set (and optionally one municipality's profile).

    Safe to share between threads.
    """

    def __init__(
        self, ruleset: Ruleset | None = None, profile: Profile | str | Path | None = None
    ) -> None:
        self.ruleset = ruleset if ruleset is not None else default_ruleset()
        self.decisions = DecisionTable(self.ruleset)
        self.identity = RulesetIdentity.of(self.ruleset)
        if isinstance(profile, str | Path):  # a shipped profile's name, or a profile file
            profile = load_profile(profile)
        self.municipality = Municipality(profile, self.ruleset) if profile is not None else None
        self._rendered: dict[RenderKey, tuple[dict[str, Any], tuple[str, ...]]] = {}

    def classify(self, goal: GoalInput, *, lang: Language = "nb") -> Classification:
        """Classify one goal (a :class:`Goal` or a mapping of its fields)."""
        return self._classify(to_goal(goal), check_language(lang))

    def classify_many(
        self, goals: Iterable[GoalInput], *, lang: Language = "nb"
    ) -> Iterator[Classification]:
        """Classify goals lazily, in order; ids must be unique within the call."""
        check_language(lang)
        seen: dict[str, int] = {}
        for index, raw in enumerate(goals, start=1):
            goal = to_goal(raw, item=index)
            if goal.id in seen:
                raise InvalidGoalError(
                    "input.duplicate_id",
                    Location(item=index, goal=goal.id, field="id"),
                    goal_id=goal.id,
                    first=message("loc.item", lang, value=seen[goal.id]),
                )
            seen[goal.id] = index
            yield self._classify(goal, lang)

    def decision(self, goal: GoalInput) -> Decision:
        """The engine's decision for the goal's facts (with the profile's), before rendering."""
        goal = to_goal(goal)
        return self.decisions.decide(_key(self._fact_values(goal)))

    def _fact_values(self, goal: Goal) -> tuple[str | None, ...]:
        values = goal.fact_values()
        if self.municipality is None:
            return values
        return self.municipality.with_budget_frame(values, goal)

    def _classify(self, goal: Goal, lang: Language) -> Classification:
        # The hot path (100,000 goals a second): look up what goals with these
        # facts share, then fill in this goal's own fields.
        # The key holds the facts as given: whether the profile filled one in shows.
        values = goal.fact_values()
        area = None if self.municipality is None else (goal.service_area, goal.kostra_function)
        key: RenderKey = (values, lang, area)
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self._render(goal, self._fact_values(goal), lang)
            # Two threads may render the same key at once; both produce equal values.
            self._rendered[key] = rendered
        shared, leader_warnings = rendered
        warnings = goal_warnings(goal, lang)
        return Classification.from_trusted(
            {
                "goal_id": goal.id,
                "title": goal.title,
                **shared,
                "warnings": warnings + leader_warnings if leader_warnings else warnings,
                "goal": goal,
            }
        )

    def _render(
        self, goal: Goal, values: tuple[str | None, ...], lang: Language
    ) -> tuple[dict[str, Any], tuple[str, ...]]:
        """The fields shared by every goal with these facts (and service area, with a
        profile), rendered once per language, and the warnings about its owner."""
        decision = self.decisions.decide(_key(values))
        ruleset = self.ruleset
        manifest = ruleset.manifest
        rule = ruleset.rule(decision.deciding_rule)
        town = self.municipality
        from_profile = (
            (town.frame_assumption(goal, lang),)
            if town is not None and values != goal.fact_values()
            else ()
        )
        assumptions = from_profile + tuple(
            Assumption(
                fact=item.fact,
                value=item.value,
                rule=item.rule,
                text=ruleset.rule(item.rule).justification.get(lang),
            )
            for item in decision.assumptions
        )
        questions = tuple(
            Question(
                fact=fact,
                text=manifest.facts[fact].question.get(lang),
                choices=tuple(v for v in FACT_VALUES[fact] if v not in UNKNOWN_VALUES),
            )
            for fact in decision.asked
        )
        parts = [message("why.assumed", lang, text=item.text) for item in assumptions]
        parts.append(rule.justification.get(lang))
        owner_role = followed_up_by = None
        owner_label = _owner_label(manifest, decision.owner, lang)
        if town is not None:
            owner_role = town.owner_role(decision.owner, goal, lang)
            followed_up_by = town.followed_up_by(decision.owner, goal, lang)
            if decision.owner == "radmann":
                owner_label = town.chief_executive(lang)
            municipality = town.profile.name
            if followed_up_by:
                parts.append(
                    message(
                        "profile.followed_up", lang, municipality=municipality, body=followed_up_by
                    )
                )
            elif owner_role:
                parts.append(
                    message("profile.owner_role", lang, municipality=municipality, role=owner_role)
                )
        if questions:
            asked = " ".join(question.text for question in questions)
            parts.append(message("why.questions", lang, questions=asked))
        parts.append(
            message("why.cite", lang, rule=rule.id, name=ruleset.name, version=ruleset.version)
        )
        justification = " ".join(parts)
        if town is not None:
            justification = town.in_own_words(justification, lang)
        rendered = {
            "owner": decision.owner,
            "owner_label": owner_label,
            "adopted_by": decision.adopted_by,
            "adopted_by_label": _owner_label(manifest, decision.adopted_by, lang),
            "rule": rule.id,
            "principle": rule.principle,
            "justification": justification,
            "assumptions": assumptions,
            "questions": questions,
            "municipality": town.profile.name if town is not None else None,
            "owner_role": owner_role,
            "followed_up_by": followed_up_by,
            "lang": lang,
            "ruleset": self.identity,
        }
        leader_warnings = town.leader_warnings(decision.owner, lang) if town is not None else ()
        return rendered, leader_warnings


def _key(values: tuple[str | None, ...]) -> tuple[str, ...]:
    return tuple(MISSING if value is None else value for value in values)


def _owner_label(manifest: Any, owner: str | None, lang: Language) -> str | None:
    return manifest.owners[owner].get(lang) if owner else None


def check_language(lang: str) -> Language:
    """``lang`` if it is a supported language; else a clear :class:`InvalidGoalError`."""
    if lang not in LANGUAGES:
        raise InvalidGoalError(
            "value.not_allowed", Location(field="lang"), value=lang, allowed=", ".join(LANGUAGES)
        )
    return lang  # type: ignore[return-value]


def goal_warnings(goal: Goal, lang: Language) -> tuple[str, ...]:
    """Warnings about a goal that is valid but probably not what the planner meant."""
    extra = goal.model_extra
    if not extra and goal.kostra_function is None:
        return ()
    return _warnings(frozenset(extra or ()), goal.kostra_function, lang)


@lru_cache(maxsize=4096)
def _warnings(extra: frozenset[str], kostra: str | None, lang: Language) -> tuple[str, ...]:
    warnings = [
        message("field.misspelt", lang, field=field, fact=fact)
        for field, fact in misspelt_facts(extra)
    ]
    function = kostra_functions().get(kostra) if kostra else None
    if function is not None and not function.valid:
        warnings.append(message("kostra.expired", lang, value=function.code, name=function.name))
    return tuple(warnings)
