"""Every sentence the assistant says, in Bahasa Indonesia, in one place for review."""

from __future__ import annotations

PRIVACY_VERSION = 1

WELCOME_TITLE = "Selamat datang di Asisten Karier ASN"
WELCOME = (
    "Saya membantu ASN (PNS dan PPPK) memahami aturan pengembangan karier: pengembangan "
    "kompetensi (minimal 20 JP setahun), pelatihan kepemimpinan (PKP, PKA, PKN), jabatan "
    "fungsional dan angka kredit, kenaikan pangkat, tugas belajar dan izin belajar, manajemen "
    "talenta, mutasi, hingga batas usia pensiun.\n\n"
    "Ketik saja pertanyaan Anda dengan bahasa sehari-hari, misalnya: "
    '"brp JP minimal diklat setahun?" atau "apa beda tubel dan izin belajar".'
)
WELCOME_BACK = (
    "Senang bertemu lagi. Silakan ketik pertanyaan Anda, atau /bantuan untuk daftar perintah."
)

PRIVACY_TITLE = "Pemberitahuan privasi"
PRIVACY = (
    "Sesuai UU 27/2022 tentang Pelindungan Data Pribadi:\n"
    "• Sebelum Anda setuju, yang kami simpan hanya ID Telegram Anda.\n"
    "• Jika Anda setuju, kami mencatat persetujuan ini (versi dan waktunya) dan Anda akan "
    "menerima pengumuman kebijakan kepegawaian. Anda dapat berhenti berlangganan kapan saja.\n"
    "• Pertanyaan disimpan tanpa nama untuk memperbaiki jawaban; pertanyaan yang belum bisa "
    "dijawab diteruskan ke tim kepegawaian (HR).\n"
    "• Data profil (jika nanti Anda isi) hanya dipakai untuk rekomendasi karier Anda, dan dapat "
    "Anda lihat serta hapus sendiri kapan saja.\n\n"
    "Anda tetap bisa bertanya tanpa menyetujui ini."
)
PRIVACY_RENEWED = (
    "Pemberitahuan privasi kami telah diperbarui. Mohon baca dan setujui versi terbaru; sampai "
    "Anda setuju, profil dan rekomendasi tidak dapat dipakai."
)
CONSENT_BUTTON = "✅ Saya setuju"
CONSENT_THANKS = (
    "Terima kasih, persetujuan Anda sudah dicatat. Silakan ketik pertanyaan Anda kapan saja."
)
CONSENT_ALREADY = "Persetujuan Anda sudah tercatat sebelumnya. Terima kasih."

HELP_TITLE = "Cara memakai asisten ini"
HELP_INTRO = (
    "Ketik pertanyaan seputar karier ASN dengan bahasa sehari-hari; singkatan seperti tubel, "
    "diklatpim, JF, JPT, P3K atau eselon 3 juga saya pahami.\n\nPerintah yang tersedia:"
)
HELP_HR = "Perintah khusus petugas kepegawaian (HR):"

UNKNOWN_COMMAND = "Perintah /{name} tidak dikenal. Ketik /bantuan untuk melihat daftar perintah."
UNSUPPORTED = "Maaf, saat ini saya hanya bisa membaca pesan teks. Silakan ketik pertanyaan Anda."
TOO_LONG = (
    "Pesan Anda terlalu panjang ({length} karakter). Mohon ringkas pertanyaan Anda menjadi satu "
    "atau dua kalimat (paling banyak {limit} karakter) agar bisa saya cari jawabannya."
)
EMPTY_QUESTION = (
    "Saya belum menangkap pertanyaannya. Coba tulis dengan kalimat lengkap, misalnya: "
    '"syarat kenaikan pangkat reguler apa saja?"'
)
GREETING = (
    "Halo! Saya Asisten Karier ASN. Silakan ketik pertanyaan Anda tentang pengembangan karier, "
    'misalnya "syarat tugas belajar apa saja?".'
)
THANKS = "Sama-sama. Semoga membantu! Silakan bertanya lagi kapan saja."

SOURCE = "Dasar: {source} (berlaku sejak {since}) · diperiksa {reviewed}"
SOURCE_UNCONFIRMED = (
    "Dasar: {source} · diperiksa {reviewed}. Tanggal berlaku {regulation} belum dipastikan; "
    "pastikan dengan BKPSDM/instansi Anda."
)
AUDIENCE_CHOSEN = "Jawaban ini untuk {status}, sesuai status kepegawaian di profil Anda."
AUDIENCE_OTHER = (
    "Catatan: jawaban ini disusun untuk {written_for}, sedangkan profil Anda mencatat status "
    "{status}. Ketentuan untuk {status} bisa berbeda; pastikan ke unit kepegawaian atau BKPSDM "
    "instansi Anda."
)
RELATED_HEADER = "Pertanyaan terkait:"
FEEDBACK_UP = "👍 Membantu"
FEEDBACK_DOWN = "👎 Kurang tepat"
FEEDBACK_THANKS = "Terima kasih atas masukan Anda."
FEEDBACK_DONE = "✅ Terima kasih"
FEEDBACK_REFUSED = "Masukan ini tidak dapat dicatat."
SUGGEST = "Saya belum yakin maksud Anda. Apakah salah satu dari pertanyaan ini?"
SUGGEST_NONE = "Bukan semuanya"
DECLINE = (
    "Maaf, saya belum punya jawaban yang tepat untuk pertanyaan itu. Pertanyaan Anda sudah "
    "saya catat untuk tim kepegawaian (HR) agar basis pengetahuan dilengkapi.\n\n"
    "Saya bisa membantu soal: pengembangan kompetensi dan 20 JP, pelatihan kepemimpinan, "
    "tugas belajar dan izin belajar, jabatan fungsional dan angka kredit, kenaikan pangkat, "
    "manajemen talenta, mutasi dan promosi, penilaian kinerja, serta batas usia pensiun."
)
HANDOFF = (
    "Untuk pertanyaan yang belum bisa saya jawab, silakan hubungi unit kepegawaian "
    "(BKPSDM/BKD atau biro SDM) instansi Anda."
)
STALE_ACTION = "Tombol ini sudah tidak berlaku. Silakan ketik pertanyaan Anda lagi."

HR_ONLY = "Maaf, perintah ini khusus untuk petugas kepegawaian (HR)."
UNANSWERED_TITLE = "Pertanyaan terbanyak yang belum terjawab"
UNANSWERED_EMPTY = "Belum ada pertanyaan yang tidak terjawab. Bagus!"
UNANSWERED_LINE = "{rank}. {text} — {count}× (terakhir {last:%d-%m-%Y})"
RELOAD_OK = "Basis pengetahuan berhasil dimuat ulang: {count} entri."
RELOAD_FAILED = (
    "Gagal memuat ulang: basis pengetahuan lama tetap dipakai. Perbaiki masalah berikut "
    "lalu coba lagi ({count} masalah):"
)
SLOW_DOWN = (
    "Anda mengirim pesan terlalu cepat. Mohon tunggu sebentar (sekitar satu menit), lalu "
    "kirim pertanyaan Anda lagi."
)
ERROR = "Maaf, terjadi kendala di sistem kami. Silakan coba lagi sebentar lagi."
NOTHING_TO_CANCEL = "Tidak ada isian yang sedang berjalan."
CANCELLED = "Baik, isian dibatalkan. Data yang sudah tersimpan tidak berubah."
PAUSED = (
    "Baik, isian dihentikan dan belum disimpan. Ketik /{command} untuk melanjutkan atau mulai "
    "dari awal."
)

# Questions about the asker's own case (bot/core/personal.py).
PERSONAL_TITLE = "Untuk Anda"
PERSONAL_INTRO = "Menurut profil Anda:"
PERSONAL_INTRO_TYPED = (
    "Menurut profil Anda, dengan {facts} seperti yang Anda tulis (hanya untuk jawaban ini, "
    "tidak disimpan):"
)
TYPED_AGE = "usia {age} tahun"
TYPED_GOLONGAN = "golongan {golongan}"
TYPED_YEARS = "masa kerja {years} tahun"
PERSONAL_FACT = "• {label}: {value}"
PERSONAL_ELIGIBLE = "✅ {title}: syarat yang dapat saya periksa dari profil Anda terpenuhi."
PERSONAL_NOT_YET = "⏳ {title}: belum terpenuhi. Yang masih kurang:"
PERSONAL_MISSING = "  – {item}"
PERSONAL_SOURCE = "  Dasar: {source}"
PERSONAL_NOT_APPLICABLE = (
    "Untuk {topic}, profil Anda belum cukup bagi saya untuk menilai secara pribadi (ketentuannya "
    "bergantung pada status, jabatan atau data yang belum tercatat, misalnya angka kredit). "
    "Lihat jawaban umum di bawah dan pastikan dengan BKPSDM/instansi Anda."
)
PERSONAL_OFFER = (
    "Ingin tahu untuk Anda sendiri? Isi profil karier Anda, lalu tanyakan lagi: saya akan "
    "memeriksa syarat {topic} dengan data Anda dan menyebutkan apa yang masih kurang."
)
PERSONAL_OFFER_BUTTON = "📝 Isi profil (/profil)"
PERSONAL_PROFILE_INVALID = (
    "Profil Anda perlu diperbarui sebelum saya bisa memeriksa syarat {topic} untuk Anda "
    "(ketik /profil)."
)
ASK_BKPSDM = "🏢 Tanya BKPSDM"
TOPIC_PICK = "Pilih pertanyaan di topik ini:"
