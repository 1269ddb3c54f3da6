"""Urgent flags for officers: every unacknowledged one reachable, acknowledged with who and when."""

from __future__ import annotations

import pytest

from review.queue import QueueFilter, acknowledge, flag_items, queue_csv, urgent_flags
from storage.records import raise_flag


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'app.db'}"


def test_every_unacknowledged_flag_is_reachable_page_by_page(url):
    for n in range(45):
        raise_flag(url, f"conversation-{n}", f"disclosure {n}", "model", "call 999")
    first = urgent_flags(url, per_page=20)
    assert (first.total, first.pages) == (45, 3)
    seen = set()
    for page in range(1, 4):
        seen |= {flag.text for flag in urgent_flags(url, page=page, per_page=20).flags}
    assert seen == {f"disclosure {n}" for n in range(45)}
    assert first.flags[0].text == "disclosure 44"  # newest first


def test_an_acknowledged_flag_leaves_the_urgent_list_and_says_who_and_when(url):
    flag_id, _ = raise_flag(url, "c", "he hit me", "model", "call 999")
    assert acknowledge(url, flag_id, "amy")
    assert urgent_flags(url).total == 0
    [done] = urgent_flags(url, acknowledged=True).flags
    assert done.acknowledged_by == "amy" and done.acknowledged_at is not None
    assert not acknowledge(url, 999, "amy")


def test_flags_are_in_the_csv_export(url):
    raise_flag(url, "c", "=he hit me", "domestic_abuse: model", "call 999")
    csv = queue_csv(flag_items(url, QueueFilter()))
    assert "urgent" in csv and "'=he hit me" in csv  # formula cells neutralised
