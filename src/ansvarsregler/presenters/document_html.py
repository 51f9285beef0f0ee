"""A document as one self-contained HTML page: its styles inside, its figures as inline
SVG, nothing fetched from elsewhere, every text escaped. It prints on A4 as it shows."""

from __future__ import annotations

import html
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
from ansvarsregler.presenters.charts import chart_svg

_STYLE = """
body { font-family: Calibri, "Segoe UI", "DejaVu Sans", sans-serif; margin: 2em auto;
  max-width: 72em; padding: 0 1.5em; color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 1.9em; margin-bottom: 0.1em; }
h2 { font-size: 1.45em; border-bottom: 2px solid #1f4e79; margin-top: 1.8em; }
h3 { font-size: 1.2em; margin-top: 1.4em; }
h4 { font-size: 1.05em; margin-bottom: 0.3em; }
.subtitle { font-size: 1.2em; color: #444; margin-top: 0; }
.note { font-size: 0.9em; color: #555; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 0.92em; }
th, td { border: 1px solid #bfbfbf; padding: 0.3em 0.45em; text-align: left;
  vertical-align: top; }
th { background: #dde7f0; }
tr.sum td { font-weight: bold; background: #f3f3f3; }
td.number, th.number { text-align: right; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: #555; }
.page-break { page-break-after: always; }
@page { size: A4; margin: 2cm; }
@media print { body { margin: 0; max-width: none; } thead { display: table-header-group; } }
"""


def write_document_html(document: Document, out: TextIO) -> None:
    out.write(
        f'<!doctype html>\n<html lang="{"nb" if document.lang == "nb" else "en"}">\n<head>\n'
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width">\n'
        f"<title>{_e(document.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{_e(document.title)}</h1>\n"
    )
    if document.subtitle:
        out.write(f'<p class="subtitle">{_e(document.subtitle)}</p>\n')
    for block in document.blocks:
        out.write(_block(block))
    out.write("</body>\n</html>\n")


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(block.level + 1, 6)
        return f"<h{level}>{_e(block.text)}</h{level}>\n"
    if isinstance(block, Paragraph):
        return (
            f'<p class="note">{_e(block.text)}</p>\n'
            if block.note
            else f"<p>{_e(block.text)}</p>\n"
        )
    if isinstance(block, Bullets):
        return "<ul>\n" + "".join(f"<li>{_e(item)}</li>\n" for item in block.items) + "</ul>\n"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        caption = f"<figcaption>{_e(block.caption)}</figcaption>"
        return f"<figure>\n{chart_svg(block.chart)}\n{caption}\n</figure>\n"
    if isinstance(block, PageBreak):
        return '<div class="page-break"></div>\n'
    raise TypeError(block)  # pragma: no cover - every block is handled above


def _table(table: Table) -> str:
    numeric = [
        bool(table.rows) and all(row[index].isdigit() for row in table.rows)
        for index in range(len(table.header))
    ]
    head = "".join(
        f"<th{' class=number' if numeric[i] else ''}>{_e(cell)}</th>"
        for i, cell in enumerate(table.header)
    )
    parts = [f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"]
    for index, row in enumerate(table.rows):
        is_sum = table.emphasis_last_row and index == len(table.rows) - 1
        cells = "".join(
            f"<td{' class=number' if numeric[i] else ''}>{_e(cell)}</td>"
            for i, cell in enumerate(row)
        )
        parts.append(f"<tr{' class=sum' if is_sum else ''}>{cells}</tr>\n")
    parts.append("</tbody>\n</table>\n")
    return "".join(parts)


def _e(text: str) -> str:
    return html.escape(text, quote=True)
