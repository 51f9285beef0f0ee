"""Text from the input as it may be shown to a person: visible, and not too long.

A title can hold anything a file can: terminal control sequences
(``\\x1b]0;title\\x07`` sets the window title, ``\\x1b[31m`` colours),
a carriage return that overwrites the line, bidi overrides (U+202E) that
show text backwards. On a terminal these act instead of being read, so
everything written to a terminal passes :func:`visible`: a C0 control is
shown as its Unicode control picture (``␛``), a C1 control or a bidi control
as ``\\x9b`` / ``\\u202e``. Data outputs (JSON, CSV, XLSX, YAML, markdown)
keep the text as it is: their formats escape what they must.

An error message quotes a value from the input to say which it is, and
:func:`excerpt` keeps that quote short: a whole file given where a profile
was expected must not become a 5 MB message.
"""

from __future__ import annotations

#: Unicode's bidirectional controls: embeddings, overrides, isolates and marks.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_VISIBLE: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20)},
    0x7F: "\u2421",
    **{code: f"\\x{code:02x}" for code in range(0x80, 0xA0)},
    **{code: f"\\u{code:04x}" for code in _BIDI},
}
_VISIBLE_KEEPING_LINES = {code: shown for code, shown in _VISIBLE.items() if code not in (9, 10)}
EXCERPT_LENGTH = 80
"""Characters of a value an error message quotes."""


def visible(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with every control character shown instead of acting on a terminal.

    ``keep_lines``: tabs and line feeds stay (a table cell, an explanation);
    else they are shown too (one line of an error message).
    """
    if text.isprintable():
        return text  # the usual case, fast
    return text.translate(_VISIBLE_KEEPING_LINES if keep_lines else _VISIBLE)


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """``text`` cut to ``length`` characters, ending in ``…`` when cut."""
    return text if len(text) <= length else text[: length - 1] + "…"
