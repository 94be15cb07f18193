"""The core's own vocabulary for what comes in and goes out; adapters translate to and from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MAX_ACTION_BYTES = 64  # Telegram's callback_data limit


@dataclass(frozen=True)
class Button:
    """A choice to press; ``action`` is a short opaque id, never trusted for authority."""

    label: str
    action: str

    def __post_init__(self) -> None:
        if len(self.action.encode()) > MAX_ACTION_BYTES:
            raise ValueError(f"action longer than {MAX_ACTION_BYTES} bytes: {self.action!r}")


@dataclass(frozen=True)
class Document:
    """A file to send; ``photo`` asks for it to be shown as a picture (a chart) instead."""

    filename: str
    content: bytes
    caption: str = ""
    photo: bool = False


@dataclass(frozen=True)
class Incoming:
    """One thing a user did: typed text, pressed a button, or sent something we cannot read.

    ``attachment`` is the platform's id of a document the user sent (its caption is ``text``);
    only a dialogue that accepts attachments reads it, anything else treats it as unsupported.
    """

    channel: str
    user_id: str
    chat_id: int | None = None
    text: str | None = None
    action: str | None = None
    kind: Literal["text", "action", "unsupported"] = "text"
    attachment: str | None = None


@dataclass(frozen=True)
class Outgoing:
    """One reply. Text is plain; adapters escape it and style ``title`` and ``footer``.

    A ``notice`` is a short acknowledgement (Telegram shows it as a toast on the pressed button).
    ``edit`` replaces the message whose button was pressed, keyboard included (a step of a
    dialogue, a toggle, a used keyboard); with empty ``text`` only its buttons are replaced.
    Where nothing was pressed, or the platform cannot edit, it is sent as a new message.
    """

    text: str
    title: str | None = None
    footer: str | None = None
    buttons: tuple[tuple[Button, ...], ...] = ()
    document: Document | None = None
    kind: Literal["message", "notice"] = "message"
    edit: bool = False
    to_chat: int | None = field(default=None, compare=False)
    # A role changed: the adapter republishes the command menu of this user (channel user id).
    menu_changed_for: str | None = field(default=None, compare=False)

    @property
    def all_buttons(self) -> list[Button]:
        return [b for row in self.buttons for b in row]
