"""A large run shared with a second process: it works every other batch of goals.

Python runs one goal at a time on one core, and a planner's machine has more.
For a large input, :func:`worked_in_two_processes` forks once, before any
input is opened. Both processes then read and validate *every* goal from the
files, each opening them itself. So they meet the same goals, the same
duplicate ids and the same first error, in the same place. Each process
classifies and serialises only its own batches. The second sends its results
to the first through a pipe, and the first writes them all, in input order.
The output is byte for byte the output of one process.

The second process writes nothing anywhere else: not to standard error, not
to the output. It stops with ``os._exit``, so it never runs the first
process's clean-up. If it stops early (killed, out of memory), the first
process works the rest of the batches itself, and the run still succeeds.

One process is used where ``fork`` is not safe (anywhere but Linux, or where a
thread runs), where one core is free, where standard input is read (it can
be read only once), where the input is small (below :data:`SHARED_FROM_BYTES`,
a fork would cost more than it saves), or where
``ANSVARSREGLER_PROCESSES=1`` asks for it.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Goals in a batch. A batch's results (about 1.4 KB each as JSON) fit the pipe whole.
BATCH = 256
#: The input size from which a second process pays (measured: about 1,000 goals of JSON
#: take 0.26 s shared and 0.28 s alone; see docs/performance.md).
SHARED_FROM_BYTES = 1 << 18
#: Set to 1 to keep every run in one process.
PROCESSES_VARIABLE = "ANSVARSREGLER_PROCESSES"
#: How much a pipe holds (Linux's default limit for a process's own pipes).
_PIPE_SIZE = 1 << 20
_LENGTH = 8


def second_process_pays(files: Sequence[Path], reads_stdin: bool) -> bool:
    """Whether a run over ``files`` is shared with a second process (see the module)."""
    if os.environ.get(PROCESSES_VARIABLE, "").strip() == "1":
        return False
    if sys.platform != "linux" or reads_stdin or threading.active_count() != 1:
        return False
    if len(os.sched_getaffinity(0)) < 2:
        return False
    try:
        size = sum(path.stat().st_size for path in files)
    except OSError:
        return False  # reading will say what is wrong, in one process
    return size >= SHARED_FROM_BYTES


def worked_in_two_processes(
    items: Callable[[bool], Iterator[T]],
    work: Callable[[T], R],
    *,
    shared: bool,
    batch: int = BATCH,
) -> Iterator[R]:
    """``work(item)`` for every item, in order; with ``shared``, every other batch is worked
    in a forked second process.

    ``items(in_second)`` makes a fresh iterator of the items, in each process after the
    fork (``in_second`` is true in the second: it should show nothing). Both iterators
    must yield the same items; an exception either raises is raised in the first
    process by its own. ``work``'s results must pickle.
    """
    if not shared:
        yield from map(work, items(False))
        return
    reading, writing = os.pipe()
    with contextlib.suppress(OSError, AttributeError):  # a smaller pipe only costs waits
        import fcntl

        fcntl.fcntl(writing, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    sys.stderr.flush()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the forked process, which never returns
        os.close(reading)
        _second(items, work, batch, writing)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        try:
            yield from _first(items(False), work, batch, pipe)
        finally:
            _stop(child)


def _second(
    items: Callable[[bool], Iterator[T]], work: Callable[[T], R], batch: int, writing: int
) -> None:  # pragma: no cover - runs in the forked process
    """The second process: work the odd batches, send each, and end without clean-up."""
    code = 1
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 2)  # warnings and messages are the first process's to write
        os.close(quiet)
        with os.fdopen(writing, "wb") as pipe:
            chunks = _batches(items(True), batch)
            for number, chunk in enumerate(chunks):
                if _seconds(number):
                    payload = pickle.dumps([work(item) for item in chunk], protocol=5)
                    pipe.write(len(payload).to_bytes(_LENGTH, "little") + payload)
                    pipe.flush()
        code = 0
    except BaseException:  # the first process meets the same error itself
        pass
    finally:
        os._exit(code)


def _first(items: Iterator[T], work: Callable[[T], R], batch: int, pipe: IO[bytes]) -> Iterator[R]:
    """The first process: work its own batches, and take the second's results from the
    pipe (or work them too, once the second process has stopped), all in order."""
    sending: IO[bytes] | None = pipe
    waiting: list[list[T]] = []  # the second's batches, kept until their results come
    for number, chunk in enumerate(_batches(items, batch)):
        if _seconds(number):
            waiting.append(chunk)
            continue
        own = [work(item) for item in chunk]
        for theirs in waiting:
            results, sending = _results_of(theirs, sending, work)
            yield from results
        waiting.clear()
        yield from own
    for theirs in waiting:
        results, sending = _results_of(theirs, sending, work)
        yield from results


def _results_of(
    chunk: list[T], pipe: IO[bytes] | None, work: Callable[[T], R]
) -> tuple[list[R], IO[bytes] | None]:
    """The results of the second process's ``chunk`` from ``pipe``, or worked here where it
    has stopped (``pipe`` is ``None`` once it has): with the pipe to read the next from."""
    received: list[R] | None = _received(pipe, len(chunk)) if pipe is not None else None
    if received is None:
        return [work(item) for item in chunk], None
    return received, pipe


def _received(pipe: IO[bytes], expected: int) -> list[R] | None:
    """The next batch's results from the second process; ``None`` if it has stopped."""
    header = pipe.read(_LENGTH)
    if len(header) != _LENGTH:
        return None
    payload = pipe.read(int.from_bytes(header, "little"))
    try:
        results = pickle.loads(payload)  # our own fork's bytes
    except Exception:  # cut off mid-batch: the second process stopped
        return None
    return results if isinstance(results, list) and len(results) == expected else None


def _seconds(number: int) -> bool:
    """Whether batch ``number`` is the second process's: every other one. (Giving it two
    of every three, as the first also writes every result, measured slower.)"""
    return number % 2 == 1


def _batches(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _stop(child: int) -> None:
    """End the second process (done already, or no longer needed) and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(child, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(child, 0)
