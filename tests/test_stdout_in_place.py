"""Standard output redirected to a regular file (``ansvar classify big.jsonl > ut.jsonl``)
is written in place, not held back in a temporary file, and cut back to where it began if
the run fails: the file ends as a held-back output would leave it (``files/output.py``)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ANSVAR = str(Path(sys.executable).with_name("ansvar"))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptors")

GOOD = '{"id": "a", "title": "Plass i barnehage"}\n{"id": "b", "title": "Trivsel i skolen"}\n'
BAD_AT_THE_END = GOOD + '{"id": "c"}\n'


def _run(goals: Path, out: Path, mode: str) -> subprocess.CompletedProcess[bytes]:
    """``ansvar classify goals --format jsonl`` with standard output ``out`` opened in
    ``mode``, after what is already in it."""
    with out.open(mode) as stdout:
        stdout.seek(0, 2)
        return subprocess.run(
            [ANSVAR, "classify", str(goals), "--format", "jsonl"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )


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
        done = subprocess.run(
            [ANSVAR, "classify", str(goals), "--format", "jsonl"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in goals.read_text(encoding="utf-8").splitlines()]
    assert [r["goal_id"] for r in results[:200]] == [f"m{i}" for i in range(200)]


#: ``ansvar classify`` with a JSON writer that writes part of the output, flushes it into
#: the file, says so on standard error, then waits: the signal arrives mid-write.
_HALTING_RUN = """
import sys
import ansvarsregler.presenters as presenters
from ansvarsregler.cli import main

def halting(results, out):
    out.write("[partial")
    out.flush()
    sys.stderr.write("writing\\n")
    sys.stderr.flush()
    sys.stdin.read()

presenters.write_json = halting
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGALRM])
def test_a_signal_while_writing_in_place_cuts_the_file_back(tmp_path: Path, signum: int) -> None:
    goals, out = tmp_path / "mal.jsonl", tmp_path / "ut.json"
    goals.write_text(GOOD, encoding="utf-8")
    out.write_bytes(b"start\n")
    with out.open("r+b") as stdout:
        stdout.seek(0, 2)
        run = subprocess.Popen(
            [sys.executable, "-c", _HALTING_RUN, "classify", str(goals), "--format", "json"],
            stdin=subprocess.PIPE,
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
    assert run.stderr is not None
    try:
        assert run.stderr.readline() == b"writing\n"
        assert out.read_bytes() == b"start\n[partial"  # written in place, not held back
        run.send_signal(signum)
        assert run.wait(timeout=60) == 128 + signum
        assert b"Traceback" not in run.stderr.read()
    finally:
        run.kill()
        run.wait()
    assert out.read_bytes() == b"start\n"


def test_a_file_opened_before_its_end_is_held_back(tmp_path: Path) -> None:
    """``1<> ut.txt`` stands at the start of what the file holds: cutting back there would
    lose it, so the output is held back and bad input leaves the file whole."""
    goals, out = tmp_path / "mal.jsonl", tmp_path / "ut.txt"
    goals.write_text(BAD_AT_THE_END, encoding="utf-8")
    out.write_bytes(b"keep me\nline 2\n")
    with out.open("r+b") as stdout:
        done = subprocess.run(
            [ANSVAR, "classify", str(goals), "--format", "jsonl"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2
    assert out.read_bytes() == b"keep me\nline 2\n"


def test_standard_error_in_the_same_file_keeps_its_warnings_first(tmp_path: Path) -> None:
    """``> log 2>&1``: the warnings must stand before the results and stay after an error."""
    goals, log = tmp_path / "mal.jsonl", tmp_path / "logg.txt"
    goals.write_text('{"id": "a", "title": "Plass", "goal_typ": "x"}\n{"id": "c"}\n')
    with log.open("wb") as both:
        done = subprocess.run(
            [ANSVAR, "classify", str(goals), "--format", "jsonl"],
            stdout=both,
            stderr=both,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2
    text = log.read_text(encoding="utf-8")
    assert "goal_typ" in text and "linje 2" in text
    goals.write_text('{"id": "a", "title": "Plass", "goal_typ": "x"}\n')
    with log.open("wb") as both:
        subprocess.run(
            [ANSVAR, "classify", str(goals), "--format", "jsonl"],
            stdout=both,
            stderr=both,
            timeout=120,
            check=True,
        )
    warning, result = log.read_text(encoding="utf-8").splitlines()
    assert "goal_typ" in warning and json.loads(result)["goal_id"] == "a"
