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
from copy import copy
from typing import TYPE_CHECKING, Any, ClassVar

from ansvarsregler.goals.fact_columns import FactCell, fact_header, value_words
from ansvarsregler.goals.result_columns import ResultColumn
from ansvarsregler.i18n import message
from ansvarsregler.result import Classification
from ansvarsregler.vocabulary import OWNER_IDS, Language

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

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

    def __init__(
        self,
        column_of: dict[str, int],
        input_width: int,
        lang: Language,
        added: Sequence[ResultColumn],
        own_wrapped: tuple[int, ...],
        widths: Sequence[float],
    ) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.column_of = column_of
        self.lang = lang
        keys = [column.key for column in added]
        #: The columns whose text wraps, by index in the output row: the goal's title and
        #: description, and the long result texts.
        self.wrapped = own_wrapped + tuple(
            input_width + keys.index(key) for key in self.WRAPPED if key in keys
        )
        self.widths = widths
        #: The result columns folded away (an outline level the planner opens with «+»): the
        #: rule, the principle, the assumptions, the warnings and where each fact came from.
        self.folded = tuple(
            input_width + place
            for place, column in enumerate(added)
            if column.key in self.FOLDED or column.key.endswith("_source")
        )
        self.fills = {
            source: PatternFill(fill_type="solid", fgColor=colour)
            for source, colour in self.FILLS.items()
        }
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.author = message("sheet.comment_author", lang)
        self._looks: dict[tuple[bool, str | None], Any] = {}

    def before_rows(self, written: WriteOnlyWorksheet) -> None:
        """What openpyxl writes before the rows: the frozen header, and fitting the print to
        the page's width."""
        from openpyxl.utils import get_column_letter

        sheet: Any = written  # a write-only sheet has these parts; openpyxl's stubs omit them
        sheet.freeze_panes = "A2"
        _print_on_one_landscape_width(sheet)
        sheet.sheet_properties.outlinePr.summaryRight = False
        for index in self.folded:
            dimension = sheet.column_dimensions[get_column_letter(index + 1)]
            dimension.outlineLevel = 1
            dimension.hidden = True

    def header(self, sheet: WriteOnlyWorksheet, heading: list[Any]) -> list[Any]:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import Cell as XlsxCell

        cells = []
        for value in heading:
            cell = value if isinstance(value, XlsxCell) else WriteOnlyCell(sheet, value)
            cell.font = self.bold
            cell.alignment = self.wrap
            cells.append(cell)
        return cells

    def style(self, written: WriteOnlyWorksheet, row: list[Any], facts: Facts, number: int) -> None:
        """Colour ``row`` (row ``number``)'s fact cells by source, with a comment quoting the
        words for a suggested value; align its cells to the top and wrap its long texts, in a
        row tall enough to show them (spreadsheets do not always size a row to its wrapped
        text when they open a file)."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import Cell as XlsxCell

        sheet: Any = written
        fills = {index: fact.source for index, fact in facts if fact.source in self.FILLS}
        notes = {index: fact.note for index, fact in facts if fact.source in self.NOTED}
        lines = 1
        for index, value in enumerate(row):
            fill = fills.get(index)
            if value is None and fill is None:
                continue
            wrapped = index in self.wrapped
            if isinstance(value, XlsxCell):  # typed or neutralised: keeps its own style too
                cell = value
                cell.alignment = self.wrap if wrapped else self.top
                if fill is not None:
                    cell.fill = self.fills[fill]
            else:
                cell = WriteOnlyCell(sheet, value)
                styled: Any = cell  # openpyxl's stubs omit a cell's style array
                styled._style = copy(self._look(sheet, wrapped, fill))
            if note := notes.get(index):
                cell.comment = self._comment(note)
            if wrapped and index not in self.folded and isinstance(value, str):
                lines = max(lines, _lines(value, self.widths[index]))
            row[index] = cell
        if lines > 1:
            sheet.row_dimensions[number].height = min(self.TALLEST, lines * self.LINE)

    def _look(self, sheet: Any, wrapped: bool, fill: str | None) -> Any:
        """The style of a cell that wraps or not, with a source's colour or none: made once,
        then copied into each cell (setting a style on every cell costs seconds a sheet)."""
        from openpyxl.cell import WriteOnlyCell

        key = (wrapped, fill)
        look = self._looks.get(key)
        if look is None:
            model = WriteOnlyCell(sheet, None)
            model.alignment = self.wrap if wrapped else self.top
            if fill is not None:
                model.fill = self.fills[fill]
            styled: Any = model
            look = self._looks[key] = styled._style
        return look

    def after_rows(self, written: WriteOnlyWorksheet, columns: int, last_row: int) -> None:
        """What openpyxl writes after the rows: drop-downs, the filter, the print setup."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        sheet: Any = written  # a write-only sheet has these parts; openpyxl's stubs omit them

        last = max(last_row, 2)
        for fact, index in self.column_of.items():
            letter = get_column_letter(index + 1)
            words = value_words(fact, self.lang)
            choice = DataValidation(
                type="list",
                formula1='"' + ",".join(words) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle=fact_header(fact, self.lang),
                error=message("sheet.choose_value", self.lang, values=", ".join(words)),
            )
            choice.add(f"{letter}2:{letter}{last}")
            sheet.data_validations.append(choice)
        sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{last_row}"
        sheet.print_title_rows = "1:1"

    def _comment(self, text: str) -> Any:
        from openpyxl.comments import Comment

        return Comment(text, self.author, width=360, height=120)


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

    def write(self, workbook: Workbook) -> None:
        """The overview sheet and the rules sheet, after the working sheet."""
        self._write_overview(workbook)
        self._write_rules(workbook)

    def _write_overview(self, workbook: Workbook) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.chart import BarChart, Reference
        from openpyxl.styles import Font

        lang = self.lang
        sheet: Any = workbook.create_sheet(message("sheet.overview", lang))
        seen = {owner for counts in self.owners.values() for owner in counts}
        owners = [owner for owner in (*OWNER_IDS, "") if owner in seen]
        bold = Font(bold=True)

        def heading(*texts: str) -> list[Any]:
            cells = [WriteOnlyCell(sheet, text) for text in texts]
            for cell in cells:
                cell.font = bold
            return cells

        for letter, width in zip("ABCDEF", (30, 30, 30, 18, 12, 10), strict=False):
            sheet.column_dimensions[letter].width = width
        _print_on_one_landscape_width(sheet)
        labels = [self.labels[owner] for owner in owners]
        sheet.append(heading(message("col.service_area", lang), *labels, message("col.sum", lang)))
        areas = sorted(self.owners)
        for area in areas:
            counts = self.owners[area]
            sheet.append([area, *(counts[owner] or None for owner in owners), sum(counts.values())])
        sheet.append([])
        sheet.append(heading(message("sheet.unresolved_heading", lang)))
        sheet.append(
            heading(
                message("col.goal_id", lang),
                message("col.title", lang),
                message("col.questions", lang),
            )
        )
        for goal_id, title, questions in self.unresolved:
            sheet.append([goal_id, title, questions])
        if areas and owners:
            chart = BarChart()
            chart.type = "bar"
            chart.grouping = "stacked"
            chart.overlap = 100
            chart.title = message("sheet.chart_title", lang)
            chart.width, chart.height = 18, 4 + len(areas) * 0.8
            data = Reference(
                sheet, min_col=2, max_col=1 + len(owners), min_row=1, max_row=1 + len(areas)
            )
            chart.add_data(data, titles_from_data=True)
            chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=1 + len(areas)))
            sheet.add_chart(chart, f"{chr(ord('A') + len(owners) + 3)}2")

    def _write_rules(self, workbook: Workbook) -> None:
        """The rule set the results came from: cite it with them."""
        lang = self.lang
        sheet: Any = workbook.create_sheet(message("sheet.rules", lang))
        sheet.column_dimensions["A"].width = 22
        sheet.column_dimensions["B"].width = 70
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
        for row in rows:
            sheet.append(list(row))


def _print_on_one_landscape_width(sheet: Any) -> None:
    """A4 landscape, fit to the page's width (set before the first row is written)."""
    from openpyxl.worksheet.worksheet import Worksheet

    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
