"""The real ``karierbot run`` process against the fake Bot API over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.core import texts
from tests.e2e.fakebot import FakeBotApi

KARIERBOT = str(Path(sys.executable).parent / "karierbot")
EMPLOYEE = 1001
ADMIN = 9000
QUESTION = "brp JP minimal diklat setahun?"


@dataclass
class RunningBot:
    api: FakeBotApi
    process: asyncio.subprocess.Process
    log_path: Path

    async def stop(self) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), 30)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with FakeBotApi() as api:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.db'}",
            "KARIERBOT_ADMIN_IDS": str(ADMIN),
            "KARIERBOT_DATA_DIR": str(tmp_path),
        }
        log_path = tmp_path / "bot.log"
        with log_path.open("wb") as log_file:
            process = await asyncio.create_subprocess_exec(
                KARIERBOT, "run", env=env, stdout=log_file, stderr=log_file,
                stdin=asyncio.subprocess.DEVNULL)
            running = RunningBot(api, process, log_path)
            try:
                await api.wait_for_call("setMyCommands", timeout=60)
                yield running
            finally:
                if process.returncode is None:
                    process.kill()
                    await process.wait()


async def test_start_consent_question_and_odd_input(bot: RunningBot) -> None:
    api = bot.api
    api.send_message(EMPLOYEE, "/start")
    welcome, privacy = await api.wait_for_messages(EMPLOYEE, 2)
    assert welcome.parse_mode == "HTML" and texts.WELCOME_TITLE in welcome.plain_text
    assert "UU 27/2022" in privacy.plain_text

    api.press_button(EMPLOYEE, privacy, privacy.button_data(texts.CONSENT_BUTTON))
    (thanks,) = await api.wait_for_messages(EMPLOYEE)
    assert thanks.plain_text == texts.CONSENT_THANKS
    assert api.answered_callbacks

    api.send_message(EMPLOYEE, QUESTION)
    (answer,) = await api.wait_for_messages(EMPLOYEE)
    assert "20 JP" in answer.plain_text and "Dasar:" in answer.plain_text
    assert any(b["callback_data"].startswith("fb:") for b in answer.buttons)

    await api.wait_for_call("answerCallbackQuery")  # the consent press
    api.press_button(EMPLOYEE, answer, answer.button_data(texts.FEEDBACK_UP))
    callback = await api.wait_for_call("answerCallbackQuery")
    assert callback.get("text") == texts.FEEDBACK_THANKS
    (used,) = await api.wait_for_messages(EMPLOYEE)  # the answer's own keyboard, replaced
    assert used.method == "editMessageReplyMarkup" and used.message_id == answer.message_id
    labels = [b["text"] for b in used.buttons]
    assert labels[-1] == texts.FEEDBACK_DONE and texts.FEEDBACK_DOWN not in labels

    api.send_message(EMPLOYEE, "/terbang")
    (unknown,) = await api.wait_for_messages(EMPLOYEE)
    assert "/bantuan" in unknown.plain_text

    api.send_message(EMPLOYEE, "<b>tunjangan</b> & " + "x" * 3990)
    (too_long,) = await api.wait_for_messages(EMPLOYEE)
    assert "terlalu panjang" in too_long.plain_text

    api.send_sticker(EMPLOYEE)
    (sticker,) = await api.wait_for_messages(EMPLOYEE)
    assert sticker.plain_text == texts.UNSUPPORTED

    assert await bot.stop() == 0
    log = bot.log()
    assert re.search(r"question [\w-]+: decision=answer entry=", log)
    assert "minimal" not in log and "tunjangan" not in log  # no message text in logs


async def test_menus_are_scoped_and_telegram_errors_do_not_stop_the_bot(
        bot: RunningBot) -> None:
    api = bot.api
    await api.wait_for_call("setMyCommands")  # the fixture saw the default scope; now the HR one
    default = [c["command"] for c in api.my_commands["default"]]
    assert "bantuan" in default and "pertanyaan" not in default
    hr = [c["command"] for c in api.my_commands[f"chat:{ADMIN}"]]
    assert {"pertanyaan", "muatulang"} <= set(hr)

    api.script_error("sendMessage", chat_id=EMPLOYEE, error_code=429,
                     description="Too Many Requests: retry after 1", retry_after=1)
    api.send_message(EMPLOYEE, "/bantuan")
    (help_text,) = await api.wait_for_messages(EMPLOYEE, timeout=15)
    assert "/privasi" in help_text.plain_text

    api.script_error("sendMessage", chat_id=2002, error_code=403,
                     description="Forbidden: bot was blocked by the user")
    api.send_message(2002, "/start")
    api.script_error("sendMessage", chat_id=EMPLOYEE, error_code=400,
                     description="Bad Request: can't parse entities: unexpected end tag")
    api.send_message(EMPLOYEE, "apa itu sistem merit")
    (apology,) = await api.wait_for_messages(EMPLOYEE)
    assert apology.plain_text == texts.ERROR

    api.send_message(ADMIN, "/pertanyaan")
    (report,) = await api.wait_for_messages(ADMIN)
    assert texts.UNANSWERED_EMPTY in report.plain_text

    api.send_message(ADMIN, f"/peran {EMPLOYEE} hr")  # a promotion shows in the menu at once
    await api.wait_for_messages(ADMIN)
    assert "pertanyaan" in [c["command"] for c in api.my_commands[f"chat:{EMPLOYEE}"]]
    api.send_message(ADMIN, f"/peran {EMPLOYEE} employee")
    await api.wait_for_messages(ADMIN)
    assert f"chat:{EMPLOYEE}" not in api.my_commands
    assert await bot.stop() == 0


async def test_the_bot_does_not_start_on_broken_content(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(Path(__file__).parents[2] / "knowledge" / "language", knowledge / "language")
    (knowledge / "rusak.yaml").write_text("topic: x\nentries:\n  - id: [\n", "utf-8")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
           "KARIERBOT_KNOWLEDGE_DIR": str(knowledge), "KARIERBOT_DATA_DIR": str(tmp_path)}
    process = await asyncio.create_subprocess_exec(
        KARIERBOT, "run", env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL)
    _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 1
    assert f"{knowledge}/rusak.yaml:4 › - › -: YAML syntax" in stderr.decode()
