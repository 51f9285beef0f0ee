"""The figures of ``ansvar evaluate`` as terminal tables or markdown.

Both formats show the same sections, built once here as plain rows: the
tallies, the confusion table, the facts, the questions and the wrong goals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, TextIO

from rich.markup import escape
from rich.table import Table

from ansvarsregler.analysis.evaluation import UNRESOLVED, Evaluation, Tally, WrongGoal
from ansvarsregler.i18n import message
from ansvarsregler.presenters.console import QuietConsole
from ansvarsregler.presenters.flat import md_cell
from ansvarsregler.vocabulary import OWNER_IDS, Language


class Section(NamedTuple):
    heading: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def share(value: float, lang: Language) -> str:
    """``0.358`` as «35,8 %» in bokmål, «35.8 %» in English."""
    text = f"{value * 100:.1f} %"
    return text.replace(".", ",") if lang == "nb" else text


def _tally_section(heading: str, tallies: dict[str, Tally], lang: Language) -> Section:
    header = tuple(
        message(key, lang)
        for key in ("col.group", "col.goals", "col.right", "col.unresolved", "col.wrong")
    )
    rows = [
        (
            name,
            str(tally.goals),
            f"{tally.right} ({share(tally.right_share, lang)})",
            f"{tally.unresolved} ({share(tally.unresolved_share, lang)})",
            f"{tally.wrong} ({share(tally.wrong_share, lang)})",
        )
        for name, tally in tallies.items()
    ]
    return Section(heading, header, rows)


def sections(report: Evaluation, lang: Language) -> list[Section]:
    """Every table of the report, in the order shown."""
    found = [
        _tally_section(
            message("evaluate.overall", lang),
            {message("evaluate.overall", lang): report.overall},
            lang,
        )
    ]
    if report.by_language:
        found.append(
            _tally_section(message("evaluate.by_language", lang), report.by_language, lang)
        )
    if report.by_service_area:
        found.append(
            _tally_section(message("evaluate.by_service_area", lang), report.by_service_area, lang)
        )
    columns = (*OWNER_IDS, UNRESOLVED)
    unresolved = message("col.unresolved", lang).lower()
    found.append(
        Section(
            message("evaluate.confusion", lang),
            (
                message("col.expected", lang),
                *(unresolved if c == UNRESOLVED else c for c in columns),
            ),
            [
                (expected, *(str(got[column]) for column in columns))
                for expected, got in report.confusion.items()
            ],
        )
    )
    if report.facts:
        keys = ("col.suggested_right", "col.suggested_wrong", "col.not_suggested", "col.given")
        found.append(
            Section(
                message("evaluate.facts", lang),
                (message("col.fact", lang), *(message(key, lang) for key in keys)),
                [
                    (f.fact, str(f.right), str(f.wrong), str(f.not_suggested), str(f.given))
                    for f in report.facts
                ],
            )
        )
    found.append(
        Section(
            message("evaluate.questions", lang),
            (message("col.question_count", lang), message("col.unresolved_goals", lang)),
            [(str(count), str(goals)) for count, goals in report.questions.items()],
        )
    )
    return found


def _wrong_line(goal: WrongGoal, lang: Language) -> str:
    """«id: title: expected radmann, got kommunestyret (rule r); the words: ...»."""
    words = "; ".join(
        f"{item.fact} = {item.value} ({item.rule}): "
        + ", ".join(f"«{word}»" for word in item.words)
        for item in goal.suggestions
    )
    misled = (
        f"{message('evaluate.words', lang)}: {words}"
        if words
        else message("evaluate.no_words", lang)
    )
    expected, got = message("col.expected", lang).lower(), message("col.got", lang).lower()
    return (
        f"{goal.goal_id}: {goal.title} — {expected} {goal.expected}, {got} {goal.got} "
        f"({message('col.rule', lang).lower()} {goal.rule}); {misled}"
    )


def _title(report: Evaluation, lang: Language) -> str:
    title = message("evaluate.heading", lang, count=report.overall.goals)
    return title if report.suggest else f"{title} {message('evaluate.no_suggest', lang)}"


def write_evaluation_table(report: Evaluation, out: TextIO, lang: Language) -> None:
    console = QuietConsole(file=out, highlight=False)
    console.print(_title(report, lang), style="bold", markup=False)
    for section in sections(report, lang):
        table = Table(title=section.heading, title_justify="left")
        for index, name in enumerate(section.header):
            table.add_column(name, justify="left" if index == 0 else "right")
        for cells in section.rows:
            table.add_row(*(escape(cell) for cell in cells))
        console.print(table)
    heading = f"{message('evaluate.wrong_goals', lang)} ({len(report.wrong_goals)})"
    console.print(heading, style="bold", markup=False)
    if not report.wrong_goals:
        console.print(f"  {message('evaluate.no_wrong', lang)}", markup=False)
    for goal in report.wrong_goals:
        console.print(f"  - {_wrong_line(goal, lang)}", markup=False)


def write_evaluation_markdown(report: Evaluation, out: TextIO, lang: Language) -> None:
    lines = [f"## {_title(report, lang)}"]
    for section in sections(report, lang):
        lines += ["", f"### {section.heading}", ""]
        lines.append("| " + " | ".join(md_cell(cell) for cell in section.header) + " |")
        lines.append("|" + "---|" * len(section.header))
        lines += [
            "| " + " | ".join(md_cell(cell) for cell in cells) + " |" for cells in section.rows
        ]
    lines += ["", f"### {message('evaluate.wrong_goals', lang)} ({len(report.wrong_goals)})", ""]
    if not report.wrong_goals:
        lines.append(message("evaluate.no_wrong", lang))
    lines += [f"- {_wrong_line(goal, lang)}" for goal in report.wrong_goals]
    out.write("\n".join(lines) + "\n")
