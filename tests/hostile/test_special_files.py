"""Inputs that are not regular files: pipes, folders and devices where a file is expected.

A pipe with no writer blocks a reader for ever and a device never ends, so
these run in a subprocess with a timeout and a file-size bound as safety nets.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from . import inputs as v
from .contract import BOMB_TIMEOUT_SECONDS, Expect, Workspace


@pytest.fixture
def space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    space = Workspace.under(tmp_path)
    monkeypatch.chdir(space.folder)
    return space


def test_a_pipe_in_a_rule_folder_is_refused_not_waited_for(space: Workspace) -> None:
    rules = v.copy_rules(space.folder / "r")
    os.mkfifo(rules / "tests" / "zz.yaml")
    expect = Expect(outcome="error", file="r/tests/zz.yaml")
    args = ["rules", "--rules", "r", "--lang", "en"]
    space.run(args, expect, subprocess_run=True, timeout=BOMB_TIMEOUT_SECONDS)


def test_a_folder_named_like_a_rule_file_is_refused(space: Workspace) -> None:
    rules = v.copy_rules(space.folder / "r")
    (rules / "99-mappe.yaml").mkdir()
    expect = Expect(outcome="error", file="r/99-mappe.yaml")
    space.run(["rules", "--rules", "r", "--lang", "en"], expect)


def test_a_pipe_as_draft_catalog_is_refused_before_the_questions(space: Workspace) -> None:
    os.mkfifo(space.folder / "katalog.yaml")
    args = ["draft", "--catalog", "katalog.yaml", "--lang", "en"]
    space.run(args, Expect(outcome="error", file="katalog.yaml"), b"Redusere sykefravaeret\n")


def test_a_pipe_in_a_goal_folder_is_passed_over(space: Workspace) -> None:
    (space.folder / "d").mkdir()
    (space.folder / "d" / "g.yaml").write_text(v.GOALS_YAML, encoding="utf-8")
    os.mkfifo(space.folder / "d" / "pipe.yaml")
    space.run(["classify", "d", "--lang", "en"], Expect(outcome="ok"))


def test_an_endless_device_as_goal_file_stops_at_the_size_limit(space: Workspace) -> None:
    args = ["classify", "/dev/zero", "--lang", "en"]
    expect = Expect(outcome="error", file="/dev/zero")
    space.run(args, expect, subprocess_run=True, timeout=BOMB_TIMEOUT_SECONDS)


def test_symbolic_link_loops_are_named_not_followed(space: Workspace) -> None:
    (space.folder / "loop.yaml").symlink_to("loop.yaml")
    (space.folder / "d").mkdir()
    (space.folder / "d" / "g.yaml").write_text(v.GOALS_YAML, encoding="utf-8")
    (space.folder / "d" / "self").symlink_to("../d")
    rules = v.copy_rules(space.folder / "r")
    (rules / "loop.yaml").symlink_to("loop.yaml")
    space.run(["classify", "loop.yaml", "--lang", "en"], Expect(outcome="error", file="loop.yaml"))
    space.run(["classify", "d", "--lang", "en"], Expect(outcome="ok"))
    args = ["classify", "d", "--profile", "loop.yaml", "--lang", "en"]
    space.run(args, Expect(outcome="error", file="loop.yaml"))
    space.run(
        ["rules", "--rules", "r", "--lang", "en"], Expect(outcome="error", file="r/loop.yaml")
    )


TOO_LONG = "a" * 5000


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["classify", TOO_LONG], id="goal-file"),
        pytest.param(["classify", "--profile", TOO_LONG], id="profile"),
        pytest.param(["rules", "--rules", TOO_LONG], id="rule-folder"),
    ],
)
def test_a_path_too_long_for_the_system_is_an_error(space: Workspace, args: list[str]) -> None:
    """ENAMETOOLONG from the first look at a path: an OSError no reader turned into a message."""
    space.run([*args, "--lang", "en"], Expect(outcome="error"))
