"""Readable reports of ``ansvar check`` and ``ansvar diff`` for a terminal."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape

from ..analysis import CheckReport
from ..diff import Outcome, RulesetDiff
from ..i18n import message
from ..ruleset import Ruleset
from ..vocabulary import Language
from .wording import describe_facts, describe_pattern


def _console(out: TextIO) -> Console:
    return Console(file=out, highlight=False, soft_wrap=True)


def write_check(report: CheckReport, ruleset: Ruleset, out: TextIO, lang: Language) -> None:
    console = _console(out)
    ident = report.ruleset
    console.print(
        message(
            "check.heading",
            lang,
            name=ident.name,
            version=ident.version,
            hash=ident.hash[:12],
            count=report.combinations,
        ),
        style="bold",
    )
    sections: list[tuple[str, list[str]]] = [
        (
            "check.gaps",
            [
                message(
                    "check.gap",
                    lang,
                    pattern=describe_pattern(ruleset, gap.pattern, lang),
                    witness=describe_facts(gap.witness),
                )
                for gap in report.gaps
            ],
        ),
        (
            "check.conflicts",
            [
                message(
                    "check.conflict",
                    lang,
                    rules=", ".join(conflict.rules),
                    pattern=describe_pattern(ruleset, conflict.pattern, lang),
                    witness=describe_facts(conflict.witness),
                )
                for conflict in report.conflicts
            ],
        ),
        (
            "check.dead",
            [
                message(
                    "check.masked" if dead.reason == "masked" else "check.never_holds",
                    lang,
                    rule=dead.rule,
                    by=", ".join(dead.masked_by),
                )
                for dead in report.dead_rules
            ],
        ),
        (
            "check.breaches",
            [
                message(
                    "check.breach",
                    lang,
                    invariant=breach.invariant,
                    witness=describe_facts(breach.witness),
                    owner=breach.owner,
                    rule=breach.rule,
                )
                + "\n"
                + breach.test_case.rstrip()
                for breach in report.breaches
            ],
        ),
    ]
    for key, lines in sections:
        _section(console, message(key, lang), lines, lang)
    failures = [
        message(
            "check.test_failure",
            lang,
            name=failure.name,
            source=failure.source,
            expected=_fields(failure.expected, failure.actual),
            actual=_fields(failure.actual, failure.expected),
        )
        for failure in report.test_failures
    ]
    summary = message(
        "check.tests_summary", lang, run=report.tests_run, failed=len(report.test_failures)
    )
    console.print(f"\n[bold]{message('check.tests', lang)}[/]: {summary}")
    for line in failures:
        console.print(f"  - {escape(line)}")
    console.print(f"\n[bold]{message('check.coverage', lang)}[/]")
    coverage = report.coverage
    if coverage.untested:
        console.print(f"  - {message('check.untested', lang, rules=', '.join(coverage.untested))}")
    else:
        console.print(f"  {message('check.ok', lang)}")
    if coverage.not_in_catalog:
        rules = ", ".join(coverage.not_in_catalog)
        console.print(f"  [dim]{message('check.not_in_catalog', lang, rules=rules)}[/]")
    problems = (
        len(report.gaps)
        + len(report.conflicts)
        + len(report.dead_rules)
        + len(report.breaches)
        + len(report.test_failures)
        + len(coverage.untested)
    )
    console.print()
    if problems:
        console.print(message("check.result_problems", lang, count=problems), style="bold red")
    else:
        console.print(message("check.result_clean", lang), style="bold green")


def _section(console: Console, title: str, lines: list[str], lang: Language) -> None:
    if not lines:
        console.print(f"\n[bold]{title}[/]: {message('check.none', lang)}")
        return
    console.print(f"\n[bold]{title}[/] ({len(lines)})")
    for line in lines:
        first, *rest = line.split("\n")
        console.print(f"  - {escape(first)}")
        for extra in rest:
            console.print(f"      {escape(extra)}")


def write_diff(report: RulesetDiff, ruleset: Ruleset, out: TextIO, lang: Language) -> None:
    console = _console(out)
    old, new = report.old, report.new
    console.print(
        message(
            "diff.heading",
            lang,
            old=f"{old.name} {old.version} ({old.hash[:12]})",
            new=f"{new.name} {new.version} ({new.hash[:12]})",
        ),
        style="bold",
    )
    if not report.changed:
        console.print(message("diff.none", lang))
        return
    console.print(f"\n[bold]{message('diff.regions', lang)}[/] ({len(report.regions)})")
    for region in report.regions:
        text = message(
            "diff.region",
            lang,
            old=_outcome(region.old),
            new=_outcome(region.new),
            pattern=describe_pattern(ruleset, region.pattern, lang),
            count=region.combinations,
            witness=describe_facts(region.witness),
        )
        console.print(f"  - {escape(text)}")
    console.print(f"\n[bold]{message('diff.goals', lang)}[/] ({len(report.goals)})")
    for goal in report.goals:
        line = f"{goal.goal_id} ({goal.title}): {_outcome(goal.old)} → {_outcome(goal.new)}"
        console.print(f"  - {escape(line)}")


def _outcome(outcome: Outcome) -> str:
    adopted = f", {outcome.adopted_by}" if outcome.adopted_by else ""
    rule = f" [{outcome.rule}]" if outcome.rule else ""
    return f"{outcome.owner}{adopted}{rule}"


def _fields(these: dict[str, object], others: dict[str, object]) -> str:
    """The fields of ``these`` that differ from ``others``, as ``owner: radmann``."""
    return ", ".join(f"{key}: {value}" for key, value in these.items() if others.get(key) != value)
