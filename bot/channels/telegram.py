"""Telegram, with every incoming webhook authenticated by Telegram's secret-token header."""

from __future__ import annotations

import asyncio
import hmac
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import InputChannel
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import response

from bot.typed_text import typed_text_only

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class LocalOfferTelegramOutput(TelegramOutput):
    """Rasa's Telegram output, pointed at a configurable Bot API server."""

    def __init__(self, access_token: str, api_base: str | None = None) -> None:
        server = TelegramAPIServer.from_base(api_base) if api_base else TELEGRAM_PRODUCTION
        Bot.__init__(self, access_token, server=server)


class SecureTelegramInput(TelegramInput):
    """Rasa's Telegram input that refuses any webhook without the registered secret."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        secret = credentials.get("secret_token") or ""
        if len(secret) < 16:
            raise RasaException(
                "telegram: set secret_token (16 or more characters) so webhooks can be checked."
            )
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            secret_token=secret,
            api_base=credentials.get("api_base") or None,
            debug_mode=False,
        )

    def __init__(self, *args: Any, secret_token: str, api_base: str | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.secret_token = secret_token
        self.api_base = api_base

    def blueprint(self, on_new_message):
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def authenticate(request):
            if request.method == "POST" and request.path.endswith("/webhook"):
                given = request.headers.get(SECRET_HEADER, "")
                if not hmac.compare_digest(given.encode(), self.secret_token.encode()):
                    return response.text("forbidden", status=403)
                # Rasa's handler reads this same parsed body: typed words go on as words, so
                # only a button press (callback data) can carry an '/intent'.
                if isinstance(request.json, dict):
                    typed_text_only(request.json)
            return None

        return blueprint

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
