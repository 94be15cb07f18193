"""Commands as the menu shows them, and how a typed command is recognised."""

from __future__ import annotations

import re
from dataclasses import dataclass

EMPLOYEE = "employee"
HR = "hr"
ADMIN = "admin"
PRIVILEGED = frozenset({HR, ADMIN})


@dataclass(frozen=True)
class Command:
    """A menu entry; ``for_hr`` commands are refused to employees and hidden from their menu."""

    name: str
    description: str
    for_hr: bool = False


_COMMAND = re.compile(r"/(\S*)\s*(.*)", re.DOTALL)


def command_of(text: str) -> tuple[str, str] | None:
    """``/Start@bot arg`` → ("start", "arg"); None when the text is not a command."""
    if not text.startswith("/") or len(text) < 2:
        return None
    # The name ends at any whitespace: "/siaran⏎Teks pengumuman" is /siaran with its text.
    head, rest = _COMMAND.match(text).groups()  # type: ignore[union-attr]
    name = head.split("@", 1)[0].casefold()
    return name, rest.strip()
