"""Chat latency while another process holds SQLite's write lock for 10 s and for 30 s.

The real ``karierbot run`` process polls the fake Bot API (tests/e2e/fakebot.py, in this
process); USERS employees each ask a question, wait for the answer, pause, ask again. A child
process takes the write lock (``BEGIN IMMEDIATE``, as a backup or a second writer would) for
10 s, releases it, and later for 30 s. Reported: per phase the worst and median reply time,
replies that were the error apology, and questions never answered.

    .venv/bin/python -m benchmarks.lock [--users 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.core import texts
from tests.e2e.fakebot import FakeBotApi

KARIERBOT = str(Path(sys.executable).parent / "karierbot")
QUESTION = "brp JP minimal diklat setahun?"
HOLD = """\
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute('BEGIN IMMEDIATE')
print('locked', flush=True)
time.sleep(float(sys.argv[2]))
c.rollback()
"""


async def main(users: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "lock.db"
        async with FakeBotApi() as api:
            env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token,
                   "TELEGRAM_API_BASE_URL": api.base_url, "DATABASE_URL": f"sqlite:///{db}",
                   "KARIERBOT_DATA_DIR": folder, "KARIERBOT_FLOOD_LIMIT": "100000"}
            bot = await asyncio.create_subprocess_exec(
                KARIERBOT, "run", env=env, stdout=sys.stderr, stderr=sys.stderr,
                stdin=asyncio.subprocess.DEVNULL)
            await api.wait_for_call("setMyCommands", timeout=60)
            phase = ["before"]
            results: list[tuple[str, float, bool]] = []
            asked = [0]
            stop = asyncio.Event()

            async def employee(user: int) -> None:
                while not stop.is_set():
                    started, label = time.monotonic(), phase[0]
                    api.send_message(user, QUESTION)
                    asked[0] += 1
                    (reply,) = await api.wait_for_messages(user, timeout=120)
                    results.append((label, time.monotonic() - started,
                                    reply.plain_text == texts.ERROR))
                    await asyncio.sleep(0.5)

            async def hold(seconds: float, label: str) -> None:
                holder = await asyncio.create_subprocess_exec(
                    sys.executable, "-c", HOLD, str(db), str(seconds),
                    stdout=asyncio.subprocess.PIPE)
                assert holder.stdout is not None
                await holder.stdout.readline()
                phase[0] = label
                print(f"{label}: held", file=sys.stderr, flush=True)
                await holder.wait()
                phase[0] = "after " + label

            workers = [asyncio.create_task(employee(5000 + n)) for n in range(users)]
            await asyncio.sleep(5)
            await hold(10, "lock 10 s")
            await asyncio.sleep(10)
            await hold(30, "lock 30 s")
            await asyncio.sleep(10)
            stop.set()
            outcome = await asyncio.gather(*workers, return_exceptions=True)
            unanswered = sum(isinstance(o, BaseException) for o in outcome)
            bot.terminate()
            await bot.wait()
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}; {users} users")
    print("| phase | replies | median s | worst s | error replies |")
    print("| --- | --- | --- | --- | --- |")
    for label in dict.fromkeys(r[0] for r in results):
        times = [r[1] for r in results if r[0] == label]
        errors = sum(r[2] for r in results if r[0] == label)
        print(f"| {label} | {len(times)} | {statistics.median(times):.3f} | {max(times):.2f} "
              f"| {errors} |")
    print(f"questions asked: {asked[0]}, never answered: {unanswered}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10)
    asyncio.run(main(parser.parse_args().users))
