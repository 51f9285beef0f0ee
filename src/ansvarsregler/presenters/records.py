"""A classification as plain data: the JSON record and the flat spreadsheet row."""

from __future__ import annotations

from typing import Any

from ansvarsregler.result import Classification

#: Columns of flat output (CSV, markdown), in order.
ROW_FIELDS: tuple[str, ...] = (
    "goal_id",
    "title",
    "owner",
    "owner_role",
    "adopted_by",
    "followed_up_by",
    "rule",
    "principle",
    "justification",
    "assumptions",
    "questions",
    "warnings",
    "municipality",
    "ruleset_version",
    "ruleset_hash",
)


def record(result: Classification) -> dict[str, Any]:
    """The JSON object for one result (the published contract)."""
    return result.model_dump(mode="json")


def row(result: Classification) -> dict[str, str]:
    """One flat row of text: lists joined with `` | ``, empty for none."""
    return {
        "goal_id": result.goal_id,
        "title": result.title,
        "owner": result.owner or "",
        "owner_role": result.owner_role or "",
        "adopted_by": result.adopted_by or "",
        "followed_up_by": result.followed_up_by or "",
        "rule": result.rule,
        "principle": "" if result.principle is None else str(result.principle),
        "justification": result.justification,
        "assumptions": " | ".join(
            f"{item.fact}={item.value} ({item.rule})" for item in result.assumptions
        ),
        "questions": " | ".join(question.text for question in result.questions),
        "warnings": " | ".join(result.warnings),
        "municipality": result.municipality or "",
        "ruleset_version": result.ruleset.version,
        "ruleset_hash": result.ruleset.hash,
    }
