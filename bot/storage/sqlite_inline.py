"""aiosqlite without its worker thread: each SQLite call runs at once on the event loop's thread.

aiosqlite hands every call (cursor, execute, fetch, close, commit) to a thread and back. Under
load each hand-over waits for the GIL, so one query took several milliseconds of wall time and
more CPU than answering the question; with one SQLite connection that capped the bot near
150 messages a second. The queries themselves take microseconds (indexed, WAL, no fsync per
commit), so running them in place is cheaper than the hand-over. The cost: a query that waits
for another process's write lock blocks the loop for that time (``BUSY_TIMEOUT`` at most); the
shell's commands hold it for milliseconds. PostgreSQL deployments do not use this.

The SQLAlchemy dialect stays ``sqlite+aiosqlite``; only the connection it wraps is this one.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Generator
from typing import Any

import aiosqlite

BUSY_TIMEOUT = 5.0  # seconds a write waits for another process's lock


class _RunNow:
    """Stands in for aiosqlite's queue to its worker thread: runs each call as it is queued."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as error:  # handed to the awaiting caller, as aiosqlite does
            if future is None:
                raise
            future.set_exception(error)
        else:
            if future is not None:
                future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """aiosqlite's API and error behaviour, with no thread behind it."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunNow()  # type: ignore[assignment]

    def __await__(self) -> Generator[Any, None, aiosqlite.Connection]:
        return self._connect().__await__()  # the base class would start its thread here


def connector(path: str) -> Callable[[], Awaitable[InlineConnection]]:
    """``async_creator`` for ``create_async_engine``: a connection to the file at ``path``."""

    async def connect() -> InlineConnection:
        connection = InlineConnection(lambda: sqlite3.connect(path, timeout=BUSY_TIMEOUT))
        await connection
        return connection

    return connect
