"""The commands that write the documents of result responsibility: ``ansvar report`` (the
council document).

Each takes goal files as ``classify`` does (none: the built-in catalog), classifies
them with the same classifier, and hands the results to a document builder and a
presenter. A document is written whole or not at all, and never over a file it read.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO, cast

import click

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
from ansvarsregler.documents.report import build_report
from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.files.output import output_stream, refuse_overwriting_inputs
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.municipality.answers import load_answers
from ansvarsregler.presenters.document_docx import write_document_docx
from ansvarsregler.presenters.document_html import write_document_html
from ansvarsregler.presenters.document_markdown import write_document_markdown
from ansvarsregler.result import Classification
from ansvarsregler.rules.loader import shipped_data_dir
from ansvarsregler.vocabulary import Language

DOCUMENT_FORMATS = ("docx", "html", "markdown")
_BY_SUFFIX = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "markdown"}


@click.command(name="report")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (.docx, .html or .md), all or nothing [default: Markdown on "
    "standard output].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DOCUMENT_FORMATS),
    default=None,
    help="docx (Word), html (one self-contained page) or markdown [default: from -o's "
    "suffix, else markdown].",
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
    fmt = fmt or (_BY_SUFFIX.get(output.suffix.lower(), "") if output else "markdown")
    if fmt not in DOCUMENT_FORMATS:
        raise InvalidGoalError(
            "document.format_unknown",
            Location(file=str(output)),
            allowed=", ".join(_BY_SUFFIX),
        )
    if fmt == "docx" and output is None and sys.stdout.isatty():
        raise InvalidGoalError("document.docx_terminal", Location())
    answers = load_answers(answers_file) if answers_file is not None else None
    classifier = _classifier(rules_dir, profile, suggest).with_answers(answers)
    inputs = list(paths) or [str(shipped_data_dir("goal_catalog"))]
    with GoalFiles(inputs, stdin=sys.stdin.buffer) as goal_files:
        if output is not None:
            read = [*goal_files.files, *_rule_and_profile_files(rules_dir, profile)]
            refuse_overwriting_inputs(output, read + ([answers_file] if answers_file else []))
        goals = [read_goal.goal for read_goal in goal_files.check()]
    results: list[Classification] = list(classifier.classify_many(goals, lang=lang))
    municipality = classifier.municipality
    document = build_report(results, lang, municipality.profile if municipality else None)
    with output_stream(output, binary=fmt == "docx") as out:
        if fmt == "docx":
            write_document_docx(document, out)
        elif fmt == "html":
            write_document_html(document, cast(TextIO, out))
        else:
            write_document_markdown(document, cast(TextIO, out))
