"""A goal's target, read from its words into something a measured value can be held against.

«minst 85 %», «under 4 %», «høyst 30 dager», «95\N{EN DASH}100 %», «0 eller mindreforbruk»,
«minst 4,5 av 6», «07.00\N{EN DASH}17.00», «ferdig august 2027, innenfor 120 mill. kr»: each
becomes a comparison, a value (or two), a unit, and where the words give them a
reference («landsgjennomsnittet»), a deadline («innen 2028») and a condition
(«innenfor 85 mill. kr»). A target that gives no number and no milestone, or words
this reader does not know, is reported as unreadable, never guessed.

A bare value («95 %», «0») is a floor: at least it; at most it when it is 0, or when the
goal's title brings something down to that very value («skal ned til 25 %», «reduseres
til 6 %»). A value that is itself the size of a change («55 % reduksjon») is a floor.
"""

from __future__ import annotations

import re
from typing import Literal

from ansvarsregler.model_base import StrictModel

Comparison = Literal[
    "at_least", "above", "at_most", "below", "between", "opening_hours", "milestone"
]  # fmt: skip

# ASCII digits only; a point or comma then exactly three digits is a thousands separator in
# one language and a decimal in another, so it is not read (nor «1.200», nor «1,200»).
_NUMBER = r"-?[0-9]+(?:[ \u00a0][0-9]{3})*(?:[.,](?![0-9]{3}(?![0-9]))[0-9]+)?"
_MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
_DEADLINE = re.compile(
    rf"(?:,\s*)?\b(?:(?P<word>innen|fra|ferdig|godkjent innen|godkjent|i)\s+)?"
    rf"(?P<when>(?P<month>utgangen av\s+|(?:{_MONTHS}|våren|høsten|sommeren)\s+)?"
    rf"(?P<year>20[0-9][0-9]))\s*$"
)
_CONDITION = re.compile(r",\s*(?P<condition>innenfor\s+.+)$")
_HOURS = re.compile(
    r"^(?P<from>\d{1,2})[.:](?P<from_min>\d{2})\s*[-\u2013]\s*(?P<to>\d{1,2})[.:](?P<to_min>\d{2})"
    r"(?P<rest>.*)$"
)
_RANGE = re.compile(
    rf"^(?:mellom\s+)?(?P<low>{_NUMBER})\s*(?P<unit_low>%?)\s*(?:[-\u2013]|til|og)\s*"
    rf"(?P<high>{_NUMBER})\s*(?P<unit>.*)$"
)
_PREFIXES: tuple[tuple[str, Comparison], ...] = (
    ("minimum", "at_least"),
    ("minst", "at_least"),
    ("mer enn", "above"),
    ("flere enn", "above"),
    ("over", "above"),
    ("høyst", "at_most"),
    ("maksimalt", "at_most"),
    ("maks", "at_most"),
    ("ikke over", "at_most"),
    ("ikke mer enn", "at_most"),
    ("innen", "at_most"),
    ("mindre enn", "below"),
    ("færre enn", "below"),
    ("lavere enn", "below"),
    ("under", "below"),
)
_SUFFIXES: tuple[tuple[str, Comparison], ...] = (
    ("eller mindreforbruk", "at_most"),
    ("eller mindre", "at_most"),
    ("eller lavere", "at_most"),
    ("eller færre", "at_most"),
    ("eller mer", "at_least"),
    ("eller høyere", "at_least"),
    ("eller flere", "at_least"),
)
_VALUE = re.compile(rf"^(?P<value>{_NUMBER})\s*(?P<unit>.*)$")
#: A title that brings something down to the target's own value («skal ned til 25 %»,
#: «reduseres til 6 %»): the bare value is then a ceiling.
_DOWN_TO = r"\b(?:ned|reduser\w*|senke\w*|minske\w*)\b[^.]*?\btil\s+{value}(?![0-9])"
#: What a unit may not hold: words and signs of a comparison or a second value this reader
#: does not take apart («og høyst 95 %», «lavere enn i fjor», «2019-nivå», «1:10», «± 2»).
_NOT_A_UNIT = re.compile(
    r"\b(?:og|eller|til|enn|mellom|fra|i fjor|lavere|høyere|færre|flere|mer|mindre|bedre|"
    r"dårligere|økning|nedgang)\b|nivå|[:/±+=<>()0-9]"
)
_SCALE = re.compile(r"^av [0-9]+(?:[.,][0-9]+)?$")
#: Words of a unit that make the value the size of a change, to reach at least.
_CHANGE = re.compile(r"\b(reduksjon|nedgang|vekst|økning|forbedring)\b")
#: Words that name a reference value instead of a number («minst landsgjennomsnittet»).
_REFERENCE = re.compile(r"(gjennomsnitt\w*|snitt\w*|nivå\w*|median\w*)")


class Target(StrictModel):
    """A target as read: what a measured value must be to reach it."""

    text: str
    comparison: Comparison
    value: float | None = None
    """The number; for ``between`` and ``opening_hours`` the lower one (hours as 7.5 for
    07.30); ``None`` for a milestone or a reference without a number."""
    upper: float | None = None
    unit: str | None = None
    reference: str | None = None
    """A value the target is measured against, named not given («landsgjennomsnittet»)."""
    deadline: str | None = None
    condition: str | None = None


class UnreadableTarget(ValueError):
    """A target whose words this reader cannot turn into a comparison."""


def read_target(text: str, title: str = "") -> Target:
    """``text`` as a :class:`Target`; :class:`UnreadableTarget` if it cannot be read."""
    words = " ".join(text.replace("\u00a0", " ").split())
    rest = words.lower()
    condition = deadline = None
    if found := _CONDITION.search(rest):
        condition, rest = found["condition"], rest[: found.start()].strip()
    found = _DEADLINE.search(rest)
    if found and (found["word"] or found["month"]):  # «2000» alone is a number, not a year
        deadline, rest = found["when"], rest[: found.start()].strip(" ,")
    if not rest or rest in ("ferdig", "godkjent", "gjennomført", "på plass"):
        if deadline is None:
            raise UnreadableTarget(text)
        return Target(text=words, comparison="milestone", deadline=deadline, condition=condition)
    if found := _HOURS.match(rest):
        start = int(found["from"]) + int(found["from_min"]) / 60
        end = int(found["to"]) + int(found["to_min"]) / 60
        unit = found["rest"].strip() or None
        minutes_ok = int(found["from_min"]) < 60 and int(found["to_min"]) < 60
        if not (minutes_ok and 0 <= start < end <= 24) or _bad_unit(unit):
            raise UnreadableTarget(text)
        return Target(text=words, comparison="opening_hours", value=start, upper=end, unit=unit,
                      deadline=deadline, condition=condition)  # fmt: skip
    comparison: Comparison | None = None
    for prefix, meaning in _PREFIXES:
        if rest.startswith(prefix + " "):
            comparison, rest = meaning, rest[len(prefix) :].strip()
            break
    for suffix, meaning in _SUFFIXES:
        if rest.endswith(" " + suffix):
            comparison, rest = comparison or meaning, rest[: -len(suffix)].strip()
            break
    if comparison is None and (found := _RANGE.match(rest)):
        low, high, unit = _number(found["low"]), _number(found["high"]), found["unit"] or None
        if not low < high or _bad_unit(unit):
            raise UnreadableTarget(text)
        return Target(text=words, comparison="between", value=low, upper=high, unit=unit,
                      deadline=deadline, condition=condition)  # fmt: skip
    reference = None
    if found := re.search(r"\((?P<reference>[^)]*)\)\s*$", rest):
        reference, rest = found["reference"].strip(), rest[: found.start()].strip()
    found = _VALUE.match(rest)
    if found is None:
        if comparison is not None and _REFERENCE.search(rest):
            return Target(text=words, comparison=comparison, reference=rest,
                          deadline=deadline, condition=condition)  # fmt: skip
        raise UnreadableTarget(text)
    value = _number(found["value"])
    unit = found["unit"].strip() or None
    if _bad_unit(unit):
        raise UnreadableTarget(text)
    if comparison is None:
        change = unit is not None and bool(_CHANGE.search(unit))  # «55 % reduksjon»: the size
        down = re.search(_DOWN_TO.format(value=re.escape(found["value"])), title.lower())
        ceiling = not change and (value == 0 or down is not None)
        comparison = "at_most" if ceiling else "at_least"
    return Target(text=words, comparison=comparison, value=value, unit=unit, reference=reference,
                  deadline=deadline, condition=condition)  # fmt: skip


def _bad_unit(unit: str | None) -> bool:
    """Whether ``unit`` holds more than a unit: a second value, a comparison, a reference."""
    return unit is not None and not _SCALE.match(unit) and bool(_NOT_A_UNIT.search(unit))


def _number(text: str) -> float:
    return float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
