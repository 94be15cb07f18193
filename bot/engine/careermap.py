"""The career-pattern map (rules/pola_karier.yaml): ladders, levels, pangkat ranges, BUP,
angka kredit tables, entry requirements per position, job families and pangkat ceilings.

Validated with pydantic; names of jenjang, golongan and education are checked against the
profile vocabularies so a typo in the map is a located problem, not a silent miss.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from bot.profile.vocabulary import (
    GOLONGAN,
    JENIS_JABATAN,
    JENJANG,
    KELOMPOK_JABATAN,
    PELATIHAN,
    PENDIDIKAN,
    PREDIKAT,
    Vocabulary,
    jenis_of,
)

Confidence = Literal["H", "M"]


def _member(vocabulary: Vocabulary) -> AfterValidator:
    def check(value: str) -> str:
        if value not in vocabulary.labels:
            raise ValueError(f"unknown {vocabulary.name} '{value}'; use one of "
                             f"{', '.join(vocabulary.values)}")
        return value

    return AfterValidator(check)


Jenjang = Annotated[str, _member(JENJANG)]
Golongan = Annotated[str, _member(GOLONGAN)]
Pendidikan = Annotated[str, _member(PENDIDIKAN)]
Text = Annotated[str, Field(min_length=1, max_length=400)]
Basis = list[Annotated[str, Field(min_length=1, max_length=60)]]  # checked against the registry


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntryRequirements(_Strict):
    """What it takes to enter a position (promotion, perpindahan into a JF)."""

    education_min: Pendidikan
    from_positions: list[Jenjang] | Literal["any"]
    years_in_feeder: float = Field(0, ge=0, le=40)
    years_of_service_min: float = Field(0, ge=0, le=40)
    age_max: int | None = Field(None, ge=18, le=70)
    open_selection: bool = False
    source: Text
    basis: Basis
    confidence: Confidence


class Level(_Strict):
    """One jenjang on its ladder."""

    group: Annotated[str, _member(JENIS_JABATAN)]
    category: Literal["keahlian", "keterampilan"] | None = None
    rank: int = Field(ge=1, le=10)
    bup: int = Field(ge=50, le=70)
    golongan_min: Golongan | None = None
    golongan_max: Golongan | None = None
    koefisien: float | None = Field(None, gt=0, le=100)
    ak_per_pangkat: float | None = Field(None, gt=0, le=1000)
    ak_per_jenjang: float | None = Field(None, gt=0, le=1000)
    leadership_training: Annotated[str, _member(PELATIHAN)] | None = None
    entry: EntryRequirements | None = None
    source: Text
    basis: Basis


class DinasExam(_Strict):
    """Crossing into a new golongan group needs an ujian dinas unless exempt."""

    into: Golongan
    exam: Annotated[str, _member(PELATIHAN)]
    exempt_from_education: Pendidikan
    exempt_jenis: list[Annotated[str, _member(JENIS_JABATAN)]] = []
    source: Text
    basis: Basis


Kelompok = Annotated[str, _member(KELOMPOK_JABATAN)]
Bup = Annotated[int, Field(ge=50, le=75)]


class KpPeriods(_Strict):
    """The months whose 1st is a kenaikan pangkat period, from the date a regulation set them."""

    since: dt.date
    months: Annotated[list[Annotated[int, Field(ge=1, le=12)]], Field(min_length=1)]
    source: Text
    basis: Basis


class BupException(_Strict):
    """A BUP set by the law of a profession (guru, dosen, peneliti, perekayasa)."""

    bup: Bup | None = None
    by_jenjang: dict[Jenjang, Bup] = {}
    source: Text
    basis: Basis
    confidence: Confidence

    def for_jenjang(self, jenjang: str) -> int | None:
        return self.by_jenjang.get(jenjang, self.bup)


class KelompokNames(_Strict):
    kelompok: Kelompok
    names: Annotated[list[Text], Field(min_length=1)]


class CareerMap(_Strict):
    ladders: dict[str, list[Jenjang]]
    levels: dict[Jenjang, Level]
    predikat_percent: dict[Annotated[str, _member(PREDIKAT)], float]
    ceiling_by_education: dict[Pendidikan, Golongan]
    dinas_exams: list[DinasExam]
    next_education: dict[Pendidikan, Pendidikan]
    job_families: dict[str, list[Text]]
    kp_periods: Annotated[list[KpPeriods], Field(min_length=1)]
    bup_exceptions: dict[Kelompok, BupException]
    kelompok_by_name: list[KelompokNames]

    @model_validator(mode="after")
    def _complete(self) -> CareerMap:
        missing = [j for j in JENJANG.values if j not in self.levels]
        if missing:
            raise ValueError(f"levels: missing jenjang {', '.join(missing)}")
        wrong = [j for j, lv in self.levels.items() if jenis_of(j) != lv.group]
        if wrong:
            raise ValueError(f"levels: group does not match the jenjang for {', '.join(wrong)}")
        for name, ladder in self.ladders.items():
            if len(set(ladder)) != len(ladder):
                raise ValueError(f"ladders.{name}: a jenjang appears twice")
        absent = set(PREDIKAT.values) - set(self.predikat_percent)
        if absent:
            raise ValueError(f"predikat_percent: missing {', '.join(sorted(absent))}")
        starts = [periods.since for periods in self.kp_periods]
        if starts != sorted(set(starts)):
            raise ValueError("kp_periods: list the regimes oldest first, each with its own date")
        return self

    def kp_months(self, day: dt.date) -> list[int]:
        """The KP months of the regime in force on ``day``."""
        current = self.kp_periods[0]
        for periods in self.kp_periods:
            if periods.since <= day:
                current = periods
        return current.months

    def kelompok_of(self, kelompok: str | None, jabatan: str) -> str | None:
        """The profile's kelompok_jabatan, or the one its position name shows."""
        if kelompok is not None:
            return kelompok
        folded = jabatan.casefold()
        return next((entry.kelompok for entry in self.kelompok_by_name
                     if any(name.casefold() in folded for name in entry.names)), None)

    def bup_of(self, jenjang: str, kelompok: str | None) -> int:
        exception = self.bup_exceptions.get(kelompok or "")
        special = None if exception is None else exception.for_jenjang(jenjang)
        return self.levels[jenjang].bup if special is None else special

    def next_on_ladder(self, jenjang: str) -> str | None:
        for ladder in self.ladders.values():
            if jenjang in ladder:
                index = ladder.index(jenjang)
                return ladder[index + 1] if index + 1 < len(ladder) else None
        return None

    def family_of(self, jabatan: str) -> str:
        """The job family of a position name; the name itself when the map does not list it."""
        folded = jabatan.casefold()
        for family, names in self.job_families.items():
            if any(name.casefold() in folded for name in names):
                return family
        return jabatan
