"""What the project writes, and the files it touches, under hostile conditions (issue 9).

Inputs are never overwritten, output is all or nothing, a signal while writing
leaves no temporary file behind, errors of the operating system are located
messages (exit 2), and text from the input cannot steer the terminal.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansvarsregler.cli import main
from ansvarsregler.errors import InvalidGoalError
from ansvarsregler.files.output import STALE_AFTER, TEMP_MARK, remove_stale_temporaries
from ansvarsregler.goals.catalog import append_goal
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.municipality.profiles import profile_file
from ansvarsregler.rules.loader import default_rules_dir
from ansvarsregler.text import excerpt, visible

GOALS = """\
goals:
  - id: lesing
    title: Nivå lesing 2. trinn
    goal_type: service_quality
    influence: partial
    budget_impact: within_budget
"""


@pytest.fixture
def goals_file(tmp_path: Path) -> Path:
    path = tmp_path / "mal.yaml"
    path.write_text(GOALS, encoding="utf-8")
    return path


def invoke(runner: CliRunner, *args: str, stdin: str | bytes | None = None):
    return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_output_onto_the_profile_is_refused(runner, tmp_path, goals_file):
    profile = tmp_path / "profil.yaml"
    shutil.copy(profile_file("verran"), profile)
    before = profile.read_bytes()
    args = ["classify", str(goals_file), "--profile", str(profile), "--lang", "en"]
    result = invoke(runner, *args, "-o", str(profile))
    assert result.exit_code == 2 and "is also an input file" in result.stderr
    assert profile.read_bytes() == before
    hard_link = tmp_path / "lenke.yaml"
    os.link(profile, hard_link)
    assert invoke(runner, *args, "-o", str(hard_link)).exit_code == 2
    symlink = tmp_path / "symlenke.json"
    symlink.symlink_to(profile)
    assert invoke(runner, *args, "-o", str(symlink)).exit_code == 2
    assert profile.read_bytes() == before


def test_output_onto_a_rule_file_or_into_the_rule_folder_is_refused(runner, tmp_path, goals_file):
    rules = tmp_path / "regler"
    shutil.copytree(default_rules_dir(), rules)
    rule_file = sorted(rules.glob("*.yaml"))[0]
    before = rule_file.read_bytes()
    for target in (rule_file, rules / "ny.json", rules / "resultatansvar" / "x.yaml"):
        result = invoke(
            runner, "classify", str(goals_file), "--rules", str(rules), "-o", str(target)
        )
        assert result.exit_code == 2, target
        assert not (rules / "ny.json").exists()
    assert rule_file.read_bytes() == before


def test_draft_never_appends_to_the_profile(runner, tmp_path):
    profile = tmp_path / "profil.yaml"
    shutil.copy(profile_file("verran"), profile)
    before = profile.read_bytes()
    result = invoke(runner, "draft", "--catalog", str(profile), "--profile", str(profile))
    assert result.exit_code == 2 and profile.read_bytes() == before
    answers = "\n".join(["Redusere sykefraværet", "", "1", str(profile)]) + "\n"
    typed = invoke(runner, "draft", "--profile", str(profile), "--lang", "en", stdin=answers)
    assert typed.exit_code == 2 and "is also an input file" in typed.stderr
    assert profile.read_bytes() == before


# -- signals and temporary files ---------------------------------------------------

#: Runs `ansvar classify` with a JSON writer that writes part of the output, says so on
#: standard error, then waits for standard input: the signal arrives mid-write, every time.
_HALTING_RUN = """
import sys
import ansvarsregler.cli.commands as commands
from ansvarsregler.cli import main
from ansvarsregler.errors import InvalidGoalError
from ansvarsregler.goals.catalog import append_goal
from ansvarsregler.goals.files import GoalFiles

def halting(encoded, out):
    out.write("[partial")
    out.flush()
    sys.stderr.write("writing\\n")
    sys.stderr.flush()
    sys.stdin.read()

commands.write_encoded_json = halting
main()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_while_writing_removes_the_temporary_file(tmp_path, goals_file, signum):
    target = tmp_path / "resultat.json"
    target.write_text("old", encoding="utf-8")
    run = subprocess.Popen(
        [sys.executable, "-c", _HALTING_RUN, "classify", str(goals_file), "-o", str(target)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert run.stderr is not None
    try:
        assert run.stderr.readline() == "writing\n"  # the temporary file is half-written now
        assert [p for p in tmp_path.iterdir() if TEMP_MARK in p.name]
        run.send_signal(signum)
        assert run.wait(timeout=60) == 128 + signum
        assert "Traceback" not in run.stderr.read()
    finally:
        run.kill()
        run.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mal.yaml", "resultat.json"]
    assert target.read_text(encoding="utf-8") == "old"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGALRM])
def test_a_signal_while_writing_in_place_cuts_the_file_back(tmp_path, goals_file, signum):
    """Standard output redirected to a file is written in place (``files/output.py``): a
    signal half-way cuts it back to where the run began."""
    out = tmp_path / "ut.json"
    out.write_bytes(b"start\n")
    with out.open("r+b") as stdout:
        stdout.seek(0, 2)
        run = subprocess.Popen(
            [sys.executable, "-c", _HALTING_RUN, "classify", str(goals_file), "--format", "json"],
            stdin=subprocess.PIPE,
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
    assert run.stderr is not None
    try:
        assert run.stderr.readline() == b"writing\n"
        assert out.read_bytes() == b"start\n[partial"  # written in place, not held back
        run.send_signal(signum)
        assert run.wait(timeout=60) == 128 + signum
        assert b"Traceback" not in run.stderr.read()
    finally:
        run.kill()
        run.wait()
    assert out.read_bytes() == b"start\n"


def test_the_next_run_removes_temporary_files_a_killed_run_left(runner, tmp_path, goals_file):
    target = tmp_path / "resultat.json"
    dead = tmp_path / f".resultat.json{TEMP_MARK}999999999-abc"  # no such process
    alive = tmp_path / f".resultat.json{TEMP_MARK}{os.getppid()}-abc"  # a running process
    old = tmp_path / f".resultat.json{TEMP_MARK}{os.getppid()}-def"
    other_target = tmp_path / f".annet.json{TEMP_MARK}999999999-abc"
    not_ours = tmp_path / ".resultat.json.tmp123"
    for path in (dead, alive, old, other_target, not_ours):
        path.write_text("half", encoding="utf-8")
    long_ago = time.time() - STALE_AFTER - 60
    os.utime(old, (long_ago, long_ago))
    assert invoke(runner, "classify", str(goals_file), "-o", str(target)).exit_code == 0
    assert not dead.exists() and not old.exists()
    assert alive.exists() and other_target.exists() and not_ours.exists()


def test_stale_files_are_looked_for_only_beside_the_target(tmp_path):
    remove_stale_temporaries(tmp_path / "finnes-ikke" / "x.json")  # no folder: nothing to do


# -- errors of the operating system -------------------------------------------------


@pytest.mark.parametrize(
    "make_target",
    [
        pytest.param(lambda tmp: tmp / ("x" * 300 + ".json"), id="name-too-long"),
        pytest.param(lambda tmp: tmp / "mal.yaml" / "x.json", id="under-a-file"),
        pytest.param(lambda tmp: tmp / "ingen" / "x.json", id="no-folder"),
    ],
)
def test_an_output_that_cannot_be_written_is_a_located_error(
    runner, tmp_path, goals_file, make_target
):
    target = make_target(tmp_path)
    result = invoke(runner, "classify", str(goals_file), "-o", str(target), "--lang", "en")
    assert result.exit_code == 2 and "cannot be written" in result.stderr
    assert result.stdout == ""


def test_a_loop_of_links_as_output_is_a_located_error(runner, tmp_path, goals_file):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    result = invoke(runner, "classify", str(goals_file), "-o", str(tmp_path / "a"), "--lang", "en")
    assert (
        result.exit_code == 2 and "file " in result.stderr and "cannot be written" in result.stderr
    )
    assert (tmp_path / "a").is_symlink()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["classify"], ["rules"], ["schema"], ["check"]])
def test_a_full_disk_is_a_located_error(tmp_path, command):
    ansvar = shutil.which("ansvar")
    assert ansvar
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [ansvar, *command, *(["--format", "json"] if command == ["classify"] else [])],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "standard ut" in done.stderr
    to_file = subprocess.run(
        [ansvar, "classify", "-o", "/dev/full", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert to_file.returncode == 2 and "fil /dev/full" in to_file.stderr


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="Linux only")
def test_an_input_that_fails_to_read_is_a_located_error(runner):
    """``/proc/self/mem`` fails to read at offset 0 even for root, unlike a chmod 000 file."""
    result = invoke(runner, "classify", "/proc/self/mem", "--input-format", "yaml", "--lang", "en")
    assert result.exit_code == 2
    assert "file /proc/self/mem: cannot be read" in result.stderr


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads a chmod 000 file"
)
def test_an_input_without_read_permission_is_a_located_error(runner, goals_file):
    goals_file.chmod(0)
    result = invoke(runner, "classify", str(goals_file), "--lang", "en")
    assert result.exit_code == 2 and "cannot be read" in result.stderr


def test_an_unreadable_input_is_a_located_error_as_root_too(runner, goals_file, monkeypatch):
    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = invoke(runner, "classify", str(goals_file), "--lang", "en")
    assert result.exit_code == 2
    assert f"file {goals_file}: cannot be read: Permission denied" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_as_input_is_refused(runner):
    result = invoke(runner, "classify", "/dev/zero", "--lang", "en")
    assert result.exit_code == 2 and "file /dev/zero: is a device" in result.stderr


def test_a_folder_as_the_draft_catalog_is_a_located_error(runner, tmp_path):
    result = invoke(runner, "draft", "--catalog", str(tmp_path), "--lang", "en")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    with pytest.raises(InvalidGoalError) as typed:  # a folder typed at the prompt
        append_goal(tmp_path, {"id": "a", "title": "Øke lesing"})
    assert typed.value.location.file == str(tmp_path)


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl"])
def test_a_closed_pipe_ends_quietly(tmp_path, fmt):
    ansvar = shutil.which("ansvar")
    assert ansvar
    done = subprocess.run(
        f"'{ansvar}' classify --format {fmt} | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        executable="/bin/bash",
    )
    assert done.stderr == ""
    status = subprocess.run(
        f"'{ansvar}' classify --format {fmt} | head -n 1 >/dev/null; exit ${{PIPESTATUS[0]}}",
        shell=True,
        capture_output=True,
        timeout=60,
        check=False,
        executable="/bin/bash",
    )
    assert status.returncode == 0


# -- appending to a catalog ------------------------------------------------------------

_CATALOG_ENDINGS = {
    "plain": "    title: Første mål\n",
    "keep-block": "    title: Første mål\n    note: |+\n      linje\n\n",
    "folded": "    title: Første mål\n    note: >-\n      en\n      to\n",
    "comment": "    title: Første mål\n# slutt\n",
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ending=st.sampled_from(sorted(_CATALOG_ENDINGS)),
    crlf=st.booleans(),
    bom=st.booleans(),
    trailing_newline=st.booleans(),
    indent=st.sampled_from(["", "  ", "    "]),
)
def test_appending_keeps_every_byte_of_the_catalog(
    tmp_path, ending, crlf, bom, trailing_newline, indent
):
    item = ("- id: forste\n" + _CATALOG_ENDINGS[ending]).replace("    ", "  ")
    body = "goals:\n" + "".join(
        line if line.startswith("#") else indent + line for line in item.splitlines(True)
    )
    if not trailing_newline:
        body = body.rstrip("\n")
    if crlf:
        body = body.replace("\n", "\r\n")
    old = (b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8")
    path = tmp_path / "katalog.yaml"
    path.write_bytes(old)
    before = GoalFiles([str(path)]).check()
    old_goals = [read.goal for read in before]
    try:
        append_goal(path, {"id": "ny", "title": "Nytt mål"})
    except InvalidGoalError as error:  # only where appending would change the last text
        assert error.key == "draft.would_change" and ending == "keep-block"
        assert not trailing_newline and path.read_bytes() == old
        return
    new = path.read_bytes()
    assert new.startswith(old)
    added = new[len(old) :]
    if crlf:
        assert b"\n" not in added.replace(b"\r\n", b"")
    else:
        assert b"\r" not in added
    goals = [read.goal for read in GoalFiles([str(path)]).check()]
    assert goals[:-1] == old_goals and goals[-1].id == "ny"


# -- what reaches the terminal ---------------------------------------------------------

_HOSTILE_TITLE = "x\x1b]0;pwned\x07 \x1b[31mred\r over \u202e backwards \x9b c1"


def test_control_characters_are_shown_not_run_on_the_terminal(runner, tmp_path):
    path = tmp_path / "mal.json"
    path.write_text(json.dumps([{"id": "a\x1b[2J", "title": _HOSTILE_TITLE}]), encoding="utf-8")
    for args in (["classify", str(path), "--format", "table"], ["explain", "a\x1b[2J", str(path)]):
        result = invoke(runner, *args)
        assert result.exit_code == 0, result.stderr
        assert not any(c in result.stdout for c in "\x1b\x07\r\u202e\x9b")
        assert "␛]0;pwned␇" in result.stdout and "\\u202e" in result.stdout
    missing = invoke(runner, "explain", "\x1b[2Jnone", str(path))
    assert missing.exit_code == 2 and "\x1b" not in missing.stderr
    data = invoke(runner, "classify", str(path), "--format", "json")
    assert json.loads(data.stdout)[0]["title"] == _HOSTILE_TITLE  # data keeps the text


def test_a_markdown_table_cannot_be_broken_by_a_title(runner, tmp_path):
    path = tmp_path / "mal.json"
    path.write_text(json.dumps([{"id": "a", "title": "en | to\nny rad"}]), encoding="utf-8")
    lines = invoke(runner, "classify", str(path), "--format", "markdown").stdout.splitlines()
    assert len(lines) == 3 and lines[2].count(" | ") == lines[0].count(" | ")


def test_an_error_quotes_only_an_excerpt_of_a_big_value(runner, tmp_path):
    profile = tmp_path / "profil.yaml"
    profile.write_text("x" * 5_000_000, encoding="utf-8")
    result = invoke(runner, "readiness", str(profile))
    assert result.exit_code == 2
    assert len(result.stderr) < 500 and "…" in result.stderr


def test_a_huge_title_is_cut_in_the_table(runner, tmp_path):
    path = tmp_path / "mal.yaml"
    path.write_text("- id: a\n  title: " + "x" * 30_000 + "\n", encoding="utf-8")
    for args in (["classify", str(path), "--format", "table"], ["explain", "a", str(path)]):
        result = invoke(runner, *args, "--lang", "en")
        assert result.exit_code == 0
        assert len(result.stdout) < 20_000 and "--format json shows them whole" in result.stdout


def test_visible_shows_every_control_character():
    assert visible("a\x1b[31mb\x07\r\x7f\x9b\u202e\n\t") == "a␛[31mb␇␍␡\\x9b\\u202e␊␉"
    assert visible("linje\n\tto", keep_lines=True) == "linje\n\tto"
    assert excerpt("x" * 100, 10) == "x" * 9 + "…"


# -- nothing written before the input is known to be good -------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "csv"])
def test_a_value_json_cannot_write_is_refused_before_any_output(runner, tmp_path, fmt):
    path = tmp_path / "mal.json"
    good = [{"id": f"g{n}", "title": "Øke lesing"} for n in range(50)]
    lone_surrogate = '{"id": "b", "title": "t", "x": {"y": ["\\ud800"]}}'
    path.write_text(json.dumps(good)[:-1] + ", " + lone_surrogate + "]", encoding="utf-8")
    result = invoke(runner, "classify", str(path), "--format", fmt, "--lang", "en")
    assert result.exit_code == 2 and result.stdout == ""
    assert "goal 'b'" in result.stderr and "field x" in result.stderr


def test_an_xlsx_cell_over_excels_limit_is_refused_not_cut(runner, tmp_path, monkeypatch):
    import ansvarsregler.presenters.spreadsheet as spreadsheet

    monkeypatch.setattr(spreadsheet, "XLSX_CELL_LENGTH", 100)  # a justification is longer
    out = tmp_path / "resultat.xlsx"
    goals = tmp_path / "mal.yaml"
    goals.write_text(GOALS, encoding="utf-8")
    result = invoke(runner, "classify", str(goals), "-o", str(out), "--lang", "en")
    assert result.exit_code == 2 and not out.exists()
    assert "row 2, column" in result.stderr and "at most 100" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_reading_standard_input_on_a_terminal_says_so(goals_file):
    ansvar = shutil.which("ansvar")
    assert ansvar
    controller, terminal = os.openpty()
    run = subprocess.Popen(
        [ansvar, "classify", "-", "--lang", "en", "--format", "json"],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(terminal)
    try:
        os.write(controller, GOALS.replace("\n", "\r").encode() + b"\r\x04")  # goals, Ctrl-D
        out, err = run.communicate(timeout=60)
    finally:
        run.kill()
        os.close(controller)
    assert err.startswith("Reading goals from standard input; end with Ctrl-D")
    assert run.returncode == 0 and json.loads(out)[0]["goal_id"] == "lesing"


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_output_is_utf8_whatever_the_locale_says(encoding: str) -> None:
    """An ASCII locale ended in a traceback at the first «å»; a Windows-style cp1252 stream
    wrote JSON no UTF-8 reader could read. Both now give the same UTF-8 bytes as usual."""
    ansvar = str(Path(sys.executable).parent / "ansvar")
    usual = subprocess.run([ansvar, "classify", "--format", "json"], capture_output=True)
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for fmt in ("json", "table", "csv"):
        done = subprocess.run([ansvar, "classify", "--format", fmt], capture_output=True, env=env)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-500:]
        assert b"Traceback" not in done.stderr
        done.stdout.decode("utf-8")  # valid UTF-8
    json_run = subprocess.run(
        [ansvar, "classify", "--format", "json"], capture_output=True, env=env
    )
    assert json_run.stdout == usual.stdout


def test_no_room_for_the_held_back_output_names_the_temporary_folder(runner, monkeypatch):
    """Standard output is held in a temporary file until the input is known good: a full
    disk there is said as such, with the way out, not as standard output failing."""
    import errno
    import io

    from ansvarsregler.files import output

    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.tempfile, "TemporaryFile", lambda *args, **kwargs: Full())
    result = invoke(runner, "classify", "--format", "json", "--lang", "en")
    assert result.exit_code == 2 and result.stdout == ""
    assert "temporary file" in result.stderr and "TMPDIR" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptors")
@pytest.mark.parametrize(
    "args", [["classify"], ["explain", "lysark-befolkningsutvikling"], ["check"]]
)
def test_a_closed_standard_output_is_an_error_not_a_traceback(tmp_path, args):
    """``ansvar classify >&-``: Python starts with no ``sys.stdout``; with ``-o`` that is fine."""
    ansvar = str(Path(sys.executable).with_name("ansvar"))
    done = subprocess.run(
        [ansvar, *args],
        preexec_fn=lambda: os.close(1),
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Feil: standard ut kan ikke skrives:"), done.stderr
    target = tmp_path / "ut.json"
    written = subprocess.run(
        [ansvar, "classify", "-o", str(target)],
        preexec_fn=lambda: os.close(1),
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )
    assert written.returncode == 0, written.stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))) > 50
