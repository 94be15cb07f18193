"""The webhook server's answers, in process: after processing, 200 for a redelivery, 500 only
when the update could not run at all (its claim failed)."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.adapters.telegram.ordering import ChatOrderedProcessor
from bot.adapters.telegram.webhook import SECRET_HEADER, webhook_app

SECRET = "rahasia-uji-123"
UPDATE = {"update_id": 7, "message": {
    "message_id": 1, "date": 0, "text": "halo",
    "chat": {"id": 5, "type": "private"}, "from": {"id": 5, "is_bot": False, "first_name": "A"}}}


class StubApplication:
    """What the webhook server uses of a PTB Application: bot, update_processor and
    process_update."""

    def __init__(self, claim: Callable[[int], Awaitable[bool]]) -> None:
        self.bot = None
        self.update_processor = ChatOrderedProcessor(4, claim)
        self.handled: list[int] = []
        self.coroutines: list[Coroutine[Any, Any, None]] = []
        self.gate = asyncio.Event()
        self.gate.set()

    def process_update(self, update: Any) -> Coroutine[Any, Any, None]:
        async def run() -> None:
            await self.gate.wait()
            self.handled.append(update.update_id)

        self.coroutines.append(run())
        return self.coroutines[-1]


async def client_for(application: StubApplication) -> TestClient[Any, Any]:
    client = TestClient(TestServer(webhook_app(application, "/telegram", SECRET)))
    await client.start_server()
    return client


async def post(client: TestClient[Any, Any]) -> int:
    response = await client.post("/telegram", json=UPDATE, headers={SECRET_HEADER: SECRET})
    return response.status


async def test_answers_after_processing_and_once_per_update() -> None:
    seen: set[int] = set()

    async def claim(update_id: int) -> bool:
        first = update_id not in seen
        seen.add(update_id)
        return first

    application = StubApplication(claim)
    client = await client_for(application)
    try:
        application.gate.clear()
        request = asyncio.create_task(post(client))
        await asyncio.sleep(0.2)
        assert not request.done()  # not answered while the update is still running
        application.gate.set()
        assert await request == 200
        assert application.handled == [7]
        assert await post(client) == 200  # Telegram's redelivery: answered, not run again
        assert application.handled == [7]
    finally:
        await client.close()


async def test_a_failed_claim_is_answered_500_so_telegram_retries() -> None:
    async def claim(update_id: int) -> bool:
        raise ConnectionError("database unreachable")

    application = StubApplication(claim)
    client = await client_for(application)
    try:
        assert await post(client) == 500
        assert application.handled == []
        (coroutine,) = application.coroutines  # closed, so no "never awaited" warning
        assert inspect.getcoroutinestate(coroutine) == inspect.CORO_CLOSED
    finally:
        await client.close()
