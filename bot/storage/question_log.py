"""The question log, written behind the reply: rows are buffered and inserted in batches.

Logging a question is the one write on the path of every answer; as its own transaction it cost
more CPU than finding the answer. Buffered, a batch of rows costs one transaction. Readers of the
log in this process flush first (``flush``), so they always see every question asked here; the
rows still buffered when a process is killed outright (at most ``FLUSH_SECONDS`` of questions)
are the price. A clean stop flushes. Each row carries a random ``ref`` that buttons name, so a
reply never waits for the database to hand out an id.

A row keeps only the question's topical words, those the knowledge base itself uses (``topical``):
what HR needs to see what is asked and missing, without the names, places, units, jobs and
numbers people type about themselves ("saya rina, epidemiolog di dinas kesehatan sleman"). The
log then holds no personal text to survive erasure (UU 27/2022): unlinking the user is enough.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import QuestionLog, User, utcnow

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.2
BATCH_ROWS = 500
MAX_BUFFERED = 50_000  # if the database is down this long, memory is kept bounded
REF_BYTES = 6  # 48 random bits, checked together with the asker's user id


def topical(words: Iterable[str], is_topical: Callable[[str], bool]) -> str:
    """The words worth logging: known to the knowledge base, without digits, in order."""
    return " ".join(w for w in words
                    if not any(c.isdigit() for c in w) and is_topical(w))


def new_ref() -> str:
    return secrets.token_urlsafe(REF_BYTES)


class QuestionLogBuffer:
    """Rows waiting to be inserted, and the task that inserts them."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._rows: list[dict[str, Any]] = []
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None

    def add(self, *, user_id: int | None, normalised: str, entry_id: str | None, score: float,
            decision: str, answered: bool) -> str:
        """Queue one row; returns its ref at once."""
        ref = new_ref()
        self._rows.append({
            "ref": ref, "user_id": user_id, "normalised": normalised[:500],
            "entry_id": entry_id, "score": score, "decision": decision, "answered": answered,
            "asked_at": utcnow()})
        if len(self._rows) > MAX_BUFFERED:
            del self._rows[0]
            log.error("question log buffer full: the oldest buffered question was dropped")
        if self._task is None:
            self._start()
        elif len(self._rows) >= BATCH_ROWS and self._wake is not None:
            self._wake.set()
        return ref

    async def flush(self) -> None:
        """Insert everything buffered so far; readers call this before reading the log."""
        async with self._lock:
            while self._rows:
                batch, self._rows = self._rows[:BATCH_ROWS], self._rows[BATCH_ROWS:]
                try:
                    await self._insert(batch)
                except SQLAlchemyError:
                    self._rows[:0] = batch  # kept for the next attempt
                    raise

    async def close(self) -> None:
        """Stop the background task and write what is left."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await self.flush()

    def _start(self) -> None:
        self._wake = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(
            self._run(), name="question-log-writer")

    async def _run(self) -> None:
        assert self._wake is not None
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), FLUSH_SECONDS)
            self._wake.clear()
            try:
                await self.flush()
            except SQLAlchemyError as exc:
                log.warning("question log not written yet (%s); retrying", type(exc).__name__)
                await asyncio.sleep(1.0)

    async def _insert(self, batch: list[dict[str, Any]]) -> None:
        try:
            async with self._sessions.begin() as session:
                await session.execute(insert(QuestionLog), batch)
        except IntegrityError:
            # Someone in the batch deleted their data meanwhile: their rows lose the link.
            async with self._sessions.begin() as session:
                ids = {r["user_id"] for r in batch if r["user_id"] is not None}
                alive = set(await session.scalars(select(User.id).where(User.id.in_(ids))))
                await session.execute(insert(QuestionLog), [
                    {**r, "user_id": r["user_id"] if r["user_id"] in alive else None}
                    for r in batch])
