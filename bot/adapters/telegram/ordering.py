"""Updates of one chat in order, different chats concurrently, and each update only once.

PTB's ``concurrent_updates`` alone would let a user's second message overtake the first (a
dialogue answer before its question); a lock per chat keeps each conversation sequential while
other chats proceed. With webhooks on several workers, Telegram may deliver an update again (a
timeout, a retry); ``claim`` records update ids in the shared database so only one worker runs it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot import log_privacy

log = logging.getLogger(__name__)


def _close(coroutine: Awaitable[Any]) -> None:
    """A skipped update's coroutine is closed, so Python does not warn it was never awaited."""
    if isinstance(coroutine, Coroutine):
        coroutine.close()


def _personal_values(update: object) -> list[object]:
    """What no log line may show while this update runs: its text, ids and names."""
    if not isinstance(update, Update):
        return []
    values: list[object] = []
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is not None:
        values += [user.id, user.first_name, user.last_name, user.username]
    if chat is not None:
        values.append(chat.id)
    if message is not None:
        values += [message.text, message.caption]
    if update.callback_query is not None:
        values.append(update.callback_query.data)
    return values


class ChatOrderedProcessor(BaseUpdateProcessor):
    """At most ``max_concurrent_updates`` at once, and one at a time per chat."""

    def __init__(self, max_concurrent_updates: int,
                 claim: Callable[[int], Awaitable[bool]] | None = None) -> None:
        super().__init__(max_concurrent_updates)
        self._claim = claim
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        with log_privacy.sensitive(_personal_values(update)):
            await self._in_order(update, coroutine)

    async def _in_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        if (self._claim is not None and isinstance(update, Update)
                and not await self._claim(update.update_id)):
            log.info("update %d was already handled; skipped", update.update_id)
            _close(coroutine)
            return
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._waiting[chat.id] = self._waiting.get(chat.id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[chat.id] -= 1
            if not self._waiting[chat.id]:  # forget idle chats so memory stays bounded
                del self._waiting[chat.id]
                del self._locks[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
