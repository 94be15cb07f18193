"""The employee profile: validated field by field, then checked for consistency as a whole.

Every problem becomes a ``ProfileProblem`` with an Indonesian message naming the field and what
is accepted, so the shell, the chat and the tests all show the same sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError
from rapidfuzz import fuzz, process

from bot.profile import texts
from bot.profile.fields import FIELDS
from bot.profile.values import InvalidValueError, clean_nip, parse_date, parse_nip
from bot.profile.vocabulary import (
    GOLONGAN,
    GOLONGAN_BY_STATUS,
    GOLONGAN_PPPK,
    HUKUMAN_DISIPLIN,
    JENIS_JABATAN,
    JENJANG,
    JENJANG_BY_JENIS,
    KELOMPOK_JABATAN,
    KOMPETENSI_MANAJERIAL,
    PELATIHAN,
    PENDIDIKAN,
    PREDIKAT,
    STATUS,
    Vocabulary,
)

MAX_TEXT = 120
MAX_PREDIKAT_YEARS = 5
MIN_AGE, MAX_AGE = 18, 70


@dataclass(frozen=True, order=True)
class ProfileProblem:
    """One thing wrong with a profile; ``line`` is set when it came from a YAML file."""

    field: str
    message: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ProfileError(ValueError):
    """Raised with every problem found, so the employee can fix them all at once."""

    def __init__(self, problems: list[ProfileProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _invalid(message: str) -> PydanticCustomError:
    return PydanticCustomError("profil", "{message}", {"message": message})


def _checked(parse: Callable[[Any], Any]) -> BeforeValidator:
    """Run a value parser inside pydantic, keeping its Indonesian message."""

    def check(raw: Any) -> Any:
        try:
            return parse(raw)
        except InvalidValueError as exc:
            raise _invalid(str(exc)) from None

    return BeforeValidator(check)


def _choice(vocabulary: Vocabulary) -> BeforeValidator:
    def check(raw: Any) -> str:
        value = str(raw).strip()
        if value in vocabulary.labels:
            return value
        folded = {v.casefold(): v for v in vocabulary.values}
        if value.casefold() in folded:
            return folded[value.casefold()]
        raise InvalidValueError(texts.UNKNOWN_CHOICE.format(value=value[:40],
                                                       accepted=vocabulary.accepted()))

    return _checked(check)


def _golongan(raw: Any) -> str:
    """A PNS golongan ruang (I/a … IV/e) or a PPPK golongan (I … XVII); which one the status
    allows is checked with the whole profile."""
    value = str(raw).strip()
    for vocabulary in (GOLONGAN, GOLONGAN_PPPK):
        folded = {v.casefold(): v for v in vocabulary.values}
        if value.casefold() in folded:
            return folded[value.casefold()]
    raise InvalidValueError(texts.UNKNOWN_CHOICE.format(value=value[:40],
                                                   accepted=texts.GOLONGAN_ACCEPTED))


def _text(raw: Any) -> str:
    value = " ".join(str(raw).split())
    if not value:
        raise InvalidValueError(texts.EMPTY_TEXT)
    if len(value) > MAX_TEXT:
        raise InvalidValueError(texts.TEXT_TOO_LONG.format(limit=MAX_TEXT))
    return value


DateValue = Annotated[dt.date, _checked(parse_date)]
Text = Annotated[str, _checked(_text)]
Level = Annotated[int, Field(ge=1, le=5)]


class CompetencyLevel(BaseModel):
    """Actual level against the position's standard (PermenPANRB 38/2017 levels 1-5)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aktual: Level
    standar: Level


class Competencies(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    teknis: CompetencyLevel | None = None
    manajerial: CompetencyLevel | None = None
    sosial_kultural: CompetencyLevel | None = None
    rincian_manajerial: dict[Annotated[str, _choice(KOMPETENSI_MANAJERIAL)],
                             CompetencyLevel] = {}


class CreditPoints(BaseModel):
    """Cumulative angka kredit toward the next pangkat and toward the next jenjang."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pangkat: Annotated[float, Field(ge=0, le=2000)] | None = None
    jenjang: Annotated[float, Field(ge=0, le=2000)] | None = None


class Profile(BaseModel):
    """An employee's career profile (issue 4); personal data, stored only after consent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Annotated[str, _choice(STATUS)]
    nip: Annotated[str, _checked(clean_nip)] | None = None
    tanggal_lahir: DateValue
    tmt_pns: DateValue
    instansi: Text
    unit: Text | None = None
    jenis_jabatan: Annotated[str, _choice(JENIS_JABATAN)]
    jabatan: Text
    jenjang: Annotated[str, _choice(JENJANG)]
    golongan: Annotated[str, _checked(_golongan)] | None = None
    tmt_golongan: DateValue | None = None
    tmt_jabatan: DateValue | None = None
    pendidikan: Annotated[str, _choice(PENDIDIKAN)]
    predikat_kinerja: Annotated[list[Annotated[str, _choice(PREDIKAT)]],
                                Field(max_length=MAX_PREDIKAT_YEARS)] = []
    jp_tahun_ini: Annotated[int, Field(ge=0, le=5000)] = 0
    angka_kredit: CreditPoints | None = None
    kompetensi: Competencies = Competencies()
    pelatihan_selesai: list[Annotated[str, _choice(PELATIHAN)]] = []
    lulus_ukom: bool = False
    hukuman_disiplin: Annotated[str, _choice(HUKUMAN_DISIPLIN)] = "tidak_ada"
    kotak_talenta: Annotated[int, Field(ge=1, le=9)] | None = None
    target_jabatan: Annotated[str, _choice(JENJANG)] | None = None
    kelompok_jabatan: Annotated[str, _choice(KELOMPOK_JABATAN)] | None = None
    daerah_3t: bool = False

    def stored(self) -> dict[str, Any]:
        """The JSON form kept in the database and shown by /datasaya."""
        return self.model_dump(mode="json", exclude_none=True)


def parse_profile(data: Mapping[str, Any], today: dt.date | None = None,
                  lines: Callable[[tuple[int | str, ...]], int] | None = None) -> Profile:
    """Validate a mapping into a Profile or raise ProfileError listing every problem."""
    try:
        profile = Profile.model_validate(dict(data))
    except ValidationError as exc:
        problems = [_problem(err, lines) for err in exc.errors(include_url=False)]
        raise ProfileError(sorted(problems, key=lambda p: p.line)) from None
    problems = consistency_problems(profile, today or dt.date.today())
    if problems:
        line_of = lines or (lambda _: 0)
        raise ProfileError([ProfileProblem(p.field, p.message, line_of((p.field,)))
                              for p in problems])
    return profile.model_copy(update={"pelatihan_selesai": list(dict.fromkeys(
        profile.pelatihan_selesai))})


def consistency_problems(profile: Profile, today: dt.date) -> list[ProfileProblem]:
    """Combinations that cannot be true together, each named by the field to fix."""
    problems: list[ProfileProblem] = []

    def add(field: str, message: str) -> None:
        problems.append(ProfileProblem(field, message))

    allowed = JENJANG_BY_JENIS[profile.jenis_jabatan]
    if profile.jenjang not in allowed:
        add("jenjang", texts.JENJANG_NOT_OF_JENIS.format(
            value=profile.jenjang, jenis=JENIS_JABATAN.label(profile.jenis_jabatan).lower(),
            accepted=", ".join(allowed)))
    age = _years_between(profile.tanggal_lahir, today)
    if not MIN_AGE <= age <= MAX_AGE:
        add("tanggal_lahir", texts.AGE_RANGE.format(age=age, low=MIN_AGE, high=MAX_AGE))
    for field in ("tmt_pns", "tmt_golongan", "tmt_jabatan"):
        value = getattr(profile, field)
        if value is None:
            continue
        if value > today:
            add(field, texts.DATE_IN_FUTURE.format(date=_dmy(value)))
        elif _years_between(profile.tanggal_lahir, value) < MIN_AGE:
            add(field, texts.DATE_BEFORE_ADULT.format(date=_dmy(value), age=MIN_AGE))
    scale = GOLONGAN_BY_STATUS[profile.status]
    if profile.golongan is not None and profile.golongan not in scale.labels:
        status = STATUS.label(profile.status)
        add("golongan", texts.GOLONGAN_NOT_OF_STATUS.format(
            value=profile.golongan, status=status, accepted=scale.accepted()))
    if profile.status != "pppk" and profile.golongan is None:
        add("golongan", texts.GOLONGAN_REQUIRED)
    if profile.angka_kredit is not None and profile.jenis_jabatan != "fungsional":
        add("angka_kredit", texts.AK_ONLY_JF)
    if profile.nip is not None:
        nip = parse_nip(profile.nip)
        if nip.birth_date != profile.tanggal_lahir:
            add("nip", texts.NIP_BIRTH_MISMATCH.format(
                nip=_dmy(nip.birth_date), profile=_dmy(profile.tanggal_lahir)))
        if (nip.tmt_cpns_year, nip.tmt_cpns_month) > (profile.tmt_pns.year,
                                                      profile.tmt_pns.month):
            add("nip", texts.NIP_TMT_AFTER_PNS.format(
                nip=f"{nip.tmt_cpns_month:02d}-{nip.tmt_cpns_year}",
                profile=_dmy(profile.tmt_pns)))
    return problems


def _years_between(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _dmy(value: dt.date) -> str:
    return value.strftime("%d-%m-%Y")


def _problem(err: Mapping[str, Any],
             lines: Callable[[tuple[int | str, ...]], int] | None) -> ProfileProblem:
    loc = tuple(err["loc"])
    field = ".".join(str(p) for p in loc) or "profil"
    line = lines(loc) if lines else 0
    return ProfileProblem(field, _message(err, loc), line)


def _message(err: Mapping[str, Any], loc: tuple[int | str, ...]) -> str:
    kind, ctx, raw = err["type"], err.get("ctx") or {}, err.get("input")
    shown = str(raw)[:40]
    if kind == "profil":
        return str(ctx.get("message", err["msg"]))
    if kind == "missing":
        return texts.REQUIRED
    if kind == "extra_forbidden":
        guess = process.extractOne(str(loc[-1]), list(FIELDS), scorer=fuzz.ratio,
                                   score_cutoff=70)
        hint = texts.DID_YOU_MEAN.format(name=guess[0]) if guess and len(loc) == 1 else ""
        return texts.UNKNOWN_FIELD + hint
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return texts.NOT_WHOLE.format(value=shown)
    if kind in ("float_parsing", "float_type"):
        return texts.NOT_A_NUMBER.format(value=shown)
    if kind in ("bool_parsing", "bool_type"):
        return texts.NOT_A_BOOL.format(value=shown)
    if kind == "greater_than_equal":
        return texts.BELOW_MIN.format(value=shown, bound=ctx.get("ge"))
    if kind == "less_than_equal":
        return texts.ABOVE_MAX.format(value=shown, bound=ctx.get("le"))
    if kind == "too_long":
        return texts.TOO_MANY.format(limit=ctx.get("max_length"))
    if kind in ("list_type", "tuple_type"):
        return texts.NOT_A_LIST
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return texts.NOT_A_MAPPING
    return texts.INVALID
