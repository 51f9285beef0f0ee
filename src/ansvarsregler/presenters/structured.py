"""JSON, JSON Lines and YAML output, written as results arrive."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

import yaml

from ..result import Classification
from .records import record


def write_json(results: Iterable[Classification], out: TextIO) -> None:
    """A JSON array, one object per line, streamed without holding the list."""
    out.write("[")
    separator = "\n"
    for result in results:
        out.write(separator)
        out.write(json.dumps(record(result), ensure_ascii=False))
        separator = ",\n"
    out.write("\n]\n" if separator != "\n" else "]\n")


def write_jsonl(results: Iterable[Classification], out: TextIO) -> None:
    for result in results:
        out.write(json.dumps(record(result), ensure_ascii=False))
        out.write("\n")


def write_yaml(results: Iterable[Classification], out: TextIO) -> None:
    """A YAML list, one item at a time; ``[]`` when there are no results."""
    empty = True
    for result in results:
        empty = False
        out.write(yaml.safe_dump([record(result)], allow_unicode=True, sort_keys=False))
    if empty:
        out.write("[]\n")
