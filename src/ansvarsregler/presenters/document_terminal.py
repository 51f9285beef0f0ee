"""A document on the terminal: headings in bold, tables drawn by rich, no pictures (a
document's figures are written with ``-o`` to a file that can hold them)."""

from __future__ import annotations

from typing import TextIO

from rich.markup import escape
from rich.table import Table as RichTable

from ansvarsregler.documents.blocks import (
    Bullets,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from ansvarsregler.presenters.console import QuietConsole


def write_document_terminal(document: Document, out: TextIO) -> None:
    console = QuietConsole(file=out, highlight=False, soft_wrap=False)
    console.print(document.title, style="bold", markup=False)
    if document.subtitle:
        console.print(document.subtitle, markup=False)
    for block in document.blocks:
        if isinstance(block, Heading):
            console.print()
            console.print(block.text, style="bold", markup=False)
        elif isinstance(block, Paragraph):
            console.print(block.text, style="italic" if block.note else "", markup=False)
        elif isinstance(block, Bullets):
            for item in block.items:
                console.print(f"- {item}", markup=False)
        elif isinstance(block, Table):
            table = RichTable(show_lines=False)
            for title, ratio in zip(
                block.header, block.widths or [1] * len(block.header), strict=True
            ):
                table.add_column(escape(title), ratio=ratio, overflow="fold")
            for row in block.rows:
                table.add_row(*(escape(cell) for cell in row))
            console.print(table)
        elif isinstance(block, (Figure, PageBreak)):
            continue
