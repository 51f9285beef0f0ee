"""A message that counts something: one text for exactly one, another for every other
number."""

from __future__ import annotations

from typing import NamedTuple


class Plural(NamedTuple):
    """A message's singular and plural text, chosen by the parameter named ``by``."""

    one: str
    other: str
    by: str = "count"

    def choose(self, params: dict[str, object]) -> str:
        return self.one if params[self.by] == 1 else self.other
