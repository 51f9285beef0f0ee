"""Norwegian text folded to plain letters, for comparing and naming.

Planners write «Måltype», «MÅLTYPE» and «Maltype»; a profile is called Bø
but its file ``bo.yaml``; a goal id is made from «Øke barnehagedekningen».
One folding serves all three, so they never disagree about a letter.
"""

from __future__ import annotations

import re
import unicodedata

#: Letters NFKD does not take apart: spelled as Norwegians do without them.
_SPELLED = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "œ": "oe", "ð": "d"})


def plain_letters(text: str) -> str:
    """Lower case with æøå spelled out and accents dropped: ``Nøtterøy`` → ``notteroy``."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_SPELLED))
    return "".join(char for char in text if not unicodedata.combining(char))


_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """A spreadsheet header or cell as compared: plain letters and digits only.

    ``Mål-id`` → ``malid``; ``Påvirkning`` → ``pavirkning``; ``goal_type`` → ``goaltype``;
    ``Budsjett-virkning`` and ``Budsjett virkning`` → ``budsjettvirkning``.
    """
    return _NOT_WORD.sub("", plain_letters(text))
