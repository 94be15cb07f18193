"""Profile rows and the personal-data export: what /profil saves and /datasaya sends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import AuditLog, DialogueState, QuestionLog, User, utcnow
from bot.storage.models import Profile as ProfileRow
from bot.storage.question_log import QuestionLogBuffer


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


class ProfileStore:
    """Profiles are personal data: saved only for consenting users (the caller checks),
    exported whole on request, and deleted with the user (ON DELETE CASCADE)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession],
                 question_log: QuestionLogBuffer) -> None:
        self._sessions = sessions
        self._question_log = question_log  # flushed before an export, so it lists every question

    async def load(self, user_id: int) -> dict[str, Any] | None:
        async with self._sessions() as session:
            row = await session.get(ProfileRow, user_id)
            return None if row is None else dict(row.data)

    async def every(self) -> list[dict[str, Any]]:
        """Every stored profile, without whose it is: the HR reports aggregate them."""
        async with self._sessions() as session:
            return [dict(data) for data in await session.scalars(select(ProfileRow.data))]

    async def save(self, user_id: int, data: dict[str, Any]) -> None:
        async with self._sessions.begin() as session:
            row = await session.get(ProfileRow, user_id)
            if row is None:
                session.add(ProfileRow(user_id=user_id, data=data))
            else:
                row.data, row.updated_at = dict(data), utcnow()
            session.add(AuditLog(actor_id=user_id, action="profile.saved", detail={}))

    async def personal_data(self, user_id: int) -> dict[str, Any]:
        """Everything held about one user, as a JSON-ready document (UU 27/2022 access)."""
        await self._question_log.flush()
        async with self._sessions() as session:
            user = await session.get(User, user_id)
            if user is None:
                return {}
            profile = await session.get(ProfileRow, user_id)
            dialogue = await session.get(DialogueState, user_id)
            questions = await session.scalars(
                select(QuestionLog).where(QuestionLog.user_id == user_id)
                .order_by(QuestionLog.id))
            audit = await session.scalars(
                select(AuditLog).where(AuditLog.actor_id == user_id).order_by(AuditLog.id))
            return {
                "pengguna": {
                    "kanal": user.channel, "id_kanal": user.external_id, "peran": user.role,
                    "versi_persetujuan": user.consent_version,
                    "waktu_persetujuan": _iso(user.consent_at),
                    "berlangganan_pengumuman": user.subscribed,
                    "dibuat": _iso(user.created_at),
                },
                "profil": None if profile is None else {
                    "data": profile.data, "diperbarui": _iso(profile.updated_at)},
                "isian_berjalan": None if dialogue is None else {
                    "nama": dialogue.name, "langkah": dialogue.step, "data": dialogue.data},
                "pertanyaan": [
                    {"waktu": _iso(q.asked_at), "kata_kunci": q.normalised,
                     "entri": q.entry_id, "terjawab": q.answered, "umpan_balik": q.feedback}
                    for q in questions
                ],
                "riwayat": [{"waktu": _iso(a.at), "tindakan": a.action} for a in audit],
            }
