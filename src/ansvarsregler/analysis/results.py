"""The results against the targets: for each goal, its target read, its measurements in
order, whether the latest reaches the target, and which way it went since the one before.

This is the content of the result dialogue (slide 12: what was planned, what was
achieved, which measures now). A goal whose target cannot be read, or whose target
names a reference no measurement gives, is *not comparable* and says why; nothing is
guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

from ansvarsregler.goals.extras import goal_extra
from ansvarsregler.goals.measurements import Measurement, Period
from ansvarsregler.goals.targets import Target, UnreadableTarget, read_target
from ansvarsregler.i18n import message
from ansvarsregler.model_base import StrictModel
from ansvarsregler.result import Classification
from ansvarsregler.vocabulary import OWNER_IDS, Language, OwnerId

Status = Literal["reached", "not_reached", "not_measured", "not_comparable"]
STATUSES: tuple[Status, ...] = ("reached", "not_reached", "not_measured", "not_comparable")
Trend = Literal["better", "worse", "unchanged", "none"]


class MeasuredValue(StrictModel):
    period: str
    value: float
    upper: float | None = None
    reference: float | None = None
    kind: Literal["number", "yes_no", "hours"] = "number"


class GoalResult(StrictModel):
    """One goal's results against its target."""

    goal_id: str
    title: str
    owner: OwnerId | None
    owner_label: str | None
    owner_role: str | None
    service_area: str | None
    unit: str
    target_text: str
    target: Target | None
    measurements: tuple[MeasuredValue, ...]
    status: Status
    trend: Trend
    note: str | None
    """Why the goal is not comparable, when it is not."""


class OwnerSummary(StrictModel):
    owner: OwnerId | None
    owner_label: str
    reached: int
    not_reached: int
    not_measured: int
    not_comparable: int
    better: int
    worse: int


class ResultsReport(StrictModel):
    """The results of every goal, counted per owner, and what the measurements had that no
    goal has."""

    goals: tuple[GoalResult, ...]
    owners: tuple[OwnerSummary, ...]
    warnings: tuple[str, ...]
    lang: Language


def evaluate_results(
    results: Iterable[Classification], measurements: Sequence[Measurement], lang: Language
) -> ResultsReport:
    results = list(results)
    by_goal: dict[str, list[Measurement]] = {}
    for measurement in measurements:
        by_goal.setdefault(measurement.goal_id, []).append(measurement)
    known = {result.goal_id for result in results}
    unknown = Counter(m.goal_id for m in measurements if m.goal_id not in known)
    warnings = tuple(
        message("measure.unknown_goal", lang, goal=goal, count=count)
        for goal, count in sorted(unknown.items())
    )
    goals = tuple(
        _goal_result(r, sorted(by_goal.get(r.goal_id, []), key=_period), lang) for r in results
    )
    return ResultsReport(goals=goals, owners=_per_owner(goals, lang), warnings=warnings, lang=lang)


def _period(measurement: Measurement) -> Period:
    return measurement.period  # periods order by when they end


def _goal_result(result: Classification, measured: list[Measurement], lang: Language) -> GoalResult:
    text = goal_extra(result.goal, "target")
    target: Target | None = None
    note = None
    if not text:
        note = message("results.no_target", lang)
    else:
        try:
            target = read_target(text, result.title)
        except UnreadableTarget:
            note = message("results.unreadable", lang, target=text)
    status: Status
    if not measured:
        status = "not_measured"
    elif target is None:
        status = "not_comparable"
    elif measured[-1].kind != _KIND_FOR.get(target.comparison, "number"):
        status = "not_comparable"
        expected = _KIND_FOR.get(target.comparison, "number")
        note = message(f"results.needs_{expected}", lang, period=measured[-1].period.label)
    else:
        reached = _reached(target, measured[-1])
        if reached is None:
            status = "not_comparable"
            note = message("results.no_reference", lang, reference=target.reference or "")
        else:
            status = "reached" if reached else "not_reached"
    return GoalResult(
        goal_id=result.goal_id,
        title=result.title,
        owner=result.owner,
        owner_label=result.owner_label,
        owner_role=result.owner_role,
        service_area=result.goal.service_area,
        unit=goal_extra(result.goal, "unit"),
        target_text=text,
        target=target,
        measurements=tuple(
            MeasuredValue(
                period=m.period.label, value=m.value, upper=m.upper, reference=m.reference
            )
            for m in measured
        ),
        status=status,
        trend=_trend(target, measured),
        note=note,
    )


#: The kind of value a target must be measured in: yes or no for a milestone, opening hours
#: for opening hours, a number for every other.
_KIND_FOR = {"milestone": "yes_no", "opening_hours": "hours"}


def _reached(target: Target, measured: Measurement) -> bool | None:
    """Whether ``measured`` reaches ``target``; ``None`` where it cannot be told (a
    reference no measurement gives, opening hours measured as one number)."""
    value = measured.value
    bound = target.value if target.value is not None else measured.reference
    comparison = target.comparison
    if comparison == "milestone":
        return value >= 1
    if comparison == "opening_hours":
        if measured.upper is None or target.value is None or target.upper is None:
            return None
        return value <= target.value and measured.upper >= target.upper
    if bound is None:
        return None
    if comparison == "between":
        assert target.upper is not None
        return bound <= value <= target.upper
    return {
        "at_least": value >= bound,
        "above": value > bound,
        "at_most": value <= bound,
        "below": value < bound,
    }[comparison]


def _trend(target: Target | None, measured: list[Measurement]) -> Trend:
    """Which way the latest went from the one before, as the target counts better."""
    if target is None or len(measured) < 2:
        return "none"
    expected = _KIND_FOR.get(target.comparison, "number")
    if any(m.kind != expected for m in measured[-2:]):
        return "none"
    before, after = (_goodness(target, m) for m in measured[-2:])
    if before is None or after is None:
        return "none"
    return "better" if after > before else "worse" if after < before else "unchanged"


def _goodness(target: Target, measured: Measurement) -> float | None:
    """A number that grows as ``measured`` gets better for ``target``."""
    value = measured.value
    if target.comparison in ("at_least", "above", "milestone"):
        return value
    if target.comparison in ("at_most", "below"):
        return -value
    if target.comparison == "between" and target.value is not None and target.upper is not None:
        return -max(target.value - value, value - target.upper, 0.0)
    if target.comparison == "opening_hours" and measured.upper is not None:
        return measured.upper - value
    return None


def _per_owner(goals: Sequence[GoalResult], lang: Language) -> tuple[OwnerSummary, ...]:
    summaries = []
    for owner in (*OWNER_IDS, None):
        owned = [goal for goal in goals if goal.owner == owner]
        if not owned:
            continue
        counted = Counter(goal.status for goal in owned)
        trends = Counter(goal.trend for goal in owned)
        label = owned[0].owner_label or message("report.unresolved_column", lang)
        summaries.append(
            OwnerSummary(
                owner=owner,  # type: ignore[arg-type]
                owner_label=label,
                reached=counted["reached"],
                not_reached=counted["not_reached"],
                not_measured=counted["not_measured"],
                not_comparable=counted["not_comparable"],
                better=trends["better"],
                worse=trends["worse"],
            )
        )
    return tuple(summaries)
