"""The rich console every terminal presenter writes through."""

from __future__ import annotations

from rich.console import Console


class QuietConsole(Console):
    """A console that lets a closed pipe (``ansvar rules | head``) reach the command, which
    ends quietly with 0 (rich's own console exits with 1)."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError
