"""Record a disclosure for officers and alert the duty officer (main environment only)."""

from __future__ import annotations

import logging

from core.config import Settings
from safeguarding.detector import RiskAssessment
from safeguarding.duty_alert import alert_duty_officer, alert_message
from storage import outbox
from storage.records import raise_flag

logger = logging.getLogger(__name__)


def report_disclosure(
    settings: Settings,
    conversation_id: str,
    text: str,
    assessment: RiskAssessment,
    signpost: str,
    context: list[dict] | None = None,
    channel: str = "",
) -> None:
    """Flag the conversation (redacted) and, when the flag is new, email the duty officer.

    While the app database is away the flag waits in the outbox and the alert goes anyway:
    a second email is better than none. A flag the database refuses is kept in the outbox's
    dead-letter file, and the alert goes too.
    """
    fields = {
        "conversation_id": conversation_id,
        "text": text,
        "matched": f"{assessment.category or 'risk'}: {assessment.matched}",
        "signpost": signpost,
        "context": context or [],
        "channel": channel,
    }
    try:
        outbox.flush(settings.database_url, settings.outbox_path)
        _, new = raise_flag(settings.database_url, **fields)
    except outbox.WRITE_ERRORS:  # the outbox keeps it, waiting or dead-lettered
        outbox.write(settings.database_url, settings.outbox_path, "urgent", **fields)
        new = True
    if new and settings.duty_email and settings.smtp_url:
        message = alert_message(
            settings.duty_email_from,
            settings.duty_email,
            assessment.category,
            channel,
            f"{settings.officer_url.rstrip('/')}/queue",
        )
        alert_duty_officer(settings.smtp_url, message)
