"""``ansvar`` starts light: the command list comes from names kept in one place, and a
command's module is imported only when that command runs."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from ansvarsregler.cli import main
from ansvarsregler.cli.main import COMMANDS


def first_sentence(text: str) -> str:
    paragraph = " ".join(text.split("\n\n")[0].split())
    found = re.search(r"\.\s", paragraph)
    return paragraph[: found.start() + 1] if found else paragraph


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_command_list_says_what_each_command_says_of_itself(name):
    command = main.get_command(click.Context(main), name)
    assert command is not None and command.name == name
    assert COMMANDS[name][2] == first_sentence(command.help or "")


def loaded_of(args: list[str], modules: set[str]) -> list[str]:
    """Which of ``modules`` a fresh process has imported after ``ansvar ARGS`` succeeded."""
    code = (
        "import json, sys\n"
        "from click.testing import CliRunner\n"
        "from ansvarsregler.cli import main\n"
        f"result = CliRunner().invoke(main, {args!r})\n"
        "assert result.exit_code == 0, result.output\n"
        f"print(json.dumps(sorted(set({sorted(modules)!r}) & set(sys.modules))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_help_and_version_load_no_rules_no_pydantic_no_web_server():
    heavy = {"pydantic", "ansvarsregler.classifier", "fastapi", "matplotlib", "docx"}
    assert loaded_of(["--help"], heavy) == []


def test_an_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(main, ["klassifiser"])
    assert result.exit_code == 2 and "No such command 'klassifiser'" in result.output


def test_classify_to_json_loads_only_what_classifying_needs():
    """No terminal toolkit (rich draws only tables and progress bars), no other command's
    analysis, no web server or document writer."""
    heavy = {
        "rich",
        "ansvarsregler.analysis.check",
        "ansvarsregler.analysis.diff",
        "ansvarsregler.analysis.readiness",
        "ansvarsregler.explanation",
        "fastapi",
        "matplotlib",
        "docx",
        "openpyxl",
    }
    assert loaded_of(["classify", "--format", "json"], heavy) == []
