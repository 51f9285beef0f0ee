"""Where output goes: standard output, or a file written all or nothing.

Results, spreadsheets and an appended catalog file are all written through
:func:`output_stream`, so a failure half-way never leaves a half-written
file, and a replaced file keeps its permissions.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ansvarsregler.errors import InvalidGoalError, Location


@contextmanager
def output_stream(output: Path | None, *, binary: bool = False) -> Iterator[IO[Any]]:
    """Where results go: standard output, or ``output`` written all or nothing.

    A regular file (or a link to one) is written to a temporary file beside
    it and renamed over it only on success, keeping its permissions; a device
    or pipe such as ``/dev/null`` is written directly. ``binary``: a stream
    of bytes (XLSX, or CSV in the input's own encoding), else UTF-8 text.
    """
    if output is None:
        if binary:
            sys.stdout.flush()
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        else:
            yield sys.stdout
        return
    target = output.resolve()
    mode = "wb" if binary else "w"
    encoding, newline = (None, None) if binary else ("utf-8", "")
    try:
        if target.exists() and not target.is_file():
            with target.open(mode, encoding=encoding, newline=newline) as device:
                yield device
            return
        handle: IO[Any] = tempfile.NamedTemporaryFile(  # noqa: SIM115 - renamed or removed below
            mode,
            encoding=encoding,
            newline=newline,
            dir=target.parent,
            prefix=f".{target.name}.",
            delete=False,
        )
    except OSError as error:
        raise InvalidGoalError(
            "output.unwritable", Location(file=str(output)), reason=error.strerror or str(error)
        ) from None
    try:
        with handle:
            yield handle
        os.chmod(handle.name, _file_mode(target))
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _file_mode(target: Path) -> int:
    """The mode the output gets: the replaced file's, else the usual one under the umask."""
    if target.exists():
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
