"""Our own webhook server: Telegram's request is answered only after its update has run.

Telegram sends a chat's next update only once the webhook request carrying the previous one has
been answered, and different chats concurrently (at most ``max_connections`` requests in flight
for the bot). PTB's ``run_webhook`` answers 200 as soon as the update is queued, so with several
workers behind a balancer two updates of one chat could run at once, on two workers, or in the
wrong order. Answering after processing lets Telegram's own sequencing keep each chat in order
across every worker; ``ChatOrderedProcessor`` still deduplicates on ``update_id`` and orders
updates within a worker.

SIGTERM or SIGINT: the listener closes (the balancer sends new updates to other workers), the
requests in flight finish, then the broadcast sender stops and the scheduler lease is released.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
from collections.abc import Sequence
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update

from bot.adapters.telegram import lifecycle
from bot.adapters.telegram.lifecycle import AnyApplication
from bot.config import Settings

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1024 * 1024  # a Telegram update is a few kB; a larger body is not Telegram's
# How long SIGTERM waits for updates in flight; below Kubernetes' default 30 s grace period.
SHUTDOWN_TIMEOUT = 25.0


def webhook_app(application: AnyApplication, path: str, secret: str) -> web.Application:
    """The aiohttp application that takes Telegram's POSTs on ``path``."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, expected):
            log.warning("webhook request refused: missing or wrong secret token")
            return web.Response(status=403)
        body = await request.read()  # over client_max_size aiohttp answers 413 itself
        try:
            data = json.loads(body)
            if not isinstance(data, dict) or type(data.get("update_id")) is not int:
                raise ValueError("not an update")
            update = Update.de_json(data, application.bot)
        except Exception as exc:  # never log the body: it holds message text and NIPs
            log.warning("webhook request refused: not a valid update (%s)", type(exc).__name__)
            return web.Response(status=400)
        return await _process(application, update)

    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app.router.add_post(path, receive)
    return app


async def _process(application: AnyApplication, update: Update) -> web.Response:
    """Run the update through PTB's update processor, then answer.

    The processor claims ``update_id`` first: a redelivered update returns at once and is
    answered 200. A failing handler has been through the error handler (the user was told) and
    is answered 200 too, since a non-2xx answer makes Telegram deliver the same update again
    and again while the chat's later updates wait. Only when the update could not run at all
    (the claim failed: the database is unreachable) is the answer 500, so Telegram retries it.
    """
    coroutine = application.process_update(update)
    try:
        await application.update_processor.process_update(update, coroutine)
    except Exception as exc:
        coroutine.close()  # never awaited when the claim failed; closing it stops the warning
        log.error("update %d not processed: %s", update.update_id, type(exc).__name__,
                  exc_info=exc)
        return web.Response(status=500)
    return web.Response(status=200)


def _path(url: str) -> str:
    return urlsplit(url).path or "/"


async def serve(application: AnyApplication, settings: Settings,
                allowed_updates: Sequence[str]) -> None:
    """Start the bot and the listener, register the webhook, serve until SIGTERM or SIGINT.

    The exit stack undoes each step that was done, last first, also when a later step failed.
    """
    assert settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value()
    async with lifecycle.running(application) as stopping, contextlib.AsyncExitStack() as undo:
        runner = web.AppRunner(
            webhook_app(application, _path(settings.webhook_url), secret),
            access_log=None,  # the request line is all it would add; Telegram is the only client
            shutdown_timeout=SHUTDOWN_TIMEOUT,
            handler_cancellation=False,  # Telegram hanging up must not abort a claimed update
        )
        await runner.setup()
        undo.push_async_callback(runner.cleanup)  # closes the listener, waits for requests
        await web.TCPSite(runner, settings.webhook_listen, settings.webhook_port).start()
        await application.bot.set_webhook(  # only once listening, so the first post lands
            settings.webhook_url,
            secret_token=secret,
            allowed_updates=list(allowed_updates),
            max_connections=settings.webhook_max_connections,
            drop_pending_updates=False,
        )
        log.info("webhook server listening on %s:%d", settings.webhook_listen,
                 settings.webhook_port)
        await stopping.wait()
        log.info("stopping: no new updates; finishing those in flight")
    log.info("stopped: updates in flight finished, sender stopped, lease released")

