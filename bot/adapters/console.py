"""The local console chat: the same core and database as Telegram, to try it with no account.

Documents the core sends (the plan PDF, /datasaya's JSON, /laporan's files) are written to a
folder and their path printed, since a terminal cannot show them. Announcements reach the
console user through the real broadcast sender, whose transport prints them here.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sqlalchemy import select

from bot import log_privacy
from bot.broadcast.pacing import Pacer
from bot.broadcast.sender import Sender
from bot.broadcast.transport import Outcome, Sent, Transient
from bot.core import texts
from bot.core.messages import Button, Document, Incoming, Outgoing
from bot.core.texts import WELCOME_TITLE
from bot.ids import parse_id
from bot.storage.broadcasts import BroadcastStore
from bot.storage.database import session_factory
from bot.storage.models import User

CHANNEL = "console"
LOCAL_USER = "local"  # the one person at this terminal
# Its chat id, for announcements: far outside the ids Telegram gives (about ±10^13), not 0.
CONSOLE_CHAT = -(2**62)
PROMPT = "anda> "
EXIT_WORDS = frozenset({"/keluar", "/exit", "/quit", "keluar"})
NO_CHOICE = "Tidak ada pilihan yang sedang terbuka. Ketik pertanyaan Anda, atau /bantuan."
NO_SUCH_CHOICE = ("Pilihan {number} tidak ada. Ketik salah satu nomor di dalam [ ] di atas, "
                  "atau tulis pertanyaan Anda.")
SAVED = "[dokumen disimpan: {path}]"
EDITED = "[diperbarui]"
SHARED_DATABASE = ("(Basis data ini juga dipakai bot Telegram: pengumuman dari /siaran dikirim "
                   "oleh bot Telegram, tidak ditampilkan di konsol.)")

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from bot.bootstrap import Services


def render_plain(message: Outgoing, numbered_from: int = 1) -> str:
    """A reply as terminal text; buttons become numbered choices."""
    parts = []
    if message.title:
        parts.append(f"== {message.title} ==")
    parts.append(message.text)
    if message.footer:
        parts.append(f"({message.footer})")
    for number, button in enumerate(message.all_buttons, numbered_from):
        parts.append(f"  [{number}] {button.label}")
    return "\n".join(parts)


def save_document(document: Document, folder: Path) -> Path:
    """Write a document under ``folder``; only its base name is used, never a path in it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (Path(document.filename).name or "dokumen")
    path.write_bytes(document.content)
    return path


class ConsoleChat:
    """Reads lines, sends them to the core, prints the replies; a number presses a button.

    ``dialogue_open`` tells whether a typed answer is expected (a dialogue is in progress): a
    bare number that presses no button is an answer there, and a mistyped choice anywhere else.
    """

    def __init__(
        self,
        handle: Callable[[Incoming], Awaitable[list[Outgoing]]],
        files: Path,
        out: TextIO = sys.stdout,
        user_id: str = LOCAL_USER,
        dialogue_open: Callable[[], Awaitable[bool]] | None = None,
    ) -> None:
        self._handle = handle
        self._files = files
        self._out = out
        self._user_id = user_id
        self._dialogue_open = dialogue_open
        self._buttons: list[Button] = []
        self._at_prompt = False

    async def send(self, line: str) -> list[Outgoing]:
        line = line.strip()
        choice = parse_id(line, len(self._buttons))
        if choice is not None:
            incoming = Incoming(CHANNEL, self._user_id, CONSOLE_CHAT,
                                action=self._buttons[choice - 1].action, kind="action")
        elif line.isdigit() and not await self._expects_text():
            # A bare number outside a dialogue is a mistyped choice, never a question.
            hint = NO_SUCH_CHOICE.format(number=line) if self._buttons else NO_CHOICE
            print(f"{hint}\n", file=self._out)
            return []
        else:
            incoming = Incoming(CHANNEL, self._user_id, CONSOLE_CHAT, text=line)
        with log_privacy.sensitive([line]):  # what was typed never reaches the log
            try:
                replies = await self._handle(incoming)
            except Exception:  # as in Telegram: the user gets an apology, the log the traceback
                log.exception("console turn failed")
                replies = [Outgoing(texts.ERROR)]
        self._show(replies)
        return replies

    async def _expects_text(self) -> bool:
        return self._dialogue_open is not None and await self._dialogue_open()

    def _show(self, replies: list[Outgoing]) -> None:
        buttons: list[Button] = []
        for reply in replies:
            if reply.document is not None:
                path = save_document(reply.document, self._files)
                print(SAVED.format(path=path), file=self._out)
                if reply.document.caption:
                    print(reply.document.caption, file=self._out)
                print(file=self._out)
                continue
            print(render_plain(reply, len(buttons) + 1), file=self._out)
            buttons += reply.all_buttons
            print(file=self._out)
        if buttons or any(r.kind == "message" for r in replies):
            self._buttons = buttons

    def push(self, message: Outgoing, edited: bool = False) -> None:
        """A message the bot sends on its own (an announcement, HR's broadcast progress)."""
        if self._at_prompt:
            print(file=self._out)
        if edited:
            print(EDITED, file=self._out)
        self._show([message])
        if self._at_prompt:
            print(PROMPT, end="", file=self._out, flush=True)

    async def run(self, stdin: TextIO = sys.stdin) -> None:
        print(f"{WELCOME_TITLE} (konsol). Ketik /keluar untuk berhenti.", file=self._out)
        print(f"Dokumen disimpan di {self._files}.\n", file=self._out)
        await self.send("/start")
        while True:
            print(PROMPT, end="", file=self._out, flush=True)
            self._at_prompt = True
            line = await asyncio.to_thread(stdin.readline)
            self._at_prompt = False
            if not line or line.strip().casefold() in EXIT_WORDS:
                print("Sampai jumpa!", file=self._out)
                return
            if line.strip():
                await self.send(line)


class ConsoleTransport:
    """The broadcast sender's way out in the console: the one chat it reaches is its own."""

    def __init__(self, chat: ConsoleChat) -> None:
        self._chat = chat
        self._sent = 0

    async def send(
        self, chat_id: int, message: Outgoing, attachment: str | None = None
    ) -> Outcome:
        if chat_id != CONSOLE_CHAT:  # a Telegram chat: left to the Telegram bot
            return Transient("the console reaches only its own chat")
        self._sent += 1
        self._chat.push(message)
        return Sent(self._sent)

    async def edit(self, chat_id: int, message_id: int, message: Outgoing) -> Outcome:
        if chat_id != CONSOLE_CHAT:
            return Transient("the console reaches only its own chat")
        self._chat.push(message, edited=True)
        return Sent(message_id)


def console_sender(store: BroadcastStore, chat: ConsoleChat, rate: float) -> Sender:
    """The real sender over the console transport; only for a database with no Telegram users,
    since it would claim their deliveries too."""
    return Sender(store, ConsoleTransport(chat), Pacer(rate))


async def chat_session(services: Services, role: str, files: Path) -> None:
    """One console session as ``role``, with announcements delivered here where no Telegram
    user shares the database (then the Telegram bot is the one to send them)."""
    store = services.store
    await store.set_role(CHANNEL, LOCAL_USER, role)

    async def dialogue_open() -> bool:
        user = await store.find_user(CHANNEL, LOCAL_USER)
        return user is not None and await store.dialogue(user.id) is not None

    chat = ConsoleChat(services.assistant.handle, files, dialogue_open=dialogue_open)
    if await _shared_with_telegram(services):
        print(SHARED_DATABASE)
        await chat.run()
        return
    sender = console_sender(services.broadcasts.store, chat, services.settings.broadcast_rate)
    task = asyncio.create_task(sender.run(), name="console-broadcast-sender")
    try:
        await chat.run()
    finally:
        sender.stop()
        await task


async def _shared_with_telegram(services: Services) -> bool:
    async with session_factory(services.engine)() as session:
        other = await session.scalar(select(User.id).where(User.channel != CHANNEL).limit(1))
    return other is not None
