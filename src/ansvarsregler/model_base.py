"""The base of every pydantic model here: immutable, and closed to unknown fields."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Frozen (results are shared between goals and threads) and ``extra="forbid"``
    (a misspelt key in a rule file is an error, not a silently ignored field)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
