"""Every Indonesian sentence the rule engine produces: explanations, missing items, the plan."""

from __future__ import annotations

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
UNKNOWN = "belum diisi"
YES, NO = "ya", "tidak"
NONE_YET = "belum ada"

OPERATOR_PHRASES = {
    "eq": "{value}",
    "ne": "bukan {value}",
    "lt": "kurang dari {value}",
    "lte": "paling banyak {value}",
    "gt": "lebih dari {value}",
    "gte": "minimal {value}",
    "in": "salah satu dari {value}",
    "not_in": "bukan {value}",
    "contains": "memuat {value}",
    "not_contains": "tidak memuat {value}",
    "all_at_least": "semuanya minimal {value}",
}
EXISTS_TRUE = "sudah diisi"
EXISTS_FALSE = "tidak diisi"
ORDERED_CHOICE_PHRASES = {"lte": "paling tinggi {value}", "gte": "paling rendah {value}"}
REFERENCE = "{value} ({label})"
UNLIMITED = "tidak dibatasi"
CONDITION = "{label}: {actual} (syarat: {requirement})"
CONDITION_UNKNOWN = "{label}: belum diketahui (syarat: {requirement}); lengkapi profil"
MISSING = "{label} {actual}, sedangkan syaratnya {requirement}"
MISSING_UNKNOWN = "{label} belum diketahui; lengkapi profil Anda lewat /profil"
HINT = "{text} — {hint}"
ANY_OF = "Salah satu terpenuhi: {items}"
OR = " atau "
NOT = "Tidak boleh: {item}"

CONFIDENCE = {
    "H": "tinggi (dibaca dari teks peraturan)",
    "M": "sedang (sumber sekunder; pastikan dengan peraturan instansi Anda)",
}
WHY_TITLE = "Mengapa: {title}"
WHY_REASON = "Alasannya: {reason}"
WHY_WHEN = "Kondisi Anda yang membuat aturan ini berlaku:"
WHY_ELIGIBLE = "Syarat yang dipenuhi:"
WHY_MISSING = "Yang belum terpenuhi:"
WHY_SOURCE = "Dasar: {source}"
WHY_SINCE = " (berlaku sejak {date})"
WHY_UNCONFIRMED = (
    "Sebagian dasar peraturan ini belum kami pastikan dari sumber resmi; pastikan dengan "
    "BKPSDM/instansi Anda."
)
WHY_CONFIDENCE = "Tingkat keyakinan: {confidence}"
WHY_AGENCY = "Ketentuan instansi yang dipakai: {agency}"
PRACTICE_NOTE = (
    "Catatan: pemetaan ini adalah praktik umum pengembangan kompetensi (misalnya pola "
    "10:20:70), bukan ketentuan peraturan. Diskusikan dengan atasan dan unit kepegawaian."
)
MARK_PASS, MARK_FAIL, MARK_UNKNOWN = "✓", "✗", "?"

KIND_LABELS = {
    "pelatihan": "Pelatihan",
    "tugas_belajar": "Tugas belajar",
    "izin_belajar": "Izin belajar",
    "uji_kompetensi": "Uji kompetensi",
    "kenaikan_pangkat": "Kenaikan pangkat",
    "kenaikan_jenjang": "Kenaikan jenjang",
    "jalur_karier": "Jalur karier",
    "mutasi": "Mutasi",
    "talenta": "Manajemen talenta",
    "mentoring": "Mentoring",
    "disiplin": "Disiplin",
}

# The five-year plan.
PLAN_JP = "Pengembangan kompetensi minimal {jp} JP: {forms}"
PLAN_JP_PPPK = (
    "Pengembangan kompetensi {jp} JP, dalam batas {cap} JP per tahun kontrak PPPK: {forms}"
)
PLAN_FORMS = {
    "teknis": "pelatihan teknis, bimbingan teknis atau kursus sesuai bidang",
    "manajerial": "pelatihan manajerial, coaching dan mentoring",
    "sosial_kultural": "pelatihan sosial kultural atau wawasan kebangsaan",
}
PLAN_FORMS_DEFAULT = "e-learning, pelatihan jarak jauh dan komunitas belajar sesuai tugas"
PLAN_SPAN = "{text} (tahun ke-{step} dari {total})"
PLAN_RETIREMENT = (
    "Memasuki batas usia pensiun ({bup} tahun): siapkan serah terima pengetahuan dan "
    "administrasi pensiun"
)
PLAN_TITLE = "Rencana Pengembangan Karier (Renbangrir/IDP) {first}–{last}"
PLAN_YEAR = "Tahun {year} · {jp} JP"
PLAN_NOTE = (
    "Disusun otomatis dari profil dan aturan; bahas bersama atasan langsung dan unit "
    "kepegawaian sebelum ditetapkan."
)
PDF_SUMMARY = "Profil singkat"
PDF_SOURCES = "Dasar peraturan"
PDF_EMPLOYEE = "Pegawai,"
PDF_SUPERVISOR = "Atasan langsung,"
