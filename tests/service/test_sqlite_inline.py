"""SQLite through SQLAlchemy runs on the loop's thread and keeps the usual error behaviour."""

from __future__ import annotations

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
