"""The readiness report as markdown (to paste into a council paper) or as terminal tables."""

from __future__ import annotations

from typing import TextIO

from rich.markup import escape
from rich.table import Table

from ansvarsregler.analysis.readiness import AuthorityFinding, ReadinessReport
from ansvarsregler.i18n import message
from ansvarsregler.presenters.console import QuietConsole
from ansvarsregler.presenters.flat import md_cell


def _models(report: ReadinessReport) -> str:
    """The municipality's political and administrative model and the source, in one line."""
    return message(
        "readiness.models",
        report.lang,
        political=report.political_model,
        administrative=report.administrative_model,
        source=report.source,
    )


def _chief_title(report: ReadinessReport) -> str:
    return message(f"title.{report.chief_executive_title}.object", report.lang)


def write_readiness_markdown(report: ReadinessReport, out: TextIO) -> None:
    lang = report.lang
    lines = [
        f"## {message('readiness.heading', lang, municipality=report.municipality)}",
        "",
        _models(report),
        "",
        f"### {message('readiness.unit_leaders', lang)}",
        "",
        *_markdown_table(report.unit_leaders, lang),
        "",
        f"### {message('readiness.chief_executive', lang, title=_chief_title(report))}",
        "",
        *_markdown_table(report.chief_executive, lang),
        "",
        f"### {message('readiness.agreements', lang)}",
        "",
        report.leader_agreements_label
        + (f" ({report.leader_agreements_note})" if report.leader_agreements_note else ""),
        "",
        f"### {message('readiness.risks', lang)}",
        "",
    ]
    if not report.risks:
        lines.append(message("readiness.no_risks", lang))
    for number, risk in enumerate(report.risks, start=1):
        change = message("readiness.change", lang)
        kind = message(f"severity.{risk.severity}", lang)
        lines.append(f"{number}. **{kind}:** {risk.risk} *{change}:* {risk.change} `{risk.rule}`")
    if report.goals_at_risk is not None:
        lines += ["", f"### {message('readiness.goals', lang)} ({len(report.goals_at_risk)})", ""]
        lines += [
            f"- {goal.goal_id}: {goal.title}" + (f" ({goal.owner_role})" if goal.owner_role else "")
            for goal in report.goals_at_risk
        ]
    if report.question:
        lines += ["", f"### {message('readiness.question', lang)}", "", f"> {report.question}"]
    out.write("\n".join(lines) + "\n")


def _markdown_table(findings: tuple[AuthorityFinding, ...], lang: str) -> list[str]:
    header = [message(key, lang) for key in ("col.authority", "col.has", "col.note")]  # type: ignore[arg-type]
    rows = [
        "| " + " | ".join(md_cell(cell) for cell in (f.label, f.level_label, f.note or "")) + " |"
        for f in findings
    ]
    return ["| " + " | ".join(header) + " |", "|---|---|---|", *rows]


def write_readiness_table(report: ReadinessReport, out: TextIO) -> None:
    lang = report.lang
    console = QuietConsole(file=out, highlight=False)
    console.print(
        message("readiness.heading", lang, municipality=report.municipality),
        style="bold",
        markup=False,
    )
    console.print(_models(report), markup=False)
    for heading, findings in (
        (message("readiness.unit_leaders", lang), report.unit_leaders),
        (
            message("readiness.chief_executive", lang, title=_chief_title(report)),
            report.chief_executive,
        ),
    ):
        table = Table(title=heading, title_justify="left", expand=True, show_lines=True)
        for key, ratio in (("col.authority", 3), ("col.has", 1), ("col.note", 3)):
            table.add_column(message(key, lang), ratio=ratio, overflow="fold")
        for finding in findings:
            table.add_row(
                escape(finding.label), escape(finding.level_label), escape(finding.note or "")
            )
        console.print(table)
    note = f" ({report.leader_agreements_note})" if report.leader_agreements_note else ""
    console.print(
        f"{message('readiness.agreements', lang)}: {report.leader_agreements_label}{note}",
        style="bold",
        markup=False,
    )
    console.print(f"\n{message('readiness.risks', lang)}", style="bold", markup=False)
    if not report.risks:
        console.print(f"  {message('readiness.no_risks', lang)}", markup=False)
    for number, risk in enumerate(report.risks, start=1):
        kind = message(f"severity.{risk.severity}", lang)
        console.print(f"  {number}. {kind}: {risk.risk} [{risk.rule}]", markup=False)
        console.print(f"     {message('readiness.change', lang)}: {risk.change}", markup=False)
    if report.goals_at_risk is not None:
        title = f"{message('readiness.goals', lang)} ({len(report.goals_at_risk)})"
        console.print(f"\n{title}", style="bold", markup=False)
        for goal in report.goals_at_risk:
            role = f" ({goal.owner_role})" if goal.owner_role else ""
            console.print(f"  - {goal.goal_id}: {goal.title}{role}", markup=False)
    if report.question:
        console.print(f"\n{message('readiness.question', lang)}", style="bold", markup=False)
        console.print(f"  {report.question}", markup=False)
