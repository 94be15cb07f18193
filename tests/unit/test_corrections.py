"""The December 2026 content review: each corrected fact is what an employee now reads.

One row per correction of ../shared/domain/corrections-2026-12.md ("Wrong or outdated") that lives
in knowledge/: the question as employees type it, phrases the answer must contain, and phrases of
the old, wrong answer it must not contain. The real knowledge base and search answer it.
"""

from __future__ import annotations

import pytest

from bot.kb.service import KnowledgeService

CORRECTIONS = [
    # 1. KP every month since 1 October 2025 (Peraturan BKN 4/2025), not six periods.
    ("kp ada berapa periode setahun",
     ["12", "setiap tanggal 1 tiap bulan", "Peraturan BKN 4/2025"], ["ditetapkan 6 (enam) kali"]),
    ("naik pangkat bulan apa saja", ["1 Oktober 2025", "12"], ["6 (enam) kali setahun"]),
    ("syarat naik pangkat reguler", ["setiap tanggal 1 tiap bulan"], ["6 periode per tahun"]),
    ("naik gol jabfung ahli muda butuh angka kredit berapa", ["setiap tanggal 1 tiap bulan"],
     ["6 kali setahun"]),
    # 2. KP reguler may exceed the direct superior (Peraturan BKN 2/2025).
    ("kp reguler boleh melebihi pangkat atasan langsung?",
     ["melebihi pangkat atasan langsung", "Peraturan BKN 2/2025"],
     ["Pangkat yang dituju tidak melebihi pangkat atasan langsung"]),
    # 3. JF on tugas belajar > 6 months: diberhentikan, reappointed only with a vacancy.
    ("JF yang tugas belajar lebih dari 6 bulan jabatannya gimana",
     ["diberhentikan dari JF-nya", "lowongan"], ["dibebaskan sementara dari JF-nya"]),
    ("syarat tubel apa aja", ["diberhentikan dari jabatan administrasi atau jabatan fungsional"],
     ["dibebaskan sementara dari jabatan fungsional"]),
    # 4. KASN abolished; functions to KemenPANRB and BKN; MK ordered an independent body.
    ("KASN itu apa", ["dibubarkan", "Putusan MK 121/PUU-XXII/2024"],
     ["belum dapat kami pastikan", "diawasi oleh Komisi ASN (KASN). Apakah"]),
    ("siapa yang mengawasi sistem merit sekarang", ["KemenPANRB dan BKN", "lembaga independen"],
     []),
    ("tim manajemen talenta nasional isinya siapa aja", ["KASN sudah dibubarkan"], []),
    # 5. KP pilihan for pengawas, administrator, JPT; KP reguler only without such a post.
    ("pengawas naik pangkatnya pakai KP apa",
     ["KP pilihan", "rentang pangkat", "KP reguler hanya untuk PNS"], []),
    # 6. BUP: guru 60, dosen 65, peneliti/perekayasa ahli utama and profesor 70.
    ("guru pensiun umur brp", ["60", "guru"], []),
    ("BUP guru PNS", ["60 (enam puluh) tahun", "UU 14/2005"], []),
    ("peneliti ahli utama pensiun umur berapa", ["70 tahun"], ["Ini BUP tertinggi bagi PNS"]),
    ("umur pensiun fungsional ahli muda brp", ["guru pensiun 60 tahun"], []),
    # 7. JPT may be filled from the talent pool where the merit system is Baik/Sangat Baik.
    ("apakah JPT harus lewat seleksi terbuka", ["umumnya", "Baik atau Sangat Baik"],
     ["Semua JPT diisi melalui seleksi terbuka"]),
    ("open bidding / lelang jabatan itu apa", ["kelompok rencana suksesi"], []),
    # 8. 24 JP for PPPK: what the agency provides, not a ban; a right and duty (UU 20/2023).
    ("PPPK boleh ikut pelatihan lebih dari 24 JP?", ["24", "bukan larangan", "UU 20/2023"],
     ["angka 24 JP adalah batas atas"]),
    ("jatah diklat P3K brp JP setahun", ["24 JP", "hak sekaligus kewajiban"], []),
    # 9. The predikat also follows the organisation's distribution curve.
    ("kenapa saya tidak dapat predikat sangat baik padahal kerja bagus", ["kurva"], []),
    # 10. No 830 JP / 908 JP figures asserted for PKP and PKA.
    ("PKP berapa lama, brp JP", ["Perlan 6/2022"], ["PKP umumnya berlangsung 830 JP"]),
    ("pelatihan kepemimpinan administrator", ["ditetapkan penyelenggara"], ["908 JP"]),
    # 11. PPPK golongan I-XVII (hedged: confirm with the BKPSDM).
    ("pangkat sama golongan itu apa bedanya", ["XVII", "pastikan"], []),
    # 12. The implementing PP of UU 20/2023: no bare "belum terbit" without a date.
    ("apakah PP 11 tahun 2017 masih berlaku setelah ada UU ASN baru",
     ["pertengahan 2025", "Oktober 2025"], ["belum kami temukan dalam sumber publik"]),
    ("UU ASN baru ngubah umur pensiun gak", ["pertengahan 2025"],
     ["selama PP pelaksana UU 20/2023 belum terbit"]),
    # 13. Sanctions that change a career directly.
    ("hukdis berat bisa turun jabatan?", ["setingkat lebih rendah selama 12 bulan",
                                          "jabatan pelaksana selama 12 bulan"], []),
    # 14. UKOM up to 12 times a year (JF kepegawaian); TNI/Polri into ASN posts is Pasal 19.
    ("ukom berapa kali setahun", ["12", "kali setahun", "2786"], []),
    ("bolehkah PNS menduduki jabatan di TNI atau Polri", ["Pasal 19", "Pasal 20"], []),
]


@pytest.mark.parametrize(("question", "present", "absent"), CORRECTIONS,
                         ids=[row[0] for row in CORRECTIONS])
def test_the_corrected_fact_is_in_the_answer(knowledge: KnowledgeService, question: str,
                                             present: list[str], absent: list[str]) -> None:
    result = knowledge.search(question)
    assert result.answered and result.best is not None, (question, result.decision)
    answer = result.best.entry.answer
    assert [p for p in present if p not in answer] == [], (result.best.entry.id, answer)
    assert [a for a in absent if a in answer] == [], (result.best.entry.id, answer)


def test_no_answer_says_kasn_exists_or_cites_the_old_sources(knowledge: KnowledgeService) -> None:
    entries = knowledge.index.kb.entries
    assert [e.id for e in entries if "KASN masih" in e.answer or "oleh KASN" in e.answer] == []
    assert [e.id for e in entries if "UU 5/2014 Pasal 18" in e.source] == []
    assert [e.id for e in entries if "Peraturan BKN 4/2023" in e.source] == []


def test_the_jf_keahlian_entries_cite_the_regulation_in_force(
        knowledge: KnowledgeService) -> None:
    by_id = knowledge.index.kb.by_id
    for entry_id in ("jabatan-jf-keahlian", "jabatan-jf-keterampilan"):
        assert "uu-5-2014" not in by_id[entry_id].basis
        assert "PermenPANRB 1/2023" in by_id[entry_id].source
