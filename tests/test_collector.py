"""The command line pauses the cyclic garbage collector while it classifies
(``cli/collector.py``); that is safe only while a goal's own work makes no
reference cycles, so the garbage a run leaves must not grow with its goals."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ansvarsregler.cli import main


def _goals(count: int) -> list[dict]:
    """Goals of every kind the hot path meets: facts stated, facts left for the words to
    fill (numbers and words read), a KOSTRA code, an extra field."""
    kinds = (
        {"goal_type": "service_quality", "influence": "full", "budget_impact": "within_budget"},
        {"kostra_function": "202"},
        {"service_area": "barnehage", "merknad": "fra budsjettet"},
        {},
    )
    titles = ("Dekningsgrad i barnehage {n} %", "Trivsel ved skole {n}", "Mål {n} for tjenesten")
    return [
        {"id": f"m{n}", "title": titles[n % 3].format(n=n), **kinds[n % 4]} for n in range(count)
    ]


def _cyclic_garbage(tmp_path: Path, fmt: str, count: int) -> int:
    """What the collector finds after ``ansvar classify`` of ``count`` goals, run with it off."""
    source = tmp_path / f"mal.{fmt}"
    goals = _goals(count)
    text = json.dumps(goals) if fmt == "json" else "".join(json.dumps(g) + "\n" for g in goals)
    source.write_text(text, encoding="utf-8")
    gc.collect()
    gc.disable()
    try:
        args = ["classify", str(source), "--format", fmt, "-o", str(tmp_path / f"ut.{fmt}")]
        main.main(args, standalone_mode=False)
        return gc.collect()
    finally:
        gc.enable()


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_runs_cyclic_garbage_does_not_grow_with_its_goals(tmp_path: Path, fmt: str) -> None:
    _cyclic_garbage(tmp_path, fmt, 20)  # the first run fills the caches (cycles of their own)
    few = _cyclic_garbage(tmp_path, fmt, 20)
    many = _cyclic_garbage(tmp_path, fmt, 2000)
    assert many == few


def test_the_collector_runs_again_after_the_command(tmp_path: Path) -> None:
    source = tmp_path / "mal.jsonl"
    source.write_text('{"id": "a", "title": "Plass"}\n{"id": "a", "title": "Plass"}\n')
    assert gc.isenabled()
    refused = CliRunner().invoke(main, ["classify", str(source)])
    assert refused.exit_code == 2 and gc.isenabled()  # a duplicate id: the error path too
    assert CliRunner().invoke(main, ["classify", str(source.with_name("x.json"))]).exit_code
    assert gc.isenabled()
