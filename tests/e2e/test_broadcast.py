"""A broadcast to 2,000 subscribers through the real ``karierbot run``, killed and restarted.

The bot is killed with SIGKILL in the middle of sending and started again on the same database.
Every subscriber must end with exactly one copy, except at most one batch (the documented
duplicate window); scripted 403s mark users unreachable and scripted 429s are waited out.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from bot.broadcast import texts
from bot.broadcast.sender import batch_size
from bot.core import texts as core_texts
from bot.storage.database import create_engine, session_factory, upgrade
from bot.storage.models import Broadcast, Delivery, Profile, User, utcnow
from tests.e2e.fakebot import ApiError, FakeBotApi, JSONDict
from tests.support.subscribers import subscriber_rows

KARIERBOT = str(Path(sys.executable).parent / "karierbot")
HR = 9000
EMPLOYEE = 1001
RATE = 1000
SUBSCRIBERS = list(range(500_000, 502_000))
BLOCKED = [500_010, 500_100, 501_500, 501_800, 501_999]
FLOODED = [500_020, 501_700]
TARGETED = SUBSCRIBERS[-20:-10]  # have a profile in "Biro SDM", for the shell broadcast
ANNOUNCEMENT = "Pendaftaran seleksi PKA angkatan II dibuka sampai 30 November."
KILL_AFTER = 700  # announcements accepted before the SIGKILL


class TimedBotApi(FakeBotApi):
    """The fake Bot API, also noting when each sendMessage came and whether it was refused."""

    def __init__(self) -> None:
        super().__init__()
        self.attempts: list[tuple[float, int, bool]] = []

    def _raise_scripted_error(self, method: str, params: JSONDict) -> None:
        if method != "sendMessage":
            super()._raise_scripted_error(method, params)
            return
        chat_id = int(params.get("chat_id") or 0)
        try:
            super()._raise_scripted_error(method, params)
        except ApiError:
            self.attempts.append((time.monotonic(), chat_id, False))
            raise
        self.attempts.append((time.monotonic(), chat_id, True))

    def copies(self, text: str = ANNOUNCEMENT) -> Counter[int]:
        """Copies of an announcement per recipient (HR's preview quotes it too: not counted)."""
        return Counter(m.chat_id for m in self.messages
                       if m.method == "sendMessage" and m.chat_id != HR
                       and text in (m.plain_text or ""))


@pytest.fixture
async def api() -> AsyncIterator[TimedBotApi]:
    async with TimedBotApi() as fake:
        yield fake


@pytest.fixture
def env(api: TimedBotApi, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.db'}",
        "KARIERBOT_ADMIN_IDS": str(HR),
        "KARIERBOT_DATA_DIR": str(tmp_path),
        "KARIERBOT_BROADCAST_RATE": str(RATE),
    }


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Any]:
    """The bot's database, migrated and seeded with 2,000 consenting subscribers."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}")
    await upgrade(engine)
    sessions = session_factory(engine)
    async with sessions.begin() as session:
        await session.execute(insert(User), subscriber_rows(SUBSCRIBERS))
        targeted = await session.scalars(select(User.id).where(User.chat_id.in_(TARGETED)))
        await session.execute(insert(Profile), [
            {"user_id": user_id, "data": {"instansi": "Biro SDM"}, "updated_at": utcnow()}
            for user_id in targeted])
    yield sessions
    await engine.dispose()


async def start(env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(
            KARIERBOT, "run", env=env, stdout=out, stderr=out,
            stdin=asyncio.subprocess.DEVNULL)


async def eventually(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)


async def shell(env: dict[str, str], *args: str) -> str:
    process = await asyncio.create_subprocess_exec(
        KARIERBOT, "broadcast", *args, env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL)
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, args
    return out.decode()


async def test_kill_restart_exactly_once_blocked_and_flood_waits(
        api: TimedBotApi, env: dict[str, str], database: Any, tmp_path: Path,
        record_property: Callable[[str, object], None]) -> None:
    for chat in BLOCKED:
        api.script_error("sendMessage", chat_id=chat, error_code=403, times=3,
                         description="Forbidden: bot was blocked by the user")
    for chat in FLOODED:
        api.script_error("sendMessage", chat_id=chat, error_code=429, retry_after=1,
                         description="Too Many Requests: retry after 1")
    log = tmp_path / "bot.log"
    bot = await start(env, log)
    try:
        await api.wait_for_call("setMyCommands", timeout=60)

        api.send_message(EMPLOYEE, "/siaran")
        (refused,) = await api.wait_for_messages(EMPLOYEE)
        assert refused.plain_text == core_texts.HR_ONLY

        api.send_message(HR, "/siaran")
        await api.wait_for_messages(HR)
        api.send_message(HR, ANNOUNCEMENT)
        (audience,) = await api.wait_for_messages(HR)
        assert "Jumlah: 2.000" in (audience.plain_text or "")
        api.press_button(HR, audience, audience.button_data(texts.BUTTON_PREVIEW))
        (preview,) = await api.wait_for_messages(HR)
        assert "Perkiraan waktu kirim: ±2 detik" in (preview.plain_text or "")
        api.press_button(HR, preview, preview.button_data(texts.BUTTON_SEND))

        await eventually(lambda: sum(api.copies().values()) >= KILL_AFTER, 30, "sending")
        bot.send_signal(signal.SIGKILL)
        await bot.wait()
        at_kill = sum(api.copies().values())
        assert at_kill < len(SUBSCRIBERS) - len(BLOCKED), "killed too late to test a restart"

        bot = await start(env, log)
        await eventually(lambda: any(texts.REPORT_TITLE.format(id=1) in (m.plain_text or "")
                                     for m in api.messages if m.chat_id == HR), 60, "report")
        copies = api.copies()
        duplicates = sorted(c for c, n in copies.items() if n > 1)
        record_property("copies_before_kill", at_kill)
        record_property("duplicates_after_restart", len(duplicates))
        print(f"\nkilled after {at_kill} announcements; {len(duplicates)} duplicate(s) "
              f"after the restart (window: one batch = {batch_size(RATE)})")
        assert set(copies) == set(SUBSCRIBERS) - set(BLOCKED)
        assert max(copies.values()) <= 2 and len(duplicates) <= batch_size(RATE)

        for chat in FLOODED:
            tries = [(at, ok) for at, c, ok in api.attempts if c == chat]
            assert [ok for _, ok in tries][:2] == [False, True]
            assert tries[1][0] - tries[0][0] >= 1.0  # retry_after honoured

        hr_messages = [m for m in api.messages if m.chat_id == HR]
        edits = [m for m in hr_messages if m.method == "editMessageText"]
        assert edits and "selesai" in (edits[-1].plain_text or "")
        assert "Terkirim: 1.995" in (edits[-1].plain_text or "")
        report = hr_messages[-1].plain_text or ""
        assert "Terkirim 1.995 dari 2.000 penerima" in report
        assert "memblokir bot/akun nonaktif 5" in report

        async with database() as session:
            broadcast = await session.scalar(select(Broadcast))
            assert broadcast is not None and broadcast.status == "done"
            statuses = Counter((await session.scalars(select(Delivery.status))).all())
            assert statuses == {"sent": 1995, "failed": 5}
            blocked = (await session.scalars(select(User).where(User.chat_id.in_(BLOCKED)))).all()
            assert all(u.unreachable and not u.subscribed for u in blocked)

        created = await shell(env, "create", "--text", "Rapat Biro SDM hari Senin.",
                              "--where", "instansi=biro sdm", "--yes")
        assert created.startswith("broadcast 2: 10 recipient(s)")
        await eventually(lambda: set(api.copies("Rapat Biro SDM")) == set(TARGETED), 30,
                         "the shell's broadcast")
        listing = await shell(env, "list")
        assert listing.splitlines()[0].startswith("2\t")

        bot.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(bot.wait(), 30) == 0
        text = log.read_text(encoding="utf-8", errors="replace")
        assert "broadcast sender stopped" in text
        assert "seleksi PKA" not in text and "Biro SDM" not in text  # no message text in logs
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()


async def test_a_document_to_an_audience_chosen_with_buttons(
        api: TimedBotApi, env: dict[str, str], database: Any, tmp_path: Path) -> None:
    bot = await start(env, tmp_path / "bot.log")
    try:
        await api.wait_for_call("setMyCommands", timeout=60)
        api.send_message(HR, "/siaran")
        await api.wait_for_messages(HR)
        api._queue_user_message(HR, None, {  # a PDF with the announcement as its caption
            "document": {"file_id": "BQACAgIAAx-surat-edaran", "file_unique_id": "AgADse",
                         "file_name": "SE-tubel-2027.pdf", "mime_type": "application/pdf"},
            "caption": "Surat edaran tugas belajar 2027 terlampir."})
        (audience,) = await api.wait_for_messages(HR)
        api.press_button(HR, audience, audience.button_data(texts.BUTTON_FIELDS["instansi"]))
        (values,) = await api.wait_for_messages(HR)
        api.press_button(HR, values, values.button_data("Biro SDM"))
        (audience,) = await api.wait_for_messages(HR)
        assert "Jumlah: 10" in (audience.plain_text or "")
        api.press_button(HR, audience, audience.button_data(texts.BUTTON_PREVIEW))
        (preview,) = await api.wait_for_messages(HR)
        assert texts.PREVIEW_ATTACHMENT.strip() in (preview.plain_text or "")
        api.press_button(HR, preview, preview.button_data(texts.BUTTON_SEND))

        def documents() -> dict[int, JSONDict]:
            return {int(p["chat_id"]): p for name, p in api.calls if name == "sendDocument"}

        await eventually(lambda: set(documents()) == set(TARGETED), 30, "the documents")
        sent = documents()[TARGETED[0]]
        assert sent["document"] == "BQACAgIAAx-surat-edaran"
        assert "Surat edaran tugas belajar 2027" in sent["caption"]

        api.send_message(TARGETED[0], "/pengumuman")
        document, latest = await api.wait_for_messages(TARGETED[0], 2)
        assert document.method == "sendDocument" and document.document_name is None  # by id
        assert "Surat edaran tugas belajar 2027" in (latest.plain_text or "")
    finally:
        bot.send_signal(signal.SIGTERM)
        await asyncio.wait_for(bot.wait(), 30)
