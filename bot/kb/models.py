"""What a knowledge entry is; validated once at load so the search and the chat can trust it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, field_validator

from bot.content.regulations import Registry, RegulationId

MAX_ANSWER_CHARS = 900
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

EntryId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,39}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Audience = Literal["pns", "pppk", "all"]


def _plain(value: str) -> str:
    if _TAG.search(value):
        raise ValueError("must be plain text: remove HTML tags, the bot formats the message")
    if _CONTROL.search(value):
        raise ValueError("contains control characters")
    return value


class KnowledgeEntry(BaseModel):
    """One question employees ask, its answer and the regulation it rests on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: EntryId
    topic: Text
    questions: Annotated[list[Annotated[Text, StringConstraints(max_length=300)]], "min 3"]
    answer: Annotated[Text, StringConstraints(max_length=MAX_ANSWER_CHARS)]
    source: Annotated[Text, StringConstraints(max_length=300)]
    # Registry ids of the regulations the answer rests on; `source` stays the citation with pasal.
    basis: list[RegulationId]
    reviewed: dt.date
    related: list[EntryId] = []
    audience: Audience = "all"
    # The entry that answers the same question for the other status (PNS ↔ PPPK): an asker whose
    # profile says that status is answered from it.
    counterpart: EntryId | None = None

    @field_validator("questions")
    @classmethod
    def _enough_phrasings(cls, value: list[str]) -> list[str]:
        if len(value) < 3:
            raise ValueError(f"needs at least 3 phrasings, has {len(value)}")
        if len({q.casefold() for q in value}) != len(value):
            raise ValueError("the same phrasing appears twice")
        return [_plain(q) for q in value]

    @field_validator("answer", "source")
    @classmethod
    def _plain_text(cls, value: str) -> str:
        return _plain(value)

    @field_validator("reviewed")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError(f"review date {value} is in the future")
        return value

    @field_validator("basis")
    @classmethod
    def _has_basis(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("needs at least one regulation id from knowledge/regulations/")
        return value

    @field_validator("related")
    @classmethod
    def _few_related(cls, value: list[str]) -> list[str]:
        if len(value) > 3:
            raise ValueError(f"at most 3 related entries, has {len(value)}")
        return value


@dataclass(frozen=True)
class KnowledgeBase:
    """All entries, looked up by id; immutable so a reload can swap it atomically.

    It carries the regulation registry the entries rest on, and where each entry was defined,
    so answers can show a basis's date and checks can point at a file and line.
    """

    entries: tuple[KnowledgeEntry, ...]
    registry: Registry = field(default_factory=Registry)
    places: dict[str, tuple[str, int]] = field(default_factory=dict, repr=False)
    by_id: dict[str, KnowledgeEntry] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {e.id: e for e in self.entries})

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def topics(self) -> list[str]:
        return sorted({e.topic for e in self.entries})
