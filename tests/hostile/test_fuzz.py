"""Hypothesis fuzzing of every reader through the contract check.

Each strategy starts from a valid input and breaks it the way files break:
values of the wrong type, unknown fields, duplicated keys, deep nesting,
and bytes flipped, cut off or inserted. The runs are derandomized (a
failure reproduces in CI and locally) and small enough for the suite's budget.
To hunt for more, run with ``HOSTILE_FUZZ_EXAMPLES=2000 HOSTILE_FUZZ_RANDOM=1``.
"""

from __future__ import annotations

import copy
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ansvarsregler.municipality.profiles import load_profile
from ansvarsregler.rules.loader import default_rules_dir
from ansvarsregler.vocabulary import FACT_VALUES

from . import inputs as v
from .contract import Expect, Workspace

EXAMPLES = int(os.environ.get("HOSTILE_FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("HOSTILE_FUZZ_RANDOM"),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Bytes that mean something to one reader or another, or to a terminal.
SPECIALS = [
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\r",
    b"\r\n",
    b"\n",
    b"\t",
    b"\x0b",
    b"'",
    b'"',
    b"{",
    b"}",
    b"[",
    b"]",
    b": ",
    b"- ",
    b"? ",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!python/name:os.system ",
    b"!!binary ",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"#",
    b";",
    b",",
    b"=",
    b"\\u0000",
    b"\\ud800",
    b"\xe2\x80\xae",
    b"\x1b[31m",
    b"1e999",
    b"NaN",
    b"9" * 400,
    b"[" * 50,
]


@st.composite
def damaged(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` with one to four byte-level edits: flips, cuts, insertions, repeats."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "repeat"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "truncate":
            del data[at:]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(SPECIALS) | st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(2, 20))
    return bytes(data)


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from([value for values in FACT_VALUES.values() for value in values])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _paths(child, (*prefix, index))


@st.composite
def changed(draw: st.DrawFn, base: Any) -> Any:
    """``base`` (parsed data) with one to three structural changes at random places."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))))
        if not path:
            continue
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        action = draw(st.sampled_from(["value", "nest", "unknown", "drop"]))
        if action == "value":
            parent[key] = draw(VALUES)
        elif action == "nest":
            depth = draw(st.integers(1, 40))
            parent[key] = json.loads("[" * depth + "1" + "]" * depth)
        elif action == "unknown" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(VALUES)
        elif isinstance(parent, dict):
            del parent[key]
        else:
            parent.pop(key)
    return data


def as_yaml(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def yaml_with_duplicate(text: bytes, draw: st.DrawFn) -> bytes:
    """A line of ``text`` said twice: a duplicated key wherever it is a mapping's."""
    lines = text.splitlines(keepends=True)
    at = draw(st.integers(0, len(lines) - 1))
    return b"".join([*lines[: at + 1], lines[at], *lines[at + 1 :]])


@contextmanager
def workspace() -> Iterator[Workspace]:
    """A fresh folder per example (pytest's tmp_path is one per test, not per example)."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as root:
        yield Workspace.under(Path(root))


def run_classify(name: str, content: bytes, *more: str) -> None:
    with workspace() as space:
        (space.folder / name).write_bytes(content)
        args = ["classify", str(space.folder / name), "--lang", "en", *more]
        outcome = space.run(args, Expect(file=str(space.folder / name)))
        event(f"exit {outcome.exit_code}")


# -- goal files ----------------------------------------------------------------


@st.composite
def goal_yaml(draw: st.DrawFn) -> bytes:
    how = draw(st.sampled_from(["bytes", "structure", "duplicate"]))
    if how == "bytes":
        return draw(damaged(v.GOALS_YAML.encode()))
    if how == "duplicate":
        return yaml_with_duplicate(v.GOALS_YAML.encode(), draw)
    return as_yaml(draw(changed({"goals": v.GOALS})))


@st.composite
def goal_json(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return draw(damaged(v.goals_json().encode()))
    data = draw(changed({"goals": v.GOALS}))
    return json.dumps(data, ensure_ascii=draw(st.booleans())).encode()


@st.composite
def goal_jsonl(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return draw(damaged(v.goals_jsonl().encode()))
    goals = draw(changed(v.GOALS))
    lines = [json.dumps(goal, ensure_ascii=False) for goal in goals]
    return ("\n".join(lines) + "\n").encode()


CELLS = st.text(max_size=12) | st.sampled_from(["kvalitet", "delvis", "skole", '"', "=1+1", ""])


@st.composite
def goal_csv(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return draw(damaged(v.goals_csv().encode()))
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    header = draw(
        st.just(v.CSV_HEADER[:2])
        | st.just(v.CSV_HEADER)
        | st.lists(st.sampled_from(v.CSV_HEADER) | CELLS, min_size=1, max_size=7)
    )
    rows = draw(st.lists(st.lists(CELLS, max_size=8), max_size=4))
    text = newline.join(delimiter.join(row) for row in [header, *rows]) + newline
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


XLSX_CELLS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.datetimes(min_value=__import__("datetime").datetime(1900, 3, 1))
    | st.text(max_size=12).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
    | st.sampled_from(["=1/0", "=A1", "#DIV/0!", "#N/A", "kvalitet", "delvis"])
)


@st.composite
def goal_xlsx(draw: st.DrawFn) -> bytes:
    header = draw(
        st.just(v.CSV_HEADER[:2])
        | st.just(v.CSV_HEADER)
        | st.lists(st.sampled_from(v.CSV_HEADER) | XLSX_CELLS, min_size=1, max_size=7)
    )
    rows = draw(st.lists(st.lists(XLSX_CELLS, max_size=8), max_size=4))
    book = v.workbook([header, *rows])
    if draw(st.booleans()):
        sheet = book.active
        assert sheet is not None
        sheet.merge_cells("A2:B3")
    data = v.xlsx_bytes(book)
    how = draw(st.sampled_from(["whole", "bytes", "part"]))
    if how == "bytes":
        return draw(damaged(data))
    if how == "part":
        part = draw(
            st.sampled_from(
                [
                    "xl/worksheets/sheet1.xml",
                    "xl/workbook.xml",
                    "[Content_Types].xml",
                    "xl/styles.xml",
                    "xl/sharedStrings.xml",
                ]
            )
        )
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            original = archive.read(part) if part in archive.namelist() else b""
        return v.rezip(data, {part: draw(damaged(original)) if original else None})
    return data


READERS: dict[str, tuple[str, Callable[[], st.SearchStrategy[bytes]]]] = {
    "yaml": ("g.yaml", goal_yaml),
    "json": ("g.json", goal_json),
    "jsonl": ("g.jsonl", goal_jsonl),
    "csv": ("g.csv", goal_csv),
    "xlsx": ("g.xlsx", goal_xlsx),
}


@pytest.mark.parametrize("reader", list(READERS))
def test_fuzz_goal_reader(reader: str) -> None:
    name, strategy = READERS[reader]

    @FUZZ
    @given(strategy())
    def fuzz(content: bytes) -> None:
        run_classify(name, content)

    fuzz()


@FUZZ
@given(st.sampled_from(list(READERS)).flatmap(lambda reader: READERS[reader][1]()))
def test_fuzz_standard_input(content: bytes) -> None:
    """Any of the above on standard input, where the format is guessed from the content."""
    with workspace() as space:
        space.run(["classify", "-", "--lang", "en"], Expect(file="-"), content)


# -- profiles, rule folders, draft answers ------------------------------------


def broken_yaml(draw: st.DrawFn, text: bytes) -> bytes:
    """``text``, a valid YAML file, broken as files break: its bytes damaged, its structure
    changed, or a key given twice."""
    how = draw(st.sampled_from(["bytes", "structure", "duplicate"]))
    if how == "bytes":
        return draw(damaged(text))
    if how == "duplicate":
        return yaml_with_duplicate(text, draw)
    return as_yaml(draw(changed(yaml.safe_load(text))))


@st.composite
def profile(draw: st.DrawFn) -> bytes:
    return broken_yaml(draw, v.profile_text().encode())


@FUZZ
@given(profile())
def test_fuzz_profile(content: bytes) -> None:
    with workspace() as space:
        (space.folder / "p.yaml").write_bytes(content)
        (space.folder / "g.yaml").write_text(v.GOALS_YAML, encoding="utf-8")
        args = ["classify", "g.yaml", "--profile", str(space.folder / "p.yaml"), "--lang", "en"]
        with _cwd(space.folder):
            space.run(args, Expect(file="p.yaml"))


ANSWERS_TEXT = """\
budsjettnivå:
  Skole: sektor
  "202": unit
  default: sektor
"""


@st.composite
def answers_file(draw: st.DrawFn) -> bytes:
    return broken_yaml(draw, ANSWERS_TEXT.encode())


@FUZZ
@given(answers_file())
def test_fuzz_answers_file(content: bytes) -> None:
    """``classify --answers``: a damaged answers file is refused naming it, before anything
    is written; the goals and the answers are never touched."""
    with workspace() as space:
        (space.folder / "svar.yaml").write_bytes(content)
        (space.folder / "g.yaml").write_text(v.GOALS_YAML, encoding="utf-8")
        output = space.folder / "ut.xlsx"
        args = ["classify", "g.yaml", "--answers", "svar.yaml", "-o", str(output), "--lang", "en"]
        with _cwd(space.folder):
            space.run(args, Expect(file="svar.yaml", output=output))


@st.composite
def profile_dialogue(draw: st.DrawFn) -> str:
    """Odd and good replies to ``ansvar profile init``, cut off anywhere."""
    good = ["rådmann", "", *["enhet", "rektor"] * 4, "sektor", ""]
    lines = []
    for reply in good:
        lines += draw(st.lists(ODD_ANSWERS, max_size=2))
        lines.append(reply)
    lines = [line.replace("\r", "").replace("\n", " ") for line in lines]
    text = "\n".join(lines[: draw(st.just(len(lines)) | st.integers(0, len(lines)))])
    return text if draw(st.booleans()) else text + "\n"


@FUZZ
@given(profile_dialogue())
def test_fuzz_profile_init_answers(stdin: str) -> None:
    """``ansvar profile init``: any replies end in a profile that validates, or in a clean
    stop with nothing written."""
    with workspace() as space:
        (space.folder / "g.yaml").write_text(v.GOALS_YAML, encoding="utf-8")
        output = space.folder / "byen.yaml"
        args = ["profile", "init", "Byen", "g.yaml", "-o", str(output), "--lang", "en"]
        with _cwd(space.folder):
            space.run(args, Expect(output=output, dialogue=True), stdin.encode("utf-8"))
        if output.exists():
            assert load_profile(output).name == "Byen"


RULE_FILES = sorted(
    str(path.relative_to(default_rules_dir())) for path in default_rules_dir().rglob("*.yaml")
)


@st.composite
def rule_folder(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(RULE_FILES))
    return name, broken_yaml(draw, (default_rules_dir() / name).read_bytes())


@settings(FUZZ, max_examples=max(EXAMPLES * 3 // 5, 1))
@given(rule_folder())
def test_fuzz_rule_folder(changed_file: tuple[str, bytes]) -> None:
    """``ansvar rules``: it loads and validates the whole folder (``check`` costs a second)."""
    name, content = changed_file
    with workspace() as space:
        rules = v.copy_rules(space.folder / "r")
        (rules / name).write_bytes(content)
        space.freeze()
        args = ["rules", "--rules", str(rules), "--lang", "en"]
        space.run(args, Expect(file=str(rules)))


ODD_ANSWERS = st.text(max_size=30) | st.sampled_from(
    ["0", "-1", "99", "²", "\u0661", "9" * 5000, "1.5", " ", "\x1b[2J", "kanskje"]
)


@st.composite
def dialogue(draw: st.DrawFn) -> str:
    """A title, a description, odd replies to the question and to keeping the goal, each
    followed by a good one; cut off anywhere (EOF), sometimes in the middle of a line."""
    lines = [
        draw(st.text(max_size=40) | st.just("Redusere sykefraværet")),
        draw(st.text(max_size=40)),
        *draw(st.lists(ODD_ANSWERS, max_size=3)),
        *["1"] * 4,  # enough for every question; a surplus is a bad yes/no, asked again
        *draw(st.lists(ODD_ANSWERS, max_size=3)),
        draw(st.sampled_from(["j", "ja", "nei", "n"])),
    ]
    lines = [line.replace("\r", "").replace("\n", " ") for line in lines]
    text = "\n".join(lines[: draw(st.just(len(lines)) | st.integers(0, len(lines)))])
    return text if draw(st.booleans()) else text + "\n"


@FUZZ
@given(dialogue())
def test_fuzz_draft_answers(stdin: str) -> None:
    with workspace() as space:
        catalog = space.folder / "katalog.yaml"
        catalog.write_text(v.GOALS_YAML, encoding="utf-8")
        args = ["draft", "--lang", "en", "--catalog", str(catalog)]
        expect = Expect(file=str(catalog), output=catalog, dialogue=True)
        space.run(args, expect, stdin.encode("utf-8"))


@contextmanager
def _cwd(folder: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@FUZZ
@given(goal_yaml())  # a catalog is a goal file
def test_fuzz_draft_catalog(content: bytes) -> None:
    """``ansvar draft --catalog``: a damaged catalog is refused before the first question, or
    extended by exactly one goal that reads back."""
    with workspace() as space:
        path = space.folder / "katalog.yaml"
        path.write_bytes(content)
        args = ["draft", "--lang", "en", "--catalog", str(path)]
        answers = "Redusere sykefraværet\n\n1\nj\n".encode()
        outcome = space.run(args, Expect(file=str(path), output=path), answers)
        event(f"exit {outcome.exit_code}")
        if outcome.exit_code == 0:
            before = yaml.safe_load(content.decode("utf-8-sig"))
            after = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
            assert len(_goal_list(after)) == len(_goal_list(before)) + 1


def _goal_list(data: Any) -> list[Any]:
    return data["goals"] if isinstance(data, dict) else data
