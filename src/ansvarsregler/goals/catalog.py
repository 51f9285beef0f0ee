"""Append a goal to a goal catalog file, keeping everything already in it.

The planner's file is edited as text, not re-dumped, so comments, order and
quoting stay exactly as written: the new goal is added at the end in the
file's own indentation. The result is read back and validated before it
replaces the file (atomically), so a failure leaves the file untouched; the
file's existing bytes are kept exactly, its line ending and byte-order mark too.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.files.output import output_stream
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.goals.model import Goal
from ansvarsregler.goals.spreadsheets import STDIN

#: The first item of a block list: its indentation is the file's own.
_FIRST_ITEM = re.compile(r"^( *)- ", re.MULTILINE)


def check_catalog(path: Path) -> list[Goal] | None:
    """The goals in the catalog ``path`` (``None``: no file yet), if a goal can be added to it.

    ``ansvar draft --catalog`` calls this before its first question, so a
    planner never answers them all to learn that the file is broken; it
    raises a located error for a folder or another non-file, a file that is
    not goals, or goals that are not a block list.
    """
    if not path.exists():
        return None
    if path.is_dir():
        raise InvalidGoalError("draft.catalog_is_folder", Location(file=str(path)))
    if not path.is_file():
        raise InvalidGoalError("input.not_regular_file", Location(file=str(path)))
    goals = _goals(path)  # first: this also checks the file's size before it is read
    if _FIRST_ITEM.search(path.read_bytes().decode("utf-8-sig")) is None:
        raise InvalidGoalError("draft.cannot_append", Location(file=str(path)))
    return goals


def append_goal(path: Path, goal: dict[str, Any]) -> str:
    """Add ``goal`` at the end of the YAML catalog ``path`` (made if absent); return its id.

    The id is made unique within the file (``-2``, ``-3``, ...). Every byte
    already in the file stays as it is (a byte-order mark, CRLF line endings,
    a last line without a line break): the goal is appended as bytes in the
    file's own line ending, and the goals already there must read the same
    afterwards (a ``|+`` block scalar at the end keeps its trailing lines).
    """
    before = check_catalog(path)
    if before is None:
        new_text = "goals:\n" + _block(goal, "  ")
        _goals(path, new_text)  # the whole file reads as goals, before it is written
        with output_stream(path) as out:
            out.write(new_text)
        return str(goal["id"])
    old = path.read_bytes()
    goal = {**goal, "id": _unique(goal["id"], {read.id for read in before})}
    added = _addition(path, old, goal, before)
    with output_stream(path, binary=True) as binary:
        binary.write(old + added)
    return str(goal["id"])


def _addition(path: Path, old: bytes, goal: dict[str, Any], before: list[Goal]) -> bytes:
    """The bytes that add ``goal`` after ``old``: a line break if the last line has none,
    a blank line unless it would change a goal already there, the goal in the list's
    indentation; in the file's line ending."""
    text = old.decode("utf-8-sig")
    match = _FIRST_ITEM.search(text)
    if match is None:  # e.g. `goals: []`: there is no block list to extend
        raise InvalidGoalError("draft.cannot_append", Location(file=str(path)))
    newline = "\r\n" if "\r\n" in text else "\n"
    block = _block(goal, match.group(1))
    ending = "" if text.endswith("\n") else "\n"
    for separator in (ending + "\n", ending):
        new_text = text + separator + block
        if _goals(path, new_text)[: len(before)] == before:
            return (separator + block).replace("\n", newline).encode("utf-8")
    raise InvalidGoalError("draft.would_change", Location(file=str(path)))


def _goals(path: Path, text: str | None = None) -> list[Goal]:
    """The goals in the catalog ``path`` (or in ``text``, its new content), every goal
    validated; errors name ``path`` and the line."""
    if text is None:
        sources, stdin = [str(path)], None
    else:
        sources, stdin = [STDIN], io.BytesIO(text.encode("utf-8"))
    try:
        with GoalFiles(sources, input_format="yaml", stdin=stdin) as files:
            return [read.goal for read in files.check()]
    except InvalidGoalError as error:
        error.location = replace(error.location, file=str(path))
        raise


def _unique(goal_id: str, taken: set[str]) -> str:
    candidate, number = goal_id, 1
    while candidate in taken:
        number += 1
        candidate = f"{goal_id}-{number}"
    return candidate


def _block(goal: dict[str, Any], indent: str) -> str:
    """``goal`` as one item of a YAML block list, each line indented by ``indent``."""
    dumped = yaml.safe_dump([goal], allow_unicode=True, sort_keys=False, width=100)
    return "".join(indent + line for line in dumped.splitlines(keepends=True))
