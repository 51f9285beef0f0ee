"""Standard output redirected to a regular file (``ansvar classify big.jsonl > ut.jsonl``)
is written in place, not held back in a temporary file, and cut back to where it began if
the run fails: the file ends as a held-back output would leave it (``files/output.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

ANSVAR = str(Path(sys.executable).with_name("ansvar"))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptors")

GOOD = '{"id": "a", "title": "Plass i barnehage"}\n{"id": "b", "title": "Trivsel i skolen"}\n'
BAD_AT_THE_END = GOOD + '{"id": "c"}\n'


def _classified(goals: Path, stdout: IO[bytes], stderr: IO[bytes] | int = subprocess.PIPE):
    """``ansvar classify goals --format jsonl`` writing to ``stdout`` as it stands."""
    return subprocess.run(
        [ANSVAR, "classify", str(goals), "--format", "jsonl"],
        stdout=stdout,
        stderr=stderr,
        timeout=120,
        check=False,
    )


def _run(goals: Path, out: Path, mode: str) -> subprocess.CompletedProcess[bytes]:
    """:func:`_classified` with standard output ``out`` opened in ``mode``, after what is
    already in it."""
    with out.open(mode) as stdout:
        stdout.seek(0, 2)
        return _classified(goals, stdout)


@pytest.mark.parametrize("mode", ["r+b", "ab"])  # in place, and appended (held back)
def test_results_follow_what_the_file_held(tmp_path: Path, mode: str) -> None:
    goals, out = tmp_path / "mal.jsonl", tmp_path / "ut.jsonl"
    goals.write_text(GOOD, encoding="utf-8")
    out.write_bytes(b"start\n")
    done = _run(goals, out, mode)
    assert done.returncode == 0, done.stderr
    first, *results = out.read_text(encoding="utf-8").splitlines()
    assert first == "start"
    assert [json.loads(line)["goal_id"] for line in results] == ["a", "b"]


@pytest.mark.parametrize("mode", ["r+b", "ab"])
def test_bad_input_at_the_end_leaves_the_file_as_it_was(tmp_path: Path, mode: str) -> None:
    goals, out = tmp_path / "mal.jsonl", tmp_path / "ut.jsonl"
    goals.write_text(BAD_AT_THE_END, encoding="utf-8")
    out.write_bytes(b"start\n")
    done = _run(goals, out, mode)
    assert done.returncode == 2
    assert b"linje 3" in done.stderr
    assert out.read_bytes() == b"start\n"


def test_standard_output_onto_the_input_itself_is_held_back(tmp_path: Path) -> None:
    """``1<> mal.jsonl``: written in place, the results would overwrite goals not yet read;
    held back, the input is read whole first."""
    goals = tmp_path / "mal.jsonl"
    goals.write_text(
        "".join(f'{{"id": "m{i}", "title": "Plass i barnehage nr {i}"}}\n' for i in range(200)),
        encoding="utf-8",
    )
    with goals.open("r+b") as stdout:
        done = _classified(goals, stdout)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in goals.read_text(encoding="utf-8").splitlines()]
    assert [r["goal_id"] for r in results[:200]] == [f"m{i}" for i in range(200)]


def test_a_file_opened_before_its_end_is_held_back(tmp_path: Path) -> None:
    """``1<> ut.txt`` stands at the start of what the file holds: cutting back there would
    lose it, so the output is held back and bad input leaves the file whole."""
    goals, out = tmp_path / "mal.jsonl", tmp_path / "ut.txt"
    goals.write_text(BAD_AT_THE_END, encoding="utf-8")
    out.write_bytes(b"keep me\nline 2\n")
    with out.open("r+b") as stdout:
        done = _classified(goals, stdout)
    assert done.returncode == 2
    assert out.read_bytes() == b"keep me\nline 2\n"


def test_standard_error_in_the_same_file_keeps_its_warnings_first(tmp_path: Path) -> None:
    """``> log 2>&1``: the warnings must stand before the results and stay after an error."""
    goals, log = tmp_path / "mal.jsonl", tmp_path / "logg.txt"
    goals.write_text('{"id": "a", "title": "Plass", "goal_typ": "x"}\n{"id": "c"}\n')
    with log.open("wb") as both:
        done = _classified(goals, both, both)
    assert done.returncode == 2
    text = log.read_text(encoding="utf-8")
    assert "goal_typ" in text and "linje 2" in text
    goals.write_text('{"id": "a", "title": "Plass", "goal_typ": "x"}\n')
    with log.open("wb") as both:
        assert _classified(goals, both, both).returncode == 0
    warning, result = log.read_text(encoding="utf-8").splitlines()
    assert "goal_typ" in warning and json.loads(result)["goal_id"] == "a"
