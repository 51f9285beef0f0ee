"""The result dialogue as a document: the results per owner, the results per goal, and
for each unit leader an agenda (slide 12): what was planned, what was achieved, which
measures now, and what the leader controls to take them."""

from __future__ import annotations

from collections.abc import Sequence

from ansvarsregler.analysis.results import STATUSES, GoalResult, ResultsReport
from ansvarsregler.documents.agreements import by_leader, leader_of
from ansvarsregler.documents.blocks import Block, Bullets, Document, Heading, Paragraph, Table
from ansvarsregler.i18n import message
from ansvarsregler.municipality.schema import AUTHORITIES, Profile
from ansvarsregler.vocabulary import Language


def build_dialogue_document(
    report: ResultsReport, lang: Language, profile: Profile | None = None
) -> Document:
    blocks: list[Block] = [*_summary(report, lang), *_by_goal(report.goals, lang)]
    notes = [f"{goal.title}: {goal.note}" for goal in report.goals if goal.note]
    if notes or report.warnings:
        blocks += [Heading(message("results.notes", lang), 1), Bullets([*notes, *report.warnings])]
    led = [
        (leader_of(goal.owner_role, goal.owner_label, goal.unit, goal.service_area, lang), goal)
        for goal in report.goals
        if goal.owner == "virksomhetsleder"
    ]
    if not led:
        blocks.append(Paragraph(message("results.none_for_dialogue", lang)))
    for (role, unit), goals in by_leader(led):
        blocks.extend(_agenda(f"{role}, {unit}", goals, profile, lang))
    subtitle = message("report.for", lang, name=profile.name) if profile else None
    return Document(message("results.title", lang), lang, tuple(blocks), subtitle)


def _summary(report: ResultsReport, lang: Language) -> list[Block]:
    header = [
        message("results.owner", lang),
        *(message(f"results.status.{status}", lang).capitalize() for status in STATUSES),
        message("results.better", lang),
        message("results.worse", lang),
    ]
    rows = [
        [
            owner.owner_label,
            str(owner.reached),
            str(owner.not_reached),
            str(owner.not_measured),
            str(owner.not_comparable),
            str(owner.better),
            str(owner.worse),
        ]
        for owner in report.owners
    ]
    return [
        Heading(message("results.summary", lang), 1),
        Paragraph(message("results.summary_intro", lang)),
        Table(header, rows, widths=[4, 2, 2, 2, 3, 2, 2]),
    ]


def _by_goal(goals: Sequence[GoalResult], lang: Language) -> list[Block]:
    header = [
        message("report.goal", lang),
        message("results.owner", lang),
        message("report.target", lang),
        message("results.latest", lang),
        message("results.status", lang),
        message("results.trend", lang),
    ]
    rows = [
        [
            goal.title,
            goal.owner_label or message("report.unresolved_column", lang),
            goal.target_text,
            latest(goal, lang),
            message(f"results.status.{goal.status}", lang),
            message(f"results.trend.{goal.trend}", lang),
        ]
        for goal in goals
    ]
    return [
        Heading(message("results.by_goal", lang), 1),
        Table(header, rows, widths=[5, 3, 3, 3, 2, 2]),
    ]


def _agenda(
    leader: str, goals: Sequence[GoalResult], profile: Profile | None, lang: Language
) -> list[Block]:
    chief = profile.chief_executive().get(lang) if profile else message("results.chief", lang)
    rows = [
        [
            goal.title,
            goal.target_text,
            latest(goal, lang),
            message(f"results.status.{goal.status}", lang),
            message(f"results.trend.{goal.trend}", lang),
        ]
        for goal in goals
    ]
    header = [
        message("report.goal", lang),
        message("report.target", lang),
        message("results.latest", lang),
        message("results.status", lang),
        message("results.trend", lang),
    ]
    missed = [goal for goal in goals if goal.status == "not_reached"]
    measures = [
        message("results.measure_for", lang, title=goal.title, target=goal.target_text)
        for goal in missed
    ]
    if not measures:
        reached = any(goal.status == "reached" for goal in goals)
        measures = [message("results.all_reached" if reached else "results.none_measured", lang)]
    return [
        Heading(message("results.dialogue", lang, leader=leader), 1),
        Paragraph(message("results.dialogue_intro", lang, chief=chief[:1].lower() + chief[1:])),
        Heading(message("results.planned", lang), 2),
        Bullets([f"{goal.title}: {goal.target_text or '-'}" for goal in goals]),
        Heading(message("results.achieved", lang), 2),
        Table(header, rows, widths=[5, 3, 3, 2, 2]),
        Heading(message("results.measures", lang), 2),
        Bullets(measures),
        Heading(message("results.controls", lang), 2),
        *_controls(profile, lang),
    ]


def _controls(profile: Profile | None, lang: Language) -> list[Block]:
    if profile is None:
        return [Paragraph(message("results.no_profile", lang))]
    grants = profile.delegated_to_unit_leaders
    held = []
    for authority in AUTHORITIES:
        grant = grants.get(authority)  # type: ignore[call-overload]
        if grant is not None and grant.level in ("full", "partial"):
            level = message(f"agreement.level.{grant.level}", lang)
            held.append(f"{message(f'authority.{authority}', lang)} ({level})")
    return [Bullets(held)] if held else [Paragraph(message("results.controls_none", lang))]


def latest(goal: GoalResult, lang: Language) -> str:
    """The latest measurement as the tables show it: ``2026-T2: 87``, ``2026: ja``."""
    if not goal.measurements:
        return ""
    last = goal.measurements[-1]
    if last.upper is not None:
        value = f"{_hours(last.value)}-{_hours(last.upper)}"
    elif goal.target is not None and goal.target.comparison == "milestone":
        value = message("results.yes" if last.value >= 1 else "results.no", lang)
    else:
        value = _number(last.value, lang)
    return f"{last.period}: {value}"


def _number(value: float, lang: Language) -> str:
    """A measured value as written: every digit before the decimal sign (never 1e+06), up
    to four after it, a decimal comma in bokmål."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nb" else text


def _hours(value: float) -> str:
    hours, minutes = divmod(round(value * 60), 60)
    return f"{hours:02}.{minutes:02}"
