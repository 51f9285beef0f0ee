"""The results, byte for byte, pinned: the JSON contract for the built-in catalog, the
labelled sets and every combination of facts hashes to what it did when this file was
written.

A change meant to be faster (issue: performance) must leave every byte of every result as
it was; a change meant to change results (new rules, new wording) updates the hashes on
purpose, with ``UPDATE_GOLDEN=1 pytest tests/test_identical_results.py``, and says so. The
evaluator's name is left out of the hash: both evaluators give the same results.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import re
from pathlib import Path

import pytest

from ansvarsregler import Classifier, default_ruleset
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.presenters import write_results
from ansvarsregler.rules.loader import shipped_data_dir
from ansvarsregler.vocabulary import FACT_NAMES, FACT_VALUES

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "results.json"
_EVALUATOR = re.compile(r'"evaluator":\s*"[^"]*"')


def goals_of(path: Path) -> list[dict]:
    with GoalFiles([str(path)]) as files:
        return [read.goal.model_dump(mode="json", exclude_none=True) for read in files.check()]


def every_combination() -> list[dict]:
    """A goal for each combination of facts, a missing fact included."""
    values = [(*FACT_VALUES[name], None) for name in FACT_NAMES]
    goals = []
    for number, facts in enumerate(itertools.product(*values)):
        stated = {name: value for name, value in zip(FACT_NAMES, facts, strict=True) if value}
        goals.append({"id": f"kombinasjon-{number}", "title": "Et mål", **stated})
    return goals


CASES = {
    "catalog-nb": (lambda: goals_of(shipped_data_dir("goal_catalog")), "nb", True),
    "catalog-en": (lambda: goals_of(shipped_data_dir("goal_catalog")), "en", True),
    "labelled-drafts": (lambda: goals_of(ROOT / "tests" / "intake" / "utkast.yaml"), "nb", True),
    "held-out-corpus": (lambda: goals_of(ROOT / "korpus" / "holdt-ute.yaml"), "nb", True),
    "every-combination": (every_combination, "nb", False),
    "every-combination-en": (every_combination, "en", False),
}


def digest(case: str) -> str:
    make, lang, suggest = CASES[case]
    results = Classifier(default_ruleset(), suggest=suggest).classify_many(make(), lang=lang)
    out = io.StringIO()
    write_results(results, "json", out, lang)
    return hashlib.sha256(_EVALUATOR.sub("", out.getvalue()).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("case", sorted(CASES))
def test_results_are_byte_for_byte_what_they_were(case):
    pinned = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}
    found = digest(case)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        pinned[case] = found
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert found == pinned.get(case), f"the results of {case} changed (UPDATE_GOLDEN=1 if meant)"
