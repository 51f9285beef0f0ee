"""The hardened contract of ``ansvar``, as one check that every hostile input goes through.

A run either succeeds (an exit code the command documents) or fails with
exit code 2 and one located message on standard error. Never a Python
traceback, never a native crash, never a hang; on failure nothing on
standard output and no output file; and every input file, and everything
else in the run's folder, exactly as it was before.

Two runners feed the same check: :func:`run_in_process` (click's runner,
fast enough to fuzz; an exception that escapes the command propagates, it is
never swallowed) and :func:`run_subprocess` (the installed ``ansvar`` under
``prlimit --as``, for bombs and native crashes).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from ansvarsregler.cli import main
from ansvarsregler.i18n import message

#: Exit codes of a run that went well: 0, or 1 for unresolved goals / problems / changes.
SUCCESS = (0, 1)
EXIT_BAD_INPUT = 2
#: A safety net against hangs, not a measured assertion: far above any honest run.
TIMEOUT_SECONDS = 60
#: The safety net for bombs: a reader that refuses them does so at once, one that does not
#: takes minutes; waiting for the memory bound would make the suite slow while they are open.
BOMB_TIMEOUT_SECONDS = 8
#: The address space a subprocess run may use (prlimit --as): a bomb must fail inside it.
MEMORY_BYTES = 1_500_000_000
#: The largest file a subprocess run may write (prlimit --fsize): a spool of /dev/zero stops.
FILE_BYTES = 300_000_000
TRACEBACK = "Traceback (most recent call last)"
#: What a location can name besides the file (English messages: every run uses --lang en).
WHERE_WORDS = ("line", "row", "item", "goal", "field", "sheet", "column", "rule")


@dataclass(frozen=True)
class Outcome:
    """What one run of ``ansvar`` did."""

    exit_code: int
    stdout: bytes
    stderr: str
    runner: str

    def describe(self) -> str:
        return (
            f"[{self.runner}] exit {self.exit_code}\n"
            f"--- stderr ---\n{self.stderr[-3000:]}\n"
            f"--- stdout ({len(self.stdout)} bytes) ---\n{self.stdout[:500]!r}"
        )


@dataclass
class Expect:
    """What the contract asks of one run beyond its invariants.

    ``outcome``: "error" (exit 2), "ok" (a success code) or "either".
    ``file``: the name the message must give for the bad input (a path as
    given on the command line, or ``-``); ``None`` when no file is to blame
    (a bad option). ``where``: a word of :data:`WHERE_WORDS` the location
    must also name, or a regular expression the message must match.
    """

    outcome: str = "either"
    file: str | None = None
    where: str | None = None
    output: Path | None = None
    success_codes: Sequence[int] = SUCCESS
    dialogue: bool = False
    """Standard output is a conversation (``ansvar draft``): it may hold the questions asked
    before the error."""


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the SHA-256 of its bytes (links: their target)."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = "link->" + os.readlink(path)
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            found[name] = "dir"
    return found


@contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    """Raise in the main thread if an in-process run takes longer than ``seconds``."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"ansvar ran longer than {seconds} s: a hang?")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_in_process(
    args: Sequence[str], stdin: bytes | None, temp: Path, env: dict[str, str] | None = None
) -> Outcome:
    """``ansvar args`` through click's runner; an escaping exception fails the test.

    ``temp`` stands in for the system's temporary folder during the run, so
    the check can see that nothing was left there.
    """
    runner = CliRunner()
    saved = tempfile.tempdir
    tempfile.tempdir = str(temp)
    try:
        with _alarm(TIMEOUT_SECONDS):
            result = runner.invoke(main, list(args), input=stdin, env=env, catch_exceptions=True)
    finally:
        tempfile.tempdir = saved
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"ansvar {' '.join(args)!r} raised {type(result.exception).__name__}: "
            f"{result.exception!s:.500}\n--- stderr ---\n{result.stderr[-2000:]}"
        ) from result.exception
    return Outcome(result.exit_code, result.stdout_bytes, result.stderr, "in-process")


def ansvar_executable() -> str:
    """The ``ansvar`` installed beside the running Python (the project's venv)."""
    beside = Path(sys.executable).with_name("ansvar")
    return str(beside) if beside.exists() else shutil.which("ansvar") or "ansvar"


def run_subprocess(
    args: Sequence[str],
    stdin: bytes | None,
    temp: Path,
    cwd: Path,
    env: dict[str, str] | None = None,
    memory: int = MEMORY_BYTES,
    timeout: float = TIMEOUT_SECONDS,
) -> Outcome:
    """The real ``ansvar`` in a child process with at most ``memory`` bytes of address space
    (and files of at most :data:`FILE_BYTES`)."""
    prlimit = shutil.which("prlimit")
    if prlimit is None:  # a bomb without a memory bound could take the machine down with it
        pytest.skip("prlimit (util-linux) is not installed: no memory bound for a subprocess")
    command = [prlimit, f"--as={memory}", f"--fsize={FILE_BYTES}", "--", ansvar_executable(), *args]
    environment = {**os.environ, "TMPDIR": str(temp), "COLUMNS": "100", **(env or {})}
    try:
        done = subprocess.run(
            command,
            input=stdin if stdin is not None else b"",
            capture_output=True,
            cwd=cwd,
            env=environment,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as expired:
        raise AssertionError(f"ansvar {' '.join(args)!r} hung (> {timeout} s)") from expired
    return Outcome(
        done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"), "subprocess"
    )


@dataclass
class Workspace:
    """A run's folder (inputs and any output) and its own temporary folder."""

    folder: Path
    temp: Path
    before: dict[str, str] = field(default_factory=dict)

    @classmethod
    def under(cls, root: Path) -> Workspace:
        folder, temp = root / "work", root / "temp"
        folder.mkdir(exist_ok=True)
        temp.mkdir(exist_ok=True)
        return cls(folder, temp)

    def freeze(self) -> None:
        """Remember the folder as the inputs left it (call once they are written)."""
        self.before = snapshot(self.folder)

    def run(
        self,
        args: Sequence[str],
        expect: Expect,
        stdin: bytes | None = None,
        *,
        subprocess_run: bool = False,
        env: dict[str, str] | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ) -> Outcome:
        """Run ``ansvar --lang en``-style ``args`` and assert the contract; return the outcome."""
        if not self.before:
            self.freeze()
        if subprocess_run:
            outcome = run_subprocess(args, stdin, self.temp, self.folder, env, timeout=timeout)
        else:
            outcome = run_in_process(args, stdin, self.temp, env)
        assert_contract(outcome, expect, self)
        return outcome


def assert_contract(outcome: Outcome, expect: Expect, space: Workspace) -> None:
    """The hardened contract (see the module docstring) for one run."""
    why = outcome.describe()
    assert TRACEBACK not in outcome.stderr, f"a traceback\n{why}"
    assert outcome.exit_code >= 0, f"killed by signal {-outcome.exit_code}\n{why}"
    assert outcome.exit_code not in (134, 137, 139), f"a native crash\n{why}"
    assert outcome.exit_code in (*expect.success_codes, EXIT_BAD_INPUT), f"odd exit code\n{why}"
    failed = outcome.exit_code == EXIT_BAD_INPUT
    if expect.outcome == "error":
        assert failed, f"bad input accepted\n{why}"
    elif expect.outcome == "ok":
        assert not failed, f"good input refused\n{why}"

    after = snapshot(space.folder)
    output = str(expect.output.relative_to(space.folder)) if expect.output else None
    changed = {
        name
        for name in set(space.before) | set(after)
        if space.before.get(name) != after.get(name) and name != output
    }
    assert not changed, f"files in the folder changed or appeared: {sorted(changed)}\n{why}"
    if output is not None and output in space.before and failed:
        assert after.get(output) == space.before[output], f"output file changed on error\n{why}"
    left = sorted(path.name for path in space.temp.iterdir())
    assert not left, f"temporary files left behind: {left}\n{why}"

    if failed and not expect.dialogue:
        assert outcome.stdout == b"", f"output on standard output despite the error\n{why}"
    if failed:
        if output is not None and output not in space.before:
            assert output not in after, f"an output file despite the error\n{why}"
        assert_located(outcome.stderr, expect, why)
    elif output is not None:
        assert output in after, f"no output file\n{why}"


def assert_located(stderr: str, expect: Expect, why: str) -> None:
    """One error line on standard error that names the file and, if asked, where in it."""
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert errors, f"no 'Error:' message on standard error\n{why}"
    text = errors[-1]
    if expect.dialogue and text.endswith(message("cli.aborted", "en")):
        return  # the answers ended before the last question: no file to name
    if expect.file is not None:
        # as given, or resolved; a folder's file: the folder and the file in it
        named = rf"\bfile (\S*/)?{re.escape(expect.file)}(/\S*)?(,|:)"
        assert re.search(named, text), f"the message does not name {expect.file}\n{why}"
    if expect.where is not None:
        pattern = rf"\b{expect.where} " if expect.where in WHERE_WORDS else expect.where
        assert re.search(pattern, text), f"the message does not name its {expect.where}\n{why}"
