"""/hapusdata leaves nothing in any table that points back to the person."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.bootstrap import Services
from bot.broadcast.audience import Audience
from bot.core import texts as core_texts
from bot.storage.models import Base
from tests.conftest import Chat
from tests.service.test_profile_chat import save_rina

PERSONAL_COLUMNS = ("user_id", "actor_id", "created_by", "chat_id", "external_id")


async def references(services: Services, user_id: int, telegram_id: int) -> list[str]:
    """Every (table, column) that still holds the person's internal or Telegram id."""
    found = []
    async with services.store._sessions() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if column.name not in PERSONAL_COLUMNS:
                    continue
                wanted = telegram_id if column.name in ("chat_id",) else user_id
                if column.name == "external_id":
                    wanted = str(telegram_id)  # type: ignore[assignment]
                rows = await session.execute(select(column).where(column == wanted))
                if rows.first() is not None:
                    found.append(f"{table.name}.{column.name}")
            if "detail" in table.columns:
                details = await session.scalars(select(table.columns["detail"]))
                if any(d and d.get("user_id") == user_id for d in details):
                    found.append(f"{table.name}.detail")
    return found


async def test_erasing_my_data_clears_every_table(chat: Chat, services: Services) -> None:
    await save_rina(chat)
    (answer,) = await chat("brp JP minimal diklat setahun?")
    feedback = next(b.action for b in answer.all_buttons if b.action.startswith("fb:"))
    await chat(press=feedback)
    await chat("/profil")  # a dialogue in progress, then paused
    await chat("/batal")
    await services.broadcasts.create("Pengumuman", Audience(), created_by=None)
    await chat("/peran 1001 hr", user=9000)  # an admin's role change names the person
    user = await services.store.find_user("telegram", "1001")
    assert user is not None
    before = await references(services, user.id, 1001)
    assert {"users.external_id", "users.chat_id", "profiles.user_id", "question_log.user_id",
            "deliveries.user_id", "deliveries.chat_id", "audit_log.actor_id",
            "audit_log.detail"} <= set(before)

    await chat("/hapusdata")
    await chat(press="hapus:ya")

    assert await references(services, user.id, 1001) == []


async def test_a_new_privacy_notice_asks_for_consent_again(
        chat: Chat, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    await chat(press="consent")
    monkeypatch.setattr(core_texts, "PRIVACY_VERSION", core_texts.PRIVACY_VERSION + 1)
    answer, renewed = await chat("apa itu sistem merit")
    assert "merit" in answer.text.casefold()
    assert renewed.text.startswith(core_texts.PRIVACY_RENEWED)
    assert [b.action for b in renewed.all_buttons] == ["consent"]
    assert len(await chat("apa itu sistem merit")) == 1  # asked once, not on every message
    (thanks,) = await chat(press="consent")
    assert thanks.text == core_texts.CONSENT_THANKS
    user = await services.store.find_user("telegram", "1001")
    assert user is not None and user.consent_version == core_texts.PRIVACY_VERSION


PERSONAL_QUESTION = (
    "Selamat pagi, saya Rina Wulandari, PNS di Dinas Kesehatan Kabupaten Sleman, jabatan "
    "epidemiolog ahli pertama, NIP 199602142019032001, HP 081234567890. Bagaimana cara naik "
    "jenjang ke ahli muda?")
# "dinas", "kesehatan" and "kabupaten" are words the knowledge base uses (they name no one);
# the name, the place, the job and the numbers are what would identify her.
PERSONAL_WORDS = ("rina", "wulandari", "sleman", "epidemiolog", "199602142019032001",
                  "081234567890", "0812")


async def text_in_tables(services: Services) -> str:
    """Every text and JSON value in every table, lower-cased, as one string to search."""
    values: list[str] = []
    async with services.store._sessions() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns
                       if c.type.python_type in (str, dict, list)]  # type: ignore[comparison-overlap]
            if not columns:
                continue
            for row in await session.execute(select(*columns)):
                values += [str(v).casefold() for v in row if v is not None]
    return "\n".join(values)


async def test_a_question_about_oneself_leaves_no_personal_word_after_erasure(
        chat: Chat, services: Services) -> None:
    """Name, unit, place, job and numbers typed in a question are gone from every table."""
    await chat("/start")
    await chat(press="consent")
    await chat(PERSONAL_QUESTION)
    await chat("brp JP minimal diklat setahun?")
    await services.store.question_log.flush()
    logged = await services.store.unanswered(limit=None)
    kept = " ".join(r.normalised for r in logged)
    assert "jenjang" in kept and "ahli" in kept  # HR still sees what was asked about

    await chat("/hapusdata")
    await chat(press="hapus:ya")

    everything = await text_in_tables(services)
    assert "jenjang" in everything
    assert [w for w in PERSONAL_WORDS if w in everything] == []
