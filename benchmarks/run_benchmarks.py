"""Measure ansvarsregler's throughput, wall time and memory; print a markdown table.

Usage (from the repository root, with the package installed)::

    python benchmarks/run_benchmarks.py            # every benchmark, as in the README
    python benchmarks/run_benchmarks.py --quick    # fewer repeats, 100,000 JSON Lines
    python benchmarks/run_benchmarks.py --evaluators   # only durable-rules beside Python
    python benchmarks/run_benchmarks.py --documents    # only the documents (report, agreements)

Each figure is the median of several runs. Goals are generated with a fixed
seed over every fact value (missing included), with an indicator and a
target, so the cache of engine decisions sees the whole input space.

The evaluator benchmarks run the same work in each evaluator that can run
here (durable-rules where it imports, and the Python one), chosen with
``ANSVARSREGLER_EVALUATOR``; the other benchmarks use the automatic choice.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import yaml
from openpyxl import Workbook

from ansvarsregler import Classifier, default_ruleset
from ansvarsregler.cli.second_process import PROCESSES_VARIABLE
from ansvarsregler.engine import ENVIRONMENT_VARIABLE, evaluator
from ansvarsregler.engine.decisions import DecisionCache, every_fact_combination
from ansvarsregler.errors import EngineError
from ansvarsregler.municipality.leadership import LEADER_FACT_NAMES, LeadershipCache
from ansvarsregler.vocabulary import DEFINITE_VALUES, FACT_NAMES, FACT_VALUES, LEADER_FACT_VALUES

TIMES = "\N{MULTIPLICATION SIGN}"
#: Draft goal titles a planner might type (words the indicator rules read, and words they do not).
DRAFT_TITLES = (
    "Øke barnehagedekningen til 98 %",
    "Redusere sykefraværet ved Solbakken skole",
    "Bedre resultater på nasjonale prøver i alle skolene",
    "Økt brukertilfredshet i hjemmetjenesten",
    "Bygge ny flerbrukshall på Moen",
    "Antall arbeidsplasser i kommunen skal øke",
    "Saksbehandlingstid for byggesaker under tre uker",
    "Netto driftsresultat på minst 1,75 % for kommunen samlet",
    "Økt brukertilfredshet med åpningstidene",
    "Bedre samarbeid med frivillige lag",
)
#: Spreadsheet columns as a budget system exports them: Norwegian headers, some facts.
SHEET_HEADERS = (
    "Mål",
    "Beskrivelse",
    "Tjenesteområde",
    "KOSTRA-funksjon",
    "Måltype",
    "Budsjettnivå",
    "Ansvarlig",
    "Merknad",
)
NORWEGIAN_TYPES = ("", "", "", "kapasitet", "tjenestekvalitet", "medarbeider", "samfunnsmål")
NORWEGIAN_FRAMES = ("", "", "enhet", "sektor", "kommune")


def generate_rows(count: int, seed: int = 2027) -> list[list[str]]:
    """Spreadsheet rows of draft goals; every title is unique (no cache helps)."""
    rnd = random.Random(seed)
    return [
        [
            f"{rnd.choice(DRAFT_TITLES)} (tiltak {number})",
            rnd.choice(("", "Innenfor vedtatt ramme.", "Krever to nye stillinger.")),
            rnd.choice(("skole", "barnehage", "helse og omsorg", "teknisk")),
            rnd.choice(("201", "202", "253", "")),
            rnd.choice(NORWEGIAN_TYPES),
            rnd.choice(NORWEGIAN_FRAMES),
            rnd.choice(("Kari Nordmann", "Ola Nordmann")),
            "=SUM(A1:A2)" if number % 1000 == 0 else "",
        ]
        for number in range(count)
    ]


def write_csv_sheet(path: Path, rows: list[list[str]]) -> None:
    """Semicolon-separated Windows-1252, as Norwegian Excel saves it."""
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(SHEET_HEADERS)
        writer.writerows(rows)


def write_xlsx_sheet(path: Path, rows: list[list[str]]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Mål 2027")
    sheet.append(SHEET_HEADERS)
    for row in rows:
        sheet.append([int(cell) if cell.isdigit() else cell or None for cell in row])
    workbook.save(path)


def generate_goals(count: int, seed: int = 2026) -> list[dict]:
    rnd = random.Random(seed)
    goals = []
    for number in range(count):
        goal = {
            "id": f"mal-{number}",
            "title": f"Mål nummer {number} for tjenesten",
            "service_area": rnd.choice(["skole", "barnehage", "helse og omsorg", "teknisk"]),
            "kostra_function": rnd.choice(["201", "202", "253", "258", "370", "345"]),
            "indicator": "andel",
            "target": f"{rnd.randint(1, 100)} %",
        }
        for fact, values in FACT_VALUES.items():
            value = rnd.choice((*values, None))
            if value is not None:
                goal[fact] = value
        goals.append(goal)
    return goals


#: Real draft-goal titles: the development part of the corpus and the labelled set.
TITLE_FILES = ("korpus/utvikling.yaml", "tests/intake/utkast.yaml")
UNITS = ("Solbakken", "Haugen", "Moen", "Sentrum", "Bakke", "Lia", "Nordby", "Vik")


def generate_drafts(count: int, seed: int = 2028) -> list[dict]:
    """Draft goals with varied realistic titles (about a quarter distinct): real titles, each
    under its own service area where the document gave one, half of them for a named unit,
    some with a year; half of the facts stated."""
    root = Path(__file__).parent.parent
    titles = [
        (goal["title"], goal.get("service_area"))
        for name in TITLE_FILES
        for goal in yaml.safe_load((root / name).read_text(encoding="utf-8"))["goals"]
    ]
    rnd = random.Random(seed)
    goals = []
    for number in range(count):
        title, area = rnd.choice(titles)
        if rnd.random() < 0.5:
            title = f"{title} ved {rnd.choice(UNITS)} skole"
        if rnd.random() < 0.3:
            title = f"{title} innen {rnd.randint(2026, 2035)}"
        goal = {"id": f"utkast-{number}", "title": title}
        if area:
            goal["service_area"] = area
        for fact, values in FACT_VALUES.items():
            if rnd.random() < 0.5:
                goal[fact] = rnd.choice(values)
        goals.append(goal)
    return goals


def median_seconds(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


#: Starts a command and writes its peak resident memory (KB) to the file named first, with
#: the largest sum of the proportional set sizes (PSS, KB) of it and the processes it started,
#: sampled every 20 ms: ``ansvar classify`` shares a large run with a second process
#: (cli/second_process.py), and PSS counts the pages they share once. It runs as a small
#: process of its own, because a child's peak counts the memory of the process it was started
#: from (the pages it shared until it exec'd): started from this script, which holds 100,000
#: generated goals, every command would seem to need this script's size.
PEAK_LAUNCHER = """
import os, sys, threading
def tree(pid):
    found, todo = [], [pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    todo += map(int, children.read().split())
        except OSError:
            pass
    return found
def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0
def sample():
    global together
    while not stopped.wait(0.02):
        together = max(together, sum(map(pss, tree(pid))))
together, stopped = 0, threading.Event()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
sampler = threading.Thread(target=sample)
sampler.start()
_, status, usage = os.wait4(pid, 0)  # waiting here, the wall time is the command's own
stopped.set()
sampler.join()
with open(sys.argv[1], "w") as report:
    report.write(f"{usage.ru_maxrss} {together}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


class Measured(NamedTuple):
    wall: float
    """Seconds, start to end."""
    peak: int
    """The command's own peak resident memory, MB."""
    together: int
    """The largest memory of the command and the processes it started, together (PSS), MB."""


def run_measured(
    command: list[str], stdout_path: Path | None = None, env: dict[str, str] | None = None
) -> Measured:
    """Run ``command``; return how long it took and how much memory it needed."""
    executable = shutil.which(command[0]) or command[0]
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        launcher = [sys.executable, "-S", "-c", PEAK_LAUNCHER, str(peak_file), executable]
        with open(stdout_path or os.devnull, "wb") as out:
            start = time.perf_counter()
            done = subprocess.run(
                [*launcher, *command[1:]], stdout=out, stderr=subprocess.PIPE, env=env
            )
            wall = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()}")
        peak, together = map(int, peak_file.read_text().split())
        return Measured(wall, peak // 1024, together // 1024)


def available_evaluators() -> list[str]:
    """The evaluators that can run here, as ``ANSVARSREGLER_EVALUATOR`` names them."""
    names = []
    for name in ("durable-rules", "python"):
        os.environ[ENVIRONMENT_VARIABLE] = name
        try:
            evaluator()
        except EngineError:
            continue
        finally:
            del os.environ[ENVIRONMENT_VARIABLE]
        names.append(name)
    return names


def evaluator_rows(ansvar: str, repeats: int) -> list[tuple[str, str, str]]:
    """The same work in each evaluator: every combination decided cold, and the CLI."""
    ruleset = default_ruleset()
    keys = list(every_fact_combination())
    leader_keys = [
        dict(zip(LEADER_FACT_NAMES, values, strict=True))
        for values in itertools.product(*(LEADER_FACT_VALUES[n] for n in LEADER_FACT_NAMES))
    ]

    def decide_all() -> None:
        cache = DecisionCache(ruleset)  # cold: every combination runs through the engine
        for key in keys:
            cache.outcome(key)

    def warn_all() -> None:
        cache = LeadershipCache(ruleset)
        for facts in leader_keys:
            cache.fired(facts)

    rows = []
    for name in available_evaluators():
        os.environ[ENVIRONMENT_VARIABLE] = name
        try:
            label = str(evaluator())
            DecisionCache(ruleset)  # durable-rules registers the rules once per process
            LeadershipCache(ruleset)
            decide = median_seconds(decide_all, repeats)
            warn = median_seconds(warn_all, max(1, repeats // 2))
            env = {**os.environ}
            check = [run_measured([ansvar, "check"], env=env)[0] for _ in range(repeats)]
            catalog = [
                run_measured([ansvar, "classify", "--format", "json"], env=env)[0]
                for _ in range(repeats)
            ]
        finally:
            del os.environ[ENVIRONMENT_VARIABLE]
        rows += [
            (
                f"{label}: decide all {len(keys)} combinations (cold DecisionCache)",
                f"{decide * 1000:.1f} ms ({decide / len(keys) * 1e6:.0f} µs a run)",
                "-",
            ),
            (
                f"{label}: leadership rules, all {len(leader_keys):,} combinations (cold)",
                f"{warn:.2f} s ({warn / len(leader_keys) * 1e6:.0f} µs a run)",
                "-",
            ),
            (f"{label}: `ansvar check`", f"{statistics.median(check):.2f} s", "< 2 s"),
            (
                f"{label}: `ansvar classify` of the built-in catalog, cold start",
                f"{statistics.median(catalog):.2f} s",
                "≤ 1 s",
            ),
        ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller JSON Lines")
    parser.add_argument(
        "--evaluators", action="store_true", help="only the evaluator benchmarks, in each evaluator"
    )
    parser.add_argument(
        "--documents", action="store_true", help="only the documents: report and agreements"
    )
    args = parser.parse_args()
    repeats = 3 if args.quick else 5
    jsonl_count = 100_000 if args.quick else 1_000_000
    ansvar = shutil.which("ansvar") or sys.exit("install the package first: pip install .")
    if args.evaluators:
        print_table(evaluator_rows(ansvar, repeats), repeats)
        return
    if args.documents:
        print_table(document_rows(ansvar, repeats), repeats)
        return
    rows: list[tuple[str, str, str]] = []

    rows += library_rows(repeats)
    goals = generate_goals(100_000)

    drafts = generate_drafts(100_000)
    distinct = len({goal["title"] for goal in drafts})
    what = f"100,000 drafts, {distinct:,} distinct real titles, half the facts missing"
    first = []
    for _ in range(repeats):  # a fresh classifier: every title is read for the first time
        classifier = Classifier(default_ruleset())
        start = time.perf_counter()
        sum(1 for _ in classifier.classify_many(drafts))
        first.append(time.perf_counter() - start)
    seconds = median_seconds(lambda: sum(1 for _ in classifier.classify_many(drafts)), repeats)
    rows.append(
        (
            f"library: classify_many, {what}, words read, first pass",
            f"{len(drafts) / statistics.median(first):,.0f} goals/s",
            "≥ 100,000 goals/s",
        )
    )
    rows.append(
        (
            "library: classify_many, the same drafts again (titles read before)",
            f"{len(drafts) / seconds:,.0f} goals/s",
            "≥ 100,000 goals/s",
        )
    )

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        json_in = work / "goals.json"
        json_in.write_text(json.dumps(goals, ensure_ascii=False), encoding="utf-8")
        command = [ansvar, "classify", str(json_in), "--format", "json"]
        alone = {**os.environ, PROCESSES_VARIABLE: "1"}
        walls = [run_measured(command, work / "out.json").wall for _ in range(repeats)]
        walls_alone = [run_measured(command, work / "out.json", alone).wall for _ in range(repeats)]
        floor, warm = json_floor(json_in, work / "out.json", repeats)
        wall, wall_alone = statistics.median(walls), statistics.median(walls_alone)
        rows.append(
            (
                "CLI: 100,000 goals, JSON in, JSON out (a whole process, sharing the goals with "
                "a second; and alone), and the floor: `json.loads` of the input and "
                "`json.dumps` of the same output, in a fresh process (and in one that has done "
                "it before)",
                f"{wall:.2f} s, {wall / floor:.2f}{TIMES} the floor; alone {wall_alone:.2f} s, "
                f"{wall_alone / floor:.2f}{TIMES}; floor {floor:.2f} s ({warm:.2f} s)",
                f"≤ 1.3{TIMES} the floor",
            )
        )

        jsonl_in = work / "goals.jsonl"
        with jsonl_in.open("w", encoding="utf-8") as handle:
            for start in range(0, jsonl_count, 100_000):
                for goal in generate_goals(100_000, seed=start):
                    goal["id"] = f"{goal['id']}-{start}"
                    handle.write(json.dumps(goal, ensure_ascii=False) + "\n")
        measured = run_measured(
            [ansvar, "classify", str(jsonl_in), "--format", "jsonl"], work / "out.jsonl"
        )
        lines = sum(1 for _ in (work / "out.jsonl").open(encoding="utf-8"))
        rows.append(
            (
                f"CLI: {jsonl_count:,} goals, JSON Lines in and out (one pass), and the peak "
                "memory of both processes together (the first's own)",
                f"{measured.wall:.1f} s, peak {measured.together} MB ({measured.peak} MB; "
                f"{lines:,} lines out)",
                "≤ 25 s, peak < 100 MB" if jsonl_count == 1_000_000 else "peak < 100 MB",
            )
        )

        sheets = (
            (write_csv_sheet, 100_000, "csv", "CSV in (Windows-1252, ;), CSV out", "≤ 10 s"),
            (write_xlsx_sheet, 10_000, "xlsx", "XLSX in, working XLSX out", "≤ 10 s"),
        )
        for write_sheet, count, suffix, formats, target in sheets:
            sheet_in, sheet_out = work / f"utkast.{suffix}", work / f"ut.{suffix}"
            write_sheet(sheet_in, generate_rows(count))
            command = [ansvar, "classify", str(sheet_in), "-o", str(sheet_out)]
            measured = [run_measured(command) for _ in range(repeats)]
            rows.append(
                (
                    f"CLI: {count:,} draft goals, {formats} with every column",
                    f"{statistics.median(m[0] for m in measured):.2f} s, "
                    f"peak {max(m[1] for m in measured)} MB",
                    target,
                )
            )
        # The round trip: the working sheet just written, read again (its fact and source
        # columns, comments and drop-downs) and written as the next working sheet.
        again = [ansvar, "classify", str(work / "ut.xlsx"), "-o", str(work / "neste.xlsx")]
        measured = [run_measured(again) for _ in range(repeats)]
        rows.append(
            (
                "CLI: the 10,000-goal working XLSX read again, the next working XLSX out",
                f"{statistics.median(m[0] for m in measured):.2f} s, "
                f"peak {max(m[1] for m in measured)} MB",
                "≤ 10 s",
            )
        )

    cold = [run_measured([ansvar, "classify", "--format", "json"])[0] for _ in range(repeats)]
    rows.append(
        ("CLI: built-in catalog, cold start", f"{statistics.median(cold):.2f} s", "≤ 0.35 s")
    )
    helped = [run_measured([ansvar, "--help"])[0] for _ in range(repeats)]
    rows.append(
        ("CLI: `ansvar --help`, cold start", f"{statistics.median(helped):.2f} s", "≤ 0.2 s")
    )
    checks = [run_measured([ansvar, "check"])[0] for _ in range(repeats)]
    rows.append(
        (
            "`ansvar check` of the shipped rules (every fact combination, every rule test)",
            f"{statistics.median(checks):.2f} s",
            "< 2 s",
        )
    )
    rows += document_rows(ansvar, repeats)
    rows += evaluator_rows(ansvar, repeats)
    print_table(rows, repeats)


#: The floor (goals/s) on the day the performance issue set the library's targets.
ISSUE_FLOOR = 1_860_000


def library_rows(repeats: int) -> list[tuple[str, str, str]]:
    """``classify_many`` on 100,000 goals beside the floor for Python (a dict lookup on the
    tuple of facts, as in ``peers.py``) in the same run. The targets are the issue's goals/s;
    each is also shown as a ratio to the floor of the day the issue set them
    (:data:`ISSUE_FLOOR`), a second view when the machine runs faster or slower than then."""
    rnd = random.Random(2030)
    stated = [
        {
            "id": f"mal-{number}",
            "title": f"Mål nummer {number}",
            **{name: rnd.choice(DEFINITE_VALUES[name]) for name in FACT_NAMES},
        }
        for number in range(100_000)
    ]
    partly = [
        {key: value for key, value in goal.items() if key in ("id", "title") or rnd.random() < 0.6}
        for goal in stated
    ]
    table: dict[tuple[str | None, ...], str] = {}

    def floor(goals: list[dict]) -> None:
        for goal in goals:
            table.get(tuple(goal.get(name) for name in FACT_NAMES))

    floor_seconds = median_seconds(lambda: floor(stated), repeats)
    rows = [
        (
            "library: the floor, a dict lookup on the tuple of facts, 100,000 goals",
            f"{len(stated) / floor_seconds:,.0f} goals/s",
            "-",
        )
    ]
    cases = (
        ("every fact stated", stated, True, 250_000),
        ("facts partly missing, facts only (suggest=False)", partly, False, 200_000),
        ("facts partly missing, words read (the default)", partly, True, 200_000),
    )
    for what, goals, suggest, target in cases:
        classifier = Classifier(default_ruleset(), suggest=suggest)
        list(classifier.classify_many(goals[:1000]))  # every fact combination decided once
        seconds = median_seconds(
            lambda c=classifier, g=goals: sum(1 for _ in c.classify_many(g)), repeats
        )
        rows.append(
            (
                f"library: classify_many, 100,000 goals, {what}",
                f"{len(goals) / seconds:,.0f} goals/s; "
                f"{seconds / floor_seconds:.1f}{TIMES} the floor",
                f"≥ {target:,} goals/s (≤ {ISSUE_FLOOR / target:.1f}{TIMES} the floor)",
            )
        )
    return rows


#: The floor's work in a process of its own: the CLI's output parsed first (untimed), then,
#: twice, the input read and parsed and the output serialised and written; prints the
#: seconds of each round on a line.
JSON_FLOOR = """
import json, sys, time
json_in, json_out, floor_out = sys.argv[1:]
with open(json_out, encoding="utf-8") as handle:
    output = json.load(handle)
for _ in range(2):
    start = time.perf_counter()
    with open(json_in, encoding="utf-8") as handle:
        json.loads(handle.read())
    text = json.dumps(output, ensure_ascii=False, separators=(",", ":"))
    with open(floor_out, "w", encoding="utf-8") as handle:
        handle.write(text)
    del text
    print(time.perf_counter() - start)
"""


def json_floor(json_in: Path, json_out: Path, repeats: int) -> tuple[float, float]:
    """What Python's own ``json`` needs for the same bytes: read and parse the input, and
    serialise and write the output the CLI wrote (its objects parsed beforehand).

    Returns the median of a fresh process's first round, as the CLI runs, and of its second.
    The second is faster because the memory for the output's text is already the process's
    own: it is shown, but the CLI is held to the first.
    """
    floor_out = json_out.with_suffix(".floor")
    arguments = [sys.executable, "-c", JSON_FLOOR, str(json_in), str(json_out), str(floor_out)]
    firsts, seconds = [], []
    for _ in range(repeats):
        done = subprocess.run(arguments, check=True, capture_output=True, text=True)
        first, second = map(float, done.stdout.split())
        firsts.append(first)
        seconds.append(second)
    return statistics.median(firsts), statistics.median(seconds)


def unit_goals(units: int, per_unit: int = 4) -> list[dict]:
    """Goals a unit leader owns (every fact stated), ``per_unit`` for each of ``units`` units."""
    titles = (
        "Elevene skal trives på skolen",
        "Sykefraværet skal under 6 %",
        "Brukerne skal være fornøyd med tjenesten",
        "Enheten skal holde budsjettrammen",
    )
    areas = ("skole", "barnehage", "helse og omsorg", "kultur")
    facts = {
        "goal_type": "service_quality",
        "influence": "partial",
        "budget_impact": "within_budget",
        "budget_frame": "unit",
    }
    return [
        {
            "id": f"enhet-{unit}-{number}",
            "title": titles[number % 4],
            "service_area": areas[unit % 4],
            "unit": f"Enhet {unit:03}",
            **facts,
            "indicator": "Andel",
            "target": "minst 80 %",
        }
        for unit in range(units)
        for number in range(per_unit)
    ]


def document_rows(ansvar: str, repeats: int) -> list[tuple[str, str, str]]:
    """The council document of 1,000 draft goals (their 227 service areas and the chart
    included) as DOCX, and 300 leader agreements as DOCX, each a whole command."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        drafts = work / "utkast.json"
        drafts.write_text(json.dumps(generate_drafts(1000), ensure_ascii=False), encoding="utf-8")
        command = [ansvar, "report", str(drafts), "-o", str(work / "rapport.docx")]
        measured = [run_measured(command) for _ in range(repeats)]
        rows.append(
            (
                "CLI: council document (`ansvar report`), 1,000 draft goals, DOCX with the chart",
                f"{statistics.median(m[0] for m in measured):.2f} s, "
                f"peak {max(m[1] for m in measured)} MB",
                "≤ 5 s",
            )
        )
        units = work / "enheter.json"
        units.write_text(json.dumps(unit_goals(300), ensure_ascii=False), encoding="utf-8")
        command = [
            ansvar,
            "lederavtaler",
            str(units),
            "--profile",
            "verran",
            "-o",
            str(work / "avtaler"),
        ]
        measured = [run_measured(command) for _ in range(repeats)]
        rows.append(
            (
                "CLI: 300 leader agreements (`ansvar lederavtaler`, 1,200 goals), DOCX",
                f"{statistics.median(m[0] for m in measured):.2f} s, "
                f"peak {max(m[1] for m in measured)} MB",
                "≤ 10 s",
            )
        )
    return rows


def print_table(rows: list[tuple[str, str, str]], repeats: int) -> None:
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}; median of {repeats} runs "
        "(JSON Lines: one run)\n"
    )
    print("| benchmark | result | target |\n|---|---|---|")
    for name, result, target in rows:
        print(f"| {name} | {result} | {target} |")


if __name__ == "__main__":
    main()
