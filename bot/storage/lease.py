"""A lease held by exactly one process at a time, for work that must not run twice.

On PostgreSQL it is a session advisory lock on a connection kept open for as long as the lease is
held: when the holder dies its connection closes, the lock is released, and another worker takes
the lease over on its next try. SQLite serves a single process, which always holds the lease.
"""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

SCHEDULER_LEASE = 7_153_001  # broadcast sender and scheduled jobs


class Lease:
    """``await lease.try_acquire()`` until it returns True; ``await lease.alive()`` to check."""

    def __init__(self, engine: AsyncEngine, key: int = SCHEDULER_LEASE) -> None:
        self._engine = engine
        self._key = key
        self._connection: AsyncConnection | None = None
        self._single_process = engine.dialect.name != "postgresql"
        self.held = False

    async def try_acquire(self) -> bool:
        if self.held:
            return await self.alive()
        if self._single_process:
            self.held = True
            return True
        connection = await self._engine.connect()
        try:
            got = await connection.scalar(text("SELECT pg_try_advisory_lock(:key)"),
                                          {"key": self._key})
            await connection.commit()
        except (DBAPIError, OperationalError):
            await connection.close()
            raise
        if not got:
            await connection.close()
            return False
        self._connection, self.held = connection, True
        log.info("lease %d acquired", self._key)
        return True

    async def alive(self) -> bool:
        """False once the lock's connection is gone (the lease is then lost)."""
        if not self.held:
            return False
        if self._connection is None:
            return True
        try:
            await self._connection.scalar(text("SELECT 1"))
            await self._connection.commit()
        except (DBAPIError, OperationalError):
            log.warning("lease %d lost: its connection failed", self._key)
            await self._drop()
            return False
        return True

    async def release(self) -> None:
        if self._connection is not None:
            try:
                await self._connection.scalar(text("SELECT pg_advisory_unlock(:key)"),
                                              {"key": self._key})
                await self._connection.commit()
            except (DBAPIError, OperationalError):
                log.warning("lease %d: unlock failed; closing the connection releases it",
                            self._key)
        await self._drop()

    async def _drop(self) -> None:
        connection, self._connection, self.held = self._connection, None, False
        if connection is not None:
            try:
                await connection.close()
            except (DBAPIError, OperationalError):
                await connection.invalidate()
