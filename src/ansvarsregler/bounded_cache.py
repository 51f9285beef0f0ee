"""A bounded memo for values keyed by user input: at most ``maxsize`` entries, oldest out first.

A memo whose keys come from a finite space (fact combinations, see
:class:`ansvarsregler.engine.memo.Memo`) may keep everything. One whose keys
carry what a user typed (a service area, the words of a title) must not: a
long-running service that classifies every goal it is sent would keep one
entry per distinct goal. :class:`BoundedCache` keeps the ``maxsize`` most
recently added entries.

Reads are a plain dict lookup, without a lock (the classifier's hot path
pays nothing for the bound); writes take one lock, so concurrent writers
never drop an entry twice. The oldest entry goes first, not the least
recently used: a hit would otherwise need a lock to reorder. A goal whose
entry went out is rendered again once, which costs little beside the
entries added in between.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

KeyT = TypeVar("KeyT", bound=Hashable)
ValueT = TypeVar("ValueT")


class BoundedCache(Generic[KeyT, ValueT]):
    """At most ``maxsize`` values by key; adding one more drops the oldest."""

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self._values: dict[KeyT, ValueT] = {}
        self._order: deque[KeyT] = deque()
        self._lock = threading.Lock()
        self.get: Callable[[KeyT], ValueT | None] = self._values.get
        """The value for a key; ``None`` if it is not kept."""

    def put(self, key: KeyT, value: ValueT) -> None:
        """Keep ``value`` for ``key``, dropping the oldest entries beyond ``maxsize``."""
        with self._lock:
            if key not in self._values:
                self._order.append(key)
            self._values[key] = value
            while len(self._order) > self.maxsize:
                del self._values[self._order.popleft()]

    def __len__(self) -> int:
        return len(self._values)
