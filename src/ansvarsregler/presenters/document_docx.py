"""A document as DOCX (Word), with python-docx: real heading styles, tables in a table
style with a header row that repeats on every page, bullet lists and figures as pictures,
so a planner can paste any part into the municipality's own budget document and it takes
that document's styles.

The page is A4 with 2 cm margins, and the text is marked as bokmål or English, so
Word's spelling check reads it in the right language.
"""

from __future__ import annotations

import copy
import functools
import io
import re
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

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
from ansvarsregler.presenters.charts import chart_png

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

#: The width of the text on an A4 page with 2 cm margins, in centimetres.
TEXT_WIDTH_CM = 17.0
_TABLE_STYLE = "Light Grid Accent 1"
_LANGUAGE = {"nb": "nb-NO", "en": "en-GB"}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_ALLOWED = "\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"
_XML_SAFE = re.compile(f"[{_XML_ALLOWED}]*")
_XML_UNSAFE = re.compile(f"[^{_XML_ALLOWED}]")


def write_document_docx(document: Document, out: IO[bytes]) -> None:
    word = copy.deepcopy(_template(document.lang))  # many times faster than reading it again
    word.core_properties.title = xml_text(document.title)
    _paragraph(word, document.title, "Title")
    if document.subtitle:
        _paragraph(word, document.subtitle, "Subtitle")
    for block in document.blocks:
        _block(word, block)
    out.write(_saved(word, document.lang))


def _saved(word: WordDocument, lang: str) -> bytes:
    """The document as DOCX bytes. The parts it shares with the template unchanged (styles,
    theme, settings, fonts) are serialised once per template, not once per document: that
    was most of the time 300 leader agreements took."""
    from docx.opc.pkgwriter import PackageWriter

    unchanged = _template_blobs(lang)
    package = word.part.package
    parts = [
        _Unchanged(part, unchanged[str(part.partname)]) if str(part.partname) in unchanged else part
        for part in package.iter_parts()
    ]
    buffer = io.BytesIO()
    PackageWriter.write(buffer, package.rels, parts)
    return buffer.getvalue()


class _Unchanged:
    """A part of the template as it was saved once: its bytes, and the rest of the part."""

    def __init__(self, part: Any, blob: bytes) -> None:
        self._part = part
        self.blob = blob

    def __getattr__(self, name: str) -> Any:
        return getattr(self._part, name)


#: The parts a document writes into (the body, the title in the core properties, a
#: picture's relationships); every other part stays as the template has it.
_CHANGING = ("/word/document.xml", "/docProps/core.xml")


@functools.lru_cache(maxsize=2)
def _template_blobs(lang: str) -> dict[str, bytes]:
    package = _template(lang).part.package
    return {
        str(part.partname): part.blob
        for part in package.iter_parts()
        if str(part.partname) not in _CHANGING
    }


@functools.lru_cache(maxsize=2)
def _template(lang: str) -> WordDocument:
    """python-docx's blank document set up once per language: A4, 2 cm margins, the
    language for the spelling check, smaller table text. Copied for each document, never
    changed after this."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    word = docx.Document()
    word.core_properties.author = "ansvarsregler"
    word.core_properties.language = _LANGUAGE.get(lang, "nb-NO")
    for section in word.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.0))
    word.styles[_TABLE_STYLE].font.size = Pt(9)  # a council paper's tables are set smaller
    properties = word.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), _LANGUAGE.get(lang, "nb-NO"))
    properties.append(language)
    for name in ("Title", "Subtitle", "Caption", "List Bullet", _TABLE_STYLE):
        _style_id(word, name)
    for level in range(1, 10):
        _style_id(word, f"Heading {level}")
    return word


def _block(word: WordDocument, block: Block) -> None:
    if isinstance(block, Heading):
        _paragraph(word, block.text, f"Heading {min(block.level, 9)}")
    elif isinstance(block, Paragraph):
        paragraph = word.add_paragraph(xml_text(block.text))
        if block.note:
            for run in paragraph.runs:
                run.italic = True
    elif isinstance(block, Bullets):
        for item in block.items:
            _paragraph(word, item, "List Bullet")
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Figure):
        from docx.shared import Cm

        word.add_picture(io.BytesIO(chart_png(block.chart)), width=Cm(TEXT_WIDTH_CM - 1))
        _paragraph(word, block.caption, "Caption")
    elif isinstance(block, PageBreak):
        word.add_page_break()
    else:  # pragma: no cover - every block is handled above
        raise TypeError(block)


def _table(word: WordDocument, table: Table) -> None:
    """A table in the table style, fixed column widths, the header repeated on every page.

    The cells are written as XML directly: python-docx's ``cell.text`` walks every
    character, which made a 1,000-goal report take seconds.
    """
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    columns = len(table.header)
    grid = word.add_table(rows=len(table.rows) + 1, cols=columns)
    grid._tbl.tblStyle_val = _style_id(word, _TABLE_STYLE)
    grid.autofit = False
    properties = grid._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(_qn("w:type"), "fixed")
    properties.append(layout)
    properties.append(_table_look())
    widths = [Cm(TEXT_WIDTH_CM * share) for share in _shares(table.widths, columns)]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    rows = grid.rows
    rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeats on each page
    for cell, width in zip(rows[0].cells, widths, strict=True):
        cell.width = width
    last = len(table.rows)
    for number, (row, values) in enumerate(zip(rows, [table.header, *table.rows], strict=True)):
        bold = number == 0 or (table.emphasis_last_row and number == last)
        if number:  # a goal's row stays on one page, unless it is longer than a page
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, value in zip(row._tr.tc_lst, values, strict=True):
            cell.p_lst[0].append(_run(value, bold))


def _run(text: str, bold: bool) -> object:
    """A ``w:r`` holding ``text`` as it is (spaces kept), bold or not."""
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    if bold:
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:b"))
        run.append(properties)
    element = OxmlElement("w:t")
    element.set(_XML_SPACE, "preserve")
    element.text = xml_text(text)
    run.append(element)
    return run


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot hold (control characters, lone
    surrogates), which Word would refuse to open; everything else as it is."""
    return text if _XML_SAFE.fullmatch(text) else _XML_UNSAFE.sub("", text)


def _paragraph(word: WordDocument, text: str, style: str) -> None:
    """A paragraph in the style named ``style``, set by its id: python-docx's own way looks
    through every style each time, which made 300 agreements take seconds."""
    paragraph = word.add_paragraph(xml_text(text))
    paragraph._p.style = _style_id(word, style)


def _style_id(word: WordDocument, name: str) -> str:
    """The id of the style named ``name`` (``Heading 1`` is ``Heading1``), looked up once
    per document."""
    cache: dict[str, str] = word.__dict__.setdefault("_ansvar_style_ids", {})
    if name not in cache:
        cache[name] = word.styles[name].style_id
    return cache[name]


def _qn(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(name)


def _table_look() -> object:
    """The table style's header row and banded rows, but not its bold first column."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    look = OxmlElement("w:tblLook")
    for name, value in (
        ("firstRow", "1"),
        ("lastRow", "0"),
        ("firstColumn", "0"),
        ("lastColumn", "0"),
        ("noHBand", "0"),
        ("noVBand", "1"),
    ):
        look.set(qn(f"w:{name}"), value)
    return look


def _shares(widths: Sequence[int] | None, columns: int) -> list[float]:
    """Each column's share of the text width: as the table asks, else equal."""
    weights = list(widths) if widths and len(widths) == columns else [1] * columns
    total = sum(weights)
    return [weight / total for weight in weights]
