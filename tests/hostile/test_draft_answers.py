"""``ansvar draft`` fed hostile answers: EOF anywhere, control characters, huge and odd numbers.

The dialogue must ask again or stop cleanly; it may end early on EOF (click's
"Aborted!", exit 1), but never with a traceback, and the catalog file is
either extended by one whole goal or left exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import inputs as v
from .contract import Expect, Workspace

#: "Redusere sykefraværet" leaves one question open: its answer is a number from 1.
TITLE = "Redusere sykefraværet"
ANSWERED = [TITLE, "", "1"]

#: (name, answers, with a catalog file, what must happen).
DIALOGUES: list[tuple[str, list[str], bool, str]] = [
    ("eof-at-once", [], False, "either"),
    ("eof-after-title", [TITLE], False, "either"),
    ("eof-at-the-question", [TITLE, ""], False, "either"),
    ("eof-at-the-catalog-question", ANSWERED, True, "either"),
    ("blank-titles-then-eof", ["", "   ", "\t"], False, "either"),
    ("control-characters-in-title", ["\x1b[2J\x07tittel\x08\x7f", "", "1"], False, "ok"),
    ("nul-in-title", ["a\x00b", "", "1"], False, "ok"),
    ("title-of-symbols-only", ["!!!???", "", "1"], True, "ok"),
    ("title-of-100-000-characters", ["mål " * 25_000, "", "1"], False, "either"),
    ("zero", [TITLE, "", "0", "1"], False, "ok"),
    ("negative", [TITLE, "", "-1", "1"], False, "ok"),
    ("out-of-range", [TITLE, "", "99", "1"], False, "ok"),
    ("fraction", [TITLE, "", "1.5", "1e3", "1"], False, "ok"),
    ("superscript-digit", [TITLE, "", "²", "1"], False, "ok"),
    ("arabic-indic-digit", [TITLE, "", "\u0661", "1"], False, "ok"),
    ("five-thousand-digits", [TITLE, "", "9" * 5000, "1"], False, "ok"),
    ("padded-number", [TITLE, "", "  1  "], False, "ok"),
    ("catalog-answer-garbage-then-yes", [*ANSWERED, "kanskje", "\x1b", "j"], True, "ok"),
    ("catalog-answer-no", [*ANSWERED, "nei"], True, "ok"),
]


@pytest.mark.parametrize(
    ("answers", "catalog", "outcome"),
    [pytest.param(a, c, o, id=name) for name, a, c, o in DIALOGUES],
)
def test_draft_answers(
    answers: list[str], catalog: bool, outcome: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    space = Workspace.under(tmp_path)
    monkeypatch.chdir(space.folder)
    args = ["draft", "--lang", "en"]
    target = None
    if catalog:
        target = space.folder / "katalog.yaml"
        target.write_text(v.GOALS_YAML, encoding="utf-8")
        args += ["--catalog", "katalog.yaml"]
    stdin = "\n".join(answers).encode("utf-8") + (b"\n" if answers else b"")
    outcome_seen = space.run(args, Expect(outcome=outcome, output=target), stdin)
    if outcome_seen.exit_code == 1:
        assert "Aborted!" in outcome_seen.stderr, outcome_seen.describe()
