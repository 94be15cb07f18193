"""The whole employee journey through the real core, as a transcript with message counts.

start → consent → 5 questions → the full profile with one mistake (a birth date that disagrees
with the NIP) → /rekomendasi → /rencana → /hapusdata, on a throw-away SQLite database.

    .venv/bin/python -m benchmarks.journey            # counts only
    .venv/bin/python -m benchmarks.journey --markdown docs/conversation.md

A bot message is a new message in the chat; an edit replaces the text of the message whose
button was pressed; a notice is the short toast on a pressed button (no message in the chat).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bot.bootstrap import close_services, open_services
from bot.config import REPO_ROOT, Settings
from bot.core.flood import FloodGuard
from bot.core.messages import Incoming, Outgoing
from bot.kb.service import KnowledgeService

USER = "1001"
QUESTIONS = (
    "brp JP minimal diklat setahun?",
    "apa beda tubel dan izin belajar",
    "syarat kenaikan pangkat reguler apa saja",
    "Selamat pagi, saya Rina Wulandari, PNS di Dinas Kesehatan Kabupaten Sleman, jabatan "
    "epidemiolog ahli pertama. Bagaimana cara naik jenjang ke ahli muda?",
    "kapan batas usia pensiun pns",
)
NIP = "19960214 201903 2 001"
WRONG_BIRTH, RIGHT_BIRTH = "15-02-1996", "14-02-1996"
# How Rina answers each step, by the first words of its label: press a value, type, or skip.
ANSWERS: tuple[tuple[str, str, str], ...] = (
    ("Status kepegawaian", "press", "pns"),
    ("NIP", "type", NIP),
    ("Tanggal lahir", "type", RIGHT_BIRTH),
    ("TMT PNS", "type", "01-03-2020"),
    ("Instansi", "type", "Pemerintah Kabupaten Sleman"),
    ("Unit kerja", "skip", ""),
    ("Jenis jabatan", "press", "fungsional"),
    ("Nama jabatan", "type", "Epidemiolog Kesehatan"),
    ("Jenjang jabatan", "press", "ahli_pertama"),
    ("Golongan ruang", "press", "III/b"),
    ("TMT golongan", "type", "01-04-2023"),
    ("TMT jabatan", "skip", ""),
    ("Pendidikan terakhir", "press", "s1"),
    ("Predikat kinerja dua tahun lalu", "press", "baik"),
    ("Predikat kinerja tahun lalu", "press", "sangat_baik"),
    ("JP tahun ini", "type", "12 JP"),
    ("Angka kredit untuk kenaikan pangkat", "skip", ""),
    ("Angka kredit untuk kenaikan jenjang", "type", "81,25"),
    ("Kompetensi teknis (aktual)", "press", "2"),
    ("Kompetensi teknis (standar", "press", "3"),
    ("Kompetensi manajerial (aktual)", "skip", ""),
    ("Kompetensi sosial kultural (aktual)", "skip", ""),
    ("Pelatihan", "toggle", "latsar"),
    ("Lulus uji kompetensi", "press", "tidak"),
    ("Hukuman disiplin", "press", "tidak_ada"),
    ("Kotak talenta", "press", "7"),
    ("Jabatan tujuan", "skip", ""),
)
PROFILE_PREFIX = "Profil · "


@dataclass
class Journey:
    lines: list[str] = field(default_factory=list)
    typed: int = 0
    pressed: int = 0
    sent: int = 0
    edited: int = 0
    notices: int = 0
    documents: int = 0

    def user(self, what: str) -> None:
        self.lines += ["", f"**👤 {what}**"]

    def bot(self, reply: Outgoing) -> None:
        if reply.kind == "notice":
            self.notices += 1
            self.lines += ["", f"> 💬 _(notifikasi)_ {reply.text}"]
            return
        edit = bool(getattr(reply, "edit", False))
        if edit:
            self.edited += 1
        else:
            self.sent += 1
        photo = getattr(reply, "photo", None)
        if reply.document is not None or photo is not None:
            self.documents += 1
        head = "✏️ (mengubah pesan)" if edit else "🤖"
        body = []
        if reply.title:
            body.append(f"**{reply.title}**")
        if reply.document is not None:
            body.append(f"📎 {reply.document.filename}")
        if photo is not None:
            body.append(f"🖼️ {photo.filename}")
        if reply.text:
            body.append(reply.text)
        if reply.footer:
            body.append(f"_{reply.footer}_")
        for row in reply.buttons:
            body.append(" ".join(f"[{b.label}]" for b in row))
        text = "\n".join(body).replace("\n", "\n> ")
        self.lines += ["", f"> {head} {text}"]


class Driver:
    """Sends what Rina does and records what the bot answers."""

    def __init__(self, journey: Journey, handle: object) -> None:
        self.journey = journey
        self._handle = handle
        self.last: list[Outgoing] = []

    async def type(self, text: str) -> list[Outgoing]:
        self.journey.typed += 1
        self.journey.user(text)
        return await self._send(Incoming("telegram", USER, int(USER), text=text))

    async def press(self, reply: Outgoing, action_suffix: str) -> list[Outgoing]:
        button = next(b for b in reply.all_buttons if b.action.endswith(action_suffix))
        self.journey.pressed += 1
        self.journey.user(f"[tekan: {button.label}]")
        return await self._send(Incoming("telegram", USER, int(USER), action=button.action,
                                         kind="action"))

    async def _send(self, incoming: Incoming) -> list[Outgoing]:
        replies: list[Outgoing] = await self._handle(incoming)  # type: ignore[operator]
        for reply in replies:
            self.journey.bot(reply)
        self.last = replies
        return replies


def _has(reply: Outgoing, suffix: str) -> bool:
    return any(b.action.endswith(suffix) for b in reply.all_buttons)


async def fill_profile(driver: Driver, replies: list[Outgoing]) -> None:
    """Answer every step; the birth date is mistyped once; save from the summary."""
    birth_typed = False
    summaries = 0
    for _ in range(120):
        step = next((r for r in reversed(replies) if (r.kind == "message" and r.buttons)
                     or (r.title or "").startswith(PROFILE_PREFIX)), replies[-1])
        title = step.title or ""
        if _has(step, "pf:save"):
            summaries += 1
            more = next((b.action for b in step.all_buttons if b.action.endswith(":more")), None)
            if more is not None and summaries == 1:
                replies = await driver.press(step, ":more")
                continue
            replies = await driver.press(step, "pf:save")
            if any(_has(r, "rec:list") for r in replies):
                return
            continue
        if not title.startswith(PROFILE_PREFIX):
            raise RuntimeError(f"unexpected reply during the profile: {step.text[:80]!r}")
        label = title.removeprefix(PROFILE_PREFIX)
        how, value = next((h, v) for prefix, h, v in ANSWERS if label.startswith(prefix))
        if label.startswith("Tanggal lahir") and not birth_typed:
            birth_typed, value = True, WRONG_BIRTH
        fix = next((b.action for b in step.all_buttons if b.action.startswith("pf:e:")), None)
        if fix is not None:  # the answer disagrees with an earlier one: change that one
            replies = await driver.press(step, fix)
            continue
        room = value.split("/")[0]
        if how == "press" and _has(step, f":g:{room}"):  # golongan: the room, then its letter
            step = (await driver.press(step, f":g:{room}"))[-1]
        if how == "press":
            replies = await driver.press(step, f":v:{value}")
        elif how == "skip":
            replies = await driver.press(step, ":skip")
        elif how == "toggle":
            toggled = await driver.press(step, f":t:{value}")
            replies = await driver.press(toggled[-1], ":done")
        else:
            replies = await driver.type(value)
    raise RuntimeError("the profile did not finish in 120 answers")


async def run(knowledge: KnowledgeService, data_dir: Path) -> Journey:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{data_dir / 'journey.db'}",
                        data_dir=data_dir, telegram_bot_token=None)
    services = await open_services(settings, knowledge)
    services.assistant.flood = FloodGuard(limit=10_000)
    services.assistant.button_flood = FloodGuard(limit=10_000)
    journey = Journey()
    driver = Driver(journey, services.assistant.handle)
    try:
        replies = await driver.type("/start")
        await driver.press(next(r for r in replies if _has(r, "consent")), "consent")
        for number, text in enumerate(QUESTIONS):
            replies = await driver.type(text)
            if number == 0:
                answer = next(r for r in replies if _has(r, ":up"))
                await driver.press(answer, ":up")
        await fill_profile(driver, await driver.type("/profil"))
        await driver.type("/rekomendasi")
        await driver.type("/rencana")
        replies = await driver.type("/hapusdata")
        await driver.press(next(r for r in replies if _has(r, "hapus:ya")), "hapus:ya")
    finally:
        await close_services(services)
    return journey


def summary(journey: Journey) -> str:
    return (f"user actions: {journey.typed + journey.pressed} ({journey.typed} typed, "
            f"{journey.pressed} presses); bot: {journey.sent} new messages "
            f"({journey.documents} files), {journey.edited} edits, {journey.notices} notices")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", type=Path, help="write the transcript here")
    args = parser.parse_args()
    knowledge = KnowledgeService(REPO_ROOT / "knowledge")
    with tempfile.TemporaryDirectory() as tmp:
        journey = asyncio.run(run(knowledge, Path(tmp)))
    print(summary(journey))
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text("\n".join(journey.lines).strip() + "\n", encoding="utf-8")
        print(f"transcript written to {args.markdown}; keep the header of docs/conversation.md")


if __name__ == "__main__":
    main()
