"""The local console chat: the same core and database as Telegram, to try it with no account."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO

from bot.core.messages import Button, Incoming, Outgoing
from bot.core.texts import WELCOME_TITLE

CHANNEL = "console"
PROMPT = "anda> "
EXIT_WORDS = frozenset({"/keluar", "/exit", "/quit", "keluar"})


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


class ConsoleChat:
    """Reads lines, sends them to the core, prints the replies; a number presses a button."""

    def __init__(
        self,
        handle: Callable[[Incoming], Awaitable[list[Outgoing]]],
        out: TextIO = sys.stdout,
        user_id: str = "local",
    ) -> None:
        self._handle = handle
        self._out = out
        self._user_id = user_id
        self._buttons: list[Button] = []

    async def send(self, line: str) -> list[Outgoing]:
        line = line.strip()
        if line.isdigit() and 1 <= int(line) <= len(self._buttons):
            incoming = Incoming(
                CHANNEL, self._user_id, action=self._buttons[int(line) - 1].action, kind="action"
            )
        else:
            incoming = Incoming(CHANNEL, self._user_id, text=line)
        replies = await self._handle(incoming)
        self._show(replies)
        return replies

    def _show(self, replies: list[Outgoing]) -> None:
        buttons: list[Button] = []
        for reply in replies:
            if reply.document is not None:
                print(f"[dokumen: {reply.document.filename}]", file=self._out)
                continue
            print(render_plain(reply, len(buttons) + 1), file=self._out)
            buttons += reply.all_buttons
            print(file=self._out)
        if buttons or any(r.kind == "message" for r in replies):
            self._buttons = buttons

    async def run(self, stdin: TextIO = sys.stdin) -> None:
        print(f"{WELCOME_TITLE} (konsol). Ketik /keluar untuk berhenti.\n", file=self._out)
        await self.send("/start")
        while True:
            print(PROMPT, end="", file=self._out, flush=True)
            line = await asyncio.to_thread(stdin.readline)
            if not line or line.strip().casefold() in EXIT_WORDS:
                print("Sampai jumpa!", file=self._out)
                return
            if line.strip():
                await self.send(line)
