"""Cells into an XLSX sheet with XlsxWriter: each value by its type, each look made once.

XlsxWriter writes the workbook to its output only when it is closed, so a
run that fails half-way has written nothing. It writes a cell as plain XML
text, faster than openpyxl's cell objects, and in memory it writes each
distinct text once: the 10,000-goal working sheet owes most of its time to
writing cells.

A look is a cell's style: bold, wrapped, top-aligned, a fill colour, a number
format, and Excel's quote prefix for text that a spreadsheet would run as a
formula (the text is kept, and shown, never run). Control characters an XLSX
file cannot hold are dropped, and a carriage return becomes a line feed (as
XML reads it). Text that looks like the format's own escapes (``_x0041_``) is
kept as it is in a sheet built in memory; in a streamed one (over
:data:`IN_MEMORY_ROWS` rows) XlsxWriter escapes it, and openpyxl reads the escape
back literally.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from ansvarsregler.presenters.flat import FORMULA_STARTS

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

#: Characters an XLSX file cannot hold (control characters other than tab and newlines).
NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORMULA_STARTS = frozenset(FORMULA_STARTS)
#: How a date or time without a number format of its own is shown.
_DATE_FORMATS: dict[type, str] = {
    datetime.datetime: "yyyy-mm-dd hh:mm:ss",
    datetime.date: "yyyy-mm-dd",
    datetime.time: "hh:mm:ss",
    datetime.timedelta: "[h]:mm:ss",
}
#: Up to this many rows a workbook is built in memory, where XlsxWriter writes each distinct
#: text once (the justifications repeat from goal to goal): a third faster, and a smaller
#: file, for about 3 KB a row. Longer sheets are streamed to a temporary file a row at a
#: time, so memory stays flat however many rows there are.
IN_MEMORY_ROWS = 50_000


#: Characters a sheet's name cannot hold, and how long it may be (Excel's rules).
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31


def workbook_options(rows: int | None, scratch: str) -> dict[str, object]:
    """XlsxWriter's options for a workbook of planners' text, for about ``rows`` rows
    (``None``: not known): text kept as text, never turned into a number, a formula or a
    link; a streamed sheet's temporary file in the folder ``scratch``, which the caller
    removes however the run ends."""
    return {
        "constant_memory": rows is None or rows > IN_MEMORY_ROWS,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "tmpdir": scratch,
    }


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """``name`` as a sheet may be named: without the characters Excel refuses, at most 31
    long, not starting or ending with an apostrophe, and (case ignored) none of ``taken``:
    then numbered, ``Oversikt (2)``."""
    plain = _NOT_IN_SHEET_NAME.sub("", NOT_IN_XLSX.sub("", name)).strip().strip("'").strip()
    plain = plain[:SHEET_NAME_LENGTH].strip() or "Ark"
    used = {other.casefold() for other in taken}
    candidate, number = plain, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = plain[: SHEET_NAME_LENGTH - len(suffix)].rstrip() + suffix
    return candidate


class Look(NamedTuple):
    """How a cell looks, apart from its number format."""

    bold: bool = False
    wrap: bool = False
    top: bool = False
    fill: str | None = None
    """An RGB colour such as ``DDEBF7``."""


PLAIN = Look()


class CellWriter:
    """Writes cells to the sheets of one workbook, with the formats they need made once."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._formats: dict[tuple[Look, str | None, bool], Format | None] = {}

    def write(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        value: object,
        look: Look = PLAIN,
        number_format: str | None = None,
    ) -> None:
        """``value`` at (``row``, ``column``), counted from 0; an empty cell is written only
        where it has a look (a fill shows on an empty cell too)."""
        if value is None or value == "":
            if look != PLAIN:
                sheet.write_blank(row, column, None, self.format(look, None, False))
        elif isinstance(value, str):
            if NOT_IN_XLSX.search(value):
                value = NOT_IN_XLSX.sub("", value)
            quoted = value[:1] in _FORMULA_STARTS
            if "\r" in value:  # XML keeps a line break as a line feed; a lone CR would be
                value = value.replace("\r\n", "\n").replace("\r", "\n")  # escaped instead
            sheet.write_string(row, column, value, self.format(look, None, quoted))
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value, self.format(look, number_format, False))
        elif isinstance(value, int | float):
            if not math.isfinite(value):  # a sheet holds no infinity: shown as text, no formula
                sheet.write_string(row, column, str(value), self.format(look, None, False))
            else:
                sheet.write_number(row, column, value, self.format(look, number_format, False))
        else:
            shown = number_format or _DATE_FORMATS.get(type(value), "yyyy-mm-dd hh:mm:ss")
            sheet.write_datetime(row, column, value, self.format(look, shown, False))

    def format(self, look: Look, number_format: str | None, quoted: bool) -> Format | None:
        """The format for a look, made the first time it is asked for."""
        key = (look, number_format, quoted)
        if key in self._formats:
            return self._formats[key]
        properties: dict[str, Any] = {}
        if look.bold:
            properties["bold"] = True
        if look.wrap:
            properties["text_wrap"] = True
        if look.top:
            properties["valign"] = "top"
        if look.fill is not None:
            properties["pattern"] = 1
            properties["bg_color"] = f"#{look.fill}"
        if number_format is not None:
            properties["num_format"] = number_format
        if quoted:
            properties["quote_prefix"] = True
        made = self.workbook.add_format(properties) if properties else None
        self._formats[key] = made
        return made
