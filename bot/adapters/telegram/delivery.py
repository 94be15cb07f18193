"""Broadcast delivery over Telegram: the sender's Transport, and the sender's life in the bot.

Broadcasts use a Bot object of their own: its own (aiohttp) connection pool, and no PTB rate
limiter, because the pacer already spaces them (and a limiter retrying 429s itself would hide
them from the sender, which must record them).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
)

from bot.adapters.telegram.aiohttp_request import AiohttpRequest
from bot.adapters.telegram.render import keyboard, render_html
from bot.broadcast.pacing import Pacer
from bot.broadcast.sender import MAX_IN_FLIGHT, Sender
from bot.broadcast.transport import FloodWait, Outcome, Rejected, Sent, Transient, Unreachable
from bot.config import Settings
from bot.core.messages import Outgoing
from bot.storage.broadcasts import BroadcastStore

log = logging.getLogger(__name__)

STOP_TIMEOUT = 15.0  # seconds the sender gets to record its batch at shutdown
NOT_MODIFIED = "message is not modified"


def _seconds(retry_after: int | float | dt.timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, dt.timedelta) else retry_after


def classify(error: TelegramError) -> Outcome:
    """Telegram's answer in the sender's terms (BadRequest is a NetworkError in PTB: order)."""
    if isinstance(error, RetryAfter):
        return FloodWait(_seconds(error.retry_after))
    if isinstance(error, Forbidden):
        return Unreachable(error.message)
    if isinstance(error, BadRequest | ChatMigrated):
        return Rejected(error.message)
    return Transient(f"{type(error).__name__}: {error.message}")


class TelegramTransport:
    """Sends announcements and edits HR's progress message through one Bot."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(
        self, chat_id: int, message: Outgoing, attachment: str | None = None
    ) -> Outcome:
        html = render_html(message)[0]  # broadcast texts are limited to fit one message
        try:
            if attachment is not None:
                sent = await self._bot.send_document(
                    chat_id, attachment, caption=html, parse_mode=ParseMode.HTML
                )
            else:
                sent = await self._bot.send_message(
                    chat_id, html, parse_mode=ParseMode.HTML, reply_markup=keyboard(message)
                )
        except TelegramError as error:
            return classify(error)
        return Sent(sent.message_id)

    async def edit(self, chat_id: int, message_id: int, message: Outgoing) -> Outcome:
        try:
            await self._bot.edit_message_text(
                render_html(message)[0],
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(message),
            )
        except TelegramError as error:
            if NOT_MODIFIED in error.message:
                return Sent(message_id)
            return classify(error)
        return Sent(message_id)


class BroadcastDelivery:
    """The running bot's sender: started in post_init, stopped before services close."""

    def __init__(self, settings: Settings, store: BroadcastStore) -> None:
        if settings.telegram_bot_token is None:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        self.pacer = Pacer(settings.broadcast_rate)
        self._bot = Bot(
            settings.telegram_bot_token.get_secret_value(),
            base_url=settings.telegram_api_base_url,
            request=AiohttpRequest(connections=MAX_IN_FLIGHT),
        )
        self.sender = Sender(store, TelegramTransport(self._bot), self.pacer)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._bot.initialize()
        self._task = asyncio.create_task(self.sender.run(), name="broadcast-sender")

    async def stop(self) -> None:
        self.sender.stop()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, STOP_TIMEOUT)
            except TimeoutError:
                log.warning("broadcast sender did not stop in %.0f s; cancelled", STOP_TIMEOUT)
        await self._bot.shutdown()

    @asynccontextmanager
    async def reply(self, chat_id: int) -> AsyncIterator[None]:
        """Wrap a reply to a user: broadcast traffic waits for it."""
        async with self.pacer.reply(chat_id):
            yield
