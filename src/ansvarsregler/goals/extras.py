"""The fields a goal carries beside its facts that the documents use: its indicator, its
target and its unit, by whatever name the goal file or spreadsheet gives them.

A goal file says ``indicator``; a budget system's export says *Indikator* or
*Målverdi*; a spreadsheet column keeps the planner's own header as the key.
Looked up here with case, spacing and accents folded away, as headers are.
"""

from __future__ import annotations

from ansvarsregler.folding import fold
from ansvarsregler.goals.model import Goal

#: The names each field goes by, bokmål and English.
EXTRA_WORDS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indikator", "måleindikator", "kpi", "styringsindikator"),
    "target": ("target", "målverdi", "mål verdi", "målnivå", "ambisjon", "ambisjonsnivå"),
    "unit": ("unit", "enhet", "virksomhet", "enhetsnavn", "ansvarssted"),
}
_FIELD_BY_WORD = {fold(word): field for field, words in EXTRA_WORDS.items() for word in words}


def goal_extra(goal: Goal, field: str) -> str:
    """The goal's ``field`` (``indicator``, ``target`` or ``unit``) as text; empty if it has
    none. The goal file's own key wins over another name for it."""
    extra = goal.model_extra or {}
    value = extra.get(field)
    if value is None:
        value = next(
            (v for key, v in extra.items() if _FIELD_BY_WORD.get(fold(key)) == field), None
        )
    return "" if value is None else " ".join(str(value).split())
