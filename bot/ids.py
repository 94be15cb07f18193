"""Numbers typed or pressed by people, parsed once and strictly, before anything is written.

``str.isdigit()`` accepts "²" and "٣" and ``int()`` accepts "٣" and "00123": a check with one
and a conversion with the other let a superscript crash a handler after a row was written, an
Arabic-Indic digit reach the database as a different id, and a 20-digit id overflow SQLite's
64-bit integers. Every id and numeric button part goes through these instead.
"""

from __future__ import annotations

import argparse

INT64_MAX = 2**63 - 1  # SQLite's and PostgreSQL's BIGINT
TELEGRAM_ID_MAX = 2**52  # Telegram: user ids have at most 52 significant bits


def _ascii_number(text: str) -> int | None:
    if not text or len(text) > 19 or not text.isascii() or not text.isdigit():
        return None
    if len(text) > 1 and text[0] == "0":
        return None  # "00123" is not how any id is written
    return int(text)


def parse_id(text: str, maximum: int = INT64_MAX) -> int | None:
    """A positive id in ASCII digits, no leading zero, at most ``maximum``; otherwise None."""
    value = _ascii_number(text)
    return value if value is not None and 0 < value <= maximum else None


def parse_user_id(text: str) -> int | None:
    """A Telegram user id as Telegram sends them; otherwise None."""
    return parse_id(text, TELEGRAM_ID_MAX)


def parse_index(text: str, size: int) -> int | None:
    """A position 0 ≤ n < ``size`` from a button's data; otherwise None."""
    value = _ascii_number(text)
    return value if value is not None and value < size else None


def id_argument(text: str) -> int:
    """argparse ``type`` for a broadcast id on the shell."""
    value = parse_id(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"not an id (digits 0-9, no leading zero): {text!r}")
    return value


def user_id_argument(text: str) -> int:
    """argparse ``type`` for a Telegram user id on the shell."""
    value = parse_user_id(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"not a Telegram user id: {text!r}")
    return value
