"""A feature contributes commands, button actions and dialogues; the assistant routes to them.

Keeping each capability in its own feature module means a new one (profiles, broadcasts) plugs in
at the composition root without editing the router.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.core.commands import Command
from bot.core.messages import Outgoing
from bot.storage.models import DialogueState, User

Replies = list[Outgoing]
CommandHandler = Callable[[User, str], Awaitable[Replies]]
ActionHandler = Callable[[User, str], Awaitable[Replies]]
DialogueHandler = Callable[[User, DialogueState, str], Awaitable[Replies]]
AttachmentHandler = Callable[[User, DialogueState, str, str], Awaitable[Replies]]


@dataclass
class Feature:
    """What one capability adds. Action keys are prefixes: ``"fb"`` receives ``fb:<rest>``.

    ``attachments`` take a document sent during the named dialogue (caption, attachment id).
    """

    menu: tuple[Command, ...] = ()
    commands: dict[str, CommandHandler] = field(default_factory=dict)
    actions: dict[str, ActionHandler] = field(default_factory=dict)
    dialogues: dict[str, DialogueHandler] = field(default_factory=dict)
    attachments: dict[str, AttachmentHandler] = field(default_factory=dict)
