"""The one entry point every adapter calls: ``Assistant.handle(Incoming) -> list[Outgoing]``.

Routing order: a pressed button, then a /command, then text typed inside a dialogue in progress,
then free text as a question. Authority is re-derived from the stored user on every call; nothing
in button data is trusted for it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TypeVar

from bot.core import texts
from bot.core.basics import consent_outdated, renewed_privacy_notice
from bot.core.commands import PRIVILEGED, Command, command_of
from bot.core.features import (
    ActionHandler,
    AttachmentHandler,
    CommandHandler,
    DialogueHandler,
    Feature,
    Replies,
)
from bot.core.flood import FloodGuard, Verdict
from bot.core.messages import Incoming, Outgoing
from bot.core.recent import RecentSet
from bot.storage.models import DialogueState, User
from bot.storage.repository import Store

log = logging.getLogger(__name__)

BUTTON_ALLOWANCE = 3


T = TypeVar("T")


def _register(registry: dict[str, T], additions: dict[str, T]) -> None:
    clash = set(registry) & set(additions)
    if clash:
        raise ValueError(f"registered twice: {sorted(clash)}")
    registry.update(additions)


class Assistant:
    """Transport-agnostic router over features; free text goes to ``fallback``."""

    def __init__(self, store: Store, features: Sequence[Feature], fallback: CommandHandler,
                 flood: FloodGuard | None = None) -> None:
        self.store = store
        self.fallback = fallback
        self._asked = RecentSet()
        self.flood = flood or FloodGuard()
        # A guided dialogue is many quick taps; presses get their own, wider allowance.
        self.button_flood = FloodGuard(limit=self.flood.limit * BUTTON_ALLOWANCE,
                                       window=self.flood.window)
        self.menu: list[Command] = [c for f in features for c in f.menu]
        self._hr_only = {c.name for c in self.menu if c.for_hr}
        self._commands: dict[str, CommandHandler] = {}
        self._actions: dict[str, ActionHandler] = {}
        self._dialogues: dict[str, DialogueHandler] = {}
        self._attachments: dict[str, AttachmentHandler] = {}
        for feature in features:
            _register(self._commands, feature.commands)
            _register(self._actions, feature.actions)
            _register(self._dialogues, feature.dialogues)
            _register(self._attachments, feature.attachments)

    def menu_for(self, role: str) -> list[Command]:
        return [c for c in self.menu if role in PRIVILEGED or not c.for_hr]

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        guard = self.button_flood if incoming.kind == "action" else self.flood
        verdict = guard.check(f"{incoming.channel}:{incoming.user_id}")
        if verdict is Verdict.DROP:
            return []
        if verdict is Verdict.SLOW_DOWN:
            return [Outgoing(texts.SLOW_DOWN)]
        user, state = await self.store.user_and_dialogue(
            incoming.channel, incoming.user_id, incoming.chat_id)
        replies = await self._route(user, state, incoming)
        if consent_outdated(user) and incoming.action != "consent" and user.id not in self._asked:
            self._asked.add(user.id)  # once per process, not on every message
            replies.append(renewed_privacy_notice(user))
        return replies

    async def _route(self, user: User, state: DialogueState | None,
                     incoming: Incoming) -> Replies:
        if (incoming.attachment is not None and state is not None
                and state.name in self._attachments):
            return await self._attachments[state.name](
                user, state, (incoming.text or "").strip(), incoming.attachment)
        if incoming.kind == "unsupported":
            return [Outgoing(texts.UNSUPPORTED)]
        if incoming.kind == "action":
            return await self._action(user, incoming.action or "")
        text = (incoming.text or "").strip()
        command = command_of(text)
        if command is not None:
            return await self._command(user, *command)
        if state is not None and state.name in self._dialogues:
            return await self._dialogues[state.name](user, state, text)
        return await self.fallback(user, text)

    async def _command(self, user: User, name: str, argument: str) -> Replies:
        handler = self._commands.get(name)
        if handler is None:
            return [Outgoing(texts.UNKNOWN_COMMAND.format(name=name[:32]))]
        if name in self._hr_only and user.role not in PRIVILEGED:
            await self.store.audit("access.refused", user.id, command=name)
            return [Outgoing(texts.HR_ONLY)]
        return await handler(user, argument)

    async def _action(self, user: User, action: str) -> Replies:
        prefix, _, rest = action.partition(":")
        if prefix == "cmd":  # a button that runs a command ("cmd:profil"), checked as typed
            return await self._command(user, rest, "")
        handler = self._actions.get(prefix)
        if handler is None:
            log.warning("unknown action prefix %r", prefix[:16])
            return [Outgoing(texts.STALE_ACTION, kind="notice")]
        return await handler(user, rest)
