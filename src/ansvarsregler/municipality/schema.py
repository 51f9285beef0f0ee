"""Pydantic models of a municipality profile: delegation, budget allocation, leader agreements.

A profile says how one municipality is organised: what its council delegates
to the chief executive, what the chief executive delegates to unit leaders
(slides 6 to 8 and 13 to 14), which political body follows up the goals the
council owns, and at which level the budget is granted per service area
(principle 4). Where a source is silent, the profile says ``unknown`` with a
note rather than inventing an answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeVar, get_args

from pydantic import Field, field_validator

from ansvarsregler.i18n import invalid
from ansvarsregler.kostra import kostra_functions
from ansvarsregler.model_base import LocalizedText, StrictModel
from ansvarsregler.municipality.cycle import AnnualCycle, standard_cycle

AuthorityLevel = Literal["full", "partial", "none", "unknown"]
#: What a unit leader with result responsibility needs (slides 13 and 14), in that order.
Authority = Literal[
    "budget",
    "reallocate_frame",
    "hiring",
    "reward",
    "wage_negotiation",
    "choose_measures",
    "organise_unit",
]
AUTHORITIES: tuple[str, ...] = get_args(Authority)
DEFAULT = "default"
ItemT = TypeVar("ItemT")


class Grant(StrictModel):
    """How much of one authority is delegated, with the source's own qualification."""

    level: AuthorityLevel
    note: LocalizedText | None = None


class Body(StrictModel):
    """The political body that follows up goals the council owns."""

    kind: Literal["kommunestyret", "formannskapet", "hovedutvalg", "komite"]
    name: LocalizedText


class Allocation(StrictModel):
    """The level at which the council grants the budget for a service area, and who leads there."""

    level: Literal["unit", "sector", "unknown"]
    leader: LocalizedText | None = None
    """The leader role at that level, e.g. rektor (unit) or kommunalsjef (sector)."""
    note: LocalizedText | None = None


class Profile(StrictModel):
    """One municipality's organisation, as far as the source tells."""

    name: str = Field(min_length=1)
    chief_executive_title: Literal["rådmann", "kommunedirektør"]
    source: str = Field(min_length=1)
    political_model: LocalizedText
    administrative_model: LocalizedText
    follow_up: dict[str, Body]
    """Who follows up council-owned goals: ``default``, and per service area or KOSTRA function."""
    delegated_to_chief_executive: dict[Authority, Grant]
    delegated_to_unit_leaders: dict[Authority, Grant]
    """Every authority must be stated (``unknown`` where the source is silent)."""
    leader_agreements: Literal["all_levels", "unit_leaders", "none", "unknown"]
    leader_agreements_note: LocalizedText | None = None
    budget_allocation: dict[str, Allocation]
    """The level the budget is granted at: ``default``, and per service area or KOSTRA
    function (a three-digit code such as ``"202"``)."""
    question: LocalizedText | None = None
    """The question the source asks of this municipality."""
    annual_cycle: AnnualCycle | None = None
    """The municipality's annual wheel; ``standard`` in the file (or nothing) is the one
    shipped, marked as such. Not a union of the two: an error in the municipality's own
    wheel then names its line and field, not the union's branch."""

    @field_validator("annual_cycle", mode="before")
    @classmethod
    def _standard_is_none(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip() != "standard":
                raise invalid("cycle.standard_or_own", value=value[:40])
            return None
        return value

    @field_validator("delegated_to_chief_executive", "delegated_to_unit_leaders")
    @classmethod
    def _every_authority(cls, grants: dict[str, Grant]) -> dict[str, Grant]:
        missing = [authority for authority in AUTHORITIES if authority not in grants]
        if missing:
            raise invalid("profile.authorities_missing", what=", ".join(missing))
        return grants

    @field_validator("follow_up", "budget_allocation")
    @classmethod
    def _known_areas(cls, by_area: dict[str, ItemT]) -> dict[str, ItemT]:
        """A ``default``, KOSTRA keys that exist, and no area named twice (case ignored)."""
        if DEFAULT not in by_area:
            raise invalid("profile.default_missing")
        seen: dict[str, str] = {}
        for key in by_area:
            if key.isdigit() and key not in kostra_functions():
                raise invalid("kostra.unknown", value=key, count=len(kostra_functions()))
            if area_key(key) in seen:
                raise invalid("profile.area_twice", first=seen[area_key(key)], second=key)
            seen[area_key(key)] = key
        return by_area

    def annual_wheel(self) -> tuple[AnnualCycle, bool]:
        """The annual wheel, and whether it is the standard one rather than the
        municipality's own."""
        if self.annual_cycle is not None:
            return self.annual_cycle, False
        return standard_cycle(self.chief_executive()), True

    def chief_executive(self) -> LocalizedText:
        """The chief executive as the subject of a sentence, by the municipality's title."""
        if self.chief_executive_title == "kommunedirektør":
            return LocalizedText(nb="Kommunedirektøren", en="The chief executive")
        return LocalizedText(nb="Rådmannen", en="The chief executive")

    def allocation_for(self, service_area: str | None, kostra: str | None = None) -> Allocation:
        """The budget allocation for a goal: by its KOSTRA function, else its service area
        (case and spacing ignored), else the default."""
        return _most_specific(self.budget_allocation, service_area, kostra)

    def follow_up_for(self, service_area: str | None, kostra: str | None = None) -> Body:
        return _most_specific(self.follow_up, service_area, kostra)


def _most_specific(by_key: dict[str, ItemT], service_area: str | None, kostra: str | None) -> ItemT:
    """The entry for the goal's KOSTRA function, else its service area, else ``default``."""
    normalised = {area_key(key): item for key, item in by_key.items()}
    for key in (kostra, area_key(service_area)):
        if key is not None and key in normalised:
            return normalised[key]
    return normalised[DEFAULT]


def matched_key(by_key: Mapping[str, object], service_area: str | None, kostra: str | None) -> str:
    """Which entry :func:`_most_specific` takes: a KOSTRA code, a service area or ``default``."""
    normalised = {area_key(key) for key in by_key}
    if kostra is not None and kostra in normalised:
        return kostra
    area = area_key(service_area)
    return area if area in normalised else DEFAULT


def area_key(service_area: str | None) -> str:
    return " ".join((service_area or "").lower().split()) or DEFAULT
