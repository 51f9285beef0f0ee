"""The typed result of a classification: the JSON contract, as pydantic models.

``ansvar schema`` exports the JSON Schema of :class:`Classification` from
these models; budget tools can rely on every field named here.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ansvarsregler.goals.model import Goal
from ansvarsregler.i18n import message
from ansvarsregler.model_base import SharedFieldNames, StrictModel, trusted_instance
from ansvarsregler.vocabulary import Language, OwnerId


class RulesetIdentity(StrictModel):
    """Which rule set decided: cite it with the result."""

    name: str
    version: str
    hash: str = Field(description="SHA-256 of the validated rules, independent of file order.")
    evaluator: str = Field(
        description="The evaluator that ran the rules: durable-rules and its version "
        '(e.g. "durable-rules 2.0.28"), or "python" where durable-rules cannot be '
        "installed; both decide alike."
    )

    @classmethod
    def of(cls, ruleset: Any, evaluator: str) -> RulesetIdentity:
        """The identity of a :class:`~ansvarsregler.rules.loader.Ruleset` run by ``evaluator``."""
        return cls(
            name=ruleset.name, version=ruleset.version, hash=ruleset.hash, evaluator=evaluator
        )


#: Where an assumed fact came from: the goal's own words (an indicator rule, which quotes them),
#: a rule of the rule set, or the municipality's profile.
AssumptionSource = Literal["words", "rule", "profile"]


class Assumption(StrictModel):
    """A fact the planner did not state, filled in by a rule."""

    fact: str
    value: str
    rule: str
    source: AssumptionSource = Field(
        description="What filled it in: the goal's own words (suggested by an indicator rule "
        "that quotes them), a rule of the rule set (assumed), or the municipality profile."
    )
    text: str = Field(description="Why the rule assumes it, in the chosen language.")


class AnsweredFact(StrictModel):
    """A fact stated once for many goals in an answers file (``ansvar classify --answers``).

    It counts as stated: no rule assumes it and no question asks it. The goal itself is
    carried through as read, without it.
    """

    fact: str
    value: str
    file: str = Field(description="The answers file, as it was named.")
    line: int = Field(description="The line of the answer in that file.")
    answered_for: str = Field(
        description="What the answer covers, as the file writes it: a service area, a KOSTRA "
        "function or default."
    )

    def covers(self, lang: Language) -> str:
        """What the answer covers, in words: the service area as written, *KOSTRA-funksjon
        253*, or *alle andre tjenesteområder* for ``default``."""
        key = " ".join(self.answered_for.lower().split())
        if key == "default":
            return message("answers.default_area", lang)
        if key.isdigit():
            return message("profile.kostra_area", lang, code=key)
        return self.answered_for


class Question(StrictModel):
    """Something the planner must answer before the goal can get an owner."""

    fact: str
    text: str
    choices: tuple[str, ...] = Field(description="The values the answer can take.")


class Classification(StrictModel):
    """Who owns one goal and carries the result responsibility, and why."""

    goal_id: str
    title: str
    owner: OwnerId | None = Field(description="null when the goal is unresolved.")
    owner_label: str | None
    adopted_by: OwnerId | None
    adopted_by_label: str | None
    rule: str = Field(description="The rule that decided, or that asks the questions.")
    principle: Literal[1, 2, 3, 4] | None
    justification: str = Field(description="Ready to paste into a council paper.")
    assumptions: tuple[Assumption, ...]
    answered: tuple[AnsweredFact, ...] = Field(
        default=(), description="Facts stated for this goal by an answers file."
    )
    questions: tuple[Question, ...] = Field(description="Non-empty exactly when owner is null.")
    municipality: str | None = Field(
        default=None, description="The municipality profile used, if any."
    )
    owner_role: str | None = Field(
        default=None,
        description="With a profile: the concrete role that owns it (e.g. rektor, Rådmannen).",
    )
    followed_up_by: str | None = Field(
        default=None,
        description="With a profile: the political body that follows up a council-owned goal.",
    )
    lang: Language
    ruleset: RulesetIdentity
    warnings: tuple[str, ...]
    goal: Goal = Field(description="The goal as read, every field carried through.")

    @classmethod
    def from_trusted(cls, fields: dict[str, Any]) -> Classification:
        """Build a result from values the classifier has already validated.

        Classification is the hot path (every goal of a budget tool); this skips
        the checks ``model_construct`` repeats and is about four times faster.
        ``fields`` must hold every field, in declaration order (JSON output follows it).
        Every such result shares one set of field names, as it sets them all; the set
        refuses changes in place, and its copies are plain sets (:class:`SharedFieldNames`).
        """
        return trusted_instance(cls, fields, RESULT_FIELDS, None)

    @property
    def resolved(self) -> bool:
        return self.owner is not None


#: The names of every field of a result: the one set that every result the classifier makes
#: holds as the fields it set (see :meth:`Classification.from_trusted`).
RESULT_FIELDS = SharedFieldNames(Classification.model_fields)
