"""The ``ansvar`` commands: a thin click layer over the library (the group that holds them,
and loads each only when it runs, is :mod:`ansvarsregler.cli.main`).

Each command parses options, calls the same functions a budget tool would
call, and hands the results to a presenter. Problems with the input become
one clear message on standard error and a documented exit code:
0 ok, 1 unresolved goals under ``--strict`` (``check``: problems found;
``diff``: outcomes change; ``evaluate``: more wrong owners than ``--max-wrong``),
2 bad input or usage.

A command that only some runs need (check, diff, explain, serve...) imports its
own modules inside its function: ``ansvar classify`` starts without them.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO, TypeVar, cast

import click

from ansvarsregler.classifier import Classifier, goal_warnings
from ansvarsregler.cli.collector import collector_paused
from ansvarsregler.cli.progress import progress_wanted, tracked
from ansvarsregler.cli.second_process import second_process_pays, worked_in_two_processes
from ansvarsregler.errors import EXIT_UNRESOLVED, AnsvarError, InvalidGoalError, Location
from ansvarsregler.files.output import exit_on_signals, output_stream, refuse_overwriting_inputs
from ansvarsregler.goals.files import INPUT_FORMATS, GoalFiles, InputFormat
from ansvarsregler.goals.model import Goal
from ansvarsregler.i18n import message
from ansvarsregler.json_schema import SCHEMAS, json_schema
from ansvarsregler.municipality.answers import AskedPerArea, load_answers
from ansvarsregler.municipality.profiles import load_profile, profile_file
from ansvarsregler.presenters import FORMAT_BY_SUFFIX, OUTPUT_FORMATS, write_results
from ansvarsregler.presenters.spreadsheet import (
    SPREADSHEET_FORMATS,
    SpreadsheetFormat,
    write_spreadsheet,
)
from ansvarsregler.presenters.structured import (
    result_json,
    write_encoded_json,
    write_encoded_jsonl,
)
from ansvarsregler.result import Classification
from ansvarsregler.rules.loader import Ruleset, default_ruleset, load_ruleset, shipped_data_dir
from ansvarsregler.text import visible
from ansvarsregler.vocabulary import LANGUAGES, Language

F = TypeVar("F", bound=Callable[..., Any])
_MAX_WARNINGS_SHOWN = 20
#: Output formats a planner reads: a run writing one says how to answer a question once.
_FOR_PEOPLE = frozenset({"table", "markdown", "csv", "xlsx"})
#: Output formats serialised as each goal is classified (in a second process too).
_JSON_FORMATS = frozenset({"json", "jsonl"})

lang_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="nb",
    show_default=True,
    help="Language of justifications and messages: nb (bokmål) or en.",
)
rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Use the rule set in this folder instead of the shipped one.",
)
text_or_json_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A readable report, or JSON for tools.",
)
profile_option = click.option(
    "--profile",
    default=None,
    help="A municipality profile (shipped name such as verran, or a file): budget level, "
    "bodies, titles and warnings from it.",
)
answers_option = click.option(
    "--answers",
    "answers_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="An answers file (YAML) that states the budget level once per service area or KOSTRA "
    "function: a stated fact of every goal it covers that leaves it out.",
)
suggest_option = click.option(
    "--suggest/--no-suggest",
    default=True,
    show_default=True,
    help="Let the words of a goal's title and description suggest the facts it leaves out "
    "(each suggestion is listed as an assumption).",
)
input_format_option = click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="Read every input as this format instead of detecting it.",
)
sheet_option = click.option(
    "--sheet",
    default=None,
    help="The sheet to read in XLSX files [default: the first].",
)


def goals_option(purpose: str) -> Callable[[F], F]:
    return click.option(
        "--goals",
        "goal_paths",
        multiple=True,
        help=f"{purpose} [default: the built-in catalog]; may be repeated.",
    )


def reports_errors(command: F) -> F:
    """Turn an :class:`AnsvarError` into one message on standard error and its exit code.

    An error of the operating system no reader turned into one (a file that
    went away, a folder where a file was expected) is reported the same way,
    naming its file. SIGTERM, SIGINT and SIGHUP end the run through
    :func:`exit_on_signals`, so temporary files are removed on the way out.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = kwargs.get("lang", "nb")
        try:
            if sys.stdout is None and "output" in kwargs and kwargs["output"] is None:
                # started with standard output closed (`>&-`): nowhere for the results
                reason = os.strerror(errno.EBADF)
                raise InvalidGoalError("output.stdout_unwritable", Location(), reason=reason)
            with exit_on_signals():
                return command(*args, **kwargs)
        except BrokenPipeError:  # e.g. `ansvar classify | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as error:
            reason = error.strerror or str(error)
            where = Location(file=None if error.filename is None else str(error.filename))
            _report(AnsvarError("os.failed", where, reason=reason), lang)
        except AnsvarError as error:
            _report(error, lang)
        except click.Abort:  # input ended (or ^C) at a prompt: say so in the user's language
            _report(AnsvarError("cli.aborted"), lang)

    return wrapper  # type: ignore[return-value]


@click.command()
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default=None,
    help="Output format [default: table on a terminal, else json; or from -o's suffix].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (atomically: all or nothing) instead of standard output.",
)
@lang_option
@click.option("--strict", is_flag=True, help="Exit 1 if any goal is unresolved.")
@profile_option
@answers_option
@suggest_option
@input_format_option
@sheet_option
@rules_option
@reports_errors
def classify(
    paths: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    lang: Language,
    strict: bool,
    profile: str | None,
    answers_file: Path | None,
    suggest: bool,
    input_format: str | None,
    sheet: str | None,
    rules_dir: Path | None,
) -> None:
    """Classify goals from PATHS: YAML, JSON, JSON Lines, CSV or XLSX files, folders, or -
    for stdin.

    Without PATHS, classifies the built-in goal catalog.
    """
    answers = load_answers(answers_file) if answers_file is not None else None
    classifier = _classifier(rules_dir, profile, suggest).with_answers(answers)
    sources = list(paths) or [str(shipped_data_dir("goal_catalog"))]
    with (
        collector_paused(),
        GoalFiles(
            sources,
            input_format=cast(InputFormat | None, input_format),
            stdin=_stdin(paths, lang),
            sheet=sheet,
        ) as goal_files,
    ):
        read = [*goal_files.files, *_rule_and_profile_files(rules_dir, profile)]
        read += [answers_file] if answers_file else []
        if output is not None:
            refuse_overwriting_inputs(output, read)
        show_progress = progress_wanted(output_to_terminal=output is None and sys.stdout.isatty())
        fmt = fmt or _default_format(output)
        unresolved = 0
        level_asked = AskedPerArea("budget_frame")
        sheets = fmt in SPREADSHEET_FORMATS  # their rows are counted before any is written
        progress = "progress.checking" if sheets else "progress.classifying"
        shown = progress if show_progress else None
        if fmt in _JSON_FORMATS:
            with output_stream(output, inputs=read) as out:
                text = cast(TextIO, out)
                unresolved = _write_json(goal_files, classifier, lang, fmt, shown, text)
        else:
            # Every other format is written from the results themselves, in this process.
            checked = _checked_goals(goal_files, classifier, lang, shown)
            if sheets:
                for _ in checked:
                    pass
                checked = tracked(
                    goal_files.goals(),
                    message("progress.classifying", lang),
                    goal_files.count,
                    show_progress,
                )

            def results() -> Iterator[Classification]:
                nonlocal unresolved
                # One pass: every goal is validated as it is read and classified at once; the
                # output is written whole or not at all (output_stream), so a bad goal at the
                # end still leaves no partial output.
                for goal in checked:
                    result = classifier.classify(goal, lang=lang)
                    unresolved += result.owner is None
                    level_asked.count(result)
                    yield result

            tables = goal_files.spreadsheets() if sheets else None
            if fmt == "xlsx" or tables:
                if fmt == "xlsx" and output is None and sys.stdout.isatty():
                    raise InvalidGoalError("output.xlsx_terminal", Location())
                with output_stream(output, binary=True, inputs=read) as binary:
                    with_profile = classifier.municipality is not None
                    write_spreadsheet(
                        results(),
                        cast(SpreadsheetFormat, fmt),
                        binary,
                        lang,
                        tables=tables,
                        with_profile=with_profile,
                        rows_expected=goal_files.count,
                    )
            else:
                with output_stream(output, inputs=read) as out:
                    write_results(results(), fmt, out, lang)  # type: ignore[arg-type]
    if level_asked.goals and fmt in _FOR_PEOPLE:
        where = str(answers_file) if answers_file is not None else None
        click.echo(visible(level_asked.hint(lang, where)), err=True)
    if strict and unresolved:
        click.echo(message("cli.unresolved", lang, count=unresolved), err=True)
        sys.exit(EXIT_UNRESOLVED)


@click.command(name="explain")
@click.argument("goal_id")
@click.argument("paths", nargs=-1, type=str)
@text_or_json_option
@lang_option
@profile_option
@answers_option
@suggest_option
@input_format_option
@rules_option
@reports_errors
def explain_command(
    goal_id: str,
    paths: tuple[str, ...],
    fmt: str,
    lang: Language,
    profile: str | None,
    answers_file: Path | None,
    suggest: bool,
    input_format: str | None,
    rules_dir: Path | None,
) -> None:
    """Explain the reasoning for goal GOAL_ID, found in PATHS (default: the built-in catalog).

    Shows the facts given and assumed, the rules that matched in order, the
    one that decided, and why every other rule did not match.
    """
    from ansvarsregler.explanation import explain
    from ansvarsregler.presenters.terminal import write_explanation

    answers = load_answers(answers_file) if answers_file is not None else None
    classifier = _classifier(rules_dir, profile, suggest).with_answers(answers)
    sources = list(paths) or [str(shipped_data_dir("goal_catalog"))]
    with GoalFiles(
        sources, input_format=cast(InputFormat | None, input_format), stdin=_stdin(paths, lang)
    ) as goal_files:
        goals = [read.goal for read in goal_files.check()]  # every goal is validated
    areas = (g.service_area for g in goals if g.service_area)
    _check_answers(classifier, areas, {g.kostra_function for g in goals if g.kostra_function}, lang)
    goal = next((g for g in goals if g.id == goal_id), None)
    if goal is None:
        where = ", ".join(paths) if paths else message("cli.builtin_catalog", lang)
        raise InvalidGoalError("cli.goal_not_found", Location(), goal_id=goal_id, where=where)
    explanation = explain(classifier, goal, lang=lang)
    with _stdout() as out:
        if fmt == "json":
            out.write(explanation.model_dump_json(indent=2) + "\n")
        else:
            write_explanation(explanation, out, lang)


@click.command(name="draft")
@click.option(
    "--catalog",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Offer to add the goal to this catalog file (YAML) at the end [default: ask for a file].",
)
@lang_option
@profile_option
@rules_option
@reports_errors
def draft_command(
    catalog: Path | None, lang: Language, profile: str | None, rules_dir: Path | None
) -> None:
    """Classify a draft goal by answering questions, one at a time.

    Type the goal's title (and a description if you like); the words suggest
    what they can, and each open question is asked as numbered choices. Ends
    with the owner and the justification, and can add the goal with its facts
    to a catalog file.
    """
    from ansvarsregler.cli.draft import run_draft

    read = _rule_and_profile_files(rules_dir, profile)  # the catalog may be none of them
    if catalog is not None:  # refused before the dialogue, not after it
        refuse_overwriting_inputs(catalog, read)
    run_draft(_classifier(rules_dir, profile), lang, catalog, read)


@click.group(name="profile")
def profile_group() -> None:
    """Municipality profiles: make one from a planner's answers."""


@profile_group.command(name="init")
@click.argument("name")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the profile here [default: NAME.yaml, plain letters, in this folder].",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@lang_option
@reports_errors
def profile_init_command(
    name: str, paths: tuple[str, ...], output: Path | None, force: bool, lang: Language
) -> None:
    """Make the municipality profile of NAME by answering its questions once: the chief
    executive's title and the budget level per service area (those of the goals in PATHS,
    or typed in).

    Everything else the profile holds is written as unknown, to fill in from the delegation
    rules. Use it with --profile: the budget level then comes from it.
    """
    from ansvarsregler.cli.profile_init import run_profile_init

    run_profile_init(name, paths, output, force, lang)


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Listen on this address.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@profile_option
@rules_option
@click.option(
    "--profiles",
    "profiles_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="A folder of more profiles (*.yaml), offered by name beside the shipped ones.",
)
@click.option(
    "--token",
    envvar="ANSVARSREGLER_TOKEN",
    default=None,
    help="A bearer token the API asks for (also from ANSVARSREGLER_TOKEN).",
)
@click.option(
    "--insecure-no-auth",
    is_flag=True,
    help="Serve a host other than localhost without a token (a closed network only).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes: the app is stateless, so each serves any request.",
)
@lang_option
@reports_errors
def serve_command(
    host: str,
    port: int,
    profile: str | None,
    rules_dir: Path | None,
    profiles_dir: Path | None,
    token: str | None,
    insecure_no_auth: bool,
    workers: int,
    lang: Language,
) -> None:
    """Serve the classifier over HTTP: a JSON API (documented at /docs and /openapi.json)
    with the same contract as classify --format json."""
    from ansvarsregler.cli.serve import run_server
    from ansvarsregler.web import ServeSettings

    settings = ServeSettings(
        rules_dir=str(rules_dir) if rules_dir else None,
        profile=profile,
        profiles_dir=str(profiles_dir) if profiles_dir else None,
        token=token or None,
    )
    run_server(settings, host, port, workers, insecure_no_auth, lang)


@click.command(name="rules")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@lang_option
@rules_option
@reports_errors
def rules_command(fmt: str, lang: Language, rules_dir: Path | None) -> None:
    """List the rule set: each rule's condition, outcome and justification."""
    from ansvarsregler.presenters.terminal import write_rules
    from ansvarsregler.rules.export import ruleset_data

    ruleset = _ruleset(rules_dir)
    if fmt == "json":
        with _stdout() as out:
            out.write(json.dumps(ruleset_data(ruleset), ensure_ascii=False, indent=2) + "\n")
    else:
        with _stdout() as out:
            write_rules(ruleset, out, lang)


@click.command(name="check")
@goals_option("Goal files or folders whose goals count for rule coverage")
@text_or_json_option
@lang_option
@rules_option
@reports_errors
def check_command(
    goal_paths: tuple[str, ...], fmt: str, lang: Language, rules_dir: Path | None
) -> None:
    """Prove the rule set over every combination of facts.

    Reports gaps, conflicts, dead rules, invariant breaches (with the smallest
    goal that breaks each), rule-test failures, rules without tests, and rules
    changed since their version was released: a version whose hash in
    ruleset.lock differs from the rules' hash is a problem (results would cite
    one version for two rule sets; bump version and record the new hash).
    Exit 0 when clean, 1 when any problem is found, 2 when the rules cannot be read.
    """
    from ansvarsregler.analysis.check import check
    from ansvarsregler.presenters.rule_reports import write_check

    ruleset = _ruleset(rules_dir)
    report = check(ruleset, _goals_or_catalog(goal_paths))
    with _stdout() as out:
        if fmt == "json":
            out.write(report.model_dump_json(indent=2) + "\n")
        else:
            write_check(report, ruleset, out, lang)
    if not report.clean:
        sys.exit(EXIT_UNRESOLVED)


@click.command(name="diff")
@click.argument("old", type=click.Path(file_okay=False, path_type=Path))
@click.argument("new", type=click.Path(file_okay=False, path_type=Path))
@goals_option("Goal files or folders whose owners to compare")
@text_or_json_option
@lang_option
@reports_errors
def diff_command(
    old: Path, new: Path, goal_paths: tuple[str, ...], fmt: str, lang: Language
) -> None:
    """Show what changing the rules from OLD to NEW (rule set folders) does.

    Every region of the input space whose outcome changes, as fact patterns,
    and every goal whose owner changes; a warning when OLD and NEW have the
    same version but different content. Exit 0 when no outcome changes (even
    with that warning: ansvar check is what fails on it), 1 otherwise.
    """
    from ansvarsregler.analysis.diff import diff
    from ansvarsregler.presenters.rule_reports import write_diff

    old_rules, new_rules = load_ruleset(old), load_ruleset(new)
    report = diff(old_rules, new_rules, _goals_or_catalog(goal_paths))
    with _stdout() as out:
        if fmt == "json":
            out.write(report.model_dump_json(indent=2) + "\n")
        else:
            write_diff(report, new_rules, out, lang)
    if report.changed:
        sys.exit(EXIT_UNRESOLVED)


@click.command(name="readiness")
@click.argument("profile")
@goals_option("Goal files or folders: list the goals that end with leaders who lack authority")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "markdown", "json"]),
    default="table",
    show_default=True,
    help="A table on the terminal, markdown for a council paper, or JSON.",
)
@lang_option
@rules_option
@reports_errors
def readiness_command(
    profile: str, goal_paths: tuple[str, ...], fmt: str, lang: Language, rules_dir: Path | None
) -> None:
    """Is the municipality in PROFILE ready for result responsibility? (slides 13 and 14)

    PROFILE is a shipped profile (snillfjord, verran, bo, sula, leirfjord,
    sorreisa, notteroy, mal) or a profile file.
    """
    from ansvarsregler.analysis.readiness import readiness
    from ansvarsregler.presenters.readiness_report import (
        write_readiness_markdown,
        write_readiness_table,
    )

    goals = _goals_or_catalog(goal_paths) if goal_paths else None
    report = readiness(_ruleset(rules_dir), load_profile(profile), goals=goals, lang=lang)
    with _stdout() as out:
        if fmt == "json":
            out.write(report.model_dump_json(indent=2) + "\n")
        elif fmt == "markdown":
            write_readiness_markdown(report, out)
        else:
            write_readiness_table(report, out)


@click.command(name="evaluate")
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown"]),
    default=None,
    help="A table [default on a terminal], JSON [default otherwise], or markdown.",
)
@lang_option
@profile_option
@suggest_option
@click.option(
    "--max-wrong",
    type=click.FloatRange(0, 1),
    default=None,
    help="Exit 1 when the share of goals with a wrong owner exceeds this (e.g. 0.03).",
)
@input_format_option
@sheet_option
@rules_option
@reports_errors
def evaluate_command(
    paths: tuple[str, ...],
    fmt: str | None,
    lang: Language,
    profile: str | None,
    suggest: bool,
    max_wrong: float | None,
    input_format: str | None,
    sheet: str | None,
    rules_dir: Path | None,
) -> None:
    """Measure the rules on labelled goals in PATHS (goal files, folders, or - for stdin).

    Each goal carries expected_owner (kommunestyret, radmann or virksomhetsleder) and may
    carry expected_goal_type, expected_influence, expected_budget_impact and
    expected_budget_frame. Shows right, unresolved and wrong owners, where the wrong ones
    went and the words that misled them. Exit 0 ok; 1 when --max-wrong is exceeded;
    2 bad input (a goal without expected_owner, an unknown value).
    """
    from ansvarsregler.analysis.evaluation import evaluate, labels
    from ansvarsregler.presenters.evaluation_report import (
        share,
        write_evaluation_markdown,
        write_evaluation_table,
    )

    classifier = _classifier(rules_dir, profile, suggest)
    with GoalFiles(
        list(paths),
        input_format=cast(InputFormat | None, input_format),
        stdin=_stdin(paths, lang),
        sheet=sheet,
    ) as goal_files:
        goals = []
        for read in goal_files.check():  # every goal and its labels, before any output
            labels(read.goal, read.where())
            goals.append(read.goal)
    report = evaluate(classifier, goals, lang=lang)
    with _stdout() as out:
        fmt = fmt or _default_format(None)
        if fmt == "json":
            out.write(report.model_dump_json(indent=2) + "\n")
        elif fmt == "markdown":
            write_evaluation_markdown(report, out, lang)
        else:
            write_evaluation_table(report, out, lang)
    if max_wrong is not None and report.overall.wrong_share > max_wrong:
        wrong, limit = share(report.overall.wrong_share, lang), share(max_wrong, lang)
        click.echo(message("evaluate.too_many_wrong", lang, share=wrong, limit=limit), err=True)
        sys.exit(EXIT_UNRESOLVED)


@click.command(name="schema")
@click.argument("name", type=click.Choice(SCHEMAS), default="classification")
@reports_errors
def schema_command(name: str) -> None:
    """Print the JSON Schema of the output (classification) or of one input goal."""
    with _stdout() as out:
        out.write(json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n")


# -- helpers -----------------------------------------------------------------


@contextlib.contextmanager
def _stdout() -> Iterator[TextIO]:
    """Standard output, a failed write (a full disk) reported as an error."""
    with output_stream(None) as out:
        yield cast(TextIO, out)


def _report(error: AnsvarError, lang: Language) -> None:
    """Print ``error`` on standard error and exit with its code."""
    click.echo(visible(f"{message('error.prefix', lang)}: {error.message(lang)}"), err=True)
    sys.exit(error.exit_code)


def _classifier(rules_dir: Path | None, profile: str | None, suggest: bool = True) -> Classifier:
    return Classifier(
        _ruleset(rules_dir),
        profile=load_profile(profile) if profile is not None else None,
        suggest=suggest,
    )


def _ruleset(rules_dir: Path | None) -> Ruleset:
    return load_ruleset(rules_dir) if rules_dir is not None else default_ruleset()


def _goals_or_catalog(paths: tuple[str, ...]) -> list[Goal]:
    """Every goal in ``paths``, validated; the built-in catalog when none are given."""
    with GoalFiles(list(paths) or [str(shipped_data_dir("goal_catalog"))]) as goal_files:
        return [read.goal for read in goal_files.check()]


def _stdin(paths: tuple[str, ...], lang: Language) -> Any:
    """Standard input for ``-``; on a terminal, a hint first that it is being read."""
    if "-" in paths and sys.stdin.isatty():
        click.echo(message("cli.reading_stdin", lang), err=True)
    return sys.stdin.buffer


def _default_format(output: Path | None) -> str:
    if output is not None:
        return FORMAT_BY_SUFFIX.get(output.suffix.lower(), "json")
    return "table" if sys.stdout.isatty() else "json"


def _write_json(
    goal_files: GoalFiles,
    classifier: Classifier,
    lang: Language,
    fmt: str,
    progress: str | None,
    out: TextIO,
) -> int:
    """Classify the goals and write them as JSON or JSON Lines, each serialised as it is
    classified; a large input is shared with a second process
    (:mod:`ansvarsregler.cli.second_process`). Returns how many goals have no owner."""

    def goals(in_second: bool) -> Iterator[Goal]:
        # The second process needs the goals only: the first checks them (the ids, the
        # warnings, the answers file), as it is the one to say what is wrong.
        if in_second:
            return goal_files.goals()
        return _checked_goals(goal_files, classifier, lang, progress)

    def encoded(goal: Goal) -> tuple[bytes, bool]:
        result = classifier.classify(goal, lang=lang)
        return result_json(result), result.owner is None

    unresolved = 0

    def counted() -> Iterator[bytes]:
        nonlocal unresolved
        shared = second_process_pays(goal_files.files, goal_files.reads_stdin)
        for result, no_owner in worked_in_two_processes(goals, encoded, shared=shared):
            unresolved += no_owner
            yield result

    (write_encoded_json if fmt == "json" else write_encoded_jsonl)(counted(), out)
    return unresolved


def _checked_goals(
    goal_files: GoalFiles, classifier: Classifier, lang: Language, progress: str | None
) -> Iterator[Goal]:
    """Every goal, validated as it is read, with its warnings on standard error; at the
    end, the answers file checked against the service areas the goals named. ``progress``:
    the message key of the progress bar to show, if one is shown."""
    shown = hidden = 0
    areas: dict[str, None] = {}  # in the order first seen
    kostra_codes: set[str] = set()
    shown_as = message(progress, lang) if progress else ""
    reads = tracked(goal_files.check(), shown_as, None, progress is not None)
    for read in reads:
        goal = read.goal
        if goal.service_area:
            areas.setdefault(goal.service_area)
        if goal.kostra_function:
            kostra_codes.add(goal.kostra_function)
        for warning in goal_warnings(goal, lang):
            if shown < _MAX_WARNINGS_SHOWN:
                where = read.where().describe(lang)
                line = f"{message('warning.prefix', lang)}: {where}: {warning}"
                click.echo(visible(line), err=True)
                shown += 1
            else:
                hidden += 1
        yield goal
    if hidden:
        click.echo(message("cli.more_warnings", lang, count=hidden), err=True)
    _check_answers(classifier, areas, kostra_codes, lang)


def _check_answers(
    classifier: Classifier, areas: Iterable[str], kostra_codes: set[str], lang: Language
) -> None:
    """Refuse an answer for a misspelt service area; warn of answers no goal here needs."""
    if classifier.answers is None:
        return
    for unused in classifier.answers.check_covered(areas, kostra_codes):
        line = f"{message('warning.prefix', lang)}: {unused.message(lang)}"
        click.echo(visible(line), err=True)


def _rule_and_profile_files(rules_dir: Path | None, profile: str | None) -> list[Path]:
    """What a run reads besides its goals: the rule set's folder (every file in it counts)
    and the profile's file."""
    read = [rules_dir] if rules_dir is not None else []
    return read + ([profile_file(profile)] if profile is not None else [])
