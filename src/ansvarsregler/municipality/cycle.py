"""The annual wheel (*årshjul*): who does what when in the year's cycle of management by
results, political and administrative tasks apart (slide 12 of the presentation).

A profile may state its municipality's own wheel. Where it says ``standard``
(as every shipped profile does) the wheel is the standard one shipped here: a
typical year under the Local Government Act, with the municipality's own title
for the chief executive, and marked as a default wherever it is shown.
"""

from __future__ import annotations

import calendar
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from ansvarsregler.errors import AnsvarError
from ansvarsregler.files.models import load_model_file
from ansvarsregler.i18n import invalid
from ansvarsregler.model_base import LocalizedText, StrictModel

#: What kind of task an event of the wheel is; leader agreements take their dialogue
#: dates from the ``result_dialogue`` events.
Activity = Literal[
    "budget_process",
    "economy_plan",
    "tertial_report",
    "annual_report",
    "user_survey",
    "employee_survey",
    "result_dialogue",
    "unit_plans",
    "other",
]
Kind = Literal["political", "administrative"]
#: The file the standard wheel is read from, beside this module.
STANDARD_FILE = "arshjul-standard.yaml"


class CycleEvent(StrictModel):
    """One task of the year: what, who, when (a month, a day in it, or months), and
    whether it is the politicians' or the administration's."""

    activity: Activity
    what: LocalizedText
    who: LocalizedText
    kind: Kind
    month: int = Field(ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    """The day of the month, where the task has a fixed date (a deadline in law)."""
    end_month: int | None = Field(default=None, ge=1, le=12)
    """The last month, for a task that lasts months (it may run into the next year)."""

    @model_validator(mode="after")
    def _a_real_date(self) -> CycleEvent:
        if self.day is not None:
            days = calendar.monthrange(2027, self.month)[1]  # an ordinary year: no 29 February
            if self.day > days:
                raise invalid("cycle.no_such_day", day=self.day, month=self.month, days=days)
            if self.end_month is not None:
                raise invalid("cycle.day_and_span")
        if self.end_month == self.month:
            raise invalid("cycle.span_one_month", month=self.month)
        return self

    def months(self) -> list[int]:
        """Every month the task runs in, in order (December to February: 12, 1, 2)."""
        if self.end_month is None:
            return [self.month]
        length = (self.end_month - self.month) % 12 + 1
        return [(self.month - 1 + step) % 12 + 1 for step in range(length)]


class AnnualCycle(StrictModel):
    """A municipality's annual wheel: its events, where it comes from, and a note."""

    source: str = Field(min_length=1)
    note: LocalizedText | None = None
    events: list[CycleEvent] = Field(min_length=1)

    def in_order(self) -> list[CycleEvent]:
        """The events through the year: by month, then day (a month's undated tasks first),
        then as listed."""
        return sorted(self.events, key=lambda event: (event.month, event.day or 0))


def standard_cycle(chief_executive: LocalizedText) -> AnnualCycle:
    """The standard wheel shipped with the package, the chief executive by the given title
    (made once per title: every leader agreement asks for it)."""
    return _standard_for(chief_executive.nb, chief_executive.en)


@lru_cache(maxsize=4)
def _standard_for(nb: str, en: str) -> AnnualCycle:
    chief_executive = LocalizedText(nb=nb, en=en)
    standard = _standard(str(files(__package__) / STANDARD_FILE))

    def filled(text: LocalizedText) -> LocalizedText:
        return LocalizedText(
            nb=text.nb.replace("{chief_executive}", chief_executive.nb),
            en=text.en.replace("{chief_executive}", chief_executive.en),
        )

    events = [
        event.model_copy(update={"what": filled(event.what), "who": filled(event.who)})
        for event in standard.events
    ]
    return standard.model_copy(update={"events": events})


@lru_cache(maxsize=1)
def _standard(path: str) -> AnnualCycle:
    """The standard wheel as shipped (validated; read once)."""
    return load_model_file(Path(path), AnnualCycle, AnsvarError)
