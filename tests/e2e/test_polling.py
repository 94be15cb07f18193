"""kill -9 in the middle of a burst: after the restart every question is answered.

At least once, not exactly once: the kill comes the moment a reply is delivered, so the updates
whose reply Telegram had just taken, before the bot removed them from its inbox, may be answered
a second time (at most the updates in flight: ``KARIERBOT_CONCURRENT_UPDATES``).
"""

from __future__ import annotations

import asyncio
import collections
import os
import signal
import sys
from pathlib import Path

from tests.e2e.fakebot import FakeBotApi

KARIERBOT = str(Path(sys.executable).parent / "karierbot")
USERS = range(5001, 5031)
PER_USER = 10  # 300 questions
QUESTION = "brp JP minimal diklat setahun?"
IN_FLIGHT = 16  # the default KARIERBOT_CONCURRENT_UPDATES


async def _start(api: FakeBotApi, tmp_path: Path, log_name: str) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'crash.db'}",
        "KARIERBOT_DATA_DIR": str(tmp_path),
        "KARIERBOT_FLOOD_LIMIT": "1000",
    }
    with (tmp_path / log_name).open("wb") as log_file:
        return await asyncio.create_subprocess_exec(
            KARIERBOT, "run", env=env, stdout=log_file, stderr=log_file,
            stdin=asyncio.subprocess.DEVNULL)


async def _wait_until(api: FakeBotApi, predicate: object, seconds: float) -> bool:
    assert callable(predicate)
    return await api._wait_until(predicate, seconds)


def _replies(api: FakeBotApi) -> collections.Counter[int]:
    return collections.Counter(m.chat_id for m in api.messages if m.method == "sendMessage")


async def test_sigkill_during_a_burst_loses_no_question(tmp_path: Path) -> None:
    async with FakeBotApi() as api:
        first = await _start(api, tmp_path, "first.log")
        try:
            await api.wait_for_call("setMyCommands", timeout=60)
            for _ in range(PER_USER):
                for user in USERS:
                    api.send_message(user, QUESTION)
            total = len(USERS) * PER_USER
            assert await _wait_until(api, lambda: sum(_replies(api).values()) >= total // 3, 60)
            first.send_signal(signal.SIGKILL)
            await first.wait()
        finally:
            if first.returncode is None:
                first.kill()
                await first.wait()
        before = sum(_replies(api).values())
        assert before < total, "the kill came too late to test anything"

        second = await _start(api, tmp_path, "second.log")
        try:
            assert await _wait_until(
                api, lambda: sum(_replies(api).values()) >= total, 120), (
                f"answered {sum(_replies(api).values())} of {total} after the restart")
            await asyncio.sleep(2.0)  # anything answered twice would arrive by now
        finally:
            second.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(second.wait(), 30) == 0
        replies = _replies(api)
        missing = {user: PER_USER - replies[user] for user in USERS if replies[user] < PER_USER}
        repeated = sum(replies[user] - PER_USER for user in USERS if replies[user] > PER_USER)
        assert not missing, f"unanswered after the restart: {missing}"
        assert repeated <= IN_FLIGHT, f"{repeated} answered twice (answered before: {before})"


async def test_an_update_ptb_cannot_read_is_skipped_once_with_one_log_line(
        tmp_path: Path) -> None:
    async with FakeBotApi() as api:
        bot = await _start(api, tmp_path, "bot.log")
        try:
            await api.wait_for_call("setMyCommands", timeout=60)
            api._queue_update({"message": {"message_id": 1, "chat": "not a chat", "date": "x"}})
            api.send_message(USERS[0], "/bantuan")
            (help_text,) = await api.wait_for_messages(USERS[0], timeout=15)
            assert "/privasi" in help_text.plain_text
            await asyncio.sleep(1.0)  # a stalled poller would fetch the bad update again
        finally:
            bot.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(bot.wait(), 30) == 0
    log = (tmp_path / "bot.log").read_text()
    assert log.count("could not be read") == 1, log
    assert len(log) < 20_000


async def test_roles_changed_from_the_shell_reach_the_menu_within_seconds(
        tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'crash.db'}",
           "KARIERBOT_DATA_DIR": str(tmp_path)}

    async def shell(*args: str) -> None:
        process = await asyncio.create_subprocess_exec(
            KARIERBOT, "admin", *args, env=env, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL)
        assert await process.wait() == 0

    async with FakeBotApi() as api:
        bot = await _start(api, tmp_path, "bot.log")
        try:
            await api.wait_for_call("setMyCommands", timeout=60)
            await shell("add", "5001", "--role", "hr")
            assert await _wait_until(api, lambda: "chat:5001" in api.my_commands, 15)
            await shell("remove", "5001")
            assert await _wait_until(api, lambda: "chat:5001" not in api.my_commands, 15)
        finally:
            bot.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(bot.wait(), 30) == 0
