"""Long polling that loses nothing when the process is killed: at-least-once handling.

PTB's Updater confirms a batch to Telegram (the next ``getUpdates`` offset) as soon as it is
fetched, so a SIGKILL loses every update fetched but not yet handled. Here a batch is written to
the update inbox (bot/storage/inbox.py, one transaction) before the next ``getUpdates`` call
confirms it; an update leaves the inbox only after it ran, when its id is recorded as processed;
at start the updates a killed process left in the inbox run first. An update Telegram hands out
again whose id is recorded is not run again.

The price of at-least-once: an update whose reply went out in the last milliseconds before a
SIGKILL, before its row was removed, is answered a second time after the restart.

Updates run through PTB's update processor (``ChatOrderedProcessor``): one chat in order,
different chats concurrently. An update PTB cannot parse is skipped once, with one log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import warnings
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.error import InvalidToken
from telegram.warnings import PTBUserWarning

from bot.adapters.telegram import lifecycle
from bot.adapters.telegram.lifecycle import AnyApplication
from bot.storage.inbox import UpdateInbox

log = logging.getLogger(__name__)

POLL_TIMEOUT = 30  # seconds Telegram holds a getUpdates call open when nothing arrives
MAX_IN_FLIGHT = 500  # updates taken but not finished; beyond this, Telegram keeps them
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0, 10.0)  # waits after failed fetches or inbox writes
SHUTDOWN_TIMEOUT = 25.0  # SIGTERM waits this long for updates in flight; the rest stay stored
# getUpdates is called raw (so one unparsable update cannot fail its whole batch); PTB warns
# that Bot.get_updates exists.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.getUpdates'", category=PTBUserWarning)


class Poller:
    """Fetch, store, confirm, run; each update is removed from the inbox after it ran."""

    def __init__(self, application: AnyApplication, inbox: UpdateInbox,
                 allowed_updates: Sequence[str]) -> None:
        self._application = application
        self._inbox = inbox
        self._allowed = list(allowed_updates)
        self._running: set[asyncio.Task[None]] = set()
        self._room = asyncio.Event()
        self._room.set()

    async def run(self, stopping: asyncio.Event) -> None:
        """Until ``stopping`` is set; then the updates in flight finish (bounded wait)."""
        for payload in await self._with_retries(self._inbox.pending, stopping):
            self._start(payload)
        fetching = asyncio.create_task(self._fetch_loop(stopping), name="getUpdates")
        stop = asyncio.create_task(stopping.wait())
        await asyncio.wait({fetching, stop}, return_when=asyncio.FIRST_COMPLETED)
        fetching.cancel()
        stop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await fetching  # an InvalidToken ends polling: raised here
        if self._running:
            log.info("stopping: finishing %d update(s) in flight", len(self._running))
            _, late = await asyncio.wait(self._running, timeout=SHUTDOWN_TIMEOUT)
            for task in late:  # left in the inbox: they run at the next start
                task.cancel()

    async def _fetch_loop(self, stopping: asyncio.Event) -> None:
        offset = 0
        while not stopping.is_set():
            await self._room.wait()
            fetch = functools.partial(self._get_updates, offset)
            batch = await self._with_retries(fetch, stopping)
            if not batch:
                continue
            ids = [p["update_id"] for p in batch if type(p.get("update_id")) is int]
            fresh = await self._with_retries(functools.partial(self._inbox.store, batch), stopping)
            for payload in fresh:
                self._start(payload)
            if ids:
                offset = max(ids) + 1  # the next call confirms this batch, now stored

    async def _get_updates(self, offset: int) -> list[dict[str, Any]]:
        result = await self._application.bot.do_api_request(
            "getUpdates",
            api_kwargs={"offset": offset, "timeout": POLL_TIMEOUT, "limit": 100,
                        "allowed_updates": self._allowed},
            read_timeout=POLL_TIMEOUT + 10,
        )
        return [p for p in result if isinstance(p, dict)] if isinstance(result, list) else []

    async def _with_retries(self, call: Any, stopping: asyncio.Event) -> Any:
        """A failed fetch or inbox write is retried (nothing was confirmed, nothing is lost)."""
        attempt = 0
        while True:
            try:
                return await call()
            except InvalidToken:
                raise
            except Exception as exc:  # a network error, a 409, a locked database
                wait = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                log.warning("polling: %s; retrying in %.1f s", type(exc).__name__, wait)
                attempt += 1
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stopping.wait(), wait)
                if stopping.is_set():
                    return []

    def _start(self, payload: dict[str, Any]) -> None:
        task = asyncio.create_task(self._run(payload), name=f"update-{payload['update_id']}")
        self._running.add(task)
        task.add_done_callback(self._finished)
        if len(self._running) >= MAX_IN_FLIGHT:
            self._room.clear()

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        if len(self._running) < MAX_IN_FLIGHT:
            self._room.set()

    async def _run(self, payload: dict[str, Any]) -> None:
        update_id: int = payload["update_id"]
        application = self._application
        try:
            update = Update.de_json(payload, application.bot)
        except Exception as exc:  # never log the payload: it holds the text
            log.warning("update %d could not be read (%s); skipped", update_id,
                        type(exc).__name__)
        else:
            try:
                await application.update_processor.process_update(
                    update, application.process_update(update))
            except Exception as exc:  # handlers' errors went to on_error
                log.error("update %d not processed: %s", update_id, type(exc).__name__)
        while True:  # the update ran: it must leave the inbox, or it runs again at restart
            try:
                await self._inbox.done(update_id)
                return
            except Exception as exc:  # a locked database: try again
                log.warning("update %d ran but is not marked done yet (%s)", update_id,
                            type(exc).__name__)
                await asyncio.sleep(1.0)


async def serve(application: AnyApplication, allowed_updates: Sequence[str]) -> None:
    """Start the bot, poll until SIGTERM or SIGINT, finish what is in flight, stop."""
    async with lifecycle.running(application) as stopping:
        await application.bot.delete_webhook(drop_pending_updates=False)
        inbox: UpdateInbox = application.bot_data["services"].store.inbox
        log.info("polling for updates")
        await Poller(application, inbox, allowed_updates).run(stopping)
    log.info("stopped: updates in flight finished, sender stopped, lease released")
