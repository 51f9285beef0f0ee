"""Readable reports of ``ansvar check`` and ``ansvar diff`` for a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from ansvarsregler.analysis.check import CheckReport, DeadRule
from ansvarsregler.analysis.diff import Outcome, RulesetDiff
from ansvarsregler.i18n import message
from ansvarsregler.presenters.console import QuietConsole
from ansvarsregler.presenters.wording import describe_facts, describe_pattern
from ansvarsregler.rules.loader import MANIFEST_FILE, Ruleset
from ansvarsregler.rules.releases import LOCK_FILE, ReleaseCheck
from ansvarsregler.vocabulary import Language


def _console(out: TextIO) -> Console:
    return QuietConsole(file=out, highlight=False, soft_wrap=True)


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
            leaders=report.leader_combinations,
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
            [_dead_rule(dead, ruleset, lang) for dead in report.dead_rules],
        ),
        (
            "check.breaches",
            [
                message(
                    "check.breach",
                    lang,
                    invariant=breach.invariant,
                    witness=describe_facts(breach.witness),
                    owner=owner_word(breach.owner, lang),
                    rule=breach.rule,
                )
                + "\n"
                + breach.test_case.rstrip()
                for breach in report.breaches
            ],
        ),
    ]
    sections.append(
        (
            "check.vacuous",
            [message("check.vacuous_item", lang, invariant=i) for i in report.vacuous_invariants],
        )
    )
    for key, lines in sections:
        _section(console, message(key, lang), lines, lang)
    _release(console, report.release, lang)
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
        report.release.changed_without_new_version
        + len(report.gaps)
        + len(report.conflicts)
        + len(report.dead_rules)
        + len(report.breaches)
        + len(report.vacuous_invariants)
        + len(report.test_failures)
        + len(coverage.untested)
    )
    console.print()
    if problems:
        console.print(message("check.result_problems", lang, count=problems), style="bold red")
    else:
        console.print(message("check.result_clean", lang), style="bold green")


def _dead_rule(dead: DeadRule, ruleset: Ruleset, lang: Language) -> str:
    """``regel avgjør aldri: høyere prioritet kommer først (a); b har samme prioritet ...``."""
    deciding = any(rule.id == dead.rule and rule.kind != "assume" for rule in ruleset.rules)
    never = message("check.never_decides" if deciding else "check.never_fires", lang)
    reasons = []
    if dead.masked_by or dead.reason != "masked":
        reasons.append(message(f"check.{dead.reason}", lang, by=", ".join(dead.masked_by)))
    if dead.tied_with:
        reasons.append(message("check.tied", lang, by=", ".join(dead.tied_with)))
    return message("check.dead_rule", lang, rule=dead.rule, never=never, why="; ".join(reasons))


def _release(console: Console, release: ReleaseCheck, lang: Language) -> None:
    """The version against the hash recorded for it: a problem if the rules changed since."""
    params = {
        "version": release.version,
        "lock": release.lock_file,
        "manifest": str(Path(release.lock_file).with_name(MANIFEST_FILE)),
        "hash": release.hash,
    }
    title = message("check.release", lang)
    if release.changed_without_new_version:
        assert release.recorded is not None
        params |= {"hash": release.hash[:12], "recorded": release.recorded[:12]}
        _section(console, title, [message("check.release_changed", lang, **params)], lang)
    elif release.recorded is None:
        text = escape(message("check.release_unrecorded", lang, **params))
        console.print(f"\n[bold]{title}[/]: [dim]{text}[/]")
    else:
        text = escape(message("check.release_recorded", lang, **params))
        console.print(f"\n[bold]{title}[/]: {text}")


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
    if report.same_version:
        folder = Path(ruleset.directory)
        warning = message(
            "diff.same_version",
            lang,
            version=new.version,
            old=old.hash[:12],
            new=new.hash[:12],
            manifest=str(folder / MANIFEST_FILE),
            lock=str(folder / LOCK_FILE),
        )
        console.print(escape(warning), style="bold yellow")
    if not report.changed:
        console.print(message("diff.none", lang))
        return
    console.print(f"\n[bold]{message('diff.regions', lang)}[/] ({len(report.regions)})")
    for region in report.regions:
        text = message(
            "diff.region",
            lang,
            old=_outcome(region.old, lang),
            new=_outcome(region.new, lang),
            pattern=describe_pattern(ruleset, region.pattern, lang),
            count=region.combinations,
            witness=describe_facts(region.witness),
        )
        console.print(f"  - {escape(text)}")
    if report.leadership_rules:
        rules = ", ".join(report.leadership_rules)
        console.print(f"\n[bold]{message('diff.leadership', lang)}[/]: {escape(rules)}")
    console.print(f"\n[bold]{message('diff.goals', lang)}[/] ({len(report.goals)})")
    for goal in report.goals:
        change = f"{_outcome(goal.old, lang)} → {_outcome(goal.new, lang)}"
        line = f"{goal.goal_id} ({goal.title}): {change}"
        console.print(f"  - {escape(line)}")


def _outcome(outcome: Outcome, lang: Language) -> str:
    """``radmann, kommunestyret [regel; antatt: influence=partial (…); spør: budget_frame]``."""
    adopted = f", {outcome.adopted_by}" if outcome.adopted_by else ""
    details = [outcome.rule or "-"]
    if outcome.assumed:
        details.append(f"{message('diff.assumed', lang)}: {', '.join(outcome.assumed)}")
    if outcome.asked:
        details.append(f"{message('diff.asked', lang)}: {', '.join(outcome.asked)}")
    return f"{owner_word(outcome.owner, lang)}{adopted} [{'; '.join(details)}]"


def _fields(these: dict[str, object], others: dict[str, object]) -> str:
    """The fields of ``these`` that differ from ``others``, as ``owner: radmann``."""
    return ", ".join(
        f"{key}: {_plain(value)}" for key, value in these.items() if others.get(key) != value
    )


def _plain(value: object) -> str:
    """A field value as a rule test would write it: ``{fact: value}``, ``[a, b]``, ``-``."""
    if value is None:
        return "-"
    if isinstance(value, dict):
        return describe_facts({str(k): str(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def owner_word(owner: str, lang: Language) -> str:
    """An owner id as shown; ``unresolved`` and ``gap`` in words."""
    if owner in ("unresolved", "gap"):
        return message(f"owner.{owner}", lang)
    return owner
