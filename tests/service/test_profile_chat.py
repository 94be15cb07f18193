"""The profile dialogue, recommendations and privacy commands over the real core and database
(SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest

from bot.bootstrap import Services
from bot.core import texts as core_texts
from bot.core.flood import FloodGuard
from bot.core.messages import Outgoing
from bot.profile import texts
from tests.conftest import Chat

NIP = "199602142019032001"
# Label of the step → how Rina (sample profile P1) answers it: press a value, type, or skip.
RINA = {
    "Status kepegawaian": ("press", "pns"),
    "NIP": ("type", "19960214 201903 2 001"),
    "Tanggal lahir": ("type", "14-02-1996"),
    "TMT PNS": ("type", "01-03-2020"),
    "Instansi": ("type", "Pemerintah Provinsi Jawa Barat"),
    "Unit kerja": ("skip", ""),
    "Jenis jabatan": ("press", "fungsional"),
    "Nama jabatan": ("type", "Analis SDM Aparatur"),
    "Jenjang jabatan": ("press", "ahli_pertama"),
    "Golongan ruang": ("press", "III/b"),
    "TMT golongan": ("type", "01-04-2023"),
    "TMT jabatan": ("skip", ""),
    "Pendidikan terakhir": ("press", "s1"),
    "Predikat kinerja dua tahun lalu": ("press", "baik"),
    "Predikat kinerja tahun lalu": ("press", "sangat_baik"),
    "JP tahun ini": ("type", "8"),
    "Angka kredit untuk kenaikan pangkat": ("skip", ""),
    "Angka kredit untuk kenaikan jenjang": ("type", "81,25"),
    "Kompetensi teknis (aktual)": ("press", "1"),
    "Kompetensi teknis (standar jabatan)": ("press", "2"),
    "Kompetensi manajerial (aktual)": ("skip", ""),
    "Kompetensi sosial kultural (aktual)": ("skip", ""),
    "Pelatihan yang sudah diikuti": ("toggle", "latsar"),
    "Lulus uji kompetensi": ("press", "tidak"),
    "Hukuman disiplin": ("press", "tidak_ada"),
    "Kotak talenta": ("press", "7"),
    "Jabatan tujuan": ("skip", ""),
}


@pytest.fixture(autouse=True)
def unhurried(services: Services) -> None:
    """A questionnaire is ~30 presses; these tests press faster than any person."""
    services.assistant.flood = FloodGuard(limit=1000)


def action(reply: Outgoing, suffix: str) -> str:
    found = [b.action for b in reply.all_buttons if b.action.endswith(suffix)]
    assert found, (suffix, [b.action for b in reply.all_buttons])
    return found[0]


async def answer(chat: Chat, step: Outgoing, user: int = 1001) -> list[Outgoing]:
    assert step.title is not None
    how, value = RINA[step.title.removeprefix("Profil · ")]
    if how == "press":
        return await chat(press=action(step, f":v:{value}"), user=user)
    if how == "skip":
        return await chat(press=action(step, ":skip"), user=user)
    if how == "toggle":
        (toggled,) = await chat(press=action(step, f":t:{value}"), user=user)
        assert any(b.label.startswith("✅") for b in toggled.all_buttons)
        return await chat(press=action(toggled, ":done"), user=user)
    return await chat(value, user=user)


async def fill_until_confirmation(chat: Chat, first: Outgoing, user: int = 1001) -> Outgoing:
    step = first
    for _ in range(40):
        *_, step = await answer(chat, step, user)
        if step.title == texts.CONFIRM_TITLE:
            return step
    raise AssertionError("the questionnaire did not end")


async def save_rina(chat: Chat, user: int = 1001) -> None:
    await chat(press="consent", user=user)
    _, first = await chat("/profil", user=user)
    await fill_until_confirmation(chat, first, user)
    (saved,) = await chat(press="pf:save", user=user)
    assert saved.text == texts.SAVED


async def test_profile_needs_consent_and_stores_nothing_before_it(
        chat: Chat, services: Services) -> None:
    notice, privacy = await chat("/profil")
    assert notice.text == texts.CONSENT_NEEDED
    assert [b.action for b in privacy.all_buttons] == ["consent"]
    user = await services.store.find_user("telegram", "1001")
    assert user is not None and await services.store.dialogue(user.id) is None
    (none,) = await chat("/rekomendasi")
    assert none.text == texts.NO_PROFILE


async def test_the_questionnaire_validates_cancels_resumes_and_saves(
        chat: Chat, services: Services) -> None:
    await chat(press="consent")
    intro, first = await chat("/profil")
    assert intro.text == texts.START_INTRO and first.title == "Profil · Status kepegawaian"
    assert {b.label for b in first.all_buttons} == {"PNS", "PPPK", "CPNS"}
    (nip,) = await chat(press=action(first, ":v:pns"))
    assert nip.title == "Profil · NIP" and nip.all_buttons[-1].label == texts.SKIP_BUTTON
    (birth,) = await chat(NIP)
    assert birth.title == "Profil · Tanggal lahir"

    error, again = await chat("31-02-1996")
    assert error.text.startswith("Tanggal lahir: '31-02-1996' bukan tanggal yang valid")
    assert again.title == birth.title

    stale = action(first, ":v:pppk")
    (refused,) = await chat(press=stale)  # a button of an earlier step
    assert refused.kind == "notice"
    (foreign,) = await chat(press="pf:2:v:x", user=2002)  # no dialogue of their own
    assert foreign.kind == "notice"

    (cancelled,) = await chat("/batal")
    assert cancelled.text == core_texts.PAUSED
    (aside,) = await chat("apa itu sistem merit")  # typed text is a question again
    assert aside.footer and "Dasar" in aside.footer
    (asked,) = await chat("/profil")
    assert asked.text == texts.RESUME_ASK  # the state survived in the database
    (resumed,) = await chat(press="pf:resume")
    assert resumed.title == birth.title

    (tmt,) = await chat("14-02-1996")
    rest = await fill_until_confirmation(chat, tmt)
    assert "NIP: " + NIP in rest.text and "Jenjang jabatan: Ahli Pertama" in rest.text
    (saved,) = await chat(press="pf:save")
    assert saved.text == texts.SAVED
    assert {b.action for b in saved.all_buttons} == {"rec:list", "rec:plan"}

    user = await services.store.find_user("telegram", "1001")
    assert user is not None
    stored = await services.profiles.load(user.id)
    assert stored is not None and stored["golongan"] == "III/b"
    assert stored["angka_kredit"] == {"jenjang": 81.25}
    assert stored["predikat_kinerja"] == ["baik", "sangat_baik"]
    assert stored["pelatihan_selesai"] == ["latsar"]
    assert await services.store.dialogue(user.id) is None

    (shown,) = await chat("/profilsaya")
    assert shown.title == texts.PROFILE_TITLE and "Analis SDM Aparatur" in shown.text


async def test_the_jenjang_buttons_follow_the_jenis_jabatan(chat: Chat) -> None:
    await chat(press="consent")
    _, step = await chat("/profil")
    for _ in range(10):
        assert step.title is not None
        if step.title == "Profil · Jenjang jabatan":
            break
        *_, step = await answer(chat, step)
    values = {b.action.rsplit(":", 1)[1] for b in step.all_buttons}
    assert values == {"pemula", "terampil", "mahir", "penyelia", "ahli_pertama", "ahli_muda",
                      "ahli_madya", "ahli_utama"}


async def test_an_inconsistent_profile_is_sent_back_to_the_field(chat: Chat) -> None:
    await chat(press="consent")
    _, step = await chat("/profil")
    (step,) = await chat(press=action(step, ":v:pns"))
    (step,) = await chat(NIP)
    (step,) = await chat("15-02-1996")  # not the birth date in the NIP
    confirmation = await fill_until_confirmation(chat, step)
    problems, back = await chat(press="pf:save")
    assert texts.SAVE_PROBLEMS in problems.text
    assert "NIP: tanggal lahir di NIP (14-02-1996) tidak sama" in problems.text
    assert back.title == "Profil · NIP"
    assert confirmation.title == texts.CONFIRM_TITLE


async def test_editing_offers_to_keep_each_answer(chat: Chat) -> None:
    await save_rina(chat)
    intro, first = await chat("/profil")
    assert intro.text == texts.EDIT_INTRO
    keep = action(first, ":keep")
    assert any(b.label == "Tetap: PNS" for b in first.all_buttons)
    (following,) = await chat(press=keep)
    assert following.title == "Profil · NIP"


async def test_recommendations_explain_themselves_and_list_what_is_missing(
        chat: Chat, services: Services) -> None:
    await save_rina(chat)
    recommendations, missing = await chat("/rekomendasi")
    assert recommendations.title == texts.REC_TITLE
    assert recommendations.text.startswith("1. [Pelatihan] Penuhi kekurangan 12 JP")
    why = [b.action for b in recommendations.all_buttons if b.action.startswith("rec:why:")]
    assert why[0] == "rec:why:jp_kurang" and len(why) <= 8
    assert all(len(a.encode()) <= 64 for a in why)
    assert missing.title == texts.NOT_YET_TITLE
    assert "Kenaikan jenjang ke Analis SDM Aparatur Ahli Muda" in missing.text
    assert "Belum lulus uji kompetensi" in missing.text and "(syarat:" not in missing.text

    (explanation,) = await chat(press="rec:why:jp_kurang")
    assert explanation.title == "Mengapa: Penuhi kekurangan 12 JP pengembangan kompetensi " \
                                "tahun ini"
    assert "✓ Kekurangan JP tahun ini: 12 JP (syarat: lebih dari 0 JP)" in explanation.text
    assert "Dasar: PP 11/2017 jo PP 17/2020 Pasal 203 ayat (4)" in explanation.text
    (practice,) = await chat(press="rec:why:kompetensi_teknis_ringan")
    assert "bukan ketentuan peraturan" in practice.text

    (other,) = await chat(press="rec:why:jp_kurang", user=2002)  # derived from the sender
    assert other.text == texts.NO_PROFILE
    (stale,) = await chat(press="rec:why:pkp")  # a rule that does not apply to Rina
    assert stale.kind == "notice"


async def test_the_plan_comes_as_text_and_pdf(chat: Chat) -> None:
    await save_rina(chat)
    text, document = await chat("/rencana")
    assert text.title is not None and text.title.startswith("Rencana Pengembangan Karier")
    assert text.text.count("Tahun ") >= 5 and "20 JP" in text.text
    assert document.document is not None
    assert document.document.filename.endswith(".pdf")
    assert document.document.content.startswith(b"%PDF")


async def test_pppk_tugas_belajar_question_is_kept_for_hr(
        chat: Chat, services: Services) -> None:
    await chat(press="consent")
    user = await services.store.find_user("telegram", "1001")
    assert user is not None
    await services.profiles.save(user.id, {
        "status": "pppk", "tanggal_lahir": "1994-08-08", "tmt_pns": "2024-03-01",
        "instansi": "Pemerintah Kabupaten Bantul", "jenis_jabatan": "fungsional",
        "jabatan": "Guru", "jenjang": "ahli_pertama", "pendidikan": "s1",
        "predikat_kinerja": ["baik"], "jp_tahun_ini": 40})
    recommendations, *_ = await chat("/rekomendasi")
    assert "melebihi 24 JP yang difasilitasi instansi untuk PPPK" in recommendations.text
    (report,) = await chat("/pertanyaan", user=9000)
    assert "rekomendasi tugas_belajar_pppk" in report.text


async def test_my_data_is_exported_and_deleted_after_confirmation(
        chat: Chat, services: Services) -> None:
    await save_rina(chat)
    await chat("brp JP minimal diklat setahun?")
    intro, document = await chat("/datasaya")
    assert intro.text == texts.DATA_INTRO
    assert document.document is not None
    exported = json.loads(document.document.content)
    assert exported["pengguna"]["id_kanal"] == "1001"
    assert exported["profil"]["data"]["nip"] == NIP
    assert exported["pertanyaan"] and exported["pertanyaan"][0]["terjawab"]
    assert "consent.given" in {r["tindakan"] for r in exported["riwayat"]}

    (confirm,) = await chat("/hapusdata")
    assert {b.action for b in confirm.all_buttons} == {"hapus:ya", "hapus:batal"}
    (kept,) = await chat(press="hapus:batal")
    assert kept.text == texts.ERASE_KEPT
    user = await services.store.find_user("telegram", "1001")
    assert user is not None and await services.profiles.load(user.id) is not None

    await chat("/hapusdata")  # after Batal the old button no longer erases
    (erased,) = await chat(press="hapus:ya")
    assert erased.text == texts.ERASED
    assert await services.profiles.load(user.id) is None  # removed by the FK cascade
    assert await services.store.find_user("telegram", "1001") is None
    (none,) = await chat("/profilsaya")
    assert none.text == texts.NO_PROFILE
