"""The update inbox for long polling: an update is stored before it is confirmed to Telegram.

An update leaves the inbox only after it ran, in the same transaction that records its id in
``processed_updates``; so after a crash the inbox holds exactly the updates that were received
but not (known to be) finished, and an update Telegram hands out again is not stored twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import InboxUpdate, ProcessedUpdate


class UpdateInbox:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def store(self, payloads: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Keep the new ones in one transaction; returns them (not those already known)."""
        by_id = {p["update_id"]: p for p in payloads}
        if not by_id:
            return []
        async with self._sessions.begin() as session:
            known = set(await session.scalars(select(ProcessedUpdate.update_id).where(
                ProcessedUpdate.update_id.in_(by_id))))
            known |= set(await session.scalars(select(InboxUpdate.update_id).where(
                InboxUpdate.update_id.in_(by_id))))
            fresh = [p for update_id, p in sorted(by_id.items()) if update_id not in known]
            session.add_all(InboxUpdate(update_id=p["update_id"], payload=p) for p in fresh)
        return fresh

    async def pending(self) -> list[dict[str, Any]]:
        """What a previous process stored but did not finish, oldest first."""
        async with self._sessions() as session:
            rows = await session.scalars(select(InboxUpdate).order_by(InboxUpdate.update_id))
            return [row.payload for row in rows]

    async def done(self, update_id: int) -> None:
        """The update ran: it leaves the inbox and its id is remembered (for a day)."""
        async with self._sessions.begin() as session:
            await session.execute(delete(InboxUpdate).where(InboxUpdate.update_id == update_id))
            if await session.get(ProcessedUpdate, update_id) is None:
                session.add(ProcessedUpdate(update_id=update_id))
