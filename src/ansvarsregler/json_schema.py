"""JSON Schemas exported from the pydantic models (never written by hand)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from ansvarsregler.goals.model import Goal
from ansvarsregler.result import Classification

SCHEMAS = ("classification", "goal")


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of ``classification`` (the output: a list) or ``goal`` (one input goal)."""
    if name == "classification":
        schema = TypeAdapter(list[Classification]).json_schema(mode="serialization")
        schema["title"] = "ansvarsregler classification output"
    else:
        schema = Goal.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
