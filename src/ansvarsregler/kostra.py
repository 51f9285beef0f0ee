"""The KOSTRA function list (municipal accounts, 2026), shipped with the package."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class KostraFunction:
    code: str
    name: str
    valid: bool
    group: str


@cache
def kostra_functions() -> dict[str, KostraFunction]:
    """Every KOSTRA function by its three-digit code, expired ones included."""
    text = (files(__package__) / "kostra-funksjoner.csv").read_text(encoding="utf-8")
    return {
        row["kode"]: KostraFunction(
            code=row["kode"],
            name=row["navn"] or "",
            valid=row["status"] == "gyldig",
            group=row["gruppe"],
        )
        for row in csv.DictReader(text.splitlines())
    }
