"""``ansvar draft`` fed hostile answers: EOF anywhere, control characters, huge and odd numbers.

The dialogue must ask again or stop cleanly; it may end early on EOF (saying so in
the user's language, exit 2), but never with a traceback, and the catalog file is
either extended by one whole goal or left exactly as it was. Input that ends at the
question whether or where to keep the goal leaves it shown and not kept (exit 0).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _pytest.mark.structures import ParameterSet

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
    expect = Expect(outcome=outcome, output=target, dialogue=True)
    outcome_seen = space.run(args, expect, stdin)
    assert "Aborted!" not in outcome_seen.stderr, outcome_seen.describe()


#: (name, catalog bytes, what must happen); each dialogue answers yes to keeping the goal.
CATALOGS: list[object] = [
    ("valid", v.GOALS_YAML.encode(), "ok"),
    ("absent", None, "ok"),
    ("empty", b"", "error"),
    ("broken-yaml", b"goals: [\n", "error"),
    ("empty-list", b"goals: []\n", "error"),
    ("not-utf8", "goals:\n  - id: a\n    title: Ø\n".encode("latin-1"), "error"),
    ("nul-byte", b"goals:\n  - id: a\x00\n", "error"),
    ("duplicate-ids", (v.GOALS_YAML + "  - id: barnehage\n    title: x\n").encode(), "error"),
    ("a-scalar", b"hello\n", "error"),
    ("utf8-bom", b"\xef\xbb\xbf" + v.GOALS_YAML.encode(), "ok"),
    ("crlf", v.GOALS_YAML.replace("\n", "\r\n").encode(), "ok"),
    ("no-final-newline", v.GOALS_YAML.rstrip("\n").encode(), "ok"),
    ("flow-style-list", b"goals: [{id: a, title: x}]\n", "error"),
    ("top-level-list", b"- id: a\n  title: x\n", "ok"),
    ("tabs-in-comment", b"# \t\x0b comment\n" + v.GOALS_YAML.encode(), "either"),
]


@pytest.mark.parametrize(
    ("content", "outcome"),
    [
        case if isinstance(case, ParameterSet) else pytest.param(*case[1:], id=case[0])
        for case in CATALOGS
    ],
)
def test_draft_catalog(
    content: bytes | None, outcome: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    space = Workspace.under(tmp_path)
    monkeypatch.chdir(space.folder)
    target = space.folder / "katalog.yaml"
    if content is not None:
        target.write_bytes(content)
    stdin = "\n".join([*ANSWERED, "j"]).encode() + b"\n"
    args = ["draft", "--lang", "en", "--catalog", "katalog.yaml"]
    expect = Expect(outcome=outcome, file="katalog.yaml", output=target)
    space.run(args, expect, stdin)
    if outcome == "ok":
        kept = target.read_bytes()
        assert kept.startswith(content or b""), "the catalog's own bytes were not kept"


@pytest.mark.parametrize("where", ["a-folder", "missing-folder/k.yaml", ""])
def test_draft_catalog_path_typed_in(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --catalog the planner types a path: a folder or a missing folder is an error."""
    space = Workspace.under(tmp_path)
    (space.folder / "a-folder").mkdir()
    monkeypatch.chdir(space.folder)
    stdin = "\n".join([*ANSWERED, where]).encode() + b"\n"
    outcome = "ok" if not where else "error"
    expect = Expect(outcome=outcome, file=where or None, dialogue=True)
    space.run(["draft", "--lang", "en"], expect, stdin)
