"""A large ``ansvar classify`` is shared with a forked second process
(``cli/second_process.py``): results in input order, byte for byte those of one process,
the same error where the input is bad, and no process left behind, whatever stops it."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansvarsregler.cli.second_process import (
    PROCESSES_VARIABLE,
    SHARED_FROM_BYTES,
    second_process_pays,
    worked_in_two_processes,
)

ANSVAR = str(Path(sys.executable).with_name("ansvar"))

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="a second process is Linux's")

TITLES = (
    "Plass i barnehage til alle som søker",
    "Elevene skal trives på skolen",
    "Sykefraværet i enheten skal ned",
    "Åpningstiden i biblioteket skal utvides",
    "Befolkningen skal ha god folkehelse",
    "Mål nummer {n} for tjenesten",
)
FACTS = {
    "goal_type": ["service_quality", "societal", "capacity", "economy", None],
    "influence": ["full", "partial", "none", None],
    "budget_impact": ["within_budget", "requires_increase", "unknown", None],
    "budget_frame": ["unit", "municipality", None],
}


def _children() -> list[str]:
    """The processes this one has started and not reaped (Linux's own list)."""
    tasks = Path(f"/proc/{os.getpid()}/task")
    return [pid for task in tasks.iterdir() for pid in (task / "children").read_text().split()]


def _square(number: int) -> tuple[int, int]:
    return number, number * number


def _numbers(count: int) -> Iterator[int]:
    return iter(range(count))


@settings(max_examples=25, deadline=None)
@given(count=st.integers(0, 400), batch=st.integers(1, 40))
def test_every_result_comes_in_input_order(count: int, batch: int) -> None:
    results = list(
        worked_in_two_processes(lambda _: _numbers(count), _square, shared=True, batch=batch)
    )
    assert results == [_square(number) for number in range(count)]
    assert _children() == []


def test_a_second_process_that_stops_leaves_its_work_to_the_first() -> None:
    first = os.getpid()

    def work(number: int) -> int:
        if os.getpid() != first and number == 50:
            os._exit(9)  # the second process killed half way, as by the out-of-memory killer
        return number + 1

    results = list(worked_in_two_processes(lambda _: _numbers(500), work, shared=True, batch=8))
    assert results == list(range(1, 501))
    assert _children() == []


def test_an_error_in_the_items_is_raised_and_the_second_process_reaped() -> None:
    def items(_: bool) -> Iterator[int]:
        for number in range(300):
            if number == 120:
                raise ValueError("goal 120 is bad")
            yield number

    with pytest.raises(ValueError, match="goal 120"):
        list(worked_in_two_processes(items, _square, shared=True, batch=16))
    assert _children() == []


def test_stopping_early_reaps_the_second_process() -> None:
    results = worked_in_two_processes(lambda _: _numbers(10_000), _square, shared=True, batch=4)
    assert list(itertools.islice(results, 10)) == [_square(n) for n in range(10)]
    results.close()
    assert _children() == []


def test_the_second_process_writes_nothing_to_standard_error(capfd) -> None:
    first = os.getpid()

    def work(number: int) -> int:
        if os.getpid() != first:
            os.write(2, b"from the second process\n")
        return number

    assert list(worked_in_two_processes(lambda _: _numbers(50), work, shared=True, batch=5)) == [
        *range(50)
    ]
    assert "second process" not in capfd.readouterr().err


def test_a_small_input_standard_input_or_the_setting_keep_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, large = tmp_path / "small.json", tmp_path / "large.json"
    small.write_bytes(b"[]")
    large.write_bytes(b" " * SHARED_FROM_BYTES)
    assert not second_process_pays([small], reads_stdin=False)
    assert not second_process_pays([large], reads_stdin=True)
    assert not second_process_pays([tmp_path / "gone.json"], reads_stdin=False)
    if len(os.sched_getaffinity(0)) > 1:
        assert second_process_pays([large], reads_stdin=False)
    monkeypatch.setenv(PROCESSES_VARIABLE, "1")
    assert not second_process_pays([large], reads_stdin=False)


def _goals(count: int) -> list[dict[str, str]]:
    """``count`` goals over every mix of facts stated and missing, with words to read."""
    mixes = itertools.product(*FACTS.values())
    goals = []
    for number, mix in zip(range(count), itertools.cycle(mixes)):
        goal = {"id": f"mal-{number}", "title": TITLES[number % len(TITLES)].format(n=number)}
        goal |= {fact: value for fact, value in zip(FACTS, mix, strict=True) if value is not None}
        if number % 7 == 0:
            goal["service_area"] = "skole"
        goals.append(goal)
    return goals


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same goals as JSON and as JSON Lines, large enough to be shared."""
    folder = tmp_path_factory.mktemp("large")
    goals = _goals(6_000)
    as_json, as_jsonl = folder / "mal.json", folder / "mal.jsonl"
    as_json.write_text(json.dumps(goals, ensure_ascii=False), encoding="utf-8")
    lines = "".join(json.dumps(goal, ensure_ascii=False) + "\n" for goal in goals)
    as_jsonl.write_text(lines, encoding="utf-8")
    for path in (as_json, as_jsonl):
        assert path.stat().st_size >= SHARED_FROM_BYTES
    return {"json": as_json, "jsonl": as_jsonl}


def _ansvar(*arguments: str, processes: str | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items() if key != PROCESSES_VARIABLE}
    if processes is not None:
        environment[PROCESSES_VARIABLE] = processes
    return subprocess.run(
        [ANSVAR, *arguments], capture_output=True, env=environment, timeout=300, check=False
    )


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_two_processes_write_what_one_writes(large: dict[str, Path], fmt: str) -> None:
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: one process")
    assert second_process_pays([large[fmt]], reads_stdin=False)
    shared = _ansvar("classify", str(large[fmt]), "--format", fmt)
    alone = _ansvar("classify", str(large[fmt]), "--format", fmt, processes="1")
    assert shared.returncode == alone.returncode == 0, shared.stderr
    assert shared.stdout == alone.stdout
    assert shared.stderr == alone.stderr
    assert len(shared.stdout.splitlines()) >= 6_000


def test_strict_counts_the_second_process_s_goals_too(large: dict[str, Path]) -> None:
    shared = _ansvar("classify", str(large["json"]), "--format", "json", "--strict")
    alone = _ansvar("classify", str(large["json"]), "--format", "json", "--strict", processes="1")
    assert shared.returncode == alone.returncode == 1
    assert shared.stderr == alone.stderr


@pytest.mark.parametrize(
    ("where", "change"),
    [
        (5_999, {"influence": "altogether"}),  # a bad value in the last goal
        (2_900, {"id": "mal-10"}),  # an id seen in the first batch, in a later batch
        (300, {"title": ""}),  # in the second process's first batch
    ],
)
def test_bad_input_says_the_same_and_writes_nothing(
    tmp_path: Path, where: int, change: dict[str, str]
) -> None:
    goals = _goals(6_000)
    goals[where] |= change
    path, out = tmp_path / "mal.jsonl", tmp_path / "ut.jsonl"
    path.write_text("".join(json.dumps(goal) + "\n" for goal in goals), encoding="utf-8")
    shared = _ansvar("classify", str(path), "-o", str(out))
    assert not out.exists()
    alone = _ansvar("classify", str(path), "-o", str(out), processes="1")
    assert shared.returncode == alone.returncode == 2
    assert shared.stderr == alone.stderr
    assert f"linje {where + 1}".encode() in shared.stderr
    assert not out.exists()
