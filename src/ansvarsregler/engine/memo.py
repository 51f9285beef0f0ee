"""A thread-safe memo: compute a value once per key, read it without a lock afterwards."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

KeyT = TypeVar("KeyT", bound=Hashable)
ValueT = TypeVar("ValueT")


class Memo(Generic[KeyT, ValueT]):
    """Values by key, each computed once even when several threads ask at the same time.

    Reads take no lock (a dict lookup is atomic); a miss takes the lock and
    looks again, so ``compute`` (here: a run through the rule engine) never
    runs twice for one key. The lock is re-entrant: ``compute`` may itself ask
    for other keys (a decision looks at the decisions its answers would give).
    """

    def __init__(self, compute: Callable[[KeyT], ValueT]) -> None:
        self._compute = compute
        self._values: dict[KeyT, ValueT] = {}
        self._lock = threading.RLock()

    def get(self, key: KeyT) -> ValueT:
        value = self._values.get(key)
        if value is None:
            with self._lock:
                value = self._values.get(key)
                if value is None:
                    value = self._compute(key)
                    self._values[key] = value
        return value
