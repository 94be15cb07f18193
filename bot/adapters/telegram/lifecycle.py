"""Start and stop the PTB Application outside its own ``run_*`` methods (polling and webhook)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator
from typing import Any

from telegram.ext import Application

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


@contextlib.asynccontextmanager
async def running(application: AnyApplication) -> AsyncIterator[asyncio.Event]:
    """The application started (``post_init`` included); yields the event SIGTERM/SIGINT set.

    PTB calls ``post_init``/``post_shutdown`` only inside its own ``run_*`` methods, so they
    are called here. Each step done is undone, last first, also when a later step failed.
    """
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    async with contextlib.AsyncExitStack() as undo:
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(number, stopping.set)
            undo.callback(loop.remove_signal_handler, number)
        await application.initialize()
        undo.push_async_callback(_shut_down, application)
        if application.post_init is not None:
            await application.post_init(application)  # services, menus, the lease
        await application.start()
        undo.push_async_callback(_stop, application)
        yield stopping


async def _stop(application: AnyApplication) -> None:
    await application.stop()
    if application.post_stop is not None:
        await application.post_stop(application)


async def _shut_down(application: AnyApplication) -> None:
    """``post_shutdown`` first, while the bot can still send: the broadcast sender stops
    (unsent rows return to pending) and the scheduler lease is released."""
    if application.post_shutdown is not None:
        await application.post_shutdown(application)
    await application.shutdown()
