"""Facts computed from a profile, a date, the career map and the agency's thresholds.

Each derived fact is one small function registered under the name ``rules/facts.yaml``
declares; the loader checks that the two lists agree, so a fact cannot be declared and never
computed, or computed and never declared.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.engine.careermap import CareerMap, Level
from bot.profile.model import CompetencyLevel, Profile
from bot.profile.values import parse_nip
from bot.profile.vocabulary import GOLONGAN, KOMPETENSI_JENIS, PENDIDIKAN

# Arithmetic, not regulation (tests/unit/test_no_regulation_constants.py lists these names):
# every period, age, threshold and cap comes from rules/.
DAYS_PER_YEAR = 365.25
MONTHS_PER_YEAR = 12
ONE_DECIMAL = 10
PERCENT = 100


@dataclass(frozen=True)
class Context:
    profile: Profile
    today: dt.date
    career: CareerMap
    thresholds: dict[str, Any]

    @property
    def level(self) -> Level:
        return self.career.levels[self.profile.jenjang]

    @property
    def target(self) -> Level | None:
        target = self.profile.target_jabatan
        return None if target is None else self.career.levels[target]


Derivation = Callable[[Context], Any]
DERIVATIONS: dict[str, Derivation] = {}
D = TypeVar("D", bound=Derivation)


def derived(function: D) -> D:
    """Register a derived fact under the function's name."""
    DERIVATIONS[function.__name__] = function
    return function


def years_between(start: dt.date, end: dt.date) -> float:
    """Elapsed years, one decimal, rounded down so a threshold is never reached early."""
    days = (end - start).days
    return math.floor(days / DAYS_PER_YEAR * ONE_DECIMAL) / ONE_DECIMAL


def whole_years(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def anniversary(start: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February falls back to the 28th."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return _next_month(start.replace(year=start.year + years, day=1)) - dt.timedelta(days=1)


def _pangkat(c: Context) -> str | None:
    """The PNS golongan ruang; None for a PPPK, whose golongan (I … XVII) has no pangkat."""
    golongan = c.profile.golongan
    return golongan if golongan in GOLONGAN.labels else None


def _tmt_cpns(profile: Profile) -> dt.date:
    return profile.tmt_pns if profile.nip is None else parse_nip(profile.nip).tmt_cpns()


# ---- time ------------------------------------------------------------------------------------

@derived
def usia(c: Context) -> int:
    return whole_years(c.profile.tanggal_lahir, c.today)


@derived
def masa_kerja_tahun(c: Context) -> float:
    return years_between(_tmt_cpns(c.profile), c.today)


@derived
def tahun_dalam_golongan(c: Context) -> float | None:
    tmt = c.profile.tmt_golongan
    return None if tmt is None or c.profile.golongan is None else years_between(tmt, c.today)


@derived
def tahun_dalam_jabatan(c: Context) -> float | None:
    tmt = c.profile.tmt_jabatan
    return None if tmt is None else years_between(tmt, c.today)


@derived
def kelompok_bup(c: Context) -> str | None:
    return c.career.kelompok_of(c.profile.kelompok_jabatan, c.profile.jabatan)


@derived
def bup(c: Context) -> int:
    """The level's BUP unless the law of the profession (guru, dosen, …) sets another."""
    return c.career.bup_of(c.profile.jenjang, kelompok_bup(c))


@derived
def tahun_menuju_bup(c: Context) -> float:
    retire = anniversary(c.profile.tanggal_lahir, bup(c))
    return years_between(c.today, retire) if retire > c.today else 0.0


# ---- JP --------------------------------------------------------------------------------------

@derived
def jp_kurang(c: Context) -> int:
    return max(0, int(c.thresholds["jp_minimal"]) - c.profile.jp_tahun_ini)


@derived
def jp_sisa_kuota(c: Context) -> int:
    return max(0, int(c.thresholds["jp_maksimal_pppk"]) - c.profile.jp_tahun_ini)


# ---- competencies ----------------------------------------------------------------------------

def _gap(level: CompetencyLevel | None) -> int | None:
    return None if level is None else max(0, level.standar - level.aktual)


@derived
def kesenjangan_teknis(c: Context) -> int | None:
    return _gap(c.profile.kompetensi.teknis)


@derived
def kesenjangan_manajerial(c: Context) -> int | None:
    kompetensi = c.profile.kompetensi
    gaps = [_gap(level) or 0 for level in kompetensi.rincian_manajerial.values()]
    overall = _gap(kompetensi.manajerial)
    if overall is not None:
        gaps.append(overall)
    return max(gaps) if gaps else None


@derived
def kesenjangan_sosial_kultural(c: Context) -> int | None:
    return _gap(c.profile.kompetensi.sosial_kultural)


def _gaps(c: Context) -> dict[str, int]:
    found = {"teknis": kesenjangan_teknis(c), "manajerial": kesenjangan_manajerial(c),
             "sosial_kultural": kesenjangan_sosial_kultural(c)}
    return {kind: gap for kind, gap in found.items() if gap is not None}


@derived
def kesenjangan_terbesar(c: Context) -> int | None:
    gaps = _gaps(c)
    return max(gaps.values()) if gaps else None


@derived
def jenis_kesenjangan_terbesar(c: Context) -> str | None:
    """The type with the largest gap; on a tie managerial first when aiming at a managerial
    post (PP 11/2017 Ps 206 compares with the target position too), else the listed order."""
    gaps = {kind: gap for kind, gap in _gaps(c).items() if gap > 0}
    if not gaps:
        return None
    target = c.target
    managerial_first = target is not None and target.group != "fungsional"
    order = list(KOMPETENSI_JENIS.values)
    if managerial_first:
        order.remove("manajerial")
        order.insert(0, "manajerial")
    return max(gaps, key=lambda kind: (gaps[kind], -order.index(kind)))


@derived
def kompetensi_manajerial_kurang(c: Context) -> list[str]:
    return [name for name, level in c.profile.kompetensi.rincian_manajerial.items()
            if (_gap(level) or 0) > 0]


# ---- performance -----------------------------------------------------------------------------

@derived
def predikat_terakhir(c: Context) -> str | None:
    return c.profile.predikat_kinerja[-1] if c.profile.predikat_kinerja else None


@derived
def predikat_2_tahun(c: Context) -> list[str]:
    years = int(c.thresholds["predikat_tahun_terakhir"])
    return list(c.profile.predikat_kinerja[-years:])


@derived
def jumlah_tahun_penilaian(c: Context) -> int:
    return len(c.profile.predikat_kinerja)


# ---- pangkat ---------------------------------------------------------------------------------

def _step(golongan: str | None, by: int = 1) -> str | None:
    if golongan is None:
        return None
    index = GOLONGAN.rank(golongan) + by
    return GOLONGAN.values[index] if 0 <= index < len(GOLONGAN.values) else None


@derived
def golongan_berikut(c: Context) -> str | None:
    return _step(_pangkat(c))


@derived
def batas_golongan_ijazah(c: Context) -> str:
    return c.career.ceiling_by_education[c.profile.pendidikan]


@derived
def ujian_dinas_terpenuhi(c: Context) -> bool | None:
    """Whether the next golongan needs no ujian dinas, or the employee passed or is exempt."""
    following = golongan_berikut(c)
    if following is None:
        return None
    exam = next((e for e in c.career.dinas_exams if e.into == following), None)
    if exam is None:
        return True
    educated = PENDIDIKAN.rank(c.profile.pendidikan) >= PENDIDIKAN.rank(
        exam.exempt_from_education)
    return (exam.exam in c.profile.pelatihan_selesai
            or c.profile.jenis_jabatan in exam.exempt_jenis or educated)


def _next_window(career: CareerMap, after: dt.date) -> dt.date:
    """The first KP period on or after ``after``: the 1st of a month the regime in force on
    that day lists (rules/pola_karier.yaml kp_periods)."""
    window = after.replace(day=1)
    if window < after:
        window = _next_month(window)
    while window.month not in career.kp_months(window):
        window = _next_month(window)
    return window


def _next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + first.month // MONTHS_PER_YEAR,
                   first.month % MONTHS_PER_YEAR + 1, 1)


@derived
def kp_periode_berikut(c: Context) -> dt.date | None:
    return None if _pangkat(c) is None else _next_window(c.career,
                                                          c.today + dt.timedelta(days=1))


@derived
def kp_periode_memenuhi_masa(c: Context) -> dt.date | None:
    tmt = c.profile.tmt_golongan
    if tmt is None or _pangkat(c) is None:
        return None
    years = int(c.thresholds["kp_reguler_tahun_dalam_pangkat"])
    due = anniversary(tmt, years)
    return _next_window(c.career, max(due, c.today + dt.timedelta(days=1)))


@derived
def golongan_maks_jenjang(c: Context) -> str | None:
    return c.level.golongan_max


@derived
def golongan_di_puncak_jenjang(c: Context) -> bool | None:
    top, golongan = c.level.golongan_max, _pangkat(c)
    if top is None or golongan is None:
        return None
    return GOLONGAN.rank(golongan) >= GOLONGAN.rank(top)


@derived
def tahun_golongan_iv(c: Context) -> float:
    """Years at or above IV/a, as a lower bound: the years in the current golongan if it is
    IV/a or higher (earlier IV years are not in the profile), else 0."""
    golongan = _pangkat(c)
    if golongan is None or GOLONGAN.rank(golongan) < GOLONGAN.rank("IV/a"):
        return 0.0
    return tahun_dalam_golongan(c) or 0.0


# ---- angka kredit (JF) -----------------------------------------------------------------------

@derived
def koefisien_tahunan(c: Context) -> float | None:
    return c.level.koefisien


@derived
def persen_predikat(c: Context) -> float | None:
    if c.level.koefisien is None:
        return None
    return c.career.predikat_percent[predikat_terakhir(c) or "baik"]


@derived
def ak_per_tahun(c: Context) -> float | None:
    koefisien, percent = c.level.koefisien, persen_predikat(c)
    return None if koefisien is None or percent is None else koefisien * percent / PERCENT


@derived
def ak_kp_dibutuhkan(c: Context) -> float | None:
    return c.level.ak_per_pangkat


@derived
def ak_kj_dibutuhkan(c: Context) -> float | None:
    return c.level.ak_per_jenjang


def _short(needed: float | None, have: float | None) -> float | None:
    return None if needed is None or have is None else max(0.0, needed - have)


@derived
def ak_kurang_pangkat(c: Context) -> float | None:
    credit = c.profile.angka_kredit
    return _short(c.level.ak_per_pangkat, credit.pangkat if credit else None)


@derived
def ak_kurang_jenjang(c: Context) -> float | None:
    credit = c.profile.angka_kredit
    return _short(c.level.ak_per_jenjang, credit.jenjang if credit else None)


def _years_for(short: float | None, per_year: float | None) -> float | None:
    if short is None or not per_year:
        return None
    return round(short / per_year, 1)


@derived
def tahun_menuju_pangkat_berikut(c: Context) -> float | None:
    return _years_for(ak_kurang_pangkat(c), ak_per_tahun(c))


@derived
def tahun_menuju_jenjang_berikut(c: Context) -> float | None:
    return _years_for(ak_kurang_jenjang(c), ak_per_tahun(c))


@derived
def tahun_menuju_jenjang_jika_baik(c: Context) -> float | None:
    koefisien = c.level.koefisien
    percent = c.career.predikat_percent["baik"]
    per_year = None if koefisien is None else koefisien * percent / PERCENT
    return _years_for(ak_kurang_jenjang(c), per_year)


@derived
def jenjang_berikut(c: Context) -> str | None:
    return c.career.next_on_ladder(c.profile.jenjang)


@derived
def bup_jenjang_berikut(c: Context) -> int | None:
    following = jenjang_berikut(c)
    return None if following is None else c.career.bup_of(following, kelompok_bup(c))


@derived
def golongan_awal_jenjang_berikut(c: Context) -> str | None:
    following = jenjang_berikut(c)
    return None if following is None else c.career.levels[following].golongan_min


# ---- study -----------------------------------------------------------------------------------

@derived
def pendidikan_berikut(c: Context) -> str | None:
    return c.career.next_education.get(c.profile.pendidikan)


def _by_degree(c: Context, prefix: str, suffix: str = "") -> float | None:
    degree = pendidikan_berikut(c)
    if degree is None:
        return None
    key = "s1" if degree in ("d3", "d4", "s1") else degree
    value = c.thresholds.get(f"{prefix}_{key}{suffix}")
    return None if value is None else float(value)


@derived
def batas_usia_tugas_belajar(c: Context) -> float | None:
    """The general age limit, or the higher one for daerah 3T / jabatan sangat dibutuhkan."""
    return _by_degree(c, "tugas_belajar_usia_maks", "_3t" if c.profile.daerah_3t else "")


@derived
def lama_studi_tahun(c: Context) -> float | None:
    return _by_degree(c, "lama_studi")


@derived
def ikatan_dinas_tahun(c: Context) -> float | None:
    study = lama_studi_tahun(c)
    if study is None:
        return None
    return study * float(c.thresholds["ikatan_dinas_kali_lama_studi"]) + float(
        c.thresholds["ikatan_dinas_tambahan_tahun"])


@derived
def tahun_studi_dan_ikatan_dinas(c: Context) -> float | None:
    study, bond = lama_studi_tahun(c), ikatan_dinas_tahun(c)
    return None if study is None or bond is None else study + bond


# ---- career paths ----------------------------------------------------------------------------

@derived
def rumpun_jabatan(c: Context) -> str:
    return c.career.family_of(c.profile.jabatan)


@derived
def level_jabatan(c: Context) -> int:
    return c.level.rank


@derived
def target_jenis_jabatan(c: Context) -> str | None:
    target = c.target
    return None if target is None else target.group


@derived
def target_kategori_berbeda(c: Context) -> bool | None:
    """Moving into a JF of another category (keterampilan → keahlian) is a perpindahan."""
    target = c.target
    if target is None:
        return None
    return target.group != c.level.group or target.category != c.level.category


@derived
def jalur_target(c: Context) -> str | None:
    """PP 11/2017 Ps 189: horizontal, vertikal or diagonal; lower is not a career step."""
    target = c.target
    if target is None:
        return None
    if target.rank < c.level.rank:
        return "turun"
    if target.rank == c.level.rank:
        return "horizontal"
    return "vertikal" if target.group == c.level.group else "diagonal"


def _entry(c: Context, attribute: str) -> Any:
    target = c.target
    if target is None or target.entry is None:
        return None
    return getattr(target.entry, attribute)


@derived
def pendidikan_min_target(c: Context) -> str | None:
    value: str | None = _entry(c, "education_min")
    return value


@derived
def tahun_sampai_pendidikan_target(c: Context) -> float | None:
    """0 when the education already meets the target's minimum, else the next study's length."""
    minimum = pendidikan_min_target(c)
    if minimum is None:
        return None
    if PENDIDIKAN.rank(c.profile.pendidikan) >= PENDIDIKAN.rank(minimum):
        return 0.0
    return lama_studi_tahun(c)


@derived
def pengumpan_target(c: Context) -> bool | None:
    feeders = _entry(c, "from_positions")
    if feeders is None:
        return None
    return feeders == "any" or c.profile.jenjang in feeders


@derived
def tahun_pengumpan_min_target(c: Context) -> float | None:
    value: float | None = _entry(c, "years_in_feeder")
    return value


@derived
def masa_kerja_min_target(c: Context) -> float | None:
    value: float | None = _entry(c, "years_of_service_min")
    return value


@derived
def usia_maks_target(c: Context) -> int | None:
    value: int | None = _entry(c, "age_max")
    return value


@derived
def seleksi_terbuka_target(c: Context) -> bool | None:
    value: bool | None = _entry(c, "open_selection")
    return value


@derived
def pelatihan_kepemimpinan_jabatan(c: Context) -> str | None:
    return c.level.leadership_training


@derived
def pelatihan_kepemimpinan_target(c: Context) -> str | None:
    target = c.target
    return None if target is None else target.leadership_training
