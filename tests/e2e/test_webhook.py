"""Two webhook workers share one PostgreSQL: secret checked, each update handled once, and the
broadcast sender moves to the surviving worker when its holder is killed."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import insert

from bot.storage.database import create_engine, upgrade
from bot.storage.models import User
from tests.e2e.fakebot import FakeBotApi
from tests.e2e.test_bot_process import KARIERBOT
from tests.support.postgres import PostgresServer
from tests.support.subscribers import subscriber_rows

SECRET = "rahasia-uji-123"
SUBSCRIBERS = range(700_001, 700_041)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def message_update(update_id: int, user: int, text: str) -> dict[str, Any]:
    entities = ([{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
                if text.startswith("/") else [])
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "text": text, "entities": entities,
        "chat": {"id": user, "type": "private", "first_name": "Pegawai"},
        "from": {"id": user, "is_bot": False, "first_name": "Pegawai"}}}


@pytest.fixture
async def shared_database(postgres: PostgresServer | None) -> AsyncIterator[str]:
    if postgres is None:
        pytest.skip("PostgreSQL binaries not installed (make test installs them)")
    url = await postgres.create_database()
    engine = create_engine(url)
    await upgrade(engine)
    async with engine.begin() as connection:
        await connection.execute(insert(User), subscriber_rows(SUBSCRIBERS))
    await engine.dispose()
    yield url


class Worker:
    def __init__(self, api: FakeBotApi, database_url: str, tmp_path: Path, name: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/telegram"
        self.log = tmp_path / f"{name}.log"
        self.env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token,
                    "TELEGRAM_API_BASE_URL": api.base_url, "DATABASE_URL": database_url,
                    "KARIERBOT_WEBHOOK_URL": self.url, "KARIERBOT_WEBHOOK_PORT": str(self.port),
                    "KARIERBOT_WEBHOOK_SECRET": SECRET, "KARIERBOT_DATA_DIR": str(tmp_path),
                    "KARIERBOT_BROADCAST_RATE": "200"}
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = await asyncio.create_subprocess_exec(
                KARIERBOT, "run", "--webhook", env=self.env, stdout=out, stderr=out,
                stdin=asyncio.subprocess.DEVNULL)

    async def post(self, session: aiohttp.ClientSession, update: dict[str, Any],
                   secret: str = SECRET) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
        async with session.post(self.url, json=update, headers=headers) as response:
            return response.status

    def holds_sender(self) -> bool:
        return "now runs the broadcast sender" in self.log.read_text(errors="replace")

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
            await self.process.wait()


async def until(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def test_two_workers_one_database(shared_database: str, tmp_path: Path) -> None:
    async with FakeBotApi() as api, aiohttp.ClientSession() as session:
        workers = [Worker(api, shared_database, tmp_path, name) for name in ("a", "b")]
        for worker in workers:
            await worker.start()
        try:
            await until(lambda: len([c for c in api.calls if c[0] == "setWebhook"]) == 2, 60,
                        "both workers to register")
            await until(lambda: any(w.holds_sender() for w in workers), 30, "a sender")
            first, second = workers

            assert await first.post(session, message_update(1, 501, "/bantuan"),
                                    secret="salah") == 403
            status = await first.post(session, message_update(2, 501, "apa itu sistem merit"))
            assert status == 200
            (answer,) = await api.wait_for_messages(501, 1, timeout=20)
            assert "merit" in (answer.plain_text or "").casefold()
            assert await second.post(session, message_update(2, 501,
                                                             "apa itu sistem merit")) == 200
            for n in range(10):  # different chats, spread over both workers
                await workers[n % 2].post(session, message_update(100 + n, 600 + n, "/bantuan"))
            for n in range(10):
                await api.wait_for_messages(600 + n, 1, timeout=20)
            await asyncio.sleep(1.0)
            assert [m.chat_id for m in api.messages].count(501) == 1  # the redelivery ran once

            holder = first if first.holds_sender() else second
            survivor = second if holder is first else first
            await holder.kill()
            process = await asyncio.create_subprocess_exec(
                KARIERBOT, "broadcast", "create", "--text", "Pengumuman uji webhook", "--yes",
                env=survivor.env, stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL)
            assert await asyncio.wait_for(process.wait(), 60) == 0
            await until(survivor.holds_sender, 30, "the survivor to take the sender over")

            def copies() -> dict[int, int]:
                counts: dict[int, int] = {}
                for message in api.messages:
                    if (message.method == "sendMessage"
                            and "Pengumuman uji webhook" in (message.plain_text or "")):
                        counts[message.chat_id] = counts.get(message.chat_id, 0) + 1
                return counts

            await until(lambda: len(copies()) == len(SUBSCRIBERS), 60, "every subscriber")
            await asyncio.sleep(1.0)
            assert set(copies().values()) == {1}
        finally:
            for worker in workers:
                if worker.process is not None and worker.process.returncode is None:
                    worker.process.send_signal(signal.SIGTERM)
                    await asyncio.wait_for(worker.process.wait(), 30)
