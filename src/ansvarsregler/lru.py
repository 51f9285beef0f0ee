"""A bounded memo for values keyed by user input: the most recently used ones are kept.

A memo whose keys come from a finite space (fact combinations, see
:class:`ansvarsregler.engine.memo.Memo`) may keep everything. One whose keys
carry what a user typed (a service area, the words of a title) must not: a
long-running service that classifies every goal it is sent would keep one
entry per distinct goal. :class:`LruCache` keeps at most ``maxsize`` entries
and forgets the least recently used.

Every read and write takes one lock: a key's ``__hash__`` and ``__eq__`` may
run Python code, so no step on the ordered dict is atomic on its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

KeyT = TypeVar("KeyT", bound=Hashable)
ValueT = TypeVar("ValueT")


class LruCache(Generic[KeyT, ValueT]):
    """At most ``maxsize`` values by key, least recently used forgotten first."""

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self._values: OrderedDict[KeyT, ValueT] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: KeyT) -> ValueT | None:
        """The value for ``key``, now the most recently used; ``None`` if not kept."""
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: KeyT, value: ValueT) -> None:
        """Keep ``value`` for ``key``, forgetting the least recently used beyond ``maxsize``."""
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.maxsize:
                self._values.popitem(last=False)

    def __len__(self) -> int:
        return len(self._values)
