"""Pydantic models of the indicator rules under ``rules/indikatorer/``.

Most draft goals are only a title. An indicator rule names Norwegian words
and phrases that suggest a missing fact ("dekning" suggests a capacity goal);
the words are data a rule maintainer edits, not code. Like the ownership
rules, every model is closed to unknown keys and fact names and values are
checked against :mod:`ansvarsregler.vocabulary`, so a typo is an error with a line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ansvarsregler.i18n import invalid
from ansvarsregler.model_base import LocalizedText, RuleId, StrictModel
from ansvarsregler.vocabulary import DEFINITE_VALUES, FactName

#: The longest word or phrase, in characters (a phrase with many alternatives is long: the
#: longest shipped is about 150).
MAX_WORD_LENGTH = 200

#: One word of a rule: lower-case letters, ``-`` after it when it may also start a compound.
WORD = r"[^\W\d_]+-?"
#: A word in a phrase: ``=`` before it finds only that form («=barna skal», not «barn skal»).
_FORM = rf"=?{WORD}"
#: A place in a phrase: a word, alternatives (``innen|innan``), ``*`` (any one word),
#: ``<tall>`` (a number, in digits or words) or ``...`` (up to a few words).
_STEP = rf"(?:{_FORM}(?:\|{_FORM})*|\*|<tall>|\.\.\.)"
_FIRST_OR_LAST = rf"{_FORM}(?:\|{_FORM})*"
#: A phrase starts with a word or ``*`` (a name: «* barnehage» is one named kindergarten) and
#: ends with a word.
_TEXT_WORD = re.compile(rf"^{_FORM}$|^(?:{_FIRST_OR_LAST}|\*)(?: {_STEP})* {_FIRST_OR_LAST}$")
_KOSTRA_CODE = re.compile(r"^\d{3}$")

#: Where an indicator looks: the goal's title and description, its service area, or its
#: KOSTRA function (three digits).
Where = Literal["text", "service_area", "kostra_function"]


def normalise_text(text: str) -> str:
    """The form words are matched in: NFC, lower case (so «Åpningstid» finds «åpningstid»)."""
    return unicodedata.normalize("NFC", text).lower()


#: What an indicator suggests for a fact: one value, or the values its words leave open.
Suggested = str | list[str]


def suggested_values(value: Suggested) -> tuple[str, ...]:
    """The values an indicator's words point to for one fact: one, or those they leave open."""
    return (value,) if isinstance(value, str) else tuple(value)


def _check_value(fact: str, value: str) -> None:
    allowed = DEFINITE_VALUES[fact]
    if value not in allowed:
        raise invalid("rules.fact_value", fact=fact, value=value, allowed=", ".join(allowed))


def _check_suggestion(suggest: dict[str, Suggested]) -> dict[str, Suggested]:
    for fact, suggested in suggest.items():
        values = suggested_values(suggested)
        for value in values:
            _check_value(fact, value)
        if not isinstance(suggested, str) and len(set(values)) < 2:
            raise invalid("indicators.open_values", fact=fact)
    return suggest


class Indicator(StrictModel):
    """Words that suggest facts the planner left out, and how much they count.

    A word matches a word of the text with any ending the reading settings
    strip (``plass`` finds «plasser», «plassane»), and the last part of a
    compound (``plass`` finds «sjukeheimsplassar»), where the last part
    carries the meaning; with ``-`` after it also the first part
    (``sykefravær-`` finds «sykefraværsarbeidet»). It never matches inside a
    word: ``bygg`` is not in «innbyggere». With ``=`` before it a word matches only
    that exact form (``=skoler`` is a chapter for all schools; «skole» may be one).
    Where words compete for one word
    of the text, a whole word beats a compound's last part, and the longer
    beats the shorter, so ``arbeidsplass`` (a societal goal) wins over
    ``plass`` (capacity) in «arbeidsplassene». A phrase is words with single
    spaces; it wins over the words inside it (``på plass`` is not a place).
    An indicator that suggests nothing (``suggest: {}``) exists only to win
    over shorter words or phrases. An indicator that names several values for a
    fact (``budget_impact: [requires_increase, within_budget]``) has words that
    leave the fact open: it is asked unless other words settle it («skal
    styrkes» may or may not need more money).
    """

    id: RuleId
    suggest: dict[FactName, Suggested]
    words: Annotated[list[str], Field(min_length=1)]
    where: Where = "text"
    """What the words are looked for in: the goal's text, service area or KOSTRA function."""
    weight: Annotated[int, Field(ge=1, le=3)] = 2
    """How much one match counts: 1 a hint, 2 a clear sign, 3 decisive (see the settings)."""
    note: LocalizedText | None = None
    """Why these words suggest these facts, for the rule maintainer."""

    @field_validator("suggest")
    @classmethod
    def _known_values(cls, suggest: dict[str, Suggested]) -> dict[str, Suggested]:
        return _check_suggestion(suggest)

    @model_validator(mode="after")
    def _plain_words(self) -> Indicator:
        for word in self.words:
            if len(word) > MAX_WORD_LENGTH:
                raise invalid(
                    "indicators.word_too_long",
                    word=f"{word[:40]}…",
                    length=len(word),
                    limit=MAX_WORD_LENGTH,
                )
            if self.where == "kostra_function":
                if not _KOSTRA_CODE.match(word):
                    raise invalid("indicators.bad_code", word=word)
            elif word != normalise_text(word) or not _TEXT_WORD.match(word) or len(word) < 2:
                raise invalid("indicators.bad_word", word=word)
        return self


class ContestedRule(StrictModel):
    """What the result says when the words point two ways for one fact: ask, do not choose."""

    id: RuleId
    justification: LocalizedText


class ReadingSettings(StrictModel):
    """How words are compared and how much evidence a suggestion takes.

    Endings are stripped before words are compared, the longest that leaves a
    stem of at least ``shortest_stem`` letters, so one word in a rule covers
    its bokmål and nynorsk inflections («tjenestene», «tenestene» once
    ``tjeneste`` and ``teneste`` are named). Only inflections belong here:
    a derivational ending such as ``-ing`` would make «plassering» a «plass».
    """

    endings: list[Annotated[str, Field(pattern=r"^[^\W\d_]{1,6}$")]] = Field(default_factory=list)
    shortest_stem: Annotated[int, Field(ge=2, le=6)] = 3
    numbers: list[Annotated[str, Field(pattern=r"^[^\W\d_]+$")]] = Field(default_factory=list)
    """Number words ``<tall>`` in a phrase also matches («innen tre uker»)."""
    suggest_at: Annotated[int, Field(ge=1, le=9)] = 2
    """The weight the words for a value must reach before it is suggested."""
    outweigh: Annotated[int, Field(ge=1, le=9)] = 2
    """How many times the weight for any other value the winner needs; else the fact is
    contested (the words point two ways) and asked."""
    text_first: bool = True
    """Whether the goal's own words come before its service area and KOSTRA function, both
    ways: when those alone point to the heaviest value and the words to another, the fact is
    contested and asked, whatever the weights («tjenestene» in a goal under
    «Samfunnsutvikling»); when the words alone suggest a value, another value contests it
    only with words of its own or a clear sign (weight 2 or more) beside them, not with the
    area's hints («saksbehandlingstid» under «Kultur og samfunn» is service quality)."""


class IndicatorFile(StrictModel):
    """A file under ``rules/indikatorer/``; one of them holds ``contested`` and ``reading``."""

    contested: ContestedRule | None = None
    reading: ReadingSettings | None = None
    indicators: list[Indicator] = Field(default_factory=list)


class IndicatorTest(StrictModel):
    """A goal text in, exactly the facts the indicators should suggest and contest out."""

    __test__ = False  # not a pytest class

    title: Annotated[str, Field(min_length=1)]
    description: str | None = None
    service_area: str | None = None
    kostra_function: str | None = None
    expect: dict[FactName, str] = Field(default_factory=dict)
    """Exactly these suggested facts (``{}``: none)."""
    contested: list[FactName] = Field(default_factory=list)
    """Exactly these facts the words point two ways on."""

    @field_validator("expect")
    @classmethod
    def _known_values(cls, expect: dict[str, str]) -> dict[str, str]:
        for fact, value in expect.items():
            _check_value(fact, value)
        return expect


class IndicatorTestFile(StrictModel):
    """A file under ``rules/indikatorer/tests/``."""

    tests: list[IndicatorTest]
