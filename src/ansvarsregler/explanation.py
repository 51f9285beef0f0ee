"""Why a goal got its owner: the reasoning behind one classification.

The engine says which rules fired; for every rule that did not, this
module names the facts that kept it from matching, read off the same
conditions the engine was built from (a test proves the two agree on
every combination of facts).
"""

from __future__ import annotations

import itertools
from typing import Literal, cast

from ansvarsregler.classifier import Classifier
from ansvarsregler.engine.decisions import Decision
from ansvarsregler.goals.model import GoalInput, to_goal
from ansvarsregler.i18n import message
from ansvarsregler.model_base import StrictModel
from ansvarsregler.result import AnsweredFact, Classification
from ansvarsregler.vocabulary import (
    DEFINITE_VALUES,
    FACT_NAMES,
    Language,
    OwnerId,
)


class GivenFact(StrictModel):
    fact: str
    label: str
    value: str
    """The value as given, or ``missing``."""
    value_label: str
    answered: AnsweredFact | None = None
    """Where the value was stated for many goals at once: the answers file and its line."""


class AssumedFact(GivenFact):
    rule: str
    text: str
    """Why the rule assumes it."""


class FiredRule(StrictModel):
    rule: str
    principle: int | None
    role: Literal["assumed", "decided", "asked", "outranked"]
    priority: int


class FactMismatch(StrictModel):
    fact: str
    actual: str
    required: tuple[str, ...]
    text: str


class RuleNotFired(StrictModel):
    rule: str
    priority: int
    mismatches: tuple[FactMismatch, ...]


class FactChange(StrictModel):
    fact: str
    old: str
    new: str


class Alternative(StrictModel):
    """A small change of facts that would give the goal another owner."""

    changes: tuple[FactChange, ...]
    owner: str
    owner_label: str
    rule: str
    principle: int | None
    text: str


class Explanation(StrictModel):
    """The whole chain of reasoning for one goal."""

    goal_id: str
    title: str
    given: tuple[GivenFact, ...]
    assumed: tuple[AssumedFact, ...]
    fired: tuple[FiredRule, ...]
    """Rules that matched, in the order the engine ran them."""
    decided_by: str
    not_fired: tuple[RuleNotFired, ...]
    alternatives: tuple[Alternative, ...]
    """The smallest changes of facts (one, else two) that would change the owner."""
    result: Classification


def explain(classifier: Classifier, goal: GoalInput, *, lang: Language = "nb") -> Explanation:
    """Explain how ``classifier`` classifies ``goal``."""
    goal = to_goal(goal)
    result = classifier.classify(goal, lang=lang)
    decision = classifier.decision(goal)  # with the profile's facts, where one is used
    ruleset = classifier.ruleset
    manifest = ruleset.manifest
    effective = decision.effective_facts

    def label(fact: str, value: str) -> str:
        return manifest.value_label(fact, value, lang)

    answered = {item.fact: item for item in result.answered}
    given = tuple(
        GivenFact(
            fact=fact,
            label=manifest.facts[fact].label.get(lang),
            value=answer.value if (answer := answered.get(fact)) else value,
            value_label=label(fact, answer.value if answer else value),
            answered=answer,
        )
        for fact, value in zip(FACT_NAMES, goal.fact_key(), strict=True)
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
        decided_by=decision.deciding_rule,
        not_fired=not_fired,
        alternatives=what_would_change(classifier, goal, lang=lang),
        result=result,
    )


#: At most this many two-fact changes are listed for each owner.
_MAX_PAIRS_PER_OWNER = 3


def what_would_change(
    classifier: Classifier, goal: GoalInput, *, lang: Language = "nb"
) -> tuple[Alternative, ...]:
    """For each other owner, the smallest changes of facts that would give the goal to it.

    Every change of one fact to another definite value is tried; an owner no
    single change reaches gets the changes of two facts that do (a few). For
    an unresolved goal every owner is "other", so this also says where the
    answers to its questions lead.
    """
    goal = to_goal(goal)
    table = classifier.decisions
    base = classifier.decision(goal)
    key, current = base.given, base.owner
    options = {
        index: [v for v in DEFINITE_VALUES[fact] if v != key[index]]
        for index, fact in enumerate(FACT_NAMES)
    }
    found: list[Alternative] = []
    reached: set[str] = set()
    for size in (1, 2):
        pairs_per_owner: dict[str, int] = {}
        for positions in itertools.combinations(range(len(FACT_NAMES)), size):
            for values in itertools.product(*(options[p] for p in positions)):
                changed = list(key)
                for position, value in zip(positions, values, strict=True):
                    changed[position] = value
                owner = table.outcome(tuple(changed)).owner
                if owner is None or owner == current or (size == 2 and owner in reached):
                    continue
                if size == 2:
                    if pairs_per_owner.get(owner, 0) >= _MAX_PAIRS_PER_OWNER:
                        continue
                    pairs_per_owner[owner] = pairs_per_owner.get(owner, 0) + 1
                decision = table.outcome(tuple(changed))
                found.append(_alternative(classifier, key, decision, positions, lang))
        reached |= {alternative.owner for alternative in found}
    return tuple(found)


def _alternative(
    classifier: Classifier,
    key: tuple[str, ...],
    decision: Decision,
    positions: tuple[int, ...],
    lang: Language,
) -> Alternative:
    manifest = classifier.ruleset.manifest
    rule = classifier.ruleset.rule(decision.rule or "")
    changes = tuple(
        FactChange(fact=FACT_NAMES[p], old=key[p], new=decision.given[p]) for p in positions
    )
    conditions = message("and", lang).join(
        message(
            "alternative.condition",
            lang,
            fact=manifest.facts[change.fact].label.get(lang),
            value=manifest.value_label(change.fact, change.new, lang),
        )
        for change in changes
    )
    owner = cast(OwnerId, decision.owner)  # alternatives are only made for goals with an owner
    owner_label = manifest.owners[owner].get(lang)
    return Alternative(
        changes=changes,
        owner=owner,
        owner_label=owner_label,
        rule=rule.id,
        principle=rule.principle,
        text=message("alternative", lang, conditions=conditions, owner=owner_label, rule=rule.id),
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
