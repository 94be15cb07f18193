"""The career-pattern map (rules/pola_karier.yaml): ladders, levels, pangkat ranges, BUP,
angka kredit tables, entry requirements per position, job families and pangkat ceilings.

Validated with pydantic; names of jenjang, golongan and education are checked against the
profile vocabularies so a typo in the map is a located problem, not a silent miss.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from bot.profile.vocabulary import (
    GOLONGAN,
    JENIS_JABATAN,
    JENJANG,
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


class DinasExam(_Strict):
    """Crossing into a new golongan group needs an ujian dinas unless exempt."""

    into: Golongan
    exam: Annotated[str, _member(PELATIHAN)]
    exempt_from_education: Pendidikan
    exempt_jenis: list[Annotated[str, _member(JENIS_JABATAN)]] = []
    source: Text


class CareerMap(_Strict):
    ladders: dict[str, list[Jenjang]]
    levels: dict[Jenjang, Level]
    predikat_percent: dict[Annotated[str, _member(PREDIKAT)], float]
    ceiling_by_education: dict[Pendidikan, Golongan]
    dinas_exams: list[DinasExam]
    next_education: dict[Pendidikan, Pendidikan]
    job_families: dict[str, list[Text]]

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
        return self

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
