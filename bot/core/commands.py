"""Commands as the menu shows them, and how a typed command is recognised."""

from __future__ import annotations

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


def command_of(text: str) -> tuple[str, str] | None:
    """``/Start@bot arg`` → ("start", "arg"); None when the text is not a command."""
    if not text.startswith("/") or len(text) < 2:
        return None
    head, _, rest = text[1:].partition(" ")
    name = head.split("@", 1)[0].casefold()
    return name, rest.strip()
