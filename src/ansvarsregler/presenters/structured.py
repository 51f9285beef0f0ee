"""JSON, JSON Lines and YAML output, written as results arrive.

JSON is serialised by pydantic (in Rust), three times faster than
``json.dumps`` of a dict; the output is the same contract either way. Where
the stream is UTF-8 text over bytes (a file, standard output), pydantic's
bytes go to the bytes underneath, saving a decode and an encode of every result.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterable
from typing import BinaryIO, TextIO

import yaml

from ansvarsregler.presenters.records import record
from ansvarsregler.result import Classification

#: A result as JSON bytes, as :func:`write_json` and :func:`write_jsonl` write it.
result_json: Callable[[Classification], bytes] = Classification.__pydantic_serializer__.to_json


def write_json(results: Iterable[Classification], out: TextIO) -> None:
    """A JSON array, one object per line, streamed without holding the list."""
    write_encoded_json(map(result_json, results), out)


def write_jsonl(results: Iterable[Classification], out: TextIO) -> None:
    write_encoded_jsonl(map(result_json, results), out)


def write_encoded_json(encoded: Iterable[bytes], out: TextIO) -> None:
    """:func:`write_json` of results already made :func:`result_json` (in another process,
    perhaps: see :mod:`ansvarsregler.cli.second_process`)."""
    write = _writer(out)
    write(b"[")
    gap = b"\n"
    for result in encoded:
        write(gap + result)  # one write a result: a write costs more than a copy
        gap = b",\n"
    write(b"\n]\n" if gap != b"\n" else b"]\n")


def write_encoded_jsonl(encoded: Iterable[bytes], out: TextIO) -> None:
    """:func:`write_jsonl` of results already made :func:`result_json`."""
    write = _writer(out)
    for result in encoded:
        write(result + b"\n")


def _writer(out: TextIO) -> Callable[[bytes], object]:
    """Where pydantic's bytes go: the bytes under ``out`` where there are some, else ``out``
    as text (a ``StringIO``: the HTTP API's)."""
    binary = _bytes_under(out)
    if binary is not None:
        return binary.write
    return lambda data: out.write(data.decode("utf-8"))


def _bytes_under(out: TextIO) -> BinaryIO | None:
    """The byte stream under ``out`` if ``out`` writes UTF-8 (a file, standard output),
    flushed so that what is written there comes after what ``out`` holds; else ``None``.
    JSON's own line ends are ``\\n`` either way."""
    if not isinstance(out, io.TextIOWrapper) or codecs.lookup(out.encoding).name != "utf-8":
        return None
    out.flush()
    return out.buffer  # type: ignore[return-value]


def write_yaml(results: Iterable[Classification], out: TextIO) -> None:
    """A YAML list, one item at a time; ``[]`` when there are no results."""
    empty = True
    for result in results:
        empty = False
        out.write(yaml.safe_dump([record(result)], allow_unicode=True, sort_keys=False))
    if empty:
        out.write("[]\n")
