"""Measure the rules on labelled goals: how often the owner they give is the one expected.

A labelled goal is an ordinary goal with the owner a careful planner would give it
(``expected_owner``) and, optionally, the facts that planner reads out of it
(``expected_goal_type``, ``expected_influence``, ``expected_budget_impact``,
``expected_budget_frame``). Spreadsheets may head those columns in bokmål
(*Forventet eier*, *Forventet måltype*, ...). The report counts right, unresolved
and wrong owners, shows where the wrong ones went and which words misled them, so a
change to the indicator rules can be judged by its figures rather than by examples.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from pydantic import Field

from ansvarsregler.classifier import Classifier, check_language
from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.folding import fold
from ansvarsregler.goals.column_words import VALUE_BY_WORD
from ansvarsregler.goals.model import Goal, GoalInput, to_goal
from ansvarsregler.model_base import StrictModel
from ansvarsregler.result import Classification, RulesetIdentity
from ansvarsregler.vocabulary import FACT_NAMES, FACT_VALUES, OWNER_IDS, Language

#: The column of a goal that did not get an owner, in the confusion table.
UNRESOLVED = "unresolved"

#: Each label's field, and the bokmål and English header words a spreadsheet may use for it.
LABEL_WORDS: dict[str, tuple[str, ...]] = {
    "expected_owner": ("Forventet eier", "Expected owner"),
    "expected_goal_type": ("Forventet måltype", "Expected goal type"),
    "expected_influence": ("Forventet påvirkning", "Expected influence"),
    "expected_budget_impact": ("Forventet budsjettvirkning", "Expected budget impact"),
    "expected_budget_frame": ("Forventet budsjettnivå", "Expected budget frame"),
}
_LABEL_BY_WORD = {
    fold(word): label for label, words in LABEL_WORDS.items() for word in (label, *words)
}
#: Each label's values by their folded words: «Rådmann» is ``radmann``, «Kapasitet» ``capacity``.
_VALUE_BY_WORD: dict[str, dict[str, str]] = {
    "owner": {fold(owner): owner for owner in OWNER_IDS},
    **VALUE_BY_WORD,
}


class Labels(StrictModel):
    """What a labelled goal is expected to get."""

    owner: str
    facts: dict[str, str] = Field(description="Expected fact values, by fact name.")


class Tally(StrictModel):
    """Right, unresolved and wrong owners among some goals, as counts and shares."""

    goals: int
    right: int
    unresolved: int
    wrong: int
    right_share: float
    unresolved_share: float
    wrong_share: float

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> Tally:
        goals = sum(counts.values())

        def share(kind: str) -> float:
            return round(counts.get(kind, 0) / goals, 4) if goals else 0.0

        return cls(
            goals=goals,
            right=counts.get("right", 0),
            unresolved=counts.get("unresolved", 0),
            wrong=counts.get("wrong", 0),
            right_share=share("right"),
            unresolved_share=share("unresolved"),
            wrong_share=share("wrong"),
        )


class FactAccuracy(StrictModel):
    """How the facts the classifier filled in (from the words, the profile or a rule's
    assumption) compare with the expected ones; a fact the goal states is ``given``."""

    fact: str
    right: int
    wrong: int
    not_suggested: int
    given: int


class Misleading(StrictModel):
    """A fact the words suggested for a wrongly owned goal, and the words that said so."""

    fact: str
    value: str
    rule: str
    words: tuple[str, ...]


class WrongGoal(StrictModel):
    """A goal that got another owner than expected."""

    goal_id: str
    title: str
    expected: str
    got: str
    rule: str = Field(description="The rule that decided.")
    suggestions: tuple[Misleading, ...] = Field(
        description="What the goal's words suggested: the words that misled, if any did."
    )


class Evaluation(StrictModel):
    """The figures of one rule set (and profile) on a set of labelled goals."""

    ruleset: RulesetIdentity
    suggest: bool
    municipality: str | None
    overall: Tally
    by_language: dict[str, Tally] = Field(description="By the goals' `language` (nb, nn).")
    by_service_area: dict[str, Tally]
    confusion: dict[str, dict[str, int]] = Field(
        description="Expected owner → owner got (or `unresolved`) → goals."
    )
    facts: tuple[FactAccuracy, ...] = Field(description="Facts with an expected value only.")
    questions: dict[int, int] = Field(
        description="Number of questions asked → unresolved goals asking that many."
    )
    wrong_goals: tuple[WrongGoal, ...]


def labels(goal: Goal, where: Location) -> Labels:
    """The labels of ``goal`` (read at ``where``); a missing or unknown owner, or an
    expected fact value that does not exist, is an :class:`InvalidGoalError` naming the field."""
    found: dict[str, tuple[str, str]] = {}
    for key, value in (goal.model_extra or {}).items():
        label = _LABEL_BY_WORD.get(fold(key))
        if label is not None and value is not None and str(value).strip():
            found[label] = (key, str(value).strip())
    if "expected_owner" not in found:
        raise InvalidGoalError(
            "evaluate.no_owner", _at(where, "expected_owner"), allowed=", ".join(OWNER_IDS)
        )
    facts = {}
    for label, (key, value) in found.items():
        fact = label.removeprefix("expected_")
        known = _VALUE_BY_WORD[fact].get(fold(value))
        if known is None:
            allowed = OWNER_IDS if fact == "owner" else FACT_VALUES[fact]
            raise InvalidGoalError(
                "value.not_allowed", _at(where, key), value=value, allowed=", ".join(allowed)
            )
        facts[fact] = known
    owner = facts.pop("owner")
    return Labels(owner=owner, facts=facts)


def _at(where: Location, field: str) -> Location:
    return Location(
        file=where.file,
        line=where.line,
        item=where.item,
        goal=where.goal,
        sheet=where.sheet,
        row=where.row,
        field=field,
    )


def evaluate(
    classifier: Classifier, goals: Iterable[GoalInput], *, lang: Language = "nb"
) -> Evaluation:
    """Classify labelled ``goals`` with ``classifier`` and compare with their labels."""
    check_language(lang)
    overall: Counter[str] = Counter()
    by_language: dict[str, Counter[str]] = {}
    by_area: dict[str, Counter[str]] = {}
    confusion = {owner: dict.fromkeys((*OWNER_IDS, UNRESOLVED), 0) for owner in OWNER_IDS}
    facts = {fact: Counter[str]() for fact in FACT_NAMES}
    questions = dict.fromkeys(range(1, len(FACT_NAMES) + 1), 0)
    wrong: list[WrongGoal] = []
    for index, raw in enumerate(goals, start=1):
        goal = to_goal(raw, item=index)
        expected = labels(goal, Location(item=index, goal=goal.id))
        result = classifier.classify(goal, lang=lang)
        kind = _kind(expected.owner, result.owner)
        overall[kind] += 1
        language = (goal.model_extra or {}).get("language")
        if language is not None:
            by_language.setdefault(str(language), Counter())[kind] += 1
        if goal.service_area is not None:
            by_area.setdefault(goal.service_area, Counter())[kind] += 1
        confusion[expected.owner][result.owner or UNRESOLVED] += 1
        _count_facts(goal, expected, result, facts)
        if result.owner is None:
            questions[len(result.questions)] = questions.get(len(result.questions), 0) + 1
        elif kind == "wrong":
            wrong.append(_wrong_goal(classifier, goal, expected, result))
    town = classifier.municipality
    return Evaluation(
        ruleset=classifier.identity,
        suggest=classifier.suggest,
        municipality=town.profile.name if town is not None else None,
        overall=Tally.of(overall),
        by_language={key: Tally.of(by_language[key]) for key in sorted(by_language)},
        by_service_area={key: Tally.of(by_area[key]) for key in sorted(by_area)},
        confusion=confusion,
        facts=tuple(
            FactAccuracy(
                fact=fact,
                right=counts["right"],
                wrong=counts["wrong"],
                not_suggested=counts["not_suggested"],
                given=counts["given"],
            )
            for fact, counts in facts.items()
            if counts
        ),
        questions=questions,
        wrong_goals=tuple(wrong),
    )


def _kind(expected: str, got: str | None) -> str:
    if got == expected:
        return "right"
    return "unresolved" if got is None else "wrong"


def _count_facts(
    goal: Goal, expected: Labels, result: Classification, counts: dict[str, Counter[str]]
) -> None:
    """Count each expected fact as given, suggested right or wrong, or not suggested."""
    stated = dict(zip(FACT_NAMES, goal.fact_values(), strict=True))
    filled: dict[str, str] = {}
    for assumption in result.assumptions:
        filled.setdefault(assumption.fact, assumption.value)
    for fact, value in expected.facts.items():
        if stated[fact] is not None:
            counts[fact]["given"] += 1
        elif fact not in filled:
            counts[fact]["not_suggested"] += 1
        else:
            counts[fact]["right" if filled[fact] == value else "wrong"] += 1


def _wrong_goal(
    classifier: Classifier, goal: Goal, expected: Labels, result: Classification
) -> WrongGoal:
    reading = classifier.reading(goal)
    return WrongGoal(
        goal_id=goal.id,
        title=goal.title,
        expected=expected.owner,
        got=result.owner or UNRESOLVED,
        rule=result.rule,
        suggestions=tuple(
            Misleading(fact=item.fact, value=item.value, rule=item.indicators[0], words=item.words)
            for item in reading.suggested
        ),
    )
