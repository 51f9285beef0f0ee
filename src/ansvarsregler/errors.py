"""Errors a user can act on, each naming where the problem is.

An :class:`AnsvarError` is never a bug: it says which file, line, goal or
rule and which field is wrong and what is allowed, in bokmål and English.
The CLI prints it without a traceback and exits with :attr:`exit_code`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ansvarsregler.i18n import message
from ansvarsregler.text import EXCERPT_LENGTH, excerpt
from ansvarsregler.vocabulary import Language

EXIT_OK = 0
EXIT_UNRESOLVED = 1
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Location:
    """Where a problem is; every part is optional."""

    file: str | None = None
    line: int | None = None
    item: int | None = None
    goal: str | None = None
    rule: str | None = None
    invariant: str | None = None
    field: str | None = None
    sheet: str | None = None
    row: int | None = None
    """A spreadsheet row, numbered as the spreadsheet shows it."""
    column: str | None = None
    """A spreadsheet column: its letter and header, e.g. ``E (Måltype)``."""

    def describe(self, lang: Language) -> str:
        parts = []
        for key in ("file", "sheet", "line", "row", "goal", "rule", "invariant", "column", "field"):
            value = getattr(self, key)
            if value is not None:
                length = PATH_LENGTH if key == "file" else EXCERPT_LENGTH
                parts.append(message(f"loc.{key}", lang, value=shown(value, length)))
        if self.item is not None and self.goal is None:
            parts.append(message("loc.item", lang, value=self.item))
        return ", ".join(parts)


class AnsvarError(Exception):
    """A problem in the user's input or rule files, with a bilingual message."""

    exit_code = EXIT_BAD_INPUT

    def __init__(
        self, message_key: str, location: Location | None = None, /, **params: object
    ) -> None:
        self.key = message_key
        self.location = location or Location()
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Language = "nb") -> str:
        where = self.location.describe(lang)
        text = message(self.key, lang, **shown_params(self.params))
        return f"{where}: {text}" if where else text


#: Characters of a file's path (with its line) a message shows: paths are long, not huge.
PATH_LENGTH = 4 * EXCERPT_LENGTH
#: Parameters that name a file, perhaps with a line (``mal.jsonl:1``).
_PATHS = frozenset({"first", "where", "path", "source"})
#: Parameters that hold our own words (lists of what is allowed), never the input's.
_OWN_WORDS = frozenset(
    {
        "allowed",
        "allowed_nb",
        "allowed_en",
        "reason_nb",
        "reason_en",
        "names",
        "facts",
        "what",
        "field_nb",
        "field_en",
    }
)


def shown_params(params: dict[str, object]) -> dict[str, object]:
    """``params`` as a message shows them: every value from the input cut to an excerpt,
    so that a message quoting a whole file (a profile that is not one) stays one line."""
    return {
        name: value
        if name in _OWN_WORDS
        else shown(value, PATH_LENGTH if name in _PATHS else EXCERPT_LENGTH)
        for name, value in params.items()
    }


def shown(value: object, length: int) -> object:
    """``value`` cut to ``length`` characters however it is formatted (``{v}``, ``{v!r}``)."""
    if value is None or isinstance(value, int | float):
        return value
    return _Excerpt(value, length)


class _Excerpt:
    """A value that formats as an excerpt of itself, in ``str`` and ``repr`` alike."""

    def __init__(self, value: object, length: int) -> None:
        self.value, self.length = value, length

    def __str__(self) -> str:
        return excerpt(str(self.value), self.length)

    def __repr__(self) -> str:
        return excerpt(repr(self.value), self.length)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class InvalidGoalError(AnsvarError):
    """A goal file or goal mapping that cannot be classified as given."""


class RulesetError(AnsvarError):
    """A rule set that cannot be loaded, or that has no rule for some goal."""


class EngineError(AnsvarError):
    """The rule engine failed inside a rule action (durable-rules would hide the error),
    or the evaluator chosen with ``ANSVARSREGLER_EVALUATOR`` cannot run."""
