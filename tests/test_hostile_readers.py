"""Hostile and broken input to every reader: a located error in both languages, never a crash.

Each hostile file is made here, in ``tmp_path`` (none is committed). The
command line must exit 2 with nothing on standard output and a message
naming where the problem is; the library must raise an ``AnsvarError``.
The bombs run in a subprocess under ``prlimit --as`` (a memory bound), so a
regression fails instead of swapping the machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from ansvarsregler import AnsvarError, InvalidGoalError, classify, classify_many, load_ruleset
from ansvarsregler.cli import main
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.municipality.profiles import profiles_dir
from ansvarsregler.rules.loader import default_ruleset

#: The memory a bomb may take in its subprocess: Python and the engine, not the bomb.
MEMORY_BOUND = "--as=1500000000"


def refused(args: list[str], *, stdin: bytes | None = None, env: dict | None = None) -> str:
    """Run the command line in both languages; assert exit 2, no output, no traceback.

    Returns the bokmål message.
    """
    messages = []
    for lang in ("nb", "en"):
        result = CliRunner().invoke(
            main, [*args, "--lang", lang], input=stdin, env=env, catch_exceptions=True
        )
        assert result.exit_code == 2, (result.output, result.exception)
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit
        )
        messages.append(result.stderr)
    assert messages[0].startswith("Feil:") and messages[1].startswith("Error:"), messages
    return messages[0] + messages[1]


def refused_in_subprocess(args: list[str], stdin: bytes | None = None) -> str:
    """Like :func:`refused`, but in its own process under a memory bound."""
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        pytest.skip("prlimit is not installed")
    cli = "from ansvarsregler.cli import main; main(prog_name='ansvar')"
    command = [prlimit, MEMORY_BOUND, sys.executable, "-c", cli, *args]
    done = subprocess.run(command, input=stdin, capture_output=True, timeout=120)
    assert done.returncode == 2, done.stderr.decode()[-2000:]
    assert done.stdout == b""
    stderr = done.stderr.decode()
    assert "Traceback" not in stderr
    return stderr


def alias_bomb(levels: int = 9) -> str:
    """Nine levels of nine aliases: a few hundred bytes that stand for 387 million strings."""
    names = [f"l{level}" for level in range(levels)]
    lines = [f"{names[0]}: &{names[0]} [x, x, x, x, x, x, x, x, x]"]
    for before, name in pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]")
    return "\n".join(lines) + "\n"


# -- YAML aliases (limits.YAML_ALIASES) ------------------------------------------


def test_an_alias_bomb_in_a_goal_file_is_refused_with_its_line(tmp_path):
    path = tmp_path / "bombe.yaml"
    body = "".join(f"    {line}\n" for line in alias_bomb().splitlines())
    path.write_text(f"goals:\n  - id: a\n    title: t\n{body}", encoding="utf-8")
    stderr = refused_in_subprocess(["classify", str(path)])
    assert f"fil {path}, linje 7: antall YAML-aliaser" in stderr
    assert "ANSVARSREGLER_LIMIT_YAML_ALIASES" in stderr


def test_an_alias_bomb_in_a_title_on_stdin_is_refused(tmp_path):
    text = alias_bomb(5) + "goals:\n  - id: a\n    title: *l4\n"
    messages = refused(["classify", "-"], stdin=text.encode())
    assert "fil -, linje 4: antall YAML-aliaser (*navn) er over grensen" in messages
    assert "file -, line 4: the number of YAML aliases (*name) is over the limit" in messages


def test_an_alias_bomb_in_a_profile_is_refused(tmp_path):
    profile = tmp_path / "profil.yaml"
    profile.write_text(alias_bomb(4), encoding="utf-8")
    goals = tmp_path / "mal.yaml"
    goals.write_text("- id: a\n  title: t\n", encoding="utf-8")
    messages = refused(["classify", str(goals), "--profile", str(profile)])
    assert f"fil {profile}, linje 4: antall YAML-aliaser" in messages


def test_an_alias_bomb_in_a_rule_file_is_refused(rules_copy):
    rules = rules_copy()
    rule_file = next(rules.glob("*.yaml"))
    rule_file.write_text(alias_bomb(4) + rule_file.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(AnsvarError) as caught:
        load_ruleset(rules)
    assert caught.value.location.file == str(rule_file)
    assert caught.value.location.line == 4


def test_shared_defaults_by_alias_still_read(tmp_path):
    path = tmp_path / "mal.yaml"
    path.write_text(
        "- &felles {id: a, title: Plass til alle, goal_type: capacity, influence: full}\n"
        + "".join(f"- {{<<: *felles, id: b{n}, title: Plass til flere}}\n" for n in range(90)),
        encoding="utf-8",
    )
    with GoalFiles([str(path)]) as files:
        assert [read.goal.goal_type for read in files.check()] == ["capacity"] * 91


# -- nesting (limits.NESTING_DEPTH) ------------------------------------------------


def test_json_nested_100_000_levels_is_refused_before_recursion(tmp_path):
    path = tmp_path / "dyp.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    messages = refused(["classify", str(path)])
    assert f"fil {path}, linje 1: antall nivåer av lister og mappinger" in messages
    assert "100\u00a0000 mot høyst 32" in messages and "100,000 against at most 32" in messages
    refused(["classify", "-"], stdin=path.read_bytes())  # sniffed on standard input too


def test_a_deep_extra_field_is_refused_at_read_time_with_its_line(tmp_path):
    deep: object = 1
    for _ in range(300):
        deep = [deep]
    path = tmp_path / "mal.json"
    goals = [{"id": f"m{i}", "title": "Plass"} for i in range(50)]
    goals.append({"id": "dyp", "title": "Plass", "vedlegg": deep})
    path.write_text(json.dumps({"goals": goals}, indent=1), encoding="utf-8")
    messages = refused(["classify", str(path)])
    assert f"fil {path}, linje 2" in messages  # the line the limit is passed on
    jsonl = tmp_path / "mal.jsonl"
    jsonl.write_text("\n".join(json.dumps(goal) for goal in goals) + "\n", encoding="utf-8")
    assert f"fil {jsonl}, linje 51: antall nivåer" in refused(["classify", str(jsonl)])


def test_a_large_json_document_is_checked_for_depth_after_parsing(tmp_path):
    """Past a few brackets the levels are counted in the parsed value: a goal 40 levels deep
    among 2,000 flat ones is refused on its own line, and the flat ones pass."""
    goals: list[dict] = [{"id": f"m{i}", "title": "Plass", "tags": [["a"]]} for i in range(2000)]
    path = tmp_path / "mal.json"
    path.write_text(json.dumps(goals, indent=0), encoding="utf-8")
    assert CliRunner().invoke(main, ["classify", str(path)]).exit_code == 0
    deep: object = "x"
    for _ in range(40):
        deep = {"a": deep}
    goals[1500]["vedlegg"] = deep
    path.write_text(json.dumps(goals, indent=0), encoding="utf-8")
    # the list, the goal and "vedlegg" are three levels: the 33rd opens 30 lines further on
    line = json.dumps(goals, indent=0).splitlines().index('"vedlegg": {') + 1 + 30
    assert f"fil {path}, linje {line}: antall nivåer" in refused(["classify", str(path)])


def test_a_deep_document_with_a_duplicate_key_is_refused_for_its_depth(tmp_path):
    """Bad JSON that is also too deep is refused for its depth with its line, as when the
    depth was checked before parsing (a duplicate key's line is found by a YAML reader that
    stops at the depth too, so it could name no line)."""
    path = tmp_path / "dyp.json"
    deep = "[" * 100 + "]" * 100  # after the duplicate key, which stops the parser first
    path.write_text('[{"id": "a", "k": 1, "k": 2, "title": "t"},\n{"id": "b", "x": ' + deep + "}]")
    assert f"fil {path}, linje 2: antall nivåer" in refused(["classify", str(path)])


def test_the_nesting_limit_stops_below_what_the_parsers_hold(tmp_path, monkeypatch):
    path = tmp_path / "mal.json"
    path.write_text('[{"id": "a", "title": "Plass"}]', encoding="utf-8")
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_NESTING_DEPTH", "5000")
    messages = refused(["classify", str(path)])
    assert "ANSVARSREGLER_LIMIT_NESTING_DEPTH=5000 er for høyt: høyst 200" in messages
    assert "JSON og YAML" in messages


def test_deep_yaml_is_refused_with_its_line(tmp_path):
    path = tmp_path / "dyp.yaml"
    path.write_text("- id: a\n  title: t\n  x: " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    assert f"fil {path}, linje 3: antall nivåer" in refused(["classify", str(path)])


# -- finding the format -------------------------------------------------------------


def test_one_line_json_document_on_stdin_is_json_not_json_lines():
    document = json.dumps({"goals": [{"id": "a", "title": "Plass i barnehage"}]})
    result = CliRunner().invoke(main, ["classify", "-", "--format", "json"], input=document)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["goal_id"] == "a"


# -- file size (limits.FILE_SIZE) -----------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "mal.yaml"
    path.write_text("- id: a\n  title: t\n", encoding="utf-8")
    default_ruleset()  # the shipped rules read first: the goal file is what the limit refuses
    env = {"ANSVARSREGLER_LIMIT_FILE_SIZE": "10"}
    messages = refused(["classify", str(path)], env=env)
    assert f"fil {path}: filens størrelse i byte er over grensen: 19 mot høyst 10" in messages
    assert "on the limit" not in messages
    messages = refused(["classify", "-"], stdin=path.read_bytes(), env=env)
    assert "fil -: filens størrelse i byte er over grensen" in messages


def test_a_profile_or_rule_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    goals = tmp_path / "mal.yaml"
    goals.write_text("- id: a\n  title: t\n", encoding="utf-8")
    # A profile no earlier test has read (profiles are kept once read), and the shipped rules
    # read before the limit is lowered: the profile is the file the limit refuses.
    profile = tmp_path / "verran.yaml"
    profile.write_bytes((profiles_dir() / "verran.yaml").read_bytes())
    default_ruleset()
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_FILE_SIZE", "100")
    messages = refused(["classify", str(goals), "--profile", str(profile)])
    assert "verran.yaml: filens størrelse i byte er over grensen" in messages


# -- spreadsheets (limits.XLSX_UNCOMPRESSED, ROWS, COLUMNS, CELL_LENGTH) ----------------


def workbook(path: Path, rows: list[list[object]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_an_xlsx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    plain = workbook(tmp_path / "plain.xlsx", [["Mål"], ["Plass"]])
    bomb = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for part in source.infolist():
            out.writestr(part, source.read(part.filename))
        out.writestr("xl/media/fyll.bin", b"\0" * 600 * 1024 * 1024)
    assert bomb.stat().st_size < 1024 * 1024
    stderr = refused_in_subprocess(["classify", str(bomb)])
    assert f"fil {bomb}: XLSX-filens utpakkede størrelse i byte er over grensen" in stderr
    stderr = refused_in_subprocess(["classify", "-"], stdin=bomb.read_bytes())
    assert "fil -: XLSX-filens utpakkede størrelse" in stderr


def test_rows_and_columns_of_a_sheet_are_counted_as_they_stream(tmp_path, monkeypatch):
    path = workbook(tmp_path / "mal.xlsx", [["Mål", "Id"], *[[f"Mål {n}", n] for n in range(9)]])
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_ROWS", "5")
    messages = refused(["classify", str(path)])
    assert f"fil {path}, ark Sheet, rad 6: antall rader er over grensen: 6 mot høyst 5" in messages
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_ROWS", "100")
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_COLUMNS", "1")
    assert "rad 1: antall kolonner er over grensen: 2 mot høyst 1" in refused(
        ["classify", str(path)]
    )


def test_rows_columns_and_cells_of_a_csv_file_are_limited(tmp_path, monkeypatch):
    path = tmp_path / "mal.csv"
    path.write_text("Mål;Id\n" + "".join(f"Mål {n};{n}\n" for n in range(9)), encoding="utf-8")
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_ROWS", "5")
    assert f"fil {path}, rad 6: antall rader" in refused(["classify", str(path)])
    monkeypatch.delenv("ANSVARSREGLER_LIMIT_ROWS")
    path.write_text("Mål;Id\n" + "x" * 200_000 + ";a\n", encoding="utf-8")
    messages = refused(["classify", str(path)])
    assert f"fil {path}, rad 2: antall tegn i verdien er over grensen: 200\u00a0000" in messages
    assert "200,000 against at most 32,767" in messages


def test_an_encrypted_workbook_on_stdin_is_named_as_one():
    ole2 = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4096
    messages = refused(["classify", "-"], stdin=ole2)
    assert "kryptert (passordbeskyttet) eller gammel (.xls) Excel-fil" in messages
    assert "save it as .xlsx without a password" in messages


class CountedText(str):
    """Header text that counts how often it is compared."""

    comparisons = 0

    def strip(self, chars: str | None = None) -> CountedText:
        return self

    def __eq__(self, other: object) -> bool:
        CountedText.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_a_wide_header_is_read_without_comparing_every_column_to_every_other(monkeypatch):
    from ansvarsregler.goals import columns
    from ansvarsregler.goals.spreadsheets import Table

    width = 3000
    monkeypatch.setattr(columns, "cell_text", CountedText)
    header = ("Mål", *(f"kolonne {n}" for n in range(width)), "kolonne 7")
    CountedText.comparisons = 0
    read = columns.Columns(Table("-", Path("-"), "csv", header, 1))
    assert CountedText.comparisons < 10 * width  # was width² / 2: 4.5 million
    assert read.extras[-1] == (width + 1, f"{columns.column_letter(width + 1)} (kolonne 7)")


# -- text values and goals (limits.CELL_LENGTH, GOALS) ----------------------------------


def test_a_text_over_a_cells_length_is_refused_with_goal_field_and_line(tmp_path):
    path = tmp_path / "mal.yaml"
    long_text = "x" * 40_000
    path.write_text(
        f"- id: a\n  title: t\n- id: b\n  title: t\n  merknad:\n    - {long_text}\n",
        encoding="utf-8",
    )
    messages = refused(["classify", str(path)])
    assert f"fil {path}, linje 6, mål 'b', felt merknad.0: antall tegn i verdien" in messages
    assert "field merknad.0: the number of characters is over the limit: 40,000" in messages
    with pytest.raises(AnsvarError, match="field title"):
        classify({"id": "a", "title": long_text})


def test_the_goals_of_a_run_are_counted_as_they_are_read(tmp_path, monkeypatch):
    path = tmp_path / "mal.jsonl"
    path.write_text(
        "".join(json.dumps({"id": f"m{n}", "title": "Plass"}) + "\n" for n in range(5)),
        encoding="utf-8",
    )
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_GOALS", "3")
    messages = refused(["classify", str(path)])
    assert f"fil {path}, linje 4, mål 'm3': antall mål i kjøringen er over grensen" in messages


# -- the library's arguments and pydantic's own words -----------------------------------


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: classify(42), "found int"),
        (lambda: list(classify_many("text")), "classify_many takes a list"),
        (lambda: list(classify_many(7)), "classify_many takes a list"),
        (lambda: classify({"id": "a", "title": "t"}, lang="de"), "field lang"),
        (lambda: classify({"id": "a", "title": "t"}, profile=3), "field profile"),
    ],
)
def test_a_wrong_argument_to_the_library_is_an_ansvar_error(call, words):
    with pytest.raises(InvalidGoalError) as caught:
        call()
    assert words in str(caught.value)
    assert "Traceback" not in caught.value.message("nb")


def test_pydantic_english_does_not_reach_a_bokmal_message(rules_copy):
    rules = rules_copy()
    rule_file = rules / "20-kommunestyret.yaml"
    text = rule_file.read_text(encoding="utf-8")
    rule_file.write_text(text.replace("- id: ikke-pavirkbart", "- id: Ikke_Pavirkbart", 1))
    with pytest.raises(AnsvarError) as caught:
        load_ruleset(rules)
    bokmal = caught.value.message("nb")
    assert "linje 3, regel 'Ikke_Pavirkbart', felt id:" in bokmal
    assert "er ikke skrevet i riktig form" in bokmal and "should" not in bokmal


def test_a_catalog_over_the_size_limit_is_refused_and_left_untouched(tmp_path, monkeypatch):
    from ansvarsregler.goals.catalog import append_goal

    catalog = tmp_path / "katalog.yaml"
    catalog.write_text("goals:\n  - id: a\n    title: Plass\n", encoding="utf-8")
    before = catalog.read_bytes()
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_FILE_SIZE", "10")
    with pytest.raises(AnsvarError, match="the file's size in bytes is over the limit"):
        append_goal(catalog, {"id": "b", "title": "Ny"})
    assert catalog.read_bytes() == before


# -- messages that had no line -------------------------------------------------------------


def test_a_duplicate_json_key_and_a_late_nul_byte_get_their_line(tmp_path):
    path = tmp_path / "mal.json"
    path.write_text('{"goals": [\n {"id": "a",\n  "title": "x",\n  "title": "y"}\n]}\n')
    assert f"fil {path}, linje 4: nøkkelen 'title' står to ganger i samme mapping" in refused(
        ["classify", str(path)]
    )
    path = tmp_path / "mal.yaml"
    path.write_bytes(b"- id: a\n  title: t\n" + b"# fyll\n" * 20_000 + b"- id: b\x00\n")
    assert f"fil {path}, linje 20003: er ikke UTF-8-tekst" in refused(["classify", str(path)])
