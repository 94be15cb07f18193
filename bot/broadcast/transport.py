"""What the sender needs from a messaging platform, in the core's vocabulary.

The Telegram adapter implements it over python-telegram-bot; tests and benchmarks use fakes.
Every platform answer is classified here, so the sender's decisions do not depend on Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.core.messages import Outgoing


@dataclass(frozen=True)
class Sent:
    message_id: int


@dataclass(frozen=True)
class FloodWait:
    """429: the platform asks to wait; the same message is sent again, not counted as failed."""

    seconds: float


@dataclass(frozen=True)
class Unreachable:
    """403: blocked by the user or the account is gone; the user is unsubscribed."""

    description: str


@dataclass(frozen=True)
class Rejected:
    """Any other 4xx: this message to this chat will never go through as it is."""

    description: str


@dataclass(frozen=True)
class Transient:
    """Network error or timeout: worth trying again later."""

    description: str


Outcome = Sent | FloodWait | Unreachable | Rejected | Transient


class Transport(Protocol):
    async def send(
        self, chat_id: int, message: Outgoing, attachment: str | None = None
    ) -> Outcome:
        """Send one message (with a previously uploaded document, if any)."""

    async def edit(self, chat_id: int, message_id: int, message: Outgoing) -> Outcome:
        """Replace the text and buttons of a message the bot sent (the progress message)."""
