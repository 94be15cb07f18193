"""Every profile field once: its Indonesian label, kind, value set and help text.

The questionnaire asks from this table, messages name fields with its labels, and the rule
engine's facts file refers to these fields by name (``from: profil``) instead of repeating them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.profile.vocabulary import (
    GOLONGAN,
    HUKUMAN_DISIPLIN,
    JENIS_JABATAN,
    JENJANG,
    KELOMPOK_JABATAN,
    PELATIHAN,
    PENDIDIKAN,
    PREDIKAT,
    STATUS,
    Vocabulary,
)

FactType = Literal["number", "bool", "text", "date", "choice", "list"]


@dataclass(frozen=True)
class FieldSpec:
    """One field; ``fact_type`` is None for fields rules never read directly (NIP, nested)."""

    name: str
    label: str
    help: str
    fact_type: FactType | None = None
    vocabulary: Vocabulary | None = None


FIELDS: dict[str, FieldSpec] = {f.name: f for f in (
    FieldSpec("status", "Status kepegawaian", "Menentukan aturan yang berlaku; misalnya PPPK "
              "tidak memakai kenaikan pangkat dan memakai golongan I sampai XVII.", "choice",
              STATUS),
    FieldSpec("nip", "NIP", "Hanya untuk memeriksa tanggal lahir dan TMT CPNS; tidak pernah "
              "dipakai dalam rekomendasi."),
    FieldSpec("tanggal_lahir", "Tanggal lahir", "Untuk usia dan batas usia pensiun (BUP).",
              "date"),
    FieldSpec("tmt_pns", "TMT PNS", "Untuk menghitung masa kerja.", "date"),
    FieldSpec("instansi", "Instansi", "Ketentuan khusus instansi (misalnya batas usia tugas "
              "belajar) dipakai bila tersedia.", "text"),
    FieldSpec("unit", "Unit kerja", "Hanya ditampilkan di profil dan rencana Anda.", "text"),
    FieldSpec("jenis_jabatan", "Jenis jabatan", "Menentukan jenjang, BUP dan pelatihan yang "
              "berlaku.", "choice", JENIS_JABATAN),
    FieldSpec("jabatan", "Nama jabatan", "Untuk rumpun jabatan (pasangan mentoring) dan judul "
              "rekomendasi.", "text"),
    FieldSpec("jenjang", "Jenjang jabatan", "Menentukan BUP, angka kredit dan jalur karier.",
              "choice", JENJANG),
    FieldSpec("golongan", "Golongan ruang", "Untuk kenaikan pangkat. PNS dan CPNS: I/a "
              "sampai IV/e; PPPK: I sampai XVII.", "choice", GOLONGAN),
    FieldSpec("tmt_golongan", "TMT golongan", "Untuk masa dalam golongan (kenaikan pangkat "
              "reguler minimal 4 tahun).", "date"),
    FieldSpec("tmt_jabatan", "TMT jabatan", "Untuk waktu mutasi atau rotasi (2 sampai 5 "
              "tahun).", "date"),
    FieldSpec("pendidikan", "Pendidikan terakhir", "Menentukan batas golongan menurut ijazah "
              "dan jenjang studi berikutnya.", "choice", PENDIDIKAN),
    FieldSpec("predikat_kinerja", "Predikat kinerja", "Banyak syarat meminta predikat minimal "
              "Baik dalam 2 tahun terakhir.", "list", PREDIKAT),
    FieldSpec("jp_tahun_ini", "JP tahun ini", "Setiap PNS berhak atas pengembangan kompetensi "
              "minimal 20 JP setahun.", "number"),
    FieldSpec("angka_kredit", "Angka kredit", "Lihat penetapan angka kredit (PAK) terakhir "
              "Anda."),
    FieldSpec("kompetensi", "Kompetensi", "Dari hasil penilaian kompetensi dan standar "
              "kompetensi jabatan (SKJ) Anda."),
    FieldSpec("pelatihan_selesai", "Pelatihan yang sudah diikuti", "Pelatihan kepemimpinan dan "
              "ujian dinas memengaruhi syarat jabatan dan pangkat.", "list", PELATIHAN),
    FieldSpec("lulus_ukom", "Lulus uji kompetensi", "Syarat kenaikan jenjang jabatan "
              "fungsional.", "bool"),
    FieldSpec("hukuman_disiplin", "Hukuman disiplin", "Hukuman sedang atau berat menunda tugas "
              "belajar, kenaikan pangkat dan promosi.", "choice", HUKUMAN_DISIPLIN),
    FieldSpec("kotak_talenta", "Kotak talenta", "Dari pemetaan manajemen talenta instansi.",
              "number"),
    FieldSpec("target_jabatan", "Jabatan tujuan", "Untuk jalur karier dan syarat jabatan "
              "tujuan.", "choice", JENJANG),
    FieldSpec("kelompok_jabatan", "Kelompok jabatan", "Guru, dosen, peneliti dan perekayasa "
              "memiliki batas usia pensiun (BUP) sendiri. Bila kosong, ditebak dari nama "
              "jabatan.", "choice", KELOMPOK_JABATAN),
    FieldSpec("daerah_3t", "Daerah 3T atau jabatan sangat dibutuhkan", "Bertugas di daerah "
              "terdepan, terluar dan tertinggal (3T) atau pada jabatan yang sangat dibutuhkan: "
              "batas usia tugas belajar lebih tinggi.", "bool"),
)}


def label_of(path: str) -> str:
    """The Indonesian label of a field path such as ``kompetensi.teknis.aktual``."""
    head = path.split(".", 1)[0]
    spec = FIELDS.get(head)
    return path if spec is None else spec.label + path[len(head):].replace(".", " › ")
