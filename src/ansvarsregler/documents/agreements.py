"""Leader agreements of the new kind (slide 13): one between the chief executive and each
unit leader for the goals that leader owns, and one between the council and the chief
executive for the goals the chief executive owns.

Each agreement says what the leader answers for (reaching the goals, keeping the
budget), what authority the leader has to do it, as the profile says it (delegated,
in part, not, or not stated), where the leader lacks what the responsibility needs,
when the results are followed up (the annual wheel's result dialogues and reports),
and ends with a place for both to sign. It says nothing the profile does not: an
authority the profile leaves ``unknown`` is printed as not stated, never assumed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ansvarsregler.analysis.readiness import readiness
from ansvarsregler.documents.blocks import Block, Bullets, Document, Heading, Paragraph, Table
from ansvarsregler.documents.report import area_name, norwegian_order
from ansvarsregler.documents.wheel import when
from ansvarsregler.folding import plain_letters
from ansvarsregler.goals.extras import goal_extra
from ansvarsregler.i18n import message
from ansvarsregler.municipality.cycle import Activity
from ansvarsregler.municipality.schema import AUTHORITIES, Authority, Grant, Profile
from ansvarsregler.result import Classification
from ansvarsregler.rules.loader import Ruleset
from ansvarsregler.vocabulary import Language

#: The wheel's tasks each agreement names as its follow-up.
UNIT_FOLLOW_UP: tuple[Activity, ...] = ("result_dialogue", "user_survey", "employee_survey")
CHIEF_FOLLOW_UP: tuple[Activity, ...] = ("tertial_report", "annual_report", "budget_process")


@dataclass(frozen=True)
class Agreement:
    """One agreement: its file name (without suffix) and its content."""

    name: str
    document: Document


def build_agreements(
    results: Iterable[Classification], profile: Profile, ruleset: Ruleset, lang: Language
) -> list[Agreement]:
    """One agreement per unit leader (by role and unit) with the goals that leader owns, in
    the order of their units, and one for the chief executive if the chief executive owns
    goals."""
    results = list(results)
    led = [
        (
            leader_of(
                result.owner_role,
                result.owner_label,
                goal_extra(result.goal, "unit"),
                result.goal.service_area,
                lang,
            ),
            result,
        )
        for result in results
        if result.owner == "virksomhetsleder"
    ]
    risks = [
        risk.risk
        for risk in readiness(ruleset, profile, lang=lang).risks
        if risk.severity == "lacks"
    ]
    agreements = [
        _unit_agreement(role, unit, goals, profile, risks, lang)
        for (role, unit), goals in by_leader(led)
    ]
    chief = [result for result in results if result.owner == "radmann"]
    if chief:
        agreements.append(_chief_agreement(chief, profile, lang))
    return _named_once(agreements)


def _unit_agreement(
    role: str,
    unit: str,
    goals: Sequence[Classification],
    profile: Profile,
    risks: Sequence[str],
    lang: Language,
) -> Agreement:
    chief = profile.chief_executive().get(lang)
    leader = message("agreement.leader_for", lang, role=_lower_first(role), unit=unit)
    blocks: list[Block] = [
        Paragraph(message("agreement.parties", lang, first=_lower_first(chief), second=leader)),
        *_goals(goals, lang),
        *_responsibility(lang),
        *_authority(profile.delegated_to_unit_leaders, lang),
    ]
    if risks:
        blocks.append(Heading(message("agreement.lacks", lang), 1))
        blocks.append(Paragraph(message("agreement.lacks_intro", lang)))
        blocks.append(Bullets(risks))
    bodies = sorted({result.followed_up_by for result in goals if result.followed_up_by})
    blocks.extend(_follow_up(profile, UNIT_FOLLOW_UP, bodies, lang))
    blocks.extend(_signatures((role, chief), lang))
    title = message("agreement.title", lang)
    subtitle = f"{role}, {unit} \N{EM DASH} {message('report.for', lang, name=profile.name)}"
    # Named after the unit only, the same in every language; two roles in one unit get -2.
    return Agreement(f"lederavtale-{_slug(unit)}", Document(title, lang, tuple(blocks), subtitle))


def _chief_agreement(
    goals: Sequence[Classification], profile: Profile, lang: Language
) -> Agreement:
    chief = profile.chief_executive().get(lang)
    council = message("agreement.council", lang)
    blocks: list[Block] = [
        Paragraph(message("agreement.parties", lang, first=council, second=_lower_first(chief))),
        *_goals(goals, lang, by_area=True),
        *_responsibility(lang),
        *_authority(profile.delegated_to_chief_executive, lang),
        *_follow_up(profile, CHIEF_FOLLOW_UP, [], lang),
        *_signatures((chief, message("agreement.mayor", lang)), lang),
    ]
    title = message("agreement.title_chief", lang, chief=_lower_first(chief))
    subtitle = message("report.for", lang, name=profile.name)
    name = f"lederavtale-{_slug(profile.chief_executive_title)}"
    return Agreement(name, Document(title, lang, tuple(blocks), subtitle))


def _goals(goals: Sequence[Classification], lang: Language, by_area: bool = False) -> list[Block]:
    header = [
        message("report.goal", lang),
        message("report.indicator", lang),
        message("report.target", lang),
    ]
    rows = [
        [result.title, goal_extra(result.goal, "indicator"), goal_extra(result.goal, "target")]
        for result in goals
    ]
    if by_area:
        header.insert(1, message("report.area", lang))
        for row, result in zip(rows, goals, strict=True):
            row.insert(1, area_name(result.goal.service_area))
    widths = [5, 3, 4, 3] if by_area else [5, 4, 3]
    return [
        Heading(message("agreement.goals", lang), 1),
        Paragraph(message("agreement.goals_intro", lang, count=len(goals))),
        Table(header, rows, widths=widths),
    ]


def _responsibility(lang: Language) -> list[Block]:
    return [
        Heading(message("agreement.responsibility", lang), 1),
        Bullets(
            [
                message("agreement.reach_goals", lang),
                message("agreement.keep_budget", lang),
                message("agreement.report", lang),
            ]
        ),
    ]


def _authority(grants: Mapping[Authority, Grant], lang: Language) -> list[Block]:
    header = [
        message("agreement.authority", lang),
        message("agreement.delegated", lang),
        message("agreement.note", lang),
    ]
    rows = [
        [
            message(f"authority.{authority}", lang),
            message(f"agreement.level.{grant.level}", lang),
            grant.note.get(lang) if grant.note else "",
        ]
        for authority, grant in sorted(grants.items(), key=lambda item: AUTHORITIES.index(item[0]))
    ]
    return [
        Heading(message("agreement.authority_heading", lang), 1),
        Paragraph(message("agreement.authority_intro", lang)),
        Table(header, rows, widths=[5, 2, 5]),
    ]


def _follow_up(
    profile: Profile, activities: Sequence[str], bodies: Sequence[str], lang: Language
) -> list[Block]:
    cycle, standard = profile.annual_wheel()
    rows = [
        [when(event, lang), event.what.get(lang), event.who.get(lang)]
        for event in cycle.in_order()
        if event.activity in activities
    ]
    blocks: list[Block] = [Heading(message("agreement.follow_up", lang), 1)]
    blocks.extend(Paragraph(message("report.followed_up_by", lang, body=body)) for body in bodies)
    if rows:
        header = [
            message("wheel.when", lang),
            message("wheel.what", lang),
            message("wheel.who", lang),
        ]
        blocks.append(Table(header, rows, widths=[2, 6, 4]))
    else:
        blocks.append(Paragraph(message("agreement.no_dates", lang)))
    if standard:
        blocks.append(Paragraph(message("agreement.standard_wheel", lang), note=True))
    return blocks


def _signatures(parties: tuple[str, str], lang: Language) -> list[Block]:
    place = message("agreement.place_date", lang)
    line = "." * 40  # dots: nothing to escape in Markdown, a line to sign on everywhere
    return [
        Heading(message("agreement.signatures", lang), 1),
        Table([place, *parties], [[line, line, line]], widths=[1, 1, 1]),
    ]


ItemT = TypeVar("ItemT")


def by_leader(
    led: Iterable[tuple[tuple[str, str], ItemT]],
) -> list[tuple[tuple[str, str], list[ItemT]]]:
    """Items grouped by their leader (role, unit), case and spacing ignored, each leader as
    first written; in the order of the units, Norwegian alphabetical."""
    groups: dict[tuple[str, str], list[ItemT]] = {}
    shown: dict[tuple[str, str], tuple[str, str]] = {}
    for (role, unit), item in led:
        key = (" ".join(role.casefold().split()), " ".join(unit.casefold().split()))
        shown.setdefault(key, (role, unit))
        groups.setdefault(key, []).append(item)
    ordered = sorted(groups, key=lambda key: (norwegian_order(key[1]), key[0]))
    return [(shown[key], groups[key]) for key in ordered]


def leader_of(
    role: str | None, label: str | None, unit: str, service_area: str | None, lang: Language
) -> tuple[str, str]:
    """Who leads a goal a unit leader owns, as (role, unit): the role the profile names
    (*rektor*), else the owner's label; the goal's unit, else its service area."""
    named = role or label or message("report.unresolved_column", lang)
    where = unit or area_name(service_area) or message("report.no_area", lang)
    return named[:1].upper() + named[1:], where


def _lower_first(text: str) -> str:
    """A title inside a sentence: «Rådmannen» becomes «rådmannen»."""
    return text[:1].lower() + text[1:]


def _slug(text: str) -> str:
    """A file name's part: plain lower-case letters and digits, words joined by ``-``."""
    plain = "".join(c if c.isalnum() else " " for c in plain_letters(text))
    return "-".join(plain.split())[:60] or "enhet"


def _named_once(agreements: list[Agreement]) -> list[Agreement]:
    """The agreements with file names made unique (two units may fold to the same name)."""
    seen: dict[str, int] = {}
    named = []
    for agreement in agreements:
        count = seen.get(agreement.name, 0) + 1
        seen[agreement.name] = count
        name = agreement.name if count == 1 else f"{agreement.name}-{count}"
        named.append(Agreement(name, agreement.document))
    return named
