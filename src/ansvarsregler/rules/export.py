"""The rule set as plain data: what ``ansvar rules --format json`` and ``GET /api/rules`` give."""

from __future__ import annotations

from typing import Any

from ansvarsregler.rules.loader import Ruleset


def ruleset_data(ruleset: Ruleset) -> dict[str, Any]:
    """The rule set's name, version, hash and every rule with the file and line it is in."""
    return {
        "name": ruleset.name,
        "version": ruleset.version,
        "hash": ruleset.hash,
        "rules": [
            {
                **rule.model_dump(mode="json", by_alias=True, exclude_none=True),
                "source": f"{ruleset.sources[rule.id].file}:{ruleset.sources[rule.id].line}",
            }
            for rule in ruleset.rules
        ],
    }
