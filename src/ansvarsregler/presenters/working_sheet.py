"""The planner's working sheet in XLSX: how it looks, and the sheets beside it.

:mod:`ansvarsregler.presenters.spreadsheet` writes the rows; this module makes
them a sheet to work in (drop-downs, colours by where each fact came from,
wrapped text, a frozen filtered header, a print setup) and adds the two sheets
after it: an overview of owners per service area with a chart and the
unresolved goals with their questions, and the rule set the results came from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from ansvarsregler.goals.fact_columns import FactCell, fact_header, value_words
from ansvarsregler.goals.result_columns import ResultColumn
from ansvarsregler.i18n import message
from ansvarsregler.presenters.xlsx_cells import PLAIN, CellWriter, Look, sheet_name
from ansvarsregler.result import Classification
from ansvarsregler.vocabulary import OWNER_IDS, Language

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

Facts = tuple[tuple[int, FactCell], ...]
"""A goal's fact cells, each with the index of its column in the output row."""


class WorkingSheet:
    """What makes a classified sheet a working sheet in XLSX.

    The fact cells offer their values in a drop-down and show how each value
    came about: no colour for a stated value, green for one an answers file
    gave (with a comment citing its line), blue for one the goal's words
    suggested (with a comment quoting them), grey for one a rule or the
    profile assumed (the folded assumptions column says why), yellow for a
    missing one to answer. Long result texts wrap; the header row is bold, frozen and
    filtered; the sheet prints on A4 landscape, fit to width, with the header
    on every page. Colours and comments survive a save in Excel and
    LibreOffice, but the next run does not rely on them: it reads the source
    columns (:mod:`ansvarsregler.goals.fact_columns`).
    """

    FILLS: ClassVar[dict[str, str]] = {
        "answered": "E2EFDA",
        "suggested": "DDEBF7",
        "assumed": "EDEDED",
        "missing": "FFF2CC",
    }
    #: Sources whose fact cell gets a comment saying why: the answer's line, the words quoted.
    NOTED = frozenset({"answered", "suggested"})
    #: Result columns whose text wraps (justification, assumptions, questions).
    WRAPPED = frozenset({"justification", "assumptions", "questions"})
    FOLDED = frozenset({"rule", "principle", "assumptions", "warnings"})
    #: The height of one line of text, in points, and the most a row may have (Excel's limit).
    LINE, TALLEST = 13.5, 409.0
    #: A comment's box, in pixels.
    COMMENT_BOX: ClassVar[dict[str, int]] = {"width": 360, "height": 120}

    def __init__(
        self,
        column_of: dict[str, int],
        input_width: int,
        lang: Language,
        added: Sequence[ResultColumn],
        own_wrapped: tuple[int, ...],
        widths: Sequence[float],
    ) -> None:
        self.column_of = column_of
        self.lang = lang
        keys = [column.key for column in added]
        #: The columns whose text wraps, by index in the output row: the goal's title and
        #: description, and the long result texts.
        self.wrapped = frozenset(
            own_wrapped
            + tuple(input_width + keys.index(key) for key in self.WRAPPED if key in keys)
        )
        self.widths = widths
        #: The result columns folded away (an outline level the planner opens with «+»): the
        #: rule, the principle, the assumptions, the warnings and where each fact came from.
        self.folded = frozenset(
            input_width + place
            for place, column in enumerate(added)
            if column.key in self.FOLDED or column.key.endswith("_source")
        )
        #: Each column's look when its cell has no fill of its own.
        self.looks = [Look(top=True, wrap=index in self.wrapped) for index in range(len(widths))]
        self.fills = {
            (wrap, source): Look(top=True, wrap=wrap, fill=colour)
            for source, colour in self.FILLS.items()
            for wrap in (False, True)
        }
        self.comment = {"author": message("sheet.comment_author", lang), **self.COMMENT_BOX}

    def set_up(self, sheet: Worksheet) -> None:
        """What goes before the rows: the frozen header, the print setup, the folded columns
        (their widths are set with the others)."""
        sheet.freeze_panes(1, 0)
        print_on_one_landscape_width(sheet)
        sheet.repeat_rows(0)
        sheet.outline_settings(True, True, False, False)

    def column_options(self, index: int) -> dict[str, Any]:
        return {"level": 1, "hidden": True} if index in self.folded else {}

    def header_look(self) -> Look:
        return Look(bold=True, wrap=True, top=True)

    def row_looks(self, row: Sequence[Any], facts: Facts) -> tuple[list[Look], float | None]:
        """Each cell's look in ``row``: its column's, or its source's colour for a fact cell;
        and the row's height where its wrapped texts need more than one line (spreadsheets
        do not always size a row to its wrapped text when they open a file)."""
        looks = self.looks[: len(row)]
        if facts:
            looks = list(looks)
            for index, fact in facts:
                if fact.source in self.FILLS:
                    looks[index] = self.fills[(index in self.wrapped, fact.source)]
        lines = 1
        for index in self.wrapped:
            if index < len(row) and index not in self.folded and isinstance(row[index], str):
                lines = max(lines, _lines(row[index], self.widths[index]))
        return looks, min(self.TALLEST, lines * self.LINE) if lines > 1 else None

    def comments(self, sheet: Worksheet, row: int, facts: Facts) -> None:
        """A comment on each answered or suggested fact cell of ``row``, saying why."""
        for index, fact in facts:
            if fact.source in self.NOTED and fact.note:
                sheet.write_comment(row, index, fact.note, self.comment)

    def finish(self, sheet: Worksheet, columns: int, last_row: int) -> None:
        """What goes after the rows: drop-downs, the filter. ``last_row`` counts from 1."""
        last = max(last_row, 2) - 1
        for fact, index in self.column_of.items():
            words = value_words(fact, self.lang)
            sheet.data_validation(
                1,
                index,
                last,
                index,
                {
                    "validate": "list",
                    "source": list(words),
                    "ignore_blank": True,
                    "error_type": "warning",
                    "error_title": fact_header(fact, self.lang),
                    "error_message": message(
                        "sheet.choose_value", self.lang, values=", ".join(words)
                    ),
                },
            )
        sheet.autofilter(0, 0, last_row - 1, columns - 1)


def _lines(text: str, width: float) -> int:
    """About how many lines ``text`` takes wrapped in a column ``width`` characters wide."""
    per_line = max(1, int(width * 1.2))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


class Overview:
    """What the overview sheet counts, gathered as the results pass on their way to the rows:
    goals per owner per service area, the unresolved goals with their questions, and the
    rule set they came from."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang
        self.owners: dict[str, Counter[str]] = {}
        """Goals per owner (by id, ``""`` for unresolved) per service area."""
        self.labels: dict[str, str] = {"": message("unresolved", lang)}
        self.unresolved: list[tuple[str, str, str]] = []
        self.first: Classification | None = None

    def watch(self, results: Iterable[Classification]) -> Iterator[Classification]:
        """``results`` as they are, counted as they pass."""
        for result in results:
            if self.first is None:
                self.first = result
            area = result.goal.service_area or message("sheet.no_area", self.lang)
            owner = result.owner or ""
            if result.owner_label and owner not in self.labels:
                self.labels[owner] = result.owner_label
            self.owners.setdefault(area, Counter())[owner] += 1
            if result.owner is None:
                questions = " | ".join(question.text for question in result.questions)
                self.unresolved.append((result.goal_id, result.title, questions))
            yield result

    def write(self, cells: CellWriter, taken: list[str]) -> None:
        """The overview sheet and the rules sheet, after the working sheet; named apart from
        the sheets in ``taken`` (the planner's sheet may be called *Oversikt* too)."""
        overview = sheet_name(message("sheet.overview", self.lang), taken)
        self._write_overview(cells, overview)
        self._write_rules(cells, sheet_name(message("sheet.rules", self.lang), [*taken, overview]))

    def _write_overview(self, cells: CellWriter, name: str) -> None:
        lang = self.lang
        sheet = cells.workbook.add_worksheet(name)
        seen = {owner for counts in self.owners.values() for owner in counts}
        owners = [owner for owner in (*OWNER_IDS, "") if owner in seen]
        bold = Look(bold=True)
        for column, width in enumerate((30, 30, 30, 18, 12, 10)):
            sheet.set_column(column, column, width)
        print_on_one_landscape_width(sheet)
        labels = [self.labels[owner] for owner in owners]
        rows: list[tuple[Look, list[Any]]] = [
            (bold, [message("col.service_area", lang), *labels, message("col.sum", lang)])
        ]
        areas = sorted(self.owners)
        for area in areas:
            counts = self.owners[area]
            rows.append(
                (PLAIN, [area, *(counts[owner] or None for owner in owners), sum(counts.values())])
            )
        rows.append((PLAIN, []))
        rows.append((bold, [message("sheet.unresolved_heading", lang)]))
        rows.append(
            (
                bold,
                [
                    message("col.goal_id", lang),
                    message("col.title", lang),
                    message("col.questions", lang),
                ],
            )
        )
        rows += [(PLAIN, list(unresolved)) for unresolved in self.unresolved]
        for number, (look, values) in enumerate(rows):
            for column, value in enumerate(values):
                cells.write(sheet, number, column, value, look)
        if areas and owners:
            chart: Any = cells.workbook.add_chart({"type": "bar", "subtype": "stacked"})
            for place in range(1, len(owners) + 1):
                chart.add_series(
                    {
                        "name": [name, 0, place],
                        "categories": [name, 1, 0, len(areas), 0],
                        "values": [name, 1, place, len(areas), place],
                        "overlap": 100,
                    }
                )
            chart.set_title({"name": message("sheet.chart_title", lang)})
            chart.set_size({"width": 680, "height": 150 + 30 * len(areas)})
            sheet.insert_chart(1, len(owners) + 3, chart)

    def _write_rules(self, cells: CellWriter, name: str) -> None:
        """The rule set the results came from: cite it with them."""
        lang = self.lang
        sheet = cells.workbook.add_worksheet(name)
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 70)
        print_on_one_landscape_width(sheet)
        first = self.first
        if first is None:
            return
        identity = first.ruleset
        rows = [
            (message("sheet.ruleset_name", lang), identity.name),
            (message("sheet.ruleset_version", lang), identity.version),
            (message("sheet.ruleset_hash", lang), identity.hash),
            (message("sheet.ruleset_evaluator", lang), identity.evaluator),
        ]
        if first.municipality:
            rows.append((message("sheet.profile", lang), first.municipality))
        for number, (label, value) in enumerate(rows):
            cells.write(sheet, number, 0, label)
            cells.write(sheet, number, 1, value)


def print_on_one_landscape_width(sheet: Worksheet) -> None:
    """A4 landscape, fit to the page's width."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
