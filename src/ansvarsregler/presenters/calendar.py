"""The annual wheel as an iCalendar file (``.ics``) a planner imports into their calendar.

Each task is an all-day event that repeats every year from the year asked for: on
its day where it has one, else over its month (or months), shown as free time, so
that "some time in May" does not block May. Each event's text says who does it,
whether it is political or administrative, and, for the standard wheel, that it
is the standard one.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from typing import IO

from ansvarsregler.documents.wheel import kind_word, when
from ansvarsregler.folding import plain_letters
from ansvarsregler.i18n import message
from ansvarsregler.municipality.cycle import AnnualCycle, CycleEvent
from ansvarsregler.vocabulary import Language

PRODUCT = "-//ansvarsregler//årshjul//NO"


def write_calendar(
    cycle: AnnualCycle,
    standard: bool,
    year: int,
    out: IO[bytes],
    lang: Language,
    municipality: str | None = None,
) -> None:
    """Every task of ``cycle`` as a yearly event, from ``year`` on."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    title = message("wheel.title", lang)
    calendar.add("x-wr-calname", f"{title}: {municipality}" if municipality else title)
    stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    slug = "-".join(
        "".join(
            c if c.isalnum() else " " for c in plain_letters(municipality or "standard")
        ).split()
    )
    seen: set[str] = set()
    for event in cycle.in_order():
        start, end = _span(event, year)
        entry = Event()
        uid = _uid(slug, event)
        while uid in seen:  # the same task twice in one wheel
            uid = f"x{uid}"
        seen.add(uid)
        entry.add("uid", uid)
        entry.add("dtstamp", stamp)
        entry.add("summary", _plain(event.what.get(lang)))
        entry.add("dtstart", start)
        entry.add("dtend", end)
        entry.add("rrule", {"freq": "yearly"})
        entry.add("transp", "OPAQUE" if event.day is not None else "TRANSPARENT")
        entry.add("categories", [kind_word(event, lang)])
        lines = [
            f"{message('wheel.who', lang)}: {_plain(event.who.get(lang))}",
            f"{when(event, lang)} ({kind_word(event, lang)})",
        ]
        if standard:
            lines.append(message("wheel.standard_mark", lang))
        entry.add("description", "\n".join(lines))
        calendar.add_component(entry)
    out.write(calendar.to_ical())


def _uid(slug: str, event: CycleEvent) -> str:
    """The same id for the same task of the same municipality, whatever the year or the
    language and wherever it stands in the wheel, so importing the calendar again updates
    the events instead of doubling them."""
    key = "|".join(
        (
            slug,
            event.activity,
            event.what.nb,
            str(event.month),
            str(event.day),
            str(event.end_month),
        )
    )
    return f"{slug}-{hashlib.sha256(key.encode()).hexdigest()[:16]}@ansvarsregler"


def _plain(text: str) -> str:
    """``text`` without control characters, which iCalendar does not allow in a text."""
    return _CONTROL.sub("", text)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _span(event: CycleEvent, year: int) -> tuple[datetime.date, datetime.date]:
    """The event's first day and the day after its last (iCalendar's end is exclusive)."""
    if event.day is not None:
        day = datetime.date(year, event.month, event.day)
        return day, day + datetime.timedelta(days=1)
    months = event.months()
    last_year = year + (months[-1] < months[0])
    after = datetime.date(last_year + (months[-1] == 12), months[-1] % 12 + 1, 1)
    return datetime.date(year, months[0], 1), after
