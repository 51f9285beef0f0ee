"""Where output goes: standard output, or a file written all or nothing.

Results, spreadsheets and an appended catalog file are all written through
:func:`output_stream`, so a failure half-way never leaves a half-written
file, and a replaced file keeps its permissions.

A file is written to a temporary file beside it, named
``.<name>.ansvar-tmp-<pid>-<random>`` so that it can be recognised later:
SIGTERM, SIGINT or SIGHUP while writing removes it and exits with 128 plus
the signal's number, the target untouched; a temporary file left by a run
that could not clean up (``kill -9``, a power cut) is removed by the next
run that writes the same target, once its process is gone or it is older
than :data:`STALE_AFTER` seconds.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import IO, Any

from ansvarsregler.errors import InvalidGoalError, Location

#: How much is copied at a time from a spooled output to where it goes, and how much an
#: output file holds before it writes: a million results are 1.4 GB, and a write to the
#: operating system for every 8 KB (Python's default) cost half a second more.
_COPY_CHUNK = 1 << 20
#: The errors of a disk with no room left (EDQUOT: over quota; EFBIG: a file too large).
_NO_ROOM = frozenset(
    code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None), errno.EFBIG) if code
)
#: What marks a temporary output file as ours: ``.<name>.ansvar-tmp-<pid>-<random>``.
TEMP_MARK = ".ansvar-tmp-"
#: A temporary file this old is removed even if a process with its number runs (a reused pid).
STALE_AFTER = 24 * 60 * 60
#: The signals that end a run cleanly while it writes (SIGHUP is not on Windows).
_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)
#: While standard output is written in place, every signal that would end the process
#: ends it cleanly instead, so that the file is cut back: these too (POSIX only).
_ENDING_SIGNALS = _SIGNALS + tuple(
    getattr(signal, name)
    for name in ("SIGQUIT", "SIGALRM", "SIGUSR1", "SIGUSR2", "SIGXCPU", "SIGVTALRM", "SIGPROF")
    if hasattr(signal, name)
)


def refuse_overwriting_inputs(output: Path, inputs: Iterable[Path]) -> None:
    """Raise if writing ``output`` would replace or land in one of ``inputs``.

    ``inputs`` are every file the run reads and the folders whose every file
    it reads (a rule set): the output may be none of them, nor inside such a
    folder. Paths are compared resolved (symlinks followed) and by identity
    (``os.path.samefile``: a hard link, or another spelling on a
    case-insensitive disk).
    """
    target = Path(os.path.realpath(output))
    for path in inputs:
        source = Path(os.path.realpath(path))
        inside = source in target.parents and source.is_dir()
        if target == source or inside or _same_file(target, source):
            raise InvalidGoalError(
                "cli.output_is_input", Location(file=str(output)), path=str(output)
            )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):  # one of them does not exist (yet), or cannot be looked at
        return False


@contextmanager
def output_stream(
    output: Path | None, *, binary: bool = False, inputs: Iterable[Path] | None = None
) -> Iterator[IO[Any]]:
    """Where results go: standard output, or ``output`` written all or nothing.

    A regular file (or a link to one) is written to a temporary file beside
    it and renamed over it only on success, keeping its permissions; standard
    output and a device or pipe such as ``/dev/null`` are written to a temporary
    file first and get its content only on success. ``binary``: a stream
    of bytes (XLSX, or CSV in the input's own encoding), else UTF-8 text.
    A write that fails (a full disk) is an :class:`InvalidGoalError` naming
    the output, not a traceback.

    ``inputs``: every file the run reads, where the caller knows them. Then standard
    output redirected to a regular file that is none of them (``> ut.jsonl``) is written
    in place and cut back to where it began if the run fails (:func:`_in_place`): a
    million results are not written twice.
    """
    if output is None:
        if sys.stdout is None:  # the process started with it closed (`>&-`)
            reason = os.strerror(errno.EBADF)
            raise InvalidGoalError("output.stdout_unwritable", Location(), reason=reason)
        with _writing_to(None):
            fd = _plain_file_stdout(inputs) if inputs is not None else None
            stream = _in_place(fd, binary) if fd is not None else _spooled_stdout(binary)
            with stream as out:
                yield out
        return
    mode = "wb" if binary else "w"
    encoding, newline = (None, None) if binary else ("utf-8", "")
    with _writing_to(output):
        # a loop of links, a name too long, a folder that cannot be entered; a file not
        # found is written new (through a dangling link too, as the shell's `>` does)
        with contextlib.suppress(FileNotFoundError):
            os.stat(output)
        target = Path(os.path.realpath(output))
        if target.exists() and not target.is_file():  # a device or a pipe
            with target.open("wb") as device, _spooled(device, binary, "utf-8", newline) as out:
                yield out
            return
        remove_stale_temporaries(target)
        with exit_on_signals():
            prefix = f"{_temp_prefix(target)}{os.getpid()}-"
            descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=prefix)
            try:
                with open(
                    descriptor, mode, _COPY_CHUNK, encoding=encoding, newline=newline
                ) as handle:
                    yield handle
                os.chmod(name, _file_mode(target))
                os.replace(name, target)
            except BaseException:
                Path(name).unlink(missing_ok=True)
                raise


@contextmanager
def _spooled_stdout(binary: bool) -> Iterator[IO[Any]]:
    """Standard output, held in a temporary file until everything is written: the results
    of goals classified as they are read (validated on the way) come out whole or not at
    all, in standard output's own encoding."""
    sys.stdout.flush()
    stdout = sys.stdout
    buffer = getattr(stdout, "buffer", None)
    if buffer is None:  # a text stream only (an embedding program's): spool text
        if binary:
            raise InvalidGoalError("output.stdout_unwritable", Location(), reason="no bytes")
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as text:
            yield text
            text.seek(0)
            shutil.copyfileobj(text, stdout, _COPY_CHUNK)
            stdout.flush()
        return
    terminal = stdout.isatty()
    with _spooled(buffer, binary, stdout.encoding, None, stdout.errors, terminal) as out:
        yield out


def _plain_file_stdout(inputs: Iterable[Path]) -> int | None:
    """Standard output's descriptor where cutting it back on failure restores it exactly;
    else ``None``, and the output is held back in a temporary file.

    That is a regular file, none of ``inputs``, opened with ``>`` (not ``>>``, which others
    may append to as well) and standing at its end (``1<>`` can stand before what the file
    holds), and not standard error's file too (``> log 2>&1``: warnings written during the
    run would be cut back with the results).
    """
    if sys.platform == "win32":
        return None
    try:
        import fcntl  # POSIX only, as checked above

        fd = sys.stdout.fileno()
        status = os.fstat(fd)
        appending = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND
        at_end = os.lseek(fd, 0, os.SEEK_CUR) == status.st_size
        errors = os.fstat(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None  # no descriptor (an embedding program's stream), or one closed
    if not stat.S_ISREG(status.st_mode) or appending or not at_end:
        return None
    same = (status.st_dev, status.st_ino)
    if (errors.st_dev, errors.st_ino) == same:
        return None
    for path in inputs:
        with contextlib.suppress(OSError):
            other = os.stat(path)
            if (other.st_dev, other.st_ino) == same:
                return None
    return fd


@contextmanager
def _in_place(fd: int, binary: bool) -> Iterator[IO[Any]]:
    """Standard output's file written where it stands, and cut back to that point if the
    block fails (bad input at the end, a full disk, any signal that can be caught): the file
    is left as it was, as a held-back output would leave it. Only a signal that cannot be
    caught (``kill -9``, the kernel out of memory) or a power cut can leave part."""
    sys.stdout.flush()
    start = os.lseek(fd, 0, os.SEEK_CUR)
    sink = os.fdopen(os.dup(fd), "wb", _COPY_CHUNK)
    with exit_on_signals(_ENDING_SIGNALS):
        try:
            if binary:
                yield sink
            else:
                encoding, errors = sys.stdout.encoding, sys.stdout.errors
                text = io.TextIOWrapper(sink, encoding=encoding, errors=errors)
                yield text
                text.flush()
                text.detach()
            sink.close()
        except BaseException:
            # No second signal between the last write and the cut: it would leave part.
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING_SIGNALS)
            try:
                with contextlib.suppress(OSError):
                    sink.close()  # what it still holds goes out before the cut, not after
                with contextlib.suppress(OSError):  # read-only: the write's own error stands
                    os.ftruncate(fd, start)
                    os.lseek(fd, start, os.SEEK_SET)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            raise


@contextmanager
def _spool_written() -> Iterator[None]:
    """A full disk while the held-back output is written names the temporary folder, not
    the output it is held back for (the error names no file: it is not the input)."""
    try:
        yield
    except OSError as error:
        if error.filename is not None or error.errno not in _NO_ROOM:
            raise
        where = Location(file=tempfile.gettempdir())
        reason = error.strerror or str(error)
        raise InvalidGoalError("output.spool_unwritable", where, reason=reason) from None


class _SpooledText(io.TextIOWrapper):
    """Text held back for a terminal says it is one, so that a presenter draws for where the
    text will go (rich's colours and styles), not for the temporary file."""

    terminal = False

    def isatty(self) -> bool:
        return self.terminal


@contextmanager
def _spooled(
    sink: IO[bytes],
    binary: bool,
    encoding: str | None,
    newline: str | None,
    errors: str | None = "strict",
    terminal: bool = False,
) -> Iterator[IO[Any]]:
    """A temporary file that is copied to ``sink`` once everything is written to it (text
    in ``encoding``): a device or a pipe, which cannot be replaced whole as a file can.
    ``terminal``: whether ``sink`` is one, as the text stream says when asked."""
    with tempfile.TemporaryFile(buffering=_COPY_CHUNK, prefix="ansvar-") as spool:
        with _spool_written():
            if binary:
                yield spool
            else:
                text = _SpooledText(spool, encoding=encoding, errors=errors, newline=newline)
                text.terminal = terminal
                yield text
                text.flush()
                text.detach()
        spool.seek(0)
        shutil.copyfileobj(spool, sink, _COPY_CHUNK)
        sink.flush()


def write_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    """Every file of ``files`` (name: content) into ``folder``, made if it is missing.

    The content is all made before this is called, so bad input never leaves part of
    it; each file is written whole or not at all, as by :func:`output_stream`, and a
    file of the same name is replaced. Other files in the folder are left alone.
    """
    if folder.exists() and not folder.is_dir():
        raise InvalidGoalError("output.not_a_folder", Location(file=str(folder)))
    for name in files:  # every target checked before the first is written
        target = folder / name
        if target.exists() and not target.is_file():
            raise InvalidGoalError(
                "output.unwritable", Location(file=str(target)), reason="not a file"
            )
    with _writing_to(folder):
        folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        with output_stream(folder / name, binary=True) as out:
            out.write(content)


@contextmanager
def _writing_to(output: Path | None) -> Iterator[None]:
    """Turn an error of the operating system while writing ``output`` into a located error.

    An error that names a file (an input read while the results stream) is
    left for the caller to report; one without a name is the write itself.
    """
    try:
        yield
    except OSError as error:
        if isinstance(error, BrokenPipeError) or not _names_output(error, output):
            raise
        reason = error.strerror or str(error)
        if output is None:
            raise InvalidGoalError("output.stdout_unwritable", Location(), reason=reason) from None
        raise InvalidGoalError(
            "output.unwritable", Location(file=str(output)), reason=reason
        ) from None


def _names_output(error: OSError, output: Path | None) -> bool:
    """Whether ``error`` is about ``output``: it names no file, or ``output``, its resolved
    path or a temporary file beside it (an input that went away is another matter)."""
    if error.filename is None:
        return True
    if output is None:
        return False
    name = Path(os.fsdecode(error.filename))
    return name == output or name.parent == Path(os.path.realpath(output)).parent


@contextmanager
def exit_on_signals(signals: tuple[int, ...] = _SIGNALS) -> Iterator[None]:
    """While inside, SIGTERM, SIGINT and SIGHUP (or ``signals``) raise :class:`SystemExit`
    (128 + the signal).

    Raising lets every ``finally`` and ``with`` on the way out clean up (the
    temporary output file, spooled input) instead of the process dying where
    it stands. Signal handlers can only be set in the main thread; elsewhere
    (a server's worker) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in signals}

    def leave(number: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + number)

    for number in signals:
        signal.signal(number, leave)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def remove_stale_temporaries(target: Path, *, now: float | None = None) -> None:
    """Remove temporary files of ``target`` left by runs that ended without cleaning up.

    Only files of our own naming for this target are looked at, and only
    those whose process is gone or that are older than :data:`STALE_AFTER`.
    Failing to remove one is no reason to fail the run.
    """
    prefix = _temp_prefix(target)
    now = time.time() if now is None else now
    try:
        entries = [entry for entry in os.scandir(target.parent) if entry.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        pid_text = entry.name[len(prefix) :].split("-", 1)[0]
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            if (old or not _process_alive(int(pid_text))) and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
        except (OSError, ValueError):
            continue


def _temp_prefix(target: Path) -> str:
    """The start of a temporary file's name for ``target``; the name is cut so that a
    target name near the system's limit (255 bytes) still leaves room for the rest."""
    return f".{target.name[:100]}{TEMP_MARK}"


def _process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs; on Windows (no signal 0) assume so, the age decides."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _file_mode(target: Path) -> int:
    """The mode the output gets: the replaced file's, else the usual one under the umask."""
    if target.exists():
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
