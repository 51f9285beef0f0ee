"""The cyclic garbage collector, paused while a command streams goals.

Python runs a full collection whenever the objects alive have grown by a
quarter since the last one. A JSON document of 100,000 goals is parsed
whole, so it grows them by hundreds of thousands, and those passes cost about
a sixth of ``ansvar classify``. They find nothing: a goal's own work makes no
reference cycles (``tests/test_collector.py`` holds the whole pipeline to
that: a run's cyclic garbage does not grow with its goals), and reference
counting frees each goal's objects as before. Only the command line pauses
the collector, for one command; the library never does, since what else runs
in a program that calls it (a server) may need it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (reference counting goes on)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
