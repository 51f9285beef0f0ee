"""The evaluator: runs fact combinations through the rules and remembers each decision.

:func:`rule_engine` gives the rules in durable-rules where it imports, else in
plain Python (:mod:`.selection`); :func:`evaluator` says which one runs.
"""

from ansvarsregler.engine.run import EngineRun, Evaluator
from ansvarsregler.engine.selection import ENVIRONMENT_VARIABLE, evaluator, rule_engine

__all__ = ["ENVIRONMENT_VARIABLE", "EngineRun", "Evaluator", "evaluator", "rule_engine"]
