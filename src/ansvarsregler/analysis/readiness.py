"""Is a municipality ready for result responsibility? The questions slides 13 and 14 ask.

For each authority a unit leader with result responsibility needs, the
profile says whether unit leaders have it in full, in part, not at all, or
that the source does not say; the leadership rules (the same engine as the
ownership rules) name the risks and the change that closes each; with goals,
the report also lists the goals that end with leaders who lack what they need.
"""

from __future__ import annotations

from collections.abc import Iterable

from ansvarsregler.classifier import Classifier
from ansvarsregler.goals.model import Goal
from ansvarsregler.i18n import message
from ansvarsregler.model_base import StrictModel
from ansvarsregler.municipality.effects import Municipality
from ansvarsregler.municipality.schema import AUTHORITIES, Profile
from ansvarsregler.rules.loader import Ruleset
from ansvarsregler.vocabulary import Language


class AuthorityFinding(StrictModel):
    authority: str
    label: str
    level: str
    level_label: str
    note: str | None


class Risk(StrictModel):
    rule: str
    severity: str
    """``lacks``: the leaders lack it; ``unclear``: the profile does not say."""
    risk: str
    change: str


class GoalAtRisk(StrictModel):
    goal_id: str
    title: str
    owner_role: str | None


class ReadinessReport(StrictModel):
    """The readiness of one municipality's unit leaders for result responsibility."""

    municipality: str
    source: str
    chief_executive_title: str
    political_model: str
    administrative_model: str
    unit_leaders: tuple[AuthorityFinding, ...]
    """Slides 13 and 14: what unit leaders with result responsibility need, and what they have."""
    chief_executive: tuple[AuthorityFinding, ...]
    leader_agreements: str
    leader_agreements_label: str
    leader_agreements_note: str | None
    risks: tuple[Risk, ...]
    """From the leadership rules, most serious first, each with the change that closes it."""
    goals_at_risk: tuple[GoalAtRisk, ...] | None
    """With goals: those that end with a unit leader who lacks what result responsibility
    takes (risks that only say the profile is silent do not count)."""
    question: str | None
    lang: Language


def readiness(
    ruleset: Ruleset,
    profile: Profile,
    *,
    goals: Iterable[Goal] | None = None,
    lang: Language = "nb",
) -> ReadinessReport:
    """The readiness report for ``profile``, optionally with the goals at risk."""
    town = Municipality(profile, ruleset)
    risks = tuple(
        Risk(
            rule=rule.id,
            severity=rule.severity,
            risk=town.in_own_words(rule.warn.get(lang), lang),
            change=town.in_own_words(rule.change.get(lang), lang),
        )
        for rule in map(ruleset.leadership_rule, town.leadership_gaps())
    )
    lacking = any(risk.severity == "lacks" for risk in risks)
    at_risk = None
    if goals is not None:
        classifier = Classifier(ruleset, profile=profile)
        at_risk = tuple(
            GoalAtRisk(goal_id=result.goal_id, title=result.title, owner_role=result.owner_role)
            for result in classifier.classify_many(goals, lang=lang)
            if result.owner == "virksomhetsleder" and lacking
        )
    return ReadinessReport(
        municipality=profile.name,
        source=profile.source,
        chief_executive_title=profile.chief_executive_title,
        political_model=profile.political_model.get(lang),
        administrative_model=profile.administrative_model.get(lang),
        unit_leaders=_findings(profile.delegated_to_unit_leaders, lang),
        chief_executive=_findings(profile.delegated_to_chief_executive, lang),
        leader_agreements=profile.leader_agreements,
        leader_agreements_label=message(f"agreements.{profile.leader_agreements}", lang),
        leader_agreements_note=(
            profile.leader_agreements_note.get(lang) if profile.leader_agreements_note else None
        ),
        risks=risks,
        goals_at_risk=at_risk,
        question=profile.question.get(lang) if profile.question else None,
        lang=lang,
    )


def _findings(grants: dict, lang: Language) -> tuple[AuthorityFinding, ...]:
    return tuple(
        AuthorityFinding(
            authority=authority,
            label=message(f"authority.{authority}", lang),
            level=grants[authority].level,
            level_label=message(f"level.{grants[authority].level}", lang),
            note=grants[authority].note.get(lang) if grants[authority].note else None,
        )
        for authority in AUTHORITIES
        if authority in grants
    )
