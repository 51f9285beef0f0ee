"""Why a goal got its owner: the reasoning behind one classification.

The engine says which rules fired; for every rule that did not, this
module names the facts that kept it from matching, read off the same
conditions the engine was built from (a test proves the two agree on
every combination of facts).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from .classifier import Classifier
from .goal import GoalInput, to_goal
from .i18n import message
from .result import Classification
from .vocabulary import FACT_NAMES, Language


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GivenFact(_Frozen):
    fact: str
    label: str
    value: str
    """The value as given, or ``missing``."""
    value_label: str


class AssumedFact(GivenFact):
    rule: str
    text: str
    """Why the rule assumes it."""


class FiredRule(_Frozen):
    rule: str
    principle: int | None
    role: Literal["assumed", "decided", "asked", "outranked"]
    priority: int


class FactMismatch(_Frozen):
    fact: str
    actual: str
    required: tuple[str, ...]
    text: str


class RuleNotFired(_Frozen):
    rule: str
    priority: int
    mismatches: tuple[FactMismatch, ...]


class Explanation(_Frozen):
    """The whole chain of reasoning for one goal."""

    goal_id: str
    title: str
    given: tuple[GivenFact, ...]
    assumed: tuple[AssumedFact, ...]
    fired: tuple[FiredRule, ...]
    """Rules that matched, in the order the engine ran them."""
    decided_by: str
    not_fired: tuple[RuleNotFired, ...]
    result: Classification


def explain(classifier: Classifier, goal: GoalInput, *, lang: Language = "nb") -> Explanation:
    """Explain how ``classifier`` classifies ``goal``."""
    goal = to_goal(goal)
    result = classifier.classify(goal, lang=lang)
    decision = classifier.decisions.decide(goal.fact_key())
    ruleset = classifier.ruleset
    manifest = ruleset.manifest
    effective = decision.effective_facts

    def label(fact: str, value: str) -> str:
        return manifest.value_label(fact, value, lang)

    given = tuple(
        GivenFact(
            fact=fact,
            label=manifest.facts[fact].label.get(lang),
            value=value,
            value_label=label(fact, value),
        )
        for fact, value in zip(FACT_NAMES, decision.given, strict=True)
    )
    fired = tuple(
        FiredRule(
            rule=rule_id,
            principle=ruleset.rule(rule_id).principle,
            role=_role(ruleset.rule(rule_id).kind, rule_id == decision.rule),
            priority=ruleset.rule(rule_id).priority,
        )
        for rule_id in decision.fired
    )
    fired_ids = set(decision.fired)
    not_fired = tuple(
        RuleNotFired(
            rule=rule.id,
            priority=rule.priority,
            mismatches=tuple(
                FactMismatch(
                    fact=fact,
                    actual=effective[fact],
                    required=tuple(sorted(rule.allowed_values(fact))),
                    text=_mismatch_text(
                        manifest.facts[fact].label.get(lang),
                        label(fact, effective[fact]),
                        [label(fact, v) for v in sorted(rule.allowed_values(fact))],
                        lang,
                    ),
                )
                for fact in rule.when
                if effective[fact] not in rule.allowed_values(fact)
            ),
        )
        for rule in ruleset.rules
        if rule.id not in fired_ids
    )
    return Explanation(
        goal_id=goal.id,
        title=goal.title,
        given=given,
        assumed=tuple(
            AssumedFact(
                fact=item.fact,
                label=manifest.facts[item.fact].label.get(lang),
                value=item.value,
                value_label=label(item.fact, item.value),
                rule=item.rule,
                text=item.text,
            )
            for item in result.assumptions
        ),
        fired=fired,
        decided_by=decision.rule,
        not_fired=not_fired,
        result=result,
    )


def _role(kind: str, decided: bool) -> Literal["assumed", "decided", "asked", "outranked"]:
    if kind == "assume":
        return "assumed"
    if not decided:
        return "outranked"
    return "asked" if kind == "ask" else "decided"


def _mismatch_text(fact: str, actual: str, required: list[str], lang: Language) -> str:
    return message(
        "explain.mismatch", lang, fact=fact, actual=actual, required=" / ".join(required)
    )
