"""The Telegram channel end to end: a real-shaped webhook in, a real-shaped API call out.

A local stand-in plays Telegram's Bot API; a second Rasa server runs with the Telegram
credentials and the session's action server.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import httpx
import pytest
from sqlalchemy import text

from bot.channels.telegram_inbound import sender_id_for
from indexer.council import load_council
from storage.database import new_engine
from storage.records import feedback_for, urgent_flags_for
from tests.paths import REPO_ROOT
from tests.stack import rasa_env, start_rasa

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl"
BOT_NAME = "harrowfield_local_offer_bot"
SECRET = "s3cret-token-for-the-webhook-0123"
SENDER_KEY = "sender-key-for-the-chat-ids-4567"
AUTHENTIC = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


class FakeTelegram(BaseHTTPRequestHandler):
    """Answers setWebhook, getMe and sendMessage as Telegram's Bot API does."""

    calls: list[tuple[str, dict]] = []

    def do_POST(self):  # noqa: N802 (the handler's name is fixed by http.server)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode()
        if "json" in (self.headers.get("Content-Type") or ""):
            fields = json.loads(raw or "{}")
        else:
            fields = {key: values[0] for key, values in parse_qs(raw).items()}
        method = self.path.rsplit("/", 1)[-1]
        type(self).calls.append((method, fields))
        if method == "getMe":
            result = {"id": 1, "is_bot": True, "first_name": "Local Offer", "username": BOT_NAME}
        elif method == "sendMessage":
            chat = int(fields.get("chat_id", 0))
            result = {
                "message_id": len(self.calls),
                "date": 0,
                "text": fields.get("text", ""),
                "chat": {"id": chat, "type": "private"},
            }
        else:
            result = True
        body = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def telegram(stack, tmp_path_factory):
    FakeTelegram.calls.clear()  # one Bot API per Rasa server under test
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeTelegram)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    telegram_env = {
        "TELEGRAM_ACCESS_TOKEN": TOKEN,
        "TELEGRAM_BOT_NAME": BOT_NAME,
        "TELEGRAM_WEBHOOK_URL": "https://assistant.example.org/webhooks/telegram/webhook",
        "TELEGRAM_SECRET_TOKEN": SECRET,
        "TELEGRAM_SENDER_KEY": SENDER_KEY,
        "TELEGRAM_API_BASE": f"http://127.0.0.1:{server.server_port}",
    }
    process, url = start_rasa(
        tmp_path_factory.mktemp("telegram"),
        stack.action_port,
        REPO_ROOT / "bot" / "credentials.telegram.yml",
        {**telegram_env, **rasa_env(stack.source)},
        **stack.stores,
    )
    try:
        yield f"{url}/webhooks/telegram/webhook"
    finally:
        process.terminate()
        process.wait(timeout=30)
        server.shutdown()


def update(chat_id: int, text: str) -> dict:
    """An Update as Telegram posts it for a private text message."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Sam", "language_code": "en"}
    return {
        "update_id": 10_000 + chat_id,
        "message": {
            "message_id": 5,
            "date": 1_764_000_000,
            "text": text,
            "from": user,
            "chat": {"id": chat_id, "type": "private", "first_name": "Sam"},
        },
    }


def pressed(chat_id: int, data: str, offered: list[str]) -> dict:
    """An Update as Telegram posts it when a family presses an inline button."""
    keyboard = [[{"text": payload, "callback_data": payload}] for payload in offered]
    message = {
        "message_id": 6,
        "date": 1_764_000_000,
        "chat": {"id": chat_id, "type": "private", "first_name": "Sam"},
        "text": "Pick one",
        "reply_markup": {"inline_keyboard": keyboard},
    }
    user = {"id": chat_id, "is_bot": False, "first_name": "Sam"}
    callback = {"id": "77", "from": user, "chat_instance": "1", "data": data, "message": message}
    return {"update_id": 20_000 + chat_id, "callback_query": callback}


def sender(chat_id: int) -> str:
    """The conversation id the channel gives this chat."""
    return sender_id_for(chat_id, SENDER_KEY)


def sent_to(chat_id: int) -> list[dict]:
    return [
        f
        for method, f in FakeTelegram.calls
        if method == "sendMessage" and int(f.get("chat_id", 0)) == chat_id
    ]


def test_the_webhook_secret_was_registered(telegram):
    [(_, fields)] = [call for call in FakeTelegram.calls if call[0] == "setWebhook"]
    assert fields["secret_token"] == SECRET


def test_a_message_gets_a_reply_with_buttons(telegram):
    chat = 4242
    response = httpx.post(
        telegram,
        json=update(chat, "hello"),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        timeout=60,
    )
    assert response.status_code == 200
    [reply] = sent_to(chat)
    assert "find services" in reply["text"]
    keyboard = json.loads(reply["reply_markup"])["inline_keyboard"]
    titles = [button["text"] for row in keyboard for button in row]
    assert "Talk to a person" in titles


def test_feedback_works_on_the_channel(telegram, stack):
    chat = 5151
    httpx.post(
        telegram,
        json=update(chat, "this chatbot is brilliant, really easy to use"),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        timeout=60,
    )
    assert "Thank you" in sent_to(chat)[-1]["text"]
    [row] = feedback_for(stack.database_url, sender(chat))
    assert "brilliant" in row.comment
    assert feedback_for(stack.database_url, str(chat)) == []


def test_the_chat_id_is_stored_only_as_a_keyed_hash(telegram, stack):
    chat = 918_273_645  # long enough not to turn up by chance inside a timestamp
    httpx.post(telegram, json=update(chat, "hello"), headers=AUTHENTIC, timeout=60)
    assert sent_to(chat), "the reply still reaches the chat"
    tracker_store = stack.stores.get("tracker_store_url")
    if not tracker_store:
        pytest.skip("conversations are kept in the Rasa server's memory on this stack")
    engine = new_engine(tracker_store)
    try:
        with engine.connect() as connection:
            senders = set(
                connection.execute(text("SELECT DISTINCT sender_id FROM events")).scalars()
            )
            raw = connection.execute(
                text("SELECT count(*) FROM events WHERE data LIKE :chat"), {"chat": f"%{chat}%"}
            ).scalar()
    finally:
        engine.dispose()
    assert sender(chat) in senders
    assert str(chat) not in senders
    assert raw == 0


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_set_webhook_cannot_be_called_from_outside(telegram, method):
    before = [call for call in FakeTelegram.calls if call[0] == "setWebhook"]
    set_webhook = telegram.rsplit("/", 1)[0] + "/set_webhook"
    for headers in ({}, AUTHENTIC):
        response = httpx.request(method, set_webhook, headers=headers, timeout=60)
        assert response.status_code in (403, 404, 405)
    assert [call for call in FakeTelegram.calls if call[0] == "setWebhook"] == before


def test_the_webhook_answers_only_posts(telegram):
    assert httpx.get(telegram, headers=AUTHENTIC, timeout=60).status_code in (403, 404, 405)


def test_typed_text_cannot_name_an_intent(telegram, stack):
    chat = 9191
    httpx.post(telegram, json=update(chat, "/risk_of_harm"), headers=AUTHENTIC, timeout=60)
    httpx.post(telegram, json=pressed(chat, "/risk_of_harm", []), headers=AUTHENTIC, timeout=60)
    assert len(sent_to(chat)) >= 2, "both were answered, as text"
    assert urgent_flags_for(stack.database_url, sender(chat)) == []
    assert all("999" not in reply["text"] for reply in sent_to(chat))


def test_a_button_the_bot_offered_still_works(telegram):
    chat = 9292
    offered = ["/find_service", "/talk_to_person"]
    response = httpx.post(
        telegram, json=pressed(chat, "/talk_to_person", offered), headers=AUTHENTIC, timeout=60
    )
    assert response.status_code == 200
    assert "talk to a person" in sent_to(chat)[0]["text"]


@pytest.mark.parametrize("headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}])
def test_a_webhook_without_the_secret_is_refused_and_nothing_happens(telegram, stack, headers):
    chat = 6000 + len(headers)
    before = len(FakeTelegram.calls)
    response = httpx.post(
        telegram, json=update(chat, "this was helpful thanks"), headers=headers, timeout=60
    )
    assert response.status_code == 403
    assert len(FakeTelegram.calls) == before
    assert feedback_for(stack.database_url, sender(chat)) == []


def test_a_disclosure_on_telegram_gets_the_councils_numbers_first_and_is_flagged(telegram, stack):
    chat = 7373
    front_door = load_council(stack.source).contacts["childrens_front_door"].phone
    httpx.post(
        telegram,
        json=update(chat, "i cut again last night its deeper than usual and i cant tell mum"),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        timeout=60,
    )
    first = sent_to(chat)[0]["text"]
    assert "999" in first and front_door in first and "0800 1111" in first
    [flag] = urgent_flags_for(stack.database_url, sender(chat))
    assert flag.channel == "telegram"
