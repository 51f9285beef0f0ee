"""Measured values per goal and period, from a planner's CSV or XLSX: the other half of the
result dialogue.

One row per goal and period: the goal's id, the period (a year, a tertial, a half
year, a quarter or a month) and the value; optionally the value of the reference the
target names («landsgjennomsnittet»). The headers may be bokmål or English. A period
in another format, a value that is not a number, or a goal measured twice for one
period is refused with its row and column, before anything is written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.folding import fold
from ansvarsregler.goals.columns import column_name, percent_text
from ansvarsregler.goals.spreadsheets import Table, cell_text, is_blank, read_csv, read_xlsx

#: The header words of each column, bokmål and English.
COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "goal": ("mål-id", "målid", "mål id", "goal id", "goal_id", "id", "målnr", "mål"),
    "period": ("periode", "period", "år", "year"),
    "value": ("verdi", "value", "resultat", "result", "måling", "målt verdi", "målt"),
    "reference": ("referanse", "reference", "referanseverdi", "sammenligning"),
}
_COLUMN_BY_WORD = {fold(word): column for column, words in COLUMN_WORDS.items() for word in words}
#: How the period of each kind is written back, and which months it ends in.
_KINDS = {
    "year": ("", 12),
    "tertial": ("T", 4),
    "half": ("H", 6),
    "quarter": ("K", 3),
    "month": ("", 1),
}
_PERIODS = (
    (re.compile(r"^(?P<year>20\d\d)$"), "year"),
    (re.compile(r"^(?P<year>20\d\d)\s*[-/ ]?\s*t(?:ertial)?\s*(?P<part>[1-3])$"), "tertial"),
    (re.compile(r"^t(?P<part>[1-3])\s*[-/ ]?\s*(?P<year>20\d\d)$"), "tertial"),
    (re.compile(r"^(?P<part>[1-3])\.?\s*tertial\s*(?P<year>20\d\d)$"), "tertial"),
    (re.compile(r"^(?P<year>20\d\d)\s*[-/ ]?\s*h(?P<part>[12])$"), "half"),
    (re.compile(r"^(?P<part>[12])\.?\s*halvår\s*(?P<year>20\d\d)$"), "half"),
    (re.compile(r"^(?P<year>20\d\d)\s*[-/ ]?\s*[qk](?P<part>[1-4])$"), "quarter"),
    (re.compile(r"^(?P<part>[1-4])\.?\s*kvartal\s*(?P<year>20\d\d)$"), "quarter"),
    (re.compile(r"^(?P<year>20\d\d)-(?P<part>0[1-9]|1[0-2])$"), "month"),
)
# ASCII digits only; one point or comma before exactly three digits (1.200, 1,200) is a
# thousands separator in one language and a decimal in another, so it is refused.
_NUMBER = re.compile(
    r"^(?P<number>[-+]?[0-9]+(?:[ \u00a0][0-9]{3})*(?:[.,](?![0-9]{3}$)[0-9]+)?)\s*(?P<percent>%?)$"
)
_HOURS = re.compile(r"^([0-9]{1,2})[.:]([0-9]{2})\s*[-\u2013]\s*([0-9]{1,2})[.:]([0-9]{2})$")
_YES, _NO = ("ja", "yes", "ferdig", "done", "gjennomført"), ("nei", "no", "ikke ferdig")


@dataclass(frozen=True, order=True)
class Period:
    """A period results are measured for, ordered by when it ends."""

    year: int
    last_month: int
    kind: str
    part: int

    @property
    def label(self) -> str:
        letter, _ = _KINDS[self.kind]
        if self.kind == "year":
            return str(self.year)
        if self.kind == "month":
            return f"{self.year}-{self.part:02}"
        return f"{self.year}-{letter}{self.part}"


ValueKind = Literal["number", "yes_no", "hours"]


@dataclass(frozen=True)
class Measurement:
    """One measured value of one goal in one period, and the row it was read from."""

    goal_id: str
    period: Period
    value: float
    upper: float | None
    """The closing hour, for a measured opening time (``07.00-17.00``)."""
    reference: float | None
    row: int
    kind: ValueKind = "number"
    """What was measured: a number, yes or no (a milestone), or opening hours."""


def read_period(text: str) -> Period | None:
    """``2026``, ``2026-T1``, ``T1 2026``, ``1. tertial 2026``, ``2026-H2``, ``2026-K3``
    (or ``Q3``), ``2026-03``; ``None`` for anything else."""
    folded = " ".join(text.lower().split())
    for pattern, kind in _PERIODS:
        if found := pattern.match(folded):
            part = int(found.groupdict().get("part") or 1)
            months = _KINDS[kind][1]
            last = part if kind == "month" else part * months
            return Period(int(found["year"]), last, kind, part)
    return None


def read_value(text: str) -> tuple[float, float | None, ValueKind] | None:
    """A measured value: a number (``85``, ``85,5 %``, ``-1 200``), yes or no for a
    milestone (1 or 0), or opening hours (``07.00-17.00``, as 7.0 and 17.0); ``None`` for
    anything else, a number too large to be finite included."""
    plain = " ".join(text.lower().split())
    if found := _NUMBER.match(plain):
        number = float(found["number"].replace(" ", "").replace("\u00a0", "").replace(",", "."))
        return (number, None, "number") if math.isfinite(number) else None
    if found := _HOURS.match(plain):
        start = int(found[1]) + int(found[2]) / 60
        end = int(found[3]) + int(found[4]) / 60
        valid = int(found[2]) < 60 and int(found[4]) < 60 and 0 <= start < end <= 24
        return (start, end, "hours") if valid else None
    if plain in _YES:
        return 1.0, None, "yes_no"
    if plain in _NO:
        return 0.0, None, "yes_no"
    return None


def read_measurements(path: Path, label: str | None = None) -> list[Measurement]:
    """Every measurement in the CSV or XLSX file at ``path`` (``label``: its name in
    messages), checked row by row; the first problem is an error naming the row and column."""
    label = label or str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidGoalError("measure.format", Location(file=label), suffix=suffix or "-")
    table = read_xlsx(label, path) if suffix == ".xlsx" else read_csv(label, path)
    columns = _columns(table)
    found: list[Measurement] = []
    seen: dict[tuple[str, Period], int] = {}
    for number, cells in table.rows():
        if all(is_blank(cell) for cell in cells):
            continue
        row = _Row(
            table, columns, number, [_text(table, number, i, c) for i, c in enumerate(cells)]
        )
        if extra := next(
            (i for i in range(len(table.header), len(cells)) if not is_blank(cells[i])), None
        ):
            raise InvalidGoalError(
                "measure.extra_cell",
                Location(
                    file=table.label, sheet=table.sheet, row=number, column=_name(table, extra)
                ),
            )
        measurement = row.measurement()
        key = (measurement.goal_id, measurement.period)
        if key in seen:
            raise InvalidGoalError(
                "measure.twice",
                row.where("period"),
                goal=measurement.goal_id,
                period=measurement.period.label,
                first=seen[key],
            )
        seen[key] = number
        found.append(measurement)
    return found


@dataclass(frozen=True)
class _Row:
    """One row of the measurements, read cell by cell."""

    table: Table
    columns: dict[str, int]
    number: int
    texts: list[str]

    def measurement(self) -> Measurement:
        goal_id = self.cell("goal")
        if not goal_id:
            raise InvalidGoalError("measure.no_goal", self.where("goal"))
        period = read_period(self.cell("period"))
        if period is None:
            raise InvalidGoalError(
                "measure.bad_period", self.where("period"), value=self.cell("period")
            )
        value = read_value(self.cell("value"))
        if value is None:
            raise InvalidGoalError(
                "measure.not_a_number", self.where("value"), value=self.cell("value")
            )
        reference = None
        if self.cell("reference"):
            referenced = read_value(self.cell("reference"))
            if referenced is None or referenced[1] is not None:
                raise InvalidGoalError(
                    "measure.not_a_number", self.where("reference"), value=self.cell("reference")
                )
            reference = referenced[0]
        return Measurement(
            goal_id, period, value[0], value[1], reference, self.number, kind=value[2]
        )

    def cell(self, column: str) -> str:
        index = self.columns.get(column)
        return self.texts[index] if index is not None and index < len(self.texts) else ""

    def where(self, column: str) -> Location:
        return Location(
            file=self.table.label,
            sheet=self.table.sheet,
            row=self.number,
            column=_name(self.table, self.columns[column]),
        )


def _columns(table: Table) -> dict[str, int]:
    """Each known column's index by its header; the goal, period and value are required."""
    columns: dict[str, int] = {}
    for index, header in enumerate(table.header):
        column = _COLUMN_BY_WORD.get(fold(cell_text(header)))
        if column is not None and column not in columns:
            columns[column] = index
    missing = [column for column in ("goal", "period", "value") if column not in columns]
    if missing:
        raise InvalidGoalError(
            "measure.columns",
            Location(file=table.label, sheet=table.sheet, row=table.header_row),
            missing=", ".join(COLUMN_WORDS[column][0] for column in missing),
            found=", ".join(cell_text(header) for header in table.header if not is_blank(header))
            or "-",
        )
    return columns


def _text(table: Table, row: int, index: int, cell: object) -> str:
    """A cell as text; a number in a percent cell as the percent it shows (0.92 as 92 %)."""
    text = cell_text(cell).strip()  # type: ignore[arg-type]
    if table.formats and "%" in table.formats.get((row, index), ""):
        return percent_text(cell, text)
    return text


def _name(table: Table, index: int) -> str:
    return column_name([cell_text(header) for header in table.header], index)
