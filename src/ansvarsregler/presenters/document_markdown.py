"""A document as Markdown: headings, paragraphs, lists and pipe tables, to paste into a
council paper or a wiki.

A figure is left out (Markdown cannot hold a picture without a second file);
the table it draws comes right before it. Text is escaped so that it shows as
written: ``|`` cannot break a table, and ``<`` cannot start HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from ansvarsregler.documents.blocks import (
    Block,
    Bullets,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)


def write_document_markdown(document: Document, out: TextIO) -> None:
    out.write(f"# {_text(document.title)}\n")
    if document.subtitle:
        out.write(f"\n{_text(document.subtitle)}\n")
    for block in document.blocks:
        out.write(_block(block))


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"\n{'#' * (block.level + 1)} {_text(block.text)}\n"
    if isinstance(block, Paragraph):
        text = _text(block.text)
        return f"\n*{text}*\n" if block.note else f"\n{text}\n"
    if isinstance(block, Bullets):
        return "\n" + "".join(f"- {_text(item)}\n" for item in block.items)
    if isinstance(block, Table):
        lines = [_row(block.header), "|" + "---|" * len(block.header)]
        for index, row in enumerate(block.rows):
            last = block.emphasis_last_row and index == len(block.rows) - 1
            cells = [_text(cell).replace("|", "\\|") for cell in row]
            lines.append("| " + " | ".join(f"**{c}**" if last and c else c for c in cells) + " |")
        return "\n" + "\n".join(lines) + "\n"
    if isinstance(block, (Figure, PageBreak)):
        return ""
    raise TypeError(block)  # pragma: no cover - every block is handled above


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_text(cell).replace("|", "\\|") for cell in cells) + " |"


def _text(text: str) -> str:
    """Shown as written, on one line: no raw HTML, and no Markdown of its own (a link, an
    image, emphasis, code) that a goal's words could start."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return " ".join(_MARKDOWN.sub(r"\\\g<0>", escaped).split())


#: The characters that start Markdown inside a line, the backslash that escapes them too.
_MARKDOWN = re.compile(r"[\\`*_\[\]!#]")
