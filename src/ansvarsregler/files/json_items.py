"""The goals of a JSON document, one at a time, without holding the document.

A JSON document of goals is a list (``[{...}, {...}]``) or a mapping with the
list under ``goals``. Parsed whole, 100,000 goals take 340 MB: the text, the
parsed list and the goals made of it. :func:`json_list_items` reads the file a
megabyte at a time and parses one item of the list at a time, so memory stays
the same for ten goals and for a million.

It reads only what a well-formed document holds. Anything else (bad JSON, a
top level of another shape, text that is not UTF-8, nesting past the limit)
raises :class:`ReadWhole` at the first sign of it, and the caller reads the
document whole as before, for the same error message, with the same line:
the rare bad file pays for the common good one.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ansvarsregler.files.json_depth import deeper_than

#: How much of the file is read at a time; doubled while one item is longer than what is held.
CHUNK = 1 << 20
#: The start of a list of goals, bare or under ``goals``: how many levels it opens.
_OPENING = re.compile(r'[ \t\n\r]*(?:(\[)|\{[ \t\n\r]*"goals"[ \t\n\r]*:[ \t\n\r]*\[)')
_SPACE = re.compile(r"[ \t\n\r]*")
_WRAPPED = '{"goals":['
_NO_SPACE = str.maketrans("", "", " \t\n\r")


class ReadWhole(Exception):
    """The document is not a well-formed list of goals: read it whole to say what is wrong."""


def json_list_items(
    path: Path, decoder: json.JSONDecoder, depth_limit: int
) -> Iterator[tuple[Any, int]]:
    """Each item of the document's list of goals, parsed by ``decoder``, with its line.

    Raises :class:`ReadWhole` (possibly after some items) where the document is
    not a list of goals that ``decoder`` parses, within ``depth_limit`` levels.
    """
    with path.open("rb") as handle:
        yield from _Items(handle.read, decoder, depth_limit)


class _Items:
    """The parse of one document: a window of its text, and where in it the reading stands."""

    __slots__ = (
        "_counted",
        "_decode",
        "_ended",
        "_limit",
        "_line",
        "_no_batch_before",
        "_read",
        "_scan",
        "_text",
    )

    def __init__(self, read: Any, decoder: json.JSONDecoder, depth_limit: int) -> None:
        self._read = read
        self._decode = codecs.getincrementaldecoder("utf-8-sig")("strict").decode
        self._scan = decoder.scan_once  # type: ignore[attr-defined] # json's own, in C
        self._limit = depth_limit
        self._text = ""
        self._ended = False
        self._line = 1
        """The line that position :attr:`_counted` of :attr:`_text` stands on."""
        self._counted = 0
        self._no_batch_before = 0
        """Items before this position are parsed one at a time (a batch there failed)."""

    def __iter__(self) -> Iterator[tuple[Any, int]]:
        opening = self._opening()
        levels = 1 if opening.group(1) else 2
        room = self._limit - levels  # the levels an item may hold
        if room < 0:
            raise ReadWhole  # the list itself is too deep
        at = self._after_space(opening.end())
        if self._text.startswith("]", at):
            raise ReadWhole  # an empty list: reading it whole says so
        scan, space, text = self._scan, _SPACE.match, self._text
        while True:  # at: where the next item starts, or space before it
            batch = self._batch(at, room) if at >= self._no_batch_before else None
            if batch is not None:
                items, end = batch
                line = self._line_at(at)
                for item in items:
                    yield item, line
                mark = text[end : end + 1]
            else:  # one item at a time: an indented document, or one goal a line
                if not text.startswith("{", at):
                    at = space(text, at).end()  # type: ignore[union-attr] # always matches
                try:
                    item, end = scan(text, at)
                    mark = text[end]
                except (StopIteration, ValueError, RecursionError, IndexError):
                    at, item, end = self._careful_item(at)  # space, the text's end, bad JSON
                    text = self._text
                    mark = text[end : end + 1]
                if text.count("{", at, end) + text.count("[", at, end) > room and deeper_than(
                    item, room
                ):
                    raise ReadWhole
                yield item, self._line_at(at)
            if mark != ",":
                if mark != "]":
                    end = self._after_space(end)
                    text = self._text
                    mark = text[end : end + 1]
                if mark == "]":
                    break
                if mark != ",":
                    raise ReadWhole
            at = end + 1
        self._closing(end + 1, levels)

    def _opening(self) -> re.Match[str]:
        """The list's opening bracket (under ``goals``), read on through space before it."""
        while True:
            self._drop_before(_SPACE.match(self._text).end())  # type: ignore[union-attr]
            self._more(CHUNK)
            opening = _OPENING.match(self._text)
            if opening is not None:
                return opening
            if self._ended or not _WRAPPED.startswith(self._text.translate(_NO_SPACE)):
                raise ReadWhole

    def _batch(self, at: int, room: int) -> tuple[list[Any], int] | None:
        """The items from ``at`` to the last ``}`` held, parsed in one go where they stand on
        one line (as ``json.dumps`` writes them, so they share a line): with where they end.

        One parse of many items costs what parsing the document whole would, a third less
        than one parse per item. It is taken only where it parses as items of the list:
        the brackets around it close exactly at its end.
        """
        text = self._text
        cut = text.rfind("}", at)
        if cut <= at or text.find("\n", at, cut) >= 0:
            self._no_batch_before = len(text)  # items one at a time, up to the next chunk
            return None
        batch = "[" + text[at : cut + 1] + "]"
        try:
            items, end = self._scan(batch, 0)
        except (StopIteration, ValueError, RecursionError):
            items, end = None, 0
        if end != len(batch):
            self._no_batch_before = cut + 1
            return None
        if deeper_than(items, room + 1):
            raise ReadWhole
        return items, cut + 1

    def _line_at(self, at: int) -> int:
        """The line of position ``at`` (at or after the last one asked about)."""
        self._line += self._text.count("\n", self._counted, at)
        self._counted = at
        return self._line

    def _careful_item(self, at: int) -> tuple[int, Any, int]:
        """The item at or after ``at`` (past any space), reading on while it runs past what
        is held: where it starts, the item, and where it ends."""
        at = self._after_space(at)
        size = CHUNK
        while True:
            try:
                item, end = self._scan(self._text, at)
            except (StopIteration, ValueError, RecursionError):
                if self._ended:
                    raise ReadWhole from None
            else:
                if end < len(self._text) or self._ended:  # a number may go on in the next chunk
                    return at, item, end
            at = self._drop_before(at)
            self._more(size)
            size *= 2

    def _closing(self, at: int, levels: int) -> None:
        """Only a ``}`` (under ``goals``) and space may follow the list."""
        at = self._after_space(at)
        if levels == 2:
            if not self._text.startswith("}", at):
                raise ReadWhole
            at = self._after_space(at + 1)
        if at < len(self._text):
            raise ReadWhole

    def _after_space(self, at: int) -> int:
        """The first position at or after ``at`` that is not space, reading on as needed."""
        while True:
            at = _SPACE.match(self._text, at).end()  # type: ignore[union-attr] # always matches
            if at < len(self._text) or self._ended:
                return at
            at = self._drop_before(at)
            self._more(CHUNK)

    def _drop_before(self, at: int) -> int:
        """Drop the text before ``at``, counting its lines; what stood at ``at`` is now at 0."""
        self._line_at(at)
        self._counted = self._no_batch_before = 0
        self._text = self._text[at:]
        return 0

    def _more(self, size: int) -> None:
        """Read ``size`` more bytes onto the text; at the end, note that it has ended."""
        chunk = self._read(size)
        if b"\x00" in chunk:
            raise ReadWhole  # not text
        try:
            self._text += self._decode(chunk, not chunk)
        except UnicodeDecodeError:
            raise ReadWhole from None
        self._ended = not chunk
