"""Content problems are collected, never raised one at a time: HR sees every fix at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        return f"{where} › {self.item_id or '-'} › {self.field or '-'}: {self.message}"

    @classmethod
    def at(
        cls, path: Path | str, line: int, message: str, *, item_id: str = "", field: str = ""
    ) -> ContentProblem:
        return cls(str(path), line, item_id, field, message)


class ContentError(Exception):
    """Raised by loaders after collecting all problems; the CLI turns it into exit code 1."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
