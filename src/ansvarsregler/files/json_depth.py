"""How deep a JSON text nests, found before it is parsed.

``json.loads`` recurses once per level: a document nested 100,000 levels
deep is a ``RecursionError``, and one nested a few hundred levels is read
only to fail later, while its results are being written. Counting brackets
outside strings first costs one pass at C speed (regular expressions), so
too deep a document is refused with its line before any recursion happens.
"""

from __future__ import annotations

import re
from itertools import accumulate

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
