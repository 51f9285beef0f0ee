"""The rich console every terminal presenter writes through."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from ansvarsregler.text import visible


class QuietConsole(Console):
    """A console that shows control characters instead of letting them act (every string it
    prints or puts in a table passes :func:`~ansvarsregler.text.visible`), and that lets a
    closed pipe (``ansvar rules | head``) reach the command, which ends quietly with 0
    (rich's own console exits with 1)."""

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(visible(text, keep_lines=True), **options)

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError
