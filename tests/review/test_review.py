"""Themes, the gap report, the dashboard, 'You said, we did' and retention, on a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from indexer.council import load_council
from indexer.oruk import load_directory
from review.dashboard import weekly
from review.gaps import Provision, gap_report
from review.publication import as_markdown, entries
from review.queue import QueueFilter, mark, queue_items
from review.themes import match_themes, recompute_themes, theme_name
from storage.database import session_scope
from storage.models import Enquiry, Feedback, UnansweredQuestion
from storage.records import record_enquiry, record_feedback, record_unanswered
from storage.retention import purge
from tests.paths import KNOWLEDGE


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'app.db'}"


@pytest.fixture(scope="module")
def provision():
    council = load_council(KNOWLEDGE)
    return Provision(load_directory(KNOWLEDGE / "directory").services, council.towns, council.name)


@pytest.mark.slow
def test_questions_that_mean_the_same_share_a_named_theme(url):
    swimming = {"need": ["autism"], "town": ["Kelby"], "activity": ["swimming"]}
    for text in (
        "autism friendly swimming in Kelby?",
        "is there a quiet swimming session for autistic children in Kelby",
        "swimming lessons for my autistic son near Kelby",
    ):
        record_unanswered(url, "c", text, "find_service", [], [], facets=swimming)
    record_unanswered(url, "c", "how do I renew a blue badge for parking", "x", [], [])
    found = recompute_themes(url, threshold=0.55)
    assert found[0].size == 3 and found[0].name == "Swimming · Autism · Kelby"
    assert sum(theme.size for theme in found) == 4
    ids = {theme.id for theme in found}
    assert {item.theme for item in queue_items(url, QueueFilter(theme_id=found[0].id))} == {
        found[0].name
    }
    assert len(ids) == 2


SWIMMING = (
    "autism friendly swimming in Kelby?",
    "is there a quiet swimming session for autistic children in Kelby",
    "swimming lessons for my autistic son near Kelby",
)
BADGE = ("how do I renew a blue badge for parking", "renewing my blue badge for the car")


@pytest.mark.slow
def test_recomputing_with_one_more_question_keeps_every_themes_id(any_database):
    url = any_database
    for text in SWIMMING[:2] + BADGE:
        record_unanswered(url, "c", text, "x", [], [])
    before = {t.representative: t.id for t in recompute_themes(url, threshold=0.55)}
    record_unanswered(url, "c", SWIMMING[2], "x", [], [])
    after = recompute_themes(url, threshold=0.55)
    assert sorted(t.size for t in after) == [2, 3]
    swimming = next(t for t in after if t.size == 3)
    badge = next(t for t in after if t.size == 2)
    assert {swimming.id, badge.id} == set(before.values())
    assert badge.id == before[badge.representative]
    assert {item.text for item in queue_items(url, QueueFilter(theme_id=swimming.id))} == set(
        SWIMMING
    )


@pytest.mark.slow
def test_a_new_theme_never_gets_the_id_of_one_that_went(any_database):
    url = any_database
    record_unanswered(url, "c", SWIMMING[0], "x", [], [])
    badge_question = record_unanswered(url, "c", BADGE[0], "x", [], [])
    gone = max(t.id for t in recompute_themes(url, threshold=0.55))
    with session_scope(url) as session:
        session.delete(session.get(UnansweredQuestion, badge_question))
    recompute_themes(url, threshold=0.55)  # the badge theme goes
    record_unanswered(url, "c", "school transport for a wheelchair user", "x", [], [])
    assert gone not in {t.id for t in recompute_themes(url, threshold=0.55)}


def test_new_groups_take_the_id_of_the_old_theme_they_mostly_are():
    old = {3: {1, 2, 3}, 7: {4}, 9: {5, 6}, 11: {7, 8}}
    groups = [{1, 2, 3, 10}, {4, 11}, {5}, {6}, {7, 8, 12, 13, 14}]
    # 3 gains a question; 7 is half of its new group; 9 splits in two halves; 11 is swamped.
    assert match_themes(old, groups) == [3, 7, 9, None, None]


def test_a_theme_without_shared_facets_is_named_by_its_words():
    assert "Badge" in theme_name(["blue badge renewal", "renew my blue badge"], [{}, {}])


def test_the_gap_report_sets_requests_against_active_services(url, provision):
    for _ in range(3):
        record_enquiry(
            url,
            "service_search",
            False,
            0,
            {"need": ["autism"], "town": ["Kelby"], "activity": ["swimming"]},
        )
    record_enquiry(url, "service_search", True, 4, {"need": ["autism"], "town": [], "category": []})
    rows = gap_report(url, provision)
    swimming = next(row for row in rows if row.activity == "swimming")
    assert (swimming.asked, swimming.unanswered, swimming.services) == (3, 3, 0)
    autism = next(row for row in rows if row.need == "autism" and not row.activity)
    assert autism.services > 0
    assert rows[0] is swimming  # unmet demand first


def test_stale_services_are_listed_oldest_first(provision):
    stale = provision.stale(18, today=date(2026, 11, 23))
    assert stale and all(
        a.last_modified is None or b.last_modified is None or a.last_modified <= b.last_modified
        for a, b in zip(stale, stale[1:], strict=False)
    )


def test_the_dashboard_counts_each_week(url):
    record_enquiry(url, "question", True, 3, {})
    record_enquiry(url, "question", False, 0, {})
    record_feedback(url, "c", "", "up", "m1", "answer")
    this_week = weekly(url, weeks=4)[-1]
    assert (this_week.questions, this_week.answered, this_week.thumbs_up) == (2, 1, 1)
    assert this_week.share_answered == 0.5 and this_week.share_thumbs_up == 1.0


def test_you_said_we_did_uses_officers_notes_and_open_gaps(url, provision):
    item = record_unanswered(url, "c", "is there archery for deaf children", "x", [], [])
    mark(url, "question", item, "resolved", "We asked the archery club to run a session.", "amy")
    kelby_swimming = {"need": ["autism"], "town": ["Kelby"], "activity": ["swimming"]}
    record_enquiry(url, "service_search", False, 0, kelby_swimming)
    text = as_markdown("Harrowfield Council", entries(url, gap_report(url, provision)))
    assert "We asked the archery club to run a session." in text
    assert "where we list no service" in text


def test_retention_deletes_only_what_is_older_than_the_limit(url):
    old = record_unanswered(url, "c", "old question", "x", [], [])
    record_unanswered(url, "c", "new question", "x", [], [])
    record_feedback(url, "c", "old comment", "down")
    record_enquiry(url, "question", True, 1, {})
    long_ago = datetime.now(UTC) - timedelta(days=40)
    with session_scope(url) as session:
        session.execute(
            update(UnansweredQuestion)
            .where(UnansweredQuestion.id == old)
            .values(created_at=long_ago)
        )
        session.execute(update(Feedback).values(created_at=long_ago))
        session.execute(update(Enquiry).values(created_at=long_ago))
    purged = purge(url, days=30)
    assert purged.rows["unanswered_questions"] == 1 and purged.rows["feedback"] == 1
    with session_scope(url) as session:
        left = [row.text for row in session.scalars(select(UnansweredQuestion))]
    assert left == ["new question"]
    with pytest.raises(ValueError):
        purge(url, days=0)


def test_the_purge_command_runs(tmp_path, monkeypatch, capsys):
    from core.config import get_settings
    from storage.__main__ import main

    monkeypatch.setenv("LOCALOFFER_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    try:
        assert main(["purge", "--older-than-days", "30"]) == 0
    finally:
        get_settings.cache_clear()
    assert "older than 30 days" in capsys.readouterr().out
