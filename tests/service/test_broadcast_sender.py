"""The sender over a real database (SQLite and PostgreSQL) and an in-memory transport."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter

from sqlalchemy import insert, select, update

from bot.bootstrap import Services
from bot.broadcast import texts
from bot.broadcast.audience import Audience
from bot.broadcast.pacing import Pacer
from bot.broadcast.progress import announcement
from bot.broadcast.sender import Sender
from bot.broadcast.transport import FloodWait, Rejected, Transient, Unreachable
from bot.storage.models import Broadcast, Delivery, User, utcnow
from tests.support.transport import FakeTransport

HR_CHAT = 9000
FIRST_CHAT = 3000


async def seed_subscribers(services: Services, count: int) -> list[int]:
    async with services.store._sessions.begin() as session:
        await session.execute(insert(User), [
            {"channel": "telegram", "external_id": str(FIRST_CHAT + i),
             "chat_id": FIRST_CHAT + i, "role": "employee", "consent_version": 1,
             "subscribed": True, "created_at": utcnow()}
            for i in range(count)])
    return [FIRST_CHAT + i for i in range(count)]


def sender(services: Services, transport: FakeTransport, *, batch: int = 10,
           lease: float = 10.0) -> Sender:
    return Sender(services.broadcasts.store, transport, Pacer(1000), batch=batch,
                  lease=dt.timedelta(seconds=lease), idle_poll=0.01, progress_every=0)


async def deliveries(services: Services) -> dict[int, Delivery]:
    async with services.store._sessions() as session:
        rows = await session.scalars(select(Delivery).order_by(Delivery.id))
        return {row.chat_id: row for row in rows}


async def broadcast_row(services: Services, broadcast_id: int) -> Broadcast:
    found = await services.broadcasts.store.get(broadcast_id)
    assert found is not None
    return found


async def run_until_quiet(worker: Sender, limit: int = 50) -> None:
    """Steps until one finds nothing to send (and so has done its housekeeping)."""
    for _ in range(limit):
        if not await worker.step():
            return
    raise AssertionError("the sender never ran out of work")


async def test_one_copy_each_classified_failures_and_live_progress(services: Services) -> None:
    chats = await seed_subscribers(services, 30)
    flooded, blocked, rejected, flaky = chats[1:5]
    broadcast = await services.broadcasts.create(
        "Seleksi PKA dibuka.", Audience(), created_by=None, progress_chat_id=HR_CHAT)
    transport = FakeTransport()
    transport.script(flooded, FloodWait(0.3))
    transport.script(blocked, Unreachable("Forbidden: bot was blocked by the user"))
    transport.script(rejected, Rejected("Bad Request: chat not found"))
    transport.script(flaky, Transient("TimedOut: Timed out"))
    worker = sender(services, transport)

    await run_until_quiet(worker)
    rows = await deliveries(services)
    assert rows[flaky].status == "pending" and rows[flaky].attempts == 1
    assert rows[flaky].not_before is not None  # backing off, not failed
    assert (await broadcast_row(services, broadcast.id)).status == "sending"
    async with services.store._sessions.begin() as session:  # the back-off has passed
        await session.execute(update(Delivery).where(Delivery.chat_id == flaky)
                              .values(not_before=utcnow() - dt.timedelta(seconds=1)))
    await run_until_quiet(worker)

    delivered = transport.delivered()
    assert {c for c in chats if delivered[c] != 1} == {blocked, rejected}
    assert delivered[blocked] == delivered[rejected] == 0
    flood_calls = [c.at for c in transport.sends if c.chat_id == flooded]
    assert len(flood_calls) == 2 and flood_calls[1] - flood_calls[0] >= 0.3
    rows = await deliveries(services)
    assert rows[flooded].status == "sent" and rows[flooded].error_kind is None
    assert (rows[blocked].status, rows[blocked].error_kind) == ("failed", "blocked")
    assert (rows[rejected].error_kind, rows[rejected].error) == (
        "rejected", "Bad Request: chat not found")
    assert all(r.message_id is not None for c, r in rows.items() if r.status == "sent")
    gone = await services.store.find_user("telegram", str(blocked))
    assert gone is not None and gone.unreachable and not gone.subscribed

    done = await broadcast_row(services, broadcast.id)
    assert done.status == "done" and done.reported_at is not None
    to_hr = [c for c in transport.sends if c.chat_id == HR_CHAT]
    assert to_hr[0].message.title == "Siaran #1 — sedang dikirim"
    assert to_hr[0].message.all_buttons[0].action == f"sr:pause:{broadcast.id}"
    final = transport.edits[-1].message
    assert final.title == "Siaran #1 — selesai" and not final.buttons
    assert "Terkirim: 28" in final.text
    report = to_hr[-1].message
    assert report.title == texts.REPORT_TITLE.format(id=broadcast.id)
    assert "Terkirim 28 dari 30 penerima" in report.text
    assert "memblokir bot/akun nonaktif 1, ditolak Telegram 1" in report.text
    (audit,) = await services.store.audit_entries("broadcast.done")
    assert audit.detail["sent"] == 28

    await run_until_quiet(worker)  # nothing more, not even a second report
    assert len([c for c in transport.sends if c.chat_id == HR_CHAT]) == len(to_hr)


async def test_after_a_crash_only_the_claimed_batch_can_repeat(services: Services) -> None:
    chats = await seed_subscribers(services, 25)
    await services.broadcasts.create("Jadwal ukom.", Audience(), created_by=None)
    store = services.broadcasts.store
    await store.start_due(utcnow())
    lease = dt.timedelta(seconds=0.5)
    # The crashed sender claimed ten rows, Telegram accepted four, nothing was recorded.
    crashed = await store.claim(10, lease, utcnow())
    before_crash = FakeTransport()
    for claim in crashed[:4]:
        await before_crash.send(claim.chat_id, announcement("Jadwal ukom."))

    transport = FakeTransport()
    worker = sender(services, transport, lease=0.5)
    await run_until_quiet(worker)
    assert set(transport.delivered()) == set(chats) - {c.chat_id for c in crashed}
    rows = await deliveries(services)
    assert {c for c, r in rows.items() if r.status == "sending"} == {c.chat_id for c in crashed}

    await asyncio.sleep(0.6)  # the dead sender's lease runs out
    await run_until_quiet(worker)
    delivered = transport.delivered() + before_crash.delivered()
    assert set(delivered) == set(chats)
    duplicates = {c for c, n in delivered.items() if n > 1}
    assert duplicates == {c.chat_id for c in crashed[:4]}
    assert all(r.status == "sent" for r in (await deliveries(services)).values())


async def test_pause_resume_and_a_clean_stop(services: Services) -> None:
    await seed_subscribers(services, 20)
    broadcast = await services.broadcasts.create("Rapat.", Audience(), created_by=None)
    transport = FakeTransport()
    worker = sender(services, transport, batch=5)
    assert await worker.step()  # starts it
    assert await worker.step()  # sends a batch
    assert await services.broadcasts.steer(broadcast.id, "paused", actor_id=None) is not None
    assert not await worker.step()
    assert sum(transport.delivered().values()) == 5

    assert await services.broadcasts.steer(broadcast.id, "sending", actor_id=None) is not None
    slow = Sender(services.broadcasts.store, transport, Pacer(2), batch=5, idle_poll=0.01)
    running = asyncio.create_task(slow.run())
    await asyncio.wait_for(transport.wait_delivered(6), 5)
    slow.stop()  # the rest of its batch waits for pacer slots
    await asyncio.wait_for(running, 5)
    statuses = Counter(r.status for r in (await deliveries(services)).values())
    assert statuses == {"sent": 6, "pending": 14}  # nothing left claimed

    await run_until_quiet(sender(services, transport, batch=5))
    assert sum(transport.delivered().values()) == 20


async def test_a_scheduled_broadcast_waits_for_its_time(services: Services) -> None:
    await seed_subscribers(services, 3)
    later = utcnow() + dt.timedelta(hours=1)
    broadcast = await services.broadcasts.create("Besok.", Audience(), created_by=None,
                                                 send_at=later)
    transport = FakeTransport()
    worker = sender(services, transport)
    await run_until_quiet(worker)
    assert transport.sends == []
    assert (await broadcast_row(services, broadcast.id)).status == "queued"
    async with services.store._sessions.begin() as session:
        await session.execute(update(Broadcast).values(send_at=utcnow()))
    await run_until_quiet(worker)
    assert sum(transport.delivered().values()) == 3
