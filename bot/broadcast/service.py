"""Creating and steering broadcasts: the operations the chat and the shell share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.broadcast.audience import Audience
from bot.broadcast.progress import MAX_CAPTION_TEXT, MAX_TEXT
from bot.storage.broadcasts import BroadcastStore, Progress
from bot.storage.models import Broadcast, utcnow

# target status → the statuses it may be reached from
TRANSITIONS = {
    "paused": ("sending",),
    "sending": ("paused",),
    "cancelled": ("queued", "sending", "paused"),
}


def text_limit(attachment: str | None) -> int:
    return MAX_CAPTION_TEXT if attachment else MAX_TEXT


@dataclass(frozen=True)
class Preview:
    audience: Audience
    count: int
    seconds: float


class Broadcasts:
    """Broadcast use cases over the store, at the configured sending rate."""

    def __init__(self, store: BroadcastStore, rate: float) -> None:
        self.store = store
        self.rate = rate

    async def preview(self, audience: Audience) -> Preview:
        count = len(await self.store.recipients(audience))
        return Preview(audience, count, count / self.rate)

    async def create(
        self,
        text: str,
        audience: Audience,
        *,
        created_by: int | None,
        attachment: str | None = None,
        send_at: dt.datetime | None = None,
        progress_chat_id: int | None = None,
    ) -> Broadcast:
        """Snapshot the recipients and queue the broadcast; the running sender delivers it."""
        text = text.strip()
        if not text:
            raise ValueError("the announcement text is empty")
        limit = text_limit(attachment)
        if len(text) > limit:
            raise ValueError(f"the announcement is longer than {limit} characters")
        return await self.store.create(
            text=text,
            attachment=attachment,
            audience=audience,
            created_by=created_by,
            send_at=send_at or utcnow(),
            progress_chat_id=progress_chat_id,
        )

    async def steer(
        self, broadcast_id: int, status: str, actor_id: int | None
    ) -> Broadcast | None:
        """Pause (``paused``), resume (``sending``) or cancel (``cancelled``); None if it can't."""
        return await self.store.change_status(
            broadcast_id, TRANSITIONS[status], status, actor_id
        )

    async def status(self, broadcast_id: int) -> tuple[Broadcast, Progress] | None:
        broadcast = await self.store.get(broadcast_id)
        if broadcast is None:
            return None
        return broadcast, await self.store.progress(broadcast_id)
