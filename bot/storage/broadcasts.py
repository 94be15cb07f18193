"""Broadcast and delivery rows: the durable state the sender works from.

Every state change is one short transaction, so a sender killed at any point leaves rows a new
sender can pick up: pending rows are claimed, and rows claimed by a dead sender become claimable
again when their lease runs out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.broadcast.audience import Audience
from bot.storage.models import AuditLog, Broadcast, Delivery, Profile, User, utcnow

ACTIVE = ("queued", "sending", "paused")
FINISHED = ("done", "cancelled")
OPEN_DELIVERY = ("pending", "sending")
_INSERT_CHUNK = 2000


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back without a zone; they were stored in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def content_hash(text: str, attachment: str | None) -> str:
    return hashlib.sha256(f"{text}\x00{attachment or ''}".encode()).hexdigest()


@dataclass(frozen=True)
class Recipient:
    user_id: int
    chat_id: int


@dataclass(frozen=True)
class Claim:
    """A delivery row this sender holds until its lease runs out."""

    id: int
    broadcast_id: int
    chat_id: int
    user_id: int
    attempts: int


@dataclass(frozen=True)
class Result:
    """What became of one claimed delivery.

    ``status`` is sent, failed or pending (to be retried after ``not_before``).
    """

    claim: Claim
    status: str
    message_id: int | None = None
    error_kind: str | None = None
    error: str | None = None
    not_before: dt.datetime | None = None


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: dict[str, int] = field(default_factory=dict)
    cancelled: int = 0

    @property
    def remaining(self) -> int:
        return self.total - self.sent - sum(self.failed.values()) - self.cancelled


class BroadcastStore:
    """Repository for broadcasts, their deliveries and subscriptions; one transaction each."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    # ---- audience --------------------------------------------------------------------------

    async def recipients(self, audience: Audience) -> list[Recipient]:
        async with self._sessions() as session:
            return await self._recipients(session, audience)

    async def profile_values(self, field_name: str) -> list[str]:
        """The distinct values subscribers have for a profile field, for audience buttons."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(Profile.data).join(User, User.id == Profile.user_id).where(_reachable())
            )
            values: dict[str, str] = {}
            for data in rows:
                value = (data or {}).get(field_name)
                if isinstance(value, str | int) and str(value).strip():
                    text = " ".join(str(value).split())
                    values.setdefault(text.casefold(), text)
            return sorted(values.values(), key=str.casefold)

    async def _recipients(self, session: AsyncSession, audience: Audience) -> list[Recipient]:
        query = select(User.id, User.chat_id, Profile.data).where(_reachable()).order_by(User.id)
        if audience.filters:
            query = query.join(Profile, Profile.user_id == User.id)
        else:
            query = query.outerjoin(Profile, Profile.user_id == User.id)
        seen: set[int] = set()
        found = []
        for user_id, chat_id, data in await session.execute(query):
            if chat_id not in seen and audience.matches(data):
                seen.add(chat_id)
                found.append(Recipient(user_id, chat_id))
        return found

    # ---- creating and steering ---------------------------------------------------------------

    async def create(
        self,
        *,
        text: str,
        attachment: str | None,
        audience: Audience,
        created_by: int | None,
        send_at: dt.datetime,
        progress_chat_id: int | None,
    ) -> Broadcast:
        """The broadcast row and a delivery row for every recipient matching now (a snapshot)."""
        async with self._sessions.begin() as session:
            recipients = await self._recipients(session, audience)
            broadcast = Broadcast(
                created_by=created_by,
                text=text,
                attachment=attachment,
                audience=audience.as_dict(),
                content_hash=content_hash(text, attachment),
                status="queued",
                send_at=send_at.astimezone(dt.UTC),  # SQLite keeps the wall clock, not the zone
                total=len(recipients),
                progress_chat_id=progress_chat_id,
            )
            session.add(broadcast)
            await session.flush()
            for start in range(0, len(recipients), _INSERT_CHUNK):
                await session.execute(
                    insert(Delivery),
                    [
                        {"broadcast_id": broadcast.id, "user_id": r.user_id,
                         "chat_id": r.chat_id, "status": "pending", "attempts": 0}
                        for r in recipients[start : start + _INSERT_CHUNK]
                    ],
                )
            session.add(
                AuditLog(
                    actor_id=created_by,
                    action="broadcast.created",
                    detail={
                        "broadcast_id": broadcast.id,
                        "audience": broadcast.audience,
                        "count": len(recipients),
                        "content_hash": broadcast.content_hash,
                        "send_at": send_at.isoformat(),
                        "attachment": attachment is not None,
                    },
                )
            )
        return broadcast

    async def change_status(
        self, broadcast_id: int, allowed: Sequence[str], status: str, actor_id: int | None
    ) -> Broadcast | None:
        """Move a broadcast to ``status`` if it is in one of ``allowed``; None otherwise.

        Cancelling also cancels its deliveries that nobody is sending right now.
        """
        now = utcnow()
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(Broadcast)
                .where(Broadcast.id == broadcast_id, Broadcast.status.in_(allowed))
                .values(status=status)
                .returning(Broadcast.id)
            )
            if result.scalar() is None:
                return None
            if status == "cancelled":
                await session.execute(
                    update(Delivery)
                    .where(
                        Delivery.broadcast_id == broadcast_id,
                        or_(Delivery.status == "pending",
                            and_(Delivery.status == "sending", Delivery.claimed_until < now)),
                    )
                    .values(status="cancelled", claimed_until=None)
                )
                await session.execute(
                    update(Broadcast).where(Broadcast.id == broadcast_id).values(finished_at=now)
                )
            session.add(AuditLog(actor_id=actor_id, action=f"broadcast.{status}",
                                 detail={"broadcast_id": broadcast_id}))
            return await session.get(Broadcast, broadcast_id)

    async def get(self, broadcast_id: int) -> Broadcast | None:
        async with self._sessions() as session:
            return await session.get(Broadcast, broadcast_id)

    async def latest(self, limit: int = 20) -> list[Broadcast]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(Broadcast).order_by(Broadcast.id.desc()).limit(limit)
            )
            return list(rows)

    async def announcements_for(self, user_id: int, limit: int = 5) -> list[Broadcast]:
        """Recent started announcements meant for this user (sent or on its way), and those for
        every subscriber."""
        async with self._sessions() as session:
            recent = list(await session.scalars(
                select(Broadcast)
                .where(Broadcast.started_at.is_not(None))
                .order_by(Broadcast.id.desc())
                .limit(limit * 4)
            ))
            received = set(await session.scalars(
                select(Delivery.broadcast_id).where(
                    Delivery.user_id == user_id,
                    Delivery.status.in_(("sent", *OPEN_DELIVERY)),
                    Delivery.broadcast_id.in_([b.id for b in recent]),
                )
            ))
            return [b for b in recent
                    if b.id in received or (not b.audience and b.status != "cancelled")][:limit]

    async def progress(self, broadcast_id: int) -> Progress:
        async with self._sessions() as session:
            return await self._progress(session, broadcast_id)

    async def _progress(self, session: AsyncSession, broadcast_id: int) -> Progress:
        rows = await session.execute(
            select(Delivery.status, Delivery.error_kind, func.count())
            .where(Delivery.broadcast_id == broadcast_id)
            .group_by(Delivery.status, Delivery.error_kind)
        )
        counts: Counter[str] = Counter()
        failed: Counter[str] = Counter()
        for status, kind, count in rows:
            counts[status] += count
            if status == "failed":
                failed[kind or "unknown"] += count
        return Progress(
            total=sum(counts.values()),
            sent=counts["sent"],
            failed=dict(failed),
            cancelled=counts["cancelled"],
        )

    # ---- the sender's side -----------------------------------------------------------------

    async def start_due(self, now: dt.datetime) -> list[int]:
        """Queued broadcasts whose time has come start sending."""
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(Broadcast)
                .where(Broadcast.status == "queued", Broadcast.send_at <= now)
                .values(status="sending", started_at=now)
                .returning(Broadcast.id)
            )
            return list(result.scalars())

    async def claim(self, size: int, lease: dt.timedelta, now: dt.datetime) -> list[Claim]:
        """Take up to ``size`` deliveries of sending broadcasts, oldest first, for ``lease``."""
        async with self._sessions.begin() as session:
            return await self._claim(session, size, lease, now)

    async def record(self, results: Sequence[Result], now: dt.datetime) -> None:
        """Store a batch's outcomes; users who blocked the bot become unreachable."""
        async with self._sessions.begin() as session:
            await self._record(session, results, now)

    async def record_and_claim(
        self, results: Sequence[Result], size: int, lease: dt.timedelta, now: dt.datetime
    ) -> list[Claim]:
        """One batch's outcomes and the next batch's claim in one transaction (one round trip
        between batches instead of two)."""
        async with self._sessions.begin() as session:
            await self._record(session, results, now)
            return await self._claim(session, size, lease, now)

    async def extend_lease(self, delivery_ids: Iterable[int], until: dt.datetime) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                update(Delivery)
                .where(Delivery.id.in_(list(delivery_ids)), Delivery.status == "sending")
                .values(claimed_until=until)
            )

    @staticmethod
    async def _claim(
        session: AsyncSession, size: int, lease: dt.timedelta, now: dt.datetime
    ) -> list[Claim]:
        """On PostgreSQL the rows are picked ``FOR UPDATE SKIP LOCKED`` so concurrent senders
        take disjoint rows without waiting; SQLite serialises writers. The pick is a
        materialised CTE: as an ``IN (subquery)`` PostgreSQL may run it again for every row,
        and each run would skip the rows just locked and pick the next ones.
        """
        claimable = and_(
            Delivery.broadcast_id.in_(select(Broadcast.id).where(Broadcast.status == "sending")),
            or_(
                and_(Delivery.status == "pending",
                     or_(Delivery.not_before.is_(None), Delivery.not_before <= now)),
                and_(Delivery.status == "sending", Delivery.claimed_until < now),
            ),
        )
        picked = (
            select(Delivery.id)
            .where(claimable)
            .order_by(Delivery.id)
            .limit(size)
            .with_for_update(skip_locked=True)
            .cte("picked")
            .prefix_with("MATERIALIZED")
        )
        result = await session.execute(
            update(Delivery)
            .where(Delivery.id == picked.c.id, claimable)
            .values(status="sending", claimed_until=now + lease, attempts=Delivery.attempts + 1)
            .returning(Delivery.id, Delivery.broadcast_id, Delivery.chat_id,
                       Delivery.user_id, Delivery.attempts)
        )
        return sorted((Claim(*row) for row in result), key=lambda c: c.id)

    @staticmethod
    async def _record(session: AsyncSession, results: Sequence[Result], now: dt.datetime) -> None:
        if not results:
            return
        table = cast(Table, Delivery.__table__)
        rows: list[dict[str, Any]] = [
            {
                "row_id": r.claim.id,
                "status": r.status,
                "message_id": r.message_id,
                "sent_at": now if r.status == "sent" else None,
                "error_kind": r.error_kind,
                "error": r.error[:200] if r.error else None,
                "not_before": r.not_before,
            }
            for r in results
        ]
        # Core executemany: a fraction of the ORM's per-row cost for the sender's hot path.
        await session.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(status=bindparam("status"), claimed_until=None,
                    message_id=bindparam("message_id"), sent_at=bindparam("sent_at"),
                    error_kind=bindparam("error_kind"), error=bindparam("error"),
                    not_before=bindparam("not_before")),
            rows,
        )
        blocked = sorted({r.claim.user_id for r in results if r.error_kind == "blocked"})
        if blocked:
            await session.execute(
                update(User).where(User.id.in_(blocked)).values(unreachable=True, subscribed=False)
            )

    async def finish_complete(self, now: dt.datetime) -> list[int]:
        """Sending broadcasts with nothing left to send are done."""
        open_rows = exists().where(
            Delivery.broadcast_id == Broadcast.id, Delivery.status.in_(OPEN_DELIVERY)
        )
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(Broadcast)
                .where(Broadcast.status == "sending", ~open_rows)
                .values(status="done", finished_at=now)
                .returning(Broadcast.id)
            )
            done = list(result.scalars())
            for broadcast_id in done:
                progress = await self._progress(session, broadcast_id)
                session.add(
                    AuditLog(
                        action="broadcast.done",
                        detail={"broadcast_id": broadcast_id, "sent": progress.sent,
                                "failed": progress.failed},
                    )
                )
            return done

    async def watched(self) -> list[Broadcast]:
        """Broadcasts with an HR progress message that still needs updating or a final report."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(Broadcast)
                .where(
                    Broadcast.progress_chat_id.is_not(None),
                    or_(Broadcast.status.in_(("sending", "paused")),
                        and_(Broadcast.status.in_(FINISHED), Broadcast.reported_at.is_(None),
                             Broadcast.started_at.is_not(None))),
                )
                .order_by(Broadcast.id)
            )
            return list(rows)

    async def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                update(Broadcast)
                .where(Broadcast.id == broadcast_id)
                .values(progress_message_id=message_id)
            )

    async def mark_reported(self, broadcast_id: int, now: dt.datetime) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                update(Broadcast).where(Broadcast.id == broadcast_id).values(reported_at=now)
            )

    # ---- subscriptions ---------------------------------------------------------------------

    async def set_subscribed(self, user_id: int, subscribed: bool) -> None:
        async with self._sessions.begin() as session:
            values: dict[str, Any] = {"subscribed": subscribed}
            if subscribed:
                values["unreachable"] = False
            await session.execute(update(User).where(User.id == user_id).values(**values))
            session.add(AuditLog(actor_id=user_id,
                                 action="subscription." + ("on" if subscribed else "off")))


def _reachable() -> ColumnElement[bool]:
    """Subscribed users who started the bot and have not blocked it."""
    return and_(
        User.subscribed.is_(True), User.unreachable.is_(False), User.chat_id.is_not(None)
    )
