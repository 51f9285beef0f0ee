"""Pictures for the documents, drawn with matplotlib: the responsibility matrix as bars.

matplotlib is imported when a picture is drawn, never before, so commands that
draw none start as fast as before. The figures are built without pyplot (no
global state, safe in threads) on the Agg canvas, and written without a date
or random ids, so the same data gives the same bytes.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ansvarsregler.documents.blocks import MatrixChart

if TYPE_CHECKING:
    from matplotlib.figure import Figure as PlotFigure

#: One colour per owner, the same in every picture: the council dark blue, the chief
#: executive teal, the unit leader orange, the unresolved grey.
OWNER_COLOURS = {
    "kommunestyret": "#1f4e79",
    "radmann": "#2a9d8f",
    "virksomhetsleder": "#e07b39",
    "": "#a6a6a6",
}
_FONT = "DejaVu Sans"  # shipped with matplotlib: the same letters (æøå too) everywhere


def matrix_png(chart: MatrixChart, dpi: int = 200) -> bytes:
    """The chart as PNG, for a Word document."""
    out = io.BytesIO()
    _matrix_figure(chart).savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def matrix_svg(chart: MatrixChart) -> str:
    """The chart as SVG text, to stand inside an HTML page."""
    out = io.StringIO()
    figure = _matrix_figure(chart)
    with _settings({"svg.hashsalt": "ansvarsregler", "svg.fonttype": "path"}):
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    text = out.getvalue()
    return text[text.index("<svg") :]  # no XML declaration or DOCTYPE inside HTML


def _matrix_figure(chart: MatrixChart) -> PlotFigure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with _settings({"font.family": _FONT}):
        height = 1.2 + 0.38 * max(len(chart.areas), 1)
        figure = Figure(figsize=(7.5, height))
        # Room for the longest area name at the left; a fixed layout is many times faster
        # than matplotlib's constrained one, which measures every label twice.
        longest = max((len(area) for area in chart.areas), default=10)
        figure.subplots_adjust(
            left=min(0.45, 0.04 + 0.0105 * longest),
            right=0.97,
            top=1 - 0.45 / height,
            bottom=0.55 / height,
        )
        axes = figure.add_subplot()
        areas = list(reversed(chart.areas))  # the first area on top, as in the table
        left = [0] * len(areas)
        for column, (owner, owner_id) in enumerate(zip(chart.owners, chart.owner_ids, strict=True)):
            widths = [chart.counts[len(areas) - 1 - row][column] for row in range(len(areas))]
            if not any(widths):
                continue
            axes.barh(
                areas,
                widths,
                left=left,
                label=owner,
                color=OWNER_COLOURS.get(owner_id, "#6c757d"),
                edgecolor="white",
                linewidth=0.6,
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        axes.set_title(chart.title, fontsize=11, loc="left")
        axes.set_xlabel(chart.axis, fontsize=9)
        axes.tick_params(labelsize=8)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(fontsize=8, frameon=False, loc="lower right")
        return figure


@contextlib.contextmanager
def _settings(changes: dict[str, Any]) -> Iterator[None]:
    """matplotlib's settings changed for one drawing, and put back after."""
    import matplotlib

    with matplotlib.rc_context(changes):  # type: ignore[arg-type]
        yield
