"""Every sentence and label of the HR reports, in Bahasa Indonesia, in one place for review."""

from __future__ import annotations

TITLE = "Analisis Kebutuhan Pengembangan Kompetensi"
SUBTITLE = (
    "Bahan evaluasi dan penyusunan kebutuhan pengembangan kompetensi tahunan "
    "(PP 11/2017 Pasal 203 ayat (5) dan Pasal 205)"
)
GENERATED = "Dibuat {date}"
SCOPE_ALL = "Cakupan: {employees} pegawai dengan profil di {agencies} instansi"
SCOPE_ONE = "Cakupan: {employees} pegawai dengan profil di {instansi}"
SCOPE_NONE = "Cakupan: belum ada pegawai dengan profil"
SKIPPED = (
    "{count} profil tidak dapat dinilai (isinya perlu diperbarui pegawai) dan tidak dihitung."
)
ANONYMITY = (
    "Laporan ini agregat dan anonim: tanpa nama, tanpa NIP, tanpa baris per pegawai. Angka yang "
    "menggambarkan kurang dari 3 pegawai ditampilkan sebagai \"<3\", dan angka lain yang dapat "
    "dipakai untuk menghitungnya kembali dari jumlah ditampilkan sebagai \"x\", sehingga tidak "
    "ada pegawai yang dapat dikenali."
)
USAGE_NOTE = (
    "Penggunaan dihitung untuk seluruh asisten sejak {since}; pertanyaan tidak terhubung dengan "
    "profil, jadi tidak dirinci per instansi."
)

ALL_AGENCIES = "Semua instansi"
ALL_UNITS = "Semua unit"
NO_UNIT = "Unit tidak diisi"
SMALL = "<3"
COMPLEMENT = "x"
NOT_APPLICABLE = "-"

SECTION_SCOPE = "Cakupan"
SECTION_GAPS = "Kesenjangan kompetensi"
SECTION_JP = "JP pengembangan kompetensi tahun ini"
SECTION_LEADERSHIP = "Pelatihan kepemimpinan yang perlu diikuti"
SECTION_STUDY = "Tugas belajar"
SECTION_TALENT = "Kotak talenta"
SECTION_USAGE = "Penggunaan asisten"

EMPLOYEES = "Pegawai dengan profil"
GAP_ASSESSED = "{type}: pegawai dinilai"
GAP_EMPLOYEES = "{type}: pegawai dengan kesenjangan"
GAP_AVERAGE = "{type}: rata-rata kesenjangan (level)"
JP_BELOW = "Pegawai di bawah 20 JP"
JP_OWED = "Total kekurangan JP"
LEADERSHIP = {"pkp": "PKP", "pka": "PKA", "pkn2": "PKN Tingkat II", "pkn1": "PKN Tingkat I"}
STUDY_ELIGIBLE = "Memenuhi syarat tugas belajar"
TALENT_BOX = "Kotak {box}"

QUESTIONS_ASKED = "Pertanyaan diajukan"
QUESTIONS_ANSWERED = "Pertanyaan terjawab"
ANSWERED_RATE = "Persentase terjawab"
UNANSWERED_TOPIC = "Belum terjawab: {topic}"
TOPIC_OUTSIDE = "di luar basis pengetahuan"
TOPIC_REFERRED = "dirujuk dari rekomendasi"

# ---- the PDF -------------------------------------------------------------------------------
PDF_AGENCY = "Instansi: {instansi}"
PDF_NEEDS = "Kebutuhan pengembangan per unit"
PDF_TALENT = "Sebaran kotak talenta per unit"
PDF_UNIT = "Unit"
PDF_AGENCY_COLUMN = "Instansi"
PDF_EMPLOYEES = "Pegawai"
PDF_GAP = "{type} (senjang / dinilai)"
PDF_GAP_AVERAGE = "Rata-rata {type}"
PDF_JP_BELOW = "< 20 JP"
PDF_JP_OWED = "Kurang JP"
PDF_STUDY = "Tubel"
PDF_USAGE_ROW = "{label}: {value}"
PDF_TOP_UNANSWERED = "Topik yang paling sering belum terjawab"
PDF_TOPIC = "Topik"
PDF_COUNT = "Jumlah"
PDF_NO_UNANSWERED = "Belum ada pertanyaan yang tidak terjawab."
PDF_CHART = "Gambaran umum ({scope})"

# ---- the chart -----------------------------------------------------------------------------
CHART_GAPS = "Pegawai dengan kesenjangan kompetensi"
CHART_TALENT = "Sebaran kotak talenta"
CHART_POTENTIAL = "Potensial"
CHART_PERFORMANCE = "Kinerja"
CHART_POTENTIAL_LEVELS = ("rendah", "menengah", "tinggi")
CHART_PERFORMANCE_LEVELS = ("di bawah", "sesuai", "di atas")
CHART_BOX = "Kotak {box}\n{value}"

# ---- the chat and the shell ----------------------------------------------------------------
MENU_LAPORAN = "Laporan kebutuhan pengembangan kompetensi (PDF dan CSV)"
CHAT_TITLE = "Laporan kebutuhan pengembangan kompetensi"
CHAT_SUMMARY = (
    "{scope}\n"
    "• Kesenjangan kompetensi: teknis {teknis}, manajerial {manajerial}, sosial kultural "
    "{sosial_kultural} pegawai\n"
    "• Di bawah 20 JP: {jp_below} pegawai, total kekurangan {jp_owed} JP\n"
    "• Perlu pelatihan kepemimpinan: PKP {pkp}, PKA {pka}, PKN II {pkn2}, PKN I {pkn1}\n"
    "• Memenuhi syarat tugas belajar: {study} pegawai\n"
    "• Pertanyaan sejak {since}: {asked}, terjawab {rate}"
)
CHAT_FOOTER = (
    "Angka yang menggambarkan kurang dari 3 pegawai ditampilkan \"<3\" (dan \"x\" bila dapat "
    "dihitung kembali dari jumlah). Rincian per instansi dan unit ada di PDF dan CSV. Filter "
    "satu instansi: /laporan NAMA INSTANSI"
)
CHAT_EMPTY = (
    "Belum ada profil pegawai{where} yang dapat dilaporkan. Laporan dibuat dari profil yang diisi "
    "pegawai lewat /profil."
)
CHAT_EMPTY_WHERE = " di {instansi}"
CAPTION_PDF = "Laporan kebutuhan pengembangan kompetensi (PDF)"
CAPTION_CSV = "Data laporan dalam satu tabel (CSV)"
CAPTION_CHART = "Grafik kesenjangan kompetensi dan kotak talenta"
FILENAME = "laporan-kebutuhan-{date}.{extension}"


def percent(rate: float) -> str:
    """'68,8%': the Indonesian decimal comma, as in every other figure of the report."""
    return f"{rate:.1f}".replace(".", ",") + "%"
