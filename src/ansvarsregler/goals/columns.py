"""What a spreadsheet's columns mean: headers and cells in bokmål or English to goal fields.

A planner's sheet says *Måltype* and *tjenestekvalitet*; a goal says
``goal_type: service_quality``. :class:`Columns` reads the header row once
(case, spaces, punctuation and accents do not count, so ``Påvirkning`` and
``PAVIRKNING`` are one column), then turns each row into the fields of a
goal. Every problem names the file, sheet, row and column, and what is
allowed, so the planner can find the cell and fix it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar, cast

from ansvarsregler.errors import AnsvarError, InvalidGoalError, Location
from ansvarsregler.folding import fold
from ansvarsregler.goals.column_words import FIELD_BY_WORD, FIELD_WORDS, VALUE_BY_WORD
from ansvarsregler.goals.fact_columns import (
    FILLED_IN,
    Source,
    fact_header,
    read_source,
    value_words,
)
from ansvarsregler.goals.result_columns import SOURCE_KEYS, sheet_columns
from ansvarsregler.goals.spreadsheets import STDIN, Cell, Row, Table, cell_text
from ansvarsregler.vocabulary import FACT_NAMES, LANGUAGES, Language

_LANGUAGES = cast(tuple[Language, ...], LANGUAGES)
_C = TypeVar("_C")
#: ``202 Grunnskole``, ``202 - Grunnskole``: a KOSTRA function with its name, as budget systems
#: export it. The code is kept; the name is not checked.
_KOSTRA_WITH_NAME = re.compile(r"(\d{3})(?!\d)[\s\-\u2013:.]+\D")


def column_letter(index: int) -> str:
    """The spreadsheet's name for the column at 0-based ``index``: A, B, ..., Z, AA, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_name(headers: Sequence[str], index: int) -> str:
    """The column at ``index`` as a message names it: its letter and header, ``E (Måltype)``."""
    header = headers[index] if index < len(headers) else ""
    letter = column_letter(index)
    return f"{letter} ({header})" if header else letter


def percent_text(cell: object, text: str) -> str:
    """A number in a percent cell as the sheet shows it: 0.85 as «85 %»."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return f"{float(cell) * 100:.10g} %".replace(".", ",")
    return text


def allowed_values(fact: str, lang: Language) -> str:
    """The values a fact's column takes, as a reader of ``lang`` would write them."""
    return ", ".join(value_words(fact, lang))


class Columns:
    """The meaning of each column of one table, read off its header row."""

    def __init__(self, table: Table) -> None:
        self.table = table
        header = [cell_text(cell).strip() for cell in table.header]
        while header and not header[-1]:
            header.pop()
        self.headers = header
        self.results, sources = _previous_results(header)
        """The result columns of an earlier run (replaced, never read as the goal), and the
        source column of each fact among them."""
        self.own_headers = self.own(header)
        self.fields: list[tuple[int, str]] = []
        self.extras: list[tuple[int, str]] = []
        self._column_of: dict[str, int] = {}
        extra_keys: set[str] = set()  # a set: a header of 16,384 columns is read in linear time
        for index, text in enumerate(header):
            if not text or index in self.results:
                continue
            name = FIELD_BY_WORD.get(fold(text))
            if name is None:
                key = text if text not in extra_keys else self.name(index)
                extra_keys.add(key)
                self.extras.append((index, key))
                continue
            if name in self._column_of:
                raise InvalidGoalError(
                    "sheet.duplicate_column",
                    self.where(table.header_row, index),
                    first=self.name(self._column_of[name]),
                    field_nb=FIELD_WORDS[name][0],
                    field_en=name,
                )
            self._column_of[name] = index
            self.fields.append((index, name))
        if "title" not in self._column_of:
            raise InvalidGoalError(
                "sheet.no_title_column",
                self.where(table.header_row),
                names=", ".join(FIELD_WORDS["title"]),
            )
        stem = Path(table.label).stem if table.label != STDIN else ""
        self._id_prefix = f"{stem}-rad-" if stem else "rad-"
        self._facts: list[tuple[int, str, dict[str, str]]] = [
            (i, n, {}) for i, n in self.fields if n in FACT_NAMES
        ]
        """Fact columns, each with the values its cells' words were found to stand for."""
        self._texts = [(i, n) for i, n in self.fields if n not in FACT_NAMES]
        self._fact_at = {index: name for index, name, _ in self._facts}
        for fact, index in sources.items():
            if fact not in self._column_of:
                raise InvalidGoalError(
                    "sheet.fact_column_missing",
                    self.where(table.header_row, index),
                    field_nb=fact_header(fact, "nb"),
                    field_en=fact_header(fact, "en"),
                )
        self._sources = sources
        """An earlier run's source column of each fact: how it filled in the fact cells."""
        self._records: dict[tuple[str, str], tuple[Source, str | None] | None] = {}
        self._cells_are_text = table.kind == "csv"
        self._widest = len(header)

    @property
    def output_width(self) -> int:
        """How many columns of the input classified output keeps (known after a pass).

        Every column up to the last cell with something in it, on any row;
        the result columns of an earlier run are left out (new ones replace them).
        """
        return max(len(self.headers), self._widest) - len(self.results)

    def own(self, cells: Sequence[_C]) -> Sequence[_C]:
        """``cells`` without those in an earlier run's result columns (``cells`` itself when
        there are none: the hot path of reading a sheet)."""
        if not self.results:
            return cells
        return [*cells[: self.results.start], *cells[self.results.stop :]]

    def own_index(self, index: int) -> int:
        """Where column ``index`` (not a result column) is among :meth:`own` cells."""
        return index - len(self.results) if self.results and index >= self.results.stop else index

    def original_index(self, place: int) -> int:
        """The column of the sheet at ``place`` among :meth:`own` cells."""
        return place + len(self.results) if self.results and place >= self.results.start else place

    def index_of(self, field: str) -> int | None:
        """The column read as goal field ``field``, if there is one."""
        return self._column_of.get(field)

    def name(self, index: int) -> str:
        """A column as a message names it: ``E (Måltype)``."""
        return column_name(self.headers, index)

    def where(self, row: int, index: int | None = None) -> Location:
        return Location(
            file=self.table.label,
            sheet=self.table.sheet,
            row=row,
            column=None if index is None else self.name(index),
        )

    def is_empty(self, cells: Row) -> bool:
        """A row with nothing in the columns read as the goal (or only the values an earlier
        run filled into its fact cells): not a goal."""
        texts = self._text(cells)
        return not self._has_goal_text(texts) or self._only_filled_in(texts)

    def goal(self, row: int, cells: Row) -> dict[str, str] | None:
        """The fields of the goal in row ``row``, or ``None`` for an empty row.

        A row without an id gets ``{file stem}-rad-{row}``, stable as long as
        the row stays where it is. (The hot path of reading a spreadsheet:
        100,000 rows are read twice in a run.)
        """
        texts = self._text(cells)
        count = len(texts)
        if count > self._widest:
            self._widest = max(self._widest, _content_width(texts))
        if not self._has_goal_text(texts) or self._only_filled_in(texts):
            return None
        goal: dict[str, str] = {}
        for index, name in self._texts:
            if index < count and (value := texts[index].strip()):
                goal[name] = value
        for index, name, known in self._facts:
            if index < count:
                text = texts[index]
                fact = known.get(text)
                if fact is None:
                    if not text.strip():
                        continue
                    fact = known[text] = self._fact(name, text, row, index)
                if self._sources and self._filled_in(name, fact, texts):
                    continue  # what an earlier run filled in, untouched: not the planner's word
                goal[name] = fact
        if "title" not in goal:
            raise InvalidGoalError("sheet.missing_title", self.where(row, self._column_of["title"]))
        kostra = goal.get("kostra_function")
        if kostra is not None and (match := _KOSTRA_WITH_NAME.match(kostra)):
            goal["kostra_function"] = match.group(1)
        if "id" not in goal:
            goal["id"] = f"{self._id_prefix}{row}"
        formats = self.table.formats
        for index, key in self.extras:
            if index < count and (value := texts[index].strip()):
                if formats and "%" in formats.get((row, index), ""):
                    value = percent_text(cells[index], value)
                goal[key] = value
        return goal

    def located(self, error: AnsvarError, row: int) -> AnsvarError:
        """``error`` (from validating the goal in ``row``) pointed at its cell."""
        field = error.location.field
        index = self._column_of.get(field.split(".")[0]) if field else None
        where = self.where(row, index)
        error.location = replace(where, field=field if index is None else None)
        return error

    def leftover(self, cells: Row) -> list[Cell]:
        """The :meth:`own` cells of a row that is not a goal, without the values an earlier
        run filled into its fact cells (the planner emptied the goal's own cells): they
        belonged to the goal, and no source column vouches for them any more."""
        own = list(self.own(cells))
        if not self._sources:
            return own
        texts = self._text(cells)
        for index, name in self._fact_at.items():
            if index < len(texts) and texts[index].strip() and self._untouched(name, index, texts):
                own[self.own_index(index)] = None
        return own

    def _has_goal_text(self, texts: Sequence[str]) -> bool:
        """Whether the columns under the header, but not an earlier run's results, hold text."""
        return bool("".join(self.own(texts[: len(self.headers)])).strip())

    def _only_filled_in(self, texts: Sequence[str]) -> bool:
        """Whether the row's only content in the goal's columns is what an earlier run filled
        into its fact cells (the planner emptied the goal's own cells)."""
        if not self._sources:
            return False
        for index, text in enumerate(texts[: len(self.headers)]):
            if index in self.results or not text.strip():
                continue
            fact = self._fact_at.get(index)
            if fact is None or not self._untouched(fact, index, texts):
                return False
        return True

    def _untouched(self, fact: str, index: int, texts: Sequence[str]) -> bool:
        """Whether fact cell ``index`` (not empty) still holds what an earlier run filled in."""
        value = VALUE_BY_WORD[fact].get(fold(texts[index]))
        return value is not None and self._filled_in(fact, value, texts)

    def _filled_in(self, fact: str, value: str, texts: Sequence[str]) -> bool:
        """Whether ``value`` in the fact cell is what an earlier run filled in (its source
        cell says it suggested or assumed that very value): the planner left it untouched."""
        index = self._sources.get(fact)
        if index is None or index >= len(texts):
            return False
        key = (fact, texts[index])
        if key not in self._records:
            self._records[key] = read_source(fact, texts[index])
        record = self._records[key]
        return record is not None and record[0] in FILLED_IN and record[1] == value

    def _text(self, cells: Row) -> Sequence[str]:
        """The cells as text: CSV cells already are."""
        if self._cells_are_text:
            return cells  # type: ignore[return-value]
        return [cell_text(cell) for cell in cells]

    def _fact(self, fact: str, text: str, row: int, index: int) -> str:
        """The fact value a cell's word stands for; else an error saying what is allowed."""
        found = VALUE_BY_WORD[fact].get(fold(text))
        if found is None:
            raise InvalidGoalError(
                "sheet.bad_value",
                self.where(row, index),
                value=text.strip(),
                **{f"allowed_{lang}": allowed_values(fact, lang) for lang in _LANGUAGES},
            )
        return found


def _content_width(texts: Sequence[str]) -> int:
    """How many cells there are up to the last one with something in it."""
    for index in range(len(texts) - 1, -1, -1):
        if texts[index].strip():
            return index + 1
    return 0


#: Every header the result columns of a run have had, folded, in either language: the
#: column's key, and for a source column its fact.
_RESULT_HEADERS: dict[str, str] = {
    fold(column.header(lang)): column.key
    for lang in _LANGUAGES
    for column in sheet_columns(with_profile=True)
}
#: A run's result columns start with the owner and hold its justification.
_FIRST, _NEEDED = "owner", "justification"


def _previous_results(header: Sequence[str]) -> tuple[range, dict[str, int]]:
    """An earlier run's result columns in ``header`` (empty when there are none), and the
    index of each fact's source column among them.

    Classifying a classified sheet again (after answering its questions) replaces the old
    results instead of appending a second set. They are found by their headers: from the
    last *Eier* (*Owner*) column to the last result header after it, with *Begrunnelse*
    (*Justification*) among them. A result column the planner renamed inside that stretch
    goes with them; a column the planner added after it is the planner's, and is kept.
    """
    keys = [_RESULT_HEADERS.get(fold(text)) for text in header]
    starts = [index for index, key in enumerate(keys) if key == _FIRST]
    if not starts:
        return range(0), {}
    start = starts[-1]
    found = [index for index in range(start, len(keys)) if keys[index] is not None]
    if not any(keys[index] == _NEEDED for index in found):
        return range(0), {}
    stop = found[-1] + 1
    sources = {
        SOURCE_KEYS[key]: index
        for index in range(start, stop)
        if (key := keys[index]) is not None and key in SOURCE_KEYS
    }
    return range(start, stop), sources
