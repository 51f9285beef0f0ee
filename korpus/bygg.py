"""Build the labelled corpus from the two readers' files: keep what they agree on, then split.

Every goal in ``lesere/1-*.yaml`` was read in a published municipal document,
written in the first reader's own words and labelled; ``lesere/2-*.yaml`` holds a
second reader's labels of the same goals, made without seeing the first's. A goal
is kept when both readers give it the same owner, with the expected facts the two
agree on. The municipalities are then split once, at random, into a development
part (the indicator rules are tuned on it) and a held-out part (only measured
on): a municipality is held out when the hash of the seed and its name falls in
the lowest 35 %, so adding a municipality never moves another one across. Run
``python korpus/bygg.py`` after changing a reader's file; ``tests/test_korpus.py`` checks
the built files match.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).parent
READERS = HERE / "lesere"
SEED = "20261202"
#: The share of municipalities held out, in percent.
HELD_OUT_PERCENT = 35
FACTS = ("goal_type", "influence", "budget_impact", "budget_frame")
#: Kept for an independent measurement: no document of these is in the corpus.
EXCLUDED = frozenset(
    [
        "Stavanger",
        "Overhalla",
        "Kristiansund",
        "Sandnes",
        "Lom",
        "Nordkapp",
        "Bamble",
        "Notodden",
        "Skodje",
        "Lunner",
        "Lund",
        "Bærum",
        "Skaun",
        "Ullensaker",
        "Løten",
        "Hustadvika",
        "Fræna",
        "Molde",
        "Askim",
        "Vadsø",
        "Klepp",
        "Stryn",
        "Gol",
        "Hå",
        "Kvinnherad",
        "Volda",
        "Aurland",
    ]
)
HEADER = """\
# {title}
#
# Built by korpus/bygg.py from the two readers' files in korpus/lesere/ (do not edit by hand):
# real goals from published municipal documents, each written in a reader's own words, kept
# where two independent readers gave the same owner. See korpus/README.md.
"""


def load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["goals"]


def agreed_goals() -> tuple[list[dict], Counter[str]]:
    """The goals both readers give the same owner, and how many of each kind were dropped."""
    kept: list[dict] = []
    dropped: Counter[str] = Counter()
    for first_file in sorted(READERS.glob("1-*.yaml")):
        second = {g["id"]: g["labels"] for g in load(READERS / f"2-{first_file.name[2:]}")}
        for goal in load(first_file):
            if goal["municipality"] in EXCLUDED:
                sys.exit(f"{goal['id']}: {goal['municipality']} is kept out of the corpus")
            first_labels, second_labels = goal["labels"], second[goal["id"]]
            if first_labels["owner"] != second_labels["owner"]:
                dropped["owner"] += 1
                continue
            kept.append(_labelled(goal, first_labels, second_labels))
    return kept, dropped


def _labelled(goal: dict, first: dict, second: dict) -> dict:
    out = {"id": goal["id"], "title": goal["title"]}
    for field in ("description", "service_area", "kostra_function", "budget_frame"):
        if goal.get(field):
            out[field] = goal[field]
    out["expected_owner"] = first["owner"]
    for fact in FACTS:
        if first.get(fact) is not None and first.get(fact) == second.get(fact):
            out[f"expected_{fact}"] = first[fact]
    out["label_note"] = first["reason"]
    for field in ("municipality", "language", "document", "source"):
        out[field] = goal[field]
    return out


def held_out(municipality: str) -> bool:
    """Whether ``municipality`` is in the held-out part: a draw fixed by :data:`SEED`."""
    digest = hashlib.sha256(f"{SEED}:{municipality}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_PERCENT


def split(goals: list[dict]) -> tuple[list[dict], list[dict]]:
    """Development and held-out goals, by municipality."""
    development = [g for g in goals if not held_out(g["municipality"])]
    return development, [g for g in goals if held_out(g["municipality"])]


def dump(goals: list[dict], title: str) -> str:
    body = yaml.safe_dump({"goals": goals}, allow_unicode=True, sort_keys=False, width=100)
    return HEADER.format(title=title) + body


def build(goals: list[dict] | None = None) -> dict[str, str]:
    """The built files' names and text, from ``goals`` (the agreed goals when not given)."""
    development, held_out = split(goals if goals is not None else agreed_goals()[0])
    return {
        "utvikling.yaml": dump(
            development, "Development part: the indicator rules are tuned on it"
        ),
        "holdt-ute.yaml": dump(held_out, "Held-out part: only measured on, never tuned on"),
    }


def main() -> None:
    goals, dropped = agreed_goals()
    for name, text in build(goals).items():
        (HERE / name).write_text(text, encoding="utf-8")
    print(f"kept {len(goals)} goals; readers disagreed on the owner of {dropped['owner']}")


if __name__ == "__main__":
    main()
