"""Every CSV export is safe to open in a spreadsheet: no cell starts a formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from review.gaps import GapRow, gaps_csv
from review.publication import Entry, as_csv
from review.queue import QueueItem, queue_csv
from review.spreadsheet import safe_cell

DANGEROUS = ['=HYPERLINK("http://x")', "+44 113", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_cell_that_would_start_a_formula_gets_a_leading_quote(value):
    assert safe_cell(value) == "'" + value


def test_ordinary_cells_and_numbers_are_left_as_they_are():
    assert safe_cell("swimming in Kelby") == "swimming in Kelby"
    assert safe_cell(3) == "3" and safe_cell(None) == ""


def test_the_queue_export_neutralises_every_text_cell():
    item = QueueItem(
        kind="question",
        id=1,
        created_at=datetime(2026, 1, 5, tzinfo=UTC),
        text="\t=1+1",
        reply="-reply",
        context=[],
        candidates=[],
        status="new",
        note="@note",
        theme="+theme",
        rating="",
    )
    exported = cells(queue_csv([item]))
    assert {"'\t=1+1", "'-reply", "'@note", "'+theme"} <= set(exported)


def test_the_gaps_export_neutralises_every_cell():
    row = GapRow("=need", "+town", "-category", "@activity", 2, 1, 0)
    assert cells(gaps_csv([row]))[-7:-3] == ["'=need", "'+town", "'-category", "'@activity"]


def test_the_you_said_we_did_export_neutralises_every_cell():
    entry = Entry(you_said="=IMPORTXML(A1)", we_did="\rcmd|' /C calc'!A0", families=3)
    assert cells(as_csv([entry]))[-3:] == ["'=IMPORTXML(A1)", "'\rcmd|' /C calc'!A0", "3"]
