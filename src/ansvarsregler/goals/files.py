"""Read goals from YAML, JSON, JSON Lines, CSV and XLSX files, folders and standard input.

:meth:`GoalFiles.check` validates every goal as it is read, and refuses a
duplicate id (kept by hash, eight bytes a goal); a caller that writes as it
goes holds its output back until the check has run to the end (``ansvar
classify`` does), so bad input never produces partial output.
:meth:`GoalFiles.goals` reads them all again for a caller that must count
them first (spreadsheet output). JSON Lines and CSV are streamed, so a
million goals never sit in memory at once, and so is a JSON document, one
goal of its list at a time (:mod:`ansvarsregler.files.json_items`); a YAML
document is parsed once and kept, as is an XLSX sheet. Standard input and
pipes are copied to a temporary file first, so they can be read twice too.
"""

from __future__ import annotations

import json
import math
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple, TypeVar

import yaml

from ansvarsregler.errors import AnsvarError, InvalidGoalError, Location
from ansvarsregler.files.json_depth import check_json_depth, parse_json_within_depth
from ansvarsregler.files.json_items import ReadWhole, json_list_items
from ansvarsregler.files.safe_yaml import (
    DuplicateKeyError,
    error_line,
    error_reason,
    line_of,
    load_yaml,
)
from ansvarsregler.folding import fold
from ansvarsregler.goals.column_words import FIELD_BY_WORD
from ansvarsregler.goals.columns import Columns
from ansvarsregler.goals.model import Goal, to_goal, trusted_goal
from ansvarsregler.goals.seen_ids import SeenIds
from ansvarsregler.goals.spreadsheets import OLE2, STDIN, read_csv, read_xlsx
from ansvarsregler.limits import CELL_LENGTH, FILE_SIZE, GOALS, NESTING_DEPTH

InputFormat = Literal["yaml", "json", "jsonl", "csv", "xlsx"]
INPUT_FORMATS: tuple[str, ...] = ("yaml", "json", "jsonl", "csv", "xlsx")
_SUFFIXES: dict[str, InputFormat] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".xlsx": "xlsx",
}
#: Spreadsheet formats openpyxl cannot read: a clear message instead of "not text".
_UNREADABLE_SPREADSHEETS = (".xls", ".ods", ".numbers")
_ZIP = b"PK\x03\x04"
_SNIFF_BYTES = 64 * 1024
_BOM = b"\xef\xbb\xbf"
_COPY_CHUNK = 1 << 20


@dataclass
class _Document:
    """One input: a regular file (standard input and pipes are spooled to one)."""

    label: str
    path: Path
    format: InputFormat
    sniffed: bool
    """The format was guessed from the content: JSON that fails may still be YAML."""
    goals: list[tuple[Goal, Callable[[], int | None]]] | None = field(default=None)
    """Validated goals of a YAML document with their lines (of an XLSX sheet: their rows),
    kept after the first pass."""
    columns: Columns | None = None
    """A spreadsheet's table and what its columns mean."""

    @property
    def json_list(self) -> bool:
        """A JSON document read one goal at a time; one whose format was guessed is read
        whole, since it may turn out to be YAML."""
        return self.format == "json" and not self.sniffed


class ReadGoal(NamedTuple):
    """A validated goal and where it was read (a tuple: a million are made per run)."""

    goal: Goal
    file: str
    line: Callable[[], int | None]
    """The goal's line, worked out only when a message needs it."""
    sheet: str | None = None
    row: int | None = None
    """A spreadsheet's row (then there is no line)."""

    def where(self) -> Location:
        """Where the goal was read, as a message names it."""
        if self.row is not None:
            return Location(file=self.file, sheet=self.sheet, row=self.row, goal=self.goal.id)
        return Location(file=self.file, line=self.line(), goal=self.goal.id)


class GoalFiles:
    """Goals from the given paths; call :meth:`check` before :meth:`goals`."""

    def __init__(
        self,
        paths: Sequence[str],
        *,
        input_format: InputFormat | None = None,
        stdin: IO[bytes] | None = None,
        sheet: str | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        """``sheet``: the sheet to read in every XLSX file (default: the first). ``labels``:
        the name a path is given in messages, where it is not the user's own (an upload
        held in memory)."""
        self._labels = labels or {}
        self._spools: list[IO[bytes]] = []
        self._documents: list[_Document] = []
        try:
            for label, path in self._expand(paths, stdin):
                with _reading(label):
                    fmt, sniffed = (
                        (input_format, False) if input_format else _detect_format(label, path)
                    )
                    doc = _Document(label, path, fmt, sniffed)
                    if fmt == "csv":
                        doc.columns = Columns(read_csv(label, path))
                    elif fmt == "xlsx":
                        doc.columns = Columns(read_xlsx(label, path, sheet))
                self._documents.append(doc)
            if sheet is not None and all(doc.format != "xlsx" for doc in self._documents):
                raise InvalidGoalError("sheet.option_without_xlsx", Location(), sheet=sheet)
        except BaseException:
            self.close()
            raise
        self.count = 0

    @property
    def files(self) -> list[Path]:
        """The files read from disk (not standard input)."""
        return [doc.path for doc in self._documents if doc.label != STDIN]

    @property
    def reads_stdin(self) -> bool:
        """Whether standard input is among the inputs (it can be read only once)."""
        return any(doc.label == STDIN for doc in self._documents)

    def check(self) -> Iterator[ReadGoal]:
        """First pass: validate every goal, yielding each once; raises on the first problem."""
        seen = SeenIds()
        self.count = 0
        max_goals = GOALS.value()
        for doc in self._documents:
            sheet = doc.columns.table.sheet if doc.columns is not None else None
            for place, (goal, line) in enumerate(_read_through(doc.label, self._validated(doc))):
                if seen.add(goal.id):
                    self._refuse_duplicate(goal.id, doc, place, line())
                self.count += 1
                if self.count > max_goals:  # as they are read: the next million are not
                    GOALS.check(self.count, ReadGoal(goal, doc.label, line).where())
                if doc.columns is None:
                    yield ReadGoal(goal, doc.label, line)
                else:
                    yield ReadGoal(goal, doc.label, _no_line, sheet, line())

    def goals(self) -> Iterator[Goal]:
        """Second pass: the goals again, in order, without holding JSON Lines in memory."""
        for doc in self._documents:
            read = doc.goals if doc.goals is not None else self._validated(doc)
            for goal, _ in _read_through(doc.label, read):
                yield goal

    def spreadsheets(self) -> list[Columns] | None:
        """The inputs as spreadsheets, when every input is one; else ``None``.

        Classified output can then keep every row and column of the input;
        that takes one header, so inputs with different headers are refused.
        Call after :meth:`check`.
        """
        tables = [doc.columns for doc in self._documents if doc.columns is not None]
        if not tables or len(tables) != len(self._documents):
            return None
        first = tables[0]
        for columns in tables[1:]:
            if columns.own_headers != first.own_headers:
                raise InvalidGoalError(
                    "sheet.headers_differ",
                    Location(file=columns.table.label, sheet=columns.table.sheet),
                    first=first.table.label,
                )
        return tables

    def close(self) -> None:
        for spool in self._spools:
            spool.close()

    def __enter__(self) -> GoalFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- finding the files -------------------------------------------------

    def _expand(self, paths: Sequence[str], stdin: IO[bytes] | None) -> Iterator[tuple[str, Path]]:
        seen: set[Path] = set()
        for raw in paths:
            if raw == STDIN:
                if stdin is None:
                    raise InvalidGoalError("input.empty_stdin", Location(file=STDIN))
                yield STDIN, self._spool(stdin, STDIN)
                continue
            path = Path(raw)
            if path.is_dir():
                found = sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in _SUFFIXES
                    and not p.name.startswith("~$")  # Excel's lock file beside an open workbook
                    and p.is_file()
                )
                if not found:
                    raise InvalidGoalError("input.no_goal_files", Location(file=raw))
                files = [(str(file), file) for file in found]
            elif path.is_file():
                files = [(self._labels.get(raw, raw), path)]
            elif path.exists() and _is_device(path):  # /dev/zero would never end
                raise InvalidGoalError("input.device", Location(file=raw))
            elif path.exists():  # a pipe such as <(...): it can be read only once
                with path.open("rb") as pipe:
                    files = [(raw, self._spool(pipe, raw, suffix=path.suffix))]
            else:
                raise InvalidGoalError("input.not_found", Location(file=raw))
            for label, file in files:
                FILE_SIZE.check(file.stat().st_size, Location(file=label))
                identity = file.resolve()
                if identity not in seen:  # the same file named twice is read once
                    seen.add(identity)
                    yield label, file

    def _spool(self, source: IO[bytes], label: str, suffix: str = "") -> Path:
        spool = tempfile.NamedTemporaryFile(prefix="ansvar-", suffix=suffix or ".in")  # noqa: SIM115
        self._spools.append(spool)
        size = 0
        read = getattr(source, "read1", source.read)  # one read each: on a terminal, one
        while chunk := read(_COPY_CHUNK):  # Ctrl-D ends it (read() would want a second);
            size += len(chunk)  # bounded: a pipe may never end
            FILE_SIZE.check(size, Location(file=label))
            spool.write(chunk)
        spool.flush()
        if spool.tell() == 0:
            raise InvalidGoalError("input.empty_stdin", Location(file=label))
        return Path(spool.name)

    # -- reading one document ----------------------------------------------

    def _validated(self, doc: _Document) -> Iterator[tuple[Goal, Callable[[], int | None]]]:
        if doc.format == "jsonl":
            yield from _jsonl_goals(doc)
            return
        if doc.json_list:
            yield from _json_goals(doc)
            return
        if doc.columns is not None and doc.format == "csv":
            yield from _table_goals(doc.columns)
            return
        if doc.goals is None:
            doc.goals = list(
                _table_goals(doc.columns) if doc.columns is not None else _document_goals(doc)
            )
        yield from doc.goals

    def _refuse_duplicate(self, goal_id: str, doc: _Document, place: int, line: int | None) -> None:
        """Raise if ``goal_id`` stood before the goal at ``place`` (its position among the
        goals of ``doc``), saying where it stood first (found only on this path); return if
        that goal is its first (another id had the same hash)."""
        first = next(
            (
                (other, where)
                for other in self._documents
                for where in _places_of_id(other, goal_id)
            ),
            None,
        )
        if first is not None and first[0] is doc and first[1].place == place:
            return
        if doc.columns is not None:  # line is the row; the id stands in the id column
            where = doc.columns.where(line or 0, doc.columns.index_of("id"))
            where = replace(where, goal=goal_id, field=None if where.column else "id")
        else:
            where = Location(file=doc.label, line=line, goal=goal_id, field="id")
        shown = f"{first[0].label}:{first[1].line}" if first is not None else "?"
        raise InvalidGoalError("input.duplicate_id", where, goal_id=goal_id, first=shown)


@contextmanager
def _reading(label: str) -> Iterator[None]:
    """An error of the operating system while reading ``label`` (a file without read
    permission, a disk error) as an error naming the file."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise InvalidGoalError("input.unreadable", Location(file=label), reason=reason) from None


_T = TypeVar("_T")


def _read_through(label: str, goals: Iterable[_T]) -> Iterator[_T]:
    """``goals``, read under :func:`_reading`."""
    with _reading(label):
        yield from goals


def _is_device(path: Path) -> bool:
    mode = path.stat().st_mode
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


def _detect_format(label: str, path: Path) -> tuple[InputFormat, bool]:
    """The format by suffix, else by content: (format, whether it was guessed)."""
    suffix = path.suffix.lower() if label != STDIN else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix], False
    if suffix in _UNREADABLE_SPREADSHEETS:
        raise InvalidGoalError("sheet.unreadable_format", Location(file=label), suffix=suffix)
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith((_ZIP, OLE2)):  # an XLSX workbook is a zip archive; an encrypted one OLE2
        return "xlsx", True
    stripped = head.removeprefix(_BOM).lstrip()
    if _looks_like_csv(stripped):
        return "csv", True
    if stripped[:1] not in (b"{", b"["):
        return "yaml", True
    first_line, _, rest = stripped.partition(b"\n")
    check_json_depth(first_line.decode("utf-8", errors="replace"), label, line=1)
    try:
        first = json.loads(first_line)
    except ValueError:
        return "json", True
    # Goal objects one per line are JSON Lines, and so is a single goal on its own; a
    # document of goals on one line (``{"goals": [...]}``, as json.dumps writes it) is JSON.
    one_goal = isinstance(first, dict) and set(first) != {"goals"}
    return ("jsonl" if one_goal and rest.strip()[:1] in (b"{", b"") else "json"), True


def _looks_like_csv(head: bytes) -> bool:
    """A header line with delimiters and no ``key:`` or ``- `` of YAML, nor JSON's brackets;
    or a title header alone (``Mål``), a column of titles copied from a sheet, which YAML
    would read as one string."""
    first_line = head.split(b"\n", 1)[0].rstrip(b"\r")
    if FIELD_BY_WORD.get(fold(first_line.decode("utf-8", errors="replace"))) == "title":
        return True
    return (
        first_line[:1] not in (b"{", b"[", b"-", b"#", b"%", b"")
        and b":" not in first_line
        and any(delimiter in first_line for delimiter in (b";", b",", b"\t"))
    )


def _no_line() -> int | None:
    return None


def _table_goals(columns: Columns) -> Iterator[tuple[Goal, Callable[[], int | None]]]:
    """The goals of a spreadsheet, one per row that is not empty, with their rows."""
    cell_length = CELL_LENGTH.value()
    for row, cells in columns.table.rows():
        raw = columns.goal(row, cells)
        if raw is None:
            continue
        try:
            goal = to_goal(raw, cell_length=cell_length)
        except AnsvarError as error:
            raise columns.located(error, row) from None
        yield goal, partial(int, row)


#: How much of a JSON Lines file is read at a time: a million goals are 300 MB, which
#: Python's default reads 8 KB at a time.
_READ_BUFFER = 1 << 20


def _jsonl_goals(doc: _Document) -> Iterator[tuple[Goal, Callable[[], int | None]]]:
    item = 0
    cell_length, depth = CELL_LENGTH.value(), NESTING_DEPTH.value()
    with doc.path.open("rb", _READ_BUFFER) as lines:
        for number, raw_line in enumerate(lines, start=1):
            line = raw_line.removeprefix(_BOM) if number == 1 else raw_line
            if b"\x00" in line:
                raise InvalidGoalError("input.not_text", Location(file=doc.label, line=number))
            if not line or line.isspace():  # blank (isspace makes no copy, as strip would)
                continue
            item += 1
            try:
                text = line.decode("utf-8")
                check_json_depth(text, doc.label, line=number, limit=depth)
                raw = _strict_json(text)
            except UnicodeDecodeError:
                raise InvalidGoalError(
                    "input.not_text", Location(file=doc.label, line=number)
                ) from None
            except ValueError as error:
                raise _json_error(doc, error, line=number) from None
            goal = trusted_goal(raw, cell_length)  # the usual line: no pydantic, same goal
            if goal is None:
                try:
                    goal = to_goal(raw, item=item, file=doc.label, cell_length=cell_length)
                except AnsvarError as error:
                    error.location = replace(error.location, line=number)
                    raise
            yield goal, partial(int, number)
    if item == 0:
        raise InvalidGoalError("input.empty_file", Location(file=doc.label))


def _json_goals(doc: _Document) -> Iterator[tuple[Goal, Callable[[], int | None]]]:
    """The goals of a JSON document, one at a time; where the document is not a well-formed
    list of goals, or a goal is not valid, it is read whole from there on, as a YAML
    document is, for the same message with the same line."""
    cell_length = CELL_LENGTH.value()
    done = 0
    try:
        for raw, line in json_list_items(doc.path, _STRICT_DECODER, NESTING_DEPTH.value()):
            goal = trusted_goal(raw, cell_length)  # the usual goal: no pydantic, same goal
            if goal is None:
                try:
                    goal = to_goal(raw, cell_length=cell_length)
                except AnsvarError:  # worded with its line by the whole reading
                    raise ReadWhole from None
            yield goal, partial(int, line)
            done += 1
        return
    except ReadWhole:
        pass
    # Outside the handler, so that the window read so far is let go before the whole text.
    yield from islice(_document_goals(doc), done, None)


def _document_goals(doc: _Document) -> Iterator[tuple[Goal, Callable[[], int | None]]]:
    text = _read_text(doc)
    data = _parse(doc, text)
    items, prefix = _goal_list(doc, data, text)
    cell_length = CELL_LENGTH.value()
    for index, raw in enumerate(items):
        try:
            goal = trusted_goal(raw, cell_length) or to_goal(
                raw, item=index + 1, file=doc.label, cell_length=cell_length
            )
        except AnsvarError:  # validate again, now saying on which line the problem is
            line_for = partial(_line_in_document, text, (*prefix, index))
            to_goal(raw, item=index + 1, file=doc.label, line_for=line_for)
            raise
        yield goal, partial(line_of, text, (*prefix, index))


def _line_in_document(
    text: str, goal_path: tuple[str | int, ...], loc: Sequence[str | int]
) -> int | None:
    """The line of field ``loc`` of the goal at ``goal_path`` in the document ``text``."""
    return line_of(text, (*goal_path, *loc))


def _read_text(doc: _Document) -> str:
    data = doc.path.read_bytes()
    if (nul := data.find(b"\x00")) >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InvalidGoalError("input.not_text", Location(file=doc.label, line=line))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidGoalError("input.not_text", Location(file=doc.label, line=line)) from None
    if not text.strip():
        raise InvalidGoalError("input.empty_file", Location(file=doc.label))
    return text


def _parse(doc: _Document, text: str) -> Any:
    if doc.format == "json":
        try:
            return parse_json_within_depth(text, _strict_json, doc.label)
        except ValueError as error:
            if not doc.sniffed:
                raise _json_error(doc, error, line=_duplicate_key_line(error, text)) from None
            try:  # it looked like JSON, but YAML's flow style looks the same
                return load_yaml(text, text_scalars=True, file=doc.label)
            except yaml.YAMLError:
                raise _json_error(doc, error, line=_duplicate_key_line(error, text)) from None
    try:
        return load_yaml(text, text_scalars=True, file=doc.label)
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


def _strict_json(text: str) -> Any:
    """``json.loads`` that refuses what JSON does not allow or a goal cannot hold.

    Duplicate keys, NaN and Infinity, and numbers too large to keep are errors
    instead of a silently dropped key or a ``null`` in the output. One decoder
    serves every call (``json.loads`` with these options would make one per line).
    """
    if text.startswith("\ufeff"):  # as json.loads says it
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    return _STRICT_DECODER.decode(text)


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateJsonKey(key)
            seen.add(key)
    return result


class _DuplicateJsonKey(ValueError):
    """An object names the same key twice (``json.loads`` would keep the last)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key


def _duplicate_key_line(error: ValueError, text: str) -> int | None:
    """The line of a duplicate key in a JSON document (JSON is YAML: its loader says where)."""
    if not isinstance(error, _DuplicateJsonKey):
        return None
    try:
        load_yaml(text)
    except DuplicateKeyError as duplicate:
        return duplicate.line
    except (yaml.YAMLError, AnsvarError):
        return None
    return None


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large")
    return value


_STRICT_DECODER = json.JSONDecoder(
    object_pairs_hook=_object_without_duplicates,
    parse_constant=_refuse_constant,
    parse_float=_finite_float,
)


def _json_error(doc: _Document, error: ValueError, line: int | None = None) -> InvalidGoalError:
    if isinstance(error, _DuplicateJsonKey):
        where_key = Location(file=doc.label, line=line)
        return InvalidGoalError("input.duplicate_key", where_key, key=error.key)
    where: int | None = line
    reason = str(error)
    if isinstance(error, json.JSONDecodeError):
        where = line if line is not None else error.lineno
        reason = f"{error.msg} (kolonne/column {error.colno})"
    return InvalidGoalError("input.bad_json", Location(file=doc.label, line=where), reason=reason)


def _goal_list(doc: _Document, data: Any, text: str) -> tuple[list[Any], tuple[str, ...]]:
    if isinstance(data, list):
        return data, ()
    if isinstance(data, dict) and set(data) == {"goals"}:
        if isinstance(data["goals"], list):
            return data["goals"], ("goals",)
        found = f"goals: {_describe(data['goals'])}"
    else:
        found = _describe(data)
    line = line_of(text, ("goals",)) if isinstance(data, dict) else None
    raise InvalidGoalError("input.top_level", Location(file=doc.label, line=line), found=found)


def _describe(data: Any) -> str:
    if data is None:
        return "null"
    if isinstance(data, dict):
        keys = ", ".join(map(str, list(data)[:5]))
        return f"mapping {{{keys}}}"
    return f"{type(data).__name__} {str(data)[:40]!r}"


class _Place(NamedTuple):
    """Where a goal stands in its file: its position among the file's goals, and its line
    (or row)."""

    place: int
    line: int


def _places_of_id(doc: _Document, goal_id: str) -> Iterator[_Place]:
    """Where ``goal_id`` stands in ``doc``, counted as :meth:`GoalFiles.check` counts goals
    (several goals may share a line: JSON written on one line)."""
    if doc.format == "jsonl":
        place = 0
        with doc.path.open("rb") as lines:
            for number, raw_line in enumerate(lines, start=1):
                line = raw_line.removeprefix(_BOM) if number == 1 else raw_line
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                except ValueError:
                    raw = None
                if isinstance(raw, dict) and str(raw.get("id", "")).strip() == goal_id:
                    yield _Place(place, number)
                place += 1
        return
    if doc.json_list:
        goals: Iterable[tuple[Goal, Callable[[], int | None]]] | None = _read_through(
            doc.label, _json_goals(doc)
        )
    elif doc.format == "csv" and doc.columns:
        goals = _table_goals(doc.columns)
    else:
        goals = doc.goals
    for place, (goal, line_of_goal) in enumerate(goals or ()):
        if goal.id == goal_id:
            yield _Place(place, line_of_goal() or 0)
