"""Presenters: turn results into tables, JSON, CSV and more. They never decide anything."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, TextIO

from ansvarsregler.presenters.flat import write_csv, write_markdown
from ansvarsregler.presenters.structured import write_json, write_jsonl, write_yaml
from ansvarsregler.result import Classification
from ansvarsregler.vocabulary import Language

OutputFormat = Literal["table", "json", "jsonl", "yaml", "csv", "markdown", "xlsx"]
#: xlsx is binary: written by :func:`.spreadsheet.write_spreadsheet`, not :func:`write_results`.
OUTPUT_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "yaml", "csv", "markdown", "xlsx")
FORMAT_BY_SUFFIX: dict[str, OutputFormat] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".md": "markdown",
    ".txt": "table",
}


def write_results(
    results: Iterable[Classification], fmt: OutputFormat, out: TextIO, lang: Language
) -> None:
    """Write ``results`` to ``out`` in format ``fmt``."""
    if fmt == "json":
        write_json(results, out)
    elif fmt == "jsonl":
        write_jsonl(results, out)
    elif fmt == "yaml":
        write_yaml(results, out)
    elif fmt == "csv":
        write_csv(results, out)
    elif fmt == "markdown":
        write_markdown(results, out, lang)
    else:
        from ansvarsregler.presenters.terminal import write_table  # rich: only for a table

        write_table(results, out, lang)
