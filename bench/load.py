"""Fifty simulated families chatting at once for a minute, against the whole stack.

    python -m bench.load [--backend embedded|postgres] [--users 50] [--seconds 60]

Starts the action server and Rasa (as the tests do) and the api as its own process, runs
locust headless against /api/chat, samples each process's resident memory every second,
and writes the figures to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.report import machine_description, replace_section  # noqa: E402
from core.config import PROJECT_ROOT  # noqa: E402
from indexer.build import build_index  # noqa: E402
from tests.stack import free_port, start_stack, wait_until_up  # noqa: E402


def resident_mib(pid: int) -> float:
    """Resident memory of a process and its children, in MiB."""
    total = 0
    for process in [pid] + _children(pid):
        try:
            for line in Path(f"/proc/{process}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found] + [g for c in found for g in _children(int(c))]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--backend", choices=["embedded", "postgres"], default="embedded")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--think",
        nargs=2,
        type=float,
        default=[8, 20],
        metavar=("MIN", "MAX"),
        help="seconds a family takes between messages (default 8 20)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        build_index(PROJECT_ROOT / "knowledge", workdir / "index", progress=False)
        stack = start_stack(workdir / "index", workdir, backend=args.backend)
        port = free_port()
        api_env = {
            **stack.action_env,
            "LOCALOFFER_RASA_URL": stack.rasa_url,
            # Fifty families behind one test address: the per-address limits would refuse them.
            "LOCALOFFER_RATE_LIMIT_PER_ADDRESS": "1000000",
            "LOCALOFFER_NEW_SESSIONS_PER_ADDRESS": "1000000",
        }
        api_log = workdir / "api.log"
        api = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.main:app", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=api_env,
            stdout=api_log.open("w"),
            stderr=subprocess.STDOUT,
        )
        processes = {
            "api": api.pid,
            "Rasa server": stack.processes["rasa"].pid,
            "action server": stack.processes["actions"].pid,
        }
        peaks = dict.fromkeys(processes, 0.0)
        done = threading.Event()

        def sample():
            while not done.wait(1):
                for name, pid in processes.items():
                    peaks[name] = max(peaks[name], resident_mib(pid))

        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz", api, api_log, 60)
            before = {name: resident_mib(pid) for name, pid in processes.items()}
            threading.Thread(target=sample, daemon=True).start()
            prefix = workdir / "load"
            think = " ".join(f"{value:g}" for value in args.think)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(PROJECT_ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "-u",
                    str(args.users),
                    "-r",
                    "10",
                    "-t",
                    f"{args.seconds}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                ],
                cwd=PROJECT_ROOT,
                check=False,
                env={**os.environ, "LOCALOFFER_BENCH_THINK": think},
            )
            done.set()
            with open(f"{prefix}_stats.csv") as handle:
                rows = {row["Name"]: row for row in csv.DictReader(handle)}
        finally:
            done.set()
            api.terminate()
            api.wait(timeout=30)
            stack.stop()

    total = rows["Aggregated"]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `python -m bench.load --backend {args.backend}` "
        f"on {machine_description()}: {args.users} simulated families (locust, each taking "
        f"{args.think[0]:g}-{args.think[1]:g} s between messages) for {args.seconds} s against "
        "`/api/chat`, all three processes and locust on this machine. A reply that is the "
        "api's apology (no answer within 8 s) counts as a failure.",
        "",
        "| Requests | Failures | Requests/s | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|---|",
        f"| {total['Request Count']} | {total['Failure Count']} | "
        f"{float(total['Requests/s']):.1f} | {total['50%']} | {total['95%']} | "
        f"{float(total['Max Response Time']):.0f} |",
        "",
        "| Process | Resident memory before (MiB) | Peak under load (MiB) |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {before[name]:.0f} | {peaks[name]:.0f} |" for name in processes]
    for name, row in rows.items():
        if name != "Aggregated":
            lines.append(
                f"\n`{name}`: p50 {row['50%']} ms, p95 {row['95%']} ms, "
                f"{row['Request Count']} requests, {row['Failure Count']} failures."
            )
    section = "\n".join(lines)
    print(section)
    backend = "PostgreSQL + Redis" if args.backend == "postgres" else "SQLite, in memory"
    title = f"Load: {args.users} families, {args.think[0]:g}-{args.think[1]:g} s apart ({backend})"
    replace_section(PROJECT_ROOT / "docs" / "benchmarks.md", title, section)


if __name__ == "__main__":
    main()
