"""Read a draft goal's words: suggest the facts its title and description point to.

The indicator rules (``rules/indikatorer/``) are compiled into one regular
expression shaped as a trie, so a text is scanned once however many words
the rules name: a million draft goals stay within the benchmark's budget.
What the words suggest is only ever an assumption the result lists, quoting
the words; facts the planner states always win, and when the words point
two ways for one fact the fact is contested, to be asked rather than chosen.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ansvarsregler.reading.schema import ContestedRule, Indicator
from ansvarsregler.vocabulary import FACT_NAMES

#: A space in a phrase: the word before it may have an ending
#: ("nasjonal prøve" finds "nasjonale prøver"); a hyphen joins words too ("NAV-kontoret").
_PHRASE_GAP = r"\w*[\s-]+"
#: After a word of fewer than three letters ("i", "på") or ``*``: no ending, just the space.
_SPACE = r"[\s-]+"
#: Where a phrase may begin.
_WORD_START = r"\b"
#: ``*`` in a phrase: any one word ("ved * skole" finds "ved Solbakken skole").
_ANY_WORD = r"\w+"
#: How many texts' readings are kept (the same goal is often read twice: once to
#: classify it, once to explain it). Keyed by the planner's own text, so bounded.
READINGS_MAXSIZE = 8192
#: How many matched phrases are kept with the rule phrase behind them. A match
#: carries the planner's words ("ved Solbakken skole"), so these are bounded too.
PHRASE_MATCHES_MAXSIZE = 4096


@dataclass(frozen=True)
class Suggestion:
    """One fact the words suggest: the value, the indicator rules and the words that said so."""

    fact: str
    value: str
    indicators: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    """What a goal's text suggests for the facts the planner left out."""

    suggested: tuple[Suggestion, ...] = ()
    contested: tuple[tuple[str, tuple[Suggestion, ...]], ...] = ()
    """Facts the words point two ways on, each with the competing suggestions."""

    def __bool__(self) -> bool:
        return bool(self.suggested or self.contested)


NOTHING = Reading()


class Indicators:
    """The compiled indicator rules of a rule set."""

    def __init__(self, indicators: Iterable[Indicator], contested: ContestedRule | None) -> None:
        self.rules = tuple(indicators)
        self.contested = contested
        self._by_word: dict[str, Indicator] = {
            word: rule for rule in self.rules for word in rule.words
        }
        self._phrases = [
            (re.compile(_phrase_pattern(word)), word) for word in self._by_word if " " in word
        ]
        self._pattern = re.compile(_trie_pattern(self._by_word)) if self._by_word else None
        self._phrase_of = lru_cache(maxsize=PHRASE_MATCHES_MAXSIZE)(self._find_phrase)
        self.read = lru_cache(maxsize=READINGS_MAXSIZE)(self._read)

    def _read(self, title: str, description: str | None, missing: tuple[str, ...]) -> Reading:
        """What the words suggest for the facts in ``missing`` (called through :attr:`read`)."""
        if self._pattern is None or not missing:
            return NOTHING
        original = unicodedata.normalize(
            "NFC", title if description is None else f"{title}\n{description}"
        )
        text = original.lower()
        # Quote the planner's own letters ("Haugen skole") where lower case kept the length.
        quoting = original if len(original) == len(text) else text
        found: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
        for match in self._pattern.finditer(text):
            rule = self._by_word[self._word_of(match.group())]
            if not rule.suggest:
                continue
            quoted = _whole_words(quoting, match.start(), match.end())
            for fact, value in rule.suggest.items():
                if fact not in missing:
                    continue
                rules, words = found.setdefault(fact, {}).setdefault(value, ([], []))
                if rule.id not in rules:
                    rules.append(rule.id)
                if quoted not in words:
                    words.append(quoted)
        suggested: list[Suggestion] = []
        contested: list[tuple[str, tuple[Suggestion, ...]]] = []
        for fact_name in FACT_NAMES:
            values = found.get(fact_name)
            if not values:
                continue
            options = tuple(
                Suggestion(fact_name, value, tuple(rules), tuple(words))
                for value, (rules, words) in values.items()
            )
            if len(options) == 1:
                suggested.append(options[0])
            else:
                contested.append((fact_name, options))
        return Reading(tuple(suggested), tuple(contested)) if found else NOTHING

    def _word_of(self, matched: str) -> str:
        """The rule's word or phrase behind a match (a phrase's match carries endings)."""
        return matched if matched in self._by_word else self._phrase_of(matched)

    def _find_phrase(self, matched: str) -> str:
        """The rule phrase that ``matched`` is (called through :attr:`_phrase_of`)."""
        return next(word for phrase, word in self._phrases if phrase.fullmatch(matched))


def _phrase_pattern(word: str) -> str:
    return "".join(_tokens(word))


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words``, longest first at each letter.

    A trie shares common beginnings, so matching costs about one step per
    letter of text instead of one per rule word. It is built by recursion, one
    level per letter: the schema's ``MAX_WORD_LENGTH`` keeps that shallow.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for token in _tokens(word):
            node = node.setdefault(token, {})
        node[""] = {}
    return _node_pattern(trie)


def _tokens(word: str) -> list[str]:
    """A word as trie steps: letters, a gap for each space of a phrase, ``*`` for any word.

    A phrase starts at the start of a word ("i * barnehage" is not in
    "stillinger i barnehagene"); a word of fewer than three letters takes no
    ending ("i alle" is not "ikke alle").
    """
    if " " not in word:
        return [re.escape(char) for char in word]
    parts = word.split(" ")
    steps = [_WORD_START]
    for index, part in enumerate(parts):
        if index:
            before = parts[index - 1]
            steps.append(_SPACE if before == "*" or len(before) < 3 else _PHRASE_GAP)
        steps.extend([_ANY_WORD] if part == "*" else [re.escape(char) for char in part])
    return steps


def _node_pattern(node: dict[str, dict]) -> str:
    ends_here = "" in node
    # Letters written out are tried before ``*``: "i alle" wins over "i * skole".
    steps = sorted((token for token in node if token), key=lambda token: token == _ANY_WORD)
    branches = [token + _node_pattern(node[token]) for token in steps]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy: a longer word is tried before the word that ends here.
    return f"(?:{body})?" if ends_here else body


def _whole_words(text: str, start: int, end: int) -> str:
    """The match widened to whole words: the text's own "barnehagedekningen", not "dekning"."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]
