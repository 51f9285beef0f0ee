"""A progress bar on standard error for long runs, and only on a terminal.

Reading and classifying a hundred thousand goals takes seconds; a planner
at a terminal should see that something happens. Nothing is drawn when
standard error is not a terminal (a pipe, a log file, CI) or when the
results themselves go to the terminal, so output is never mixed with it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

#: Runs with fewer goals than this finish before a bar would be worth drawing.
LONG_RUN = 5_000
#: Goals between redraws: counting every goal would cost more than classifying it.
_STEP = 500


def progress_wanted(output_to_terminal: bool) -> bool:
    """Draw a bar only when standard error is a terminal and the results do not go there."""
    return sys.stderr.isatty() and not output_to_terminal


def tracked(items: Iterable[T], description: str, total: int | None, enabled: bool) -> Iterator[T]:
    """``items`` unchanged, with a bar on standard error while they are consumed.

    ``total`` None counts without a bar's end (the first pass, before the
    goals are counted); the bar is drawn only for runs of :data:`LONG_RUN` or
    more and disappears when done.
    """
    if not enabled or (total is not None and total < LONG_RUN):
        yield from items
        return
    # rich is imported only for a bar: most runs (a pipe, a small file) draw none.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
    with Progress(
        *columns,
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=total)
        done = 0
        for item in items:
            yield item
            done += 1
            if done % _STEP == 0:
                progress.update(task, completed=done)
        progress.update(task, completed=done)
