"""Consenting subscribers written straight into the database, for broadcast tests at scale."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.core import texts
from bot.storage.models import utcnow


def subscriber_rows(chats: Iterable[int]) -> list[dict[str, Any]]:
    """``users`` rows for Telegram users who started the bot, consented and are subscribed."""
    now = utcnow()
    return [{"channel": "telegram", "external_id": str(chat), "chat_id": chat,
             "role": "employee", "consent_version": texts.PRIVACY_VERSION, "consent_at": now,
             "subscribed": True, "created_at": now} for chat in chats]
