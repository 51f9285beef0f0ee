"""The documentation's examples are real output: every one is run and compared.

Examples in ``README.md`` and ``docs/*.md``:

- a fenced block marked ``console``: lines starting with ``$ `` are shell commands, the
  lines after each command its expected output (standard output and standard error);
- a fenced block marked ``python`` with ``>>>`` prompts: doctest style, each prompt's
  expected output below it;
- a fenced block whose info string names a file (```` ```yaml file=mal.yaml ````) is not an
  example but an input: it is written into the folder the page's examples run in.

Each example runs in a fresh temporary folder holding a copy of the shipped ``rules/`` and
``profiles/``, the labelled sets ``tests/intake/`` and ``korpus/``, and the page's input files,
with the venv's ``ansvar`` first on ``PATH``, ``COLUMNS=100`` and ``NO_COLOR=1``. After a
deliberate change, regenerate every expected output in place with::

    UPDATE_DOC_EXAMPLES=1 pytest tests/test_docs.py

and read the diff before committing it.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import shutil
import subprocess
import sys
import traceback
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from doctest import DocTestParser
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ansvarsregler import default_ruleset
from ansvarsregler.engine import evaluator

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Where the shipped rules are: the checkout's rules/ (editable install) or a copy in the
#: installed package. Output naming them reads as ``rules`` either way.
SHIPPED_RULES = Path(default_ruleset().directory)
#: Examples show the reference evaluator; where it cannot install (Python 3.13 and later),
#: the examples that name it are skipped and every other one runs on the Python evaluator.
DURABLE_RULES = evaluator().name == "durable-rules"
UPDATE = os.environ.get("UPDATE_DOC_EXAMPLES") == "1"
README_LIMIT = 10_240
#: The day the examples were run: output that names the day of the run (``ansvar profile
#: init`` offers it as the answers' source) shows this one, as output names ``rules``.
EXAMPLES_RUN_ON = "2026-12-02"

FENCE = re.compile(r"^```(\S*)(.*)$")
FILE_INFO = re.compile(r"\bfile=(\S+)")


@dataclass(frozen=True)
class Block:
    """A fenced block: its info string and the lines between the fences."""

    page: Path
    index: int  # among the page's blocks of the same kind
    kind: str  # console | python | file
    line: int  # of the opening fence, 1-based
    body: list[str]
    file_name: str = ""


def blocks(page: Path) -> list[Block]:
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    counts: dict[str, int] = {}
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end] != "```":
            end += 1
        language, rest = opening.group(1), opening.group(2)
        body = lines[i + 1 : end]
        named = FILE_INFO.search(rest)
        kind = ""
        if named:
            kind = "file"
        elif language == "console":
            kind = "console"
        elif language == "python" and any(line.startswith(">>> ") for line in body):
            kind = "python"
        if kind:
            index = counts.get(kind, 0)
            counts[kind] = index + 1
            found.append(Block(page, index, kind, i + 1, body, named.group(1) if named else ""))
        i = end + 1
    return found


def examples() -> list[Block]:
    return [b for page in PAGES for b in blocks(page) if b.kind in ("console", "python")]


def example_id(block: Block) -> str:
    return f"{block.page.relative_to(ROOT)}:{block.line}"


def workspace(block: Block, tmp_path: Path) -> Path:
    """A fresh folder with the shipped rules and profiles and the page's input files."""
    for folder in ("rules", "profiles", "tests/intake", "korpus"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for item in blocks(block.page):
        if item.kind == "file":
            target = tmp_path / item.file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(item.body) + "\n", encoding="utf-8")
    return tmp_path


# -- console examples ------------------------------------------------------------------


def split_console(body: list[str]) -> list[tuple[str, list[str]]]:
    """The commands of a console block, each with its expected output lines."""
    steps: list[tuple[str, list[str]]] = []
    for line in body:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
        else:
            raise AssertionError(f"output before the first command: {line!r}")
    return steps


def run_command(command: str, cwd: Path) -> list[str]:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "100",
        "LINES": "50",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=120,
    )
    text = done.stdout.decode("utf-8").replace(str(SHIPPED_RULES), "rules")
    text = text.replace(str(cwd) + os.sep, "").replace(str(cwd), ".")
    text = text.replace(date.today().isoformat(), EXAMPLES_RUN_ON)
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


def console_output(block: Block, cwd: Path) -> list[str]:
    body: list[str] = []
    for command, _ in split_console(block.body):
        body.append(f"$ {command}")
        body.extend(run_command(command, cwd))
    return body


# -- python examples -------------------------------------------------------------------


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def python_output(block: Block, cwd: Path) -> list[str]:
    """Run a doctest-style block and write it again with the output each prompt gives."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    body: list[str] = []
    examples_ = DocTestParser().get_examples("\n".join(block.body) + "\n")
    with working_directory(cwd):
        for example in examples_:
            source = example.source.rstrip("\n").split("\n")
            body.append(f">>> {source[0]}")
            body.extend(f"... {line}" if line else "..." for line in source[1:])
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                try:
                    exec(compile(example.source, "<docs>", "single"), namespace)
                except Exception as error:
                    only = traceback.format_exception_only(type(error), error)
                    out.write("Traceback (most recent call last):\n  ...\n" + "".join(only))
            body.extend(line.rstrip() for line in out.getvalue().rstrip("\n").splitlines())
    return body


# -- comparing and updating ------------------------------------------------------------


def rewrite(block: Block, body: list[str]) -> None:
    """Replace the block's body in its page, found again by kind and index."""
    current = next(b for b in blocks(block.page) if b.kind == block.kind and b.index == block.index)
    lines = block.page.read_text(encoding="utf-8").splitlines()
    start = current.line  # the line after the opening fence, 0-based
    lines[start : start + len(current.body)] = body
    block.page.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("block", examples(), ids=example_id)
def test_example_output_is_real(block: Block, tmp_path: Path) -> None:
    if not DURABLE_RULES and any("durable-rules" in line for line in block.body):
        pytest.skip("the example shows durable-rules deciding, and it is not installed here")
    cwd = workspace(block, tmp_path)
    actual = console_output(block, cwd) if block.kind == "console" else python_output(block, cwd)
    expected = [line.rstrip() for line in block.body]
    if actual == expected:
        return
    if UPDATE:
        rewrite(block, actual)
        return
    diff = "\n".join(
        difflib.unified_diff(expected, actual, "in the docs", "actual output", lineterm="")
    )
    pytest.fail(
        f"{example_id(block)}: the example's output drifted "
        f"(UPDATE_DOC_EXAMPLES=1 pytest tests/test_docs.py rewrites it):\n{diff}",
        pytrace=False,
    )


# -- the pages themselves --------------------------------------------------------------


def test_readme_is_at_most_10_kb() -> None:
    size = len((ROOT / "README.md").read_bytes())
    assert size <= README_LIMIT, f"README.md is {size} bytes; move detail into docs/"


LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = unicodedata.normalize("NFC", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    found: set[str] = set()
    in_fence = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and line.startswith("#"):
            found.add(slug(line.lstrip("#")))
    return found


def links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return LINK.findall(text)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_point_to_files_and_anchors_that_exist(page: Path) -> None:
    broken = []
    for target in links(page):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists():
            broken.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target}: no heading with anchor #{anchor}")
    assert not broken, f"{page.relative_to(ROOT)}: " + "; ".join(broken)


def test_every_example_block_is_checked() -> None:
    """A console block without a ``$`` command, or a python block without ``>>>``, would
    silently go unchecked."""
    for page in PAGES:
        for block in blocks(page):
            if block.kind == "console":
                assert split_console(block.body), f"{example_id(block)}: no '$ ' command"
        text = page.read_text(encoding="utf-8")
        plain = [m.start() for m in re.finditer(r"^```python[^\n]*\n(?!>>> )", text, re.M)]
        assert not plain, f"{page.relative_to(ROOT)}: a python block without '>>> ' prompts"


def test_the_architecture_page_names_every_module() -> None:
    """A module added without its line in the table of jobs fails here."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "ansvarsregler"
    missing = []
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package).as_posix()
        if path.name == "__init__.py" and module != "__init__.py":
            continue  # a folder's __init__ holds its docstring only
        named = f"`{module}`" in page or (
            module.startswith("presenters/") and f"`{path.name}`" in page
        )
        if not named:
            missing.append(module)
    assert missing == []


def test_installing_without_a_compiler_names_every_other_dependency() -> None:
    """The architecture page's install line without durable-rules lists the package's own
    dependencies, so it cannot fall behind pyproject.toml."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    line = next(line for line in page.splitlines() if line.startswith("pip install --no-deps"))

    def normal(text: str) -> tuple[str, str]:
        requirement = Requirement(text)
        return canonicalize_name(requirement.name), str(requirement.specifier)

    named = {normal(text) for text in re.findall(r"'([^']+)'", line)}
    needed = {
        normal(text)
        for text in metadata.requires("ansvarsregler") or []
        if "extra ==" not in text and not text.startswith("durable")
    }
    assert named == needed
