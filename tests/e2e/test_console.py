"""The real `karierbot chat` (and `karierbot run` without a token) through stdin and stdout."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.adapters.console import (
    CHANNEL,
    EDITED,
    LOCAL_USER,
    NO_CHOICE,
    NO_SUCH_CHOICE,
    PROMPT,
    SHARED_DATABASE,
)
from bot.bootstrap import close_services, open_services
from bot.broadcast import texts as broadcast_texts
from bot.cli import _log_to_file
from bot.config import Settings
from bot.core import texts
from bot.core.texts import PRIVACY_VERSION
from bot.log_privacy import PrivacyFilter
from bot.profile import texts as profile_texts
from bot.profile.loading import load_profile
from tests.service.test_reports import NIP, SAMPLES, TODAY, save_profiles

KARIERBOT = str(Path(sys.executable).parent / "karierbot")
LOG_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (DEBUG|INFO|WARNING|ERROR)")


@dataclass
class Session:
    transcript: str
    log: str
    files: Path
    returncode: int

    @property
    def replies(self) -> list[str]:
        """What was shown before the first prompt, then the reply to each typed line."""
        return self.transcript.split(PROMPT)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "TELEGRAM_BOT_TOKEN": "", "KARIERBOT_DATA_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'console.db'}", "KARIERBOT_LOG_LEVEL": "INFO"}


async def converse(env: dict[str, str], lines: list[str], *args: str) -> Session:
    """One console session in its own process; the lines are typed one after another."""
    data = Path(env["KARIERBOT_DATA_DIR"])
    process = await asyncio.create_subprocess_exec(
        KARIERBOT, *args, env=env, cwd=data, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    typed = "".join(f"{line}\n" for line in [*lines, "/keluar"]).encode()
    out, err = await asyncio.wait_for(process.communicate(typed), 120)
    log_path = data / "console.log"
    return Session(out.decode() + err.decode(),  # the terminal shows both
                   log_path.read_text(encoding="utf-8") if log_path.exists() else "",
                   data / "console-files", process.returncode or 0)


async def read_until(stream: asyncio.StreamReader, marker: str, seen: list[str]) -> None:
    while marker not in "".join(seen):
        chunk = await asyncio.wait_for(stream.read(4096), 60)
        assert chunk, "".join(seen)  # the console ended before showing the marker
        seen.append(chunk.decode())


async def seed_profiles(env: dict[str, str]) -> None:
    """Colleagues' profiles for /laporan, and the console user's own (P1) for /rencana."""
    services = await open_services(Settings(database_url=env["DATABASE_URL"],
                                            data_dir=Path(env["KARIERBOT_DATA_DIR"])))
    try:
        await save_profiles(services)
        me = await services.store.user(CHANNEL, LOCAL_USER, None)
        await services.store.give_consent(me.id, PRIVACY_VERSION)
        profile = load_profile(SAMPLES / "p1_rina.yaml", TODAY)
        await services.profiles.save(me.id, profile.stored())
    finally:
        await close_services(services)


async def test_hr_tries_the_hr_commands_and_gets_the_documents_on_disk(
        env: dict[str, str]) -> None:
    await seed_profiles(env)
    session = await converse(
        env, ["berapa uang makan pns per hari", "/pertanyaan", "/rencana", "/laporan",
              "/datasaya"], "chat", "--as", "hr")
    assert session.returncode == 0, session.transcript
    out = session.transcript
    assert "(peran: hr" in out
    assert SHARED_DATABASE in out  # the colleagues are Telegram users: their bot sends /siaran
    declined, unanswered = session.replies[1:3]
    # Declined, kept for HR (the words the knowledge base knows), listed by /pertanyaan.
    assert "per hari" not in declined and "per hari" in unanswered
    assert texts.HR_ONLY not in out

    saved = sorted(p.name for p in session.files.iterdir())
    assert profile_texts.DATA_FILENAME in saved
    assert {name.rsplit(".", 1)[1] for name in saved if name.startswith("laporan-")} == {
        "pdf", "csv", "png"}
    plan = [name for name in saved if name.startswith("rencana-karier")]
    assert plan and (session.files / plan[0]).read_bytes().startswith(b"%PDF")
    for name in saved:  # every document written is named in the transcript, with its path
        assert f"[dokumen disimpan: {session.files / name}]" in out
    assert NIP not in session.log

    assert not LOG_LINE.search(out) and "decision=" not in out
    assert "decision=" in session.log  # the logs went to the file instead
    assert session.log.count("rules loaded") == 1


async def test_employee_is_refused_hr_commands_and_a_bare_number_is_no_question(
        env: dict[str, str]) -> None:
    session = await converse(env, ["4", "/laporan", "/bantuan", "7"], "chat")
    out = session.transcript
    assert session.returncode == 0, out
    # "4" while only the consent button is on screen; "7" after /bantuan, which has none.
    assert NO_SUCH_CHOICE.format(number=4) in out and NO_CHOICE in out
    assert texts.HR_ONLY in out
    assert "decision=" not in session.log  # neither number became a question


async def test_make_run_without_a_token_opens_the_console_and_loads_content_once(
        env: dict[str, str]) -> None:
    session = await converse(env, ["brp JP minimal diklat setahun?"], "run")
    out = session.transcript
    assert "TELEGRAM_BOT_TOKEN belum diatur" in out
    assert "20 JP" in out and "Dasar:" in out
    assert not LOG_LINE.search(out)
    assert session.log.count("rules loaded") == 1
    assert "alembic" in session.log and "alembic" not in out


async def test_hr_broadcasts_and_the_console_user_receives_it(env: dict[str, str]) -> None:
    process = await asyncio.create_subprocess_exec(
        KARIERBOT, "chat", "--as", "hr", env=env, cwd=env["KARIERBOT_DATA_DIR"],
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT)
    assert process.stdin is not None and process.stdout is not None
    # Consent (which subscribes), /siaran, the text, preview, send now: each a typed line.
    process.stdin.write(b"1\n/siaran\nBesok kantor libur.\n7\n1\n")
    seen: list[str] = []
    report = broadcast_texts.REPORT_TITLE.format(id=1)
    await read_until(process.stdout, report, seen)  # delivered by the sender, not by a reply
    process.stdin.write(b"/pengumuman\n/keluar\n")
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    transcript = "".join(seen) + out.decode()
    assert process.returncode == 0, transcript
    announcement = transcript.index(f"== {broadcast_texts.ANNOUNCEMENT_TITLE} ==\nBesok kantor")
    assert transcript.index(report) > announcement
    assert EDITED in transcript  # HR's progress message, edited in place in Telegram
    assert "Besok kantor libur." in transcript.split(PROMPT)[-2]  # listed by /pengumuman
    assert not LOG_LINE.search(transcript)


def test_the_console_log_file_keeps_the_privacy_filter(tmp_path: Path) -> None:
    root = logging.getLogger()
    saved = list(root.handlers)
    try:
        _log_to_file(tmp_path / "console.log")
        assert root.handlers and all(
            any(isinstance(f, PrivacyFilter) for f in h.filters) for h in root.handlers)
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in saved:
            root.addHandler(handler)
