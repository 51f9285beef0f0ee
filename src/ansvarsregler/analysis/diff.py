"""What a change to the rules does: every region of the input space whose outcome changes.

``ansvar diff OLD NEW`` runs both rule sets over every combination of facts
and merges the combinations whose outcome changes (owner, who adopts, the
deciding rule, the assumptions or the questions) into readable fact
patterns, grouped by the change and the rules responsible; then it lists
the goals whose outcome changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ansvarsregler.analysis.check import GAP, FactPattern, inside, smallest, stated
from ansvarsregler.analysis.patterns import constrained_facts, merge
from ansvarsregler.engine.decisions import Decision, DecisionCache, every_fact_combination
from ansvarsregler.goals.model import Goal
from ansvarsregler.model_base import StrictModel
from ansvarsregler.result import RulesetIdentity
from ansvarsregler.rules.loader import Ruleset
from ansvarsregler.rules.schema import UNRESOLVED


class Outcome(StrictModel):
    """What a goal gets: owner and adopter, and the rules and questions behind them."""

    owner: str
    """An owner id, ``unresolved``, or ``gap``."""
    adopted_by: str | None
    rule: str | None
    assumed: tuple[str, ...] = ()
    """``fact=value (rule)`` for each assumption made on the way."""
    asked: tuple[str, ...] = ()


class ChangedRegion(StrictModel):
    old: Outcome
    new: Outcome
    pattern: FactPattern
    witness: dict[str, str]
    combinations: int


class ChangedGoal(StrictModel):
    goal_id: str
    title: str
    old: Outcome
    new: Outcome


class RulesetDiff(StrictModel):
    old: RulesetIdentity
    new: RulesetIdentity
    regions: tuple[ChangedRegion, ...]
    goals: tuple[ChangedGoal, ...]
    leadership_rules: tuple[str, ...] = ()
    """Leadership rules added, removed or changed: the warnings goals with a profile get."""
    same_version: bool = False
    """Both rule sets have the same version but different content hashes: NEW changed the
    rules without a new version (a warning; outcomes may or may not differ)."""

    @property
    def changed(self) -> bool:
        return bool(self.regions or self.goals or self.leadership_rules)


def diff(old: Ruleset, new: Ruleset, goals: Iterable[Goal] = ()) -> RulesetDiff:
    """Compare the outcomes of ``old`` and ``new`` everywhere, and for ``goals``."""
    old_table, new_table = DecisionCache(old), DecisionCache(new)
    changes: dict[tuple[Outcome, Outcome], list[tuple[str, ...]]] = defaultdict(list)
    for key in every_fact_combination():
        before, after = _outcome(old_table.outcome(key)), _outcome(new_table.outcome(key))
        if _differs(before, after):
            changes[(before, after)].append(key)
    regions = [
        ChangedRegion(
            old=before,
            new=after,
            pattern=FactPattern(facts=constrained_facts(pattern)),
            witness=stated(smallest(inside(pattern, points))),
            combinations=len(inside(pattern, points)),
        )
        for (before, after), points in changes.items()
        for pattern in merge(points)
    ]
    changed_goals = []
    for goal in goals:
        key = goal.fact_key()
        before, after = _outcome(old_table.outcome(key)), _outcome(new_table.outcome(key))
        if _differs(before, after):
            changed_goals.append(
                ChangedGoal(goal_id=goal.id, title=goal.title, old=before, new=after)
            )
    return RulesetDiff(
        old=RulesetIdentity.of(old, old_table.evaluator),
        new=RulesetIdentity.of(new, new_table.evaluator),
        regions=tuple(sorted(regions, key=lambda r: (r.old.owner, r.new.owner, -r.combinations))),
        goals=tuple(changed_goals),
        leadership_rules=_changed_leadership_rules(old, new),
        same_version=old.version == new.version and old.hash != new.hash,
    )


def _changed_leadership_rules(old: Ruleset, new: Ruleset) -> tuple[str, ...]:
    before = {rule.id: rule for rule in old.leadership_rules}
    after = {rule.id: rule for rule in new.leadership_rules}
    return tuple(sorted(i for i in before.keys() | after.keys() if before.get(i) != after.get(i)))


def _outcome(decision: Decision) -> Outcome:
    return Outcome(
        owner=GAP if decision.is_gap else (decision.owner or UNRESOLVED),
        adopted_by=decision.adopted_by,
        rule=decision.rule,
        assumed=tuple(f"{a.fact}={a.value} ({a.rule})" for a in decision.assumptions),
        asked=decision.asked,
    )


def _differs(before: Outcome, after: Outcome) -> bool:
    """Any change a council paper would show: owner, adopter, rule, assumptions or questions."""
    return before != after
