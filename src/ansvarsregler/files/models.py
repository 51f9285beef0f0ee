"""Read a YAML file into a pydantic model, with errors that say where.

Rule files, test files and municipality profiles are all read this way: safe
YAML with duplicate keys refused, then validation by the model; any problem
becomes one :class:`AnsvarError` naming the file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ansvarsregler.errors import AnsvarError, Location
from ansvarsregler.files.safe_yaml import (
    DuplicateKeyError,
    error_line,
    error_reason,
    line_of,
    load_yaml,
)
from ansvarsregler.limits import FILE_SIZE
from ansvarsregler.validation import first_error

ModelT = TypeVar("ModelT", bound=BaseModel)

#: Given the parsed data and the path of an error in it, where to say it is
#: (e.g. naming the rule) and how many leading steps of the path to leave out.
ItemLocator = Callable[[object, tuple], tuple[Location, int]]


def read_text(path: Path, error_type: type[AnsvarError]) -> str:
    """The UTF-8 text of ``path``; an ``error_type`` if it cannot be read as text.

    Only a regular file is read: a pipe named ``*.yaml`` in a rule folder would
    block the run for ever, and a device such as ``/dev/zero`` never ends. A
    file over :data:`~ansvarsregler.limits.FILE_SIZE` is refused before it is read.
    """
    if path.exists() and not path.is_file():
        raise error_type("input.not_regular_file", Location(file=str(path)))
    try:
        FILE_SIZE.check(path.stat().st_size, Location(file=str(path)))
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error_type("input.not_text", Location(file=str(path))) from None
    except OSError as error:
        raise error_type(
            "input.unreadable", Location(file=str(path)), reason=error.strerror
        ) from None


def load_yaml_file(
    path: Path,
    error_type: type[AnsvarError],
    *,
    text: str | None = None,
    text_scalars: bool = False,
) -> tuple[str, object]:
    """The text of ``path`` (or ``text``) and the data it holds, parsed as safe YAML.

    A duplicate key, a syntax error or an empty file is an ``error_type`` naming the line.
    """
    text = read_text(path, error_type) if text is None else text
    try:
        data = load_yaml(text, text_scalars=text_scalars, file=str(path))
    except DuplicateKeyError as error:
        raise error_type(
            "input.duplicate_key", Location(file=str(path), line=error.line), key=error.key
        ) from None
    except yaml.YAMLError as error:
        raise error_type(
            "input.bad_yaml",
            Location(file=str(path), line=error_line(error)),
            reason=error_reason(error),
        ) from None
    if data is None:
        raise error_type("input.empty_file", Location(file=str(path)))
    return text, data


def load_model_file(
    path: Path,
    model: type[ModelT],
    error_type: type[AnsvarError],
    *,
    text: str | None = None,
    locate_item: ItemLocator | None = None,
    text_scalars: bool = False,
) -> ModelT:
    """Parse ``path`` (or its already read ``text``) and validate it as ``model``.

    ``text_scalars`` reads every plain scalar as text (``no`` stays ``"no"``,
    ``202`` stays ``"202"``) for files that hold no numbers.
    """
    text, data = load_yaml_file(path, error_type, text=text, text_scalars=text_scalars)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        loc = tuple(error.errors()[0]["loc"])
        location, offset = locate_item(data, loc) if locate_item is not None else (Location(), 0)
        raise first_error(
            error,
            error_type,
            Location(file=str(path), rule=location.rule, invariant=location.invariant),
            line_for=lambda path_in_data: line_of(text, path_in_data),
            model=model,
            field_offset=offset,
        ) from None
