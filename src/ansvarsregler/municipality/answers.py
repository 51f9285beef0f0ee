"""Answers given once for many goals: the budget level per service area, from an answers file.

Some questions are about the municipality, not about one goal. At which level
the council grants the budget (principle 4) is the same for every goal of a
service area, yet a draft list asks it goal by goal. An answers file says it
once::

    budsjettnivå:
      Skole: sektor
      Barnehage: enhet
      "253": enhet        # a KOSTRA function
      default: sektor     # every other goal

Each answer becomes a stated fact of every goal it covers that leaves the
fact out (the goal's own value wins), and the result cites the file and line
(:class:`~ansvarsregler.result.AnsweredFact`). The same lookup as a profile's
budget allocation decides which answer covers a goal: its KOSTRA function,
else its service area (case and spacing ignored), else ``default``.

Questions and values may be written in the planner's words, bokmål or
English (``budsjettnivå``/``budget frame``, ``sektor``/``sector``), as in a
spreadsheet. A mistake is an :class:`AnswersError` naming the file and line.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ansvarsregler.bounded_cache import BoundedCache
from ansvarsregler.errors import AnsvarError, Location
from ansvarsregler.files.models import load_yaml_file
from ansvarsregler.files.safe_yaml import line_of
from ansvarsregler.folding import fold
from ansvarsregler.goals.column_words import FIELD_BY_WORD, FIELD_WORDS, VALUE_BY_WORD, VALUE_WORDS
from ansvarsregler.goals.model import Goal
from ansvarsregler.i18n import message
from ansvarsregler.kostra import kostra_functions
from ansvarsregler.municipality.schema import DEFAULT, area_key, matched_key
from ansvarsregler.result import AnsweredFact, Classification
from ansvarsregler.vocabulary import DEFINITE_VALUES, Language

#: The facts that are a property of the municipality, not of one goal, so can be answered
#: for many goals at once.
ANSWERABLE: tuple[str, ...] = ("budget_frame",)
#: How many service areas' answers are kept looked up (areas come from the goals).
_LOOKUPS_MAXSIZE = 4096
#: How alike (0 to 1, :mod:`difflib`'s ratio) an answered area and a goal's area must be for
#: the answer to be taken for a misspelling of it: «Skloe» and «Skole» are 0.8.
_NEAR_MISS = 0.75
#: How many service areas a hint names before it says «…».
_AREAS_SHOWN = 8


class AnswersError(AnsvarError):
    """An answers file that cannot be read or that says something not allowed."""


@dataclass(frozen=True)
class Answer:
    """One line of an answers file: the value of a fact for one area."""

    fact: str
    value: str
    written: str
    """The area as the file writes it (``Skole``, ``"253"``, ``default``)."""
    line: int


class Answers:
    """The answers of one file, ready to apply to goals."""

    def __init__(self, file: str, answers: Iterable[Answer]) -> None:
        self.file = file
        self.by_fact: dict[str, dict[str, Answer]] = {}
        for answer in answers:
            self.by_fact.setdefault(answer.fact, {})[area_key(answer.written)] = answer
        self._cited: BoundedCache[tuple[str | None, str | None], tuple[AnsweredFact, ...]]
        self._cited = BoundedCache(_LOOKUPS_MAXSIZE)

    def for_goal(self, goal: Goal) -> tuple[AnsweredFact, ...]:
        """The answers that state a fact ``goal`` leaves out, citing the file."""
        key = (goal.service_area, goal.kostra_function)
        cited = self._cited.get(key)
        if cited is None:
            cited = tuple(self._cite(answer) for answer in self._covering(*key))
            self._cited.put(key, cited)
        if not cited:
            return cited
        values = goal.__dict__
        return tuple(answered for answered in cited if values[answered.fact] is None)

    def apply(self, goal: Goal, answered: tuple[AnsweredFact, ...]) -> Goal:
        """``goal`` with the ``answered`` facts stated: what the rules decide on."""
        if not answered:
            return goal
        return goal.model_copy(update={item.fact: item.value for item in answered})

    def check_covered(
        self, areas: Iterable[str], kostra_codes: Collection[str]
    ) -> list[AnsvarError]:
        """Answers for a service area or KOSTRA function none of the goals has, as warnings
        (a file for the whole municipality may be run on one sector's goals); but an area
        that is a near miss of one the goals have («Skloe» for «Skole») is refused, since its
        goals would otherwise go on asking without a word. ``areas`` in the order the goals
        have them: an area is named as first written."""
        known: dict[str, str] = {}
        for area in areas:
            known.setdefault(area_key(area), area)
        unused: list[AnsvarError] = []
        for by_area in self.by_fact.values():
            for key, answer in by_area.items():
                if key == DEFAULT or key in kostra_codes or key in known:
                    continue
                where = Location(file=self.file, line=answer.line)
                if key.isdigit():
                    unused.append(AnswersError("answers.unused_kostra", where, value=key))
                    continue
                near = difflib.get_close_matches(key, list(known), n=1, cutoff=_NEAR_MISS)
                if near:
                    raise AnswersError(
                        "answers.near_miss", where, value=answer.written, near=known[near[0]]
                    )
                unused.append(AnswersError("answers.unused_area", where, value=answer.written))
        return unused

    def _covering(self, service_area: str | None, kostra: str | None) -> list[Answer]:
        found = []
        for by_area in self.by_fact.values():
            key = matched_key(by_area, service_area, kostra)
            if key in by_area:
                found.append(by_area[key])
        return found

    def _cite(self, answer: Answer) -> AnsweredFact:
        return AnsweredFact(
            fact=answer.fact,
            value=answer.value,
            file=self.file,
            line=answer.line,
            answered_for=answer.written,
        )


class AskedPerArea:
    """How many goals asked an answerable fact, per service area: a question to answer once
    per area (with ``--answers`` or a profile) rather than goal by goal."""

    def __init__(self, fact: str) -> None:
        self.fact = fact
        self.goals = 0
        #: Each area (as an answers file matches it) in the spelling first seen.
        self.areas: dict[str, str] = {}

    def count(self, result: Classification) -> None:
        """Count ``result`` if it asks the fact and names its service area (a goal without
        one has nothing to answer once for)."""
        area = result.goal.service_area
        asked = result.questions  # most goals ask nothing: no generator made for them
        if area and asked and any(question.fact == self.fact for question in asked):
            self.goals += 1
            self.areas.setdefault(area_key(area), area)

    def hint(self, lang: Language, answers_file: str | None = None) -> str:
        """Where the question was asked, and how to answer it once for each area (in
        ``answers_file``, where the run had one)."""
        named = sorted(self.areas.values(), key=str.lower)
        shown = ", ".join(named[:_AREAS_SHOWN]) + (", …" if len(named) > _AREAS_SHOWN else "")
        return message(
            "answers.hint" if answers_file is None else "answers.hint_more",
            lang,
            file=answers_file,
            goals=message("answers.goals", lang, count=self.goals),
            fact=FIELD_WORDS[self.fact][0 if lang == "nb" else -1].lower(),
            areas=message("answers.areas", lang, count=len(self.areas)),
            names=shown,
        )


def load_answers(path: str | Path) -> Answers:
    """The answers in the YAML file at ``path``; an :class:`AnswersError` naming the line of
    anything not allowed."""
    file = str(path)
    try:
        text, data = load_yaml_file(Path(path), AnswersError, text_scalars=True)
    except AnswersError as error:
        if error.key != "input.not_text":
            raise
        raise AnswersError("answers.not_text", error.location) from None
    if not isinstance(data, Mapping):
        raise AnswersError("answers.not_mapping", Location(file=file, line=1))
    answers: list[Answer] = []
    asked: dict[str, str] = {}
    for question, by_area in data.items():
        line = line_of(text, [question]) or 1
        fact = FIELD_BY_WORD.get(fold(str(question)))
        if fact is not None and fact in asked:
            raise AnswersError(
                "answers.question_twice",
                Location(file=file, line=line),
                first=asked[fact],
                second=str(question),
            )
        if fact not in ANSWERABLE:
            raise AnswersError(
                "answers.not_answerable",
                Location(file=file, line=line),
                value=str(question),
                allowed_nb=", ".join(FIELD_WORDS[fact][0].lower() for fact in ANSWERABLE),
                allowed_en=", ".join(FIELD_WORDS[fact][-1].lower() for fact in ANSWERABLE),
            )
        if not isinstance(by_area, Mapping) or not by_area:
            raise AnswersError("answers.not_areas", Location(file=file, line=line), value=question)
        asked[fact] = str(question)
        answers += _answers(fact, by_area, text, file, question, line)
    return Answers(file, answers)


def _answers(
    fact: str,
    by_area: Mapping[object, object],
    text: str,
    file: str,
    question: object,
    question_line: int,
) -> list[Answer]:
    """The answers under one question, each area's value read and checked."""
    answers: list[Answer] = []
    seen: dict[str, str] = {}
    for area, word in by_area.items():
        written = "" if area is None else str(area)
        line = _line_of_area(text, question, area) or question_line
        where = Location(file=file, line=line)
        if not written.strip():
            raise AnswersError("answers.empty_area", where)
        key = area_key(written)
        if key in seen:
            raise AnswersError("answers.area_twice", where, first=seen[key], second=written)
        seen[key] = written
        if key.isdigit() and key not in kostra_functions():
            raise AnswersError(
                "kostra.unknown", where, value=written, count=len(kostra_functions())
            )
        value = VALUE_BY_WORD[fact].get(fold(str(word))) if isinstance(word, str) else None
        if value not in DEFINITE_VALUES[fact]:
            raise AnswersError(
                "answers.bad_value",
                where,
                value=str(word),
                area=written,
                allowed_nb=", ".join(
                    VALUE_WORDS[fact][value][0] for value in DEFINITE_VALUES[fact]
                ),
                allowed_en=", ".join(DEFINITE_VALUES[fact]),
            )
        answers.append(Answer(fact, value, written, line))
    return answers


#: How YAML may write a key that is null.
_NULL_KEYS = ("~", "null", "Null", "NULL", "")


def _line_of_area(text: str, question: object, area: object) -> int | None:
    """The line of the answer for ``area`` under ``question`` (a null area as YAML wrote it)."""
    for written in _NULL_KEYS if area is None else (area,):
        line = line_of(text, [str(question), str(written)])
        if line is not None and line != line_of(text, [str(question)]):
            return line
    return None
