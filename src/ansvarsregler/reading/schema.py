"""Pydantic models of the indicator rules under ``rules/indikatorer/``.

Most draft goals are only a title. An indicator rule names Norwegian words
that suggest a missing fact ("dekning" suggests a capacity goal); the words
are data a rule maintainer edits, not code. Like the ownership rules, every
model is closed to unknown keys and fact names and values are checked
against :mod:`ansvarsregler.vocabulary`, so a typo is an error with a line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import Field, field_validator

from ansvarsregler.i18n import invalid
from ansvarsregler.model_base import LocalizedText, RuleId, StrictModel
from ansvarsregler.vocabulary import FACT_VALUES, UNKNOWN_VALUES, FactName

#: The longest word or phrase, in characters: the longest shipped is 28. The trie of words is
#: compiled by recursion, one level per letter (reading/indicators.py), so this bounds it too.
MAX_WORD_LENGTH = 60

#: A word or phrase: lower-case letters, with single spaces between the words of a phrase.
_WORD = re.compile(r"^[^\W\d_]+(?: (?:[^\W\d_]+|\*))* [^\W\d_]+$|^[^\W\d_]+$")


def normalise_text(text: str) -> str:
    """The form words are matched in: NFC, lower case (so «Åpningstid» finds «åpningstid»)."""
    return unicodedata.normalize("NFC", text).lower()


def _check_suggestion(suggest: dict[str, str]) -> dict[str, str]:
    for fact, value in suggest.items():
        allowed = tuple(v for v in FACT_VALUES[fact] if v not in UNKNOWN_VALUES)
        if value not in allowed:
            raise invalid("rules.fact_value", fact=fact, value=value, allowed=", ".join(allowed))
    return suggest


class Indicator(StrictModel):
    """Words in a goal's title or description that suggest facts the planner left out.

    A word matches anywhere inside a word of the text, so a stem finds its
    inflections and compounds ("dekning" finds "barnehagedekningen"). In a
    phrase each word but the last may be followed by an ending ("nasjonal
    prøve" finds "nasjonale prøver"; not words under three letters, so "i alle"
    is not "ikke alle"), and ``*`` stands for any one word ("ved
    * skole" finds "ved Solbakken skole"; a word written out wins over ``*``).
    Where words overlap, the one that starts first wins, and of those the
    longest, so "arbeidsplass" (a societal goal)
    hides the "plass" (capacity) inside it. An indicator that suggests nothing
    (``suggest: {}``) exists only to hide the shorter words inside its own.
    """

    id: RuleId
    suggest: dict[FactName, str]
    words: Annotated[list[str], Field(min_length=1)]
    note: LocalizedText | None = None
    """Why these words suggest these facts, for the rule maintainer."""

    @field_validator("suggest")
    @classmethod
    def _known_values(cls, suggest: dict[str, str]) -> dict[str, str]:
        return _check_suggestion(suggest)

    @field_validator("words")
    @classmethod
    def _plain_words(cls, words: list[str]) -> list[str]:
        for word in words:
            if len(word) > MAX_WORD_LENGTH:
                raise invalid(
                    "indicators.word_too_long",
                    word=f"{word[:40]}…",
                    length=len(word),
                    limit=MAX_WORD_LENGTH,
                )
            if word != normalise_text(word) or not _WORD.match(word) or len(word) < 3:
                raise invalid("indicators.bad_word", word=word)
        return words


class ContestedRule(StrictModel):
    """What the result says when the words point two ways for one fact: ask, do not choose."""

    id: RuleId
    justification: LocalizedText


class IndicatorFile(StrictModel):
    """A file under ``rules/indikatorer/``; one of them holds the ``contested`` rule."""

    contested: ContestedRule | None = None
    indicators: list[Indicator] = Field(default_factory=list)


class IndicatorTest(StrictModel):
    """A goal text in, exactly the facts the indicators should suggest and contest out."""

    __test__ = False  # not a pytest class

    title: Annotated[str, Field(min_length=1)]
    description: str | None = None
    expect: dict[FactName, str] = Field(default_factory=dict)
    """Exactly these suggested facts (``{}``: none)."""
    contested: list[FactName] = Field(default_factory=list)
    """Exactly these facts the words point two ways on."""

    @field_validator("expect")
    @classmethod
    def _known_values(cls, expect: dict[str, str]) -> dict[str, str]:
        return _check_suggestion(expect)


class IndicatorTestFile(StrictModel):
    """A file under ``rules/indikatorer/tests/``."""

    tests: list[IndicatorTest]
