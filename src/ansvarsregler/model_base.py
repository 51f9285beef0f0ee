"""The base of every pydantic model here, and the small types that rule, indicator
and profile files share."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ansvarsregler.vocabulary import Language


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
