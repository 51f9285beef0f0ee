"""The working sheet's fact columns: the value each fact was decided on, and where it came from.

A classified spreadsheet shows, for each goal, the four facts its owner was
decided on, in the planner's words (*Måltype: tjenestekvalitet*), and beside
the result columns a *Kilde* (source) column per fact saying how each value
came about: stated by the planner, answered in an answers file (``--answers``),
suggested by the goal's words, assumed by a rule or the profile, missing (the
question to answer), or not needed (the owner is the same whatever it is).

The source cell is also how the next run tells the planner's edits from the
values it filled in itself: a fact cell that still holds the value its source
cell says was suggested or assumed is not the planner's word and is read
again by the rules (or the answers file given to that run); any other value in a fact
cell is stated. Both cells are
plain text, so the record survives a save in Excel or LibreOffice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, cast

from ansvarsregler.folding import fold
from ansvarsregler.goals.column_words import FIELD_WORDS, VALUE_WORDS
from ansvarsregler.i18n import message
from ansvarsregler.vocabulary import FACT_NAMES, LANGUAGES, Language

if TYPE_CHECKING:  # a type only: reading a classified sheet must not need the results layer
    from ansvarsregler.result import Classification

#: How a fact's value came about.
Source = Literal["stated", "answered", "suggested", "assumed", "missing", "not_needed"]
#: Sources whose value the run filled in itself: untouched, they are read again next time.
FILLED_IN: frozenset[str] = frozenset({"answered", "suggested", "assumed"})

_LANGUAGES = cast(tuple[Language, ...], LANGUAGES)


def fact_header(fact: str, lang: Language) -> str:
    """The header of a fact column a run adds: *Måltype*, *Goal type*."""
    words = FIELD_WORDS[fact]
    return words[0] if lang == "nb" else words[-1]


def source_header(fact: str, lang: Language) -> str:
    """The header of a fact's source column: *Kilde måltype*, *Source goal type*."""
    return message("col.fact_source", lang, fact=fact_header(fact, lang).lower())


def value_word(fact: str, value: str, lang: Language) -> str:
    """A fact value as the fact column shows it, a word the next run reads back."""
    return VALUE_WORDS[fact][value][0] if lang == "nb" else value.replace("_", " ")


def value_words(fact: str, lang: Language) -> tuple[str, ...]:
    """Every value of ``fact`` as the fact column's drop-down offers it."""
    return tuple(value_word(fact, value, lang) for value in VALUE_WORDS[fact])


@dataclass(frozen=True)
class FactCell:
    """One fact of one goal in the working sheet."""

    fact: str
    value: str | None
    """The value the owner was decided on; ``None`` when it is asked or not needed."""
    source: Source
    note: str | None = None
    """Why it was answered, suggested or assumed (the file, the words quoted), for a cell
    comment."""

    def source_text(self, lang: Language) -> str:
        """The source cell: *oppgitt*, *foreslått av ordene: tjenestekvalitet*, *mangler*."""
        return _source_text(self.fact, self.source, self.value, lang)


@lru_cache(maxsize=256)  # a few dozen texts in all, written on every row
def _source_text(fact: str, source: Source, value: str | None, lang: Language) -> str:
    if value is None or source == "stated":
        return message(f"source.{source}", lang)
    return message(f"source.{source}_value", lang, value=value_word(fact, value, lang))


def fact_cells(result: Classification) -> tuple[FactCell, ...]:
    """How each fact of ``result`` came about, in :data:`FACT_NAMES` order."""
    stated = dict(zip(FACT_NAMES, result.goal.fact_values(), strict=True))
    answered = {item.fact: item for item in result.answered}
    assumed = {item.fact: item for item in result.assumptions}
    asked = {question.fact for question in result.questions}
    cells: list[FactCell] = []
    for fact in FACT_NAMES:
        value = stated[fact]
        if value is not None:
            cells.append(FactCell(fact, value, "stated"))
        elif (answer := answered.get(fact)) is not None:
            note = message(
                "source.answered_note",
                result.lang,
                area=answer.covers(result.lang),
                file=answer.file,
                line=answer.line,
            )
            cells.append(FactCell(fact, answer.value, "answered", note))
        elif (item := assumed.get(fact)) is not None:
            source: Source = "suggested" if item.source == "words" else "assumed"
            cells.append(FactCell(fact, item.value, source, item.text))
        else:
            cells.append(FactCell(fact, None, "missing" if fact in asked else "not_needed"))
    return tuple(cells)


@lru_cache(maxsize=1)  # built on the first source cell read, then kept
def _source_words() -> dict[str, tuple[Source, str | None]]:
    """Every text a source cell is written with, folded, to its source and value."""
    known: dict[str, tuple[Source, str | None]] = {}
    for lang in _LANGUAGES:
        for source in ("stated", "missing", "not_needed"):
            known[fold(message(f"source.{source}", lang))] = (source, None)
        for fact in FACT_NAMES:
            for value in VALUE_WORDS[fact]:
                for source in FILLED_IN:
                    text = FactCell(fact, value, cast(Source, source)).source_text(lang)
                    known[f"{fact}:{fold(text)}"] = (cast(Source, source), value)
    return known


def read_source(fact: str, text: str) -> tuple[Source, str | None] | None:
    """What a source cell says about ``fact``: how its value came about and, for a value the
    run filled in, which value; ``None`` for a cell the run did not write (edited or empty)."""
    known = _source_words()
    folded = fold(text)
    return known.get(f"{fact}:{folded}") or known.get(folded)
