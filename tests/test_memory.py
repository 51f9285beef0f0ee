"""Memory stays flat however many distinct goals a long-running process classifies.

The caches keyed by what planners write (service areas, the words of a title)
are bounded (:mod:`ansvarsregler.bounded_cache`). The issue saw 200,000 goals grow a
process to 730-900 MB. Classifying 200,000 goals whose renderings all miss
takes minutes, so the suite shrinks the caches to :data:`CACHE_SIZE` entries
and classifies :data:`GOALS` distinct goals, many times the bound: an
unbounded cache would keep every one of them (several MB), a bounded one
keeps its first :data:`CACHE_SIZE`. Set ``ANSVAR_MEMORY_GOALS=200000`` to run
the issue's count.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from ansvarsregler import Classifier, Goal, default_ruleset, load_profile
from ansvarsregler.bounded_cache import BoundedCache
from ansvarsregler.reading import indicators, words

#: Entries each bounded cache keeps in these tests (the shipped sizes are larger).
CACHE_SIZE = 100
#: Distinct goals classified after the caches are full.
GOALS = int(os.environ.get("ANSVAR_MEMORY_GOALS", "3000"))
#: Growth allowed while classifying :data:`GOALS` more goals, in bytes: far
#: below what keeping them would take (a rendering holds about 1 KB of text).
ALLOWED_GROWTH = 100_000


@pytest.fixture
def small_caches(monkeypatch: pytest.MonkeyPatch) -> Classifier:
    """A classifier with the verran profile whose bounded caches keep :data:`CACHE_SIZE`."""
    for name in ("RENDERED_MAXSIZE", "OWN_WORDS_MAXSIZE"):
        monkeypatch.setattr(f"ansvarsregler.classifier.{name}", CACHE_SIZE)
    for name in (
        "READINGS_MAXSIZE",
        "TEXTS_MAXSIZE",
        "AREAS_MAXSIZE",
        "GOALS_MAXSIZE",
        "WORDS_MAXSIZE",
    ):
        monkeypatch.setattr(indicators, name, CACHE_SIZE)
    monkeypatch.setattr(words, "WORDS_MAXSIZE", CACHE_SIZE)
    ruleset = dataclasses.replace(default_ruleset())  # its indicators compiled afresh
    return Classifier(ruleset, profile=load_profile("verran"))


def _growth(classifier: Classifier, goal: Callable[[int], dict[str, Any]]) -> int:
    """Bytes still held after :data:`GOALS` distinct goals, once the caches are full.

    The goals are validated before tracing starts: pydantic keeps a (bounded)
    cache of the strings it has seen, which is not what is measured here.
    """
    goals = [Goal.model_validate(goal(number)) for number in range(2 * CACHE_SIZE + GOALS)]
    tracemalloc.start()
    try:
        # Fill the caches while tracing, so that entries they evict later were traced too.
        for item in goals[: 2 * CACHE_SIZE]:
            classifier.classify(item)
            classifier.classify(item, lang="en")
        gc.collect()  # what waits for the cycle collector is not held
        before = tracemalloc.get_traced_memory()[0]
        for item in goals[2 * CACHE_SIZE :]:
            classifier.classify(item)
            classifier.classify(item, lang="en")
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_distinct_service_areas_keep_memory_flat(small_caches: Classifier) -> None:
    def goal(number: int) -> dict[str, Any]:
        return {
            "id": f"mål-{number}",
            "title": "Økt brukertilfredshet",
            "service_area": f"område {number}",
            "goal_type": "service_quality",
        }

    assert _growth(small_caches, goal) < ALLOWED_GROWTH
    assert len(small_caches._rendered) == CACHE_SIZE


def test_distinct_unit_names_in_titles_keep_memory_flat(small_caches: Classifier) -> None:
    def goal(number: int) -> dict[str, Any]:
        # "ved * skole" matches each unit's own name: every reading quotes new words (a name
        # of letters: a quote with a digit is never kept, being different in every text).
        name = "".join(chr(ord("a") + int(digit)) for digit in str(number))
        return {"id": f"mål-{number}", "title": f"Redusere sykefraværet ved Enhet{name} skole"}

    assert _growth(small_caches, goal) < ALLOWED_GROWTH
    read = small_caches.ruleset.indicators
    assert len(read._text.by_words) == CACHE_SIZE
    assert len(read._goals) == CACHE_SIZE
    assert len(small_caches._own_words) == CACHE_SIZE
    assert read._text.word.cache_info().currsize == CACHE_SIZE
    assert read._text.vocabulary.matches.cache_info().currsize == CACHE_SIZE
    # The rendering is shared by every unit's name: the quoted words are filled in per goal.
    assert len(small_caches._rendered) == 2


def test_a_bounded_cache_drops_the_oldest_entry() -> None:
    cache: BoundedCache[str, int] = BoundedCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)  # a new value, not a new entry
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c"), len(cache)) == (None, 2, 3, 2)


def test_a_bounded_cache_stays_bounded_under_threads() -> None:
    cache: BoundedCache[int, int] = BoundedCache(50)

    def work(offset: int) -> None:
        for number in range(2000):
            key = (number * 7 + offset) % 300
            if cache.get(key) is None:
                cache.put(key, key)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(work, range(4)))
    assert len(cache) == 50
    assert all(cache.get(key) in (None, key) for key in range(300))
