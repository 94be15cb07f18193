"""aiosqlite without its worker thread: each SQLite call runs at once on the event loop's thread.

aiosqlite hands every call (cursor, execute, fetch, close, commit) to a thread and back. Under
load each hand-over waits for the GIL, so one query took several milliseconds of wall time and
more CPU than answering the question; with one SQLite connection that capped the bot near
150 messages a second. The queries themselves take microseconds (indexed, WAL, no fsync per
commit), so running them in place is cheaper than the hand-over.

Another process's write lock (a backup, a shell command) must not freeze the loop: SQLite's own
busy timeout would sleep inside the call, on the loop's thread. So connections wait 0 ms, and a
call that finds the database locked is retried after an ``asyncio.sleep`` (1 ms, doubling to
50 ms) for up to ``BUSY_TIMEOUT``: other chats' work runs meanwhile, and the call goes through
the moment the lock is released. PostgreSQL deployments do not use this.

The SQLAlchemy dialect stays ``sqlite+aiosqlite``; only the connection it wraps is this one.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Generator
from typing import Any

import aiosqlite

BUSY_TIMEOUT = 60.0  # seconds a call waits, asleep, for another process's lock
_FIRST_WAIT, _LONGEST_WAIT = 0.001, 0.05
_SQLITE_BUSY = 5


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

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run now; while another connection holds the lock, sleep (not block) and retry.

        A statement refused with SQLITE_BUSY did not run, so running it again is safe.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + BUSY_TIMEOUT
        wait = _FIRST_WAIT
        while True:
            try:
                return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]
            except sqlite3.OperationalError as error:
                if (getattr(error, "sqlite_errorcode", 0) & 0xFF != _SQLITE_BUSY
                        or loop.time() + wait > deadline):
                    raise
            await asyncio.sleep(wait)
            wait = min(wait * 2, _LONGEST_WAIT)


def connector(path: str) -> Callable[[], Awaitable[InlineConnection]]:
    """``async_creator`` for ``create_async_engine``: a connection to the file at ``path``."""

    async def connect() -> InlineConnection:
        connection = InlineConnection(lambda: sqlite3.connect(path, timeout=0))
        await connection
        return connection

    return connect
