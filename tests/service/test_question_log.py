"""The question log is written behind the reply: nothing asked is lost, and readers see it all."""

from __future__ import annotations

import asyncio

from sqlalchemy import delete, select

from bot.bootstrap import Services, close_services, open_services
from bot.config import Settings
from bot.kb.service import KnowledgeService
from bot.storage.models import QuestionLog, User
from bot.storage.question_log import FLUSH_SECONDS
from tests.conftest import Chat


async def stored(services: Services) -> list[QuestionLog]:
    async with services.store._sessions() as session:
        return list(await session.scalars(select(QuestionLog).order_by(QuestionLog.id)))


async def test_rows_reach_the_database_shortly_after_the_reply(
        chat: Chat, services: Services) -> None:
    await chat("apa itu sistem merit")
    assert await stored(services) == []  # the reply did not wait for the write
    await asyncio.sleep(FLUSH_SECONDS * 3)
    (row,) = await stored(services)
    assert row.decision == "answer" and row.ref


async def test_a_clean_stop_writes_what_is_buffered(settings: Settings,
                                                    knowledge: KnowledgeService) -> None:
    services = await open_services(settings, knowledge)
    for n in range(30):
        services.store.log_question(user_id=None, normalised=f"pertanyaan {n}", entry_id=None,
                                    score=0.0, decision="decline", answered=False)
    await services.store.question_log.close()
    assert len(await stored(services)) == 30
    await close_services(services)


async def test_a_row_whose_asker_was_deleted_meanwhile_is_kept_without_the_link(
        chat: Chat, services: Services) -> None:
    await chat(press="consent")
    await services.store.question_log.flush()
    user = await services.store.find_user("telegram", "1001")
    assert user is not None
    await chat("apa itu sistem merit")
    await chat("syarat tugas belajar")
    async with services.store._sessions.begin() as session:  # another process erases the user
        await session.execute(delete(User).where(User.id == user.id))
    await services.store.question_log.flush()
    rows = await stored(services)
    assert len(rows) == 2
    assert {r.user_id for r in rows} == {None}


async def test_feedback_refs_only_reach_the_askers_own_row(chat: Chat,
                                                          services: Services) -> None:
    await chat(press="consent")
    (answer,) = await chat("apa itu sistem merit")
    up = next(b.action for b in answer.all_buttons if b.action.startswith("fb:"))
    ref = up.split(":")[1]
    await chat(press="consent", user=2002)
    (refused,) = await chat(press=up, user=2002)  # someone else's ref
    assert refused.kind == "notice"
    thanks, used_up = await chat(press=up)
    assert thanks.kind == "notice" and thanks.text != refused.text
    assert used_up.edit and not any(b.action.startswith("fb:") and b.action != "fb:done"
                                    for b in used_up.all_buttons)
    (row,) = [r for r in await stored(services) if r.ref == ref]
    assert row.feedback == 1
