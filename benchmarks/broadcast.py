"""Broadcast delivery: sustained rate against the fake Bot API, and database cost per delivery.

The bot's own delivery stack (``BroadcastDelivery``: PTB Bot over aiohttp, pacer, sender,
SQLite) runs in this process; the fake Bot API (``tests/e2e/fakebot.py``) runs in a child
process on 127.0.0.1, as Telegram would be elsewhere. The rate is measured by the fake API,
between the first and the last announcement it accepted; the database cost counts every
statement the sender ran (claims, results, housekeeping) and the time spent in them.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert

from bot.adapters.telegram.delivery import BroadcastDelivery
from bot.broadcast.audience import Audience
from bot.config import Settings
from bot.storage.broadcasts import BroadcastStore
from bot.storage.database import create_engine, session_factory, upgrade
from bot.storage.models import User, utcnow
from tests.e2e.fakebot import FakeBotApi, JSONDict, _Upload
from tests.support.subscribers import subscriber_rows

RUNS = ((30.0, 20.0), (1000.0, 10.0))  # (messages/s, seconds of sending)
TEXT = "Pengumuman uji kecepatan: jadwal seleksi PKA."


class TimedBotApi(FakeBotApi):
    """Notes when each message was accepted, and when all ``expected`` have been."""

    def __init__(self, expected: int) -> None:
        super().__init__()
        self.accepted: list[float] = []
        self.expected = expected
        self.all_accepted = asyncio.Event()

    async def _send_message(self, params: JSONDict, uploads: dict[str, _Upload]) -> JSONDict:
        result = await super()._send_message(params, uploads)
        self.accepted.append(time.monotonic())
        if len(self.accepted) >= self.expected:
            self.all_accepted.set()
        return result


async def serve(expected: int, seconds: float) -> None:
    """The child process: print the base URL, then the acceptance times as one JSON line."""
    async with TimedBotApi(expected) as api:
        print(api.base_url, flush=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(api.all_accepted.wait(), seconds)
        accepted = api.accepted
        print(json.dumps({"count": len(accepted), "first": accepted[0] if accepted else 0,
                          "last": accepted[-1] if accepted else 0}), flush=True)


@dataclass
class StatementCost:
    """Every SQL statement the engine runs, counted and timed."""

    count: int = 0
    seconds: float = 0.0

    def watch(self, engine: Any) -> None:
        started: dict[int, float] = {}

        @event.listens_for(engine.sync_engine, "before_cursor_execute")
        def before(conn: Any, cursor: Any, *_: Any) -> None:
            started[id(cursor)] = time.perf_counter()

        @event.listens_for(engine.sync_engine, "after_cursor_execute")
        def after(conn: Any, cursor: Any, *_: Any) -> None:
            self.count += 1
            self.seconds += time.perf_counter() - started.pop(id(cursor), time.perf_counter())


async def measure(rate: float, seconds: float, folder: Path) -> None:
    recipients = int(rate * seconds)
    engine = create_engine(f"sqlite+aiosqlite:///{folder / f'bench-{rate:g}.db'}")
    await upgrade(engine)
    sessions = session_factory(engine)
    async with sessions.begin() as session:
        await session.execute(
            insert(User), subscriber_rows(range(10_000_000, 10_000_000 + recipients)))
    store = BroadcastStore(sessions)
    await store.create(text=TEXT, attachment=None, audience=Audience(), created_by=None,
                       send_at=utcnow(), progress_chat_id=None)
    cost = StatementCost()
    cost.watch(engine)
    patience = seconds * 3 + 30
    fake_api = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "benchmarks.broadcast", "--serve", str(recipients),
        str(patience), stdout=asyncio.subprocess.PIPE)
    assert fake_api.stdout is not None
    base_url = (await fake_api.stdout.readline()).decode().strip()
    settings = Settings(telegram_bot_token=FakeBotApi().token, telegram_api_base_url=base_url,
                        broadcast_rate=rate, data_dir=folder)
    delivery = BroadcastDelivery(settings, store)
    cpu = time.process_time()
    await delivery.start()
    result = json.loads(await asyncio.wait_for(fake_api.stdout.readline(), patience + 10))
    cpu = time.process_time() - cpu
    await delivery.stop()
    await fake_api.wait()
    await engine.dispose()
    sent = result["count"]
    elapsed = result["last"] - result["first"]
    achieved = (sent - 1) / elapsed
    print(f"\nrate limit {rate:g}/s: {sent} of {recipients} messages in {elapsed:.2f} s")
    print(f"  sustained          {achieved:8.1f} messages/s  ({achieved / rate:.1%} of the limit)")
    print(f"  database           {cost.count / sent:8.3f} statements/delivery   "
          f"{cost.seconds * 1000 / sent:.3f} ms/delivery  (batches of "
          f"{delivery.sender.batch})")
    print(f"  bot process CPU    {cpu * 1000 / sent:8.3f} ms/delivery")


async def main() -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.platform()}; {dt.date.today()}")
    print("broadcast delivery: bot stack and SQLite here, the fake Bot API in a child process")
    with tempfile.TemporaryDirectory() as folder:
        for rate, seconds in RUNS:
            await measure(rate, seconds, Path(folder))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        asyncio.run(serve(int(sys.argv[2]), float(sys.argv[3])))
    else:
        asyncio.run(main())
