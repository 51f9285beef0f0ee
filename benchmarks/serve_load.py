"""Load on ``ansvar serve``: concurrent clients posting goals, one worker and two.

Usage (from the repository root, with the package installed)::

    python benchmarks/serve_load.py                 # 20 clients, 1,000 goals a request, 60 s
    python benchmarks/serve_load.py --seconds 10    # shorter
    python benchmarks/serve_load.py --workers 1 --seconds 1 --hostile 5   # memory under abuse

For each number of workers it starts ``ansvar serve`` on a free port, times how long until
``/healthz`` answers, lets the clients post for the given time, and prints requests/s,
goals/s, the median and 99th-percentile latency, the errors, and the server's memory (all its
processes) at the start and at the end. A markdown table, with the machine named.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from run_benchmarks import generate_drafts  # the same real draft goals


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children, in MB (Linux /proc)."""
    total, pids = 0, [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        rss = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        total += int(rss.split()[1])
        pids += [int(child) for child in children]
    return total / 1024


@contextlib.contextmanager
def started(workers: int) -> Iterator[tuple[str, subprocess.Popen[bytes], float]]:
    """``ansvar serve`` on a free port: its address, its process, and the seconds until
    ``/healthz`` answered; stopped when the block ends."""
    port = free_port()
    begin = time.perf_counter()
    server = subprocess.Popen(
        [
            shutil.which("ansvar") or "ansvar",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.02)
        yield url, server, time.perf_counter() - begin
    finally:
        server.terminate()
        server.wait(timeout=30)


def run(workers: int, clients: int, goals_per_request: int, seconds: float) -> list[str]:
    with started(workers) as (url, server, startup):
        goals = generate_drafts(goals_per_request)
        for index, goal in enumerate(goals):
            goal["id"] = f"m{index}"
        httpx.post(f"{url}/api/classify", json=goals, timeout=60)  # warm the caches once
        memory_start = memory_mb(server.pid)
        latencies: list[float] = []
        errors = 0
        lock = threading.Lock()
        stop = time.perf_counter() + seconds

        def client() -> None:
            nonlocal errors
            with httpx.Client(timeout=120) as session:
                while time.perf_counter() < stop:
                    begin = time.perf_counter()
                    response = session.post(f"{url}/api/classify", json=goals)
                    took = time.perf_counter() - begin
                    with lock:
                        latencies.append(took)
                        errors += response.status_code != 200

        threads = [threading.Thread(target=client) for _ in range(clients)]
        begin = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - begin
        memory_end = memory_mb(server.pid)
    latencies.sort()
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]
    return [
        str(workers),
        f"{startup:.2f} s",
        f"{len(latencies) / wall:.1f}",
        f"{len(latencies) * goals_per_request / wall:,.0f}",
        f"{statistics.median(latencies):.2f} s",
        f"{p99:.2f} s",
        str(errors),
        f"{memory_start:.0f} → {memory_end:.0f} MB",
    ]


def hostile_memory(rounds: int) -> str:
    """The server's memory before and after ``rounds`` of hostile requests (each refused with
    a 4xx), and whether it still answers."""
    import json

    bodies = [
        json.dumps([{"id": "a", "title": "x" * 10_000_000}]).encode(),  # a 10 MB title
        json.dumps([{"id": "a", "title": "x" * 11_000_000}]).encode(),  # an 11 MB body
        json.dumps([{"id": str(i), "title": "x"} for i in range(100_000)]).encode(),
        b"[" * 100_000 + b"]" * 100_000,  # deep nesting
        bytes(range(256)) * 4000,  # binary junk
    ]
    with started(1) as (url, server, _):
        before = memory_mb(server.pid)
        statuses = set()
        for _ in range(rounds):
            for body in bodies:
                response = httpx.post(
                    f"{url}/api/classify",
                    content=body,
                    headers={"content-type": "application/json"},
                    timeout=120,
                )
                statuses.add(response.status_code)
        after = memory_mb(server.pid)
        alive = httpx.get(f"{url}/healthz", timeout=5).status_code == 200
    return (
        f"{rounds} rounds of {len(bodies)} hostile bodies (a 10 MB title, an 11 MB body, "
        f"100,000 goals, deep nesting, binary junk): answers {sorted(statuses)}, memory "
        f"{before:.0f} → {after:.0f} MB, still serving: {alive}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--goals", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--hostile", type=int, default=0, help="Also: this many rounds of hostile requests."
    )
    args = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}; {args.clients} clients posting "
        f"{args.goals:,} draft goals each, for {args.seconds:.0f} s\n"
    )
    print(
        "| workers | start-up | requests/s | goals/s | latency p50 | latency p99 | errors "
        "| memory, start → end |\n|---|---|---|---|---|---|---|---|"
    )
    for workers in args.workers:
        print("| " + " | ".join(run(workers, args.clients, args.goals, args.seconds)) + " |")
    if args.hostile:
        print(f"\n{hostile_memory(args.hostile)}")


if __name__ == "__main__":
    main()
