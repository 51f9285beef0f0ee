"""Norwegian words as the indicator rules compare them: tokens, stems and compounds.

A goal's text is cut into words; each word loses its inflectional ending
(the reading settings list them, bokmål and nynorsk alike) and is then
compared whole with the rules' words, or split where a compound ends in one
of them. Comparing words, never letters inside words, is what keeps «bygg»
out of «innbyggere» and lets «plass» find «sjukeheimsplassane».
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: A word of the text: letters and digits («3», «nav», «sjukeheimsplassar»).
TOKEN = re.compile(r"[^\W_]+")
#: A compound's first part has at least this many letters («nybygg», not «bygg» in «ubygg»).
SHORTEST_PART = 2
#: A rule word shorter than this (as a stem) only matches a whole word, never a compound's
#: last part: «alle» is not in «halle», «vei» is not in «omvei».
SHORTEST_HEAD = 4
#: How many distinct words of planners' texts are kept with what they match. Keyed by the
#: planner's words, so bounded; goal texts share most of their words.
WORDS_MAXSIZE = 65536


class Stemmer:
    """Strips the longest listed ending that leaves at least ``shortest_stem`` letters."""

    def __init__(self, endings: Iterable[str], shortest_stem: int) -> None:
        self.shortest_stem = shortest_stem
        by_length: dict[int, set[str]] = {}
        for ending in endings:
            by_length.setdefault(len(ending), set()).add(ending)
        self._by_length = sorted(by_length.items(), reverse=True)

    def __call__(self, word: str) -> str:
        room = len(word) - self.shortest_stem
        for length, endings in self._by_length:
            if length <= room and word[-length:] in endings:
                return word[:-length]
        return word


@dataclass(frozen=True)
class Term:
    """A word as a rule writes it: the rule's spelling, its stem, and whether it may also
    be the first part of a compound (written with ``-`` after it). A word written with
    ``=`` before it matches only exactly that form («=skoler», not «skole»)."""

    text: str
    stem: str
    first_part: bool


#: How a word of the text matched a term, best first among terms of the same length.
WHOLE, LAST_PART, FIRST_PART = 0, 1, 2


class Vocabulary:
    """Every term the rules name, and which of them a word of the text matches."""

    def __init__(self, words: Iterable[str], stem: Stemmer) -> None:
        self.stem = stem
        self.terms: dict[str, Term] = {}
        self._exact: dict[str, Term] = {}
        for word in words:
            if word.startswith("="):
                self._exact[word[1:]] = Term(word, word[1:], False)
                continue
            text = word.rstrip("-")
            term = Term(text, stem(text), word.endswith("-"))
            known = self.terms.get(text)
            if known is None or term.first_part:
                self.terms[text] = term
        self._by_stem: dict[str, list[Term]] = {}
        for term in self.terms.values():
            self._by_stem.setdefault(term.stem, []).append(term)
        self._first_parts = {term.text: term for term in self.terms.values() if term.first_part}
        self.matches = lru_cache(maxsize=WORDS_MAXSIZE)(self._matches)

    def _matches(self, word: str) -> tuple[tuple[int, int, Term], ...]:
        """The terms ``word`` matches as (how, -length, term), best first (via :attr:`matches`):
        the longest, and of equally long ones a whole word before a compound's last part
        before its first part («befolkningsveksten» is «befolkning-», not «vekst»)."""
        found: list[tuple[int, int, Term]] = []
        exact = self._exact.get(word)
        if exact is not None:
            found.append((WHOLE, -len(word) - 1, exact))  # before the stem's matches
        stem = self.stem(word)
        for term in self._by_stem.get(stem, ()):
            found.append((WHOLE, -len(term.stem), term))
        for start in range(SHORTEST_PART, len(stem) - SHORTEST_HEAD + 1):
            for term in self._by_stem.get(stem[start:], ()):
                found.append((LAST_PART, -len(term.stem), term))
        for end in range(len(word) - 1, SHORTEST_HEAD - 1, -1):
            part = self._first_parts.get(word[:end])
            if part is not None and len(word) - end >= SHORTEST_PART:
                found.append((FIRST_PART, -len(part.text), part))
        found.sort(key=lambda item: (item[1], item[0]))
        return tuple(found)
