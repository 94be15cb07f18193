"""The closed value sets of a profile, each value with its Indonesian label.

One place for every enumeration: the profile model validates against it, the questionnaire turns
it into buttons, the rule loader checks rule values against it and messages show its labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vocabulary:
    """Allowed values in display order; ``ranks`` orders them where order means something."""

    name: str
    labels: dict[str, str]
    ranks: dict[str, int] = field(default_factory=dict)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.labels)

    @property
    def ordered(self) -> bool:
        return bool(self.ranks)

    def label(self, value: str) -> str:
        return self.labels.get(value, value)

    def rank(self, value: str) -> int:
        return self.ranks[value]

    def accepted(self) -> str:
        """The accepted values for a message: ``I/a … IV/e`` for long lists."""
        values = self.values
        if len(values) > 8:
            return f"{values[0]} … {values[-1]}"
        return ", ".join(values)


def _ranked(name: str, labels: dict[str, str]) -> Vocabulary:
    return Vocabulary(name, labels, {value: rank for rank, value in enumerate(labels)})


STATUS = Vocabulary("status", {"pns": "PNS", "pppk": "PPPK", "cpns": "CPNS"})

JENIS_JABATAN = Vocabulary("jenis_jabatan", {
    "pimpinan_tinggi": "Jabatan pimpinan tinggi (JPT)",
    "administrasi": "Jabatan administrasi",
    "fungsional": "Jabatan fungsional",
})

JENJANG_BY_JENIS: dict[str, tuple[str, ...]] = {
    "pimpinan_tinggi": ("pratama", "madya", "utama"),
    "administrasi": ("pelaksana", "pengawas", "administrator"),
    "fungsional": ("pemula", "terampil", "mahir", "penyelia",
                   "ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"),
}

JENJANG = Vocabulary("jenjang", {
    "pratama": "JPT Pratama",
    "madya": "JPT Madya",
    "utama": "JPT Utama",
    "pelaksana": "Pelaksana",
    "pengawas": "Pengawas",
    "administrator": "Administrator",
    "pemula": "Pemula",
    "terampil": "Terampil",
    "mahir": "Mahir",
    "penyelia": "Penyelia",
    "ahli_pertama": "Ahli Pertama",
    "ahli_muda": "Ahli Muda",
    "ahli_madya": "Ahli Madya",
    "ahli_utama": "Ahli Utama",
})

GOLONGAN = _ranked("golongan", {
    "I/a": "I/a Juru Muda", "I/b": "I/b Juru Muda Tingkat I", "I/c": "I/c Juru",
    "I/d": "I/d Juru Tingkat I",
    "II/a": "II/a Pengatur Muda", "II/b": "II/b Pengatur Muda Tingkat I", "II/c": "II/c Pengatur",
    "II/d": "II/d Pengatur Tingkat I",
    "III/a": "III/a Penata Muda", "III/b": "III/b Penata Muda Tingkat I", "III/c": "III/c Penata",
    "III/d": "III/d Penata Tingkat I",
    "IV/a": "IV/a Pembina", "IV/b": "IV/b Pembina Tingkat I", "IV/c": "IV/c Pembina Utama Muda",
    "IV/d": "IV/d Pembina Utama Madya", "IV/e": "IV/e Pembina Utama",
})

# PPPK golongan (Perpres 98/2020 jo Perpres 11/2024): I … XVII, a separate scale from the PNS
# golongan ruang above; an S1 entry is IX.
GOLONGAN_PPPK = _ranked("golongan_pppk", {
    numeral: numeral for numeral in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                                     "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII")
})

# Which golongan scale a status uses.
GOLONGAN_BY_STATUS: dict[str, Vocabulary] = {
    "pns": GOLONGAN, "cpns": GOLONGAN, "pppk": GOLONGAN_PPPK,
}

# Positions whose BUP differs from the general one (rules/pola_karier.yaml says how much and
# why); "umum" is every other position.
KELOMPOK_JABATAN = Vocabulary("kelompok_jabatan", {
    "umum": "Jabatan lain",
    "guru": "Guru",
    "dosen": "Dosen",
    "peneliti": "Peneliti",
    "perekayasa": "Perekayasa",
})

PENDIDIKAN = Vocabulary(
    "pendidikan",
    {"sma": "SMA/SLTA", "d1": "D-I", "d2": "D-II", "d3": "D-III", "d4": "D-IV", "s1": "S1",
     "s2": "S2", "s3": "S3"},
    # D-IV and S1 are the same level for every rule that reads education.
    {"sma": 0, "d1": 1, "d2": 2, "d3": 3, "d4": 4, "s1": 4, "s2": 5, "s3": 6},
)

PREDIKAT = _ranked("predikat", {
    "sangat_kurang": "Sangat Kurang",
    "kurang": "Kurang/Misconduct",
    "butuh_perbaikan": "Butuh Perbaikan",
    "baik": "Baik",
    "sangat_baik": "Sangat Baik",
})

HUKUMAN_DISIPLIN = _ranked("hukuman_disiplin", {
    "tidak_ada": "Tidak ada",
    "ringan": "Ringan",
    "sedang": "Sedang",
    "berat": "Berat",
})

PELATIHAN = Vocabulary("pelatihan", {
    "latsar": "Latsar CPNS",
    "pkp": "PKP (Pelatihan Kepemimpinan Pengawas)",
    "pka": "PKA (Pelatihan Kepemimpinan Administrator)",
    "pkn2": "PKN Tingkat II",
    "pkn1": "PKN Tingkat I",
    "pelatihan_fungsional": "Pelatihan fungsional (penjenjangan JF)",
    "ujian_dinas_1": "Ujian Dinas Tingkat I (lulus)",
    "ujian_dinas_2": "Ujian Dinas Tingkat II (lulus)",
})

KOMPETENSI_JENIS = Vocabulary("kompetensi_jenis", {
    "teknis": "Teknis",
    "manajerial": "Manajerial",
    "sosial_kultural": "Sosial kultural",
})

KOMPETENSI_MANAJERIAL = Vocabulary("kompetensi_manajerial", {
    "integritas": "Integritas",
    "kerjasama": "Kerja sama",
    "komunikasi": "Komunikasi",
    "orientasi_pada_hasil": "Orientasi pada hasil",
    "pelayanan_publik": "Pelayanan publik",
    "pengembangan_diri_dan_orang_lain": "Pengembangan diri dan orang lain",
    "mengelola_perubahan": "Mengelola perubahan",
    "pengambilan_keputusan": "Pengambilan keputusan",
})

JALUR = Vocabulary("jalur", {
    "horizontal": "horizontal (jabatan setingkat)",
    "vertikal": "vertikal (lebih tinggi, kelompok jabatan sama)",
    "diagonal": "diagonal (lebih tinggi, kelompok jabatan lain)",
    "turun": "turun (jabatan lebih rendah)",
})

VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v for v in (STATUS, JENIS_JABATAN, JENJANG, GOLONGAN, GOLONGAN_PPPK, PENDIDIKAN,
                        PREDIKAT, HUKUMAN_DISIPLIN, PELATIHAN, KOMPETENSI_JENIS,
                        KOMPETENSI_MANAJERIAL, JALUR, KELOMPOK_JABATAN)
}


def jenis_of(jenjang: str) -> str:
    """The jenis_jabatan a jenjang belongs to."""
    return next(jenis for jenis, levels in JENJANG_BY_JENIS.items() if jenjang in levels)
