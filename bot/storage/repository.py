"""All database access the core needs, as intention-revealing async methods."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.storage.inbox import UpdateInbox
from bot.storage.models import (
    AuditLog,
    DialogueState,
    ProcessedUpdate,
    QuestionLog,
    User,
    utcnow,
)
from bot.storage.question_log import QuestionLogBuffer

ROLES = ("employee", "hr", "admin")
_USER_AND_DIALOGUE = (
    select(User.__table__, DialogueState.__table__)
    .outerjoin(DialogueState.__table__, DialogueState.user_id == User.id)
    .where(User.channel == bindparam("channel"), User.external_id == bindparam("external_id"))
)
PERSON_NAMING_ACTIONS = ("role.set",)  # audit actions whose detail names a user
ERASE_CONFIRM_MINUTES = 15  # how long /hapusdata's confirmation button stays valid


@dataclass(frozen=True)
class UnansweredQuestion:
    normalised: str
    count: int
    last_asked: dt.datetime
    entry_id: str | None = None  # the entry the search matched, if any (its topic for reports)


class Store:
    """A thin repository over one session factory; each method is one transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._engine: AsyncEngine = sessions.kw["bind"]
        self.question_log = QuestionLogBuffer(sessions)
        self.inbox = UpdateInbox(sessions)

    async def close(self) -> None:
        """Write the questions still buffered."""
        await self.question_log.close()

    async def user(self, channel: str, external_id: str, chat_id: int | None) -> User:
        """The user for this channel id, created on first contact with nothing else stored."""
        user, _ = await self.user_and_dialogue(channel, external_id, chat_id)
        return user

    async def user_and_dialogue(self, channel: str, external_id: str, chat_id: int | None,
                                ) -> tuple[User, DialogueState | None]:
        """The user and any dialogue in progress, in one query: this runs for every message.

        A prepared Core query, not an ORM session: the session cost twice the query itself.
        """
        async with self._engine.connect() as connection:
            row = (await connection.execute(
                _USER_AND_DIALOGUE, {"channel": channel, "external_id": external_id})).first()
        if row is None:
            return await self._new_user(channel, external_id, chat_id), None
        user = User(**{c.key: row._mapping[c] for c in User.__table__.c})
        state = (DialogueState(**{c.key: row._mapping[c] for c in DialogueState.__table__.c})
                 if row._mapping[DialogueState.__table__.c.user_id] is not None else None)
        if chat_id is not None and user.chat_id != chat_id:
            async with self._sessions.begin() as session:
                await session.execute(
                    update(User).where(User.id == user.id).values(chat_id=chat_id))
            user.chat_id = chat_id
        return user, state

    async def _new_user(self, channel: str, external_id: str, chat_id: int | None) -> User:
        """First contact: nothing is stored but the channel id."""
        user = User(channel=channel, external_id=external_id, chat_id=chat_id,
                    role="employee", subscribed=False)
        try:
            async with self._sessions.begin() as session:
                session.add(user)
        except IntegrityError:  # the same person's other message created it first
            found, _ = await self.user_and_dialogue(channel, external_id, chat_id)
            return found
        return user

    async def find_user(self, channel: str, external_id: str) -> User | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(User).where(User.channel == channel, User.external_id == external_id)
            )

    async def give_consent(self, user_id: int, version: int) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                update(User)
                .where(User.id == user_id)
                .values(consent_version=version, consent_at=utcnow(), subscribed=True)
            )
            session.add(
                AuditLog(actor_id=user_id, action="consent.given", detail={"version": version})
            )

    async def set_role(
        self, channel: str, external_id: str, role: str, actor_id: int | None = None
    ) -> User:
        """Grant a role, creating the user row if the person has not started the bot yet."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        user = await self.user(channel, external_id, None)
        if user.role == role:
            return user
        async with self._sessions.begin() as session:
            await session.execute(update(User).where(User.id == user.id).values(role=role))
            session.add(
                AuditLog(
                    actor_id=actor_id, action="role.set", detail={"user_id": user.id, "role": role}
                )
            )
        user.role = role
        return user

    async def privileged_users(self, channel: str) -> list[User]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(User)
                .where(User.channel == channel, User.role.in_(("hr", "admin")))
                .order_by(User.id)
            )
            return list(rows)

    async def dialogue(self, user_id: int) -> DialogueState | None:
        async with self._sessions() as session:
            return await session.get(DialogueState, user_id)

    async def save_dialogue(
        self, user_id: int, name: str, step: str, data: dict[str, Any]
    ) -> None:
        async with self._sessions.begin() as session:
            state = await session.get(DialogueState, user_id)
            if state is None:
                session.add(DialogueState(user_id=user_id, name=name, step=step, data=data))
            else:
                state.name, state.step, state.data = name, step, dict(data)

    async def end_dialogue(self, user_id: int) -> None:
        async with self._sessions.begin() as session:
            await session.execute(delete(DialogueState).where(DialogueState.user_id == user_id))

    def log_question(
        self,
        *,
        user_id: int | None,
        normalised: str,
        entry_id: str | None,
        score: float,
        decision: str,
        answered: bool,
    ) -> str:
        """Queue the row (written within a fraction of a second); returns the ref buttons name."""
        return self.question_log.add(user_id=user_id, normalised=normalised, entry_id=entry_id,
                                     score=score, decision=decision, answered=answered)

    async def own_question(self, ref: str, user_id: int) -> QuestionLog | None:
        """One of this user's logged questions by its ref; None for anyone else's."""
        await self.question_log.flush()
        async with self._sessions() as session:
            return await session.scalar(select(QuestionLog).where(
                QuestionLog.ref == ref, QuestionLog.user_id == user_id))

    async def set_feedback(self, ref: str, user_id: int, value: int) -> bool:
        """Record 👍/👎 on one's own question only; False when the row is not theirs."""
        await self.question_log.flush()
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(QuestionLog)
                .where(QuestionLog.ref == ref, QuestionLog.user_id == user_id)
                .values(feedback=value)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    async def resolve_question(self, question_id: int, entry_id: str | None) -> None:
        """The user picked a suggestion (or none): the choice labels the question."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(QuestionLog)
                .where(QuestionLog.id == question_id)
                .values(
                    entry_id=entry_id,
                    answered=entry_id is not None,
                    decision="chosen" if entry_id else "rejected",
                )
            )

    async def unanswered(
        self,
        limit: int | None = 20,
        since: dt.datetime | None = None,
    ) -> list[UnansweredQuestion]:
        """The most frequent questions the assistant could not answer, for HR to add."""
        query = (
            select(
                QuestionLog.normalised,
                func.count().label("n"),
                func.max(QuestionLog.asked_at).label("last"),
                func.max(QuestionLog.entry_id).label("entry"),
            )
            .where(QuestionLog.answered.is_(False), QuestionLog.normalised != "")
            .group_by(QuestionLog.normalised)
            .order_by(func.count().desc(), func.max(QuestionLog.asked_at).desc())
            .limit(limit)
        )
        if since is not None:
            query = query.where(QuestionLog.asked_at >= since)
        await self.question_log.flush()
        async with self._sessions() as session:
            rows = await session.execute(query)
            return [UnansweredQuestion(r.normalised, r.n, r.last, r.entry) for r in rows]

    async def question_totals(self, since: dt.datetime) -> tuple[int, int]:
        """Questions asked since then and how many were answered; recommendations referred to
        HR are logged with the questions but nobody asked them."""
        query = select(func.count(), func.count().filter(QuestionLog.answered.is_(True))).where(
            QuestionLog.asked_at >= since, QuestionLog.decision != "referred")
        await self.question_log.flush()
        async with self._sessions() as session:
            asked, answered = (await session.execute(query)).one()
            return int(asked), int(answered)

    async def audit(self, action: str, actor_id: int | None = None, **detail: Any) -> None:
        async with self._sessions.begin() as session:
            session.add(AuditLog(actor_id=actor_id, action=action, detail=detail))

    async def audit_entries(self, action_prefix: str = "") -> list[AuditLog]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(AuditLog)
                .where(AuditLog.action.startswith(action_prefix))
                .order_by(AuditLog.id)
            )
            return list(rows)

    async def ask_erasure(self, user_id: int) -> None:
        """/hapusdata asked for confirmation: only a press soon after it erases."""
        await self.audit("privacy.erase_asked", user_id)

    async def erasure_pending(self, user_id: int) -> bool:
        """True once after /hapusdata, within ``ERASE_CONFIRM_MINUTES``; a later "Batal"
        or an earlier answer ends it, so an old or forged "hapus:ya" erases nothing."""
        async with self._sessions.begin() as session:
            last = await session.scalar(
                select(AuditLog)
                .where(AuditLog.actor_id == user_id,
                       AuditLog.action.in_(("privacy.erase_asked", "privacy.erase_answered")))
                .order_by(AuditLog.id.desc()).limit(1))
            if last is None or last.action != "privacy.erase_asked":
                return False
            session.add(AuditLog(actor_id=user_id, action="privacy.erase_answered", detail={}))
            at = last.at if last.at.tzinfo else last.at.replace(tzinfo=dt.UTC)
            return utcnow() - at <= dt.timedelta(minutes=ERASE_CONFIRM_MINUTES)

    async def claim_update(self, update_id: int) -> bool:
        """True for the first worker to take this Telegram update; False for a redelivery."""
        try:
            async with self._sessions.begin() as session:
                session.add(ProcessedUpdate(update_id=update_id))
        except IntegrityError:
            return False
        return True

    async def forget_processed_updates(self, older_than_hours: int = 24) -> None:
        """Telegram redelivers for at most a day; older claims are no longer needed."""
        cutoff = utcnow() - dt.timedelta(hours=older_than_hours)
        async with self._sessions.begin() as session:
            await session.execute(
                delete(ProcessedUpdate).where(ProcessedUpdate.claimed_at < cutoff))

    async def unlink_old_questions(self, older_than_days: int) -> int:
        """Retention: questions older than the period keep no link to who asked them."""
        cutoff = utcnow() - dt.timedelta(days=older_than_days)
        await self.question_log.flush()
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(QuestionLog)
                .where(QuestionLog.asked_at < cutoff, QuestionLog.user_id.is_not(None))
                .values(user_id=None))
            count = int(result.rowcount)  # type: ignore[attr-defined]
            if count:
                session.add(AuditLog(action="privacy.retention", detail={"unlinked": count}))
        if count:
            await self.scrub_disk()
        return count

    async def forget_user(self, user_id: int) -> None:
        """Delete the person's row and everything linked; the question log keeps no link."""
        await self.question_log.flush()
        async with self._sessions.begin() as session:
            await session.execute(
                update(QuestionLog).where(QuestionLog.user_id == user_id).values(user_id=None)
            )
            await session.execute(delete(DialogueState).where(DialogueState.user_id == user_id))
            await session.execute(delete(User).where(User.id == user_id))
            # The audit trail stays, but no longer says who: actions keep their meaning.
            await session.execute(
                update(AuditLog).where(AuditLog.actor_id == user_id).values(actor_id=None))
            for entry in await session.scalars(select(AuditLog).where(AuditLog.action.in_(
                    PERSON_NAMING_ACTIONS))):
                if entry.detail.get("user_id") == user_id:
                    entry.detail = {k: v for k, v in entry.detail.items() if k != "user_id"}
            session.add(AuditLog(actor_id=None, action="privacy.deleted", detail={}))
        await self.scrub_disk()

    async def scrub_disk(self) -> None:
        """Erased rows leave the files too, not only the tables.

        SQLite zeroes deleted content in the database file (``secure_delete``, set per
        connection), but its write-ahead log still holds the pages as they were until a
        checkpoint; TRUNCATE copies them back and empties the log. PostgreSQL's dead rows are
        reclaimed by (auto)vacuum, which is the server operator's to schedule.
        """
        if self._engine.dialect.name != "sqlite":
            return
        await self.question_log.flush()
        async with self._engine.connect() as connection:
            await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
