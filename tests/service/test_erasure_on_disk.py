"""/hapusdata and retention reach the disk: the SQLite file and its WAL hold no erased value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.bootstrap import Services
from bot.profile import texts as profile_texts
from bot.storage.models import QuestionLog
from tests.conftest import Chat
from tests.service.test_profile_chat import save_rina

ERASED = (b"199602142019032001", b"Pemerintah Provinsi Jawa Barat", b"Analis SDM Aparatur")


def _database_files(services: Services) -> list[Path]:
    database = services.engine.url.database
    assert database is not None
    return [p for p in Path(database).parent.iterdir() if p.name.startswith(Path(database).name)]


def _found(services: Services, values: tuple[bytes, ...]) -> dict[str, list[bytes]]:
    return {p.name: hits for p in _database_files(services)
            if (hits := [v for v in values if v in p.read_bytes()])}


async def test_erased_profile_values_are_in_no_database_file(
        chat: Chat, services: Services) -> None:
    if services.engine.dialect.name != "sqlite":
        pytest.skip("the files of a PostgreSQL server are the server's")
    await save_rina(chat)
    await chat("/profil")  # the values again in a dialogue state, then paused
    await chat("/batal")
    assert _found(services, ERASED), "the test would prove nothing"
    await chat("/hapusdata")
    await chat(press="hapus:ya")
    assert _found(services, ERASED) == {}


async def test_retention_unlinking_reaches_the_write_ahead_log(
        chat: Chat, services: Services) -> None:
    if services.engine.dialect.name != "sqlite":
        pytest.skip("the files of a PostgreSQL server are the server's")
    await chat(press="consent")
    await chat("brp JP minimal diklat setahun?")
    await services.store.question_log.flush()
    async with services.store._sessions.begin() as session:
        await session.execute(update(QuestionLog).values(
            asked_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=400)))
    assert await services.store.unlink_old_questions(90) == 1
    wal = [p for p in _database_files(services) if p.name.endswith("-wal")]
    assert all(p.stat().st_size == 0 for p in wal)


async def test_hapus_ya_erases_only_right_after_its_confirmation(
        chat: Chat, services: Services) -> None:
    await chat(press="consent")
    (stale,) = await chat(press="hapus:ya")  # forged: no /hapusdata before it
    assert stale.text == profile_texts.ERASE_STALE
    user = await services.store.find_user("telegram", "1001")
    assert user is not None and user.consent_version is not None

    await chat("/hapusdata")
    (kept,) = await chat(press="hapus:batal")
    assert kept.text == profile_texts.ERASE_KEPT
    (again,) = await chat(press="hapus:ya")  # the old button, after Batal
    assert again.text == profile_texts.ERASE_STALE
    assert await services.store.find_user("telegram", "1001") is not None

    await chat("/hapusdata")
    (erased,) = await chat(press="hapus:ya")
    assert erased.text == profile_texts.ERASED
    assert await services.store.find_user("telegram", "1001") is None
