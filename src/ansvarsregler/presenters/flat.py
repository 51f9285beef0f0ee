"""CSV and markdown output: one row per goal, ready for a spreadsheet or a council paper."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from ansvarsregler.goals.result_columns import COLUMN, FLAT_KEYS
from ansvarsregler.goals.spreadsheets import cell_text
from ansvarsregler.i18n import message
from ansvarsregler.presenters.records import row
from ansvarsregler.result import Classification
from ansvarsregler.vocabulary import Language

#: A cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    """Prefix a would-be formula with an apostrophe so a spreadsheet shows it as text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_csv(results: Iterable[Classification], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=FLAT_KEYS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        writer.writerow({key: neutralise_formula(value) for key, value in row(result).items()})


#: The columns of a markdown table, by key; the owner cell names the role or body too.
_MARKDOWN_COLUMNS = ("goal_id", "title", "owner", "adopted_by", "rule", "justification")


def write_markdown(results: Iterable[Classification], out: TextIO, lang: Language) -> None:
    """A markdown table with labels in ``lang``, to paste into a council paper."""
    columns = [COLUMN[key] for key in _MARKDOWN_COLUMNS]
    out.write("| " + " | ".join(column.header(lang) for column in columns) + " |\n")
    out.write("|" + "---|" * len(columns) + "\n")
    for result in results:
        cells = [
            _owner_cell(result, lang)
            if column.key == "owner"
            else cell_text(column.readable(result, lang))
            for column in columns
        ]
        out.write("| " + " | ".join(md_cell(cell) for cell in cells) + " |\n")


def _owner_cell(result: Classification, lang: Language) -> str:
    """``Virksomhetsleder (rektor)``; with a profile, who follows up a council-owned goal."""
    owner = result.owner_label or message("unresolved", lang)
    detail = result.owner_role if result.owner_role != owner else None
    detail = detail or result.followed_up_by
    return f"{owner} ({detail})" if detail else owner


def md_cell(value: str) -> str:
    """A markdown table cell: pipes and backslashes escaped, on one line."""
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
