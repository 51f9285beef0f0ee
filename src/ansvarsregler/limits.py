"""Limits on what one run reads: every default in one place, each one overridable.

A hostile or broken file must cost little. Every reader checks its limit
before it does the expensive part (a file's size before reading it, an XLSX
file's uncompressed size before unzipping it, a document's depth before
validating it), so nothing grows without bound on the way to an error.

A user with a real reason (a national budget system with 3 million goals)
raises a limit with an environment variable, ``ANSVARSREGLER_LIMIT_<NAME>``,
which the command line, the library and a server read alike. An exceeded
limit is a :class:`LimitError` naming the limit, what was found and the
variable that raises it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ansvarsregler.errors import AnsvarError, Location, shown_params
from ansvarsregler.i18n import message
from ansvarsregler.vocabulary import Language

_MIB = 1024 * 1024
ENVIRONMENT_PREFIX = "ANSVARSREGLER_LIMIT_"


@dataclass(frozen=True)
class Limit:
    """One limit: its name (the message key ``limit.<name>`` describes it) and default."""

    name: str
    default: int
    ceiling: int | None = None
    """The most it may be raised to: past it, something below would break."""
    ceiling_reason: str = "engine"
    """What would break past the ceiling: the key ``limit.ceiling.<reason>`` words it."""

    @property
    def variable(self) -> str:
        """The environment variable that overrides the default."""
        return ENVIRONMENT_PREFIX + self.name.upper()

    def value(self) -> int:
        """The limit in force: the environment variable's whole number, else the default."""
        text = os.environ.get(self.variable)
        if text is None or text.strip() == "":
            return self.default
        try:
            value = int(text.strip().replace("_", ""))
        except ValueError:
            value = 0
        if value < 1:
            raise AnsvarError("limit.bad_setting", None, variable=self.variable, value=text[:40])
        if self.ceiling is not None and value > self.ceiling:
            raise AnsvarError(
                "limit.over_ceiling",
                None,
                variable=self.variable,
                value=value,
                ceiling=self.ceiling,
                reason_nb=message(f"limit.ceiling.{self.ceiling_reason}", "nb"),
                reason_en=message(f"limit.ceiling.{self.ceiling_reason}", "en"),
            )
        return value

    def check(self, found: int, location: Location | None = None) -> None:
        """Raise :class:`LimitError` if ``found`` is over the limit in force."""
        limit = self.value()
        if found > limit:
            raise LimitError(self, found, limit, location)


class LimitError(AnsvarError):
    """An input over one of the documented limits (exit code 2, like any bad input)."""

    def __init__(self, limit: Limit, found: int, value: int, location: Location | None) -> None:
        self.limit = limit
        super().__init__(
            "limit.exceeded", location, found=found, limit=value, variable=limit.variable
        )

    def message(self, lang: Language = "nb") -> str:
        """The general message, with the limit described in ``lang``."""
        where = self.location.describe(lang)
        numbers = {name: _number(value, lang) for name, value in shown_params(self.params).items()}
        what = message(f"limit.{self.limit.name}", lang)
        text = message(self.key, lang, **{**self.params, **numbers, "what": what})
        return f"{where}: {text}" if where else text


def _number(value: object, lang: Language) -> object:
    """A whole number grouped as each language writes it (2 000 000 / 2,000,000)."""
    if not isinstance(value, int):
        return value
    grouped = f"{value:,}"
    return grouped.replace(",", "\u00a0") if lang == "nb" else grouped


FILE_SIZE = Limit("file_size", 256 * _MIB)
"""Bytes in one input file: goals, a profile, a rule file, a catalog."""
XLSX_UNCOMPRESSED = Limit("xlsx_uncompressed", 512 * _MIB)
"""Bytes an XLSX file unpacks to (its parts added up), checked before it is opened."""
ROWS = Limit("rows", 1_048_576)
"""Rows in one sheet or CSV file: Excel's own maximum."""
COLUMNS = Limit("columns", 16_384)
"""Columns in one sheet or CSV file: Excel's own maximum."""
CELL_LENGTH = Limit("cell_length", 32_767)
"""Characters in one text value (a cell, a title): Excel's own maximum for a cell."""
NESTING_DEPTH = Limit("nesting_depth", 32, ceiling=200, ceiling_reason="recursion")
"""Levels of lists and mappings in a YAML or JSON document. Python's JSON and YAML readers
take a level at a time, each a step or two of recursion, and pydantic writes at most about 250
levels of JSON: past 200, one of them could fail."""
YAML_ALIASES = Limit("yaml_aliases", 100)
"""Aliases (``*name``) in one YAML document, each counted with the aliases inside what it
stands for: enough for shared defaults, too few for an "alias bomb"."""
GOALS = Limit("goals", 2_000_000)
"""Goals in one run."""
RULES = Limit("rules", 250, ceiling=250)
"""Ownership rules, and leadership rules, in one rule set. durable-rules keeps at most
256 rules ending on one chain of tests, and writes past its table beyond that."""
RULE_COMBINATIONS = Limit("rule_combinations", 4_000, ceiling=4_000)
"""Combinations of values the ownership (or the leadership) rules' conditions allow, added up:
each is one rule in durable-rules, which holds at most 4,096 (``MAX_ACTIONS``)."""

REQUEST_BYTES = Limit("request_bytes", 10 * _MIB)
"""Bytes in one request to ``ansvar serve``: a JSON body or an uploaded file."""
REQUEST_GOALS = Limit("request_goals", 10_000)
"""Goals in one request to ``ansvar serve``."""
REQUEST_SECONDS = Limit("request_seconds", 60)
"""Seconds one request to ``ansvar serve`` may take before it is answered with an error."""

ALL: tuple[Limit, ...] = (
    FILE_SIZE,
    XLSX_UNCOMPRESSED,
    ROWS,
    COLUMNS,
    CELL_LENGTH,
    NESTING_DEPTH,
    YAML_ALIASES,
    GOALS,
    RULES,
    RULE_COMBINATIONS,
    REQUEST_BYTES,
    REQUEST_GOALS,
    REQUEST_SECONDS,
)
