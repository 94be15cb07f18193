"""The /profil questionnaire as data: which question comes next, and reading an answer.

Pure: answers live in a flat mapping (``"kompetensi.teknis.aktual": 2``) that the chat keeps in
the dialogue state; ``assemble`` turns it into the nested profile the model validates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.profile import texts
from bot.profile.fields import FIELDS
from bot.profile.model import Profile
from bot.profile.values import InvalidValueError, clean_nip, parse_date, parse_number
from bot.profile.vocabulary import (
    GOLONGAN,
    HUKUMAN_DISIPLIN,
    JENIS_JABATAN,
    JENJANG,
    JENJANG_BY_JENIS,
    PELATIHAN,
    PENDIDIKAN,
    PREDIKAT,
    STATUS,
    Vocabulary,
)

Kind = Literal["choice", "multi", "date", "text", "number", "nip", "bool"]
Answers = dict[str, Any]
NO_VALUE = "-"


def _always(_: Mapping[str, Any]) -> bool:
    return True


def _not_pppk(answers: Mapping[str, Any]) -> bool:
    return answers.get("status") != "pppk"


def _functional(answers: Mapping[str, Any]) -> bool:
    return answers.get("jenis_jabatan") == "fungsional"


@dataclass(frozen=True)
class Step:
    """One question; ``key`` is the answer's path in the profile."""

    key: str
    prompt: str
    kind: Kind
    vocabulary: Vocabulary | None = None
    optional: bool = False
    applies: Callable[[Mapping[str, Any]], bool] = _always
    low: float = 0
    high: float = 0
    whole: bool = True

    @property
    def field(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def label(self) -> str:
        return texts.STEP_LABELS.get(self.key) or FIELDS[self.field].label

    def choices(self, answers: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(value, label) pairs offered as buttons."""
        if self.kind == "bool":
            return [("ya", texts.YES), ("tidak", texts.NO)]
        if self.kind == "number" and self.whole and self.high - self.low <= 8:
            return [(str(n), str(n)) for n in range(int(self.low), int(self.high) + 1)]
        if self.vocabulary is None:
            return []
        values = list(self.vocabulary.values)
        if self.key == "jenjang" and answers.get("jenis_jabatan") in JENJANG_BY_JENIS:
            values = list(JENJANG_BY_JENIS[answers["jenis_jabatan"]])
        return [(v, self.vocabulary.label(v)) for v in values]

    def read(self, raw: str, answers: Mapping[str, Any]) -> Any:
        """The typed or pressed answer as stored; InvalidValueError (Indonesian) otherwise."""
        text = raw.strip()
        if self.kind in ("choice", "bool", "multi"):
            return self._choice(text, answers)
        if self.kind == "date":
            return parse_date(text).isoformat()
        if self.kind == "nip":
            return clean_nip(text)
        if self.kind == "number":
            value = parse_number(text, self.low, self.high, whole=self.whole)
            return int(value) if value.is_integer() else value
        if not text:
            raise InvalidValueError(texts.EMPTY_TEXT)
        return " ".join(text.split())[:120]

    def _choice(self, text: str, answers: Mapping[str, Any]) -> str:
        options = self.choices(answers)
        folded = text.casefold()
        for value, label in options:
            if folded in (value.casefold(), label.casefold()):
                return value
        accepted = ", ".join(label for _, label in options)
        raise InvalidValueError(texts.UNKNOWN_CHOICE.format(value=text[:40], accepted=accepted))


def _answered(key: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda answers: answers.get(key) is not None


def _level_steps() -> list[Step]:
    steps = []
    for kind, name in (("teknis", "teknis"), ("manajerial", "manajerial"),
                       ("sosial_kultural", "sosial kultural")):
        actual = f"kompetensi.{kind}.aktual"
        steps += [
            Step(actual, texts.ASK_LEVEL_ACTUAL.format(kind=name), "number", optional=True,
                 low=1, high=5),
            Step(f"kompetensi.{kind}.standar", texts.ASK_LEVEL_STANDARD.format(kind=name),
                 "number", applies=_answered(actual), low=1, high=5),
        ]
    return steps


STEPS: tuple[Step, ...] = (
    Step("status", texts.ASK_STATUS, "choice", STATUS),
    Step("nip", texts.ASK_NIP, "nip", optional=True),
    Step("tanggal_lahir", texts.ASK_BIRTH, "date"),
    Step("tmt_pns", texts.ASK_TMT_PNS, "date"),
    Step("instansi", texts.ASK_INSTANSI, "text"),
    Step("unit", texts.ASK_UNIT, "text", optional=True),
    Step("jenis_jabatan", texts.ASK_JENIS, "choice", JENIS_JABATAN),
    Step("jabatan", texts.ASK_JABATAN, "text"),
    Step("jenjang", texts.ASK_JENJANG, "choice", JENJANG),
    Step("golongan", texts.ASK_GOLONGAN, "choice", GOLONGAN, applies=_not_pppk),
    Step("tmt_golongan", texts.ASK_TMT_GOLONGAN, "date", optional=True, applies=_not_pppk),
    Step("tmt_jabatan", texts.ASK_TMT_JABATAN, "date", optional=True),
    Step("pendidikan", texts.ASK_PENDIDIKAN, "choice", PENDIDIKAN),
    Step("predikat_kinerja.0", texts.ASK_PREDIKAT_OLDER, "choice", PREDIKAT, optional=True),
    Step("predikat_kinerja.1", texts.ASK_PREDIKAT_LAST, "choice", PREDIKAT, optional=True),
    Step("jp_tahun_ini", texts.ASK_JP, "number", low=0, high=5000),
    Step("angka_kredit.pangkat", texts.ASK_AK_PANGKAT, "number", optional=True,
         applies=_functional, low=0, high=2000, whole=False),
    Step("angka_kredit.jenjang", texts.ASK_AK_JENJANG, "number", optional=True,
         applies=_functional, low=0, high=2000, whole=False),
    *_level_steps(),
    Step("pelatihan_selesai", texts.ASK_PELATIHAN, "multi", PELATIHAN),
    Step("lulus_ukom", texts.ASK_UKOM, "bool", applies=_functional),
    Step("hukuman_disiplin", texts.ASK_HUKDIS, "choice", HUKUMAN_DISIPLIN),
    Step("kotak_talenta", texts.ASK_KOTAK, "number", optional=True, low=1, high=9),
    Step("target_jabatan", texts.ASK_TARGET, "choice", JENJANG, optional=True),
)
BY_KEY = {step.key: step for step in STEPS}


def next_step(answers: Mapping[str, Any], after: str | None = None) -> Step | None:
    """The first applicable step after ``after`` (from the start when None)."""
    start = 0 if after is None else [s.key for s in STEPS].index(after) + 1
    return next((s for s in STEPS[start:] if s.applies(answers)), None)


def step_for_field(field: str) -> Step:
    """The first step that asks ``field`` (where a validation problem sends the user back)."""
    return next((s for s in STEPS if s.field == field), STEPS[0])


def number(step: Step) -> int:
    return [s.key for s in STEPS].index(step.key)


def assemble(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Flat answers → the nested mapping ``parse_profile`` validates; skipped ones left out."""
    profile: dict[str, Any] = {}
    predikat = [answers.get(f"predikat_kinerja.{i}") for i in (0, 1)]
    for step in STEPS:
        value = answers.get(step.key)
        if value in (None, NO_VALUE) or not step.applies(answers) or "." in step.key:
            continue
        profile[step.key] = value == "ya" if step.kind == "bool" else value
    profile["predikat_kinerja"] = [p for p in predikat if p not in (None, NO_VALUE)]
    credit = {part: answers[f"angka_kredit.{part}"] for part in ("pangkat", "jenjang")
              if answers.get(f"angka_kredit.{part}") is not None and _functional(answers)}
    if credit:
        profile["angka_kredit"] = credit
    competencies = {}
    for kind in ("teknis", "manajerial", "sosial_kultural"):
        actual, standard = (answers.get(f"kompetensi.{kind}.{p}") for p in ("aktual", "standar"))
        if actual is not None and standard is not None:
            competencies[kind] = {"aktual": actual, "standar": standard}
    if competencies:
        profile["kompetensi"] = competencies
    return profile


def answers_of(profile: Profile) -> Answers:
    """A stored profile as answers, so /profil edits it step by step."""
    data = profile.stored()
    answers: Answers = {k: v for k, v in data.items()
                        if k in BY_KEY and k not in ("lulus_ukom",)}
    if profile.jenis_jabatan == "fungsional":
        answers["lulus_ukom"] = "ya" if profile.lulus_ukom else "tidak"
    older = profile.predikat_kinerja[-2:]
    for index, value in enumerate([NO_VALUE] * (2 - len(older)) + list(older)):
        answers[f"predikat_kinerja.{index}"] = value
    for part, value in (data.get("angka_kredit") or {}).items():
        answers[f"angka_kredit.{part}"] = value
    for kind, levels in (data.get("kompetensi") or {}).items():
        if kind in ("teknis", "manajerial", "sosial_kultural"):
            for part, value in levels.items():
                answers[f"kompetensi.{kind}.{part}"] = value
    return answers


def shown(step: Step, value: Any) -> str:
    """An answer as the employee reads it."""
    if value in (None, NO_VALUE, []):
        return texts.EMPTY
    if step.kind == "multi" and step.vocabulary is not None:
        return ", ".join(step.vocabulary.label(v) for v in value)
    if step.kind == "date":
        return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
    if step.kind == "bool":
        return texts.YES if value == "ya" else texts.NO
    if step.vocabulary is not None:
        return step.vocabulary.label(str(value))
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def describe(answers: Mapping[str, Any]) -> list[str]:
    """``Label: value`` lines for every applicable answer, in questionnaire order."""
    return [f"{step.label}: {shown(step, answers.get(step.key))}" for step in STEPS
            if step.applies(answers) and step.key in answers]
