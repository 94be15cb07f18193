"""What a rule is once loaded: condition trees over declared facts, a recommendation, its
reason template, source, confidence, and where it goes in the five-year plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from bot.profile.vocabulary import Vocabulary

KINDS = ("pelatihan", "tugas_belajar", "izin_belajar", "uji_kompetensi", "kenaikan_pangkat",
         "kenaikan_jenjang", "jalur_karier", "mutasi", "talenta", "mentoring", "disiplin")
OPERATORS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "contains", "not_contains",
             "all_at_least", "exists")
FactType = Literal["number", "bool", "text", "date", "choice", "list"]
Confidence = Literal["H", "M"]
PLAN_YEARS = 5  # the Renbangrir/IDP covers five years


@dataclass(frozen=True)
class FactDecl:
    """A fact rules may read: a profile field, a value derived from it, or a threshold."""

    name: str
    type: FactType
    label: str
    unit: str = ""
    vocabulary: Vocabulary | None = None
    origin: Literal["profile", "derived", "threshold"] = "derived"
    null_is_unlimited: bool = False  # as a limit, no value means "no limit" (not "unknown")

    @property
    def ordered(self) -> bool:
        if self.type in ("number", "date"):
            return True
        return self.vocabulary is not None and self.vocabulary.ordered


@dataclass(frozen=True)
class FactRef:
    """A condition value read from another fact (or threshold) instead of a literal."""

    name: str


@dataclass(frozen=True)
class Condition:
    """``fact op value``; ``hint`` is a template shown after the item when it fails, and
    ``missing`` a template that replaces the generated item altogether ("Belum lulus uji
    kompetensi")."""

    fact: str
    op: str
    value: Any
    hint: str | None = None
    missing: str | None = None


@dataclass(frozen=True)
class AllOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class NotOf:
    child: Node


Node = Condition | AllOf | AnyOf | NotOf


@dataclass(frozen=True)
class PlanSpec:
    """Where a recommendation lands in the plan: a fixed year (1 = this year), the year a
    date or a number of years from a fact points to, for ``span`` years, or every year."""

    year: int | None = None
    at: str | None = None
    span: str | None = None
    every_year: bool = False
    always: bool = False
    text: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    area: str
    priority: int
    when: Node
    eligible: Node | None
    kind: str
    title: str
    because: str
    source: str
    confidence: Confidence
    practice: bool
    plan: PlanSpec | None
    refer_to_hr: bool  # the engine cannot decide: the chat keeps the case for HR
    file: str
    line: int
    basis: tuple[str, ...] = ()  # regulation ids of knowledge/regulations/
    since: dt.date | None = None  # berlaku sejak: the newest basis regulation's date
    confirmed: bool = True  # False when a basis regulation is not confirmed: hedge
