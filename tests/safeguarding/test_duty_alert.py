"""The duty officer hears of a new flag by email, without the family's words."""

from __future__ import annotations

import time

import psycopg
from aiosmtpd.controller import Controller

from core.config import Settings
from safeguarding.detector import RiskAssessment
from safeguarding.reporting import report_disclosure
from storage import outbox
from storage.records import urgent_flags_for
from tests.services import app_database_url, drop_postgres_database, fresh_postgres_database
from tests.stack import free_port


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(envelope)
        return "250 OK"


def test_a_new_flag_emails_the_duty_address_once_and_never_the_words(tmp_path):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'app.db'}",
        outbox_path=tmp_path / "outbox.jsonl",
        duty_email="duty@council.example.org",
        smtp_url=f"smtp://127.0.0.1:{port}",
    )
    words = "my stepdad locked me out again last night and I slept in the shed"
    try:
        for _ in range(2):  # the api and the action server both report the same message
            report_disclosure(
                settings,
                "c1",
                words,
                RiskAssessment(True, "neglect", "child_or_young_person"),
                "999",
            )
        deadline = time.monotonic() + 10
        while not inbox.messages and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
    finally:
        controller.stop()
    [mail] = inbox.messages
    body = mail.content.decode()
    assert mail.rcpt_tos == ["duty@council.example.org"]
    assert "neglect" in body and "/officer/queue" in body
    assert "shed" not in body and "stepdad" not in body
    assert len(urgent_flags_for(settings.database_url, "c1")) == 1


def test_a_flag_the_database_refuses_is_dead_lettered_and_the_duty_officer_still_hears(tmp_path):
    name = fresh_postgres_database("lo_refuse")
    url = app_database_url(name)
    urgent_flags_for(url, "none")  # creates the tables
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{name}", autocommit=True) as db:
        db.execute(
            "ALTER TABLE urgent_flags ADD CONSTRAINT no_sheds CHECK (text NOT LIKE '%shed%')"
        )
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    box = tmp_path / "outbox.jsonl"
    settings = Settings(
        database_url=url,
        outbox_path=box,
        duty_email="duty@council.example.org",
        smtp_url=f"smtp://127.0.0.1:{port}",
    )
    neglect = RiskAssessment(True, "neglect", "child_or_young_person")
    try:
        report_disclosure(settings, "c1", "I slept in the shed, call 07700 900123", neglect, "999")
        report_disclosure(settings, "c2", "nobody feeds me at home", neglect, "999")
        deadline = time.monotonic() + 10
        while len(inbox.messages) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(inbox.messages) == 2
        assert outbox.counts(box) == outbox.OutboxCounts(pending=0, dead_letter=1)
        kept = outbox.dead_letter_path(box).read_text()
        assert "IntegrityError" in kept and "[PHONE]" in kept and "07700" not in kept
        assert len(urgent_flags_for(url, "c2")) == 1
    finally:
        controller.stop()
        drop_postgres_database(name)
