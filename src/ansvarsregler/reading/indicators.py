"""Read a draft goal's words: suggest the facts its title and description point to.

The text is cut into words (:mod:`ansvarsregler.reading.words`); at each word
the longest phrase of the indicator rules that starts there is tried first,
then the word itself. Every match is evidence for a fact value, weighed by
its rule; a value is suggested only when its evidence is strong enough and
clearly outweighs every other value's, and where two values both have real
evidence the fact is contested, to be asked rather than chosen. The goal's
service area and KOSTRA function add their own evidence. What the words
suggest is only ever an assumption the result lists, quoting the planner's
own words; facts the planner states always win.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

from ansvarsregler.bounded_cache import BoundedCache
from ansvarsregler.reading.schema import (
    ContestedRule,
    Indicator,
    ReadingSettings,
    suggested_values,
)
from ansvarsregler.reading.words import TOKEN, WORDS_MAXSIZE, Stemmer, Vocabulary
from ansvarsregler.vocabulary import FACT_NAMES

#: How many texts' evidence is kept, how many plans for the rules a text matched, and how
#: many goals' readings (text, service area and KOSTRA function, with one reading per set of
#: facts left out). Keyed by the planner's own words, so bounded: a few hundred bytes each.
TEXTS_MAXSIZE = 65536
READINGS_MAXSIZE = 16384
GOALS_MAXSIZE = 32768
#: A number on its own, a word of digits: what :meth:`_Lexicon.find` reads as any number.
#: It opens on a digit, so the scan skips to the next digit at C speed; the lookbehind then
#: checks the character before it (two to three times faster on a title than opening on the
#: lookbehind, which is tried at every character; a test holds the two to the same result).
_DIGITS_WORD = re.compile(r"\d(?<![^\W_]\d)\d*(?![^\W_])")
_DIGIT = re.compile(r"\d")
#: How many service areas' evidence is kept (a municipality has a few dozen).
AREAS_MAXSIZE = 1024

#: What matched in a text: each rule by its place in the rule set, with the words.
Evidence = tuple[tuple[int, str], ...]
#: What matched rules suggest, fact by fact: one value, or the values they point two ways
#: between, each with the rules (by place) behind it.
Plan = tuple[tuple[str, tuple[tuple[str, tuple[int, ...]], ...]], ...]
#: A goal as reading sees it: its text, service area and KOSTRA function.
GoalKey = tuple[str, str | None, str | None]
#: ``...`` in a phrase: up to this many words.
GAP_WORDS = 4

_ANY, _NUMBER, _GAP = "*", "<tall>", "..."


@dataclass(frozen=True)
class Suggestion:
    """One fact the words suggest: the value, the indicator rules and the words that said so."""

    fact: str
    value: str
    indicators: tuple[str, ...]
    words: tuple[str, ...]


class Shape:
    """A reading without the words it quotes: which facts were suggested or contested, with
    which values and rules. Goals whose readings share a shape share everything but the
    quoted words, so the classifier renders once per shape; its hash is kept, since every
    goal looks it up."""

    __slots__ = ("_hash", "contested", "suggested")

    def __init__(
        self,
        suggested: tuple[tuple[str, str, tuple[str, ...]], ...],
        contested: tuple[tuple[str, tuple[str, ...]], ...],
    ) -> None:
        self.suggested = suggested
        self.contested = contested
        self._hash = hash((suggested, contested))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (
            isinstance(other, Shape)
            and self._hash == other._hash
            and self.suggested == other.suggested
            and self.contested == other.contested
        )


@dataclass(frozen=True)
class Reading:
    """What a goal's text suggests for the facts the planner left out."""

    suggested: tuple[Suggestion, ...] = ()
    contested: tuple[tuple[str, tuple[Suggestion, ...]], ...] = ()
    """Facts the words point two ways on, each with the competing suggestions."""
    shape: Shape = field(init=False, repr=False, compare=False)
    """This reading without the words it quotes."""
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Computed once: readings are kept and looked up for every goal whose words they read.
        shape = Shape(
            tuple((item.fact, item.value, item.indicators) for item in self.suggested),
            tuple((fact, tuple(o.value for o in options)) for fact, options in self.contested),
        )
        object.__setattr__(self, "shape", shape)
        object.__setattr__(self, "_hash", hash((self.suggested, self.contested)))

    def __bool__(self) -> bool:
        return bool(self.suggested or self.contested)

    def __hash__(self) -> int:
        return self._hash


NOTHING = Reading()

#: One place in a phrase: the rule words it accepts, or ``*``, ``<tall>`` or ``...``.
Step = frozenset[str] | str


@dataclass(frozen=True)
class _Phrase:
    steps: tuple[Step, ...]
    rules: list[Indicator]


class _Word(NamedTuple):
    """What a word of the text is to the rules (kept per distinct word, so goals share it)."""

    terms: frozenset[str]
    """The rule words it matches, for phrases."""
    rules: tuple[Indicator, ...]
    """The rules of the best single word it matches (one per fact they suggest)."""
    phrases: tuple[_Phrase, ...]
    """The phrases that may start with it."""
    number: bool
    """Whether ``<tall>`` matches it."""


#: What every number written in digits is to the rules: a ``<tall>``, and nothing else.
_A_NUMBER = _Word(frozenset(), (), (), True)


def _quotes_a_digit(reading: Reading) -> bool:
    """Whether any word ``reading`` quotes holds a digit (then it differs from text to text)."""
    suggestions = [*reading.suggested, *(item for _, items in reading.contested for item in items)]
    return any(_DIGIT.search(words) for item in suggestions for words in item.words)


class _Lexicon:
    """The words and phrases of the indicators that look in one place (text or service area)."""

    def __init__(self, rules: Sequence[Indicator], settings: ReadingSettings) -> None:
        self.numbers = frozenset(settings.numbers)
        self.single: dict[str, list[Indicator]] = {}
        self.phrases: dict[str, list[_Phrase]] = {}
        by_phrase: dict[str, _Phrase] = {}
        words: list[str] = []
        for rule in rules:
            for word in rule.words:
                if " " not in word:
                    self.single.setdefault(_term_text(word), []).append(rule)
                    words.append(word)
                elif word in by_phrase:
                    by_phrase[word].rules.append(rule)
                else:
                    steps = tuple(_step(part) for part in word.split(" "))
                    by_phrase[word] = _Phrase(steps, [rule])
        #: Phrases that start with ``*``: tried at each word the rules do not know.
        self.after_a_name: tuple[_Phrase, ...] = ()
        for phrase in by_phrase.values():
            words.extend(t for part in phrase.steps if isinstance(part, frozenset) for t in part)
            first = phrase.steps[0]
            if first == _ANY:
                self.after_a_name += (phrase,)
                continue
            assert isinstance(first, frozenset)  # the schema starts a phrase with a word or *
            for text in first:
                self.phrases.setdefault(text, []).append(phrase)
        self.vocabulary = Vocabulary(words, Stemmer(settings.endings, settings.shortest_stem))
        self.word = lru_cache(maxsize=WORDS_MAXSIZE)(self._word)
        #: What texts matched, by the text with its numbers written 0 (see
        #: :meth:`Indicators._evidence`).
        self.by_words: BoundedCache[str, Evidence] = BoundedCache(TEXTS_MAXSIZE)

    def _word(self, text: str) -> _Word:
        """What ``text``, one word of a goal, is to the rules (called through :attr:`word`)."""
        number = text in self.numbers  # digits never come here: see :meth:`find`
        matches = self.vocabulary.matches(text)
        if not matches:
            return _Word(frozenset(), (), () if number else self.after_a_name, number)
        groups: dict[tuple[int, int], list[str]] = {}
        for how, length, term in matches:
            groups.setdefault((how, length), []).append(term.text)
        # The best-matching rule words that have rules of their own win («barnehage» and
        # «barnehager» share a stem, so both count). Phrases see those and every better match,
        # not worse ones: «arbeidsplassar» is an «arbeidsplass», so a phrase about «plassar»
        # does not see it, while «sykehjemsplasser» is still «plasser» to one.
        rules: dict[str, Indicator] = {}
        terms: list[str] = []
        for texts in groups.values():
            terms.extend(texts)
            rules = {r.id: r for t in texts for r in self.single.get(t, ())}
            if rules:
                break
        phrases = tuple(phrase for term in terms for phrase in self.phrases.get(term, ()))
        return _Word(frozenset(terms), tuple(rules.values()), phrases, number)

    def find(self, lower: str) -> list[tuple[Indicator, int, int]]:
        """Every rule that matches in ``lower``, with the span of the words it matched."""
        word = self.word
        spans = [match.span() for match in TOKEN.finditer(lower)]
        # Numbers match no rule word (rule words are letters): they skip the cache, which
        # the many distinct numbers of real goals would otherwise fill.
        words = [
            _A_NUMBER if text.isdigit() else word(text)
            for text in (lower[start:end] for start, end in spans)
        ]
        if not any(known.rules or known.phrases for known in words):
            return []
        found: list[tuple[Indicator, int, int]] = []
        index = 0
        while index < len(words):
            known = words[index]
            if known.phrases:
                phrase = self._phrase_at(known.phrases, words, index)
                if phrase is not None:
                    rules, last = phrase
                    found.extend((rule, spans[index][0], spans[last][1]) for rule in rules)
                    index = last + 1
                    continue
            for rule in known.rules:
                found.append((rule, *spans[index]))
            index += 1
        return found

    def _phrase_at(
        self, phrases: tuple[_Phrase, ...], words: list[_Word], index: int
    ) -> tuple[list[Indicator], int] | None:
        """The rules of the longest of ``phrases`` that matches from ``words[index]``, and
        its last word."""
        best: tuple[list[Indicator], int] | None = None
        for phrase in phrases:
            last = _match(phrase.steps, 1, words, index + 1)
            if last is not None and (best is None or last > best[1]):
                best = (phrase.rules, last)
        return best


def _match(steps: tuple[Step, ...], step: int, words: list[_Word], at: int) -> int | None:
    """The index of the last word if ``steps[step:]`` match from ``words[at]``, else None."""
    if step == len(steps):
        return at - 1
    if at >= len(words):
        return None
    part = steps[step]
    if part == _GAP:
        for skip in range(GAP_WORDS + 1):
            last = _match(steps, step + 1, words, at + skip)
            if last is not None:
                return last
        return None
    word = words[at]
    if part == _NUMBER:  # one number, or a range written as several («3-4 veker»)
        if not word.number:
            return None
        while at + 1 < len(words) and words[at + 1].number:
            at += 1
        return _match(steps, step + 1, words, at + 1)
    # ``*`` is a name the rules do not know: «ved Solbakken skole», not «i alle».
    fits = not word.terms if part == _ANY else not part.isdisjoint(word.terms)  # type: ignore[union-attr]
    return _match(steps, step + 1, words, at + 1) if fits else None


def _term_text(word: str) -> str:
    """The key a single rule word is known by: as written, without a trailing ``-``."""
    return word if word.startswith("=") else word.rstrip("-")


def _step(part: str) -> Step:
    if part in (_ANY, _NUMBER, _GAP):
        return part
    return frozenset(alternative.rstrip("-") for alternative in part.split("|"))


class Indicators:
    """The compiled indicator rules of a rule set."""

    def __init__(
        self,
        indicators: Iterable[Indicator],
        contested: ContestedRule | None,
        settings: ReadingSettings | None = None,
    ) -> None:
        self.rules = tuple(indicators)
        self.contested = contested
        self.settings = settings if settings is not None else ReadingSettings()
        self._text = _Lexicon([r for r in self.rules if r.where == "text"], self.settings)
        self._area = _Lexicon([r for r in self.rules if r.where == "service_area"], self.settings)
        self._kostra = {
            code: rule
            for rule in self.rules
            if rule.where == "kostra_function"
            for code in rule.words
        }
        self._index = {rule.id: index for index, rule in enumerate(self.rules)}
        #: The rules (by place) that look in the goal's own words.
        self._in_text_rules = frozenset(
            index for index, rule in enumerate(self.rules) if rule.where == "text"
        )
        # Kept by the lexicon, by the text with its numbers as 0 (see :meth:`_evidence`).
        self._in_text = partial(self._evidence, self._text)
        self._in_area = lru_cache(maxsize=AREAS_MAXSIZE)(partial(self._evidence, self._area))
        self._planned = lru_cache(maxsize=READINGS_MAXSIZE)(self._plan)
        self._goals: BoundedCache[GoalKey, dict[tuple[str, ...], Reading]]
        self._goals = BoundedCache(GOALS_MAXSIZE)

    def read(
        self,
        title: str,
        description: str | None,
        missing: tuple[str, ...],
        service_area: str | None = None,
        kostra_function: str | None = None,
    ) -> Reading:
        """What the words (and the service area and KOSTRA function) suggest for the facts in
        ``missing``. The evidence of a text is found once however often it is read, and
        weighed once for every text that matched the same rules."""
        if not self.rules or not missing:
            return NOTHING
        text = title if description is None else f"{title}\n{description}"
        # A reading that quotes no digit is kept for every text with other numbers in it
        # (see :meth:`_evidence`); one that does is kept for its own text only.
        own: GoalKey = (text, service_area, kostra_function)
        shared: GoalKey = (_DIGITS_WORD.sub("0", text), service_area, kostra_function)
        for key in (shared, own) if shared != own else (own,):
            readings = self._goals.get(key)
            if readings is not None and (reading := readings.get(missing)) is not None:
                return reading
        reading = self._read(text, service_area, kostra_function, missing)
        key = own if _quotes_a_digit(reading) else shared
        readings = self._goals.get(key)
        if readings is None:
            readings = {}
            self._goals.put(key, readings)
        readings[missing] = reading  # two threads may do this at once: with equal readings
        return reading

    def _read(
        self,
        text: str,
        service_area: str | None,
        kostra_function: str | None,
        missing: tuple[str, ...],
    ) -> Reading:
        """What the words, service area and KOSTRA function suggest for the facts in
        ``missing`` (called through :meth:`read`, which keeps it per goal)."""
        evidence = self._in_text(text)
        if service_area:
            evidence += self._in_area(service_area)
        rule = self._kostra.get(kostra_function) if kostra_function else None
        if rule is not None and kostra_function:
            evidence += ((self._index[rule.id], kostra_function),)
        if not evidence:
            return NOTHING
        plan = self._planned(tuple(dict.fromkeys(index for index, _ in evidence)))
        suggested: list[Suggestion] = []
        contested: list[tuple[str, tuple[Suggestion, ...]]] = []
        for fact, options in plan:
            if fact not in missing:
                continue
            found = tuple(
                self._suggestion(fact, value, rules, evidence) for value, rules in options
            )
            if len(found) == 1:
                suggested.append(found[0])
            else:
                contested.append((fact, found))
        return Reading(tuple(suggested), tuple(contested)) if suggested or contested else NOTHING

    def beside_the_text(self, suggestion: Suggestion) -> bool:
        """Whether only the service area or KOSTRA function, not the goal's words, said so."""
        return not self._in_words(tuple(self._index[rule] for rule in suggestion.indicators))

    def _suggestion(
        self, fact: str, value: str, rules: tuple[int, ...], evidence: Evidence
    ) -> Suggestion:
        """``value`` for ``fact``, quoting the words of ``evidence`` that ``rules`` matched."""
        return Suggestion(
            fact,
            value,
            tuple(self.rules[index].id for index in rules),
            tuple(dict.fromkeys(words for index, words in evidence if index in rules)),
        )

    def _evidence(self, lexicon: _Lexicon, text: str) -> Evidence:
        """Each rule that matches in ``text`` (by its place in :attr:`rules`) with the words
        that matched, in the planner's own letters where lower case kept the length."""
        original = unicodedata.normalize("NFC", text)
        # Every number is the same word to the rules, so texts that differ only in their
        # numbers («Mål 17 innen 2027», «Mål 18 innen 2030») match the same rules on the same
        # words: what one matched serves the others while no quoted word holds a digit.
        numbers_as_0 = _DIGITS_WORD.sub("0", original)
        kept = lexicon.by_words.get(numbers_as_0)
        if kept is not None:
            return kept
        lower = original.lower()
        quoting = original if len(original) == len(lower) else lower
        evidence = tuple(
            (self._index[rule.id], quoting[start:end]) for rule, start, end in lexicon.find(lower)
        )
        if not any(_DIGIT.search(words) for _, words in evidence):
            lexicon.by_words.put(numbers_as_0, evidence)
        return evidence

    def _in_words(self, rules: tuple[int, ...]) -> bool:
        """Whether any of ``rules`` (by place) looks in the goal's own words."""
        return not self._in_text_rules.isdisjoint(rules)

    def _plan(self, matched: tuple[int, ...]) -> Plan:
        """For each fact the ``matched`` rules suggest a value for: the value, or the values
        they point two ways between, each with its rules (called through :attr:`_planned`).

        Each rule counts once, with its weight, for each value it suggests. Facts are weighed
        each on its own, so one plan serves every set of facts a goal leaves out.
        """
        settings = self.settings
        weights: dict[str, dict[str, dict[int, int]]] = {}
        for index in matched:
            rule = self.rules[index]
            for suggested_fact, suggested in rule.suggest.items():
                for value in suggested_values(suggested):
                    weights.setdefault(suggested_fact, {}).setdefault(value, {})[index] = (
                        rule.weight
                    )
        plan: list[tuple[str, tuple[tuple[str, tuple[int, ...]], ...]]] = []
        for fact in FACT_NAMES:
            values = weights.get(fact)
            if not values:
                continue
            weighed = sorted(
                (
                    (sum(rules.values()), self._in_words_weight(rules), value, tuple(rules))
                    for value, rules in values.items()
                ),
                key=lambda item: (-item[0], -item[1]),
            )
            top, top_in_words = weighed[0][0], weighed[0][1]
            if top < settings.suggest_at:
                continue
            if settings.text_first and top_in_words >= settings.suggest_at:
                # The words alone suggest the heaviest value: another value contests it with
                # its own words or a clear sign beside them, not with hints of the area.
                options = tuple(
                    (value, rules)
                    for place, (score, in_words, value, rules) in enumerate(weighed)
                    if place == 0
                    or in_words * settings.outweigh > top
                    or (score - in_words >= settings.suggest_at and score * settings.outweigh > top)
                )
            else:
                beside_only = settings.text_first and top_in_words == 0
                options = tuple(
                    (value, rules)
                    for score, in_words, value, rules in weighed
                    if score * settings.outweigh > top
                    or score == top
                    or (beside_only and in_words > 0)
                )
            plan.append((fact, options))
        return tuple(plan)

    def _in_words_weight(self, rules: dict[int, int]) -> int:
        """The weight of those of ``rules`` (by place, with their weights) that look in the
        goal's own words."""
        return sum(weight for index, weight in rules.items() if index in self._in_text_rules)
