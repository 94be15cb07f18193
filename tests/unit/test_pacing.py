"""The pacer: global rate, one message per chat per second, flood waits, replies first."""

from __future__ import annotations

import asyncio
import time

from bot.broadcast.pacing import CATCH_UP, Pacer


async def test_slots_follow_the_global_rate_making_up_only_a_short_pause() -> None:
    pacer = Pacer(rate=100)
    started = time.monotonic()
    await asyncio.gather(*(pacer.slot(chat) for chat in range(21)))
    # 20 intervals of 10 ms, less the CATCH_UP (50 ms) a fresh pacer may make up at once
    assert 0.2 - CATCH_UP - 0.01 <= time.monotonic() - started < 0.3

    await asyncio.sleep(1.0)  # idle: a long pause is not made up
    started = time.monotonic()
    await asyncio.gather(*(pacer.slot(chat) for chat in range(100, 121)))
    assert time.monotonic() - started >= 0.2 - CATCH_UP - 0.01


async def test_one_message_per_chat_per_second() -> None:
    pacer = Pacer(rate=1000)
    await pacer.slot(7)
    started = time.monotonic()
    await pacer.slot(8)
    assert time.monotonic() - started < 0.5  # another chat does not wait
    await pacer.slot(7)
    assert time.monotonic() - started >= 0.95


async def test_a_flood_wait_holds_everything() -> None:
    pacer = Pacer(rate=1000)
    pacer.hold(0.3)
    started = time.monotonic()
    await asyncio.gather(*(pacer.slot(chat) for chat in range(5)))
    assert time.monotonic() - started >= 0.3


async def test_broadcast_waits_while_a_reply_is_sent() -> None:
    pacer = Pacer(rate=1000)
    order: list[str] = []

    async def broadcast() -> None:
        await pacer.slot(1)
        order.append("broadcast")

    async with pacer.reply(2):
        waiting = asyncio.create_task(broadcast())
        await asyncio.sleep(0.05)
        order.append("reply")
    await waiting
    assert order == ["reply", "broadcast"]
