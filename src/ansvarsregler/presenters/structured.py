"""JSON, JSON Lines and YAML output, written as results arrive.

JSON is serialised by pydantic (in Rust), three times faster than
``json.dumps`` of a dict; the output is the same contract either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

import yaml

from ansvarsregler.presenters.records import record
from ansvarsregler.result import Classification


def write_json(results: Iterable[Classification], out: TextIO) -> None:
    """A JSON array, one object per line, streamed without holding the list."""
    out.write("[")
    separator = "\n"
    for result in results:
        out.write(separator)
        out.write(result.model_dump_json())
        separator = ",\n"
    out.write("\n]\n" if separator != "\n" else "]\n")


def write_jsonl(results: Iterable[Classification], out: TextIO) -> None:
    for result in results:
        out.write(result.model_dump_json())
        out.write("\n")


def write_yaml(results: Iterable[Classification], out: TextIO) -> None:
    """A YAML list, one item at a time; ``[]`` when there are no results."""
    empty = True
    for result in results:
        empty = False
        out.write(yaml.safe_dump([record(result)], allow_unicode=True, sort_keys=False))
    if empty:
        out.write("[]\n")
