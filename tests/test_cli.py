"""The ``ansvar`` command, through click's runner and as a real installed program."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ansvarsregler.cli import main
from ansvarsregler.json_schema import json_schema

#: The ``ansvar`` installed beside the running Python (the project's venv).
ANSVAR_BESIDE_PYTHON = str(Path(sys.executable).with_name("ansvar"))

GOALS = """\
goals:
  - id: lesing
    title: Nivå lesing 2. trinn
    goal_type: service_quality
    influence: partial
    budget_impact: within_budget
    budget_frame: unit
    target: "80 %"
  - id: befolkning
    title: Befolkningsutvikling
    goal_type: societal
    influence: none
"""
UNRESOLVED = "- id: uklart\n  title: Bedre samarbeid\n"
SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"


@pytest.fixture
def goals_file(tmp_path: Path) -> Path:
    path = tmp_path / "mal.yaml"
    path.write_text(GOALS, encoding="utf-8")
    return path


def invoke(runner: CliRunner, *args: str, stdin: str | bytes | None = None, width: int = 80):
    return runner.invoke(
        main, list(args), input=stdin, catch_exceptions=False, env={"COLUMNS": str(width)}
    )


def test_classify_writes_json_with_the_contract_fields(runner, goals_file):
    result = invoke(runner, "classify", str(goals_file), "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["owner"] for r in records] == ["virksomhetsleder", "kommunestyret"]
    first = records[0]
    for field in (
        "goal_id",
        "title",
        "owner",
        "adopted_by",
        "rule",
        "principle",
        "justification",
        "assumptions",
        "questions",
        "ruleset",
    ):
        assert field in first
    assert set(first["ruleset"]) == {"name", "version", "hash", "evaluator"}
    assert first["goal"]["target"] == "80 %"


def test_without_paths_the_built_in_catalog_is_classified(runner):
    result = invoke(runner, "classify", "--format", "jsonl", "--strict")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) >= 60
    assert all(json.loads(line)["owner"] for line in lines)


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "yaml", "csv", "markdown"])
def test_every_format_shows_every_goal(runner, goals_file, fmt):
    result = invoke(runner, "classify", str(goals_file), "--format", fmt, "--lang", "en")
    assert result.exit_code == 0
    assert "lesing" in result.stdout and "befolkning" in result.stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [r["owner"] for r in rows] == ["virksomhetsleder", "kommunestyret"]
    if fmt == "yaml":
        assert [r["goal_id"] for r in yaml.safe_load(result.stdout)] == ["lesing", "befolkning"]


def test_strict_exits_1_when_a_goal_is_unresolved(runner, tmp_path):
    path = tmp_path / "uklart.yaml"
    path.write_text(UNRESOLVED, encoding="utf-8")
    relaxed = invoke(runner, "classify", str(path), "--format", "json")
    strict = invoke(runner, "classify", str(path), "--format", "json", "--strict")
    assert relaxed.exit_code == 0
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)[0]["owner"] is None
    assert "uavklart" in strict.stderr


def test_standard_input_json_lines_are_detected(runner):
    lines = "\n".join(
        json.dumps(
            {"id": f"g{i}", "title": "Sykefravær", "goal_type": "employee", "budget_frame": "unit"}
        )
        for i in range(3)
    )
    result = invoke(runner, "classify", "-", "--format", "jsonl", stdin=lines)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["owner"] for line in result.stdout.splitlines()] == [
        "virksomhetsleder"
    ] * 3


def test_standard_input_json_and_forced_format(runner):
    data = json.dumps([{"id": "a", "title": "t", "budget_impact": "requires_increase"}])
    detected = invoke(runner, "classify", "-", "--format", "json", stdin=data)
    forced = invoke(
        runner, "classify", "-", "--format", "json", "--input-format", "yaml", stdin=data
    )
    assert json.loads(detected.stdout) == json.loads(forced.stdout)
    assert json.loads(detected.stdout)[0]["owner"] == "kommunestyret"


def test_a_folder_of_goal_files_is_read(runner, tmp_path, goals_file):
    (tmp_path / "more.json").write_text(json.dumps({"goals": [{"id": "x", "title": "y"}]}))
    result = invoke(runner, "classify", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3


BAD_INPUTS = [
    ("malformed.yaml", "- id: a\n  title: [unclosed\n", ["line 3", "YAML", "flow sequence, 2:"]),
    ("malformed.json", '[{"id": "a", "title": }]', ["line 1", "JSON"]),
    ("noid.yaml", "- title: Uten id\n", ["item 1", "field id", "required"]),
    ("notitle.yaml", "- id: a\n", ["goal 'a'", "field title"]),
    (
        "value.yaml",
        "- id: a\n  title: t\n  influence: lots\n",
        ["line 3", "goal 'a'", "field influence", "'lots'", "full, partial, none"],
    ),
    (
        "dupe.yaml",
        "- {id: a, title: t}\n- {id: a, title: u}\n",
        ["line 2", "goal 'a'", "dupe.yaml:1", "unique"],
    ),
    ("scalar.yaml", "just a sentence\n", ["expected a list of goals"]),
    ("junk.bin", b"\x00\x01\xff\xfe binary", ["not UTF-8 text"]),
    ("badline.jsonl", '{"id": "a", "title": "t"}\n{"id": "b", "title":\n', ["line 2", "JSON"]),
    (
        "kostra.yaml",
        "- {id: a, title: t, kostra_function: '2020'}\n",
        ["field kostra_function", "three digits"],
    ),
]


@pytest.mark.parametrize(("name", "content", "words"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gets_one_clear_message_exit_2_and_no_output(
    runner, tmp_path, name, content, words
):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    result = invoke(runner, "classify", str(path), "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert name in result.stderr
    for word in words:
        assert word in result.stderr
    assert path.read_bytes() == before
    norwegian = invoke(runner, "classify", str(path), "--format", "json")
    assert norwegian.stderr.startswith("Feil: ")


def test_a_late_error_in_json_lines_writes_nothing(runner, tmp_path):
    lines = [json.dumps({"id": f"g{i}", "title": "t"}) for i in range(500)]
    lines.append(json.dumps({"id": "g0", "title": "again"}))
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = invoke(runner, "classify", str(path), "--format", "jsonl")
    assert result.exit_code == 2 and result.stdout == ""
    assert "line 501" in invoke(runner, "classify", str(path), "--lang", "en").stderr


def test_output_file_is_written_atomically_and_never_over_an_input(runner, tmp_path, goals_file):
    out = tmp_path / "resultat.csv"
    ok = invoke(runner, "classify", str(goals_file), "-o", str(out))
    assert ok.exit_code == 0 and ok.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("goal_id,title,owner")

    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: a\n", encoding="utf-8")
    failed = invoke(runner, "classify", str(bad), "-o", str(tmp_path / "never.json"))
    assert failed.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "mal.yaml", "resultat.csv"]

    refused = invoke(runner, "classify", str(goals_file), "-o", str(goals_file))
    assert refused.exit_code == 2
    assert goals_file.read_text(encoding="utf-8") == GOALS


def test_csv_output_neutralises_formulas(runner, tmp_path):
    path = tmp_path / "formula.yaml"
    path.write_text("- {id: a, title: '=HYPERLINK(\"http://x\")'}\n", encoding="utf-8")
    result = invoke(runner, "classify", str(path), "--format", "csv")
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["title"].startswith("'=")


def test_warnings_go_to_standard_error(runner, tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text("- {id: a, title: t, goal_typ: societal}\n", encoding="utf-8")
    result = invoke(runner, "classify", str(path), "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    assert "did you mean 'goal_type'" in result.stderr
    assert json.loads(result.stdout)[0]["warnings"]


def test_explain_shows_the_chain(runner):
    result = invoke(runner, "explain", "lysark-dekningsgrad-barnehage", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for heading in ("Facts given", "Facts assumed", "Rules that matched", "Rules that did not"):
        assert heading in text
    assert "DECIDES" in text


def test_explain_json_and_unknown_goal(runner, goals_file):
    result = invoke(runner, "explain", "lesing", str(goals_file), "--format", "json")
    assert json.loads(result.stdout)["decided_by"] == "kvalitet-innenfor-rammen-enhet"
    missing = invoke(runner, "explain", "nope", str(goals_file), "--lang", "en")
    assert missing.exit_code == 2 and "goal 'nope' not found" in missing.stderr


def test_rules_lists_every_rule(runner):
    table = invoke(runner, "rules", "--lang", "en", width=120)
    listing = json.loads(invoke(runner, "rules", "--format", "json").stdout)
    assert table.exit_code == 0
    assert "krever-mer-penger" in table.stdout
    assert {r["id"] for r in listing["rules"]} >= {"krever-mer-penger", "uavklart"}
    assert all(r["source"].count(":") >= 1 for r in listing["rules"])


def test_a_broken_rule_set_exits_2_with_the_file(runner, tmp_path):
    (tmp_path / "ruleset.yaml").write_text("name: x\n", encoding="utf-8")
    result = invoke(runner, "rules", "--rules", str(tmp_path), "--lang", "en")
    assert result.exit_code == 2
    assert "ruleset.yaml" in result.stderr and "field version" in result.stderr


@pytest.mark.parametrize("name", ["classification", "goal"])
def test_the_published_json_schema_is_the_one_the_models_export(runner, name):
    printed = json.loads(invoke(runner, "schema", name).stdout)
    assert printed == json_schema(name)
    published = SCHEMA_DIR / f"{name}.schema.json"
    assert json.loads(published.read_text(encoding="utf-8")) == printed, (
        f"regenerate with: ansvar schema {name} > schemas/{name}.schema.json"
    )


def test_output_validates_against_the_published_schema(runner):
    jsonschema = pytest.importorskip("jsonschema")
    records = json.loads(invoke(runner, "classify", "--format", "json").stdout)
    jsonschema.validate(records, json_schema("classification"))


def test_the_installed_command_runs_from_any_directory(tmp_path, goals_file):
    """A real subprocess of the installed ``ansvar``, away from the checkout."""
    ansvar = shutil.which("ansvar")
    assert ansvar, "install the package first: pip install '.[test]'"
    done = subprocess.run(
        [ansvar, "classify", "--format", "json", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) >= 60
    piped = subprocess.run(
        [ansvar, "classify", "-", "--format", "jsonl"],
        input=goals_file.read_text(encoding="utf-8"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert [json.loads(line)["owner"] for line in piped.stdout.splitlines()] == [
        "virksomhetsleder",
        "kommunestyret",
    ]
    bad = subprocess.run(
        [ansvar, "classify", str(tmp_path / "missing.yaml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == "" and "Traceback" not in bad.stderr


MORE_BAD_INPUTS = [
    ("huge.json", '[{"id": ' + "9" * 5000 + ', "title": "t"}]', ["JSON", "digits"]),
    ("dupkey.json", '[{"id": "a", "title": "A", "id": "b"}]', ["line 1: the key 'id' appears"]),
    ("nan.json", '[{"id": "a", "title": "t", "target": NaN}]', ["NaN"]),
    (
        "dup-then-junk.jsonl",
        '{"id": "a", "title": "t"}\n{"id": "a", "title": "u"}\nnot json\n',
        ["line 2", "dup-then-junk.jsonl:1"],
    ),
    (
        "spaces.yaml",
        "- {id: ' a', title: t}\n- {id: a, title: u}\n",
        ["spaces.yaml, line 2", "spaces.yaml:1"],
    ),
    ("empty.jsonl", "\n\n", ["empty"]),
    ("empty.yaml", "", ["empty"]),
    ("goals-not-list.yaml", "goals: {a: 1}\n", ["line 1", "goals: mapping"]),
    ("scalar-item.yaml", "- 5\n", ["line 1", "item 1"]),
    ("octal.yaml", "- {id: a, title: t, kostra_function: 0202}\n", ["'0202'", "three digits"]),
]


@pytest.mark.parametrize(
    ("name", "content", "words"), MORE_BAD_INPUTS, ids=[b[0] for b in MORE_BAD_INPUTS]
)
def test_more_bad_input_is_reported_cleanly(runner, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = invoke(runner, "classify", str(path), "--format", "json", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    for word in words:
        assert word in result.stderr


def test_yaml_scalars_are_read_as_text_and_merge_keys_work(runner, tmp_path):
    path = tmp_path / "text.yaml"
    text = (
        "- &skole {id: '1', title: Lesing, goal_type: service_quality, budget_frame: unit,"
        " budget_impact: within_budget}\n"
        "- {<<: *skole, id: 010, title: 2024-01-02, target: 1.50}\n"
    )
    path.write_text(text, encoding="utf-8")
    result = invoke(runner, "classify", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    second = json.loads(result.stdout)[1]
    assert (second["goal_id"], second["title"], second["goal"]["target"]) == (
        "010",
        "2024-01-02",
        "1.50",
    )
    assert second["owner"] == "virksomhetsleder"


def test_one_json_object_and_yaml_flow_style_on_stdin_are_detected(runner):
    one = invoke(
        runner,
        "classify",
        "-",
        "--format",
        "jsonl",
        stdin='{"id": "a", "title": "t", "influence": "none"}\n',
    )
    flow = invoke(
        runner, "classify", "-", "--format", "jsonl", stdin="[{id: a, title: t, influence: none}]\n"
    )
    for result in (one, flow):
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["owner"] == "kommunestyret"


def test_the_same_file_named_twice_is_read_once(runner, goals_file):
    result = invoke(runner, "classify", str(goals_file), str(goals_file), "--format", "jsonl")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2


def test_explain_prints_titles_with_brackets_as_they_are(runner, tmp_path):
    path = tmp_path / "brackets.yaml"
    path.write_text("- {id: '[x]', title: 'Mål [/bold] [red]x[/red]'}\n", encoding="utf-8")
    result = invoke(runner, "explain", "[x]", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Mål [/bold] [red]x[/red]" in result.stdout and "[x]" in result.stdout


def test_output_through_a_symlink_replaces_the_target_and_keeps_its_mode(
    runner, tmp_path, goals_file
):
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = invoke(runner, "classify", str(goals_file), "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))[0]["goal_id"] == "lesing"
    assert target.stat().st_mode & 0o777 == 0o644


def test_output_to_an_unwritable_place_is_a_clear_error(runner, goals_file, tmp_path):
    result = invoke(
        runner, "classify", str(goals_file), "-o", str(tmp_path / "no" / "x.json"), "--lang", "en"
    )
    assert result.exit_code == 2
    assert "cannot be written" in result.stderr


def test_a_pipe_as_input_is_read(runner, tmp_path, goals_file):
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(GOALS, encoding="utf-8"))
    writer.start()
    result = invoke(runner, "classify", str(fifo), "--format", "jsonl", "--input-format", "yaml")
    writer.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_the_shipped_rules_pass_ansvar_check(runner):
    result = invoke(runner, "check", "--lang", "en")
    assert result.exit_code == 0, result.stdout
    assert "The rule set is clean." in result.stdout
    report = json.loads(invoke(runner, "check", "--format", "json").stdout)
    assert report["combinations"] == 512 and report["tests_run"] >= 20


def test_check_and_diff_report_a_changed_rule(runner, rules_copy):
    new = rules_copy()
    rule_file = new / "30-budsjettfordeling.yaml"
    rule_file.write_text(
        rule_file.read_text(encoding="utf-8").replace(
            "decide: {owner: virksomhetsleder, adopted_by: kommunestyret}",
            "decide: {owner: radmann, adopted_by: kommunestyret}",
        ),
        encoding="utf-8",
    )
    checked = invoke(runner, "check", "--rules", str(new), "--lang", "en", width=200)
    assert checked.exit_code == 1
    assert "Invariant breaches (1)" in checked.stdout
    assert "expect: {owner: virksomhetsleder, adopted_by: kommunestyret}" in checked.stdout
    run = json.loads(invoke(runner, "check", "--format", "json").stdout)["tests_run"]
    assert f"Rule tests: {run} run, 5 failed" in checked.stdout

    from ansvarsregler.rules.loader import default_rules_dir

    changed = invoke(runner, "diff", str(default_rules_dir()), str(new), "--format", "json")
    assert changed.exit_code == 1
    report = json.loads(changed.stdout)
    assert {(r["old"]["owner"], r["new"]["owner"]) for r in report["regions"]} == {
        ("virksomhetsleder", "radmann")
    }
    assert "lysark-lesing-2-trinn" in {g["goal_id"] for g in report["goals"]}
    same = invoke(runner, "diff", str(default_rules_dir()), str(default_rules_dir()))
    assert same.exit_code == 0


def test_a_broken_rule_test_file_exits_2(runner, rules_copy):
    folder = rules_copy()
    (folder / "tests" / "ny.yaml").write_text(
        "tests:\n  - name: x\n    goal: {goal_type: samfunn}\n    expect: {owner: radmann}\n",
        encoding="utf-8",
    )
    result = invoke(runner, "check", "--rules", str(folder), "--lang", "en")
    assert result.exit_code == 2
    assert "ny.yaml, line 3" in result.stderr and "'samfunn'" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_one_pass_output_is_whole_or_nothing_on_real_standard_output(tmp_path, fmt):
    """Goals are classified as they are read; a bad last line still leaves standard output
    empty, and the temporary file that held the results is gone."""
    good = "".join(
        json.dumps({"id": f"mål-{n}", "title": f"Mål {n}", "goal_type": "capacity"}) + "\n"
        for n in range(6_000)
    )
    spool = tmp_path / "tmp"
    spool.mkdir()
    env = {**os.environ, "TMPDIR": str(spool)}
    for text, code in ((good, 0), (good + '{"id": "siste", "title": ""}\n', 2)):
        path = tmp_path / "mål.jsonl"
        path.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [ANSVAR_BESIDE_PYTHON, "classify", str(path), "--format", fmt],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == code, done.stderr
        if code == 0:
            assert b"m\xc3\xa5l-5999" in done.stdout
        else:
            assert done.stdout == b"" and b"linje 6001" in done.stderr
        assert list(spool.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_a_table_held_back_for_a_terminal_is_drawn_for_the_terminal():
    """Output waits in a temporary file until the input is known good; the table is still
    drawn as for a terminal (rich's styles), since that is where it goes."""
    import pty
    import threading

    leader, follower = pty.openpty()
    shown = bytearray()

    def read() -> None:  # the terminal is read while the command writes, so it never blocks
        with contextlib.suppress(OSError):  # EIO: the command closed the terminal
            while chunk := os.read(leader, 65536):
                shown.extend(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        done = subprocess.run(
            [ANSVAR_BESIDE_PYTHON, "classify", "--lang", "en"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        reader.join(timeout=30)
        os.close(leader)
    assert done.returncode == 0, done.stderr
    assert b"\x1b[1m" in shown and b"Justification" in shown
