"""ansvarsregler: who owns a Norwegian municipal goal and carries the result responsibility.

The library API mirrors the ``ansvar`` command::

    from ansvarsregler import classify, classify_many, Goal

    result = classify({"id": "lesing-2", "title": "Nivå lesing 2. trinn",
                       "goal_type": "service_quality", "influence": "partial",
                       "budget_impact": "within_budget", "budget_frame": "unit"})
    result.owner          # 'virksomhetsleder'
    result.justification  # ready to paste into a council paper

Every function is safe to call from several threads.

Importing the package is cheap: each name is imported from its module when it is first
used, so ``ansvar --help`` does not load the rule engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ansvarsregler.classifier import Classifier
    from ansvarsregler.errors import AnsvarError, EngineError, InvalidGoalError, RulesetError
    from ansvarsregler.explanation import Explanation
    from ansvarsregler.goals.model import Goal
    from ansvarsregler.library import classify, classify_many, explain
    from ansvarsregler.limits import LimitError
    from ansvarsregler.municipality.answers import Answers, AnswersError, load_answers
    from ansvarsregler.municipality.profiles import load_profile
    from ansvarsregler.municipality.schema import Profile
    from ansvarsregler.result import (
        AnsweredFact,
        Assumption,
        Classification,
        Question,
        RulesetIdentity,
    )
    from ansvarsregler.rules.loader import Ruleset, default_ruleset, load_ruleset

__all__ = [
    "AnsvarError",
    "AnsweredFact",
    "Answers",
    "AnswersError",
    "Assumption",
    "Classification",
    "Classifier",
    "EngineError",
    "Explanation",
    "Goal",
    "InvalidGoalError",
    "LimitError",
    "Profile",
    "Question",
    "Ruleset",
    "RulesetError",
    "RulesetIdentity",
    "classify",
    "classify_many",
    "default_ruleset",
    "explain",
    "load_answers",
    "load_profile",
    "load_ruleset",
]

#: The module each public name lives in.
_WHERE = {
    "AnsvarError": "ansvarsregler.errors",
    "AnsweredFact": "ansvarsregler.result",
    "Answers": "ansvarsregler.municipality.answers",
    "AnswersError": "ansvarsregler.municipality.answers",
    "Assumption": "ansvarsregler.result",
    "Classification": "ansvarsregler.result",
    "Classifier": "ansvarsregler.classifier",
    "EngineError": "ansvarsregler.errors",
    "Explanation": "ansvarsregler.explanation",
    "Goal": "ansvarsregler.goals.model",
    "InvalidGoalError": "ansvarsregler.errors",
    "LimitError": "ansvarsregler.limits",
    "Profile": "ansvarsregler.municipality.schema",
    "Question": "ansvarsregler.result",
    "Ruleset": "ansvarsregler.rules.loader",
    "RulesetError": "ansvarsregler.errors",
    "RulesetIdentity": "ansvarsregler.result",
    "classify": "ansvarsregler.library",
    "classify_many": "ansvarsregler.library",
    "default_ruleset": "ansvarsregler.rules.loader",
    "explain": "ansvarsregler.library",
    "load_answers": "ansvarsregler.municipality.answers",
    "load_profile": "ansvarsregler.municipality.profiles",
    "load_ruleset": "ansvarsregler.rules.loader",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'ansvarsregler' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once imported, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
