"""Which evaluator runs the rules: durable-rules where it imports, else plain Python.

durable-rules is the reference engine, used wherever it can be imported.
Where it cannot (not installed: its C extension does not build on Python 3.13
or later, or without a compiler; or a broken build raising ``ImportError``
or ``OSError``), :mod:`.python_evaluator` runs the same rules with the same
outcome. The environment variable :data:`ENVIRONMENT_VARIABLE` forces one:
``python`` or ``durable-rules`` (an error if it cannot import); ``auto`` or
empty chooses as above. durable-rules is imported here only when it is chosen
or tried, and only through :mod:`.durable_evaluator`.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Sequence

from ansvarsregler.engine.run import Engine, EngineRule, Evaluator
from ansvarsregler.errors import EngineError

ENVIRONMENT_VARIABLE = "ANSVARSREGLER_EVALUATOR"
DURABLE = "durable-rules"
PYTHON = "python"
AUTO = "auto"
CHOICES = (AUTO, DURABLE, PYTHON)


def evaluator() -> Evaluator:
    """The evaluator that runs rules in this process, as chosen by the environment now."""
    return _engine_factory(_requested())[0]


def rule_engine(rules: Sequence[EngineRule], content_hash: str, kind: str = "eier") -> Engine:
    """``rules`` ready to run in the chosen evaluator (see the module docstring).

    ``content_hash`` identifies the rules and ``kind`` keeps the ownership and
    leadership rules of one rule set apart (durable-rules registers each once).
    """
    return _engine_factory(_requested())[1](rules, content_hash, kind)


def _requested() -> str:
    choice = os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower() or AUTO
    if choice not in CHOICES:
        raise EngineError(
            "engine.unknown_evaluator",
            variable=ENVIRONMENT_VARIABLE,
            value=choice,
            allowed=", ".join(CHOICES),
        )
    return choice


Factory = tuple[Evaluator, Callable[[Sequence[EngineRule], str, str], Engine]]


@functools.cache
def _engine_factory(choice: str) -> Factory:
    """The evaluator and its engine class for ``choice``; importing durable-rules at most once."""
    if choice != PYTHON:
        try:
            durable_evaluator = importlib.import_module("ansvarsregler.engine.durable_evaluator")
        except (ImportError, OSError) as error:
            if choice == DURABLE:
                raise EngineError(
                    "engine.unavailable", variable=ENVIRONMENT_VARIABLE, reason=error
                ) from error
        else:
            return durable_evaluator.EVALUATOR, durable_evaluator.RuleEngine
    from ansvarsregler.engine import python_evaluator

    return python_evaluator.EVALUATOR, python_evaluator.PythonRuleEngine
