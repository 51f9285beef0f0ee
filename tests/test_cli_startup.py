"""``ansvar`` starts light: the command list comes from names kept in one place, and a
command's module is imported only when that command runs."""

from __future__ import annotations

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


def test_help_and_version_load_no_rules_no_pydantic_no_web_server():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from ansvarsregler.cli import main\n"
        "assert CliRunner().invoke(main, ['--help']).exit_code == 0\n"
        "heavy = {'pydantic', 'ansvarsregler.classifier', 'fastapi', 'matplotlib', 'docx'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_an_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(main, ["klassifiser"])
    assert result.exit_code == 2 and "No such command 'klassifiser'" in result.output


def test_classify_to_json_loads_only_what_classifying_needs():
    """No terminal toolkit (rich draws only tables and progress bars), no other command's
    analysis, no web server or document writer."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from ansvarsregler.cli import main\n"
        "result = CliRunner().invoke(main, ['classify', '--format', 'json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = {'rich', 'ansvarsregler.analysis.check', 'ansvarsregler.analysis.diff',\n"
        "         'ansvarsregler.analysis.readiness', 'ansvarsregler.explanation',\n"
        "         'fastapi', 'matplotlib', 'docx', 'openpyxl'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
