"""The /profil questionnaire as data: which question comes next, and reading an answer.

Pure: answers live in a flat mapping (``"kompetensi.teknis.aktual": 2``) that the chat keeps in
the dialogue state; ``assemble`` turns it into the nested profile the model validates.

The ``core`` steps are what /rekomendasi needs; the rest can be added now or later. Each answer
is read forgivingly ("12 JP", "3a", "III-a", "14/2/1995") and checked at its own step against
what is already known (``problem``), so a mistake is fixed where it is made.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.profile import texts
from bot.profile.fields import FIELDS
from bot.profile.model import MAX_AGE, MAX_TEXT, MIN_AGE, Profile
from bot.profile.values import InvalidValueError, clean_nip, parse_date, parse_nip, parse_number
from bot.profile.vocabulary import (
    GOLONGAN,
    GOLONGAN_BY_STATUS,
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
MONTHS = {name: number for number, names in enumerate((
    ("januari", "jan"), ("februari", "feb", "pebruari"), ("maret", "mar"), ("april", "apr"),
    ("mei",), ("juni", "jun"), ("juli", "jul"), ("agustus", "agu", "agt", "ags", "aug"),
    ("september", "sep", "sept"), ("oktober", "okt", "oct"), ("november", "nov", "nop"),
    ("desember", "des", "dec")), 1) for name in names}
_WORDY_DATE = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")
_UNIT = re.compile(r"^([\d.,]+)\s*(jp|jam( pelajaran)?|ak|angka kredit|poin|level)?$")
_GOLONGAN = re.compile(r"^(iv|iii|ii|i|[1-4])\s*[/\-\s.]?\s*([a-e])$")
ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
GOLONGAN_ROOMS = ("I", "II", "III", "IV")


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
    core: bool = False

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
        vocabulary = self.vocabulary
        if self.key == "golongan":  # PNS I/a … IV/e, PPPK I … XVII
            vocabulary = GOLONGAN_BY_STATUS[str(answers.get("status", "pns"))]
        values = list(vocabulary.values)
        if self.key == "jenjang" and answers.get("jenis_jabatan") in JENJANG_BY_JENIS:
            values = list(JENJANG_BY_JENIS[answers["jenis_jabatan"]])
        return [(v, vocabulary.label(v)) for v in values]

    def read(self, raw: str, answers: Mapping[str, Any]) -> Any:
        """The typed or pressed answer as stored; InvalidValueError (Indonesian) otherwise."""
        text = " ".join(raw.split())
        if self.kind in ("choice", "bool", "multi"):
            return self._choice(text, answers)
        if self.kind == "date":
            return parse_date(_numeric_date(text)).isoformat()
        if self.kind == "nip":
            return clean_nip(text)
        if self.kind == "number":
            unit = _UNIT.match(text.casefold())
            value = parse_number(unit.group(1) if unit else text, self.low, self.high,
                                 whole=self.whole)
            return int(value) if value.is_integer() else value
        if not text:
            raise InvalidValueError(texts.EMPTY_TEXT)
        if len(text) > MAX_TEXT:
            raise InvalidValueError(texts.TEXT_TOO_LONG.format(limit=MAX_TEXT))
        return text

    def _choice(self, text: str, answers: Mapping[str, Any]) -> str:
        options = self.choices(answers)
        folded = text.casefold().strip(" .")
        if self.key == "golongan" and answers.get("status") != "pppk":
            typed = _GOLONGAN.match(folded)
            if typed:
                folded = f"{ROMAN.get(typed.group(1), typed.group(1).upper())}/{typed.group(2)}"
                folded = folded.casefold()
        for value, label in options:
            names = (value.casefold(), value.replace("_", " ").casefold(), label.casefold())
            if folded in names:
                return value
        # A unique partial match: "fungsional", "ahli pertama", "penata muda tingkat i".
        partial = [value for value, label in options
                   if re.search(rf"(^|[\s(/]){re.escape(folded)}($|[\s)/])", label.casefold())]
        if len(folded) >= 3 and len(partial) == 1:
            return partial[0]
        accepted = ", ".join(label for _, label in options)
        if self.key == "golongan" and answers.get("status") != "pppk":
            accepted = texts.GOLONGAN_ACCEPTED
        raise InvalidValueError(texts.UNKNOWN_CHOICE.format(value=text[:40], accepted=accepted))


def _numeric_date(text: str) -> str:
    """``14 Februari 1995`` → ``14-2-1995``; anything else unchanged for ``parse_date``."""
    wordy = _WORDY_DATE.match(text.casefold())
    if wordy and wordy.group(2) in MONTHS:
        return f"{wordy.group(1)}-{MONTHS[wordy.group(2)]}-{wordy.group(3)}"
    return text


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
    # The core: what /rekomendasi needs.
    Step("status", texts.ASK_STATUS, "choice", STATUS, core=True),
    Step("tanggal_lahir", texts.ASK_BIRTH, "date", core=True),
    Step("tmt_pns", texts.ASK_TMT_PNS, "date", core=True),
    Step("instansi", texts.ASK_INSTANSI, "text", core=True),
    Step("jenis_jabatan", texts.ASK_JENIS, "choice", JENIS_JABATAN, core=True),
    Step("jabatan", texts.ASK_JABATAN, "text", core=True),
    Step("jenjang", texts.ASK_JENJANG, "choice", JENJANG, core=True),
    Step("golongan", texts.ASK_GOLONGAN, "choice", GOLONGAN, core=True),
    Step("pendidikan", texts.ASK_PENDIDIKAN, "choice", PENDIDIKAN, core=True),
    # The rest makes recommendations sharper; each can be skipped or added later.
    Step("nip", texts.ASK_NIP, "nip", optional=True),
    Step("unit", texts.ASK_UNIT, "text", optional=True),
    Step("tmt_golongan", texts.ASK_TMT_GOLONGAN, "date", optional=True, applies=_not_pppk),
    Step("tmt_jabatan", texts.ASK_TMT_JABATAN, "date", optional=True),
    Step("predikat_kinerja.0", texts.ASK_PREDIKAT_OLDER, "choice", PREDIKAT, optional=True),
    Step("predikat_kinerja.1", texts.ASK_PREDIKAT_LAST, "choice", PREDIKAT, optional=True),
    Step("jp_tahun_ini", texts.ASK_JP, "number", optional=True, low=0, high=5000),
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


def next_step(answers: Mapping[str, Any], after: str | None = None,
              core_only: bool = False) -> Step | None:
    """The first applicable step after ``after`` (from the start when None)."""
    start = 0 if after is None else [s.key for s in STEPS].index(after) + 1
    return next((s for s in STEPS[start:] if s.applies(answers) and (s.core or not core_only)),
                None)


def missing_step(answers: Mapping[str, Any], core_only: bool) -> Step | None:
    """The first applicable step not answered yet (a changed answer can open one)."""
    return next((s for s in STEPS if s.applies(answers) and s.key not in answers
                 and (s.core or not core_only)), None)


def counts(answers: Mapping[str, Any] | None = None) -> tuple[int, int]:
    """How many core and further steps a PNS in a functional position (the longest form)
    answers; the chat states these instead of a guessed number of minutes."""
    longest = answers or {"status": "pns", "jenis_jabatan": "fungsional",
                          "kompetensi.teknis.aktual": 1, "kompetensi.manajerial.aktual": 1,
                          "kompetensi.sosial_kultural.aktual": 1}
    applicable = [s for s in STEPS if s.applies(longest)]
    core = sum(1 for s in applicable if s.core)
    return core, len(applicable) - core


@dataclass(frozen=True)
class Problem:
    """Why a value cannot stand; ``other`` is the earlier answer it disagrees with, which the
    employee may be the one to change."""

    message: str
    other: str | None = None


def problem(step: Step, value: Any, answers: Mapping[str, Any],
            today: dt.date | None = None) -> Problem | None:
    """What makes this value impossible next to the answers already given, checked at its
    own step (the same rules ``consistency_problems`` applies to the whole profile)."""
    today = today or dt.date.today()
    known = {**answers, step.key: value}
    birth = _date(known.get("tanggal_lahir"))
    if step.kind == "date":
        date = dt.date.fromisoformat(value)
        if date > today:
            return Problem(texts.DATE_IN_FUTURE.format(date=_dmy(date)))
        if step.key == "tanggal_lahir" and not MIN_AGE <= _years(date, today) <= MAX_AGE:
            return Problem(texts.AGE_RANGE.format(age=_years(date, today), low=MIN_AGE,
                                                  high=MAX_AGE))
        if step.key != "tanggal_lahir" and birth is not None and _years(birth, date) < MIN_AGE:
            return Problem(texts.DATE_BEFORE_ADULT.format(date=_dmy(date), age=MIN_AGE),
                           "tanggal_lahir")
    if step.key not in ("nip", "tanggal_lahir", "tmt_pns") or known.get("nip") in (None, NO_VALUE):
        return None
    nip = parse_nip(known["nip"])
    if birth is not None and nip.birth_date != birth:
        return Problem(texts.NIP_BIRTH_MISMATCH.format(nip=_dmy(nip.birth_date),
                                                       profile=_dmy(birth)),
                       "tanggal_lahir" if step.key == "nip" else "nip")
    tmt = _date(known.get("tmt_pns"))
    if tmt is not None and (nip.tmt_cpns_year, nip.tmt_cpns_month) > (tmt.year, tmt.month):
        return Problem(texts.NIP_TMT_AFTER_PNS.format(
            nip=f"{nip.tmt_cpns_month:02d}-{nip.tmt_cpns_year}", profile=_dmy(tmt)),
            "tmt_pns" if step.key == "nip" else "nip")
    return None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value != NO_VALUE else None


def _years(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _dmy(value: dt.date) -> str:
    return value.strftime("%d-%m-%Y")


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
