"""Every command the README lists exists: chat commands answer in the console (as an admin, so
HR ones are not refused), shell commands are in the parser, make targets in the Makefile."""

from __future__ import annotations

import argparse
import io
import re
from pathlib import Path

from bot.adapters.console import CHANNEL, LOCAL_USER, ConsoleChat
from bot.bootstrap import Services
from bot.cli import _parser
from bot.config import REPO_ROOT
from bot.core import texts
from bot.core.flood import FloodGuard

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return README.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def first_cells(title: str) -> list[str]:
    """The first column of every table row in a README section."""
    rows = re.findall(r"^\| (.+?) \|", section(title), flags=re.MULTILINE)
    return [row for row in rows if row not in {"command", "target", "---"}]


def test_the_readme_lists_commands_of_each_kind() -> None:
    assert len(first_cells("Commands in the chat")) >= 10
    assert len(first_cells("Commands in the shell")) >= 10
    assert len(first_cells("Make targets")) >= 8


async def test_every_chat_command_of_the_readme_works_in_the_console(
        services: Services, tmp_path: Path) -> None:
    commands = sorted({name for cell in first_cells("Commands in the chat")
                       for name in re.findall(r"`/(\w+)", cell)})
    assert {"laporan", "siaran", "rencana", "datasaya", "peran"} <= set(commands)
    await services.store.set_role(CHANNEL, LOCAL_USER, "admin")
    services.assistant.flood = FloodGuard(limit=100)  # some forty messages in a few seconds
    out = io.StringIO()
    console = ConsoleChat(services.assistant.handle, tmp_path / "files", out=out)
    for name in commands:
        replies = await console.send(f"/{name}")
        shown = " ".join(r.text for r in replies)
        assert replies and texts.UNKNOWN_COMMAND.format(name=name) not in shown, name
        assert texts.HR_ONLY not in shown, name
        await console.send("/batal")  # leave any dialogue the command opened


def test_every_shell_command_of_the_readme_is_in_the_parser() -> None:
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for cell in first_cells("Commands in the shell"):
        name = cell.strip("`").split()[0]
        assert name in sub.choices, cell


def test_every_make_target_of_the_readme_is_in_the_makefile() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, flags=re.MULTILINE))
    for cell in first_cells("Make targets"):
        for name in re.findall(r"`make ([\w-]+)", cell):
            assert name in targets, cell
