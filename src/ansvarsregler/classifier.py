"""Classify goals: facts in, an owner and the reasoning out.

A :class:`Classifier` validates each goal, looks up the engine's decision
for its facts (see :mod:`ansvarsregler.decisions`) and renders it in the
chosen language. It keeps no per-goal state, so one instance serves many
threads and the order of goals never matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .decisions import Decision, DecisionTable
from .errors import InvalidGoalError, Location
from .goal import Goal, GoalInput, misspelt_facts, to_goal
from .i18n import message
from .kostra import kostra_functions
from .result import Assumption, Classification, Question, RulesetIdentity
from .ruleset import Ruleset, default_ruleset
from .vocabulary import FACT_VALUES, LANGUAGES, UNKNOWN_VALUES, Language


class Classifier:
    """Classifies goals with one rule set; safe to share between threads."""

    def __init__(self, ruleset: Ruleset | None = None) -> None:
        self.ruleset = ruleset if ruleset is not None else default_ruleset()
        self.decisions = DecisionTable(self.ruleset)
        self.identity = RulesetIdentity.of(self.ruleset)
        self._rendered: dict[tuple[tuple[str | None, ...], Language], dict[str, Any]] = {}

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
        """The engine's decision for the goal's facts, before rendering."""
        return self.decisions.decide(to_goal(goal).fact_key())

    def _classify(self, goal: Goal, lang: Language) -> Classification:
        values = goal.fact_values()
        shared = self._rendered.get((values, lang))
        if shared is None:
            shared = self._render(goal, lang)
        return Classification.from_trusted(
            {
                "goal_id": goal.id,
                "title": goal.title,
                **shared,
                "warnings": goal_warnings(goal, lang),
                "goal": goal,
            }
        )

    def _render(self, goal: Goal, lang: Language) -> dict[str, Any]:
        """The fields shared by every goal with these facts, rendered once per language."""
        decision = self.decisions.decide(goal.fact_key())
        ruleset = self.ruleset
        manifest = ruleset.manifest
        rule = ruleset.rule(decision.deciding_rule)
        assumptions = tuple(
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
        if questions:
            asked = " ".join(question.text for question in questions)
            parts.append(message("why.questions", lang, questions=asked))
        parts.append(
            message("why.cite", lang, rule=rule.id, name=ruleset.name, version=ruleset.version)
        )
        rendered = {
            "owner": decision.owner,
            "owner_label": _owner_label(manifest, decision.owner, lang),
            "adopted_by": decision.adopted_by,
            "adopted_by_label": _owner_label(manifest, decision.adopted_by, lang),
            "rule": rule.id,
            "principle": rule.principle,
            "justification": " ".join(parts),
            "assumptions": assumptions,
            "questions": questions,
            "lang": lang,
            "ruleset": self.identity,
        }
        # Two threads may render the same key at once; both produce equal values.
        self._rendered[(goal.fact_values(), lang)] = rendered
        return rendered


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
