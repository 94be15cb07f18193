"""No NIP, message text or Telegram id in the log, whichever way handling fails.

The real PTB Application against the fake Bot API, with the log handler ``karierbot`` installs
(bot/log_privacy.py); each failure path is forced and the captured log is searched.
"""

from __future__ import annotations

import io
import logging
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot import log_privacy
from bot.adapters.telegram.app import build_application
from bot.config import Settings
from bot.core import texts
from bot.kb.service import KnowledgeService
from bot.storage import sqlite_inline
from tests.e2e.fakebot import FakeBotApi

USER = 734561289
NIP = "197702032005011004"
SPACED_NIP = "19770203 200501 1 004"
BIRTH = "03-02-1977"
SECRET_TEXT = "rahasia pribadi saya"


@pytest.fixture
def captured_log() -> AsyncIterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    log_privacy.install(root)
    yield stream  # type: ignore[misc]
    root.removeHandler(handler)
    root.setLevel(old_level)


async def test_failures_leave_no_personal_data_in_the_log(
        tmp_path: Path, knowledge: KnowledgeService, captured_log: io.StringIO,
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "log.db"
    monkeypatch.setattr(sqlite_inline, "BUSY_TIMEOUT", 0.2)
    async with FakeBotApi() as api:
        settings = Settings(database_url=f"sqlite:///{db}", data_dir=tmp_path,
                            telegram_bot_token=api.token, telegram_api_base_url=api.base_url)
        application = build_application(settings, knowledge)
        await application.initialize()
        assert application.post_init is not None
        await application.post_init(application)
        services = application.bot_data["services"]

        async def deliver() -> None:
            from telegram import Update
            pending, api._updates[:] = list(api._updates), []
            for payload in pending:
                update = Update.de_json(payload, application.bot)
                await application.update_processor.process_update(
                    update, application.process_update(update))

        async def say(text: str) -> str:
            api.send_message(USER, text, first_name="Sutini")
            await deliver()
            (reply,) = await api.wait_for_messages(USER)
            return reply.plain_text

        try:
            await say("/start")
            # the privacy notice is the second message
            (privacy,) = await api.wait_for_messages(USER)
            api.press_button(USER, privacy, privacy.button_data(texts.CONSENT_BUTTON))
            await deliver()
            await api.wait_for_messages(USER)
            api.send_message(USER, "/profil", first_name="Sutini")
            await deliver()
            (status_question,) = await api.wait_for_messages(USER)
            api.press_button(USER, status_question, status_question.buttons[0]["callback_data"])
            await deliver()
            await api.wait_for_messages(USER)  # the birth date question

            # 1. a locked database: the write of the answer (the birth date) fails
            locker = sqlite3.connect(db)
            locker.execute("BEGIN IMMEDIATE")
            assert await say(BIRTH) == texts.ERROR
            locker.rollback()

            # 2. a failed insert (a constraint raised by the database)
            locker.execute("CREATE TRIGGER refuse BEFORE UPDATE ON dialogue_states "
                           "BEGIN SELECT RAISE(ABORT, 'refused'); END")
            locker.commit()
            assert await say(BIRTH) == texts.ERROR
            locker.execute("DROP TRIGGER refuse")
            locker.commit()
            locker.close()

            # 3. a handler raising with the user's words in its message
            original = services.assistant.handle

            async def failing(incoming: Any) -> Any:
                raise RuntimeError(f"cannot handle {incoming.text!r} for {incoming.user_id}")

            services.assistant.handle = failing
            assert await say(f"{SECRET_TEXT}, NIP {NIP}") == texts.ERROR
            services.assistant.handle = original

            # 4. Telegram refusing the reply, its description quoting the text
            api.script_error("sendMessage", chat_id=USER, error_code=400,
                             description=f"Bad Request: can't parse entities in {SECRET_TEXT}")
            api.send_message(USER, f"{SECRET_TEXT} lagi, NIP {SPACED_NIP}", first_name="Sutini")
            await deliver()
            assert (await api.wait_for_messages(USER))[0].plain_text == texts.ERROR
        finally:
            assert application.post_shutdown is not None
            await application.post_shutdown(application)
            await application.shutdown()

    log = captured_log.getvalue()
    assert log.count("update failed") >= 4, log  # every failure was logged, masked
    assert "OperationalError" in log and "IntegrityError" in log and "BadRequest" in log
    for secret in (NIP, SPACED_NIP, SECRET_TEXT, BIRTH, "1977-02-03", str(USER), "Sutini"):
        assert secret not in log, f"{secret!r} in the log:\n{log}"
