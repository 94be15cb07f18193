"""Exactly one process holds the scheduler lease; it passes on when the holder goes away."""

from __future__ import annotations

from sqlalchemy import text

from bot.storage.database import create_engine
from bot.storage.lease import Lease


async def test_one_holder_at_a_time_and_take_over(database_url: str) -> None:
    first_engine, second_engine = create_engine(database_url), create_engine(database_url)
    first, second = Lease(first_engine, key=42), Lease(second_engine, key=42)
    try:
        assert await first.try_acquire()
        if first_engine.dialect.name != "postgresql":  # one process: always the holder
            assert await second.try_acquire() and await first.alive()
            return
        assert not await second.try_acquire()
        assert await first.alive()
        async with second_engine.connect() as admin:  # the holder's process dies
            await admin.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks "
                "WHERE locktype = 'advisory' AND objid = 42"))
        assert not await first.alive()
        assert await second.try_acquire()
        assert await second.alive()
        await second.release()
        assert not second.held
    finally:
        await first.release()
        await second.release()
        await first_engine.dispose()
        await second_engine.dispose()
