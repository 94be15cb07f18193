"""Questions about the asker's own case, answered by the rule engine for this very person.

"apakah saya sudah bisa tubel?", "kapan saya naik pangkat?", "umur saya masih memenuhi
syarat?": first person plus an eligibility or time word. The topic comes from
``knowledge/language/personal.yaml``. Facts typed in the message ("umur 41", "gol III/b",
"baru 2 thn jadi PNS") replace the stored ones for this one answer and are never stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.content import ContentError, load_yaml, problems_from_validation
from bot.core import texts
from bot.engine.explain import value_text
from bot.engine.service import Advice
from bot.kb.models import KnowledgeEntry

FIRST_PERSON = frozenset({"saya"})
# Words that ask about one's own eligibility or dates, as the normaliser writes them.
ELIGIBILITY = frozenset({"bisa", "boleh", "sudah", "kapan", "memenuhi", "masih", "layak",
                         "berhak", "belum", "cukup", "dapat", "eligible", "kapankah"})
MAX_SHOWN = 3

_AGE = re.compile(r"\b(?:umur|usia|umurku|usiaku)\s*(?:saya|sy|aku|gw)?\s*"
                  r"(?:sudah|udah|udh|sdh|skrg|sekarang|baru)?\s*(\d{2})\b")
_GOLONGAN = re.compile(r"\b(?:gol(?:ongan)?|golru)\.?\s*(iv|iii|ii|i|[1-4])\s*[/\-]?\s*([a-e])\b")
_YEARS = re.compile(r"\b(?:masa\s*kerja|mk)\s*(?:saya|sy)?\s*(\d{1,2})\s*(?:tahun|thn|th|taun)\b"
                    r"|\b(?:baru|sudah|udah|udh|sdh)\s*(\d{1,2})\s*(?:tahun|thn|th|taun)\s*"
                    r"(?:jadi|jd|menjadi)?\s*(?:pns|asn)\b")
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    words: list[list[str]]
    entry_topics: list[str] = []
    rules: list[str] = []
    facts: list[str] = []


class Topics(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topics: list[Topic]


def load_topics(path: Path) -> list[Topic]:
    data, problems = load_yaml(path)
    if problems:
        raise ContentError(problems)
    try:
        return Topics.model_validate(data).topics
    except ValidationError as exc:
        raise ContentError(problems_from_validation(path, data, exc)) from exc


def is_personal(words: list[str]) -> bool:
    """First person and an eligibility or time word: the asker's own case."""
    return not FIRST_PERSON.isdisjoint(words) and not ELIGIBILITY.isdisjoint(words)


def topic_of(topics: list[Topic], words: list[str],
             entry: KnowledgeEntry | None) -> Topic | None:
    present = set(words)
    for topic in topics:
        if any(set(group) <= present for group in topic.words):
            return topic
    if entry is not None:
        return next((t for t in topics if entry.topic in t.entry_topics), None)
    return None


@dataclass(frozen=True)
class TypedFacts:
    """Facts the asker typed; they change only this answer."""

    age: int | None = None
    golongan: str | None = None
    years_of_service: int | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.age, self.golongan, self.years_of_service))

    def described(self) -> str:
        parts = []
        if self.age is not None:
            parts.append(texts.TYPED_AGE.format(age=self.age))
        if self.golongan is not None:
            parts.append(texts.TYPED_GOLONGAN.format(golongan=self.golongan))
        if self.years_of_service is not None:
            parts.append(texts.TYPED_YEARS.format(years=self.years_of_service))
        return ", ".join(parts)

    def applied(self, data: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
        """The stored profile with these facts in place (the NIP left out: it would contradict
        a typed age, and rules never read it)."""
        out = {k: v for k, v in data.items() if k != "nip"}
        if self.age is not None:
            out["tanggal_lahir"] = _years_before(today, self.age).isoformat()
        if self.golongan is not None:
            out["golongan"] = self.golongan
        if self.years_of_service is not None:
            out["tmt_pns"] = _years_before(today, self.years_of_service).isoformat()
        return out


def typed_facts(text: str) -> TypedFacts:
    lowered = text.casefold()
    age = _AGE.search(lowered)
    golongan = _GOLONGAN.search(lowered)
    years = _YEARS.search(lowered)
    return TypedFacts(
        age=int(age.group(1)) if age and 18 <= int(age.group(1)) <= 70 else None,
        golongan=(f"{_ROMAN.get(golongan.group(1), golongan.group(1).upper())}/"
                  f"{golongan.group(2)}") if golongan else None,
        years_of_service=int(years.group(1) or years.group(2)) if years else None,
    )


def _years_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def verdict(topic: Topic, advice: Advice, typed: TypedFacts) -> str:
    """What the rule engine says about this person for the topic, with each rule's source."""
    evaluation = advice.evaluation
    lines = [texts.PERSONAL_INTRO_TYPED.format(facts=typed.described()) if typed
             else texts.PERSONAL_INTRO]
    for name in topic.facts:
        value = evaluation.facts.get(name)
        if value is not None:
            decl = evaluation.declarations[name]
            lines.append(texts.PERSONAL_FACT.format(label=decl.label,
                                                    value=value_text(decl, value)))
    shown = 0
    for rule_id in topic.rules:
        result = evaluation.result(rule_id)
        if result is None or result.status == "not_applicable" or shown == MAX_SHOWN:
            continue
        shown += 1
        if result.status == "recommended":
            lines.append(texts.PERSONAL_ELIGIBLE.format(title=result.title))
        else:
            lines.append(texts.PERSONAL_NOT_YET.format(title=result.title))
            lines += [texts.PERSONAL_MISSING.format(item=m) for m in result.missing]
        lines.append(texts.PERSONAL_SOURCE.format(source=result.rule.source))
    if topic.rules and not shown:
        lines.append(texts.PERSONAL_NOT_APPLICABLE.format(topic=topic.label))
    if len(lines) == 1:
        return ""
    return "\n".join(lines)
