"""Core messages → Telegram HTML. Every piece of text is escaped here, and only here."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.messages import Outgoing

MAX_MESSAGE_CHARS = 4096  # counted on the text after entity parsing, i.e. before escaping
_SAFE_CHUNK = 3500  # leaves room for a title and a footer in the first and last part


def render_html(message: Outgoing) -> list[str]:
    """The message as one or more HTML texts, each within Telegram's length limit."""
    body_chunks = _split(message.text, _SAFE_CHUNK)
    rendered = [escape(chunk, quote=False) for chunk in body_chunks]
    if message.title:
        rendered[0] = f"<b>{escape(message.title, quote=False)}</b>\n\n{rendered[0]}"
    if message.footer:
        rendered[-1] = f"{rendered[-1]}\n\n<i>{escape(message.footer, quote=False)}</i>"
    return rendered


def keyboard(message: Outgoing) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.action) for b in row]
            for row in message.buttons
        ]
    )


def _split(text: str, limit: int) -> list[str]:
    """Split at paragraph, then line, then word boundaries; never return an empty list."""
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = max(
            rest.rfind("\n\n", 0, limit), rest.rfind("\n", 0, limit), rest.rfind(" ", 0, limit)
        )
        if cut <= 0:
            cut = limit
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    chunks.append(rest)
    return chunks
