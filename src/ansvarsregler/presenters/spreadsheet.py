"""Spreadsheet output: the planner's own sheet with the result columns added, as CSV or XLSX.

When every input is a spreadsheet, the output is that spreadsheet again:
every row (empty rows between goals too) and every column in the original
order with the values unchanged, a column for each fact the sheet has none
for, and the result columns (owner, adopted by, rule, principle,
justification, assumptions, questions, warnings, and where each fact came
from) after them, headed in the chosen language. Each fact cell holds the
value the owner was decided on; one the planner left empty gets the
suggested or assumed value, or stays empty where the fact is asked (see
:mod:`ansvarsregler.goals.fact_columns`). In XLSX the fact cells offer
their values in a drop-down, show at a glance how each came about (a
colour, and a comment quoting the words for a suggestion), and the sheet
has a frozen header, a filter and an A4 landscape print setup. Otherwise an
XLSX file gets the flat rows CSV output has.

Cells a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) are neutralised, the input's own cells
included. In CSV they get a leading apostrophe, as in ``--format csv``, except
plain numbers such as ``-5`` or ``-2,5``, which no spreadsheet runs and which
stay as they are. In XLSX they are written as text cells with Excel's quote
prefix (what Excel stores when a person types ``'=...``): the value is
unchanged and is shown, never run.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, Literal

from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.goals.columns import Columns
from ansvarsregler.goals.fact_columns import (
    fact_header,
    value_word,
)
from ansvarsregler.goals.result_columns import (
    FLAT_COLUMNS,
    FLAT_KEYS,
    sheet_columns,
    sheet_headers,
    working_facts,
)
from ansvarsregler.goals.spreadsheets import EXCEL_DIALECT, Cell, cell_text, is_blank
from ansvarsregler.i18n import message
from ansvarsregler.presenters.flat import FORMULA_STARTS, neutralise_formula
from ansvarsregler.presenters.working_sheet import Facts, Overview, WorkingSheet
from ansvarsregler.presenters.xlsx_cells import PLAIN, CellWriter, sheet_name, workbook_options
from ansvarsregler.result import Classification
from ansvarsregler.vocabulary import FACT_NAMES, Language

SpreadsheetFormat = Literal["csv", "xlsx"]
SPREADSHEET_FORMATS: tuple[str, ...] = ("csv", "xlsx")

_FORMULA_STARTS = frozenset(FORMULA_STARTS)
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
#: The width in XLSX output of the planner's own columns, in characters: a goal's title and
#: description wrap in a wide column; any other column fits its header, within bounds.
_TEXT_WIDTH = 45
_FACT_WIDTH = 24
_NARROWEST, _WIDEST = 10, 30
#: Columns an XLSX sheet can hold (A to XFD): Excel refuses, or "repairs" away, any past it.
XLSX_MAX_COLUMNS = 16_384


def write_spreadsheet(
    results: Iterable[Classification],
    fmt: SpreadsheetFormat,
    out: IO[bytes],
    lang: Language,
    *,
    tables: Sequence[Columns] | None,
    with_profile: bool = False,
    rows_expected: int | None = None,
) -> None:
    """Write ``results`` as ``fmt`` to ``out``: into ``tables`` (the input spreadsheets) if
    given, else as flat rows (XLSX only; flat CSV is :func:`~.flat.write_csv`).

    ``tables`` must have been read through once (:meth:`GoalFiles.check`), so
    that their widths are known, and ``results`` must be their goals' results
    in order. ``rows_expected``: about how many rows there are, if known (a short XLSX
    sheet is built in memory, faster; a long one, or one of unknown length, is streamed).
    """
    if tables:
        layout = _Layout(tables, lang)
        overview = Overview(lang)
        watched = overview.watch(results) if fmt == "xlsx" else iter(results)
        rows = _table_rows(tables, watched, lang, with_profile, layout)
        header = _header(tables, lang, with_profile, layout)
        if fmt == "csv":
            _write_csv(header, rows, tables, out)
        else:
            if len(header) > XLSX_MAX_COLUMNS:
                raise InvalidGoalError(
                    "output.xlsx_too_wide",
                    Location(file=tables[0].table.label, sheet=tables[0].table.sheet),
                    count=len(header),
                    limit=XLSX_MAX_COLUMNS,
                )
            added = sheet_columns(with_profile)
            widths = _own_widths(tables[0], header[: layout.input_width], layout)
            widths += [column.width for column in added]
            title = sheet_name(tables[0].table.sheet or message("sheet.title", lang))
            working = WorkingSheet(
                layout.column_of, layout.input_width, lang, added, _wrapped_own(tables[0]), widths
            )
            _write_xlsx(header, rows, out, title, widths, working, overview, rows_expected)
    elif fmt == "xlsx":
        flat: Iterator[_Row] = ((_flat_cells(result), (), {}, ()) for result in results)
        widths = [column.width for column in FLAT_COLUMNS]
        title = message("sheet.title", lang)
        _write_xlsx(list(FLAT_KEYS), flat, out, title, widths, None, None, rows_expected)
    else:
        raise ValueError("flat CSV is written by presenters.flat.write_csv")


# -- rows ------------------------------------------------------------------------

Formats = dict[int, str]
"""Number formats of one row's cells, by column index (XLSX input only)."""
_Row = tuple[list[Cell], tuple[Cell, ...], Formats, Facts]
"""A row: the input's cells (with the fact columns), the result cells, the number formats,
and the fact cells."""


class _Layout:
    """Where the facts go in the output: the sheet's own fact columns, and after the sheet's
    columns one for each fact it has none for."""

    def __init__(self, tables: Sequence[Columns], lang: Language) -> None:
        first = tables[0]
        self.width = max(columns.output_width for columns in tables)
        own = {fact: _own_column(first, fact) for fact in FACT_NAMES}
        missing = [fact for fact in FACT_NAMES if own[fact] is None]
        self.added_headers: list[Cell] = [fact_header(fact, lang) for fact in missing]
        self.column_of: dict[str, int] = {
            fact: index if index is not None else self.width + missing.index(fact)
            for fact, index in own.items()
        }

    @property
    def input_width(self) -> int:
        """The sheet's columns and the added fact columns."""
        return self.width + len(self.added_headers)


def _own_widths(columns: Columns, header: Sequence[Cell], layout: _Layout) -> list[float]:
    """Widths of the sheet's own columns and the added fact columns, in characters: the
    facts' columns wide enough for their longest drop-down word."""
    wide = set(_wrapped_own(columns))
    facts = set(layout.column_of.values())
    return [
        _TEXT_WIDTH
        if index in wide
        else _FACT_WIDTH
        if index in facts
        else max(_NARROWEST, min(_WIDEST, len(cell_text(text)) + 4))
        for index, text in enumerate(header)
    ]


def _wrapped_own(columns: Columns) -> tuple[int, ...]:
    """The sheet's own columns whose text wraps: the goal's title and description."""
    found = (_own_column(columns, "title"), _own_column(columns, "description"))
    return tuple(index for index in found if index is not None)


def _own_column(columns: Columns, field: str) -> int | None:
    """Where the sheet's column for ``field`` is in the output row, if it has one."""
    index = columns.index_of(field)
    return None if index is None else columns.own_index(index)


def _header(
    tables: Sequence[Columns], lang: Language, with_profile: bool, layout: _Layout
) -> list[Cell]:
    first = tables[0]
    header = _fit(first.own(first.table.header), layout.width) + layout.added_headers
    return header + list(sheet_headers(lang, with_profile))


def _table_rows(
    tables: Sequence[Columns],
    results: Iterator[Classification],
    lang: Language,
    with_profile: bool,
    layout: _Layout,
) -> Iterator[_Row]:
    """Every row of every table with its result cells (blank for empty rows).

    Empty rows after the last goal of a table (a sheet formatted further
    down than it is filled) are left out; the header rows of the second and
    later tables too, since the output has one header.
    """
    width = layout.input_width
    added = sheet_columns(with_profile)
    blank: tuple[Cell, ...] = (None,) * len(added)
    for _ in range(tables[0].table.header_row - 1):
        yield _fit((), width), blank, {}, ()
    for columns in tables:
        formats = columns.table.formats
        waiting: list[_Row] = []
        for number, cells in columns.table.rows():
            row_formats = _row_formats(formats, number, width, columns) if formats else {}
            if columns.is_empty(cells):  # no goal; but cells outside the goal's columns count
                row: _Row = (
                    _fit(columns.leftover(cells)[: layout.width], width),
                    blank,
                    row_formats,
                    (),
                )
                if all(is_blank(cell) for cell in cells):
                    waiting.append(row)
                    continue
                yield from waiting
                waiting.clear()
                yield row
                continue
            yield from waiting
            waiting.clear()
            result = next(results)
            readable = tuple(column.readable(result, lang) for column in added)
            fitted = _fit(columns.own(cells)[: layout.width], width)
            facts = tuple((layout.column_of[cell.fact], cell) for cell in working_facts(result))
            for index, cell in facts:
                # A fact that is not stated is the run's to fill in: the cell was empty, or held
                # a value an earlier run filled in that the planner left untouched.
                if cell.source != "stated":
                    fitted[index] = value_word(cell.fact, cell.value, lang) if cell.value else None
            yield fitted, readable, row_formats, facts


def _row_formats(
    formats: dict[tuple[int, int], str], number: int, width: int, columns: Columns
) -> Formats:
    """Row ``number``'s number formats by output column (the sheet's by its own columns)."""
    return {
        place: fmt
        for place in range(width)
        if (fmt := formats.get((number, columns.original_index(place))))
    }


def _fit(cells: Sequence[Cell], width: int) -> list[Cell]:
    """``cells`` cut or padded to ``width``."""
    fitted = list(cells[:width])
    if len(fitted) < width:
        fitted.extend([None] * (width - len(fitted)))
    return fitted


def _flat_cells(result: Classification) -> list[Cell]:
    """The flat row of ``--format csv`` as cells; the principle as a number."""
    return [column.value(result) or None for column in FLAT_COLUMNS]


# -- CSV ---------------------------------------------------------------------------


def csv_cell(cell: Cell) -> str:
    """A cell as CSV text, a would-be formula neutralised (a plain number is left as it is)."""
    text = cell_text(cell)
    if text and text[0] in _FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(text):
        return neutralise_formula(text)
    return text


def _write_csv(
    header: list[Cell],
    rows: Iterable[_Row],
    tables: Sequence[Columns],
    out: IO[bytes],
) -> None:
    """CSV in the first CSV input's dialect: delimiter, line ending, and a BOM for Excel.

    Quoting as csv.writer's minimal quoting, and a cell holding a carriage
    return is always quoted (csv.writer leaves a lone one bare unless the line
    ending holds one, and the file would read back with a row broken in two).
    The result columns are the same for every goal with the same facts and
    words, so each distinct set is quoted once: writing 100,000 rows of
    justifications is a third of the run otherwise.
    """
    dialect = next((c.table.dialect for c in tables if c.table.dialect is not None), EXCEL_DIALECT)
    text = io.TextIOWrapper(out, encoding="utf-8-sig" if dialect.for_excel else "utf-8", newline="")
    delimiter, newline = dialect.delimiter, dialect.newline
    field = _csv_field(delimiter)
    write = text.write
    segments: dict[tuple[Cell, ...], str] = {}
    try:
        write(delimiter.join(map(field, header)) + newline)
        for cells, results, _, _ in rows:
            segment = segments.get(results)
            if segment is None:
                if len(segments) >= _SEGMENTS_KEPT:
                    segments.clear()
                segment = segments[results] = delimiter.join(map(field, results))
            write(delimiter.join(map(field, cells)) + delimiter + segment + newline)
        text.flush()
    finally:
        text.detach()  # leave ``out`` open: its owner closes it


#: Distinct result column sets kept quoted (each about a kilobyte).
_SEGMENTS_KEPT = 4096


def _csv_field(delimiter: str) -> Callable[[Cell], str]:
    """A function from a cell to its CSV field: neutralised, and quoted where needed."""
    special = re.compile(f'[{re.escape(delimiter)}"\r\n]')
    starts = _FORMULA_STARTS

    def field(cell: Cell) -> str:
        value = cell if isinstance(cell, str) else cell_text(cell)
        if value[:1] in starts:
            value = csv_cell(value)
        if special.search(value):
            return '"' + value.replace('"', '""') + '"'
        return value

    return field


# -- XLSX --------------------------------------------------------------------------


def _write_xlsx(
    header: list[Cell],
    rows: Iterable[_Row],
    out: IO[bytes],
    title: str,
    widths: Sequence[float],
    working: WorkingSheet | None,
    overview: Overview | None,
    rows_expected: int | None,
) -> None:
    """One sheet written with XlsxWriter (no formulas ever); with ``working``, the planner's
    working sheet (drop-downs, colours, comments, print setup). Nothing reaches ``out`` until
    every row is written: the output is all or nothing.
    """
    import xlsxwriter  # imported here: only XLSX output pays for loading it

    with tempfile.TemporaryDirectory(prefix="ansvar-xlsx-") as scratch:
        workbook = xlsxwriter.Workbook(out, workbook_options(rows_expected, scratch))
        try:
            _fill_workbook(workbook, header, rows, title, widths, working, overview)
            workbook.close()  # the first byte of ``out``: the rows are held until here
        except xlsxwriter.exceptions.XlsxWriterException as error:
            raise InvalidGoalError("output.xlsx_failed", Location(), reason=str(error)) from None


def _fill_workbook(
    workbook: Any,
    header: list[Cell],
    rows: Iterable[_Row],
    title: str,
    widths: Sequence[float],
    working: WorkingSheet | None,
    overview: Overview | None,
) -> None:
    """The sheets of ``workbook``: the rows, then the overview and the rules sheets."""
    cells = CellWriter(workbook)
    sheet = workbook.add_worksheet(title)
    for index, width in enumerate(widths):
        options = working.column_options(index) if working is not None else {}
        sheet.set_column(index, index, width, None, options)
    heading = working.header_look() if working is not None else PLAIN
    if working is not None:
        working.set_up(sheet)
    for index, cell in enumerate(header):
        cells.write(sheet, 0, index, cell, heading)
    number = 1
    write = cells.write
    for number, (own, results, formats, facts) in enumerate(rows, start=2):
        row = [*own, *results]
        _refuse_long_cells(row, header, number)
        place = number - 1
        if working is None:
            for index, cell in enumerate(row):
                if cell is not None:
                    write(sheet, place, index, cell, PLAIN, formats.get(index))
            continue
        looks, height = working.row_looks(row, facts)
        if height is not None:
            sheet.set_row(place, height)
        for index, cell in enumerate(row):
            if cell is not None or looks[index].fill is not None:
                write(sheet, place, index, cell, looks[index], formats.get(index))
        working.comments(sheet, place, facts)
    if working is not None:
        working.finish(sheet, len(header), number)
    if overview is not None:
        overview.write(cells, taken=[title])


#: Characters one XLSX cell holds (Excel's limit; longer text is cut by Excel).
XLSX_CELL_LENGTH = 32_767


def _refuse_long_cells(row: list[Any], header: list[Cell], number: int) -> None:
    """Refuse a row with a cell over :data:`XLSX_CELL_LENGTH` characters, naming it.

    Refused rather than split: a result cell is one justification or list of
    questions, and text split over cells, or cut, reads as a different
    text; CSV and JSON output hold it whole. Nothing has been written then
    (the workbook is written when it is closed), so the output is all or nothing.
    """
    for index, cell in enumerate(row):
        if isinstance(cell, str) and len(cell) > XLSX_CELL_LENGTH:
            from xlsxwriter.utility import xl_col_to_name

            head = header[index] if index < len(header) else None
            column = xl_col_to_name(index) + (f" ({head})" if head else "")
            raise InvalidGoalError(
                "output.cell_too_long",
                Location(row=number, column=column),
                length=len(cell),
                limit=XLSX_CELL_LENGTH,
            )
