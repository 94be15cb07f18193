"""The command menu, one list for every adapter: Telegram publishes it, /bantuan prints it."""

from __future__ import annotations

from dataclasses import dataclass

EMPLOYEE = "employee"
HR = "hr"
ADMIN = "admin"
PRIVILEGED = frozenset({HR, ADMIN})


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    for_hr: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("start", "Mulai dan lihat pemberitahuan privasi"),
    Command("bantuan", "Daftar perintah dan cara bertanya"),
    Command("privasi", "Pemberitahuan privasi dan persetujuan"),
    Command("pertanyaan", "Pertanyaan terbanyak yang belum terjawab", for_hr=True),
    Command("muatulang", "Muat ulang basis pengetahuan", for_hr=True),
)


def employee_commands() -> list[Command]:
    return [c for c in COMMANDS if not c.for_hr]


def hr_commands() -> list[Command]:
    return list(COMMANDS)


def command_of(text: str) -> tuple[str, str] | None:
    """``/Start@bot arg`` → ("start", "arg"); None when the text is not a command."""
    if not text.startswith("/") or len(text) < 2:
        return None
    head, _, rest = text[1:].partition(" ")
    name = head.split("@", 1)[0].casefold()
    return name, rest.strip()
