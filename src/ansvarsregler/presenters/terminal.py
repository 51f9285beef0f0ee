"""Readable output for a terminal: result tables, explanations and the rule list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ansvarsregler.analysis.check import FactPattern
from ansvarsregler.explanation import Explanation
from ansvarsregler.i18n import message
from ansvarsregler.presenters.console import QuietConsole
from ansvarsregler.presenters.wording import describe_pattern
from ansvarsregler.result import Classification
from ansvarsregler.rules.loader import Ruleset
from ansvarsregler.rules.schema import Rule
from ansvarsregler.text import excerpt
from ansvarsregler.vocabulary import Language, condition_values


def _console(out: TextIO) -> Console:
    return QuietConsole(file=out, highlight=False, soft_wrap=False)


def write_table(results: Iterable[Classification], out: TextIO, lang: Language) -> None:
    """Three columns, so the justification gets most of the width: goal, owner, why.

    A text longer than :data:`CELL_SHOWN` characters is cut with ``…`` and a
    note below the table says so (``--format json`` has it whole).
    """
    table = Table(show_lines=True, expand=True)
    table.add_column(message("col.title", lang), ratio=2, overflow="fold")
    table.add_column(message("col.owner", lang), ratio=2, overflow="fold")
    table.add_column(message("col.justification", lang), ratio=5, overflow="fold")
    total = unresolved = 0
    cut = False
    for result in results:
        total += 1
        unresolved += result.owner is None
        if result.owner is None:
            owner = f"[bold red]{message('unresolved', lang)}[/]"
        else:
            adopted = message("col.adopted_by", lang).lower()
            owner = f"[bold]{result.owner_label}[/]\n[dim]{adopted}: {result.adopted_by_label}[/]"
        rule = message("explain.by_rule", lang, rule=result.rule)
        goal_id, title, justification = (
            _cell(text) for text in (result.goal_id, result.title, result.justification)
        )
        cut = cut or (goal_id, title, justification) != (
            result.goal_id,
            result.title,
            result.justification,
        )
        table.add_row(
            f"[bold]{escape(goal_id)}[/]\n{escape(title)}",
            f"{owner}\n[dim]{rule}[/]",
            escape(justification),
        )
    console = _console(out)
    console.print(table)
    console.print(
        message("summary", lang, total=total, resolved=total - unresolved, unresolved=unresolved)
    )
    if cut:
        console.print(message("table.cut", lang, length=CELL_SHOWN), markup=False, soft_wrap=True)


#: Characters of one text a table cell shows: rich lays out a cell in time that grows
#: faster than its length (a 1 MB title took seconds, 10 MB minutes).
CELL_SHOWN = 2000


def _cell(text: str) -> str:
    return excerpt(text, CELL_SHOWN)


def write_explanation(explanation: Explanation, out: TextIO, lang: Language) -> None:
    """The reasoning as plain text (no markup: ids and titles are printed as they are).

    A line longer than :data:`CELL_SHOWN` characters is cut, as in the table.
    """
    console = _console(out)
    cut = False

    def heading(key: str) -> None:
        console.print(f"\n{message(key, lang)}", style="bold", markup=False)

    def line(text: str, style: str = "") -> None:
        nonlocal cut
        shown = _cell(text)
        cut = cut or shown != text
        console.print(shown, style=style, markup=False)

    result = explanation.result
    line(
        message("explain.heading", lang, goal_id=explanation.goal_id, title=explanation.title),
        style="bold",
    )
    heading("explain.given")
    for fact in explanation.given:
        where = ""
        if (answer := fact.answered) is not None:
            where = " " + message(
                "explain.answered",
                lang,
                area=answer.covers(lang),
                file=answer.file,
                line=answer.line,
            )
        line(f"  {fact.label} ({fact.fact}): {fact.value_label} ({fact.value}){where}")
    heading("explain.assumed")
    if not explanation.assumed:
        line(f"  {message('explain.none', lang)}")
    for item in explanation.assumed:
        by = message("explain.by_rule", lang, rule=item.rule)
        line(f"  {item.label} ({item.fact}): {item.value_label} ({by})")
        line(f"    {item.text}")
    heading("explain.fired")
    for number, fired in enumerate(explanation.fired, start=1):
        role = message(f"explain.role.{fired.role}", lang)
        priority = f"{message('col.priority', lang).lower()} {fired.priority}"
        line(f"  {number}. {fired.rule} ({priority}): {role}")
    heading("explain.result")
    owner = result.owner_label or message("unresolved", lang)
    adopted = f"; {message('col.adopted_by', lang).lower()}: {result.adopted_by_label}"
    line(f"  {message('col.owner', lang)}: {owner}{adopted if result.owner else ''}")
    line(f"  {result.justification}")
    for question in result.questions:
        line(f"  ? {question.text} ({' | '.join(question.choices)})")
    if result.warnings:
        heading("explain.warnings")
        for warning in result.warnings:
            line(f"  ! {warning}")
    heading("explain.alternatives")
    if not explanation.alternatives:
        line(f"  {message('explain.none', lang)}")
    for alternative in explanation.alternatives:
        line(f"  - {alternative.text}")
    heading("explain.not_fired")
    for rule in explanation.not_fired:
        line(f"  {rule.rule}")
        for mismatch in rule.mismatches:
            line(f"    - {mismatch.text}")
    if cut:
        note = message("table.cut", lang, length=CELL_SHOWN)
        console.print(f"\n{note}", markup=False, soft_wrap=True)


def write_rules(ruleset: Ruleset, out: TextIO, lang: Language) -> None:
    console = _console(out)
    console.print(
        message(
            "rules.heading",
            lang,
            name=ruleset.name,
            version=ruleset.version,
            hash=ruleset.hash[:12],
            count=len(ruleset.rules),
        ),
        style="bold",
    )
    table = Table(show_lines=True, expand=True)
    table.add_column(message("col.rule", lang), ratio=2, overflow="fold")
    when_then = f"{message('col.when', lang)} → {message('col.then', lang)}"
    table.add_column(when_then, ratio=3, overflow="fold")
    table.add_column(message("col.justification", lang), ratio=4, overflow="fold")
    priority_word = message("col.priority", lang).lower()
    principle_word = message("col.principle", lang).lower()
    for rule in ruleset.rules:
        rank = f"{priority_word} {rule.priority}"
        if rule.principle is not None:
            rank += f" · {principle_word} {rule.principle}"
        condition = escape(describe_condition(ruleset, rule, lang))
        outcome = escape(describe_outcome(ruleset, rule, lang))
        table.add_row(
            f"[bold]{escape(rule.id)}[/]\n[dim]{rank}[/]",
            f"{condition}\n→ {outcome}",
            escape(rule.justification.get(lang)),
        )
    console.print(table)


def describe_condition(ruleset: Ruleset, rule: Rule, lang: Language) -> str:
    """The rule's condition in words, e.g. ``måltype: samfunnsmål; påvirkning: ingen``."""
    if not rule.when:
        return message("rules.any_goal", lang)
    facts = {
        fact: tuple(v for v in condition_values(fact) if v in rule.allowed_values(fact))
        for fact in rule.when
    }
    return describe_pattern(ruleset, FactPattern(facts=facts), lang)


def describe_outcome(ruleset: Ruleset, rule: Rule, lang: Language) -> str:
    manifest = ruleset.manifest
    if rule.decide is not None:
        return message(
            "rules.then_decide",
            lang,
            owner=manifest.owners[rule.decide.owner].get(lang),
            adopted_by=manifest.owners[rule.decide.adopted_by].get(lang),
        )
    if rule.assume is not None:
        ((fact, value),) = rule.assume.items()
        return message(
            "rules.then_assume",
            lang,
            fact=manifest.facts[fact].label.get(lang),
            value=manifest.value_label(fact, value, lang),
        )
    facts = ", ".join(manifest.facts[fact].label.get(lang) for fact in rule.ask or ())
    return message("rules.then_ask", lang, facts=facts)
