"""The ``ansvar`` command group: it knows each command's name, module and first sentence,
and imports a command's module only when that command runs.

So ``ansvar --help`` and ``ansvar --version`` start without loading pydantic, the rules
or the rule engine; ``ansvar classify`` loads what classifying needs, and no web server.
"""

from __future__ import annotations

import importlib
import io
import sys

import click

#: Each command: the module it lives in, its name there, and the first sentence of its help
#: (what the command list shows; a test keeps it equal to the command's own).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "arshjul": (
        "ansvarsregler.cli.documents",
        "arshjul_command",
        (
            "The annual wheel: who does what when in the year, political and administrative "
            "apart (slide 12)."
        ),
    ),
    "check": (
        "ansvarsregler.cli.commands",
        "check_command",
        ("Prove the rule set over every combination of facts."),
    ),
    "classify": (
        "ansvarsregler.cli.commands",
        "classify",
        (
            "Classify goals from PATHS: YAML, JSON, JSON Lines, CSV or XLSX files, folders, "
            "or - for stdin."
        ),
    ),
    "diff": (
        "ansvarsregler.cli.commands",
        "diff_command",
        ("Show what changing the rules from OLD to NEW (rule set folders) does."),
    ),
    "draft": (
        "ansvarsregler.cli.commands",
        "draft_command",
        ("Classify a draft goal by answering questions, one at a time."),
    ),
    "evaluate": (
        "ansvarsregler.cli.commands",
        "evaluate_command",
        ("Measure the rules on labelled goals in PATHS (goal files, folders, or - for stdin)."),
    ),
    "explain": (
        "ansvarsregler.cli.commands",
        "explain_command",
        ("Explain the reasoning for goal GOAL_ID, found in PATHS (default: the built-in catalog)."),
    ),
    "lederavtaler": (
        "ansvarsregler.cli.documents",
        "lederavtaler_command",
        (
            "Leader agreements for the goals in PATHS (none: the built-in catalog): one per "
            "unit leader (by role and unit) with the goals that leader owns, and one between "
            "the council and the chief executive; each with the authority the profile "
            "delegates, what the leader lacks, the follow-up dates from the annual wheel, and"
            " a place to sign (slide 13)."
        ),
    ),
    "profile": (
        "ansvarsregler.cli.commands",
        "profile_group",
        ("Municipality profiles: make one from a planner's answers."),
    ),
    "readiness": (
        "ansvarsregler.cli.commands",
        "readiness_command",
        ("Is the municipality in PROFILE ready for result responsibility? (slides 13 and 14)"),
    ),
    "report": (
        "ansvarsregler.cli.documents",
        "report_command",
        (
            "The council document for the goals in PATHS (none: the built-in catalog): goals "
            "per service area and owner, the responsibility matrix and its chart, the "
            "unresolved goals with their questions, the assumptions made, and the rule set "
            "that decided."
        ),
    ),
    "resultater": (
        "ansvarsregler.cli.documents",
        "resultater_command",
        (
            "The results of the goals in PATHS (none: the built-in catalog) against their "
            "targets: per owner reached, not reached, not measured and the trend, and for "
            "each unit leader a result dialogue agenda (slide 12)."
        ),
    ),
    "rules": (
        "ansvarsregler.cli.commands",
        "rules_command",
        ("List the rule set: each rule's condition, outcome and justification."),
    ),
    "schema": (
        "ansvarsregler.cli.commands",
        "schema_command",
        ("Print the JSON Schema of the output (classification) or of one input goal."),
    ),
    "serve": (
        "ansvarsregler.cli.commands",
        "serve_command",
        (
            "Serve the classifier over HTTP: a JSON API (documented at /docs and "
            "/openapi.json) with the same contract as classify --format json."
        ),
    ),
}


class LazyGroup(click.Group):
    """A group whose commands are imported by name when they are called."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = COMMANDS.get(cmd_name)
        if found is None:
            return None
        module, attribute, _ = found
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the first sentences kept here, not from the commands."""
        limit = max(formatter.width - 6 - max(map(len, COMMANDS)), 20)
        rows = [(name, _shortened(COMMANDS[name][2], limit)) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _shortened(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word with «...» where it is longer."""
    if len(text) <= limit:
        return text
    return text[: limit - 3].rsplit(" ", 1)[0].rstrip(",:;") + "..."


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """click's version line, then the evaluator that would run the rules (chosen now)."""
    if not value or ctx.resilient_parsing:
        return
    from importlib import metadata

    from ansvarsregler.engine.selection import evaluator
    from ansvarsregler.errors import AnsvarError
    from ansvarsregler.i18n import message

    click.echo(f"{ctx.find_root().info_name}, version {metadata.version('ansvarsregler')}")
    try:
        click.echo(f"evaluator: {evaluator()}")
    except AnsvarError as error:
        click.echo(f"{message('error.prefix', 'en')}: {error.message('en')}", err=True)
        ctx.exit(error.exit_code)
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and the rule evaluator, and exit.",
)
def main() -> None:
    """Decide who owns a municipal goal and carries the result responsibility, and why.

    Kommunestyret, rådmannen/kommunedirektøren or virksomhetsleder: the
    shipped rules implement the four main principles of management by
    objectives. Exit codes: 0 ok; 1 unresolved goals under --strict, problems
    found by check, changes found by diff, or more wrong owners than evaluate's
    --max-wrong; 2 bad input or usage.
    """
    _utf8_streams()


def _utf8_streams() -> None:
    """Standard output in UTF-8 whatever the locale says, and nothing unprintable fatal.

    JSON, CSV and YAML sent to a file or a pipe are UTF-8 for every reader
    (a Windows console redirected to a file would otherwise write cp1252, and
    an ASCII locale would end in a traceback at the first «å»). A terminal
    that cannot show a character shows a replacement instead; stderr escapes it.
    """
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if not isinstance(stream, io.TextIOWrapper) or stream.encoding.lower() in ("utf-8", "utf8"):
            continue
        if stream is sys.stdout and not stream.isatty():
            stream.reconfigure(encoding="utf-8")
        else:
            stream.reconfigure(errors=errors)
