"""Append a goal to a goal catalog file, keeping everything already in it.

The planner's file is edited as text, not re-dumped, so comments, order and
quoting stay exactly as written: the new goal is added at the end in the
file's own indentation. The result is read back and validated before it
replaces the file (atomically), so a failure leaves the file untouched.
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
from ansvarsregler.goals.spreadsheets import STDIN

#: The first item of a block list: its indentation is the file's own.
_FIRST_ITEM = re.compile(r"^( *)- ", re.MULTILINE)


def append_goal(path: Path, goal: dict[str, Any]) -> str:
    """Add ``goal`` at the end of the YAML catalog ``path`` (made if absent); return its id.

    The id is made unique within the file (``-2``, ``-3``, ...).
    """
    taken = check_catalog(path)
    if taken is not None:
        text = path.read_text(encoding="utf-8-sig")
        goal = {**goal, "id": _unique(goal["id"], taken)}
        new_text = _with_item(path, text, goal)
    else:
        new_text = "goals:\n" + _block(goal, "  ")
    _goal_ids(path, new_text)  # the whole file still reads as goals, before it is replaced
    with output_stream(path) as out:
        out.write(new_text)
    return str(goal["id"])


def check_catalog(path: Path) -> set[str] | None:
    """The ids in the catalog ``path`` (``None``: no file yet), if a goal can be added to it.

    ``ansvar draft --catalog`` calls this before its first question, so a
    planner never answers them all to learn that the file is broken; it
    raises a located error for a folder, a file that is not goals, or goals
    that are not a block list.
    """
    if not path.exists():
        return None
    if not path.is_file():
        raise InvalidGoalError("input.not_regular_file", Location(file=str(path)))
    taken = _goal_ids(path)
    if _FIRST_ITEM.search(path.read_text(encoding="utf-8-sig")) is None:
        raise InvalidGoalError("draft.cannot_append", Location(file=str(path)))
    return taken


def _goal_ids(path: Path, text: str | None = None) -> set[str]:
    """The ids of the goals in the catalog ``path`` (or in ``text``, its new content), every
    goal validated; errors name ``path`` and the line."""
    if text is None:
        sources, stdin = [str(path)], None
    else:
        sources, stdin = [STDIN], io.BytesIO(text.encode("utf-8"))
    try:
        with GoalFiles(sources, input_format="yaml", stdin=stdin) as files:
            return {read.goal.id for read in files.check()}
    except InvalidGoalError as error:
        error.location = replace(error.location, file=str(path))
        raise


def _unique(goal_id: str, taken: set[str]) -> str:
    candidate, number = goal_id, 1
    while candidate in taken:
        number += 1
        candidate = f"{goal_id}-{number}"
    return candidate


def _with_item(path: Path, text: str, goal: dict[str, Any]) -> str:
    """``text`` with ``goal`` appended to its list of goals, in the list's indentation."""
    match = _FIRST_ITEM.search(text)
    if match is None:  # e.g. `goals: []`: there is no block list to extend
        raise InvalidGoalError("draft.cannot_append", Location(file=str(path)))
    separator = "" if text.endswith("\n") else "\n"
    return f"{text}{separator}\n{_block(goal, match.group(1))}"


def _block(goal: dict[str, Any], indent: str) -> str:
    """``goal`` as one item of a YAML block list, each line indented by ``indent``."""
    dumped = yaml.safe_dump([goal], allow_unicode=True, sort_keys=False, width=100)
    return "".join(indent + line for line in dumped.splitlines(keepends=True))
