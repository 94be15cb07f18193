"""Spacing broadcast sends under the platform's limits, with replies to users going first.

Telegram allows about 30 messages a second per bot and one a second per chat. The pacer hands
out send slots at the configured global rate, never two in one second to the same chat, holds
everything while a flood wait (429) runs, and lets broadcast traffic wait whenever a reply to a
user is being sent; each reply also takes one slot from the broadcast budget.

Slots missed during a short pause (the sender's database round trip between batches) are made
up, up to ``CATCH_UP`` seconds' worth, so the sustained rate stays at the configured one; in any
one second the pacer hands out at most ``rate * (1 + CATCH_UP)`` slots.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

PER_CHAT_INTERVAL = 1.0
CATCH_UP = 0.05
_PRUNE_AT = 4096


class Pacer:
    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("the broadcast rate must be positive")
        self.rate = rate
        self._interval = 1.0 / rate
        self._clock = clock
        self._next_slot = 0.0
        self._chat_free: dict[int, float] = {}
        self._replies = 0
        self._no_replies = asyncio.Event()
        self._no_replies.set()
        # Bumped by holds and replies: a slot reserved before them is taken again afterwards,
        # so waiting sends do not all fire at once when the wait ends.
        self._generation = 0

    async def slot(self, chat_id: int) -> None:
        """Wait until a broadcast message to ``chat_id`` may go out."""
        while True:
            await self._no_replies.wait()
            generation = self._generation
            now = self._clock()
            chat_free = self._chat_free.get(chat_id, 0.0)
            slot = max(self._next_slot, now - CATCH_UP)
            self._next_slot = slot + self._interval
            start = max(slot, chat_free)
            reserved = self._chat_free[chat_id] = max(start, now) + PER_CHAT_INTERVAL
            if start > now:
                await asyncio.sleep(start - now)
            if generation == self._generation and self._no_replies.is_set():
                self._prune(now)
                return
            if self._chat_free.get(chat_id) == reserved:
                self._chat_free[chat_id] = chat_free  # the slot was given up, not used

    def hold(self, seconds: float) -> None:
        """Send nothing for ``seconds`` (the platform's retry_after)."""
        self._next_slot = max(self._next_slot, self._clock() + seconds)
        self._generation += 1

    @asynccontextmanager
    async def reply(self, chat_id: int) -> AsyncIterator[None]:
        """Around a reply to a user: broadcast sends wait until it has gone."""
        self._replies += 1
        self._no_replies.clear()
        now = self._clock()
        self._next_slot = max(self._next_slot, now) + self._interval
        self._chat_free[chat_id] = now + PER_CHAT_INTERVAL
        self._generation += 1
        try:
            yield
        finally:
            self._replies -= 1
            if self._replies == 0:
                self._no_replies.set()

    def _prune(self, now: float) -> None:
        if len(self._chat_free) > _PRUNE_AT:
            self._chat_free = {c: t for c, t in self._chat_free.items() if t > now}
