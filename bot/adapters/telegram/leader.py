"""Work that runs in exactly one process at a time: the broadcast sender and retention.

Every worker runs this loop; the one holding the scheduler lease (bot/storage/lease.py) starts the
sender, the others keep trying, and when the holder dies its lease passes on within one period.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from bot.adapters.telegram.delivery import BroadcastDelivery
from bot.storage.lease import Lease
from bot.storage.repository import Store

log = logging.getLogger(__name__)

CHECK_SECONDS = 5.0
RETENTION_EVERY_SECONDS = 24 * 3600.0


class LeaderWork:
    """Starts the sender while this process holds the lease; stops it when the lease is lost."""

    def __init__(self, lease: Lease, delivery: BroadcastDelivery, store: Store,
                 retention_days: int) -> None:
        self._lease = lease
        self._delivery = delivery
        self._store = store
        self._retention_days = retention_days
        self._task: asyncio.Task[None] | None = None
        self._sending = False
        self._last_retention = float("-inf")

    async def start(self) -> None:
        await self._tick()  # a single worker starts sending at once
        self._task = asyncio.create_task(self._loop(), name="leader-work")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._sending:
            await self._delivery.stop()
            self._sending = False
        await self._lease.release()

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(CHECK_SECONDS)
            try:
                await self._tick()
            except Exception:  # a database hiccup must not end the loop for good
                log.exception("leader work check failed")

    async def _tick(self) -> None:
        held = await self._lease.try_acquire()
        if held and not self._sending:
            log.info("this process now runs the broadcast sender")
            await self._delivery.start()
            self._sending = True
        elif not held and self._sending:
            log.warning("scheduler lease lost: stopping the broadcast sender")
            await self._delivery.stop()
            self._sending = False
        if held and time.monotonic() - self._last_retention >= RETENTION_EVERY_SECONDS:
            self._last_retention = time.monotonic()
            unlinked = await self._store.unlink_old_questions(self._retention_days)
            await self._store.forget_processed_updates()
            log.info("retention: %d old questions unlinked from their askers", unlinked)
