"""Goals pasted or uploaded on the page, read by the same readers as goal files.

An upload lives in memory only: on Linux as a memory file (``memfd``), which
the readers open by a path under ``/proc/self/fd`` and which is gone when it
is closed. Elsewhere it is a temporary file removed at once after reading.
Either way nothing is kept after the response.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import cast

from ansvarsregler.goals.files import INPUT_FORMATS, GoalFiles, InputFormat
from ansvarsregler.goals.model import Goal

#: How a pasted text is named in messages.
PASTED = "innlimt tekst"


@contextlib.contextmanager
def in_memory(data: bytes) -> Iterator[Path]:
    """``data`` behind a path the readers can open, held in memory where the system can."""
    if hasattr(os, "memfd_create") and Path("/proc/self/fd").is_dir():
        descriptor = os.memfd_create("ansvar-upload", os.MFD_CLOEXEC)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            yield Path(f"/proc/self/fd/{descriptor}")
        finally:
            os.close(descriptor)
        return
    with tempfile.NamedTemporaryFile(prefix="ansvar-upload-") as spool:  # pragma: no cover
        spool.write(data)
        spool.flush()
        yield Path(spool.name)


def read_goals(data: bytes, name: str) -> list[Goal]:
    """Every goal in ``data`` (a file called ``name``, or pasted text), validated like a goal
    file's: the first problem is an error naming ``name`` and where in it."""
    suffix = PurePath(name).suffix.lower().lstrip(".")
    fmt = {"yml": "yaml", "ndjson": "jsonl"}.get(suffix, suffix)
    with (
        in_memory(data) as path,
        GoalFiles(
            [str(path)],
            input_format=cast(InputFormat, fmt) if fmt in INPUT_FORMATS else None,
            labels={str(path): name},
        ) as goal_files,
    ):
        return [read.goal for read in goal_files.check()]
