"""Webhook workers sharing one PostgreSQL: secret checked, each update handled once, a chat's
updates in order across workers (the request is answered only after the update ran), SIGTERM
finishes the update in flight, and the broadcast sender moves to the surviving worker when its
holder is killed."""

from __future__ import annotations

import asyncio
import contextlib
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

    async def post_raw(self, session: aiohttp.ClientSession, body: bytes,
                       headers: dict[str, str]) -> int:
        async with session.post(self.url, data=body, headers=headers) as response:
            return response.status

    async def listening(self) -> bool:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", self.port)
        except OSError:
            return False
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        return True

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def holds_sender(self) -> bool:
        return "now runs the broadcast sender" in self.log_text()

    async def terminate(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), 30)

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


@contextlib.asynccontextmanager
async def workers_of(api: FakeBotApi, database_url: str, tmp_path: Path,
                     *names: str) -> AsyncIterator[list[Worker]]:
    """Started workers, each listening and registered with the (fake) Bot API."""
    workers = [Worker(api, database_url, tmp_path, name) for name in names]
    for worker in workers:
        await worker.start()
    try:
        await until(lambda: len([c for c in api.calls if c[0] == "setWebhook"]) == len(names),
                    60, "the workers to register")
        yield workers
    finally:
        for worker in workers:
            if worker.process is not None and worker.process.returncode is None:
                await worker.terminate()


def texts_to(api: FakeBotApi, chat_id: int) -> list[str]:
    return [m.plain_text or "" for m in api.messages if m.chat_id == chat_id]


def send_message_to(api: FakeBotApi, chat_id: int) -> bool:
    return any(name == "sendMessage" and params.get("chat_id") == chat_id
               for name, params in api.calls)


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


async def test_a_chat_stays_in_order_across_workers(shared_database: str,
                                                    tmp_path: Path) -> None:
    """Telegram posts a chat's next update only after the previous request was answered. The
    answer comes after the reply was sent, so update N+1 on worker B cannot overtake update N
    on worker A; PTB's own server answered at once and this test would fail with it."""
    async with (FakeBotApi() as api, aiohttp.ClientSession() as session,
                workers_of(api, shared_database, tmp_path, "a", "b") as (first, second)):
        release = api.hold("sendMessage", chat_id=801)
        slow = asyncio.create_task(first.post(session, message_update(11, 801, "/bantuan")))
        await until(lambda: send_message_to(api, 801), 20, "the reply to be on its way")
        await asyncio.sleep(0.5)
        assert not slow.done(), "answered before the update was processed"

        # Meanwhile another chat on the same worker is not held up.
        assert await first.post(session, message_update(12, 802, "/bantuan")) == 200
        assert len(texts_to(api, 802)) == 1

        release.set()
        assert await slow == 200
        assert len(texts_to(api, 801)) == 1  # sent before the 200

        assert await second.post(session, message_update(13, 801, "/privasi")) == 200
        replies = texts_to(api, 801)
        assert len(replies) >= 2
        assert "Cara memakai" in replies[0]
        assert "privasi" in replies[-1].casefold()


async def test_webhook_refuses_what_is_not_telegram(shared_database: str,
                                                    tmp_path: Path) -> None:
    nip = "198001012005011001"
    async with (FakeBotApi() as api, aiohttp.ClientSession() as session,
                workers_of(api, shared_database, tmp_path, "a") as (worker,)):
        update = message_update(21, 811, f"/bantuan {nip}")
        assert await worker.post(session, update, secret="") == 403
        assert await worker.post(session, update, secret="salah") == 403
        async with session.post(worker.url, json=update) as response:  # no header at all
            assert response.status == 403
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET,
                   "Content-Type": "application/json"}
        truncated = f'{{"update_id": 22, "message": {{"text": "NIP {nip}"'.encode()
        assert await worker.post_raw(session, truncated, headers) == 400
        assert await worker.post_raw(session, b"[1, 2]", headers) == 400
        assert await worker.post_raw(session, b'{"update_id": "x"}', headers) == 400
        assert await worker.post_raw(session, b'{"update_id": 23, "message": "x"}',
                                     headers) == 400
        huge = b'{"update_id": 24, "pad": "' + b"x" * (1024 * 1024) + b'"}'
        assert await worker.post_raw(session, huge, headers) == 413
        async with session.get(worker.url) as response:
            assert response.status == 405
        assert await worker.post(session, update) == 200
        assert len(texts_to(api, 811)) == 1
        assert await worker.terminate() == 0
        assert nip not in worker.log_text()


async def test_sigterm_finishes_the_update_in_flight(shared_database: str,
                                                     tmp_path: Path) -> None:
    async with (FakeBotApi() as api, aiohttp.ClientSession() as session,
                workers_of(api, shared_database, tmp_path, "a") as (worker,)):
        await until(worker.holds_sender, 30, "the worker to take the lease")
        release = api.hold("sendMessage", chat_id=901)
        in_flight = asyncio.create_task(worker.post(session, message_update(31, 901,
                                                                            "/bantuan")))
        await until(lambda: send_message_to(api, 901), 20, "the reply to be on its way")
        assert worker.process is not None
        worker.process.send_signal(signal.SIGTERM)

        deadline = time.monotonic() + 10
        while await worker.listening():  # new updates are refused: the balancer moves on
            assert time.monotonic() < deadline, "still listening after SIGTERM"
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
        assert worker.process.returncode is None and not in_flight.done()

        release.set()
        assert await in_flight == 200
        assert await asyncio.wait_for(worker.process.wait(), 30) == 0
        assert len(texts_to(api, 901)) == 1
        log = worker.log_text()
        assert "stopping: no new updates" in log
        assert "sender stopped, lease released" in log
