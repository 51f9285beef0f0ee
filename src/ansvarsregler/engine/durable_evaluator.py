"""The durable-rules adapter: the only module that imports durable-rules.

A :class:`RuleEngine` turns validated rules (the ownership rules of a
:class:`~ansvarsregler.rules.loader.Ruleset`, or its leadership rules) into a
durable-rules ruleset in its JSON form (conditions are data; no rule text is
ever evaluated as Python) and runs one combination of fact values through it.

durable_rules 2.0.28 is unmaintained and has sharp edges; each is handled here:

- Its host is not thread-safe and starts background threads that poll every
  ruleset. :class:`_QuietHost` starts none, and every call into the engine
  holds one process-wide lock.
- About 1,000 live sessions exhaust it (``MemoryError`` at 1,024). Every run
  gets a fresh session, deleted before the lock is released.
- A registered ruleset can never be replaced or freed. Rulesets are named by
  their content hash and registered once per process.
- ``set_rulesets`` mutates the dict it is given (it pops each rule's ``run``).
  Each registration builds a fresh dict that is never used again.
- A posted event fires only one rule; an asserted fact fires every rule that
  matches, in priority order. Goals are asserted as facts.
- No match raises ``MessageNotHandledException``, and deleting that session
  afterwards crashes the process (segmentation fault). Every ruleset gets a
  sentinel rule, lowest in priority, that matches every goal fact, so no
  assertion ever goes unmatched; when only the sentinel fires, the run
  reports that no rule decided.
- An exception inside an action is swallowed into the session state. The
  state is checked after every run and the error raised as :class:`EngineError`.
- Rules of equal ``pri`` fire in the order they are defined (the order of
  ``rules``): the engine sorts its actions by ``pri`` with a stable insertion
  sort. :mod:`.python_evaluator` relies on this to give the same outcome.
- Strings and numbers compare as text. Every fact value is a string from the
  closed vocabulary, and a missing fact is the explicit string ``missing``,
  so absent fields never reach a condition.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import metadata
from typing import Any

from durable.engine import Host

from ansvarsregler.engine.run import SENTINEL_PHASE, EngineRule, EngineRun, Evaluator, pri
from ansvarsregler.errors import EngineError, Location
from ansvarsregler.rules.schema import LeadershipRule


def _version() -> str | None:
    try:
        return metadata.version("durable_rules")
    except metadata.PackageNotFoundError:
        return None


EVALUATOR = Evaluator("durable-rules", _version())

_SENTINEL = "_no_rule_matched"
_FACT_TAG = {"t": "goal"}


class _QuietHost(Host):
    """A durable-rules host without the polling threads that make it unsafe."""

    def _run(self) -> None:
        """Start nothing: actions run synchronously inside ``assert_fact``."""


_LOCK = threading.Lock()
_HOST: _QuietHost | None = None
_REGISTERED: set[str] = set()
_SESSION_IDS = itertools.count(1)


class RuleEngine:
    """Rules registered in durable-rules, ready to run fact combinations.

    ``content_hash`` identifies the rules (rulesets can never be freed, so
    identical rules are registered once); ``kind`` keeps the ownership and
    leadership rules of one rule set apart.
    """

    evaluator = EVALUATOR

    def __init__(self, rules: Sequence[EngineRule], content_hash: str, kind: str = "eier") -> None:
        self.name = f"ansvarsregler-{kind}-{content_hash[:24]}"
        with _LOCK:
            host = _host()
            if self.name not in _REGISTERED:
                host.set_rulesets({self.name: _definition(rules)})
                _REGISTERED.add(self.name)

    def run(self, facts: Mapping[str, str]) -> EngineRun:
        """Assert ``facts`` (every fact named, ``missing`` for none) in a new session."""
        with _LOCK:
            host = _host()
            sid = str(next(_SESSION_IDS))
            try:
                state = host.assert_fact(self.name, {"sid": sid, **_FACT_TAG, **facts})
            finally:
                host.delete_state(self.name, sid)
        fired = tuple(state.get("fired", ()))
        if state.get("exception"):
            raise EngineError(
                "engine.action_failed",
                Location(rule=fired[-1] if fired else None),
                rule=fired[-1] if fired else "?",
                reason=state["exception"],
            )
        return EngineRun(
            fired=fired,
            assumed=tuple(tuple(item) for item in state.get("assumed", ())),
            decided_by=state.get("decided"),
        )


def _host() -> _QuietHost:
    global _HOST
    if _HOST is None:
        _HOST = _QuietHost()
    return _HOST


def _definition(rules: Sequence[EngineRule]) -> dict[str, Any]:
    """The durable-rules JSON ruleset for ``rules``; a fresh dict on every call.

    Each rule becomes one engine rule per combination of the values it
    allows (:func:`_alternatives`), named ``<id>`` or ``<id>~<n>``; all of
    them run the rule's one action, so the run reports the rule's own id.
    """
    definition: dict[str, Any] = {
        _SENTINEL: {"all": [{"m": dict(_FACT_TAG)}], "pri": SENTINEL_PHASE, "run": _ignore}
    }
    for rule in rules:
        action = _action(rule)
        for number, condition in enumerate(_alternatives(rule)):
            name = rule.id if number == 0 else f"{rule.id}~{number}"
            definition[name] = {"all": [{"m": condition}], "pri": pri(rule), "run": action}
    return definition


def _alternatives(rule: EngineRule) -> Iterator[dict[str, Any]]:
    """The rule's condition as single-value conditions, one per combination of allowed values.

    durable-rules turns a list (``$or``) into chains of tests it does not
    share between rules, and walks the chains that match a fact on a stack of
    64: about 65 rules with a list condition overflow it, and the error path
    then corrupts memory (``free(): invalid size``, a segmentation fault).
    Single-value conditions in one order of facts share their chains, so the
    stack holds at most one entry per fact still to test at each level (8 + 7
    + ... + 1 = 36 for the leadership facts, the most there are), whatever the
    number of rules. The engine's other fixed sizes are kept by the loader's
    limits: at most 4,096 engine rules (``RULE_COMBINATIONS``) and 256 rules
    ending on one chain (``RULES``). Exactly one
    alternative of a rule matches a given fact combination, so the rule still
    fires once, at its own priority.
    """
    tests = rule.tests()
    facts = [fact for fact, _ in tests]
    for values in itertools.product(*(allowed for _, allowed in tests)):
        yield {"$and": [dict(_FACT_TAG), *({f: v} for f, v in zip(facts, values, strict=True))]}


def _ignore(c: Any) -> None:
    """The sentinel's action: matching is its whole job."""


def _action(rule: EngineRule) -> Callable[[Any], None]:
    if isinstance(rule, LeadershipRule):
        return _warn_action(rule.id)
    if rule.assume is not None:
        ((fact, value),) = rule.assume.items()
        return _assume_action(rule.id, fact, value)
    return _decide_action(rule.id)


def _assume_action(rule_id: str, fact: str, value: str) -> Callable[[Any], None]:
    def assume(c: Any) -> None:
        c.s.fired = [*(c.s.fired or ()), rule_id]
        c.s.assumed = [*(c.s.assumed or ()), [rule_id, fact, value]]
        successor = {key: val for key, val in c.m._d.items() if key != "sid"}
        successor[fact] = value
        # Retracting cancels the pending activations of the old fact, so the
        # deciding rules see only the fact with the assumption filled in.
        c.retract_fact(c.m)
        c.assert_fact(successor)

    return assume


def _warn_action(rule_id: str) -> Callable[[Any], None]:
    def warn(c: Any) -> None:
        c.s.fired = [*(c.s.fired or ()), rule_id]

    return warn


def _decide_action(rule_id: str) -> Callable[[Any], None]:
    def decide(c: Any) -> None:
        c.s.fired = [*(c.s.fired or ()), rule_id]
        if c.s.decided is None:
            c.s.decided = rule_id

    return decide
