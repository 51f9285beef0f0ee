"""The parts a document is made of, the same for every format it is written in.

Kept to what a council paper needs: headings, paragraphs, bullet lists,
tables, figures and page breaks. A presenter writes each part in its
format's own terms (a Word heading style, an HTML ``<table>``, a Markdown
pipe table), so one builder serves DOCX, HTML and Markdown alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    """1 for a chapter, 2 for a section, 3 below that."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False
    """Set apart as a note (smaller, muted), such as where the content came from."""


@dataclass(frozen=True)
class Bullets:
    items: Sequence[str]


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[int] | None = None
    """Relative column widths, where some columns need more room than others."""
    emphasis_last_row: bool = False
    """The last row is a sum (bold)."""


@dataclass(frozen=True)
class MatrixChart:
    """Goals per service area and owner, as stacked bars: the responsibility matrix drawn."""

    areas: Sequence[str]
    owners: Sequence[str]
    owner_ids: Sequence[str]
    """Each owner's id (``""`` for the unresolved), which gives it its colour."""
    counts: Sequence[Sequence[int]]
    """``counts[area][owner]``."""
    title: str
    axis: str


@dataclass(frozen=True)
class WheelEvent:
    """One task on the wheel: its label, the months it runs in, and its ring."""

    label: str
    months: Sequence[int]
    political: bool


@dataclass(frozen=True)
class WheelChart:
    """The annual wheel drawn: the months around a circle, January at the top, the
    political tasks on the outer ring and the administrative on the inner."""

    title: str
    month_names: Sequence[str]
    rings: tuple[str, str]
    """The rings' names: political, administrative."""
    events: Sequence[WheelEvent]
    note: str | None = None


Chart = MatrixChart | WheelChart


@dataclass(frozen=True)
class Figure:
    chart: Chart
    caption: str


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Table | Figure | PageBreak


@dataclass(frozen=True)
class Document:
    """A whole document: its title, what it is about, and its parts in order."""

    title: str
    lang: str
    blocks: Sequence[Block] = field(default_factory=tuple)
    subtitle: str | None = None
