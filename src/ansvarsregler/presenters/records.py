"""A classification as plain data: the JSON record and the flat row of text."""

from __future__ import annotations

from typing import Any

from ansvarsregler.goals.result_columns import FLAT_COLUMNS
from ansvarsregler.result import Classification


def record(result: Classification) -> dict[str, Any]:
    """The JSON object for one result (the published contract)."""
    return result.model_dump(mode="json")


def row(result: Classification) -> dict[str, str]:
    """One flat row of text by column key: lists joined with `` | ``, empty for none."""
    return {column.key: column.text(result) for column in FLAT_COLUMNS}
