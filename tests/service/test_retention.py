"""After the retention period the question log keeps no link to the person who asked."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from bot.bootstrap import Services
from bot.storage.models import QuestionLog
from tests.conftest import Chat


async def test_old_questions_are_unlinked(chat: Chat, services: Services) -> None:
    await chat(press="consent")
    await chat("apa itu sistem merit")
    await chat("syarat tugas belajar apa saja")
    await services.store.question_log.flush()
    async with services.store._sessions.begin() as session:
        oldest = await session.scalar(select(QuestionLog.id).order_by(QuestionLog.id))
        await session.execute(update(QuestionLog).where(QuestionLog.id == oldest).values(
            asked_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=91)))

    assert await services.store.unlink_old_questions(90) == 1
    assert await services.store.unlink_old_questions(90) == 0
    async with services.store._sessions() as session:
        links = list(await session.scalars(select(QuestionLog.user_id).order_by(QuestionLog.id)))
    assert links[0] is None and links[1] is not None
    assert [a.action for a in await services.store.audit_entries("privacy")] == [
        "privacy.retention"]
