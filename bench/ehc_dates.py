"""How well the EHC timeline reads families' dates: our patterns, and dateparser if installed.

The phrasings in tests/data/ehc_dates.jsonl were written by the developer of the patterns,
so that figure is not blind. `--set blind` reads tests/data/ehc_dates_blind.jsonl, written by
someone who never saw the patterns, and scores the step as well as the date; it is reported
once. dateparser is not a dependency; install it beside the project to compare
(`pip install dateparser`).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from datetime import date, datetime
from pathlib import Path

from assistant.ehc_message import read_ehc_message
from bench.report import machine_description, replace_section

ROOT = Path(__file__).resolve().parents[1]
PHRASINGS = ROOT / "tests" / "data" / "ehc_dates.jsonl"
BLIND = ROOT / "tests" / "data" / "ehc_dates_blind.jsonl"
REPORT = ROOT / "docs" / "benchmarks.md"
TODAY = date(2026, 12, 4)  # the day the phrasings were written against, a Friday


def _matches(expected: str | None, found: date | None, day_known: bool = True) -> bool:
    if expected is None or found is None:
        return expected is None and found is None
    if len(expected) == 7:  # only the month was given
        return found.isoformat()[:7] == expected and not day_known
    return found.isoformat() == expected


def ours(rows: list[dict]) -> tuple[int, float]:
    right, started = 0, time.perf_counter()
    for row in rows:
        message = read_ehc_message(row["text"], TODAY)
        found = message.when or message.future
        right += _matches(
            row["date"], found.value if found else None, found.day_known if found else True
        )
    return right, (time.perf_counter() - started) / len(rows) * 1000


def steps_right(rows: list[dict]) -> int:
    """Rows whose step is read as labelled ("none" when the message names no step)."""
    right = 0
    for row in rows:
        stage = read_ehc_message(row["text"], TODAY).stage
        right += (stage.value if stage else "none") == row["stage"]
    return right


def blind_report(rows: list[dict]) -> str:
    dates, ms = ours(rows)
    steps = steps_right(rows)
    both = sum(ours([row])[0] == 1 and steps_right([row]) == 1 for row in rows)
    return "\n".join(
        [
            f"Measured {date.today()} by `python -m bench.ehc_dates --set blind` on "
            f"{machine_description()}; Python {platform.python_version()}.",
            "",
            f"**Blind, reported once:** {len(rows)} messages in families' style, with the date "
            "and step each means on Friday 4 December 2026, written by someone who never saw "
            "the patterns (`tests/data/ehc_dates_blind.jsonl`).",
            "",
            "| figure | right | share |",
            "|---|---|---|",
            f"| date (or no date) | {dates}/{len(rows)} | {dates / len(rows):.2f} |",
            f"| step (or no step) | {steps}/{len(rows)} | {steps / len(rows):.2f} |",
            f"| both | {both}/{len(rows)} | {both / len(rows):.2f} |",
            "",
            f"{ms:.2f} ms per message.",
        ]
    )


def dateparser_search(rows: list[dict]) -> tuple[int, float] | None:
    """dateparser's own search of the whole message, first date found, past preferred."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    settings = {
        "RELATIVE_BASE": datetime.combine(TODAY, datetime.min.time()),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
    }
    right, started = 0, time.perf_counter()
    for row in rows:
        found = search_dates(row["text"], languages=["en"], settings=settings)
        first = found[0][1].date() if found else None
        # dateparser gives a day even for "in June", so a month alone counts if the month is right.
        expected = row["date"]
        if expected and len(expected) == 7 and first:
            right += first.isoformat()[:7] == expected
        else:
            right += _matches(expected, first)
    return right, (time.perf_counter() - started) / len(rows) * 1000


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["dev", "blind"], default="dev")
    if parser.parse_args().set == "blind":
        report = blind_report(read_rows(BLIND))
        print(report)
        replace_section(REPORT, "EHC timeline: reading dates, blind set", report)
        return
    rows = read_rows(PHRASINGS)
    lines = [
        f"Measured {date.today()} by `python -m bench.ehc_dates` on {machine_description()}; "
        f"Python {platform.python_version()}.",
        "",
        f"{len(rows)} phrasings of a date as families write them, in "
        "`tests/data/ehc_dates.jsonl`, each with the date it means on Friday 4 December 2026. "
        "**Not blind:** the same person wrote the phrasings and the patterns, and tuned the "
        "patterns on them.",
        "",
        "| reader | right | ms per message |",
        "|---|---|---|",
    ]
    right, ms = ours(rows)
    lines.append(f"| `assistant.ehc_message` | {right}/{len(rows)} | {ms:.2f} |")
    other = dateparser_search(rows)
    if other is not None:
        import dateparser

        right, ms = other
        lines.append(
            f"| dateparser {dateparser.__version__} `search_dates` | {right}/{len(rows)} | "
            f"{ms:.2f} |"
        )
        lines += [
            "",
            'dateparser reads "we" as Wednesday and "may we" as a date, and gives a day '
            'for "in June", which would turn a month into a deadline the family never gave; '
            "so it is not used.",
        ]
    print("\n".join(lines))
    replace_section(REPORT, "EHC timeline: reading dates", "\n".join(lines))


if __name__ == "__main__":
    main()
