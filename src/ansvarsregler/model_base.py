"""The base of every pydantic model here, and the small types that rule, indicator
and profile files share."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ansvarsregler.vocabulary import Language

ModelT = TypeVar("ModelT", bound=BaseModel)


class StrictModel(BaseModel):
    """Frozen (results are shared between goals and threads) and ``extra="forbid"``
    (a misspelt key in a rule file is an error, not a silently ignored field)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


RuleId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
"""A rule's id: lower-case letters, digits and hyphens, as cited in justifications."""


class LocalizedText(StrictModel):
    """A text a person reads, in bokmål and English (both required)."""

    nb: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def get(self, lang: Language) -> str:
        return self.nb if lang == "nb" else self.en


_NEW = object.__new__
# pydantic keeps these four in slots of BaseModel; their setters skip the attribute lookup
# that object.__setattr__ makes, which counts when a hundred thousand models are made.
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def trusted_instance(
    cls: type[ModelT], fields: dict[str, Any], fields_set: set[str], extra: dict[str, Any] | None
) -> ModelT:
    """An instance of ``cls`` holding ``fields`` (the dict itself), made without validating.

    For the hot paths that have already checked every value themselves, at a quarter of
    ``model_construct``'s cost (which checks defaults and copies). ``fields`` must hold every
    field in declaration order, as validation would leave it; property tests hold each
    caller to the model that validating the same input makes.
    """
    instance = _NEW(cls)
    _SET_DICT(instance, fields)
    _SET_FIELDS_SET(instance, fields_set)
    _SET_EXTRA(instance, extra)
    _SET_PRIVATE(instance, None)
    return instance


class SharedFieldNames(set[str]):
    """The names of the fields set, one set shared by many instances that
    :func:`trusted_instance` made (copying it for each cost a sixteenth of a goal's time).

    A ``set``, as pydantic expects, that refuses every change in place: a change would reach
    every instance that shares it. Copies (pydantic copies before it changes the set, as in
    ``model_copy(update=...)``; ``copy``, ``deepcopy`` and pickle) are plain sets of their own.
    """

    def _refuse(self, *args: object) -> NoReturn:
        raise TypeError(
            "the fields set is shared by many results and cannot be changed; "
            "change a copy: set(result.model_fields_set)"
        )

    add = discard = remove = pop = clear = update = _refuse  # type: ignore[assignment]
    difference_update = intersection_update = symmetric_difference_update = _refuse  # type: ignore[assignment]
    __ior__ = __iand__ = __isub__ = __ixor__ = _refuse  # type: ignore[assignment]

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: dict[int, object]) -> set[str]:
        return set(self)

    def __reduce__(self) -> tuple[type[set[str]], tuple[list[str]]]:
        return (set, (list(self),))
