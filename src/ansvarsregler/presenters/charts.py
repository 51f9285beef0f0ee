"""Pictures for the documents, drawn with matplotlib: the responsibility matrix as bars, and
the annual wheel.

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

from ansvarsregler.documents.blocks import Chart, MatrixChart, WheelChart

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


def chart_png(chart: Chart, dpi: int = 200) -> bytes:
    """The chart as PNG, for a Word document or a file of its own."""
    out = io.BytesIO()
    _figure(chart).savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def chart_svg(chart: Chart, standalone: bool = False) -> str:
    """The chart as SVG text: to stand inside an HTML page, or (``standalone``) as a file
    with its XML declaration."""
    out = io.StringIO()
    figure = _figure(chart)
    with _settings({"svg.hashsalt": "ansvarsregler", "svg.fonttype": "path"}):
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    text = out.getvalue()
    return text if standalone else text[text.index("<svg") :]


def _figure(chart: Chart) -> PlotFigure:
    if isinstance(chart, WheelChart):
        return _wheel_figure(chart)
    return _matrix_figure(chart)


def _matrix_figure(chart: MatrixChart) -> PlotFigure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with _settings({"font.family": _FONT, "text.parse_math": False}):
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


#: The wheel's rings, (outer edge, inner edge), and their colours: the tasks, and the months
#: without one.
_POLITICAL_RING, _ADMINISTRATIVE_RING = (1.0, 0.64), (0.62, 0.26)
_POLITICAL, _ADMINISTRATIVE = "#1f4e79", "#e07b39"
_POLITICAL_EMPTY, _ADMINISTRATIVE_EMPTY = "#dbe4ee", "#f6dfcf"
_WRAP = 52


def _wheel_figure(chart: WheelChart) -> PlotFigure:
    """The months around a circle (January at the top, clockwise), the political ring
    outside the administrative; each task numbered in its month and listed beside."""
    import math
    import textwrap

    from matplotlib.figure import Figure

    with _settings({"font.family": _FONT, "text.parse_math": False}):
        figure = Figure(figsize=(11.5, 6.6))
        wheel: Any = figure.add_axes((0.01, 0.06, 0.5, 0.82), projection="polar")  # PolarAxes
        wheel.set_theta_zero_location("N")
        wheel.set_theta_direction(-1)
        wheel.set_axis_off()
        wheel.set_ylim(0, 1.16)
        step = 2 * math.pi / 12
        numbered = list(enumerate(chart.events, start=1))
        for ring, empty, political in (
            (_POLITICAL_RING, _POLITICAL_EMPTY, True),
            (_ADMINISTRATIVE_RING, _ADMINISTRATIVE_EMPTY, False),
        ):
            colour = _POLITICAL if political else _ADMINISTRATIVE
            outer, inner = ring
            busy = {m for _, e in numbered if e.political == political for m in e.months}
            for month in range(1, 13):
                wheel.bar(
                    (month - 0.5) * step,
                    outer - inner,
                    width=step,
                    bottom=inner,
                    color=colour if month in busy else empty,
                    alpha=0.85 if month in busy else 1.0,
                    edgecolor="white",
                    linewidth=1.5,
                )
                numbers = [
                    str(number)
                    for number, event in numbered
                    if event.political == political and event.months[0] == month
                ]
                if numbers:
                    wheel.text(
                        (month - 0.5) * step,
                        (outer + inner) / 2,
                        "\n".join(", ".join(numbers[i : i + 2]) for i in range(0, len(numbers), 2)),
                        ha="center",
                        va="center",
                        fontsize=9,
                        fontweight="bold",
                        color="white",
                    )
        for month, name in enumerate(chart.month_names, start=1):
            wheel.text((month - 0.5) * step, 1.11, name, ha="center", va="center", fontsize=9)
        figure.text(0.02, 0.95, chart.title, fontsize=15, fontweight="bold")
        lines: list[tuple[str, str, str]] = []  # (text, colour, weight)
        for political, name in ((True, chart.rings[0]), (False, chart.rings[1])):
            colour = _POLITICAL if political else _ADMINISTRATIVE
            lines.append((name.capitalize(), colour, "bold"))
            for number, event in numbered:
                if event.political != political:
                    continue
                wrapped = textwrap.wrap(f"{number}. {event.label}", _WRAP, subsequent_indent="    ")
                lines.extend((line, "#1b1b1b", "normal") for line in wrapped)
            lines.append(("", "#1b1b1b", "normal"))
        height = 0.86 / max(len(lines), 24)
        for index, (text, colour, weight) in enumerate(lines):
            figure.text(
                0.55, 0.9 - index * height, text, color=colour, fontweight=weight, fontsize=9.5
            )
        if chart.note:
            figure.text(0.02, 0.02, chart.note, fontsize=9, style="italic", color="#555555")
        return figure


@contextlib.contextmanager
def _settings(changes: dict[str, Any]) -> Iterator[None]:
    """matplotlib's settings changed for one drawing, and put back after."""
    import matplotlib

    with matplotlib.rc_context(changes):  # type: ignore[arg-type]
        yield
