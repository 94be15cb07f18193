"""Every Indonesian sentence about profiles: validation messages and the /profil dialogue."""

from __future__ import annotations

# Validation messages: "<field>: <message>"; each says what is accepted.
UNKNOWN_CHOICE = "'{value}' tidak dikenal. Pilihan: {accepted}"
REQUIRED = "wajib diisi"
UNKNOWN_FIELD = "kolom ini tidak dikenal"
DID_YOU_MEAN = "; maksud Anda '{name}'?"
NOT_A_DATE = "'{value}' bukan tanggal yang valid. Tulis seperti 2020-03-01 atau 01-03-2020"
NOT_A_NUMBER = "'{value}' bukan angka"
NOT_WHOLE = "'{value}' harus bilangan bulat"
NOT_A_BOOL = "'{value}' harus ya atau tidak (true/false)"
OUT_OF_RANGE = "harus antara {low} dan {high}"
BELOW_MIN = "'{value}' terlalu kecil; paling kecil {bound}"
ABOVE_MAX = "'{value}' terlalu besar; paling besar {bound}"
TOO_MANY = "terlalu banyak isian; paling banyak {limit}"
NOT_A_LIST = "harus berupa daftar, misalnya [baik, sangat_baik]"
NOT_A_MAPPING = "harus berupa kelompok isian (misalnya aktual: 2 dan standar: 3)"
INVALID = "nilai tidak valid"
EMPTY_TEXT = "tidak boleh kosong"
TEXT_TOO_LONG = "terlalu panjang; paling banyak {limit} karakter"
NIP_FORMAT = "NIP harus 18 angka (tanggal lahir, TMT CPNS, jenis kelamin, nomor urut)"
NIP_BIRTH_DATE = "8 angka pertama NIP ({part}) bukan tanggal lahir yang valid (TTTTBBHH)"
NIP_TMT = "angka ke-9 sampai ke-14 NIP ({part}) bukan TMT CPNS yang valid (TTTTBB)"
NIP_GENDER = "angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), bukan {digit}"
NIP_BIRTH_MISMATCH = (
    "tanggal lahir di NIP ({nip}) tidak sama dengan Tanggal lahir yang diisi ({profile})"
)
NIP_TMT_AFTER_PNS = "TMT CPNS di NIP ({nip}) lebih lambat dari TMT PNS yang diisi ({profile})"
GOLONGAN_ACCEPTED = "I/a sampai IV/e, misalnya III/b, 3b atau III-b"
JENJANG_NOT_OF_JENIS = "'{value}' bukan jenjang {jenis}. Pilihan: {accepted}"
AGE_RANGE = "usia {age} tahun tidak masuk akal untuk ASN (antara {low} dan {high} tahun)"
DATE_IN_FUTURE = "{date} belum terjadi; isi tanggal yang sudah lewat"
DATE_BEFORE_ADULT = "{date} lebih awal dari usia {age} tahun; periksa tanggal ini"
GOLONGAN_ACCEPTED = "PNS dan CPNS: I/a … IV/e; PPPK: I … XVII"
GOLONGAN_NOT_OF_STATUS = "'{value}' bukan golongan {status}. Pilihan untuk {status}: {accepted}"
GOLONGAN_REQUIRED = "wajib diisi untuk PNS dan CPNS. Pilihan: I/a … IV/e"
AK_ONLY_JF = "hanya untuk jabatan fungsional; kosongkan isian ini"

# Loading a profile file in the shell.
FILE_UNREADABLE = "berkas profil tidak dapat dibaca: {reason}"
FILE_NOT_MAPPING = "berkas profil harus berisi pasangan kolom: nilai (YAML atau JSON)"
FILE_BAD_JSON = "JSON tidak valid di baris {line}: {reason}"
FILE_BAD_YAML = "YAML tidak valid di baris {line}"

# The /profil questionnaire.
YES, NO = "Ya", "Tidak"
EMPTY = "—"
ASK_STATUS = "Apa status kepegawaian Anda?"
ASK_NIP = (
    "Ketik NIP Anda (18 angka) untuk memeriksa tanggal lahir dan TMT CPNS. Boleh dilewati."
)
ASK_BIRTH = "Tanggal lahir Anda? Contoh: 14-02-1996 atau 14 Februari 1996"
ASK_TMT_PNS = "TMT PNS Anda (CPNS: TMT CPNS; PPPK: awal kontrak)? Contoh: 01-03-2020"
ASK_INSTANSI = "Nama instansi Anda? Contoh: Pemerintah Provinsi Jawa Timur"
ASK_UNIT = "Unit kerja Anda? Boleh dilewati."
ASK_JENIS = "Jenis jabatan Anda sekarang?"
ASK_JABATAN = "Nama jabatan Anda? Contoh: Analis SDM Aparatur atau Kepala Subbagian Umum"
ASK_JENJANG = "Jenjang jabatan Anda?"
ASK_GOLONGAN = (
    "Golongan ruang Anda sekarang? Pilih golongan, lalu ruangnya, atau ketik, misalnya 3b."
)
ASK_TMT_GOLONGAN = "TMT golongan sekarang? Contoh: 01-04-2023. Boleh dilewati."
ASK_TMT_JABATAN = "Sejak kapan Anda menduduki jabatan sekarang (TMT jabatan)? Boleh dilewati."
ASK_PENDIDIKAN = "Pendidikan terakhir yang diakui instansi?"
ASK_PREDIKAT_OLDER = "Predikat kinerja DUA tahun lalu? Lewati jika belum ada."
ASK_PREDIKAT_LAST = "Predikat kinerja tahun lalu? Lewati jika belum ada."
ASK_JP = (
    "Berapa JP pengembangan kompetensi yang sudah Anda ikuti tahun ini? Ketik angka, misalnya "
    "8 atau 12 JP. Boleh dilewati."
)
ASK_AK_PANGKAT = (
    "Angka kredit kumulatif untuk kenaikan pangkat (lihat PAK terakhir)? Boleh dilewati."
)
ASK_AK_JENJANG = "Angka kredit kumulatif untuk kenaikan jenjang? Boleh dilewati."
ASK_LEVEL_ACTUAL = "Level kompetensi {kind} Anda menurut hasil penilaian (1-5)? Boleh dilewati."
ASK_LEVEL_STANDARD = "Level kompetensi {kind} yang dipersyaratkan jabatan Anda (1-5)?"
ASK_PELATIHAN = (
    "Pelatihan yang sudah Anda ikuti dan ujian yang sudah Anda lulusi? Tekan untuk memilih, "
    "lalu Selesai."
)
ASK_UKOM = "Sudah lulus uji kompetensi (UKOM) untuk jenjang berikutnya?"
ASK_HUKDIS = "Apakah ada hukuman disiplin yang masih berlaku?"
ASK_KOTAK = (
    "Nomor kotak manajemen talenta Anda (1-9), jika sudah dipetakan instansi? Boleh dilewati."
)
ASK_TARGET = "Jabatan yang ingin Anda capai berikutnya? Boleh dilewati."
STEP_LABELS = {
    "predikat_kinerja.0": "Predikat kinerja dua tahun lalu",
    "predikat_kinerja.1": "Predikat kinerja tahun lalu",
    "angka_kredit.pangkat": "Angka kredit untuk kenaikan pangkat",
    "angka_kredit.jenjang": "Angka kredit untuk kenaikan jenjang",
    "kompetensi.teknis.aktual": "Kompetensi teknis (aktual)",
    "kompetensi.teknis.standar": "Kompetensi teknis (standar jabatan)",
    "kompetensi.manajerial.aktual": "Kompetensi manajerial (aktual)",
    "kompetensi.manajerial.standar": "Kompetensi manajerial (standar jabatan)",
    "kompetensi.sosial_kultural.aktual": "Kompetensi sosial kultural (aktual)",
    "kompetensi.sosial_kultural.standar": "Kompetensi sosial kultural (standar jabatan)",
}

# The chat: /profil, /profilsaya, /datasaya, /hapusdata.
MENU_PROFIL = "Isi atau ubah profil karier Anda"
MENU_PROFILSAYA = "Lihat profil karier Anda"
MENU_DATASAYA = "Unduh semua data Anda (JSON)"
MENU_HAPUSDATA = "Hapus semua data Anda"
MENU_REKOMENDASI = "Rekomendasi pengembangan karier dari profil Anda"
MENU_RENCANA = "Rencana pengembangan karier 5 tahun (teks dan PDF)"
CONSENT_NEEDED = (
    "Profil karier berisi data pribadi, jadi hanya disimpan setelah Anda menyetujui "
    "pemberitahuan privasi di bawah ini. Setelah setuju, ketik /profil lagi."
)
START_INTRO = (
    "Mari isi profil karier Anda: {core} pertanyaan inti untuk rekomendasi, lalu hingga {rest} "
    "pertanyaan tambahan yang boleh dilewati atau diisi nanti. Pilih dengan tombol atau ketik "
    "jawabannya; /batal untuk berhenti, /profil untuk melanjutkan."
)
EDIT_INTRO = (
    "Ini profil Anda. Tekan ✏️ pada isian yang ingin diubah, lalu 💾 Simpan. "
    "Ketik /batal untuk berhenti tanpa mengubah apa pun."
)
CORE_DONE = (
    "Data inti sudah lengkap: rekomendasi bisa dibuat. Simpan sekarang, atau lengkapi data "
    "tambahan (boleh dilewati satu per satu) agar rekomendasinya lebih tepat."
)
MORE_BUTTON = "➕ Lengkapi data tambahan (boleh dilewati)"
EDIT_BUTTON = "✏️ {label}"
EDIT_OTHER_BUTTON = "✏️ Ubah {label}"
OTHER_ROOM_BUTTON = "‹ Golongan lain"
STEP_AGAIN = "Kembali ke isian profil:"
DRAFT_TITLE = "Isian profil Anda (belum disimpan)"
DRAFT_FOOTER = "Ketik /profil untuk melanjutkan dan menyimpannya."
PROFILE_DRAFT_FOOTER = (
    "Ada isian perubahan yang belum disimpan; ketik /profil untuk melanjutkannya. "
    "Hapus semua data dengan /hapusdata."
)
RESUME_ASK = (
    "Isian profil Anda belum selesai. Lanjutkan dari langkah terakhir atau mulai dari awal?"
)
RESUME_BUTTON = "▶️ Lanjutkan"
RESTART_BUTTON = "🔄 Mulai dari awal"
STEP_TITLE = "Profil · {label}"
CURRENT = "Isian sekarang: {value}"
SKIP_BUTTON = "Lewati"
KEEP_BUTTON = "Tetap: {value}"
DONE_BUTTON = "Selesai"
SELECTED = "✅ {label}"
INVALID_ANSWER = "{label}: {message}"
USE_BUTTONS = "Untuk langkah ini, pilih dengan tombol di bawah."
CONFIRM_TITLE = "Periksa profil Anda"
CONFIRM_FOOTER = "Tekan Simpan jika sudah benar."
SAVE_BUTTON = "💾 Simpan"
SAVE_PROBLEMS = "Profil belum bisa disimpan; perbaiki isian berikut:"
SAVED = "Profil Anda tersimpan. Lihat rekomendasi atau rencana pengembangan 5 tahun Anda."
RECOMMEND_BUTTON = "⭐ Rekomendasi"
PLAN_BUTTON = "📄 Rencana 5 tahun"
NO_PROFILE = (
    "Anda belum punya profil karier. Ketik /profil untuk mengisinya: {core} pertanyaan inti, "
    "lalu hingga {rest} pertanyaan tambahan yang boleh dilewati."
)
PROFILE_TITLE = "Profil karier Anda"
PROFILE_FOOTER = "Ubah dengan /profil; hapus semua data dengan /hapusdata."
DATA_INTRO = (
    "Berikut semua data yang kami simpan tentang Anda, dalam satu berkas JSON: akun, "
    "persetujuan, profil, isian yang sedang berjalan, pertanyaan yang tercatat atas nama Anda "
    "dan riwayat tindakan."
)
DATA_CAPTION = "Data pribadi Anda (UU 27/2022)"
DATA_FILENAME = "data-saya.json"
ERASE_CONFIRM = (
    "Yakin menghapus SEMUA data Anda: persetujuan, profil karier dan isian yang berjalan? "
    "Dari pertanyaan yang pernah Anda ajukan hanya tersisa kata kunci topiknya, tanpa nama "
    "dan tanpa kaitan dengan Anda. Tindakan ini tidak bisa dibatalkan."
)
ERASE_YES = "🗑️ Ya, hapus semua data saya"
ERASE_NO = "Batal"
ERASED = "Semua data Anda sudah dihapus. Anda tetap bisa bertanya kapan saja."
ERASE_KEPT = "Baik, data Anda tidak dihapus."
ERASE_STALE = ("Konfirmasi penghapusan ini sudah tidak berlaku, jadi tidak ada data yang dihapus. "
               "Kirim /hapusdata bila Anda ingin menghapus data Anda.")
STALE = "Tombol ini sudah tidak berlaku. Ketik /profil untuk melanjutkan isian."

# The chat: /rekomendasi, /rencana, "Mengapa?".
REC_TITLE = "Rekomendasi untuk Anda"
REC_LINE = "{number}. [{kind}] {title}\n   Dasar: {source}"
REC_FOOTER = (
    "Tekan \"Mengapa?\" untuk alasan dan syaratnya. Semua pegawai dinilai dengan aturan yang "
    "sama; keputusan akhir ada pada instansi Anda."
)
REC_NONE = "Belum ada rekomendasi yang berlaku untuk profil Anda saat ini."
WHY_BUTTON = "❓ Mengapa? {number}"
NOT_YET_TITLE = "Belum memenuhi"
NOT_YET_LINE = "• {title}"
NOT_YET_MISSING = "   – {item}"
PROFILE_OUTDATED = "Profil Anda perlu diperbarui dengan /profil sebelum rekomendasi dibuat:"
PLAN_CAPTION = "Rencana pengembangan karier 5 tahun untuk dibahas dengan atasan"
PLAN_FILENAME = "rencana-karier-{first}-{last}.pdf"
WHY_STALE = "Alasan ini sudah tidak berlaku untuk profil Anda. Ketik /rekomendasi lagi."
REFERRED = "rekomendasi {rule_id}"
