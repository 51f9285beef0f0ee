"""The columns a result is written in: one registry for CSV, XLSX and markdown.

Each :class:`ResultColumn` names a column once: its key (the flat output's
header, e.g. ``owner``), its header for people in bokmål and English (the
message ``col.<key>``, kept with every other text in :mod:`ansvarsregler.i18n`),
what a machine reads in it (ids and numbers: flat CSV and XLSX) and what a
person reads in it (labels in the chosen language: the columns added to a
planner's own spreadsheet, and markdown). Presenters build cells by name
from here, never by position.

It lives with the goal readers because reading a planner's sheet that was
classified before needs the headers of the columns it added (they are
replaced, not read as goal fields); a result is only read here, never built.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ansvarsregler.goals.fact_columns import FactCell, fact_cells, source_header
from ansvarsregler.goals.spreadsheets import Cell, cell_text
from ansvarsregler.i18n import message
from ansvarsregler.vocabulary import FACT_NAMES, Language

if TYPE_CHECKING:  # a type only: reading a classified sheet must not need the results layer
    from ansvarsregler.result import Classification

_JOIN = " | "


@dataclass(frozen=True)
class ResultColumn:
    """One column of a result."""

    key: str
    """The flat output's header, and the name the column is looked up by."""
    value: Callable[[Classification], Cell]
    """What a machine reads: ids, the principle as a number, ``None`` for nothing."""
    label: Callable[[Classification, Language], Cell] | None = None
    """What a person reads, in ``lang``; the value where that is already readable."""
    in_sheet: bool = False
    """Added to a planner's own spreadsheet (the goal's own columns are already there)."""
    needs_profile: bool = False
    """Added to a planner's spreadsheet only when a municipality profile is used."""
    width: int = 18
    """Width in XLSX output, in characters."""
    flat: bool = True
    """In flat output (``--format csv``, a flat XLSX sheet) too."""
    title: Callable[[Language], str] | None = None
    """The header for people where it is not the message ``col.<key>``."""

    def header(self, lang: Language) -> str:
        """The column's header for people, in ``lang``."""
        return self.title(lang) if self.title is not None else message(f"col.{self.key}", lang)

    def text(self, result: Classification) -> str:
        """The flat CSV field: the value as text, empty for nothing."""
        return cell_text(self.value(result))

    def readable(self, result: Classification, lang: Language) -> Cell:
        """The cell a person reads."""
        return self.value(result) if self.label is None else self.label(result, lang)


def _joined(texts: Iterable[str]) -> str | None:
    """Texts joined with `` | ``; ``None`` for none."""
    return _JOIN.join(texts) or None


def _owner_label(result: Classification, lang: Language) -> str:
    return result.owner_label or message("unresolved", lang)


#: The last result's fact cells, per thread: a row's four source columns and its fact columns
#: all ask for them, one after another.
_last = threading.local()


def working_facts(result: Classification) -> tuple[FactCell, ...]:
    """``result``'s fact cells in the working sheet, found once for its row."""
    kept: tuple[Classification, tuple[FactCell, ...]] | None = getattr(_last, "row", None)
    if kept is None or kept[0] is not result:
        kept = _last.row = (result, fact_cells(result))
    return kept[1]


def _fact_cell(result: Classification, index: int) -> FactCell:
    return working_facts(result)[index]


def _source_column(index: int, fact: str) -> ResultColumn:
    """The column saying how fact ``fact`` of each goal came about."""
    return ResultColumn(
        f"{fact}_source",
        lambda r: _fact_cell(r, index).source,
        lambda r, lang: _fact_cell(r, index).source_text(lang),
        in_sheet=True,
        width=26,
        flat=False,
        title=lambda lang: source_header(fact, lang),
    )


#: Every result column, in the order flat output has them.
RESULT_COLUMNS: tuple[ResultColumn, ...] = (
    ResultColumn("goal_id", lambda r: r.goal_id),
    ResultColumn("title", lambda r: r.title),
    ResultColumn("owner", lambda r: r.owner, _owner_label, in_sheet=True, width=28),
    ResultColumn("owner_role", lambda r: r.owner_role, in_sheet=True, needs_profile=True),
    ResultColumn(
        "adopted_by",
        lambda r: r.adopted_by,
        lambda r, _: r.adopted_by_label,
        in_sheet=True,
        width=28,
    ),
    ResultColumn("followed_up_by", lambda r: r.followed_up_by, in_sheet=True, needs_profile=True),
    ResultColumn("rule", lambda r: r.rule, in_sheet=True, width=30),
    ResultColumn("principle", lambda r: r.principle, in_sheet=True, width=9),
    ResultColumn("justification", lambda r: r.justification, in_sheet=True, width=60),
    ResultColumn(
        "assumptions",
        lambda r: _joined(f"{a.fact}={a.value} ({a.rule})" for a in r.assumptions),
        lambda r, _: _joined(a.text for a in r.assumptions),
        in_sheet=True,
        width=50,
    ),
    ResultColumn(
        "questions",
        lambda r: _joined(q.text for q in r.questions),
        in_sheet=True,
        width=40,
    ),
    ResultColumn("warnings", lambda r: _joined(r.warnings), in_sheet=True, width=30),
    *(_source_column(index, fact) for index, fact in enumerate(FACT_NAMES)),
    ResultColumn("municipality", lambda r: r.municipality),
    ResultColumn("ruleset_version", lambda r: r.ruleset.version),
    ResultColumn("ruleset_hash", lambda r: r.ruleset.hash, width=20),
)
COLUMN: dict[str, ResultColumn] = {column.key: column for column in RESULT_COLUMNS}
#: The columns and keys of flat output (CSV, flat XLSX), in order.
FLAT_COLUMNS: tuple[ResultColumn, ...] = tuple(c for c in RESULT_COLUMNS if c.flat)
FLAT_KEYS: tuple[str, ...] = tuple(column.key for column in FLAT_COLUMNS)


#: The key of each fact's source column (see :mod:`ansvarsregler.goals.fact_columns`).
SOURCE_KEYS: dict[str, str] = {f"{fact}_source": fact for fact in FACT_NAMES}


def sheet_columns(with_profile: bool) -> tuple[ResultColumn, ...]:
    """The columns added to a planner's spreadsheet, in order."""
    return tuple(
        column
        for column in RESULT_COLUMNS
        if column.in_sheet and (with_profile or not column.needs_profile)
    )


def sheet_headers(lang: Language, with_profile: bool) -> tuple[str, ...]:
    """The headers of the columns added to a planner's spreadsheet, in ``lang``."""
    return tuple(column.header(lang) for column in sheet_columns(with_profile))
