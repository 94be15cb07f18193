"""SQLite through SQLAlchemy runs on the loop's thread and keeps the usual error behaviour."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from bot.storage import sqlite_inline
from bot.storage.database import create_engine, upgrade
from bot.storage.models import User


def user_row(external_id: str) -> dict[str, object]:
    return {"channel": "telegram", "external_id": external_id, "role": "employee",
            "subscribed": False}


async def test_queries_run_without_a_worker_thread(tmp_path: Path) -> None:
    threads = threading.active_count()
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    await upgrade(engine)
    async with engine.begin() as connection:
        await connection.execute(insert(User), [user_row("1"), user_row("2")])
    async with engine.connect() as connection:
        ids = list(await connection.scalars(select(User.external_id).order_by(User.id)))
    assert ids == ["1", "2"]
    assert threading.active_count() == threads
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(insert(User), [user_row("1")])
    async with engine.connect() as connection:  # the connection is still good after the error
        assert len(list(await connection.scalars(select(User.id)))) == 2
    await engine.dispose()


async def test_a_lock_held_elsewhere_fails_after_the_busy_timeout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_inline, "BUSY_TIMEOUT", 0.2)
    path = tmp_path / "x.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await upgrade(engine)
    other = sqlite3.connect(path)  # another process's shell command, say
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(OperationalError, match="locked"):
        async with engine.begin() as connection:
            await connection.execute(insert(User), [user_row("1")])
    other.rollback()
    other.close()
    async with engine.begin() as connection:
        await connection.execute(insert(User), [user_row("1")])
    await engine.dispose()


async def test_a_lock_held_elsewhere_does_not_block_the_loop_and_the_write_goes_through(
        tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await upgrade(engine)
    other = sqlite3.connect(path)
    other.execute("BEGIN IMMEDIATE")
    loop = asyncio.get_running_loop()
    gaps: list[float] = []

    async def ticker() -> None:
        last = loop.time()
        while True:
            await asyncio.sleep(0.005)
            gaps.append(loop.time() - last)
            last = loop.time()

    async def write() -> None:
        async with engine.begin() as connection:
            await connection.execute(insert(User), [user_row("1")])

    ticking = asyncio.create_task(ticker())
    writing = asyncio.create_task(write())
    await asyncio.sleep(1.0)
    assert not writing.done()  # still waiting for the lock, asleep
    other.rollback()
    other.close()
    await asyncio.wait_for(writing, 2.0)
    ticking.cancel()
    assert max(gaps) < 0.1, f"the loop was blocked for {max(gaps):.3f} s"
    async with engine.connect() as connection:
        assert list(await connection.scalars(select(User.external_id))) == ["1"]
    await engine.dispose()
