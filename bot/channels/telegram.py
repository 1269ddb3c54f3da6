"""Telegram: authenticated webhooks only, hashed chat ids, and typed text that names no intent."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels.telegram_inbound import read_update, sender_id_for

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
logger = logging.getLogger(__name__)


class LocalOfferTelegramOutput(TelegramOutput):
    """Rasa's Telegram output, pointed at a configurable Bot API server."""

    def __init__(self, access_token: str, api_base: str | None = None) -> None:
        server = TelegramAPIServer.from_base(api_base) if api_base else TELEGRAM_PRODUCTION
        Bot.__init__(self, access_token, server=server)


class ReplyToChat(OutputChannel):
    """Sends one turn's replies to its Telegram chat, whatever the (hashed) recipient id."""

    def __init__(self, telegram: TelegramOutput, chat_id: int) -> None:
        self._telegram = telegram
        self._chat_id = chat_id

    @classmethod
    def name(cls) -> str:
        return TelegramOutput.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await self._telegram.send_response(self._chat_id, message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._telegram.send_text_message(self._chat_id, text, **kwargs)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._telegram.send_image_url(self._chat_id, image, **kwargs)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._telegram.send_text_with_buttons(self._chat_id, text, buttons, **kwargs)

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        await self._telegram.send_custom_json(self._chat_id, json_message, **kwargs)


class SecureTelegramInput(TelegramInput):
    """Rasa's Telegram input, rebuilt so that only Telegram's signed webhook posts get in.

    Rasa's own blueprint also serves an unauthenticated `/set_webhook` (one GET re-registers
    the webhook without our secret, which turns the channel off), uses the chat id as the
    conversation id, and passes typed text such as `/restart` to Rasa as an intent.
    """

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        secrets = {name: credentials.get(name) or "" for name in ("secret_token", "sender_key")}
        for name, value in secrets.items():
            if len(value) < 16:
                raise RasaException(
                    f"telegram: set {name} (16 or more random characters; see the README)."
                )
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            secret_token=secrets["secret_token"],
            sender_key=secrets["sender_key"],
            api_base=credentials.get("api_base") or None,
            debug_mode=False,
        )

    def __init__(
        self,
        *args: Any,
        secret_token: str,
        sender_key: str,
        api_base: str | None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.secret_token = secret_token
        self.sender_key = sender_key
        self.api_base = api_base

    def _is_from_telegram(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode(), self.secret_token.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)
        out_channel = self.get_output_channel()

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        # No `/set_webhook`: the webhook is registered, with the secret, when the server starts.
        @telegram_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> response.HTTPResponse:
            if not self._is_from_telegram(request):
                return response.text("forbidden", status=403)
            update = request.json
            if isinstance(update, str):
                update = json.loads(update)
            inbound = read_update(update) if isinstance(update, dict) else None
            if inbound is None:
                return response.text("success")
            user_message = UserMessage(
                inbound.text,
                ReplyToChat(out_channel, inbound.chat_id),
                sender_id_for(inbound.chat_id, self.sender_key),
                input_channel=self.name(),
                metadata=self.get_metadata(request),
            )
            try:
                await on_new_message(user_message)
            except Exception:  # Telegram retries a failed webhook; answer it once, and log.
                logger.exception("telegram: could not handle a message")
            return response.text("success")

        return telegram_webhook

    def get_output_channel(self) -> TelegramOutput:
        channel = LocalOfferTelegramOutput(self.access_token, self.api_base)

        async def register() -> None:
            try:
                await channel.request(
                    "setWebhook", {"url": self.webhook_url, "secret_token": self.secret_token}
                )
            finally:
                # This runs on a throwaway loop; the server's loop opens its own session.
                await channel.session.close()

        try:
            asyncio.run(register())
        except TelegramAPIError as error:
            raise RasaException(f"Failed to set the Telegram webhook: {error}") from error
        return channel
