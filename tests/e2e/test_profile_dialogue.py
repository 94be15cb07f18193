"""The /profil dialogue end to end: the real ``karierbot run`` process against the fake Bot API,
cancelled with /batal, resumed after a restart (state in the database), saved, then
recommendations with "Mengapa?" and the plan as a PDF document."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import deque
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core import texts as core_texts
from bot.profile import texts
from tests.e2e.fakebot import FakeBotApi, SentMessage

KARIERBOT = str(Path(sys.executable).parent / "karierbot")
EMPLOYEE = 1001
NIP = "198703152012032001"
# Step label → (how, value), for a pengawas in a kabupaten (sample profile P2, with a NIP).
ANSWERS = {
    "Status kepegawaian": ("press", "pns"),
    "NIP": ("type", NIP),
    "Tanggal lahir": ("type", "15-03-1987"),
    "TMT PNS": ("type", "01-03-2013"),
    "Instansi": ("type", "Pemerintah Kabupaten Sleman"),
    "Unit kerja": ("type", "Kecamatan Depok"),
    "Jenis jabatan": ("press", "administrasi"),
    "Nama jabatan": ("type", "Kepala Subbagian Umum"),
    "Jenjang jabatan": ("press", "pengawas"),
    "Golongan ruang": ("press", "III/d"),
    "TMT golongan": ("type", "01-10-2019"),
    "TMT jabatan": ("type", "02-01-2018"),
    "Pendidikan terakhir": ("press", "s1"),
    "Predikat kinerja dua tahun lalu": ("press", "baik"),
    "Predikat kinerja tahun lalu": ("press", "baik"),
    "JP tahun ini": ("type", "6"),
    "Kompetensi teknis (aktual)": ("skip", ""),
    "Kompetensi manajerial (aktual)": ("skip", ""),
    "Kompetensi sosial kultural (aktual)": ("skip", ""),
    "Pelatihan yang sudah diikuti": ("done", ""),
    "Hukuman disiplin": ("press", "tidak_ada"),
    "Kotak talenta": ("press", "5"),
    "Jabatan tujuan": ("skip", ""),
}
FLOOD_LIMIT, FLOOD_WINDOW = 19, 61.0  # stay under the bot's per-user flood guard (20 a minute)


class Employee:
    """Sends as one Telegram user, no faster than the bot's flood guard allows."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.sent: deque[float] = deque()

    async def _pace(self) -> None:
        if len(self.sent) >= FLOOD_LIMIT:
            await asyncio.sleep(max(0.0, self.sent[0] + FLOOD_WINDOW - time.monotonic()))
            self.sent.popleft()
        self.sent.append(time.monotonic())

    async def say(self, text: str, replies: int = 1) -> list[SentMessage]:
        await self._pace()
        self.api.send_message(EMPLOYEE, text)
        return await self.api.wait_for_messages(EMPLOYEE, replies, timeout=20)

    async def press(self, message: SentMessage, suffix: str,
                    replies: int = 1) -> list[SentMessage]:
        data = [b["callback_data"] for b in message.buttons
                if b.get("callback_data", "").endswith(suffix)]
        assert data, (suffix, message.buttons)
        await self._pace()
        self.api.press_button(EMPLOYEE, message, data[0])
        return await self.api.wait_for_messages(EMPLOYEE, replies, timeout=20)

    async def answer(self, step: SentMessage) -> SentMessage:
        assert step.plain_text is not None
        label = step.plain_text.split("\n", 1)[0].removeprefix("Profil · ")
        how, value = ANSWERS[label]
        if how == "press" and "/" in value:  # golongan: the room edits into its letters
            (step,) = await self.press(step, f":g:{value.split('/')[0]}")
            assert step.method == "editMessageText"
        if how == "type":
            (following,) = await self.say(value)
        elif how == "press":
            (following,) = await self.press(step, f":v:{value}")
        else:
            (following,) = await self.press(step, f":{how}")
        return following


class BotProcess:
    """``karierbot run`` against the fake API; can be stopped and started on the same database."""

    def __init__(self, api: FakeBotApi, tmp_path: Path) -> None:
        self.api = api
        self.log_path = tmp_path / "bot.log"
        self.env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token,
                    "TELEGRAM_API_BASE_URL": api.base_url,
                    "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.db'}",
                    "KARIERBOT_DATA_DIR": str(tmp_path)}
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log_path.open("ab") as log_file:
            self.process = await asyncio.create_subprocess_exec(
                KARIERBOT, "run", env=self.env, stdout=log_file, stderr=log_file,
                stdin=asyncio.subprocess.DEVNULL)
        await self.api.wait_for_call("setMyCommands", timeout=60)

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), 30)

    def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        yield fake


async def test_profile_dialogue_survives_a_restart_and_feeds_recommendations(
        api: FakeBotApi, tmp_path: Path) -> None:
    bot = BotProcess(api, tmp_path)
    employee = Employee(api)
    await bot.start()
    try:
        _, privacy = await employee.say("/start", replies=2)
        await employee.press(privacy, "consent")

        (step,) = await employee.say("/profil")
        assert step.plain_text is not None and step.plain_text.startswith(
            "Profil · Status kepegawaian")
        assert texts.START_INTRO.format(core=9, rest=20) in step.plain_text
        first = step.message_id
        step = await employee.answer(step)  # status: the pressed message becomes the next step
        assert step.method == "editMessageText" and step.message_id == first
        assert step.plain_text is not None and step.plain_text.startswith(
            "Profil · Tanggal lahir")
        (again,) = await employee.say("31-02-1987")  # the problem and the step, one message
        assert again.plain_text is not None and again.plain_text.startswith(
            "Profil · Tanggal lahir\n\nTanggal lahir: '31-02-1987' bukan tanggal yang valid")
        for _ in range(7):  # up to the pendidikan
            again = await employee.answer(again)
        (paused,) = await employee.say("/batal")
        assert paused.plain_text == core_texts.PAUSED.format(command="profil")
        assert await bot.stop() == 0

        await bot.start()  # a new process: the dialogue state comes from the database
        employee.sent.clear()  # and so does a fresh flood guard
        (asked,) = await employee.say("/profil")
        assert asked.plain_text == texts.RESUME_ASK
        (step,) = await employee.press(asked, "pf:resume")
        assert step.plain_text is not None and step.plain_text.startswith(
            "Profil · Pendidikan terakhir")
        step = await employee.answer(step)
        assert step.plain_text is not None and step.plain_text.startswith(texts.CONFIRM_TITLE)
        assert texts.CORE_DONE in step.plain_text  # the core is enough; press for the rest
        (step,) = await employee.press(step, "pf:more")
        while step.plain_text is not None and step.plain_text.startswith("Profil · "):
            step = await employee.answer(step)
        assert step.plain_text is not None
        assert step.plain_text.startswith(texts.CONFIRM_TITLE)
        assert f"NIP: {NIP}" in step.plain_text and "Golongan ruang: III/d" in step.plain_text
        (saved,) = await employee.press(step, "pf:save")
        assert saved.method == "editMessageText" and saved.message_id == step.message_id
        assert saved.plain_text is not None and texts.SAVED in saved.plain_text

        recommendations, missing = await employee.say("/rekomendasi", replies=2)
        assert recommendations.plain_text is not None
        assert "Ikuti Pelatihan Kepemimpinan Pengawas (PKP)" in recommendations.plain_text
        assert missing.plain_text is not None and missing.plain_text.startswith(
            texts.NOT_YET_TITLE)
        assert "puncak jenjang pangkat jabatan Pengawas" in missing.plain_text
        (why,) = await employee.press(recommendations, "rec:why:pkp")
        assert why.plain_text is not None
        assert "✓ Jenjang jabatan: Pengawas" in why.plain_text
        assert "Dasar: Peraturan LAN 5/2022 jo 6/2022" in why.plain_text

        plan, document = await employee.say("/rencana", replies=2)
        assert plan.plain_text is not None and plan.plain_text.startswith(
            "Rencana Pengembangan Karier")
        assert document.method == "sendDocument" and document.document_name is not None
        assert document.document_name.endswith(".pdf")
        assert document.document_bytes is not None
        assert document.document_bytes.startswith(b"%PDF")
        assert await bot.stop() == 0
    finally:
        bot.kill()
    log = bot.log_path.read_text(encoding="utf-8", errors="replace")
    assert NIP not in log and "Kepala Subbagian" not in log and "Sleman" not in log
