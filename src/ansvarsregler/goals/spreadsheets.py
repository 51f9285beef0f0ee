"""Read spreadsheets: CSV as Excel and budget systems write it, and XLSX.

A :class:`Table` is a header row and the rows under it, numbered as the
spreadsheet shows them, so a message can say "rad 14". It remembers how it
was written (the CSV encoding, byte order mark, delimiter and line ending;
the XLSX sheet and number formats) so that classified output can be written
the same way and open in the planner's spreadsheet without surprises.

CSV is streamed each time :meth:`Table.rows` is called, so a file of a
million rows is never held in memory; an XLSX sheet is read once and kept
(openpyxl cannot stream a sheet twice any faster, and sheets are small).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from ansvarsregler.errors import AnsvarError, InvalidGoalError, Location
from ansvarsregler.limits import CELL_LENGTH, COLUMNS, FILE_SIZE, ROWS, XLSX_UNCOMPRESSED

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

#: A cell as read: text from CSV; typed values (numbers, dates, booleans) from XLSX.
Cell = (
    str
    | int
    | float
    | bool
    | datetime.datetime
    | datetime.date
    | datetime.time
    | datetime.timedelta
    | None
)
Row = Sequence[Cell]
TableKind = Literal["csv", "xlsx"]
#: The label of standard input.
STDIN = "-"

_BOM = b"\xef\xbb\xbf"
#: The start of an OLE2 compound file: an encrypted XLSX, or an old .xls workbook.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1 << 20
_DELIMITERS = (";", ",", "\t")
#: Bytes Windows-1252 leaves undefined: a file holding one is neither UTF-8 nor Windows-1252.
_NOT_CP1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")
#: æ, ø, å, Æ, Ø, Å in UTF-8: in a file that is not UTF-8, a sign that it mixes encodings.
_UTF8_LETTER = re.compile(b"\xc3[\x85\x86\x98\xa5\xa6\xb8]")


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV file was written, so that output can be written the same way."""

    encoding: Literal["utf-8", "cp1252"]
    bom: bool
    delimiter: str
    newline: str

    @property
    def for_excel(self) -> bool:
        """Written by or for Excel (a byte order mark or Windows-1252): write a BOM back."""
        return self.bom or self.encoding == "cp1252"


#: Output for Excel when no CSV input says otherwise: Norwegian Excel lists with semicolons.
EXCEL_DIALECT = CsvDialect(encoding="utf-8", bom=True, delimiter=";", newline="\r\n")


@dataclass
class Table:
    """One spreadsheet (a CSV file or one XLSX sheet): a header row and the rows under it."""

    label: str
    """The file as the user named it (``-`` for standard input)."""
    path: Path
    kind: TableKind
    header: tuple[Cell, ...]
    header_row: int
    """The header's row number: the first row that is not empty (nearly always 1)."""
    sheet: str | None = None
    dialect: CsvDialect | None = None
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    """XLSX number formats other than General, by (row number, column index)."""
    _rows: list[tuple[Cell, ...]] | None = None

    def rows(self) -> Iterator[tuple[int, Row]]:
        """The rows under the header with their row numbers, empty rows included."""
        if self._rows is not None:
            return enumerate(self._rows, start=self.header_row + 1)
        return self._csv_rows(after=self.header_row)

    def _csv_rows(self, after: int) -> Iterator[tuple[int, Row]]:
        assert self.dialect is not None
        max_rows, max_columns = ROWS.value(), COLUMNS.value()
        # csv's own default (131,072) would let a 100,000-character title through
        csv.field_size_limit(CELL_LENGTH.value())
        with _open_csv(self.path, self.dialect) as text:
            reader = csv.reader(text, delimiter=self.dialect.delimiter)
            number = 0
            try:
                for number, cells in enumerate(reader, start=1):
                    if number > max_rows:
                        ROWS.check(number, Location(file=self.label, row=number))
                    if len(cells) > max_columns:
                        COLUMNS.check(len(cells), Location(file=self.label, row=number))
                    if number > after:
                        yield number, cells
            except csv.Error as error:
                if "field limit" in str(error):
                    self._refuse_long_cell(number + 1)
                raise InvalidGoalError(
                    "sheet.bad_csv", Location(file=self.label, row=number + 1), reason=str(error)
                ) from None

    def _refuse_long_cell(self, row: int) -> None:
        """Say how long the cell in ``row`` that is over the limit is (only on this error path)."""
        assert self.dialect is not None
        csv.field_size_limit(FILE_SIZE.value())
        try:
            with _open_csv(self.path, self.dialect) as text:
                reader = csv.reader(text, delimiter=self.dialect.delimiter)
                for number, cells in enumerate(reader, start=1):
                    if number == row:
                        longest = max(map(len, cells), default=0)
                        CELL_LENGTH.check(longest, Location(file=self.label, row=row))
        finally:
            csv.field_size_limit(CELL_LENGTH.value())


def is_blank(cell: Cell) -> bool:
    """An empty cell: nothing, or only spaces."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    """A cell as text, as a planner would type it: 202 (not 202.0), 2027-01-31, TRUE."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime.datetime) and cell.time() == datetime.time():
        return cell.date().isoformat()
    if isinstance(cell, datetime.date | datetime.time):
        return cell.isoformat()
    return str(cell)


# -- CSV -----------------------------------------------------------------------


def read_csv(label: str, path: Path) -> Table:
    """A CSV file's dialect and header; its rows are streamed by :meth:`Table.rows`."""
    encoding, bom = _csv_encoding(label, path)
    with path.open("rb") as handle:
        head = handle.read(_CHUNK)
    text = head.removeprefix(_BOM).decode(encoding, errors="replace")
    first_line = text.split("\n", 1)[0]
    dialect = CsvDialect(
        encoding=encoding,
        bom=bom,
        delimiter=_delimiter(first_line),
        newline=_newline(text),
    )
    table = Table(label=label, path=path, kind="csv", header=(), header_row=1, dialect=dialect)
    for number, cells in table._csv_rows(after=0):
        if any(not is_blank(cell) for cell in cells):
            table.header, table.header_row = tuple(cells), number
            return table
    raise InvalidGoalError("input.empty_file", Location(file=label))


def _csv_encoding(label: str, path: Path) -> tuple[Literal["utf-8", "cp1252"], bool]:
    """UTF-8 if every byte of the file is UTF-8, else Windows-1252; and whether it has a BOM.

    The whole file is checked (fast: about 1 GB/s), so a Windows-1252 file
    whose first æ comes on row 90,000 is still never read as mojibake, and a
    file that mixes the two (æ written both ways) is refused rather than
    shown half garbled.
    """
    with path.open("rb") as handle:
        bom = handle.read(len(_BOM)) == _BOM
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_CHUNK):
                if b"\x00" in chunk:
                    raise InvalidGoalError("sheet.not_text", Location(file=label))
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8", bom
        except UnicodeDecodeError:
            pass
        handle.seek(0)
        tail = b""
        while chunk := handle.read(_CHUNK):
            if b"\x00" in chunk or not _NOT_CP1252.isdisjoint(chunk):
                raise InvalidGoalError("sheet.not_text", Location(file=label))
            if bom or _UTF8_LETTER.search(tail + chunk):
                raise InvalidGoalError("sheet.mixed_encoding", Location(file=label))
            tail = chunk[-1:]
    return "cp1252", False


def _open_csv(path: Path, dialect: CsvDialect) -> IO[str]:
    encoding = "utf-8-sig" if dialect.bom else dialect.encoding
    return path.open("r", encoding=encoding, newline="")


def _delimiter(line: str) -> str:
    """The delimiter the header line uses most often outside quotes (comma if none)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _newline(text: str) -> str:
    end = text.find("\n")
    if end > 0 and text[end - 1] == "\r":
        return "\r\n"
    if end < 0 and "\r" in text:
        return "\r"
    return "\n"


# -- XLSX ----------------------------------------------------------------------


def read_xlsx(label: str, path: Path, sheet: str | None = None) -> Table:
    """One sheet of an XLSX workbook (the first, or ``sheet``), with values as Excel shows them.

    Formulas are read as the value Excel last calculated; a workbook that was
    never opened in a spreadsheet program has no such values, and the cell
    reads as empty.
    """
    import openpyxl  # imported here: only XLSX input pays for loading it

    _check_archive(label, path)
    handle = path.open("rb")  # a file, not a name: openpyxl would insist on an .xlsx suffix
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        handle.close()
        raise InvalidGoalError(
            "sheet.bad_xlsx", Location(file=label), reason=_reason(error)
        ) from None
    try:
        names = [worksheet.title for worksheet in workbook.worksheets]
        if not names:
            raise InvalidGoalError("sheet.no_sheets", Location(file=label))
        if sheet is not None and sheet not in names:
            raise InvalidGoalError(
                "sheet.unknown",
                Location(file=label),
                sheet=sheet,
                sheets=", ".join(repr(name) for name in names),
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        table = Table(
            label=label, path=path, kind="xlsx", header=(), header_row=1, sheet=worksheet.title
        )
        rows = _sheet_rows(label, worksheet, table.formats)
    except AnsvarError:
        raise
    except Exception as error:  # a damaged sheet inside a readable zip
        raise InvalidGoalError(
            "sheet.bad_xlsx", Location(file=label), reason=_reason(error)
        ) from None
    finally:
        workbook.close()
        handle.close()
    while rows and not any(not is_blank(cell) for cell in rows[-1]):
        rows.pop()  # rows Excel formatted but left empty: not part of the table
    for index, cells in enumerate(rows):
        if any(not is_blank(cell) for cell in cells):
            table.header, table.header_row = cells, index + 1
            table._rows = rows[index + 1 :]
            return table
    raise InvalidGoalError("sheet.empty", Location(file=label, sheet=worksheet.title))


def _sheet_rows(
    label: str, worksheet: ReadOnlyWorksheet, formats: dict[tuple[int, int], str]
) -> list[tuple[Cell, ...]]:
    """Every row of the sheet from row 1, trailing empty cells dropped; number formats kept."""
    worksheet.reset_dimensions()  # the size stored in the file may be wrong: read every cell
    rows: list[tuple[Cell, ...]] = []
    max_rows, max_columns = ROWS.value(), COLUMNS.value()
    where = Location(file=label, sheet=worksheet.title)
    cells_by_row = worksheet.iter_rows(min_row=1, min_col=1)  # type: ignore[misc]
    for number, cells in enumerate(cells_by_row, start=1):
        if number > max_rows:  # checked as they stream: a row 10**9 would else be waited for
            ROWS.check(number, replace(where, row=number))
        if len(cells) > max_columns:
            COLUMNS.check(len(cells), replace(where, row=number))
        values: list[Cell] = []
        for index, cell in enumerate(cells):
            value = cell.value
            if not isinstance(value, _CELL_TYPES):
                value = str(value)  # e.g. a Decimal: shown as Excel would
            values.append(value)
            if value is not None and not isinstance(value, str):
                number_format = cell.number_format
                if number_format != "General":
                    formats[number, index] = number_format
        while values and values[-1] is None:
            values.pop()
        rows.append(tuple(values))
    return rows


def _check_archive(label: str, path: Path) -> None:
    """Refuse what openpyxl should not unpack: an encrypted or old workbook, or a zip bomb.

    The sizes come from the zip's central directory, read without unpacking
    anything; Python's zipfile never unpacks more than a part says it holds,
    so their sum bounds what opening the workbook can cost.
    """
    with path.open("rb") as handle:
        if handle.read(len(OLE2)) == OLE2:
            raise InvalidGoalError("sheet.encrypted", Location(file=label))
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InvalidGoalError(
            "sheet.bad_xlsx", Location(file=label), reason=_reason(error)
        ) from None
    XLSX_UNCOMPRESSED.check(unpacked, Location(file=label))


_CELL_TYPES = (
    str,
    int,
    float,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    type(None),
)


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text[:200]
