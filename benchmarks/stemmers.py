"""Which way of stripping endings reads the development part of the corpus better.

The shipped reading strips the endings listed in ``rules/indikatorer/lesing.yaml``. This
script reads the same goals with Snowball's Norwegian stemmer in its place (the
``snowballstemmer`` package, in the ``bench`` extra) and prints right / unresolved / wrong for
each, overall and per language. Run: ``python benchmarks/stemmers.py``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import snowballstemmer
import yaml

from ansvarsregler import Classifier, default_ruleset
from ansvarsregler.analysis.evaluation import evaluate

CORPUS = Path(__file__).parent.parent / "korpus" / "utvikling.yaml"


class SnowballStemmer:
    """Snowball's Norwegian stemmer in the place of the listed endings."""

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("norwegian")

    def __call__(self, word: str) -> str:
        return self._stemmer.stemWord(word)


def classifier(stemmer: str) -> Classifier:
    ruleset = dataclasses.replace(default_ruleset())  # its indicators compiled afresh
    if stemmer == "snowball":
        indicators = ruleset.indicators
        for lexicon in (indicators._text, indicators._area):
            vocabulary = lexicon.vocabulary
            words = [
                term.text + ("-" if term.first_part else "") for term in vocabulary.terms.values()
            ]
            words += [term.text for term in vocabulary._exact.values()]
            lexicon.vocabulary = type(vocabulary)(words, SnowballStemmer())
            lexicon.word.cache_clear()
    return Classifier(ruleset)


def main() -> None:
    goals = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["goals"]
    print(f"{len(goals)} goals of the development part ({CORPUS.name})\n")
    header = f"{'stemmer':<22} {'right':>7} {'unresolved':>11} {'wrong':>6}"
    print(f"{header}   by language (right / wrong)")
    for stemmer in ("endings (shipped)", "snowball"):
        report = evaluate(classifier(stemmer.split()[0]), goals)
        overall = report.overall
        languages = ", ".join(
            f"{language} {tally.right_share:.1%} / {tally.wrong_share:.1%}"
            for language, tally in report.by_language.items()
        )
        print(
            f"{stemmer:<22} {overall.right_share:>7.1%} {overall.unresolved_share:>11.1%} "
            f"{overall.wrong_share:>6.1%}   {languages}"
        )


if __name__ == "__main__":
    main()
