"""An in-memory Transport for sender tests: records every call, answers as scripted."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from bot.broadcast.texts import ANNOUNCEMENT_TITLE
from bot.broadcast.transport import Outcome, Sent
from bot.core.messages import Outgoing


@dataclass(frozen=True)
class Call:
    at: float
    chat_id: int
    message: Outgoing
    attachment: str | None
    outcome: Outcome


class FakeTransport:
    def __init__(self) -> None:
        self.sends: list[Call] = []
        self.edits: list[Call] = []
        self._script: dict[int, list[Outcome]] = defaultdict(list)
        self._ids = itertools.count(1)
        self._sent = asyncio.Event()

    def script(self, chat_id: int, *outcomes: Outcome) -> None:
        """The next sends to ``chat_id`` answer these outcomes, in order; then Sent."""
        self._script[chat_id].extend(outcomes)

    async def send(
        self, chat_id: int, message: Outgoing, attachment: str | None = None
    ) -> Outcome:
        scripted = self._script[chat_id]
        outcome = scripted.pop(0) if scripted else Sent(next(self._ids))
        self.sends.append(Call(time.monotonic(), chat_id, message, attachment, outcome))
        self._sent.set()
        return outcome

    async def wait_delivered(self, count: int) -> None:
        """Until ``count`` announcements have been accepted in all."""
        while sum(self.delivered().values()) < count:
            self._sent.clear()
            await self._sent.wait()

    async def edit(self, chat_id: int, message_id: int, message: Outgoing) -> Outcome:
        self.edits.append(Call(time.monotonic(), chat_id, message, None, Sent(message_id)))
        return Sent(message_id)

    def delivered(self) -> Counter[int]:
        """How many announcements each chat accepted."""
        return Counter(c.chat_id for c in self.sends
                       if isinstance(c.outcome, Sent) and c.message.title == ANNOUNCEMENT_TITLE)
