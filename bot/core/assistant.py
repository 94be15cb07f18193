"""The one entry point every adapter calls: ``Assistant.handle(Incoming) -> list[Outgoing]``.

Routing order: a pressed button, then a /command, then free text as a question. Authority is
re-derived from the stored user on every call; nothing in button data is trusted for it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.content import ContentError
from bot.core import answers, texts
from bot.core.commands import PRIVILEGED, command_of, employee_commands, hr_commands
from bot.core.messages import Button, Incoming, Outgoing
from bot.kb.service import KnowledgeService
from bot.storage.models import User
from bot.storage.repository import Store

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
MAX_RELOAD_PROBLEMS = 15

Handler = Callable[[User, str], Awaitable[list[Outgoing]]]


class Assistant:
    """Transport-agnostic conversation logic over the knowledge base and the store."""

    def __init__(self, store: Store, knowledge: KnowledgeService) -> None:
        self.store = store
        self.knowledge = knowledge
        self._commands: dict[str, Handler] = {
            "start": self._start,
            "bantuan": self._help,
            "help": self._help,
            "privasi": self._privacy,
        }
        self._hr_commands: dict[str, Handler] = {
            "pertanyaan": self._unanswered,
            "muatulang": self._reload,
        }
        self._declined_last: set[int] = set()

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        user = await self.store.user(incoming.channel, incoming.user_id, incoming.chat_id)
        if incoming.kind == "unsupported":
            return [Outgoing(texts.UNSUPPORTED)]
        if incoming.kind == "action":
            return await self._action(user, incoming.action or "")
        text = (incoming.text or "").strip()
        command = command_of(text)
        if command is not None:
            return await self._command(user, *command)
        return await self._question(user, text)

    async def _command(self, user: User, name: str, argument: str) -> list[Outgoing]:
        if name in self._commands:
            return await self._commands[name](user, argument)
        if name in self._hr_commands:
            if user.role not in PRIVILEGED:
                await self.store.audit("access.refused", user.id, command=name)
                return [Outgoing(texts.HR_ONLY)]
            return await self._hr_commands[name](user, argument)
        return [Outgoing(texts.UNKNOWN_COMMAND.format(name=name[:32]))]

    async def _start(self, user: User, _: str) -> list[Outgoing]:
        if user.consent_version == texts.PRIVACY_VERSION:
            return [Outgoing(texts.WELCOME_BACK, title=texts.WELCOME_TITLE)]
        return [Outgoing(texts.WELCOME, title=texts.WELCOME_TITLE), self._privacy_notice(user)]

    async def _privacy(self, user: User, _: str) -> list[Outgoing]:
        return [self._privacy_notice(user)]

    def _privacy_notice(self, user: User) -> Outgoing:
        consented = user.consent_version == texts.PRIVACY_VERSION
        buttons = () if consented else ((Button(texts.CONSENT_BUTTON, "consent"),),)
        return Outgoing(texts.PRIVACY, title=texts.PRIVACY_TITLE, buttons=buttons)

    async def _help(self, user: User, _: str) -> list[Outgoing]:
        lines = [texts.HELP_INTRO]
        lines += [f"/{c.name} — {c.description}" for c in employee_commands()]
        if user.role in PRIVILEGED:
            lines += ["", texts.HELP_HR]
            lines += [f"/{c.name} — {c.description}" for c in hr_commands() if c.for_hr]
        return [Outgoing("\n".join(lines), title=texts.HELP_TITLE)]

    async def _question(self, user: User, text: str) -> list[Outgoing]:
        if len(text) > MAX_QUESTION_CHARS:
            return [Outgoing(texts.TOO_LONG.format(length=len(text), limit=MAX_QUESTION_CHARS))]
        index = self.knowledge.index
        words = index.normaliser.words(text)
        reply = answers.small_talk(words)
        if reply is not None:
            return [Outgoing(reply)]
        result = index.search(text)
        if result.decision == "empty":
            return [Outgoing(texts.EMPTY_QUESTION)]
        best = result.best
        consented = user.consent_version is not None
        question_id = await self.store.log_question(
            user_id=user.id if consented else None,
            normalised=answers.loggable(words),
            entry_id=best.entry.id if best else None,
            score=result.score,
            decision=result.decision,
            answered=result.answered,
        )
        log.info(
            "question %d: decision=%s entry=%s score=%.3f",
            question_id,
            result.decision,
            best.entry.id if best else "-",
            result.score,
        )
        feedback_id = question_id if consented else None
        if result.decision == "answer" and best is not None:
            self._declined_last.discard(user.id)
            return [answers.answer_message(best.entry, index.kb, feedback_id)]
        if result.decision == "suggest":
            return [answers.suggestion_message(result, feedback_id)]
        repeated = user.id in self._declined_last
        self._declined_last.add(user.id)
        return [answers.decline_message(repeated)]

    async def _action(self, user: User, action: str) -> list[Outgoing]:
        kind, _, rest = action.partition(":")
        if kind == "consent":
            if user.consent_version == texts.PRIVACY_VERSION:
                return [Outgoing(texts.CONSENT_ALREADY, kind="notice")]
            await self.store.give_consent(user.id, texts.PRIVACY_VERSION)
            return [Outgoing(texts.CONSENT_THANKS)]
        if kind == "kb":
            return await self._show_entry(user, rest)
        if kind == "kbx":
            return await self._none_of_these(user, rest)
        if kind == "fb":
            return await self._feedback(user, rest)
        log.warning("unknown action kind %r", kind[:16])
        return [Outgoing(texts.STALE_ACTION, kind="notice")]

    async def _show_entry(self, user: User, rest: str) -> list[Outgoing]:
        entry_id, _, question = rest.partition(":")
        index = self.knowledge.index
        entry = index.kb.by_id.get(entry_id)
        if entry is None:
            return [Outgoing(texts.STALE_ACTION, kind="notice")]
        feedback_id = None
        if question.isdigit():
            row = await self.store.question(int(question))
            if row is not None and row.user_id == user.id:
                await self.store.resolve_question(row.id, entry.id)
                feedback_id = row.id
        return [answers.answer_message(entry, index.kb, feedback_id)]

    async def _none_of_these(self, user: User, question: str) -> list[Outgoing]:
        if question.isdigit():
            row = await self.store.question(int(question))
            if row is not None and row.user_id == user.id:
                await self.store.resolve_question(row.id, None)
        return [answers.decline_message(repeated=True)]

    async def _feedback(self, user: User, rest: str) -> list[Outgoing]:
        question, _, verdict = rest.partition(":")
        if not question.isdigit() or verdict not in ("up", "down"):
            return [Outgoing(texts.FEEDBACK_REFUSED, kind="notice")]
        stored = await self.store.set_feedback(
            int(question), user.id, 1 if verdict == "up" else -1
        )
        return [
            Outgoing(texts.FEEDBACK_THANKS if stored else texts.FEEDBACK_REFUSED, kind="notice")
        ]

    async def _unanswered(self, user: User, _: str) -> list[Outgoing]:
        rows = await self.store.unanswered(limit=15)
        if not rows:
            return [Outgoing(texts.UNANSWERED_EMPTY)]
        lines = [
            texts.UNANSWERED_LINE.format(
                rank=i, text=r.normalised, count=r.count, last=r.last_asked
            )
            for i, r in enumerate(rows, 1)
        ]
        return [Outgoing("\n".join(lines), title=texts.UNANSWERED_TITLE)]

    async def _reload(self, user: User, _: str) -> list[Outgoing]:
        try:
            count = self.knowledge.reload()
        except ContentError as exc:
            await self.store.audit("kb.reload_failed", user.id, problems=len(exc.problems))
            shown = [str(p) for p in exc.problems[:MAX_RELOAD_PROBLEMS]]
            header = texts.RELOAD_FAILED.format(count=len(exc.problems))
            return [Outgoing("\n".join([header, *shown]))]
        await self.store.audit("kb.reloaded", user.id, entries=count)
        return [Outgoing(texts.RELOAD_OK.format(count=count))]
