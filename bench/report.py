"""Shared by the benchmark scripts: where they ran, and writing their section of the report."""

from __future__ import annotations

import os
import re
from pathlib import Path

HEADER = (
    "# Benchmarks\n\n"
    "Every figure here is written by a script under `bench/` (run `make bench`); "
    "nothing is typed in by hand. Each section names its machine and date.\n"
)


def machine_description() -> str:
    """CPU model, cores and memory of this machine, in one phrase."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kilobytes = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kilobytes / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, no GPU"


def replace_section(path: Path, title: str, body: str) -> None:
    """Put `body` under `## title` in the report, replacing that section only."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    block = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: block + "\n", text).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
