"""Turn pydantic validation errors into :class:`AnsvarError` s a person can act on."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import replace

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ansvarsregler.errors import AnsvarError, Location
from ansvarsregler.i18n import MESSAGES


def first_error(
    error: ValidationError,
    error_type: type[AnsvarError],
    location: Location,
    line_for: Callable[[Sequence[str | int]], int | None] | None = None,
    model: type[BaseModel] | None = None,
    field_offset: int = 0,
) -> AnsvarError:
    """The first problem in ``error`` as an ``error_type`` at ``location``.

    ``line_for`` maps the error's path inside the validated object to a line
    in the file, where the caller can say; for an unknown field, the fields
    allowed there are read off ``model``.
    """
    detail = error.errors()[0]
    path = tuple(detail["loc"])
    fact = (detail.get("ctx") or {}).get("fact")
    if isinstance(fact, str) and fact not in path:
        path = (*path, fact)  # point at the fact's own line, not its parent's
    shown = [str(step) for step in path[field_offset:] if not str(step).startswith("[")]
    field = ".".join(shown) or None
    line = line_for(path) if line_for else None
    where = replace(location, line=line if line is not None else location.line, field=field)
    allowed = _fields_at(model, path[:-1]) if model is not None else ()
    key, params = _message_for(detail, allowed)
    return error_type(key, where, **params)


def _message_for(detail: ErrorDetails, allowed_fields: Sequence[str]) -> tuple[str, dict]:
    kind = detail["type"]
    context = dict(detail.get("ctx") or {})
    if kind in MESSAGES:  # raised by our own validators with a message key
        return kind, context
    value = detail.get("input")
    if kind == "missing":
        return "value.missing", {}
    if kind in ("literal_error", "enum"):
        expected = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return "value.not_allowed", {"value": value, "allowed": expected}
    if kind == "extra_forbidden":
        return "value.unknown_field", {"allowed": ", ".join(allowed_fields) or "-"}
    if kind in ("string_too_short", "too_short"):
        return "value.empty", {}
    if kind in _KIND_KEYS:
        return _KIND_KEYS[kind], {"value": value}
    if kind in _BOUND_KEYS:
        key, bound = _BOUND_KEYS[kind]
        return key, {"value": value, "bound": context.get(bound)}
    return "value.wrong_type", {"value": value, "reason": detail["msg"]}


#: pydantic's error types for a value of the wrong kind, and the message that says so.
_KIND_KEYS = {
    "string_type": "value.not_text",
    "int_type": "value.not_integer",
    "int_parsing": "value.not_integer",
    "int_from_float": "value.not_integer",
    "list_type": "value.not_list",
    "dict_type": "value.not_mapping",
    "model_type": "value.not_mapping",
    "model_attributes_type": "value.not_mapping",
    "bool_type": "value.not_boolean",
    "bool_parsing": "value.not_boolean",
    "float_type": "value.not_number",
    "float_parsing": "value.not_number",
    "finite_number": "value.not_number",
    "dict_type_error": "value.not_mapping",
}

#: pydantic's error types for a value out of bounds: the message and the bound it names.
_BOUND_KEYS = {
    "string_pattern_mismatch": ("value.bad_form", "pattern"),
    "too_long": ("value.too_many", "max_length"),
    "string_too_long": ("value.too_long", "max_length"),
    "greater_than": ("value.too_small", "gt"),
    "greater_than_equal": ("value.too_small", "ge"),
    "less_than": ("value.too_large", "lt"),
    "less_than_equal": ("value.too_large", "le"),
}


def _fields_at(model: type[BaseModel], path: Sequence[str | int]) -> tuple[str, ...]:
    """The field names of the model found by following ``path`` down from ``model``."""
    current: object = model
    for step in path:
        current = _descend(current, step)
        if current is None:
            return ()
    if isinstance(current, type) and issubclass(current, BaseModel):
        return tuple(info.alias or name for name, info in current.model_fields.items())
    return ()


def _descend(annotation: object, step: str | int) -> object | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _descend(typing.get_args(annotation)[0], step)
    if origin in (typing.Union, types.UnionType):
        for arm in typing.get_args(annotation):
            found = _descend(arm, step)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            if step in (name, info.alias):
                return info.annotation
        return None
    if origin is dict:
        return typing.get_args(annotation)[1]
    if origin in (list, tuple):
        return typing.get_args(annotation)[0]
    return None
