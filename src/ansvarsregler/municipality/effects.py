"""What a municipality profile adds to a classification.

With a profile, a goal without ``budget_frame`` takes the level at which the
municipality grants the budget for its service area (principle 4), the
result names the concrete body or role (the standing committee that follows
up, the head of school) and the municipality's title for the chief executive,
and a goal that ends with a unit leader carries the leadership rules'
warnings about what that leader lacks.
"""

from __future__ import annotations

from ansvarsregler.goals.model import Goal
from ansvarsregler.i18n import message
from ansvarsregler.municipality.leadership import LeadershipCache, leader_facts
from ansvarsregler.municipality.schema import Allocation, Profile, matched_key
from ansvarsregler.result import Assumption
from ansvarsregler.rules.loader import Ruleset
from ansvarsregler.vocabulary import FACT_NAMES, Language

_FRAME = FACT_NAMES.index("budget_frame")


class Municipality:
    """A profile applied to classification with one rule set."""

    def __init__(self, profile: Profile, ruleset: Ruleset) -> None:
        self.profile = profile
        self.ruleset = ruleset
        self._leadership = LeadershipCache(ruleset)

    def budget_frame(self, goal: Goal) -> str | None:
        """The level the profile says the budget for the goal is granted at, if it says."""
        level = self._allocation(goal).level
        return None if level == "unknown" else level

    def with_budget_frame(
        self, values: tuple[str | None, ...], goal: Goal
    ) -> tuple[str | None, ...]:
        """Goal fact values with a missing budget frame taken from the profile."""
        if values[_FRAME] is not None:
            return values
        frame = self.budget_frame(goal)
        if frame is None:
            return values
        return (*values[:_FRAME], frame, *values[_FRAME + 1 :])

    def frame_assumption(self, goal: Goal, lang: Language) -> Assumption:
        """The budget frame taken from the profile, as an assumption listed in the result."""
        allocation = self._allocation(goal)
        frame = self.budget_frame(goal) or "unknown"
        matched = matched_key(
            self.profile.budget_allocation, goal.service_area, goal.kostra_function
        )
        where = (
            message("profile.kostra_area", lang, code=matched)
            if matched.isdigit()
            else goal.service_area or message("profile.all_areas", lang)
        )
        label = self.ruleset.manifest.value_label("budget_frame", frame, lang)
        return Assumption(
            fact="budget_frame",
            value=frame,
            rule=f"profil:{self.profile.name}",
            source="profile",
            text=message(
                "profile.frame",
                lang,
                municipality=self.profile.name,
                area=where,
                level=label,
            )
            + (f" {allocation.note.get(lang)}" if allocation.note else ""),
        )

    def chief_executive(self, lang: Language) -> str:
        return message(f"title.{self.profile.chief_executive_title}", lang)

    def in_own_words(self, text: str, lang: Language) -> str:
        """``text`` with the municipality's title for the chief executive (rules say rådmann)."""
        if lang != "nb" or self.profile.chief_executive_title == "rådmann":
            return text
        return text.replace("Rådmannen", "Kommunedirektøren").replace(
            "rådmannen", "kommunedirektøren"
        )

    def owner_role(self, owner: str | None, goal: Goal, lang: Language) -> str | None:
        """The concrete role that owns the goal here: the unit's leader, or the chief executive."""
        allocation = self._allocation(goal)
        if owner == "virksomhetsleder" and allocation.level == "unit" and allocation.leader:
            return allocation.leader.get(lang)
        if owner == "radmann":
            # The sector's leader acts for the chief executive where the budget is per sector.
            if allocation.level == "sector" and allocation.leader:
                return allocation.leader.get(lang)
            return self.chief_executive(lang)
        return None

    def followed_up_by(self, owner: str | None, goal: Goal, lang: Language) -> str | None:
        """The political body that follows up a goal the council owns."""
        if owner != "kommunestyret":
            return None
        return self.profile.follow_up_for(goal.service_area, goal.kostra_function).name.get(lang)

    def _allocation(self, goal: Goal) -> Allocation:
        return self.profile.allocation_for(goal.service_area, goal.kostra_function)

    def leadership_gaps(self) -> tuple[str, ...]:
        """The leadership rules that fire for the unit leaders here, most serious first."""
        return self._leadership.fired(leader_facts(self.profile))

    def leader_warnings(self, owner: str | None, lang: Language) -> tuple[str, ...]:
        """What a unit leader here lacks for result responsibility (from the leadership rules)."""
        if owner != "virksomhetsleder":
            return ()
        return tuple(
            message(
                "profile.warning",
                lang,
                municipality=self.profile.name,
                text=self.in_own_words(self.ruleset.leadership_rule(rule_id).warn.get(lang), lang),
                rule=rule_id,
            )
            for rule_id in self.leadership_gaps()
        )
