"""The goal ids a run has read, in eight bytes each: duplicates found with bounded memory.

A set of a million ids holds the million strings and its own table, about
150 MB; streaming a million goals of JSON Lines would need that for this
check alone. :class:`SeenIds` keeps only each id's 64-bit hash, in an
open-addressing table of machine integers (16 MB for a million). Two ids
with the same hash are almost surely the same id; the caller makes sure by
looking for the id where it was read, on that rare path only.
"""

from __future__ import annotations

from array import array

_EMPTY = 0
_FIRST_SIZE = 1 << 10


class SeenIds:
    """Remembers ids by hash; :meth:`add` says whether the same hash came before."""

    def __init__(self) -> None:
        self._slots = array("q", bytes(8 * _FIRST_SIZE))
        self._mask = _FIRST_SIZE - 1
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, goal_id: str) -> bool:
        """Remember ``goal_id``; ``True`` if an id with its hash was added before (almost
        surely the same id: confirm before calling it a duplicate)."""
        code = hash(goal_id) or 1  # 0 marks an empty slot
        slots, mask = self._slots, self._mask
        index = code & mask
        while True:
            found = slots[index]
            if found == _EMPTY:
                slots[index] = code
                self._count += 1
                if self._count * 2 > mask:
                    self._grow()
                return False
            if found == code:
                return True
            index = (index + 1) & mask

    def _grow(self) -> None:
        """Twice the slots, so that at most half are taken and a lookup stays short."""
        old = self._slots
        self._slots = array("q", bytes(16 * len(old)))
        self._mask = 2 * len(old) - 1
        slots, mask = self._slots, self._mask
        for code in old:
            if code != _EMPTY:
                index = code & mask
                while slots[index] != _EMPTY:
                    index = (index + 1) & mask
                slots[index] = code
