"""How deep a JSON text nests, checked before anything is made of it.

``json.loads`` recurses once per level: a document nested 100,000 levels
deep is a ``RecursionError``, and one nested a few hundred levels would be
read only to fail later, while its results are being written. A short text
(a line of JSON Lines) is checked before it is parsed, by counting its
brackets. A long document is checked after: skipping the strings to count
brackets outside them costs more than parsing the document, while counting
the levels of what was parsed costs a twentieth of it. Either way the text is
scanned for the line only when it is too deep.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from ansvarsregler.errors import Location
from ansvarsregler.limits import NESTING_DEPTH

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def check_json_depth(
    text: str, file: str | None = None, line: int | None = None, limit: int | None = None
) -> None:
    """Raise a ``LimitError`` if ``text`` nests deeper than the limit, naming its line.

    ``line`` is the line ``text`` stands on (a line of JSON Lines); else the
    line is counted inside ``text``. ``limit``: the limit in force, read once
    by a caller that checks many lines (reading the environment costs more
    than counting a short line's brackets).
    """
    limit = NESTING_DEPTH.value() if limit is None else limit
    if text.count("[") + text.count("{") <= limit:  # the common case, e.g. a JSON Lines goal
        return
    brackets = _BRACKET.findall(_STRING.sub("", text))
    deepest = max(accumulate(map(_STEP.__getitem__, brackets)), default=0)
    if deepest <= limit:
        return
    depth = 0
    for match in _TOKEN.finditer(text):  # only now: where the limit is first passed
        step = _STEP.get(match.group(), 0)
        depth += step
        if depth > limit:
            where = line if line is not None else text.count("\n", 0, match.start()) + 1
            NESTING_DEPTH.check(deepest, Location(file=file, line=where))


def parse_json_within_depth(text: str, parse: Callable[[str], Any], file: str | None = None) -> Any:
    """``parse(text)``, refused with a ``LimitError`` naming the line if it nests deeper
    than the limit: counted in the parsed value, so a large document is parsed only once
    and scanned again only when it is too deep."""
    limit = NESTING_DEPTH.value()  # at most 200: the parser's recursion stays well inside
    try:
        value = parse(text)
    except (RecursionError, ValueError):  # too deep for the parser, or bad JSON: say which
        check_json_depth(text, file, limit=limit)  # the depth first, as before parsing
        raise
    if deeper_than(value, limit):
        check_json_depth(text, file, limit=limit)
    return value


def deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` (parsed JSON) holds more than ``limit`` levels of lists and
    mappings: one level at a time, without recursion, stopping past the limit."""
    level = [value] if type(value) in _CONTAINERS else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        level = [
            inner
            for outer in level
            for inner in (outer.values() if type(outer) is dict else outer)
            if type(inner) in _CONTAINERS
        ]
    return False


_CONTAINERS = frozenset({dict, list})
