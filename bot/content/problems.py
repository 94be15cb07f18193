"""Content problems are collected, never raised one at a time: HR sees every fix at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_PART_CHARS = 120  # an id or field quoting content is cut here
MAX_MESSAGE_CHARS = 400  # and a message
MAX_PROBLEMS = 500  # a file full of errors lists this many, then says how many more


def _short(text: str, limit: int = MAX_PART_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One thing wrong in a content file, located precisely enough to fix without searching."""

    file: str
    line: int
    item_id: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return (f"{where} › {_short(self.item_id) or '-'} › {_short(self.field) or '-'}: "
                f"{_short(self.message, MAX_MESSAGE_CHARS)}")

    @classmethod
    def at(
        cls, path: Path | str, line: int, message: str, *, item_id: str = "", field: str = ""
    ) -> ContentProblem:
        return cls(str(path), line, item_id, field, message)


class ContentError(Exception):
    """Raised by loaders after collecting all problems; the CLI turns it into exit code 1."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = sorted(problems)
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS]]
        if len(self.problems) > MAX_PROBLEMS:
            shown.append(f"… and {len(self.problems) - MAX_PROBLEMS} more problem(s)")
        super().__init__("\n".join(shown))
