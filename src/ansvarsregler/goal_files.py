"""Read goals from YAML, JSON and JSON Lines files, folders and standard input.

Reading happens in two passes so that bad input never produces partial
output: :meth:`GoalFiles.check` validates every goal (and refuses duplicate
ids) before :meth:`GoalFiles.goals` hands out the first one. JSON Lines is
streamed in both passes, so a million goals never sit in memory at once;
YAML and JSON documents are parsed once and kept.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import yaml

from .errors import InvalidGoalError, Location
from .goal import Goal, to_goal
from .yaml_source import DuplicateKeyError, error_line, error_reason, line_of, load_yaml

InputFormat = Literal["yaml", "json", "jsonl"]
INPUT_FORMATS: tuple[str, ...] = ("yaml", "json", "jsonl")
STDIN = "-"
_SUFFIXES: dict[str, InputFormat] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_SNIFF_BYTES = 64 * 1024


@dataclass
class _Document:
    """One input: a file on disk (standard input is spooled to one)."""

    label: str
    path: Path
    format: InputFormat
    goals: list[Goal] | None = None
    """Validated goals of a YAML or JSON document, kept after the first pass."""


class GoalFiles:
    """Goals from the given paths; call :meth:`check` before :meth:`goals`."""

    def __init__(
        self,
        paths: Sequence[str],
        *,
        input_format: InputFormat | None = None,
        stdin: IO[bytes] | None = None,
    ) -> None:
        self._spool: IO[bytes] | None = None
        self._documents = [
            _Document(label, path, input_format or _detect_format(label, path))
            for label, path in self._expand(paths, stdin)
        ]
        self.count = 0

    @property
    def files(self) -> list[Path]:
        """The files read from disk (not standard input)."""
        return [doc.path for doc in self._documents if doc.label != STDIN]

    def check(self) -> Iterator[Goal]:
        """First pass: validate every goal, yielding each once; raises on the first problem."""
        seen: set[str] = set()
        self.count = 0
        for doc in self._documents:
            for goal in self._validated(doc):
                if goal.id in seen:
                    self._raise_duplicate(goal.id, doc)
                seen.add(goal.id)
                self.count += 1
                yield goal

    def goals(self) -> Iterator[Goal]:
        """Second pass: the goals again, in order, without holding JSON Lines in memory."""
        for doc in self._documents:
            yield from doc.goals if doc.goals is not None else self._validated(doc)

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()

    def __enter__(self) -> GoalFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- finding the files -------------------------------------------------

    def _expand(self, paths: Sequence[str], stdin: IO[bytes] | None) -> Iterator[tuple[str, Path]]:
        for raw in paths:
            if raw == STDIN:
                yield STDIN, self._spool_stdin(stdin)
                continue
            path = Path(raw)
            if path.is_dir():
                found = sorted(
                    p for p in path.rglob("*") if p.suffix.lower() in _SUFFIXES and p.is_file()
                )
                if not found:
                    raise InvalidGoalError("input.no_goal_files", Location(file=raw))
                for file in found:
                    yield str(file), file
            elif path.is_file():
                yield raw, path
            else:
                raise InvalidGoalError("input.not_found", Location(file=raw))

    def _spool_stdin(self, stdin: IO[bytes] | None) -> Path:
        if stdin is None:
            raise InvalidGoalError("input.empty_stdin", Location(file=STDIN))
        spool = tempfile.NamedTemporaryFile(prefix="ansvar-stdin-", suffix=".in")  # noqa: SIM115
        shutil.copyfileobj(stdin, spool)
        spool.flush()
        if spool.tell() == 0:
            spool.close()
            raise InvalidGoalError("input.empty_stdin", Location(file=STDIN))
        self._spool = spool
        return Path(spool.name)

    # -- reading one document ----------------------------------------------

    def _validated(self, doc: _Document) -> Iterator[Goal]:
        if doc.format == "jsonl":
            yield from self._jsonl_goals(doc)
            return
        if doc.goals is None:
            doc.goals = list(self._document_goals(doc))
        yield from doc.goals

    def _jsonl_goals(self, doc: _Document) -> Iterator[Goal]:
        item = 0
        with _open_text(doc) as lines:
            for number, line in _numbered(doc, lines):
                if not line.strip():
                    continue
                item += 1
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as error:
                    raise InvalidGoalError(
                        "input.bad_json",
                        Location(file=doc.label, line=number),
                        reason=f"{error.msg} (kolonne/column {error.colno})",
                    ) from None
                yield to_goal(raw, item=item, file=doc.label, line_for=lambda _p, n=number: n)

    def _document_goals(self, doc: _Document) -> Iterator[Goal]:
        text = _read_text(doc)
        data = _parse(doc, text)
        items, prefix = _goal_list(doc, data, text)
        for index, raw in enumerate(items):
            path_in_doc = (*prefix, index)
            yield to_goal(
                raw,
                item=index + 1,
                file=doc.label,
                line_for=lambda loc, p=path_in_doc: line_of(text, (*p, *loc)),
            )

    def _raise_duplicate(self, goal_id: str, doc: _Document) -> None:
        """Find both places an id stands (rare: only on this error path) and say so."""
        places = []
        for other in self._documents:
            places += [f"{other.label}:{line}" for line in _lines_of_id(other, goal_id)]
        first = places[0] if places else "?"
        second = places[1] if len(places) > 1 else doc.label
        file, _, line = second.rpartition(":")
        raise InvalidGoalError(
            "input.duplicate_id",
            Location(
                file=file, line=int(line) if line.isdigit() else None, goal=goal_id, field="id"
            ),
            goal_id=goal_id,
            first=first,
        )


def _detect_format(label: str, path: Path) -> InputFormat:
    suffix = path.suffix.lower() if label != STDIN else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] not in (b"{", b"["):
        return "yaml"
    first_line = stripped.split(b"\n", 1)[0]
    try:
        first = json.loads(first_line)
    except ValueError:
        return "json"
    # A whole object on the first line followed by more lines is JSON Lines.
    rest = stripped[len(first_line) :].strip()
    return "jsonl" if isinstance(first, dict) and rest[:1] == b"{" else "json"


def _open_text(doc: _Document) -> IO[str]:
    _refuse_binary(doc)
    return doc.path.open(encoding="utf-8-sig", errors="strict", newline=None)


def _numbered(doc: _Document, lines: IO[str]) -> Iterator[tuple[int, str]]:
    number = 0
    try:
        for number, line in enumerate(lines, start=1):
            yield number, line
    except UnicodeDecodeError:
        raise InvalidGoalError(
            "input.not_text", Location(file=doc.label, line=number + 1)
        ) from None


def _refuse_binary(doc: _Document) -> None:
    with doc.path.open("rb") as handle:
        if b"\x00" in handle.read(_SNIFF_BYTES):
            raise InvalidGoalError("input.not_text", Location(file=doc.label))


def _read_text(doc: _Document) -> str:
    _refuse_binary(doc)
    try:
        return doc.path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidGoalError("input.not_text", Location(file=doc.label)) from error


def _parse(doc: _Document, text: str) -> Any:
    if doc.format == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidGoalError(
                "input.bad_json",
                Location(file=doc.label, line=error.lineno),
                reason=f"{error.msg} (kolonne/column {error.colno})",
            ) from None
    try:
        return load_yaml(text)
    except DuplicateKeyError as error:
        raise InvalidGoalError(
            "input.duplicate_key", Location(file=doc.label, line=error.line), key=error.key
        ) from None
    except yaml.YAMLError as error:
        raise InvalidGoalError(
            "input.bad_yaml",
            Location(file=doc.label, line=error_line(error)),
            reason=error_reason(error),
        ) from None


def _goal_list(doc: _Document, data: Any, text: str) -> tuple[list[Any], tuple[str, ...]]:
    if isinstance(data, list):
        return data, ()
    if isinstance(data, dict) and set(data) == {"goals"} and isinstance(data["goals"], list):
        return data["goals"], ("goals",)
    found = _describe(data)
    line = line_of(text, ()) if isinstance(data, dict) else None
    raise InvalidGoalError("input.top_level", Location(file=doc.label, line=line), found=found)


def _describe(data: Any) -> str:
    if data is None:
        return "null"
    if isinstance(data, dict):
        keys = ", ".join(map(str, list(data)[:5]))
        return f"mapping {{{keys}}}"
    return f"{type(data).__name__} {str(data)[:40]!r}"


def _lines_of_id(doc: _Document, goal_id: str) -> Iterator[int]:
    if doc.format == "jsonl":
        with _open_text(doc) as lines:
            for number, line in _numbered(doc, lines):
                if line.strip() and str(json.loads(line).get("id")) == goal_id:
                    yield number
        return
    text = _read_text(doc)
    items, prefix = _goal_list(doc, _parse(doc, text), text)
    for index, raw in enumerate(items):
        if isinstance(raw, dict) and str(raw.get("id")) == goal_id:
            yield line_of(text, (*prefix, index)) or 0
