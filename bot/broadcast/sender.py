"""The one loop that turns delivery rows into messages, at the configured pace.

Each step records the previous batch's outcomes and claims the next batch (with a lease) in one
transaction, then sends the batch concurrently through the pacer. The database is the only
state: a sender killed at any moment is replaced by one that continues from the rows.

Duplicate window: a message Telegram accepted is recorded as sent only when its batch is
recorded, right after the batch. A crash between the two leaves those rows claimed; when the
lease runs out they are sent again. So at most one batch (``batch_size``, half a second of
traffic) can reach someone twice, and only after a crash. A timeout on a message Telegram did
accept is retried too.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections import Counter
from collections.abc import Sequence

from bot.broadcast.pacing import Pacer
from bot.broadcast.progress import announcement, final_report, progress_message
from bot.broadcast.transport import (
    FloodWait,
    Rejected,
    Sent,
    Transient,
    Transport,
    Unreachable,
)
from bot.core.messages import Outgoing
from bot.storage.broadcasts import FINISHED, BroadcastStore, Claim, Result
from bot.storage.models import Broadcast, utcnow

log = logging.getLogger(__name__)

LEASE = dt.timedelta(seconds=10)
IDLE_POLL = 1.0  # seconds between looks at the database when there is nothing to send
PROGRESS_EVERY = 3.0  # seconds between edits of HR's progress message
MAX_ATTEMPTS = 6
MAX_BACKOFF = 300.0
# Requests in flight at once: enough to hide network latency at 1,000 messages/s; more only
# grows the HTTP client's connection pool, whose bookkeeping then costs more than it gains.
MAX_IN_FLIGHT = 32


def batch_size(rate: float) -> int:
    """Half a second of traffic, between 5 and 200 rows: small duplicate window, few queries."""
    return max(5, min(200, round(rate / 2)))


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(MAX_BACKOFF, 2.0**attempts))


class Sender:
    """Claims, paces, sends and records deliveries; keeps HR's progress message current."""

    def __init__(
        self,
        store: BroadcastStore,
        transport: Transport,
        pacer: Pacer,
        *,
        batch: int | None = None,
        lease: dt.timedelta = LEASE,
        idle_poll: float = IDLE_POLL,
        progress_every: float = PROGRESS_EVERY,
    ) -> None:
        self._store = store
        self._transport = transport
        self._pacer = pacer
        self.batch = batch or batch_size(pacer.rate)
        self._lease = lease
        self._idle_poll = idle_poll
        self._progress_every = progress_every
        self._stopping = asyncio.Event()
        self._in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)
        self._content: dict[int, Broadcast] = {}
        self._shown: dict[int, Outgoing] = {}
        self._last_housekeeping = 0.0
        self._unrecorded: list[Result] = []
        self.counts: Counter[str] = Counter()

    async def run(self) -> None:
        """Send until ``stop()``; a failing step is logged and retried after a pause."""
        log.info("broadcast sender started: %.1f messages/s, batches of %d",
                 self._pacer.rate, self.batch)
        while not self._stopping.is_set():
            try:
                worked = await self.step()
            except Exception:
                log.exception("broadcast sender step failed")
                worked = False
            if not worked:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), self._idle_poll)
        await self._record()
        log.info("broadcast sender stopped: %s", dict(self.counts))

    def stop(self) -> None:
        """Finish the batch in flight (unsent rows go back to pending), then leave ``run``."""
        self._stopping.set()

    async def step(self) -> bool:
        """Record the last batch, claim and send the next; housekeeping now and then or when
        idle. False when there was nothing to do."""
        claims = await self._store.record_and_claim(
            self._unrecorded, self.batch, self._lease, utcnow())
        self._unrecorded = []
        if claims:
            self._unrecorded = await self._deliver(claims)
        started = False
        if not claims or time.monotonic() - self._last_housekeeping >= self._progress_every:
            await self._record()
            started = await self._housekeeping()
        return bool(claims) or started

    async def _record(self) -> None:
        if self._unrecorded:
            await self._store.record(self._unrecorded, utcnow())
            self._unrecorded = []

    # ---- sending ---------------------------------------------------------------------------

    async def _deliver(self, claims: Sequence[Claim]) -> list[Result]:
        needed = {c.broadcast_id for c in claims}
        self._content = {i: b for i, b in self._content.items() if i in needed}
        for broadcast_id in needed - set(self._content):
            broadcast = await self._store.get(broadcast_id)
            if broadcast is not None:
                self._content[broadcast_id] = broadcast
        results: dict[int, Result] = {}

        async def deliver(claim: Claim) -> None:
            results[claim.id] = await self._deliver_one(claim)

        keeper = asyncio.create_task(self._keep_leases([c.id for c in claims]))
        try:
            await asyncio.gather(*(deliver(c) for c in claims))
        except BaseException:
            # Cancelled (shutdown): what went out is recorded, the rest is pending again.
            outcomes = [results.get(c.id) or _released(c) for c in claims]
            await asyncio.shield(self._store.record(outcomes, utcnow()))
            raise
        finally:
            keeper.cancel()
        outcomes = [results[c.id] for c in claims]
        self.counts.update(r.error_kind or r.status for r in outcomes)
        return outcomes

    async def _deliver_one(self, claim: Claim) -> Result:
        broadcast = self._content.get(claim.broadcast_id)
        if broadcast is None:  # deleted meanwhile
            return Result(claim, "failed", error_kind="rejected", error="broadcast deleted")
        message = announcement(broadcast.text)
        while True:
            await self._pacer.slot(claim.chat_id)
            if self._stopping.is_set():
                return _released(claim)
            async with self._in_flight:
                outcome = await self._transport.send(
                    claim.chat_id, message, broadcast.attachment
                )
            match outcome:
                case Sent(message_id):
                    return Result(claim, "sent", message_id=message_id)
                case FloodWait(seconds):
                    log.warning("flood wait: holding broadcasts for %.1f s", seconds)
                    self.counts["flood_wait"] += 1
                    self._pacer.hold(seconds)
                case Unreachable(description):
                    return Result(claim, "failed", error_kind="blocked", error=description)
                case Rejected(description):
                    return Result(claim, "failed", error_kind="rejected", error=description)
                case Transient(description):
                    if claim.attempts >= MAX_ATTEMPTS:
                        return Result(claim, "failed", error_kind="network", error=description)
                    return Result(claim, "pending", not_before=utcnow() + backoff(claim.attempts))

    async def _keep_leases(self, delivery_ids: list[int]) -> None:
        """Renew the batch's lease while it is being sent (a long flood wait, a slow rate)."""
        while True:
            await asyncio.sleep(self._lease.total_seconds() / 3)
            await self._store.extend_lease(delivery_ids, utcnow() + self._lease)

    # ---- progress for HR -------------------------------------------------------------------

    async def _housekeeping(self) -> bool:
        """Start due broadcasts, finish complete ones, update HR; True if one started."""
        self._last_housekeeping = time.monotonic()
        started = await self._store.start_due(utcnow())
        await self._store.finish_complete(utcnow())
        for broadcast in await self._store.watched():
            await self._show_progress(broadcast)
        return bool(started)

    async def _show_progress(self, broadcast: Broadcast) -> None:
        chat_id = broadcast.progress_chat_id
        if chat_id is None:
            return
        progress = await self._store.progress(broadcast.id)
        message = progress_message(broadcast, progress, self._pacer.rate)
        if broadcast.progress_message_id is None:
            posted = await self._transport.send(chat_id, message)
            if isinstance(posted, Sent):
                await self._store.set_progress_message(broadcast.id, posted.message_id)
        elif self._shown.get(broadcast.id) != message:
            await self._transport.edit(chat_id, broadcast.progress_message_id, message)
        self._shown[broadcast.id] = message
        if broadcast.status in FINISHED:
            await self._transport.send(chat_id, final_report(broadcast, progress))
            await self._store.mark_reported(broadcast.id, utcnow())
            self._shown.pop(broadcast.id, None)


def _released(claim: Claim) -> Result:
    return Result(claim, "pending")
