"""The annual wheel as a document and as a picture: every task of the year in order, when,
what, who, and whether it is political or administrative.

The standard wheel is said to be the standard one wherever it is shown, so no
one takes it for the municipality's own.
"""

from __future__ import annotations

from ansvarsregler.documents.blocks import (
    Block,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
    WheelChart,
    WheelEvent,
)
from ansvarsregler.i18n import message
from ansvarsregler.model_base import LocalizedText
from ansvarsregler.municipality.cycle import AnnualCycle, CycleEvent, standard_cycle
from ansvarsregler.municipality.schema import Profile
from ansvarsregler.vocabulary import Language

MONTHS = {
    "nb": (
        "januar", "februar", "mars", "april", "mai", "juni",
        "juli", "august", "september", "oktober", "november", "desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
EN_DASH = "\N{EN DASH}"
#: The most characters of a task's text the picture lists beside the wheel.
LABEL_LENGTH = 120


def wheel_of(profile: Profile | None) -> tuple[AnnualCycle, bool]:
    """The profile's wheel, or without a profile the standard one with the law's title."""
    if profile is not None:
        return profile.annual_wheel()
    return standard_cycle(LocalizedText(nb="Kommunedirektøren", en="The chief executive")), True


def when(event: CycleEvent, lang: Language) -> str:
    """When a task is, in words: «22. februar», «mars», «januar\N{EN DASH}februar»."""
    names = MONTHS[lang]
    if event.day is not None:
        month = names[event.month - 1]
        return f"{event.day}. {month}" if lang == "nb" else f"{event.day} {month}"
    if event.end_month is not None:
        return f"{names[event.month - 1]}{EN_DASH}{names[event.end_month - 1]}"
    return names[event.month - 1]


def kind_word(event: CycleEvent, lang: Language) -> str:
    return message(f"wheel.{event.kind}", lang)


def build_wheel_document(
    cycle: AnnualCycle, standard: bool, lang: Language, municipality: str | None = None
) -> Document:
    """The wheel as a table of the year, with its picture."""
    blocks: list[Block] = []
    if standard and cycle.note is not None:
        blocks.append(Paragraph(cycle.note.get(lang), note=True))
    else:
        blocks.append(Paragraph(message("wheel.source", lang, source=cycle.source), note=True))
    header = [
        message("wheel.when", lang),
        message("wheel.what", lang),
        message("wheel.who", lang),
        message("wheel.kind", lang),
    ]
    rows = [
        [when(event, lang), event.what.get(lang), event.who.get(lang), kind_word(event, lang)]
        for event in cycle.in_order()
    ]
    blocks.append(Table(header, rows, widths=[3, 8, 5, 3]))
    blocks.append(Heading(message("wheel.picture", lang), 1))
    blocks.append(Figure(wheel_chart(cycle, standard, lang), message("wheel.caption", lang)))
    subtitle = message("report.for", lang, name=municipality) if municipality else None
    return Document(message("wheel.title", lang), lang, tuple(blocks), subtitle)


def wheel_chart(cycle: AnnualCycle, standard: bool, lang: Language) -> WheelChart:
    return WheelChart(
        title=message("wheel.title", lang),
        month_names=MONTHS[lang],
        rings=(message("wheel.political", lang), message("wheel.administrative", lang)),
        events=[
            WheelEvent(_label(event, lang), event.months(), event.kind == "political")
            for event in cycle.in_order()
        ],
        note=message("wheel.standard_mark", lang) if standard else None,
    )


def _label(event: CycleEvent, lang: Language) -> str:
    """When and what, as the list beside the wheel says it (a very long text cut)."""
    text = event.what.get(lang)
    if len(text) > LABEL_LENGTH:
        text = text[: LABEL_LENGTH - 1].rstrip(" ,:;") + "\N{HORIZONTAL ELLIPSIS}"
    return f"{when(event, lang)}: {text}"
