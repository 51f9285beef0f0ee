"""Pydantic models of the rule files under ``rules/``: the one schema for rules.

A rule set is a folder with ``ruleset.yaml`` (name, version, the texts for
owners and facts) and rule files (``*.yaml`` with a ``rules:`` list). Every
model forbids unknown keys, and fact names and values are checked against
:mod:`ansvarsregler.vocabulary`, so a typo in a rule file is an error with a
line number rather than a rule that silently never fires.
"""

from __future__ import annotations

import math
from typing import Annotated, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from ansvarsregler.i18n import invalid
from ansvarsregler.model_base import LocalizedText, RuleId, StrictModel
from ansvarsregler.vocabulary import (
    DEFINITE_VALUES,
    FACT_NAMES,
    FACT_VALUES,
    GOAL_CONDITION_VALUES,
    LEADER_FACT_VALUES,
    OWNER_IDS,
    UNKNOWN_VALUES,
    FactName,
    Language,
    OwnerId,
    condition_values,
)


class NotValues(StrictModel):
    """``{not: [...]}``: the fact has any value except these."""

    not_: Annotated[str | list[str], Field(alias="not")]


ValueSpec = str | list[str] | NotValues


def _as_list(spec: str | list[str]) -> list[str]:
    return [spec] if isinstance(spec, str) else list(spec)


def _check_fact(fact: str) -> None:
    if fact not in FACT_VALUES:
        raise invalid("rules.unknown_fact", fact=fact, allowed=", ".join(FACT_NAMES))


class Decide(StrictModel):
    """The outcome of a deciding rule: who owns the goal and who adopts it."""

    owner: OwnerId
    adopted_by: OwnerId


class _Conditioned(StrictModel):
    """Something with a condition over facts: a rule, an invariant or a leadership rule."""

    #: The facts the condition may test and the values it may name for each.
    facts_domain: ClassVar[dict[str, tuple[str, ...]]] = GOAL_CONDITION_VALUES

    when: dict[str, ValueSpec] = Field(default_factory=dict)
    """Fact name to the values it must take; names are checked against the vocabulary."""

    @field_validator("when", mode="before")
    @classmethod
    def _known_facts(cls, when: object) -> object:
        if isinstance(when, dict):
            for fact in when:
                if fact not in cls.facts_domain:
                    raise invalid(
                        "rules.unknown_fact", fact=fact, allowed=", ".join(cls.facts_domain)
                    )
        return when

    @field_validator("when")
    @classmethod
    def _known_values(cls, when: dict[str, ValueSpec]) -> dict[str, ValueSpec]:
        for fact, spec in when.items():
            raw = spec.not_ if isinstance(spec, NotValues) else spec
            values = _as_list(raw)
            if not values:
                raise invalid("rules.empty_values", fact=fact)
            allowed = cls.facts_domain[fact]
            for value in values:
                if value not in allowed:
                    raise invalid(
                        "rules.fact_value", fact=fact, value=value, allowed=", ".join(allowed)
                    )
        return when

    def tests(self) -> list[tuple[str, list[str]]]:
        """The facts the condition really tests, each with its allowed values, in domain order.

        A fact allowed every value of its domain is no test (every goal names
        every fact, ``missing`` for none), so it is left out.
        """
        tests = []
        for fact in self.facts_domain:
            if fact in self.when:
                allowed = self.allowed_values(fact)
                if allowed != frozenset(self.facts_domain[fact]):
                    tests.append((fact, sorted(allowed)))
        return tests

    @property
    def combinations(self) -> int:
        """How many combinations of values of the tested facts the condition allows.

        The engine runs a condition as one single-value condition per
        combination, so this is what a rule costs it (see limits.RULE_COMBINATIONS).
        """
        return math.prod(len(allowed) for _, allowed in self.tests())

    def allowed_values(self, fact: str) -> frozenset[str]:
        """The values of ``fact`` for which the condition holds."""
        spec = self.when.get(fact)
        every = frozenset(self.facts_domain[fact])
        if spec is None:
            return every
        if isinstance(spec, NotValues):
            return every - frozenset(_as_list(spec.not_))
        return frozenset(_as_list(spec))

    def matches(self, facts: dict[str, str]) -> bool:
        """Whether the condition holds for ``facts`` (every fact given, ``missing`` for none).

        The engine decides; this mirror is used to explain and analyse, and a
        test proves it agrees with the engine on every combination of facts.
        """
        return all(facts[fact] in self.allowed_values(fact) for fact in self.when)


class Rule(_Conditioned):
    """One rule: a condition over goal facts and exactly one consequence.

    ``decide`` gives an owner; ``assume`` fills in a missing or unknown fact
    (forward chaining: the goal then runs through the rules again);
    ``ask`` leaves the goal unresolved with questions about the named facts.
    """

    id: RuleId
    principle: Literal[1, 2, 3, 4] | None = None
    priority: Annotated[int, Field(ge=0, le=999)]
    decide: Decide | None = None
    assume: dict[str, str] | None = None
    ask: list[str] | None = None
    justification: LocalizedText

    @field_validator("ask")
    @classmethod
    def _known_asked_facts(cls, ask: list[str] | None) -> list[str] | None:
        if ask is not None:
            if not ask:
                raise invalid("rules.empty_ask")
            for fact in ask:
                _check_fact(fact)
        return ask

    @model_validator(mode="after")
    def _one_consequence(self) -> Rule:
        given = [name for name in ("decide", "assume", "ask") if getattr(self, name) is not None]
        if len(given) != 1:
            raise invalid("rules.one_outcome")
        if self.ask is None and self.principle is None:
            raise invalid("rules.principle_required")
        if self.assume is not None:
            self._check_assumption(self.assume)
        return self

    def _check_assumption(self, assume: dict[str, str]) -> None:
        if len(assume) != 1:
            raise invalid("rules.assume_one")
        ((fact, value),) = assume.items()
        _check_fact(fact)
        definite = DEFINITE_VALUES[fact]
        if value not in definite:
            raise invalid("rules.fact_value", fact=fact, value=value, allowed=", ".join(definite))
        # Filling in only what is unknown guarantees that chaining terminates.
        if not self.allowed_values(fact) <= UNKNOWN_VALUES:
            unknown = sorted(UNKNOWN_VALUES & set(condition_values(fact)))
            raise invalid("rules.assume_only_unknown", fact=fact, allowed=" | ".join(unknown))

    @property
    def kind(self) -> Literal["decide", "assume", "ask"]:
        if self.decide is not None:
            return "decide"
        return "assume" if self.assume is not None else "ask"

    @property
    def outcome(self) -> tuple[str | None, str | None]:
        """(owner, adopted_by) of a deciding rule; (None, None) for an asking one."""
        return (self.decide.owner, self.decide.adopted_by) if self.decide else (None, None)


#: An owner, or ``unresolved`` for a goal that gets questions instead.
UNRESOLVED = "unresolved"
OwnerOrUnresolved = Literal["kommunestyret", "radmann", "virksomhetsleder", "unresolved"]


class Expectation(StrictModel):
    """What an invariant requires of every goal its condition holds for."""

    owner: list[OwnerOrUnresolved] | None = None
    """The owner must be one of these."""
    owner_not: list[OwnerOrUnresolved] | None = None
    """The owner must be none of these."""
    adopted_by: list[OwnerId] | None = None
    """Who adopts the goal must be one of these."""

    @model_validator(mode="after")
    def _says_something(self) -> Expectation:
        if self.owner is None and self.owner_not is None and self.adopted_by is None:
            raise invalid("rules.empty_expectation")
        return self

    def holds(self, owner: str | None, adopted_by: str | None) -> bool:
        shown = owner or UNRESOLVED
        return (
            (self.owner is None or shown in self.owner)
            and (self.owner_not is None or shown not in self.owner_not)
            and (self.adopted_by is None or adopted_by in self.adopted_by)
        )


class Invariant(_Conditioned):
    """A principle stated as a property every outcome must have.

    ``when`` is matched against the facts the deciding rules see (with
    assumptions filled in); ``ansvar check`` proves it over every combination.
    """

    id: RuleId
    principle: Literal[1, 2, 3, 4] | None = None
    description: LocalizedText
    expect: Expectation


class RuleFile(StrictModel):
    """A file in the rule set folder: rules, invariants, or both."""

    rules: list[Rule] = Field(default_factory=list)
    invariants: list[Invariant] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> RuleFile:
        if not self.rules and not self.invariants:
            raise invalid("rules.empty_file")
        return self


class TestExpectation(StrictModel):
    """What a rule test expects of the outcome; only the fields given are checked."""

    owner: OwnerOrUnresolved
    adopted_by: OwnerId | None = None
    rule: RuleId | None = None
    assumptions: dict[FactName, str] | None = None
    """Exactly these assumed facts (``{}``: none)."""
    questions: list[FactName] | None = None
    """Exactly these facts asked about, in order."""

    @field_validator("assumptions")
    @classmethod
    def _known_assumed_values(cls, assumptions: dict[str, str] | None) -> dict[str, str] | None:
        for fact, value in (assumptions or {}).items():
            if value not in FACT_VALUES[fact]:
                raise invalid(
                    "rules.fact_value", fact=fact, value=value, allowed=", ".join(FACT_VALUES[fact])
                )
        return assumptions


class RuleTest(StrictModel):
    """A rule test (like an OPA policy test): goal facts in, an expected outcome."""

    __test__ = False  # not a pytest class

    name: Annotated[str, Field(min_length=1)]
    goal: dict[FactName, str] = Field(default_factory=dict)
    expect: TestExpectation

    @field_validator("goal")
    @classmethod
    def _known_goal_values(cls, goal: dict[str, str]) -> dict[str, str]:
        for fact, value in goal.items():
            if value not in FACT_VALUES[fact]:
                raise invalid(
                    "rules.fact_value", fact=fact, value=value, allowed=", ".join(FACT_VALUES[fact])
                )
        return goal


class RuleTestFile(StrictModel):
    """A file under ``rules/tests/``."""

    tests: list[RuleTest]


class LeadershipRule(_Conditioned):
    """A rule about what a unit leader with result responsibility lacks (slides 13 and 14).

    Its condition tests facts about the municipality's unit leaders, read from
    a profile; every rule that matches fires, and each gives a warning and the
    change that would close the gap.
    """

    facts_domain: ClassVar[dict[str, tuple[str, ...]]] = LEADER_FACT_VALUES

    id: RuleId
    priority: Annotated[int, Field(ge=0, le=999)]
    severity: Literal["lacks", "unclear"]
    """``lacks``: the leaders lack something; ``unclear``: the profile does not say."""
    warn: LocalizedText
    """What is missing, said about a goal that ends with a unit leader."""
    change: LocalizedText
    """The change that would close the gap."""

    #: Leadership rules neither assume nor decide; the engine fires all that match.
    kind: ClassVar[Literal["warn"]] = "warn"
    assume: ClassVar[None] = None


class LeadershipRuleFile(StrictModel):
    rules: list[LeadershipRule]


class LeadershipTest(StrictModel):
    """Leader facts in, the leadership rules expected to fire out (in priority order)."""

    __test__ = False

    name: Annotated[str, Field(min_length=1)]
    leaders: dict[str, str]
    expect: list[RuleId]

    @field_validator("leaders")
    @classmethod
    def _known_leader_facts(cls, leaders: dict[str, str]) -> dict[str, str]:
        for fact, value in leaders.items():
            allowed = LEADER_FACT_VALUES.get(fact)
            if allowed is None:
                raise invalid(
                    "rules.unknown_fact", fact=fact, allowed=", ".join(LEADER_FACT_VALUES)
                )
            if value not in allowed:
                raise invalid(
                    "rules.fact_value", fact=fact, value=value, allowed=", ".join(allowed)
                )
        return leaders


class LeadershipTestFile(StrictModel):
    tests: list[LeadershipTest]


class FactTexts(StrictModel):
    """How a fact is named, asked about and its values shown to a person."""

    label: LocalizedText
    question: LocalizedText
    values: dict[str, LocalizedText]


class RulesetManifest(StrictModel):
    """``ruleset.yaml``: the identity of the rule set and its texts."""

    name: Annotated[str, Field(min_length=1)]
    version: Annotated[str, Field(min_length=1)]
    description: LocalizedText
    owners: dict[OwnerId, LocalizedText]
    facts: dict[str, FactTexts]

    @model_validator(mode="after")
    def _texts_for_the_whole_vocabulary(self) -> RulesetManifest:
        missing = [f"owners.{o}" for o in OWNER_IDS if o not in self.owners]
        for fact in FACT_NAMES:
            texts = self.facts.get(fact)
            if texts is None:
                missing.append(f"facts.{fact}")
                continue
            missing += [
                f"facts.{fact}.values.{v}" for v in condition_values(fact) if v not in texts.values
            ]
        unknown = [f"facts.{f}" for f in self.facts if f not in FACT_VALUES]
        unknown += [
            f"facts.{f}.values.{v}"
            for f, texts in self.facts.items()
            if f in FACT_VALUES
            for v in texts.values
            if v not in condition_values(f)
        ]
        if missing:
            raise invalid("rules.texts_missing", what=", ".join(missing))
        if unknown:
            raise invalid("rules.texts_unknown", what=", ".join(unknown))
        return self

    def value_label(self, fact: str, value: str, lang: Language) -> str:
        return self.facts[fact].values[value].get(lang)
