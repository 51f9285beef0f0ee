"""The catalogue of named hostile inputs, one :class:`Case` each, grouped by reader.

A case is the files it writes, the command it runs and what the contract
asks of the result beyond its invariants (see :mod:`contract`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import inputs as v
from .contract import BOMB_TIMEOUT_SECONDS, TIMEOUT_SECONDS, Expect

Data = bytes | str | Callable[[], bytes | str]


@dataclass
class Case:
    """One hostile input: files to write, the ``ansvar`` arguments, and what must happen."""

    name: str
    args: list[str]
    files: dict[str, Data] = field(default_factory=dict)
    stdin: Data | None = None
    outcome: str = "error"
    file: str | None = None
    """The name the error message must give (default: the first file, or ``-``)."""
    where: str | None = None
    output: str | None = None
    subprocess: bool = False
    timeout: float = TIMEOUT_SECONDS
    env: dict[str, str] | None = None
    """Environment for the run: a limit set small (``ANSVARSREGLER_LIMIT_<NAME>``)."""

    def expect(self, folder: Path) -> Expect:
        """What the contract asks of this case run in ``folder``."""
        blamed = self.file
        if blamed is None and self.outcome != "ok":
            blamed = next(iter(self.files), "-" if self.stdin is not None else None)
        return Expect(
            outcome=self.outcome,
            file=blamed or None,
            where=self.where,
            output=folder / self.output if self.output else None,
        )

    def command(self) -> list[str]:
        """The arguments, with English messages (the contract reads them)."""
        return [*self.args, "--lang", "en"]


def data(value: Data) -> bytes:
    made = value() if callable(value) else value
    return made.encode("utf-8") if isinstance(made, str) else made


def classify(name: str, filename: str, content: Data, **more: object) -> Case:
    """``ansvar classify <filename>`` on one file."""
    return Case(name, ["classify", filename], {filename: content}, **more)  # type: ignore[arg-type]


def _deep(opening: str, closing: str, depth: int, inner: str = "1") -> str:
    return opening * depth + inner + closing * depth


def _alias_bomb(indent: str = "", levels: int = 9) -> str:
    """Anchors that expand to 9**levels strings once anything walks them (``*a8``)."""
    lines = [f'{indent}a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"{indent}a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def _goal_yaml(**fields: str) -> str:
    body = "".join(f"    {key}: {value}\n" for key, value in fields.items())
    return "goals:\n  - id: a\n" + body


YAML_CASES = [
    classify("yaml-empty-file", "g.yaml", b""),
    classify("yaml-only-whitespace", "g.yaml", "  \n\n\t\n"),
    classify("yaml-only-comment", "g.yaml", "# nothing here\n"),
    classify("yaml-scalar-top-level", "g.yaml", "hello\n"),
    classify("yaml-null-top-level", "g.yaml", "~\n"),
    classify("yaml-list-of-scalars", "g.yaml", "- a\n- b\n", where="item"),
    classify("yaml-goals-is-mapping", "g.yaml", "goals:\n  id: a\n", where="line"),
    classify("yaml-extra-top-level-key", "g.yaml", v.GOALS_YAML + "extra: 1\n"),
    classify("yaml-tab-indentation", "g.yaml", "goals:\n\t- id: a\n", where="line"),
    classify("yaml-unclosed-quote", "g.yaml", 'goals:\n  - id: "a\n    title: x\n', where="line"),
    classify("yaml-unclosed-flow", "g.yaml", "goals: [{id: a, title: b\n", where="line"),
    classify(
        "yaml-duplicate-key", "g.yaml", _goal_yaml(title="x", influence="full") + "    title: y\n"
    ),
    classify("yaml-duplicate-id", "g.yaml", v.GOALS_YAML + "  - id: barnehage\n    title: x\n"),
    classify(
        "yaml-python-tag",
        "g.yaml",
        "goals:\n  - id: !!python/object/apply:os.system ['echo hacked']\n    title: x\n",
        where="line",
    ),
    classify("yaml-unknown-tag", "g.yaml", "goals:\n  - id: !vault a\n    title: x\n"),
    classify(
        "yaml-binary-tag",
        "g.yaml",
        "goals:\n  - id: a\n    title: !!binary aGk=\n",
        outcome="either",
    ),
    classify("yaml-set-tag", "g.yaml", "goals: !!set {a, b}\n"),
    classify("yaml-key-is-a-list", "g.yaml", "goals:\n  - ? [a, b]\n    : x\n"),
    classify("yaml-title-is-mapping", "g.yaml", _goal_yaml(title="{a: b}"), where="field"),
    classify("yaml-title-is-list", "g.yaml", _goal_yaml(title="[1, 2]"), where="field"),
    classify("yaml-id-missing", "g.yaml", "goals:\n  - title: x\n", where="item"),
    classify("yaml-id-null", "g.yaml", "goals:\n  - id: ~\n    title: x\n", where="item"),
    classify("yaml-id-blank", "g.yaml", "goals:\n  - id: '   '\n    title: x\n", where="field"),
    classify("yaml-goal-is-null", "g.yaml", "goals:\n  -\n  - id: a\n    title: x\n"),
    classify("yaml-bad-fact-value", "g.yaml", _goal_yaml(title="x", influence="total")),
    classify("yaml-fact-is-number", "g.yaml", _goal_yaml(title="x", influence="1"), where="field"),
    classify("yaml-float-infinity", "g.yaml", _goal_yaml(title=".inf"), outcome="either"),
    classify(
        "yaml-misspelt-fact",
        "g.yaml",
        _goal_yaml(title="x", influense="full"),
        outcome="either",
    ),
    classify("yaml-nul-byte", "g.yaml", b"goals:\n  - id: a\x00\n    title: x\n"),
    classify("yaml-latin1", "g.yaml", "goals:\n  - id: a\n    title: Øke\n".encode("latin-1")),
    classify("yaml-utf16-bom", "g.yaml", v.GOALS_YAML.encode("utf-16")),
    classify("yaml-utf32-bom", "g.yaml", v.GOALS_YAML.encode("utf-32")),
    classify("yaml-utf8-bom", "g.yaml", b"\xef\xbb\xbf" + v.GOALS_YAML.encode(), outcome="ok"),
    classify("yaml-crlf", "g.yaml", v.GOALS_YAML.replace("\n", "\r\n"), outcome="ok"),
    classify("yaml-cr-only", "g.yaml", v.GOALS_YAML.replace("\n", "\r"), outcome="either"),
    classify("yaml-two-documents", "g.yaml", v.GOALS_YAML + "---\n" + v.GOALS_YAML),
    classify(
        "yaml-anchors-and-merge",
        "g.yaml",
        "base: &b {service_area: skole}\n",
        outcome="error",
    ),
    classify(
        "yaml-merge-key-in-goal",
        "g.yaml",
        "goals:\n  - &b {id: a, title: x}\n  - <<: *b\n    id: b\n",
        outcome="ok",
    ),
    classify(
        "yaml-control-characters",
        "g.yaml",
        _goal_yaml(title='"a\\x07b\\x1b[31mc"'),
        outcome="either",
    ),
    classify(
        "yaml-lone-surrogate",
        "g.yaml",
        _goal_yaml(title='"a\\ud800b"'),
        outcome="either",
    ),
    classify("yaml-directive-only", "g.yaml", "%YAML 1.1\n---\n", outcome="error"),
    classify(
        "yaml-deep-nesting",
        "g.yaml",
        lambda: "goals:\n  - id: a\n    title: x\n    extra: " + _deep("[", "]", 990) + "\n",
    ),
    classify(
        "yaml-alias-bomb",
        "g.yaml",
        lambda: "goals:\n  - id: a\n    title: x\n" + _alias_bomb("    ") + "    b: *a8\n",
        subprocess=True,
        timeout=BOMB_TIMEOUT_SECONDS,
    ),
    classify(
        "yaml-title-of-a-megabyte",
        "g.yaml",
        lambda: _goal_yaml(title="x" * 1_000_000),
        where="field",
    ),
    Case(
        "yaml-directory-named-like-a-file",
        ["classify", "d"],
        {"d/g.yaml/x.txt": "x", "d/ok.yaml": v.GOALS_YAML},
        outcome="ok",
    ),
    Case("yaml-folder-without-goal-files", ["classify", "d"], {"d/x.txt": "x"}, file="d"),
    Case("missing-file", ["classify", "nowhere.yaml"], file="nowhere.yaml"),
]

JSON_CASES = [
    classify("json-empty-object", "g.json", "{}"),
    classify("json-empty-list", "g.json", "[]", outcome="either"),
    classify("json-truncated", "g.json", lambda: v.goals_json()[:-20], where="line"),
    classify("json-trailing-comma", "g.json", '[{"id": "a", "title": "x"},]', where="line"),
    classify("json-duplicate-key", "g.json", '[{"id": "a", "id": "b", "title": "x"}]'),
    classify("json-nan", "g.json", '[{"id": "a", "title": NaN}]'),
    classify("json-huge-exponent", "g.json", '[{"id": "a", "title": 1e999}]'),
    classify("json-many-digits", "g.json", '[{"id": "a", "title": ' + "9" * 5000 + "}]"),
    classify("json-goal-is-null", "g.json", "[null]", where="item"),
    classify("json-goal-is-string", "g.json", '["a"]', where="item"),
    classify("json-title-is-object", "g.json", '[{"id": "a", "title": {"x": 1}}]'),
    classify("json-id-is-bool", "g.json", '[{"id": true, "title": "x"}]', outcome="either"),
    classify(
        "json-lone-surrogate",
        "g.json",
        '[{"id": "a", "title": "x\\ud800y"}]',
        outcome="either",
    ),
    classify(
        "json-lone-surrogate-in-an-extra-field",
        "g.json",
        '[{"id": "a", "title": "x", "merknad": ["ok", {"k": "x\\ud800y"}]}]',
        where="field",
    ),
    classify("json-utf16", "g.json", v.goals_json().encode("utf-16")),
    classify("json-single-quotes", "g.json", "[{'id': 'a', 'title': 'x'}]"),
    classify(
        "json-deep-nesting",
        "g.json",
        lambda: '[{"id": "a", "title": ' + _deep("[", "]", 100_000) + "}]",
    ),
    Case(
        "json-single-line-on-stdin",
        ["classify", "-"],
        stdin=lambda: json.dumps({"goals": v.GOALS}),
        outcome="ok",
    ),
    Case("stdin-empty", ["classify", "-"], stdin=b"", file="-"),
    Case("stdin-garbage", ["classify", "-"], stdin=b"\xff\xfe\x00garbage", file="-"),
    Case("stdin-twice", ["classify", "-", "-"], stdin=v.GOALS_YAML, outcome="either"),
]

JSONL_CASES = [
    classify(
        "jsonl-blank-lines", "g.jsonl", lambda: "\n\n" + v.goals_jsonl() + "\n\n", outcome="ok"
    ),
    classify("jsonl-crlf", "g.jsonl", lambda: v.goals_jsonl().replace("\n", "\r\n"), outcome="ok"),
    classify("jsonl-only-blank-lines", "g.jsonl", "\n\n\n"),
    classify("jsonl-bad-second-line", "g.jsonl", '{"id": "a", "title": "x"}\n{"id": "b",\n'),
    classify("jsonl-array-line", "g.jsonl", '{"id": "a", "title": "x"}\n[1, 2]\n', where="line"),
    classify("jsonl-scalar-line", "g.jsonl", '"just text"\n', where="line"),
    classify("jsonl-nul-byte", "g.jsonl", b'{"id": "a", "title": "x\x00"}\n', where="line"),
    classify("jsonl-latin1", "g.jsonl", '{"id": "a", "title": "Ø"}\n'.encode("latin-1")),
    classify("jsonl-duplicate-id", "g.jsonl", lambda: v.goals_jsonl() * 2, where="line"),
    classify(
        "jsonl-lone-surrogate",
        "g.jsonl",
        '{"id": "a", "title": "x\\udfffy"}\n',
        outcome="either",
    ),
    classify(
        "jsonl-lone-surrogate-in-an-extra-field",
        "g.jsonl",
        '{"id": "a", "title": "x", "merknad": "\\udfff"}\n',
        where="field",
    ),
    classify(
        "jsonl-bad-goal-after-output-began",
        "g.jsonl",
        lambda: v.goals_jsonl() + '{"id": "c", "title": "x", "influence": "total"}\n',
        where="line",
    ),
    classify(
        "jsonl-deep-nesting",
        "g.jsonl",
        lambda: '{"id": "a", "title": ' + _deep("[", "]", 100_000) + "}\n",
    ),
]

CSV_CASES = [
    classify("csv-semicolon", "g.csv", lambda: v.goals_csv(";"), outcome="ok"),
    classify("csv-comma", "g.csv", lambda: v.goals_csv(","), outcome="ok"),
    classify("csv-tab", "g.csv", lambda: v.goals_csv("\t"), outcome="ok"),
    classify("csv-mixed-line-endings", "g.csv", "Mål-id;Mål\r\na;x\nb;y\rc;z\n", outcome="either"),
    classify("csv-empty", "g.csv", b""),
    classify("csv-header-only", "g.csv", "Mål-id;Mål\n", outcome="either"),
    classify("csv-only-delimiters", "g.csv", ";;;\n;;;\n"),
    classify("csv-unknown-headers", "g.csv", "a;b;c\n1;2;3\n"),
    classify("csv-unclosed-quote", "g.csv", 'Mål-id;Mål\na;"x\nb;y\n', outcome="either"),
    classify("csv-nul-byte", "g.csv", b"M\xc3\xa5l-id;M\xc3\xa5l\na;x\x00y\n"),
    classify("csv-utf16-bom", "g.csv", lambda: v.goals_csv().encode("utf-16"), outcome="either"),
    classify("csv-utf32-bom", "g.csv", lambda: v.goals_csv().encode("utf-32"), outcome="either"),
    classify(
        "csv-utf8-bom", "g.csv", lambda: b"\xef\xbb\xbf" + v.goals_csv().encode(), outcome="ok"
    ),
    classify("csv-cp1252", "g.csv", lambda: v.goals_csv().encode("cp1252"), outcome="ok"),
    classify(
        "csv-mixed-encoding",
        "g.csv",
        lambda: v.goals_csv().encode() + "c;Ø\n".encode("cp1252"),
        outcome="either",
    ),
    classify("csv-ragged-rows", "g.csv", "Mål-id;Mål\na;x;extra;more\nb\n", outcome="either"),
    classify("csv-duplicate-headers", "g.csv", "Mål-id;Mål;Mål\na;x;y\n", outcome="either"),
    classify("csv-bad-fact-value", "g.csv", "Mål-id;Mål;Måltype\na;x;tull\n", where="row"),
    classify("csv-duplicate-id", "g.csv", "Mål-id;Mål\na;x\na;y\n", where="row"),
    classify("csv-formula-cells", "g.csv", "Mål-id;Mål\na;=cmd|'/C calc'!A0\n", outcome="ok"),
    classify(
        "csv-cell-of-a-megabyte",
        "g.csv",
        lambda: "Mål-id;Mål\na;" + "x" * 1_000_000 + "\n",
        where="row",
    ),
    classify(
        "csv-cell-of-100-000-characters",
        "g.csv",
        lambda: "Mål-id;Mål\na;" + "x" * 100_000 + "\n",
        where="row",
    ),
    classify(
        "csv-twenty-thousand-columns",
        "g.csv",
        lambda: "Mål-id;Mål;" + ";".join(f"c{i}" for i in range(20_000)) + "\na;x\n",
    ),
]


def _xlsx_with_cells() -> bytes:
    import datetime

    book = v.workbook(
        [
            v.CSV_HEADER,
            ["a", "=1/0", "skole", "kvalitet", "delvis", "innenfor"],
            [1.0, datetime.datetime(2024, 1, 2), True, None, None, None],
            ["c", "#DIV/0!", "skole", None, None, None],
        ]
    )
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("C3:F3")
    return v.xlsx_bytes(book)


def _xlsx_sheet_replaced(xml: bytes) -> Callable[[], bytes]:
    return lambda: v.rezip(v.xlsx_bytes(), {"xl/worksheets/sheet1.xml": xml})


_SHEET = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>M\xc3\xa5l-id</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>M\xc3\xa5l</t></is></c></row>'
    b'<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c>'
    b'<c r="B2" t="inlineStr"><is><t>x</t></is></c></row>'
)

XLSX_CASES = [
    classify("xlsx-valid", "g.xlsx", v.xlsx_bytes, outcome="ok"),
    classify("xlsx-formulas-dates-merged-errors", "g.xlsx", _xlsx_with_cells, outcome="either"),
    classify("xlsx-truncated-zip", "g.xlsx", lambda: v.xlsx_bytes()[:2000]),
    classify("xlsx-random-bytes", "g.xlsx", bytes(range(256)) * 8),
    classify(
        "xlsx-zip-of-nothing",
        "g.xlsx",
        lambda: v.rezip(
            v.xlsx_bytes(),
            {name: None for name in ("[Content_Types].xml", "xl/workbook.xml", "_rels/.rels")},
        ),
    ),
    classify(
        "xlsx-no-content-types",
        "g.xlsx",
        lambda: v.rezip(v.xlsx_bytes(), {"[Content_Types].xml": None}),
    ),
    classify(
        "xlsx-wrong-content-types",
        "g.xlsx",
        lambda: v.rezip(v.xlsx_bytes(), {"[Content_Types].xml": b"<Types>not really</Types>"}),
    ),
    classify(
        "xlsx-missing-sheet-part",
        "g.xlsx",
        lambda: v.rezip(v.xlsx_bytes(), {"xl/worksheets/sheet1.xml": None}),
    ),
    classify("xlsx-sheet-not-xml", "g.xlsx", _xlsx_sheet_replaced(b"\x00\x01 not xml")),
    classify(
        "xlsx-sheet-entity-expansion",
        "g.xlsx",
        _xlsx_sheet_replaced(
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><worksheet>&c;</worksheet>'
        ),
        outcome="either",
    ),
    classify(
        "xlsx-huge-dimension",
        "g.xlsx",
        _xlsx_sheet_replaced(_SHEET + b"</sheetData></worksheet>"),
        outcome="either",
    ),
    classify(
        "xlsx-cell-at-the-last-column",
        "g.xlsx",
        _xlsx_sheet_replaced(
            _SHEET
            + b'<row r="3"><c r="XFD3" t="inlineStr"><is><t>far</t></is></c></row>'
            + b"</sheetData></worksheet>"
        ),
        outcome="either",
        subprocess=True,
    ),
    classify(
        "xlsx-sheet-said-to-unpack-to-4-gb",
        "g.xlsx",
        lambda: v.declared_size(v.xlsx_bytes(), "xl/worksheets/sheet1.xml", 0xFFFF_FFF0),
        subprocess=True,
    ),
    classify(
        "xlsx-sheet-said-to-unpack-to-less-than-it-does",
        "g.xlsx",
        lambda: v.declared_size(v.xlsx_bytes(), "xl/worksheets/sheet1.xml", 10),
        outcome="either",
    ),
    classify("xlsx-empty-workbook", "g.xlsx", lambda: v.xlsx_bytes(v.workbook([])), where="sheet"),
    classify(
        "xlsx-header-only",
        "g.xlsx",
        lambda: v.xlsx_bytes(v.workbook([v.CSV_HEADER])),
        outcome="either",
    ),
    Case("xlsx-unknown-sheet", ["classify", "g.xlsx", "--sheet", "Nope"], {"g.xlsx": v.xlsx_bytes}),
    Case(
        "xlsx-sheet-option-without-xlsx",
        ["classify", "g.yaml", "--sheet", "Mål"],
        {"g.yaml": v.GOALS_YAML},
        file="",
    ),
    classify("xls-suffix", "g.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512),
    classify("ods-suffix", "g.ods", lambda: v.xlsx_bytes()),
    classify("xlsx-as-yaml-suffix", "g.yaml", v.xlsx_bytes),
    Case("xlsx-on-stdin", ["classify", "-"], stdin=v.xlsx_bytes, outcome="ok"),
    Case(
        "xlsx-forced-format-on-text",
        ["classify", "g.yaml", "--input-format", "xlsx"],
        {"g.yaml": v.GOALS_YAML},
    ),
    Case(
        "yaml-forced-format-on-xlsx",
        ["classify", "g.xlsx", "--input-format", "yaml"],
        {"g.xlsx": v.xlsx_bytes},
    ),
    Case(
        "csv-forced-format-on-jsonl",
        ["classify", "g.jsonl", "--input-format", "csv"],
        {"g.jsonl": v.goals_jsonl},
        outcome="either",
    ),
]


def _rules_with(files: dict[str, Data]) -> dict[str, Data]:
    """The shipped rule set as files under ``r/``, with ``files`` replaced or added."""
    from ansvarsregler.rules.loader import default_rules_dir

    root = default_rules_dir()
    shipped: dict[str, Data] = {
        f"r/{path.relative_to(root)}": path.read_bytes() for path in sorted(root.rglob("*.yaml"))
    }
    return {**shipped, **{f"r/{name}": content for name, content in files.items()}}


def _rules_case(name: str, changed: dict[str, Data], **more: object) -> Case:
    blamed = f"r/{next(iter(changed))}" if changed else "r"
    more.setdefault("file", blamed)
    return Case(name, ["rules", "--rules", "r"], _rules_with(changed), **more)  # type: ignore[arg-type]


_RULE = """\
rules:
  - id: {id}
    principle: 1
    priority: {priority}
    when: {{goal_type: societal}}
    decide: {{owner: kommunestyret, adopted_by: kommunestyret}}
    justification: {{nb: x, en: x}}
"""

RULES_CASES = [
    Case("rules-folder-missing", ["rules", "--rules", "nowhere"], file="nowhere"),
    Case("rules-folder-empty", ["rules", "--rules", "r"], {"r/x.txt": "x"}, file="r"),
    _rules_case("rules-manifest-broken", {"ruleset.yaml": "name: [unclosed\n"}, where="line"),
    _rules_case("rules-manifest-empty", {"ruleset.yaml": ""}),
    _rules_case("rules-manifest-binary", {"ruleset.yaml": bytes(range(256))}),
    _rules_case("rules-file-a-list", {"20-kommunestyret.yaml": "- 1\n- 2\n"}),
    _rules_case("rules-python-tag", {"20-kommunestyret.yaml": "rules: !!python/name:os.system\n"}),
    _rules_case(
        "rules-priority-is-text",
        {"99-ny.yaml": _RULE.format(id="ny", priority='"high"')},
        where="rule",
    ),
    _rules_case(
        "rules-priority-huge",
        {"99-ny.yaml": _RULE.format(id="ny", priority="1" + "0" * 400)},
        outcome="either",
    ),
    _rules_case(
        "rules-priority-of-5000-digits",
        {"99-ny.yaml": _RULE.format(id="ny", priority="9" * 5000)},
        where="line",
    ),
    _rules_case(
        "rules-value-read-as-an-impossible-date",
        {"99-ny.yaml": _RULE.format(id="ny", priority=5).replace("societal", "2024-13-45")},
        where="line",
    ),
    _rules_case(
        "rules-valid-extra-rule-with-format-codes-in-its-text",
        {
            "99-ny.yaml": _RULE.format(id="ny", priority=5).replace(
                "x, en: x", '"{x} %s {{", en: "{0}"'
            )
        },
        outcome="ok",
    ),
    _rules_case(
        "rules-priority-infinite",
        {"99-ny.yaml": _RULE.format(id="ny", priority=".inf")},
        outcome="either",
    ),
    _rules_case(
        "rules-unknown-fact",
        {"99-ny.yaml": _RULE.format(id="ny", priority=5).replace("goal_type", "mood")},
    ),
    _rules_case(
        "rules-duplicate-id",
        {"99-ny.yaml": _RULE.format(id="ny", priority=5) + _RULE.format(id="ny", priority=6)[7:]},
        where="rule",
        outcome="error",
    ),
    _rules_case(
        "rules-alias-bomb",
        {"99-ny.yaml": lambda: "anchors:\n" + _alias_bomb("  ") + "rules: *a8\n"},
        subprocess=True,
        timeout=BOMB_TIMEOUT_SECONDS,
    ),
    _rules_case(
        "rules-deep-nesting",
        {"99-ny.yaml": lambda: "rules: " + _deep("[", "]", 5000) + "\n"},
        where="line",
    ),
    _rules_case("rules-indicator-words-binary", {"indikatorer/ord.yaml": b"\xff\xfe\x00\x01"}),
    _rules_case("rules-tests-broken", {"tests/prinsipper.yaml": "tests: {\n"}, where="line"),
    Case(
        "check-with-broken-rules",
        ["check", "--rules", "r"],
        _rules_with({"ruleset.yaml": "name: [\n"}),
        file="r/ruleset.yaml",
    ),
    Case(
        "diff-with-a-broken-side",
        ["diff", "r", "nowhere"],
        _rules_with({}),
        file="nowhere",
    ),
]


def _profile_case(name: str, content: Data, **more: object) -> Case:
    return Case(
        name,
        ["classify", "g.yaml", "--profile", "p.yaml"],
        {"p.yaml": content, "g.yaml": v.GOALS_YAML},
        **more,  # type: ignore[arg-type]
    )


PROFILE_CASES = [
    _profile_case("profile-valid", v.profile_text, outcome="ok"),
    _profile_case("profile-empty", b""),
    _profile_case("profile-a-list", "- 1\n"),
    _profile_case("profile-broken-yaml", "name: [\n", where="line"),
    _profile_case("profile-binary", bytes(range(256))),
    _profile_case("profile-utf16", lambda: v.profile_text().encode("utf-16")),
    _profile_case(
        "profile-bad-level",
        lambda: v.profile_text().replace("hiring: {level: full}", "hiring: {level: most}"),
        where="line",
    ),
    _profile_case("profile-unknown-key", lambda: v.profile_text() + "mayor: Ola\n"),
    _profile_case(
        "profile-duplicate-key", lambda: v.profile_text() + "name: Verran igjen\n", where="line"
    ),
    _profile_case(
        "profile-alias-bomb",
        lambda: (
            "anchors:\n" + _alias_bomb("  ") + v.profile_text().replace("name: Verran", "name: *a8")
        ),
        subprocess=True,
        timeout=BOMB_TIMEOUT_SECONDS,
    ),
    _profile_case(
        "profile-deep-nesting",
        lambda: v.profile_text() + "x: " + _deep("[", "]", 5000) + "\n",
        where="line",
    ),
    Case(
        "profile-unknown-name",
        ["classify", "g.yaml", "--profile", "atlantis"],
        {"g.yaml": v.GOALS_YAML},
        file="",
    ),
    Case(
        "profile-path-traversal-name",
        ["classify", "g.yaml", "--profile", "../../../../etc/passwd"],
        {"g.yaml": v.GOALS_YAML},
        file="",
    ),
    Case(
        "profile-is-a-folder",
        ["classify", "g.yaml", "--profile", "d"],
        {"g.yaml": v.GOALS_YAML, "d/x": "x"},
        file="d",
    ),
    Case(
        "readiness-broken-profile",
        ["readiness", "p.yaml"],
        {"p.yaml": "name: [\n"},
        where="line",
    ),
]

OTHER_CASES = [
    Case(
        "explain-in-a-broken-file",
        ["explain", "a", "g.yaml"],
        {"g.yaml": "goals: [\n"},
        where="line",
    ),
    Case("explain-unknown-goal", ["explain", "nope", "g.yaml"], {"g.yaml": v.GOALS_YAML}, file=""),
    Case("check-broken-goals", ["check", "--goals", "g.json"], {"g.json": "[{"}, where="line"),
    Case(
        "output-beside-a-bad-input",
        ["classify", "g.jsonl", "-o", "out.json"],
        {"g.jsonl": lambda: v.goals_jsonl() + "{oops\n"},
        output="out.json",
        where="line",
    ),
    Case(
        "output-xlsx-from-bad-csv",
        ["classify", "g.csv", "-o", "out.xlsx"],
        {"g.csv": "Mål-id;Mål;Måltype\na;x;tull\n"},
        output="out.xlsx",
        where="row",
    ),
    Case(
        "output-xlsx-wider-than-excel-allows",
        ["classify", "g.csv", "-o", "out.xlsx"],
        {"g.csv": lambda: "Mål-id;Mål;" + ";".join(f"c{i}" for i in range(16_380)) + "\na;x\n"},
        output="out.xlsx",
    ),
    Case(
        "output-good-input",
        ["classify", "g.yaml", "-o", "out.csv"],
        {"g.yaml": v.GOALS_YAML},
        output="out.csv",
        outcome="ok",
    ),
    Case(
        "limit-setting-not-a-number",
        ["classify", "g.csv"],
        {"g.csv": v.goals_csv},
        file="",
        env={"ANSVARSREGLER_LIMIT_ROWS": "many"},
    ),
    Case(
        "limit-setting-zero",
        ["classify", "g.yaml"],
        {"g.yaml": v.GOALS_YAML},
        file="",
        env={"ANSVARSREGLER_LIMIT_GOALS": "0"},
    ),
]


def _limit(name: str, value: int, case: Case) -> Case:
    """``case`` run with the limit ``name`` set to ``value``: it must be a located error."""
    case.name = f"limit-{name}-{case.name}"
    case.env = {f"ANSVARSREGLER_LIMIT_{name.upper()}": str(value)}
    return case


_ALIASES = "goals:\n  - &g {id: a, title: x}\n  - {<<: *g, id: b}\n  - {<<: *g, id: c}\n"

LIMIT_CASES = [
    *(
        _limit("file_size", 100, classify(kind, name, content))
        for kind, name, content in [
            ("yaml", "g.yaml", v.GOALS_YAML),
            ("json", "g.json", v.goals_json),
            ("jsonl", "g.jsonl", v.goals_jsonl),
            ("csv", "g.csv", v.goals_csv),
            ("xlsx", "g.xlsx", v.xlsx_bytes),
        ]
    ),
    _limit("file_size", 100, Case("stdin", ["classify", "-"], stdin=v.goals_jsonl, file="-")),
    _limit("file_size", 100, _profile_case("profile", v.profile_text)),
    _limit("file_size", 1000, _rules_case("rules", {}, file="r")),
    _limit("xlsx_uncompressed", 2000, classify("xlsx", "g.xlsx", v.xlsx_bytes)),
    _limit("rows", 1, classify("csv", "g.csv", v.goals_csv, where="row")),
    _limit("rows", 1, classify("xlsx", "g.xlsx", v.xlsx_bytes, where="row")),
    _limit("columns", 2, classify("csv", "g.csv", v.goals_csv, where="row")),
    _limit("columns", 2, classify("xlsx", "g.xlsx", v.xlsx_bytes, where="row")),
    _limit("cell_length", 5, classify("yaml", "g.yaml", v.GOALS_YAML, where="field")),
    _limit("cell_length", 5, classify("jsonl", "g.jsonl", v.goals_jsonl, where="field")),
    _limit("cell_length", 5, classify("csv", "g.csv", v.goals_csv, where="row")),
    _limit("cell_length", 5, classify("xlsx", "g.xlsx", v.xlsx_bytes, where="row")),
    _limit("nesting_depth", 2, classify("yaml", "g.yaml", v.GOALS_YAML, where="line")),
    _limit("nesting_depth", 2, classify("json", "g.json", v.goals_json, where="line")),
    _limit("nesting_depth", 1, _profile_case("profile", v.profile_text, where="line")),
    _limit("yaml_aliases", 1, classify("yaml", "g.yaml", _ALIASES, where="line")),
    _limit("goals", 1, classify("yaml", "g.yaml", v.GOALS_YAML, where="goal")),
    _limit("goals", 1, classify("jsonl", "g.jsonl", v.goals_jsonl, where="line")),
    _limit("rules", 1, _rules_case("rules", {}, file="r")),
]

CASES: list[Case] = [
    *YAML_CASES,
    *JSON_CASES,
    *JSONL_CASES,
    *CSV_CASES,
    *XLSX_CASES,
    *RULES_CASES,
    *PROFILE_CASES,
    *OTHER_CASES,
    *LIMIT_CASES,
]
