"""Load test: the real bot process, driven through the fake Bot API by many simulated users.

Two scenarios, each against ``karierbot run`` and against a bare PTB echo bot (the ceiling):
a burst (50 users send 2,000 questions at once) and a closed loop (200 users, each sending its
next question when the previous answer arrives). Prints throughput and reply latency; every
message must be answered. Each scenario runs several rounds, the two bots alternating, and the
median round is reported (a shared machine drifts); `--postgresql` puts our bot on PostgreSQL.
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
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.config import REPO_ROOT
from tests.e2e.fakebot import FakeBotApi
from tests.support.postgres import PostgresServer

QUESTIONS = [item["q"] for item in yaml.safe_load(
    (REPO_ROOT / "tests" / "content" / "heldout_questions.yaml").read_text(encoding="utf-8"))]
BURST_USERS, BURST_MESSAGES = 50, 2000
LOOP_USERS, LOOP_ROUNDS = 200, 10


class TimedFakeBotApi(FakeBotApi):
    """Stamps every message the bot sends with its arrival time, and wakes only its chat's user.

    The fake's own ``wait_for_messages`` wakes every waiter on every message, which with 200
    users costs the driver more CPU than the bot spends answering: the driver would be measured.
    """

    def __init__(self) -> None:
        super().__init__()
        self.arrivals: list[float] = []
        self.replies: dict[int, int] = {}
        self._waiting: dict[int, asyncio.Event] = {}
        self.validate_html(False)  # the fake's HTML parser would be the bottleneck, not the bot

    def _record(self, *args: Any, **kwargs: Any) -> None:
        super()._record(*args, **kwargs)
        self.arrivals.append(time.perf_counter())
        chat = self.messages[-1].chat_id
        self.replies[chat] = self.replies.get(chat, 0) + 1
        if chat in self._waiting:
            self._waiting[chat].set()

    async def wait_for_reply(self, chat: int, count: int) -> None:
        """Until ``chat`` has received ``count`` messages in all."""
        event = self._waiting.setdefault(chat, asyncio.Event())
        while self.replies.get(chat, 0) < count:
            event.clear()
            await asyncio.wait_for(event.wait(), 120)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Result:
    name: str
    replies: int
    seconds: float
    latencies: list[float]
    cpu: float = 0.0

    @property
    def throughput(self) -> float:
        return self.replies / self.seconds

    def line(self) -> str:
        ordered = sorted(self.latencies)
        p95 = ordered[int(len(ordered) * 0.95) - 1]
        return (f"{self.name:34s} {self.replies:5d} replies  {self.throughput:7.1f}/s  "
                f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
                f"max {ordered[-1] * 1000:7.1f} ms  "
                f"CPU {self.cpu / self.replies * 1000:4.1f} ms/reply")


async def start_bot(api: FakeBotApi, command: list[str], data_dir: Path,
                    extra_env: dict[str, str]) -> asyncio.subprocess.Process:
    env = {**os.environ, **extra_env,
           "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.base_url,
           "KARIERBOT_DATA_DIR": str(data_dir), "KARIERBOT_FLOOD_LIMIT": "100000",
           # Telegram allows a bot about 30 messages/s overall; lifted here to measure the
           # bot itself, as the echo bot runs with no limiter.
           "KARIERBOT_REPLY_RATE": "100000",
           "KARIERBOT_LOG_LEVEL": "WARNING"}
    process = await asyncio.create_subprocess_exec(
        *command, env=env, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    await api.wait_for_call("getUpdates", timeout=60)
    return process


Scenario = Callable[["TimedFakeBotApi", str], Awaitable["Result"]]


async def burst(api: TimedFakeBotApi, name: str) -> Result:
    sent: dict[int, list[float]] = {}
    start = time.perf_counter()
    for n in range(BURST_MESSAGES):
        user = 10_000 + n % BURST_USERS
        sent.setdefault(user, []).append(time.perf_counter())
        api.send_message(user, QUESTIONS[n % len(QUESTIONS)])
    return await collect(api, name, sent, start, BURST_MESSAGES)


async def closed_loop(api: TimedFakeBotApi, name: str) -> Result:
    sent: dict[int, list[float]] = {}
    start = time.perf_counter()

    async def user_session(user: int) -> None:
        for round_ in range(LOOP_ROUNDS):
            sent.setdefault(user, []).append(time.perf_counter())
            api.send_message(user, QUESTIONS[(user + round_) % len(QUESTIONS)])
            await api.wait_for_reply(user, round_ + 1)

    await asyncio.gather(*(user_session(20_000 + u) for u in range(LOOP_USERS)))
    return await collect(api, name, sent, start, LOOP_USERS * LOOP_ROUNDS)


async def collect(api: TimedFakeBotApi, name: str, sent: dict[int, list[float]], start: float,
                  expected: int) -> Result:
    deadline = time.perf_counter() + 300
    while sum(api.replies.get(chat, 0) for chat in sent) < expected:
        if time.perf_counter() > deadline:
            raise AssertionError(f"{name}: only some messages were answered")
        await asyncio.sleep(0.05)
    seen: dict[int, int] = {}
    latencies, last = [], start
    for message, arrived in zip(api.messages, api.arrivals, strict=True):
        if message.chat_id not in sent:
            continue
        index = seen.get(message.chat_id, 0)
        seen[message.chat_id] = index + 1
        latencies.append(arrived - sent[message.chat_id][index])
        last = max(last, arrived)
    return Result(name, len(latencies), last - start, latencies)


async def measure(label: str, command: list[str], scenario: Scenario,
                  database: Callable[[], Awaitable[str]] | None) -> Result:
    """One scenario against one fresh bot process (and, for ours, a fresh database)."""
    with tempfile.TemporaryDirectory() as data_dir:
        env = {"DATABASE_URL": await database()} if database else {}
        async with TimedFakeBotApi() as api:
            process = await start_bot(api, command, Path(data_dir), env)
            try:
                before = cpu_seconds(process.pid)
                result = await scenario(api, f"{label} / {scenario.__name__}")
                result.cpu = cpu_seconds(process.pid) - before
                return result
            finally:
                process.terminate()
                await process.wait()


def median_run(results: list[Result]) -> Result:
    return sorted(results, key=lambda r: r.throughput)[len(results) // 2]


async def compare(database: Callable[[], Awaitable[str]] | None, rounds: int) -> None:
    """Each scenario ``rounds`` times, ours and the echo bot alternating; the median round."""
    bin_dir = Path(sys.executable).parent
    ours_command = [str(bin_dir / "karierbot"), "run"]
    echo_command = [sys.executable, "-m", "benchmarks.echo_bot"]
    for scenario in (burst, closed_loop):
        ours, echo = [], []
        for _ in range(rounds):
            echo.append(await measure("echo bot (ceiling)", echo_command, scenario, None))
            ours.append(await measure("karierbot", ours_command, scenario, database))
        mine, ceiling = median_run(ours), median_run(echo)
        print(ceiling.line())
        print(mine.line())
        ratio = mine.throughput / ceiling.throughput
        latency = statistics.median(mine.latencies) / statistics.median(ceiling.latencies)
        print(f"  {scenario.__name__}: {ratio:.0%} of the echo bot's throughput, median latency "
              f"{latency:.2f}× the echo bot's (median of {rounds} rounds: "
              f"{', '.join(f'{r.throughput:.0f}/s' for r in ours)} vs "
              f"{', '.join(f'{r.throughput:.0f}/s' for r in echo)})\n")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgresql", action="store_true",
                        help="our bot on a throw-away PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; "
          f"{BURST_USERS} users × {BURST_MESSAGES // BURST_USERS} questions at once, then "
          f"{LOOP_USERS} users × {LOOP_ROUNDS} in a closed loop; database: "
          f"{'PostgreSQL' if args.postgresql else 'SQLite'}\n")
    if not args.postgresql:
        await compare(None, args.rounds)
        return
    server = PostgresServer()
    try:
        await compare(server.create_database, args.rounds)
    finally:
        server.stop()


if __name__ == "__main__":
    asyncio.run(main())
