"""Goals pasted or uploaded on the page, read by the same readers as goal files.

An upload lives in memory only: on Linux as a memory file (``memfd``), which
the readers open by a path under ``/proc/self/fd`` and which is gone when it
is closed. Elsewhere it is a temporary file removed at once after reading.
Either way nothing is kept after the response.

A spreadsheet (CSV or XLSX, uploaded or pasted) travels on with the page,
packed in a hidden field, so that its downloads can be the planner's own
sheet with the result columns added, as ``ansvar classify mål.xlsx -o
ut.xlsx`` writes it. The server still keeps nothing: the browser holds it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import cast

from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.goals.files import INPUT_FORMATS, GoalFiles, InputFormat
from ansvarsregler.goals.model import Goal
from ansvarsregler.limits import REQUEST_BYTES

#: How a pasted text is named in messages.
PASTED = "innlimt tekst"


@dataclass(frozen=True)
class Source:
    """The bytes the page's goals were read from, and the name messages give them."""

    data: bytes
    name: str

    def packed(self) -> str:
        """The bytes for a hidden field: compressed, then base64."""
        return base64.b64encode(zlib.compress(self.data, 6)).decode("ascii")

    @classmethod
    def unpacked(cls, packed: str, name: str) -> Source:
        """A source back from its hidden field; never more than a request may carry, so a
        tampered field cannot unpack to a bomb."""
        limit = REQUEST_BYTES.value()
        try:
            unpacker = zlib.decompressobj()
            data = unpacker.decompress(base64.b64decode(packed, validate=True), limit + 1)
        except (binascii.Error, ValueError, zlib.error):
            raise InvalidGoalError(
                "serve.bad_body", Location(field="sheet"), reason="sheet"
            ) from None
        REQUEST_BYTES.check(len(data), Location(field="sheet"))
        return cls(data, name or PASTED)


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


@contextlib.contextmanager
def opened(source: Source) -> Iterator[GoalFiles]:
    """``source`` as goal files, open (an XLSX sheet's rows are read as they are needed)."""
    suffix = PurePath(source.name).suffix.lower().lstrip(".")
    fmt = {"yml": "yaml", "ndjson": "jsonl"}.get(suffix, suffix)
    with (
        in_memory(source.data) as path,
        GoalFiles(
            [str(path)],
            input_format=cast(InputFormat, fmt) if fmt in INPUT_FORMATS else None,
            labels={str(path): source.name},
        ) as goal_files,
    ):
        yield goal_files


def read_goals(source: Source) -> tuple[list[Goal], bool]:
    """Every goal in ``source``, validated like a goal file's (the first problem is an error
    naming the file and where in it), and whether it is a spreadsheet."""
    with opened(source) as goal_files:
        goals = [read.goal for read in goal_files.check()]
        return goals, goal_files.spreadsheets() is not None
