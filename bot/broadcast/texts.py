"""Every sentence about announcements, subscriptions and roles, in Bahasa Indonesia."""

from __future__ import annotations

ANNOUNCEMENT_TITLE = "📢 Pengumuman Kepegawaian"
ANNOUNCEMENT_FOOTER = "Untuk berhenti menerima pengumuman, ketik /berhenti."

# Composing (/siaran)
COMPOSE = (
    "Tulis isi pengumuman dalam satu pesan (paling banyak {limit} karakter).\n\n"
    "Jika ingin melampirkan dokumen (misalnya surat edaran PDF), kirim dokumennya dengan isi "
    "pengumuman sebagai keterangan (caption, paling banyak {caption_limit} karakter).\n\n"
    "Ketik /batal untuk membatalkan."
)
TOO_LONG = "Pengumuman terlalu panjang ({length} karakter); paling banyak {limit} karakter."
EMPTY = "Isi pengumuman belum ada. Silakan tulis teksnya."
AUDIENCE_TITLE = "Pilih penerima"
AUDIENCE = "Penerima saat ini: {audience}.\nJumlah: {count} pegawai yang berlangganan."
EVERYONE = "semua pegawai yang berlangganan"
CHOOSE_VALUE = "Pilih {field}:"
NO_VALUES = "Belum ada pegawai berlangganan yang mengisi {field} di profilnya."
ASK_GOLONGAN = (
    "Ketik golongan atau rentang golongan, misalnya III/a atau III/a-III/d. "
    "Ketik /batal untuk membatalkan."
)
BAD_GOLONGAN = "Golongan tidak dikenali. Contoh yang benar: III/a atau II/c-III/b."
USE_BUTTONS = "Silakan pilih dengan tombol di atas, atau ketik /batal untuk membatalkan."
BUTTON_FIELDS = {
    "instansi": "Instansi",
    "unit": "Unit kerja",
    "jenis_jabatan": "Jenis jabatan",
    "jenjang": "Jenjang",
    "golongan": "Golongan",
    "status": "Status kepegawaian",
}
BUTTON_CLEAR = "↺ Semua pelanggan"
BUTTON_PREVIEW = "Lanjut ke pratinjau ▶"
PREVIEW_TITLE = "Pratinjau pengumuman"
PREVIEW = (
    "Penerima: {audience}\nJumlah penerima: {count}\n"
    "Perkiraan waktu kirim: {eta} (kecepatan {rate} pesan/detik){attachment}\n\n"
    "Pesan yang akan diterima pegawai:\n\n{text}"
)
PREVIEW_ATTACHMENT = "\nLampiran: 1 dokumen"
NOBODY = (
    "Tidak ada pegawai berlangganan yang cocok dengan pilihan penerima ini. Ubah penerima "
    "atau batalkan."
)
BUTTON_SEND = "✅ Kirim sekarang"
BUTTON_SCHEDULE = "🕒 Jadwalkan"
BUTTON_CHANGE = "✏️ Ubah penerima"
BUTTON_DISCARD = "✖ Batal"
ASK_TIME = (
    "Kapan pengumuman dikirim? Ketik tanggal dan jam WIB, misalnya {example}, atau pilih "
    "tombol di bawah."
)
BUTTON_IN_ONE_HOUR = "1 jam lagi"
BUTTON_TOMORROW = "Besok 08.00 WIB"
BAD_TIME = "Waktu tidak dikenali. Tulis seperti {example} (tanggal-bulan-tahun jam:menit WIB)."
PAST_TIME = "Waktu itu sudah lewat. Pilih waktu yang akan datang."
CREATED_NOW = (
    "Siaran #{id} dimulai untuk {count} penerima. Kemajuannya saya tampilkan di pesan "
    "berikut dan diperbarui selama pengiriman."
)
CREATED_LATER = "Siaran #{id} dijadwalkan {when} WIB untuk {count} penerima."
DISCARDED = "Baik, pengumuman tidak jadi dikirim."
NO_DRAFT = "Tidak ada pengumuman yang sedang disusun. Ketik /siaran untuk memulai."

# Steering a broadcast
PAUSED = "Siaran #{id} dijeda."
RESUMED = "Siaran #{id} dilanjutkan."
CANCELLED = "Siaran #{id} dihentikan; pesan yang belum terkirim dibatalkan."
CANNOT = "Siaran #{id} sedang {status}, jadi tidak bisa {verb}."
VERBS = {"paused": "dijeda", "sending": "dilanjutkan", "cancelled": "dihentikan"}
BUTTON_PAUSE = "⏸ Jeda"
BUTTON_RESUME = "▶ Lanjutkan"
BUTTON_STOP = "✖ Hentikan"

# Progress and the final report
STATUS = {
    "queued": "terjadwal",
    "sending": "sedang dikirim",
    "paused": "dijeda",
    "done": "selesai",
    "cancelled": "dihentikan",
}
PROGRESS_TITLE = "Siaran #{id} — {status}"
PROGRESS_AUDIENCE = "Penerima: {audience} ({total})"
PROGRESS_SENT = "Terkirim: {sent}"
PROGRESS_FAILED = "Gagal: {failed}"
PROGRESS_CANCELLED = "Dibatalkan: {cancelled}"
PROGRESS_REMAINING = "Sisa: {remaining} · perkiraan selesai {eta}"
FAILURE_KINDS = {
    "blocked": "memblokir bot/akun nonaktif",
    "rejected": "ditolak Telegram",
    "network": "gangguan jaringan",
}
REPORT_TITLE = "Laporan siaran #{id}"
REPORT = (
    "Siaran #{id} {status} dalam {duration}.\n"
    "Terkirim {sent} dari {total} penerima.{failures}{cancelled}"
)
REPORT_FAILURES = "\nGagal {count}: {detail}."
REPORT_CANCELLED = "\nTidak dikirim karena dihentikan: {count}."
SECONDS = "{n} detik"
MINUTES = "{n} menit"
HOURS = "{n} jam"
LESS_THAN_A_SECOND = "kurang dari 1 detik"

# Announcements and subscriptions
ANNOUNCEMENTS_TITLE = "Pengumuman terbaru"
ANNOUNCEMENT_LINE = "#{id} · {date}\n{text}"
NO_ANNOUNCEMENTS = "Belum ada pengumuman untuk Anda."
UNSUBSCRIBED = (
    "Anda tidak akan menerima pengumuman lagi. Ketik /langganan kapan saja untuk berlangganan "
    "kembali."
)
ALREADY_UNSUBSCRIBED = "Anda memang tidak sedang berlangganan pengumuman."
SUBSCRIBED = "Anda berlangganan pengumuman kepegawaian lagi. Ketik /berhenti untuk berhenti."
ALREADY_SUBSCRIBED = "Anda sudah berlangganan pengumuman kepegawaian."
CONSENT_FIRST = (
    "Untuk menerima pengumuman, setujui dulu pemberitahuan privasi di bawah ini."
)

# Roles (/peran)
ADMIN_ONLY = "Maaf, pengaturan peran khusus untuk admin."
ROLES_TITLE = "Peran HR dan admin"
ROLES_LINE = "{external_id} — {role}"
ROLES_NONE = "Belum ada pengguna dengan peran HR atau admin."
ROLES_USAGE = (
    "Untuk mengubah peran: /peran ID_TELEGRAM hr|admin|employee\n"
    "Contoh: /peran 123456789 hr"
)
ROLE_BAD_FORM = "Perintah /peran tidak dikenali."
ROLE_SET = "Peran {external_id} sekarang: {role}."
ROLE_SELF = "Anda tidak dapat mengubah peran Anda sendiri."
NOT_YOURS = "Siaran #{id} dibuat oleh HR lain; hanya pembuatnya atau admin yang dapat mengubahnya."
ROLE_BAD_ID = ("ID pengguna tidak dikenali. Tulis ID Telegram dengan angka biasa 0–9, tanpa nol "
               "di depan, misalnya: /peran 123456789 hr")
