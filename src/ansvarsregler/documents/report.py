"""The council document: the goals grouped by service area and owner, the responsibility
matrix, the unresolved goals with their questions, the assumptions made, and where the
owners came from.

This is the chapter a planner pastes into the budget document. It says
nothing the results do not: every owner, justification and assumption is the
classifier's own, so the document and ``ansvar classify`` never disagree.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from ansvarsregler.documents.blocks import (
    Block,
    Bullets,
    Document,
    Figure,
    Heading,
    MatrixChart,
    Paragraph,
    Table,
)
from ansvarsregler.goals.extras import goal_extra
from ansvarsregler.goals.fact_columns import fact_header, value_word
from ansvarsregler.i18n import message
from ansvarsregler.municipality.schema import Profile
from ansvarsregler.result import Classification
from ansvarsregler.vocabulary import OWNER_IDS, Language

#: How many characters of the rule set's hash the document shows: enough to tell two apart.
HASH_SHOWN = 12
#: The most bars the chart draws; past it the smallest areas share one bar (the table has all).
CHART_AREAS = 20


def build_report(
    results: Iterable[Classification], lang: Language, profile: Profile | None = None
) -> Document:
    """The council document for ``results`` (in the order given), in ``lang``."""
    results = list(results)
    owners = _owner_columns(results, lang)
    blocks: list[Block] = [
        *_summary(results, owners, lang),
        *_matrix(results, owners, lang),
        Heading(message("report.by_area", lang), 1),
    ]
    for area, in_area in _by_area(results, lang):
        blocks.append(Heading(area, 2))
        blocks.extend(_area_goals(in_area, lang))
        unresolved = sum(1 for result in in_area if result.owner is None)
        if unresolved:
            blocks.append(Paragraph(message("report.area_unresolved", lang, count=unresolved)))
    blocks.extend(_unresolved(results, lang))
    blocks.extend(_assumptions(results, lang))
    blocks.extend(_about(results, profile, lang))
    subtitle = message("report.for", lang, name=profile.name) if profile else None
    return Document(message("report.title", lang), lang, tuple(blocks), subtitle)


def owners_named(results: Sequence[Classification]) -> list[tuple[str, str]]:
    """The owners the results have, (id, label) in the principles' order, each labelled as
    the results name it (the municipality's title for the chief executive)."""
    return [
        (owner, label)
        for owner in OWNER_IDS
        if (label := next((r.owner_label for r in results if r.owner == owner), None))
    ]


def _owner_columns(results: Sequence[Classification], lang: Language) -> list[tuple[str, str]]:
    """The owners the results have, then the unresolved if there are any."""
    columns = owners_named(results)
    if any(result.owner is None for result in results):
        columns.append(("", message("report.unresolved_column", lang)))
    return columns


def _summary(
    results: Sequence[Classification], owners: Sequence[tuple[str, str]], lang: Language
) -> list[Block]:
    counted: Counter[str] = Counter(result.owner or "" for result in results)
    unresolved = counted.get("", 0)
    counts = message(
        "report.counts",
        lang,
        total=len(results),
        owned=len(results) - unresolved,
        unresolved=unresolved,
    )
    return [
        Heading(message("report.summary", lang), 1),
        Paragraph(counts),
        Bullets(
            [
                message("report.owner_count", lang, owner=label, count=counted[owner])
                for owner, label in owners
                if counted[owner]
            ]
        ),
        Paragraph(message("report.principles", lang)),
    ]


def _matrix(
    results: Sequence[Classification], owners: Sequence[tuple[str, str]], lang: Language
) -> list[Block]:
    by_area = _by_area(results, lang)
    areas = [area for area, _ in by_area]
    counts = [
        [sum(1 for r in in_area if (r.owner or "") == owner) for owner, _ in owners]
        for _, in_area in by_area
    ]
    labels = [label for _, label in owners]
    total = message("report.sum", lang)
    rows = [[area, *map(str, row), str(sum(row))] for area, row in zip(areas, counts, strict=True)]
    sums = [sum(column) for column in zip(*counts, strict=True)] if counts else [0] * len(owners)
    rows.append([total, *map(str, sums), str(sum(sums))])
    chart_areas, chart_counts = _largest(areas, counts, lang)
    chart = MatrixChart(
        areas=chart_areas,
        owners=labels,
        owner_ids=[owner for owner, _ in owners],
        counts=chart_counts,
        title=message("report.chart_title", lang),
        axis=message("report.chart_axis", lang),
    )
    caption = message("report.chart_caption", lang)
    if len(chart_areas) < len(areas):
        caption += " " + message("report.chart_largest", lang, shown=CHART_AREAS)
    return [
        Heading(message("report.matrix", lang), 1),
        Paragraph(message("report.matrix_intro", lang)),
        Table([message("report.area", lang), *labels, total], rows, emphasis_last_row=True),
        Figure(chart, caption),
    ]


def _largest(
    areas: list[str], counts: list[list[int]], lang: Language
) -> tuple[list[str], list[list[int]]]:
    """The chart's bars: every area, or where there are more than :data:`CHART_AREAS`, the
    largest (in the table's order) and one bar for the rest."""
    if len(areas) <= CHART_AREAS:
        return areas, counts
    by_size = sorted(range(len(areas)), key=lambda index: -sum(counts[index]))
    kept = sorted(by_size[: CHART_AREAS - 1])
    rest = [index for index in range(len(areas)) if index not in set(kept)]
    others = [sum(counts[index][column] for index in rest) for column in range(len(counts[0]))]
    label = message("report.other_areas", lang, count=len(rest))
    return [areas[index] for index in kept] + [label], [counts[index] for index in kept] + [others]


def _by_area(
    results: Sequence[Classification], lang: Language
) -> list[tuple[str, list[Classification]]]:
    """The results per service area, areas in alphabetical order (as written in the first
    goal of each; case and spacing ignored), goals without one last. A list, not a
    mapping: an area may be called what the goals without one are headed."""
    grouped: dict[str, list[Classification]] = defaultdict(list)
    names: dict[str, str] = {}
    for result in results:
        written = area_name(result.goal.service_area)
        key = written.casefold()
        names.setdefault(key, written)
        grouped[key].append(result)
    ordered = sorted((key for key in grouped if key), key=lambda key: norwegian_order(names[key]))
    if "" in grouped:
        names[""] = message("report.no_area", lang)
        ordered.append("")
    return [(names[key], grouped[key]) for key in ordered]


def _area_goals(results: Sequence[Classification], lang: Language) -> list[Block]:
    """An area's goals with an owner, one table per owner, headed by the owner (and the
    municipality's role for it, and who follows the goals up)."""
    blocks: list[Block] = []
    header = [
        message("report.goal", lang),
        message("report.indicator", lang),
        message("report.target", lang),
        message("report.adopted_by", lang),
        message("report.justification", lang),
    ]
    for owner in OWNER_IDS:
        owned = [result for result in results if result.owner == owner]
        if not owned:
            continue
        first = owned[0]
        heading = first.owner_label or owner
        if first.owner_role and first.owner_role.casefold() != heading.casefold():
            heading = f"{heading} ({first.owner_role})"
        blocks.append(Heading(heading, 3))
        bodies = sorted({r.followed_up_by for r in owned if r.followed_up_by})
        blocks.extend(
            Paragraph(message("report.followed_up_by", lang, body=body)) for body in bodies
        )
        rows = [
            [
                result.title,
                goal_extra(result.goal, "indicator"),
                goal_extra(result.goal, "target"),
                result.adopted_by_label or "",
                result.justification,
            ]
            for result in owned
        ]
        blocks.append(Table(header, rows, widths=[6, 6, 4, 5, 12]))
    return blocks


def _unresolved(results: Sequence[Classification], lang: Language) -> list[Block]:
    unresolved = [result for result in results if result.owner is None]
    blocks: list[Block] = [Heading(message("report.unresolved", lang), 1)]
    if not unresolved:
        return [*blocks, Paragraph(message("report.none_unresolved", lang))]
    header = [
        message("report.goal", lang),
        message("report.area", lang),
        message("report.question", lang),
    ]
    rows = [
        [
            result.title,
            area_name(result.goal.service_area),
            " ".join(question.text for question in result.questions),
        ]
        for result in unresolved
    ]
    return [
        *blocks,
        Paragraph(message("report.unresolved_intro", lang)),
        Table(header, rows, widths=[4, 2, 6]),
    ]


def _assumptions(results: Sequence[Classification], lang: Language) -> list[Block]:
    blocks: list[Block] = [Heading(message("report.assumptions", lang), 1)]
    rows = [
        [
            result.title,
            fact_header(item.fact, lang),
            value_word(item.fact, item.value, lang),
            item.text,
        ]
        for result in results
        for item in result.assumptions
    ]
    if not rows:
        return [*blocks, Paragraph(message("report.none_assumed", lang))]
    header = [
        message("report.goal", lang),
        message("report.fact", lang),
        message("report.value", lang),
        message("report.why", lang),
    ]
    return [
        *blocks,
        Paragraph(message("report.assumptions_intro", lang)),
        Table(header, rows, widths=[4, 2, 2, 6]),
    ]


def _about(
    results: Sequence[Classification], profile: Profile | None, lang: Language
) -> list[Block]:
    blocks: list[Block] = [Heading(message("report.about", lang), 1)]
    identities = {(r.ruleset.name, r.ruleset.version, r.ruleset.hash) for r in results}
    for name, version, digest in sorted(identities):
        ruleset = message(
            "report.ruleset", lang, name=name, version=version, hash=digest[:HASH_SHOWN]
        )
        blocks.append(Paragraph(ruleset, note=True))
    if profile is None:
        blocks.append(Paragraph(message("report.no_profile", lang), note=True))
    else:
        # bokmål: the title in the sentence («rådmannen»); English: the Norwegian title itself
        chief = profile.chief_executive().nb
        title = chief[:1].lower() + chief[1:] if lang == "nb" else profile.chief_executive_title
        about = message(
            "report.profile", lang, name=profile.name, source=profile.source, title=title
        )
        blocks.append(Paragraph(about, note=True))
    return blocks


def area_name(service_area: str | None) -> str:
    """A service area as a heading shows it: spacing tidied, the first letter capital."""
    written = " ".join((service_area or "").split())
    return written[:1].upper() + written[1:]


def norwegian_order(text: str) -> str:
    """A sort key that puts æ, ø and å after z, in that order, as a Norwegian reader
    expects, and other accented letters with their plain ones (é with e)."""
    held = text.casefold().translate(_HOLD)
    plain = "".join(c for c in unicodedata.normalize("NFD", held) if not unicodedata.combining(c))
    return plain.translate(_AFTER_Z)


# Æ, ø and å are held apart while accents are stripped (å would lose its ring), then put
# after z: "{", "|" and "}" follow "z" in code point order.
_HOLD = str.maketrans({"æ": "\ue000", "ø": "\ue001", "å": "\ue002"})
_AFTER_Z = str.maketrans({"\ue000": "{", "\ue001": "|", "\ue002": "}"})
