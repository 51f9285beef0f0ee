"""A JSON document's goals read one at a time (files/json_items.py): the same goals, lines
and errors as reading the document whole, in bounded memory.

The window the reader holds is shrunk to a few bytes here, so that items, spaces, numbers
and multi-byte letters fall across its edges everywhere.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ansvarsregler.cli import main
from ansvarsregler.files import json_items
from ansvarsregler.files.json_items import ReadWhole, json_list_items
from ansvarsregler.goals.files import _STRICT_DECODER

_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), _TEXT)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_TEXT, inner, max_size=3)),
    max_leaves=6,
)
_ITEM = st.one_of(st.dictionaries(_TEXT, _VALUE, max_size=4), _VALUE)
_SPACE = st.sampled_from(["", " ", "\n", "\r\n", "\t", "\n  ", " \n\n "])


@pytest.fixture(autouse=True)
def small_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_items, "CHUNK", 7)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[Any], list[int]]:
    """A JSON document of items in some layout, its items, and the line each starts on."""
    items = draw(st.lists(_ITEM, min_size=1, max_size=6))
    wrapped = draw(st.booleans())
    text = draw(_SPACE) + ('{"goals":' + draw(_SPACE) if wrapped else "") + "["
    lines = []
    for index, item in enumerate(items):
        text += draw(_SPACE)
        lines.append(text.count("\n") + 1)
        text += json.dumps(
            item, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 0, 2]))
        )
        text += draw(_SPACE) + ("," if index < len(items) - 1 else "")
    text += draw(_SPACE) + "]" + (draw(_SPACE) + "}" if wrapped else "") + draw(_SPACE)
    return text, items, lines


def _read(path: Path, limit: int = 64) -> list[tuple[Any, int]]:
    return list(json_list_items(path, _STRICT_DECODER, limit))


@settings(max_examples=300, deadline=None)
@given(documents())
def test_every_item_and_its_line_as_written(tmp_path_factory, document):
    text, items, lines = document
    path = tmp_path_factory.mktemp("doc") / "mal.json"
    path.write_bytes(text.encode())
    assert _read(path) == list(zip(items, lines, strict=True))


@settings(max_examples=500, deadline=None)
@given(documents(), st.data())
def test_a_damaged_document_is_never_read_as_a_good_one(tmp_path_factory, document, data):
    """Whatever one changed character does, the items read are the whole parse's, or the
    reader stops (possibly after some) and leaves the document to be read whole."""
    text, _, _ = document
    at = data.draw(st.integers(0, len(text)))
    change = data.draw(st.sampled_from(["", ",", "]", "}", "[", '"', "x", "1", " ", "\\", ":"]))
    damaged = text[:at] + change + text[at + data.draw(st.integers(0, 2)) :]
    path = tmp_path_factory.mktemp("doc") / "mal.json"
    path.write_bytes(damaged.encode())
    read: list[Any] = []
    try:
        for item, _ in json_list_items(path, _STRICT_DECODER, 64):
            read.append(item)
    except ReadWhole:
        whole = None
    else:
        whole = _STRICT_DECODER.decode(damaged)  # it must parse, to the same items
        assert read == (whole["goals"] if isinstance(whole, dict) else whole)
    if whole is None and read:
        parsed = _parsed(damaged)
        if parsed is not None:
            assert read == parsed[: len(read)]


def _parsed(text: str) -> list[Any] | None:
    try:
        value = _STRICT_DECODER.decode(text)
    except ValueError:
        return None
    return value["goals"] if isinstance(value, dict) and set(value) == {"goals"} else value


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("[]", "an empty list"),
        ("", "nothing"),
        ('{"goals": [{"id": "a"}], "more": 1}', "a key beside goals"),
        ('{"mal": [{"id": "a"}]}', "another key"),
        ('[{"id": "a"}] x', "text after the list"),
        ('[{"id": "a"},]', "a trailing comma"),
        ('[{"id": "a"} {"id": "b"}]', "no comma"),
        ('[{"id": "a", "id": "b"}]', "a duplicate key"),
        ('[{"id": "a", "n": NaN}]', "NaN"),
        ('[{"id": "a"}', "no end"),
        ('[{"id": "a"}]\x00', "a NUL byte"),
        ("\ufeff\ufeff[]", "two BOMs"),
    ],
)
def test_what_is_not_a_list_of_goals_is_read_whole(tmp_path, text, why):
    path = tmp_path / "mal.json"
    path.write_bytes(text.encode())
    with pytest.raises(ReadWhole):
        _read(path)


def test_bytes_that_are_not_utf8_are_read_whole(tmp_path):
    path = tmp_path / "mal.json"
    path.write_bytes(b'[{"id": "a"}, {"id": "\xff"}]')
    with pytest.raises(ReadWhole):
        _read(path)


def test_an_item_past_the_depth_limit_is_read_whole(tmp_path):
    path = tmp_path / "mal.json"
    path.write_text('{"goals": [{"a": [[1]]}, {"a": [[[1]]]}]}')  # six levels, the second
    assert len(_read(path, limit=6)) == 2
    read = []
    with pytest.raises(ReadWhole):
        for item, _ in json_list_items(path, _STRICT_DECODER, 5):
            read.append(item)
    assert read == [{"a": [[1]]}]


# -- through the command line: the same results and messages as reading whole --------------


def _goals(count: int) -> list[dict]:
    return [
        {
            "id": f"m{number}",
            "title": f"Mål {number}",
            "goal_type": "service_quality",
            "influence": "full",
        }
        for number in range(count)
    ]


def test_a_large_document_classifies_as_its_json_lines(tmp_path, monkeypatch):
    monkeypatch.setattr(json_items, "CHUNK", 1 << 10)  # windows of a few goals
    goals = _goals(500)
    document, lines = tmp_path / "mal.json", tmp_path / "mal.jsonl"
    document.write_text(json.dumps({"goals": goals}, ensure_ascii=False), encoding="utf-8")
    lines.write_text("".join(json.dumps(goal) + "\n" for goal in goals), encoding="utf-8")
    runner = CliRunner()
    by_document = runner.invoke(main, ["classify", str(document), "--format", "jsonl"])
    by_lines = runner.invoke(main, ["classify", str(lines), "--format", "jsonl"])
    assert by_document.exit_code == 0, by_document.output
    assert by_document.stdout == by_lines.stdout
    assert by_document.stdout.count("\n") == 500


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda text: text[:-2] + "x]", "linje 399: ugyldig JSON: Expecting ',' delimiter"),
        (
            lambda text: text.replace('"m350"', '"m3"'),
            "linje 352, mål 'm3', felt id: id 'm3' er brukt før ({path}:5)",
        ),
        (lambda text: text.replace('"Mål 380"', '""'), "linje 382, mål 'm380', felt title"),
        (
            lambda text: text.replace('"m390", ', '"m390", "x": ' + "[" * 70 + "]" * 70 + ", "),
            "linje 392: antall nivåer",
        ),
        (lambda text: text + "\x00", "linje 400: er ikke UTF-8-tekst"),
    ],
)
def test_a_problem_far_into_a_document_gets_the_message_of_reading_it_whole(
    tmp_path, monkeypatch, damage, expected
):
    monkeypatch.setattr(json_items, "CHUNK", 1 << 10)
    path = tmp_path / "mal.json"
    text = "[\n" + ",\n".join(json.dumps(goal, ensure_ascii=False) for goal in _goals(398)) + "\n]"
    path.write_text(damage(text), encoding="utf-8")
    result = CliRunner().invoke(main, ["classify", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"fil {path}, {expected.format(path=path)}" in result.stderr, result.stderr


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM (Linux)")
def test_memory_stays_flat_for_a_document_of_many_goals(tmp_path):
    """Reading a document of 200,000 goals (19 MB) takes less memory beyond reading one of
    20,000 than the document's size, which only the ids' hashes grow with (eight bytes a
    goal, in a table at most half full). Read whole, it took 18 times the size. Measured as
    the reading process's high-water mark (``VmHWM``, which starts afresh in a new program;
    ``ru_maxrss`` would carry over the test run's own)."""
    peaks = []
    for count in (20_000, 200_000):
        path = tmp_path / f"mal-{count}.json"
        path.write_text(json.dumps(_goals(count), ensure_ascii=False), encoding="utf-8")
        script = (
            "import sys; from ansvarsregler.goals.files import GoalFiles\n"
            "with GoalFiles([sys.argv[1]]) as files:\n"
            "    assert sum(1 for _ in files.check()) == int(sys.argv[2])\n"
            "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
            "print(int(status.split()[0]) * 1024)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, str(path), str(count)],
            capture_output=True,
            text=True,
            check=True,
        )
        peaks.append(int(done.stdout))
    size = (tmp_path / "mal-200000.json").stat().st_size
    assert peaks[1] - peaks[0] < size, (peaks, size)
