"""The commands that write the documents of result responsibility: ``ansvar report`` (the
council document), ``ansvar lederavtaler`` (the leader agreements), ``ansvar arshjul``
(the annual wheel) and ``ansvar resultater`` (the results and the result dialogue).

Each takes goal files as ``classify`` does (none: the built-in catalog), classifies
them with the same classifier, and hands the results to a document builder and a
presenter. A document is written whole or not at all, and never over a file it read.
"""

from __future__ import annotations

import datetime
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TextIO, TypeVar, cast

import click

from ansvarsregler.analysis.results import evaluate_results
from ansvarsregler.classifier import Classifier
from ansvarsregler.cli.commands import (
    _classifier,
    _rule_and_profile_files,
    answers_option,
    lang_option,
    profile_option,
    reports_errors,
    rules_option,
    suggest_option,
)
from ansvarsregler.documents.agreements import build_agreements
from ansvarsregler.documents.blocks import Document
from ansvarsregler.documents.dialogue import build_dialogue_document
from ansvarsregler.documents.report import build_report
from ansvarsregler.documents.wheel import build_wheel_document, wheel_chart, wheel_of
from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.files.output import output_stream, refuse_overwriting_inputs, write_folder
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.goals.measurements import read_measurements
from ansvarsregler.i18n import message
from ansvarsregler.municipality.answers import load_answers
from ansvarsregler.municipality.profiles import load_profile, profile_file
from ansvarsregler.presenters.calendar import write_calendar
from ansvarsregler.presenters.charts import chart_png, chart_svg
from ansvarsregler.presenters.document_docx import write_document_docx
from ansvarsregler.presenters.document_html import write_document_html
from ansvarsregler.presenters.document_markdown import write_document_markdown
from ansvarsregler.presenters.document_terminal import write_document_terminal
from ansvarsregler.result import Classification
from ansvarsregler.rules.loader import shipped_data_dir
from ansvarsregler.text import visible
from ansvarsregler.vocabulary import Language

DOCUMENT_FORMATS = ("docx", "html", "markdown")
RESULTS_FORMATS = ("table", "markdown", "html", "docx", "json")
WHEEL_FORMATS = ("table", "markdown", "html", "docx", "json", "ics", "png", "svg")


def file_options(
    formats: tuple[str, ...], output_help: str, format_help: str | None = None
) -> Callable[[F], F]:
    """``-o FILE`` (written all or nothing) and ``--format`` (else from ``-o``'s suffix), as
    every document command has them."""

    def decorate(command: F) -> F:
        command = click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=None,
            help=format_help or "[default: from -o's suffix, else a table].",
        )(command)
        return click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help=output_help + " Written all or nothing.",
        )(command)

    return decorate


F = TypeVar("F", bound=Callable[..., Any])
_BY_SUFFIX = {
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".json": "json",
    ".ics": "ics",
    ".png": "png",
    ".svg": "svg",
}


@click.command(name="report")
@click.argument("paths", nargs=-1, type=str)
@file_options(
    DOCUMENT_FORMATS,
    "Write to this file (.docx, .html or .md) [default: Markdown on standard output].",
    "docx (Word), html (one self-contained page) or markdown [default: from -o's suffix, else "
    "markdown].",
)
@lang_option
@profile_option
@answers_option
@suggest_option
@rules_option
@reports_errors
def report_command(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    lang: Language,
    profile: str | None,
    answers_file: Path | None,
    suggest: bool,
    rules_dir: Path | None,
) -> None:
    """The council document for the goals in PATHS (none: the built-in catalog): goals per
    service area and owner, the responsibility matrix and its chart, the unresolved goals
    with their questions, the assumptions made, and the rule set that decided."""
    fmt = _format_of(output, fmt, DOCUMENT_FORMATS, "markdown")
    if fmt == "docx" and output is None and sys.stdout.isatty():
        raise InvalidGoalError("document.binary_terminal", Location(), format=fmt)
    classifier, results, read = _classified(paths, profile, answers_file, suggest, rules_dir, lang)
    if output is not None:
        refuse_overwriting_inputs(output, read)
    municipality = classifier.municipality
    document = build_report(results, lang, municipality.profile if municipality else None)
    with output_stream(output, binary=fmt == "docx") as out:
        _write_document(document, fmt, out)


@click.command(name="lederavtaler")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--profile",
    required=True,
    help="The municipality profile (shipped name or file): the leaders' roles, their authority, "
    "the follow-up and the annual wheel.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="A folder for the agreements, one file each (made if missing) [default: Markdown on "
    "standard output].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("docx", "markdown")),
    default=None,
    help="docx (Word) or markdown [default: docx into a folder, markdown on standard output].",
)
@lang_option
@answers_option
@suggest_option
@rules_option
@reports_errors
def lederavtaler_command(
    paths: tuple[str, ...],
    profile: str,
    output: Path | None,
    fmt: str | None,
    lang: Language,
    answers_file: Path | None,
    suggest: bool,
    rules_dir: Path | None,
) -> None:
    """Leader agreements for the goals in PATHS (none: the built-in catalog): one per unit
    leader (by role and unit) with the goals that leader owns, and one between the council
    and the chief executive; each with the authority the profile delegates, what the leader
    lacks, the follow-up dates from the annual wheel, and a place to sign (slide 13)."""
    fmt = fmt or ("docx" if output is not None else "markdown")
    if fmt == "docx" and output is None:
        raise InvalidGoalError("agreement.docx_needs_folder", Location())
    if output is not None and output.exists() and not output.is_dir():
        raise InvalidGoalError("output.not_a_folder", Location(file=str(output)))
    classifier, results, read = _classified(paths, profile, answers_file, suggest, rules_dir, lang)
    municipality = classifier.municipality
    assert municipality is not None  # --profile is required
    agreements = build_agreements(results, municipality.profile, classifier.ruleset, lang)
    if not agreements:
        chief = municipality.profile.chief_executive().get(lang).lower()
        raise InvalidGoalError("agreement.none", Location(), chief=chief)
    if output is None:
        with output_stream(None) as out:
            for index, agreement in enumerate(agreements):
                out.write("\n---\n\n" if index else "")
                write_document_markdown(agreement.document, cast(TextIO, out))
        return
    suffix = ".docx" if fmt == "docx" else ".md"
    for agreement in agreements:
        refuse_overwriting_inputs(output / (agreement.name + suffix), read)
    files = {}
    for agreement in agreements:
        buffer: Any = io.BytesIO() if fmt == "docx" else io.StringIO()
        _write_document(agreement.document, fmt, buffer)
        content = buffer.getvalue()
        files[agreement.name + suffix] = content if isinstance(content, bytes) else content.encode()
    write_folder(output, files)
    click.echo(message("agreement.written", lang, count=len(files), folder=output), err=True)


@click.command(name="resultater")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--malinger",
    "measurements_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The measured values: a CSV or XLSX file with a row per goal and period (Mål-id, "
    "Periode, Verdi, and perhaps Referanse).",
)
@file_options(
    RESULTS_FORMATS,
    "Write to this file (.docx, .html, .md or .json) [default: a table on standard output].",
)
@lang_option
@profile_option
@answers_option
@suggest_option
@rules_option
@reports_errors
def resultater_command(
    paths: tuple[str, ...],
    measurements_file: Path,
    output: Path | None,
    fmt: str | None,
    lang: Language,
    profile: str | None,
    answers_file: Path | None,
    suggest: bool,
    rules_dir: Path | None,
) -> None:
    """The results of the goals in PATHS (none: the built-in catalog) against their targets:
    per owner reached, not reached, not measured and the trend, and for each unit leader a
    result dialogue agenda (slide 12)."""
    fmt = _format_of(output, fmt, RESULTS_FORMATS, "table")
    if fmt == "docx" and output is None and sys.stdout.isatty():
        raise InvalidGoalError("document.binary_terminal", Location(), format=fmt)
    measurements = read_measurements(measurements_file)
    classifier, results, read = _classified(paths, profile, answers_file, suggest, rules_dir, lang)
    if output is not None:
        refuse_overwriting_inputs(output, [*read, measurements_file])
    report = evaluate_results(results, measurements, lang)
    for warning in report.warnings:
        click.echo(visible(f"{message('warning.prefix', lang)}: {warning}"), err=True)
    municipality = classifier.municipality
    with output_stream(output, binary=fmt == "docx") as out:
        if fmt == "json":
            out.write(report.model_dump_json(indent=2) + "\n")
        else:
            document = build_dialogue_document(
                report, lang, municipality.profile if municipality else None
            )
            _write_document(document, fmt, out)


def _classified(
    paths: tuple[str, ...],
    profile: str | None,
    answers_file: Path | None,
    suggest: bool,
    rules_dir: Path | None,
    lang: Language,
) -> tuple[Classifier, list[Classification], list[Path]]:
    """The classifier the options ask for, the results for the goals in ``paths`` (none:
    the built-in catalog), every goal read and checked first, and every file the run read
    (which no output may replace)."""
    answers = load_answers(answers_file) if answers_file is not None else None
    classifier = _classifier(rules_dir, profile, suggest).with_answers(answers)
    inputs = list(paths) or [str(shipped_data_dir("goal_catalog"))]
    with GoalFiles(inputs, stdin=sys.stdin.buffer) as goal_files:
        read = [*goal_files.files, *_rule_and_profile_files(rules_dir, profile)]
        read += [answers_file] if answers_file else []
        goals = [read_goal.goal for read_goal in goal_files.check()]
    return classifier, list(classifier.classify_many(goals, lang=lang)), read


@click.command(name="arshjul")
@file_options(
    WHEEL_FORMATS,
    "Write to this file: .ics (a calendar), .png or .svg (the wheel drawn), .docx, .html, .md "
    "or .json [default: a table on standard output].",
)
@click.option(
    "--year",
    type=click.IntRange(1900, 2999),
    default=None,
    help="The first year of the calendar's yearly events [default: this year].",
)
@lang_option
@profile_option
@reports_errors
def arshjul_command(
    output: Path | None, fmt: str | None, year: int | None, lang: Language, profile: str | None
) -> None:
    """The annual wheel: who does what when in the year, political and administrative apart
    (slide 12). From the profile, or the standard wheel (marked as such) where the profile
    has none of its own, or without --profile."""
    fmt = _format_of(output, fmt, WHEEL_FORMATS, "table")
    if fmt in ("docx", "png") and output is None and sys.stdout.isatty():
        raise InvalidGoalError("document.binary_terminal", Location(), format=fmt)
    loaded = load_profile(profile) if profile is not None else None
    if output is not None and profile is not None:
        refuse_overwriting_inputs(output, [profile_file(profile)])
    cycle, standard = wheel_of(loaded)
    name = loaded.name if loaded else None
    with output_stream(output, binary=fmt in ("docx", "png", "ics")) as out:
        if fmt == "ics":
            first = year or datetime.date.today().year
            write_calendar(cycle, standard, first, out, lang, name)
        elif fmt in ("png", "svg"):
            chart = wheel_chart(cycle, standard, lang)
            out.write(chart_png(chart) if fmt == "png" else chart_svg(chart, standalone=True))
        elif fmt == "json":
            data = {"municipality": name, "standard": standard, **cycle.model_dump(mode="json")}
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            _write_document(build_wheel_document(cycle, standard, lang, name), fmt, out)


def _write_document(document: Document, fmt: str, out: IO[Any]) -> None:
    if fmt == "docx":
        write_document_docx(document, out)
    elif fmt == "html":
        write_document_html(document, cast(TextIO, out))
    elif fmt == "markdown":
        write_document_markdown(document, cast(TextIO, out))
    else:
        write_document_terminal(document, cast(TextIO, out))


def _format_of(output: Path | None, fmt: str | None, allowed: tuple[str, ...], default: str) -> str:
    """The format asked for, else the one ``-o``'s suffix names, else ``default``; a suffix
    that names none of ``allowed`` is an error listing those that do."""
    if fmt is not None:
        return fmt
    if output is None:
        return default
    suffixes = {suffix: name for suffix, name in _BY_SUFFIX.items() if name in allowed}
    found = suffixes.get(output.suffix.lower())
    if found is None:
        raise InvalidGoalError(
            "document.format_unknown", Location(file=str(output)), allowed=", ".join(suffixes)
        )
    return found
