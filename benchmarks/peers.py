"""ansvarsregler beside other rule engines, on the same goals in the same run.

Usage (from the repository root, with ``pip install '.[bench]'``)::

    python benchmarks/peers.py            # 100,000 goals; the peers slower than 100,000/s on 20,000
    python benchmarks/peers.py --quick    # a tenth of that

Every goal has all four facts stated, and every system makes the same decision:
the owner for the combination of facts. The table every peer runs is the one
ansvarsregler decides (all 126 stated combinations), so each peer's answers are
checked against ansvarsregler's before it is timed. Each figure is goals per
second, the median of three runs, and its ratio to ``classify_many``:

- the floor: a dict lookup on the tuple of facts, the least Python can do;
- zen-engine (GoRules, Rust), one decision table, both ways: ``engine.evaluate``
  with a loader, and ``decision.evaluate`` on the decision made once;
- rule-engine, one ``Rule`` per row, the first that matches;
- durable-rules, the engine ansvarsregler runs its rules in, two ways: the same table, one
  ``post`` per goal; and ansvarsregler's own rule set (assumptions chained into the four
  principles), one goal asserted in a session of its own, as ansvarsregler's evaluator runs
  each combination of facts the first time it meets it. The second is the work
  ``classify_many`` would do for every goal if it did not remember decisions, and the
  measure the performance issue gave (12,500 goals/s on its machine).
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import statistics
import time
from collections.abc import Callable

from ansvarsregler import Classifier, default_ruleset
from ansvarsregler.vocabulary import DEFINITE_VALUES, FACT_NAMES

Facts = tuple[str, ...]


def decision_table() -> dict[Facts, str]:
    """The owner ansvarsregler gives each combination of stated facts."""
    classifier = Classifier(default_ruleset(), suggest=False)
    table = {}
    for facts in itertools.product(*(DEFINITE_VALUES[name] for name in FACT_NAMES)):
        goal = {"id": "x", "title": "x", **dict(zip(FACT_NAMES, facts, strict=True))}
        table[facts] = classifier.classify(goal).owner or ""
    return table


def make_goals(count: int, seed: int = 2029) -> list[dict]:
    rnd = random.Random(seed)
    return [
        {
            "id": f"mal-{number}",
            "title": f"Mål nummer {number}",
            **{name: rnd.choice(DEFINITE_VALUES[name]) for name in FACT_NAMES},
        }
        for number in range(count)
    ]


def goals_per_second(run: Callable[[list[dict]], list[str]], goals: list[dict]) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run(goals)
        times.append(time.perf_counter() - start)
    return len(goals) / statistics.median(times)


def ansvarsregler_run() -> Callable[[list[dict]], list[str]]:
    classifier = Classifier(default_ruleset(), suggest=False)

    def run(goals: list[dict]) -> list[str]:
        return [result.owner or "" for result in classifier.classify_many(goals)]

    return run


def floor_run(table: dict[Facts, str]) -> Callable[[list[dict]], list[str]]:
    def run(goals: list[dict]) -> list[str]:
        return [table[tuple(goal[name] for name in FACT_NAMES)] for goal in goals]

    return run


def zen_runs(table: dict[Facts, str]) -> tuple[Callable, Callable]:
    import zen

    inputs = [{"id": name, "name": name, "field": name} for name in FACT_NAMES]
    rules = [
        {
            "_id": f"r{index}",
            **{name: json.dumps(value) for name, value in zip(FACT_NAMES, facts, strict=True)},
            "owner": json.dumps(owner),
        }
        for index, (facts, owner) in enumerate(table.items())
    ]
    content = json.dumps(
        {
            "contentType": "application/vnd.gorules.decision",
            "nodes": [
                {"id": "in", "type": "inputNode", "name": "in", "position": {"x": 0, "y": 0}},
                {
                    "id": "table",
                    "type": "decisionTableNode",
                    "name": "owner",
                    "position": {"x": 200, "y": 0},
                    "content": {
                        "hitPolicy": "first",
                        "inputs": inputs,
                        "outputs": [{"id": "owner", "name": "owner", "field": "owner"}],
                        "rules": rules,
                    },
                },
                {"id": "out", "type": "outputNode", "name": "out", "position": {"x": 400, "y": 0}},
            ],
            "edges": [
                {"id": "e1", "type": "edge", "sourceId": "in", "targetId": "table"},
                {"id": "e2", "type": "edge", "sourceId": "table", "targetId": "out"},
            ],
        }
    )
    engine = zen.ZenEngine({"loader": lambda key: content})
    decision = engine.create_decision(content)

    def by_engine(goals: list[dict]) -> list[str]:
        return [engine.evaluate("owner", goal)["result"]["owner"] for goal in goals]

    def by_decision(goals: list[dict]) -> list[str]:
        return [decision.evaluate(goal)["result"]["owner"] for goal in goals]

    return by_engine, by_decision


def rule_engine_run(table: dict[Facts, str]) -> Callable[[list[dict]], list[str]]:
    import rule_engine

    def expression(facts: Facts) -> str:
        pairs = zip(FACT_NAMES, facts, strict=True)
        return " and ".join(f"{name} == {json.dumps(value)}" for name, value in pairs)

    rules = [(rule_engine.Rule(expression(facts)), owner) for facts, owner in table.items()]

    def run(goals: list[dict]) -> list[str]:
        return [next(owner for rule, owner in rules if rule.matches(goal)) for goal in goals]

    return run


def durable_run(table: dict[Facts, str]) -> Callable[[list[dict]], list[str]]:
    from durable.lang import m, post, ruleset, when_all

    decided: list[str] = []
    name = f"peers{random.randrange(1 << 30)}"
    with ruleset(name):
        for facts, owner in table.items():
            condition = None
            for field, value in zip(FACT_NAMES, facts, strict=True):
                test = getattr(m, field) == value
                condition = test if condition is None else condition & test

            when_all(condition)(_appending(decided, owner))

    runs = itertools.count()

    def run(goals: list[dict]) -> list[str]:
        decided.clear()
        this_run = next(runs)  # durable-rules refuses an event it has seen: each gets an id
        for index, goal in enumerate(goals):
            event = {"id": f"{this_run}-{index}", **{field: goal[field] for field in FACT_NAMES}}
            post(name, event)
        return list(decided)

    return run


def durable_own_rules_run() -> Callable[[list[dict]], list[str]]:
    """ansvarsregler's own rule set in durable-rules, through its evaluator, one session per
    goal: nothing remembered between goals."""
    from ansvarsregler.engine.durable_evaluator import RuleEngine

    ruleset = default_ruleset()
    engine = RuleEngine(ruleset.rules, ruleset.hash)

    def owner(rule_id: str | None) -> str:
        decide = ruleset.rule(rule_id).decide if rule_id is not None else None
        return (decide.owner if decide is not None else None) or ""

    def run(goals: list[dict]) -> list[str]:
        return [
            owner(engine.run({name: goal[name] for name in FACT_NAMES}).decided_by)
            for goal in goals
        ]

    return run


def _appending(decided: list[str], owner: str) -> Callable[[object], None]:
    """An action that records ``owner`` (one argument only: durable-rules takes an action
    of two as asynchronous)."""

    def decide(_context: object) -> None:
        decided.append(owner)

    return decide


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the goals")
    args = parser.parse_args()
    count = 10_000 if args.quick else 100_000
    slow = count // 5
    table = decision_table()
    goals = make_goals(count)
    expected = ansvarsregler_run()(goals)
    runs: list[tuple[str, Callable[[list[dict]], list[str]], int]] = [
        ("**ansvarsregler `classify_many`**", ansvarsregler_run(), count),
        (
            "plain Python dict lookup on the fact tuple (the floor for Python)",
            floor_run(table),
            count,
        ),
    ]
    by_engine, by_decision = zen_runs(table)
    runs += [
        ("zen-engine, `engine.evaluate(key, goal)` with a loader", by_engine, slow),
        ("zen-engine, `decision.evaluate(goal)`", by_decision, slow),
        ("rule-engine, a `Rule` per row, the first that matches", rule_engine_run(table), slow),
        ("durable-rules, the same table, `post` per goal", durable_run(table), slow),
        (
            "durable-rules, ansvarsregler's own rules, a session per goal (nothing remembered)",
            durable_own_rules_run(),
            slow,
        ),
    ]
    measured = []
    for label, run, size in runs:
        sample = goals[:size]
        if run(sample) != expected[:size]:
            raise SystemExit(f"{label} decides otherwise than ansvarsregler")
        measured.append((label, goals_per_second(run, sample), size))
    ours = measured[0][1]
    print(
        f"Machine: {platform.machine()}, {platform.python_version()}, {platform.platform()}; "
        f"{len(table)} combinations; median of 3 runs\n"
    )
    print("| system | goals | goals/s | ratio to ansvarsregler |")
    print("|---|---|---|---|")
    for label, speed, size in measured:
        print(f"| {label} | {size:,} | {speed:,.0f} | {speed / ours:.2f}\N{MULTIPLICATION SIGN} |")


if __name__ == "__main__":
    main()
