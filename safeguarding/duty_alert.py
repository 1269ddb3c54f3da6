"""Tell the duty officer by email that an urgent flag is waiting: never the family's words."""

from __future__ import annotations

import logging
import smtplib
import threading
from email.message import EmailMessage
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)


def alert_message(
    sender: str, to: str, category: str, channel: str, queue_url: str
) -> EmailMessage:
    """The email: what kind of disclosure, on which channel, and where to read it."""
    message = EmailMessage()
    message["Subject"] = "Urgent: a family disclosed a risk of harm"
    message["From"] = sender
    message["To"] = to
    kind = category.replace("_", " ") or "not known"
    message.set_content(
        "The Local Offer assistant has flagged a conversation for urgent review.\n\n"
        f"Kind of risk: {kind}\nChannel: {channel or 'web chat'}\n\n"
        f"Sign in to read it and acknowledge it: {queue_url}\n\n"
        "The family has been shown the emergency numbers. Their words are only on the "
        "officer pages, never in email.\n"
    )
    return message


def send_alert(smtp_url: str, message: EmailMessage, timeout: float = 10.0) -> None:
    """Send through `smtp://host:port` (or `smtps://`, with `user:password@`)."""
    parts = urlsplit(smtp_url)
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError(f"The duty alert needs an smtp:// or smtps:// address, not {smtp_url!r}.")
    client = smtplib.SMTP_SSL if parts.scheme == "smtps" else smtplib.SMTP
    with client(parts.hostname or "127.0.0.1", parts.port or 25, timeout=timeout) as smtp:
        if parts.username:
            smtp.login(parts.username, parts.password or "")
        smtp.send_message(message)


def alert_duty_officer(smtp_url: str, message: EmailMessage) -> threading.Thread:
    """Send in the background: a slow mail server must never hold up a family's reply."""

    def run() -> None:
        try:
            send_alert(smtp_url, message)
        except (OSError, smtplib.SMTPException, ValueError) as error:
            logger.error("Could not email the duty officer about an urgent flag: %s", error)

    thread = threading.Thread(target=run, name="duty-alert", daemon=True)
    thread.start()
    return thread
