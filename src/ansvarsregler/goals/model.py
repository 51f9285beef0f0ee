"""The goal a planner wants classified: the public input vocabulary.

Fact fields are optional (a missing fact is something the rules may assume
or ask about); any other field, such as an indicator or a target value, is
kept and carried through to structured output.
"""

from __future__ import annotations

import difflib
import itertools
import operator
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticSerializationError, to_json

from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.i18n import invalid
from ansvarsregler.kostra import kostra_functions
from ansvarsregler.limits import CELL_LENGTH
from ansvarsregler.model_base import trusted_instance
from ansvarsregler.validation import first_error
from ansvarsregler.vocabulary import (
    FACT_NAMES,
    FACT_VALUES,
    MISSING,
    BudgetFrame,
    BudgetImpact,
    GoalType,
    Influence,
)

#: Every code in the KOSTRA function list (expired ones too: they get a warning, not an error).
KOSTRA_CODES: frozenset[str] = frozenset(kostra_functions())


def _known_kostra_function(code: str) -> str:
    """A code from the list; else why not, as a message a planner can act on."""
    if code in KOSTRA_CODES:  # the hot path: one set lookup
        return code
    if not (len(code) == 3 and code.isdigit()):
        raise invalid("kostra.format", value=code)
    raise invalid("kostra.unknown", value=code, count=len(KOSTRA_CODES))


KostraCode = Annotated[str, AfterValidator(_known_kostra_function)]


class Goal(BaseModel):
    """One municipal goal with the facts that decide who owns it."""

    model_config = ConfigDict(
        extra="allow", frozen=True, coerce_numbers_to_str=True, str_strip_whitespace=True
    )

    id: Annotated[str, Field(min_length=1, description="Unique within a run.")]
    title: Annotated[str, Field(min_length=1, description="The goal as worded in the plan.")]
    description: str | None = None
    service_area: str | None = Field(default=None, description="e.g. skole, barnehage.")
    kostra_function: KostraCode | None = Field(
        default=None, description="Three-digit KOSTRA function, e.g. 202 (grunnskole)."
    )
    goal_type: GoalType | None = None
    influence: Influence | None = Field(
        default=None,
        description="Can the services and the chief executive determine whether it is reached?",
    )
    budget_impact: BudgetImpact | None = None
    budget_frame: BudgetFrame | None = Field(
        default=None, description="The level at which the budget that funds the goal is granted."
    )

    def fact_values(self) -> tuple[str | None, ...]:
        """The goal's facts in :data:`FACT_NAMES` order, ``None`` where not given (fast)."""
        return fact_values_in(self.__dict__)

    def fact_key(self) -> tuple[str, ...]:
        """The goal's facts in :data:`FACT_NAMES` order, ``missing`` where not given."""
        return tuple(MISSING if value is None else value for value in self.fact_values())


#: The facts in a goal's fields (its ``__dict__``, or a mapping with every field) in
#: :data:`FACT_NAMES` order: one C call, for the hot path.
fact_values_in: Callable[[Mapping[str, Any]], tuple[str | None, ...]] = operator.itemgetter(
    *FACT_NAMES
)


@lru_cache(maxsize=1024)
def misspelt_facts(extra_fields: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """Extra fields that look like a misspelt fact, as (field, fact) pairs."""
    pairs = []
    for field in sorted(extra_fields):
        close = difflib.get_close_matches(field.lower(), FACT_NAMES, n=1, cutoff=0.75)
        if close:
            pairs.append((field, close[0]))
    return tuple(pairs)


GoalInput = Goal | Mapping[str, Any]


def to_goal(
    raw: GoalInput,
    *,
    item: int | None = None,
    file: str | None = None,
    line_for: Callable[[Sequence[str | int]], int | None] | None = None,
    cell_length: int | None = None,
) -> Goal:
    """Validate ``raw`` as a :class:`Goal`; raises :class:`InvalidGoalError` naming the field.

    ``item``, ``file`` and ``line_for`` (a field path to its line) say where
    the goal was read, for the error message. ``cell_length``: the limit on
    a text's length, read once by a caller that validates many goals (reading
    the environment costs more than the rest of the check).
    """
    if isinstance(raw, Goal):
        return raw
    if not isinstance(raw, Mapping):
        raise InvalidGoalError(
            "input.goal_not_mapping",
            Location(file=file, item=item, line=line_for(()) if line_for else None),
            found=type(raw).__name__,
        )
    limit = CELL_LENGTH.value() if cell_length is None else cell_length
    trusted = trusted_goal(raw, limit)
    if trusted is not None:
        return trusted
    _check_text_lengths(raw, limit, item, file, line_for)
    try:
        goal = Goal.model_validate(raw)
    except ValueError as error:  # e.g. an integer id too long to turn into text
        if isinstance(error, ValidationError):
            raise _invalid_goal(error, raw, item, file, line_for) from None
        where = Location(
            file=file, item=item, goal=_shown_id(raw), line=line_for(()) if line_for else None
        )
        if "integer string conversion" in str(error):  # Python's own words differ by version
            digits = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
            raise InvalidGoalError("value.huge_number", where, digits=digits) from None
        raise InvalidGoalError(
            "value.wrong_type", where, value=_shown_id(raw), reason=str(error)
        ) from None
    if goal.__pydantic_extra__:
        _check_writable(goal, Location(file=file, item=item, goal=goal.id))
    return goal


#: The fields of :class:`Goal` with nothing in them, and every combination of fact values it
#: allows (``None`` for a fact left out): what the fast path takes without looking further.
_DEFAULTS: dict[str, None] = dict.fromkeys(Goal.model_fields)
_FACT_COMBINATIONS: frozenset[tuple[str | None, ...]] = frozenset(
    itertools.product(*((*FACT_VALUES[fact], None) for fact in FACT_NAMES))
)
#: The types a fact or KOSTRA value has after validation: a plain text, or nothing.
_PLAIN: frozenset[type] = frozenset({str, type(None)})


def trusted_goal(raw: object, limit: int) -> Goal | None:
    """``raw`` as the :class:`Goal` that validating it would give, built without pydantic
    where every value is already what validation would leave it as; ``None`` where one is
    not, so that full validation decides (and words any error).

    The usual goal from a budget tool takes this path: known fields holding short texts
    with nothing to strip, allowed fact values and a listed KOSTRA code; extra fields
    holding short texts, whole numbers, booleans or nothing. Straight-line code, since a
    loop over the fields costs as much as pydantic. A property test holds it to the same
    goals as :meth:`Goal.model_validate`.
    """
    if type(raw) is not dict:
        return None
    fields = _DEFAULTS.copy()
    fields.update(raw)  # known fields keep the model's order; extra ones follow
    extra: dict[str, Any] = {}
    if len(fields) != len(_DEFAULTS):
        for key in raw:
            if key not in _DEFAULTS:
                value = fields.pop(key)
                if type(key) is not str or not _carried(value, limit):
                    return None
                extra[key] = value
    facts = fact_values_in(fields)
    kostra = fields["kostra_function"]
    try:
        if facts not in _FACT_COMBINATIONS or (kostra is not None and kostra not in KOSTRA_CODES):
            return None
    except TypeError:  # a list or a mapping where a fact belongs
        return None
    # Equal is not enough: validation makes an Enum member or a str subclass a plain text.
    if not _PLAIN.issuperset(map(type, facts)) or type(kostra) not in _PLAIN:
        return None
    # id and title: the test of _fits, written out (two calls would cost a fifth of the path)
    goal_id, title = fields["id"], fields["title"]
    if type(goal_id) is not str or type(title) is not str:
        return None
    if not (goal_id and title) or len(goal_id) > limit or len(title) > limit:
        return None
    if goal_id[0].isspace() or goal_id[-1].isspace() or title[0].isspace() or title[-1].isspace():
        return None
    if not (goal_id.isascii() or _encodes(goal_id)) or not (title.isascii() or _encodes(title)):
        return None
    description, area = fields["description"], fields["service_area"]
    if (description and not _fits(description, limit)) or (area and not _fits(area, limit)):
        return None
    if (description is not None and type(description) is not str) or (
        area is not None and type(area) is not str
    ):
        return None
    return trusted_instance(Goal, fields, set(raw), extra)


def _fits(value: object, limit: int) -> bool:
    """Whether ``value`` is a text validation keeps as it is: not empty, nothing to strip
    (Python's whitespace includes all that pydantic strips), no longer than ``limit``, and
    writable (no half of a surrogate pair)."""
    if type(value) is not str or not value or len(value) > limit:
        return False
    if value[0].isspace() or value[-1].isspace():
        return False
    return value.isascii() or _encodes(value)


def _carried(value: object, limit: int) -> bool:
    """Whether an extra field's value is carried through as it is and can be written."""
    if isinstance(value, str):  # a subclass too: validation keeps an extra one as it is
        return len(value) <= limit and (value.isascii() or _encodes(value))
    kind = type(value)
    return value is None or kind is int or kind is bool


def _encodes(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _check_writable(goal: Goal, where: Location) -> None:
    """Refuse an extra field JSON output could not write (a lone surrogate such as
    ``"\\ud800"``, an object that is not data), so output never fails half-way."""
    for name, value in (goal.__pydantic_extra__ or {}).items():
        try:
            to_json(value)
        except (PydanticSerializationError, ValueError) as error:
            reason = str(error).split(": ", 1)[-1]
            raise InvalidGoalError(
                "value.not_writable", replace(where, field=name), reason=reason
            ) from None


def _check_text_lengths(
    raw: Mapping[str, Any],
    limit: int,
    item: int | None,
    file: str | None,
    line_for: Callable[[Sequence[str | int]], int | None] | None,
) -> None:
    """Refuse a text longer than a spreadsheet cell holds, in any field, at any depth.

    Checked here, where every goal is read, so that no later stage (a table,
    an XLSX file) meets a title of a megabyte.
    """
    pending: list[tuple[tuple[str | int, ...], object]] = [((key,), v) for key, v in raw.items()]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            if len(value) > limit:
                where = Location(
                    file=file,
                    item=item,
                    goal=_shown_id(raw),
                    field=".".join(str(step) for step in path),
                    line=line_for(path) if line_for else None,
                )
                CELL_LENGTH.check(len(value), where)
        elif isinstance(value, Mapping):
            pending.extend(((*path, key), v) for key, v in value.items())
        elif isinstance(value, list):
            pending.extend(((*path, index), v) for index, v in enumerate(value))


def _invalid_goal(
    error: ValidationError,
    raw: Mapping[str, Any],
    item: int | None,
    file: str | None,
    line_for: Callable[[Sequence[str | int]], int | None] | None,
) -> InvalidGoalError:
    """The first problem of a goal that failed validation, naming the goal and field."""
    return first_error(  # type: ignore[return-value]
        error,
        InvalidGoalError,
        Location(file=file, item=item, goal=_shown_id(raw)),
        line_for=line_for,
    )


def _shown_id(raw: Mapping[str, Any]) -> str | None:
    """The goal's id as a message can show it (shortened; never fails)."""
    goal_id = raw.get("id")
    if isinstance(goal_id, str):
        return goal_id[:80]
    if isinstance(goal_id, int) and goal_id.bit_length() <= 256:
        return str(goal_id)  # a longer one cannot always be turned into text
    return None
