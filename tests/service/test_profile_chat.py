"""The profile dialogue, recommendations and privacy commands over the real core and database
(SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest

from bot.bootstrap import Services
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


def no_profile() -> str:
    return texts.NO_PROFILE.format(core=9, rest=20)


async def answer(chat: Chat, step: Outgoing, user: int = 1001) -> list[Outgoing]:
    assert step.title is not None
    how, value = RINA[step.title.removeprefix("Profil · ")]
    if how == "press" and "/" in value:  # golongan: the room, then its letter
        (letters,) = await chat(press=action(step, f":g:{value.split('/')[0]}"), user=user)
        assert letters.edit and len(letters.all_buttons) <= 6
        step = letters
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
    """Answer the core, press "Lengkapi", answer the rest: the summary of the full profile."""
    step = first
    for _ in range(40):
        *_, step = await answer(chat, step, user)
        if step.title == texts.CONFIRM_TITLE and any(b.action == "pf:more"
                                                     for b in step.all_buttons):
            assert step.text.startswith(texts.CORE_DONE)
            (step,) = await chat(press="pf:more", user=user)
        elif step.title == texts.CONFIRM_TITLE:
            return step
    raise AssertionError("the questionnaire did not end")


async def save_rina(chat: Chat, user: int = 1001) -> None:
    await chat(press="consent", user=user)
    (first,) = await chat("/profil", user=user)
    await fill_until_confirmation(chat, first, user)
    (saved,) = await chat(press="pf:save", user=user)
    assert saved.text.startswith(texts.SAVED) and saved.edit


async def test_profile_needs_consent_and_stores_nothing_before_it(
        chat: Chat, services: Services) -> None:
    notice, privacy = await chat("/profil")
    assert notice.text == texts.CONSENT_NEEDED
    assert [b.action for b in privacy.all_buttons] == ["consent"]
    user = await services.store.find_user("telegram", "1001")
    assert user is not None and await services.store.dialogue(user.id) is None
    (none,) = await chat("/rekomendasi")
    assert none.text == no_profile()


async def test_the_questionnaire_validates_cancels_resumes_and_saves(
        chat: Chat, services: Services) -> None:
    await chat(press="consent")
    (first,) = await chat("/profil")
    assert first.title == "Profil · Status kepegawaian"
    assert first.text.startswith(texts.START_INTRO.format(core=9, rest=20))
    assert {b.label for b in first.all_buttons} == {"PNS", "PPPK", "CPNS"}
    (birth,) = await chat(press=action(first, ":v:pns"))
    assert birth.title == "Profil · Tanggal lahir" and birth.edit  # the step edits itself

    (again,) = await chat("31-02-1996")  # one message: what is wrong, and the step again
    assert again.text.startswith("Tanggal lahir: '31-02-1996' bukan tanggal yang valid")
    assert again.title == birth.title and not again.edit
    (future,) = await chat("14-02-2030")
    assert future.text.startswith("Tanggal lahir: 14-02-2030 belum terjadi")

    stale = action(first, ":v:pppk")
    (refused,) = await chat(press=stale)  # a button of an earlier step
    assert refused.kind == "notice"
    (foreign,) = await chat(press="pf:2:v:x", user=2002)  # no dialogue of their own
    assert foreign.kind == "notice"

    (cancelled,) = await chat("/batal")
    assert "/profil" in cancelled.text
    (aside,) = await chat("apa itu sistem merit")  # typed text is a question again
    assert aside.footer and "Dasar" in aside.footer
    (asked,) = await chat("/profil")
    assert asked.text == texts.RESUME_ASK  # the state survived in the database
    (resumed,) = await chat(press="pf:resume")
    assert resumed.title == birth.title and resumed.edit

    (tmt,) = await chat("14 Februari 1996")
    assert tmt.title == "Profil · TMT PNS"
    (young,) = await chat("01-03-2010")
    assert "lebih awal dari usia 18 tahun" in young.text
    (instansi,) = await chat("01-03-2020")
    rest = await fill_until_confirmation(chat, instansi)
    assert "NIP: " + NIP in rest.text and "Jenjang jabatan: Ahli Pertama" in rest.text
    assert "pf:e:" in " ".join(b.action for b in rest.all_buttons)  # ✏️ per answer
    (saved,) = await chat(press="pf:save")
    assert saved.text.startswith(texts.SAVED)
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


async def test_typed_forms_are_accepted(chat: Chat) -> None:
    """ "3a", "III-a", "12 JP": what people type, read as meant."""
    await chat(press="consent")
    (step,) = await chat("/profil")
    for _ in range(10):
        assert step.title is not None
        if step.title == "Profil · Golongan ruang":
            break
        *_, step = await answer(chat, step)
    assert [b.label for b in step.all_buttons] == ["I", "II", "III", "IV"]
    (wrong,) = await chat("3z")
    assert texts.GOLONGAN_ACCEPTED in wrong.text and len(wrong.all_buttons) == 4
    (step,) = await chat("III-b")
    assert step.title == "Profil · Pendidikan terakhir"
    (summary,) = await chat("S1")
    assert "Golongan ruang: III/b" in summary.text


async def test_a_question_typed_mid_form_is_answered_and_the_step_asked_again(
        chat: Chat, services: Services) -> None:
    await chat(press="consent")
    await chat("/profil")
    (step,) = await chat(press="pf:0:v:pns")
    answer_, again = await chat("berapa JP minimal pengembangan kompetensi setahun?")
    assert answer_.footer and "Dasar" in answer_.footer
    assert again.title == step.title and again.text.startswith(texts.STEP_AGAIN)
    (following,) = await chat("14-02-1996")
    assert following.title == "Profil · TMT PNS"


async def test_the_jenjang_buttons_follow_the_jenis_jabatan(chat: Chat) -> None:
    await chat(press="consent")
    (step,) = await chat("/profil")
    for _ in range(10):
        assert step.title is not None
        if step.title == "Profil · Jenjang jabatan":
            break
        *_, step = await answer(chat, step)
    values = {b.action.rsplit(":", 1)[1] for b in step.all_buttons}
    assert values == {"pemula", "terampil", "mahir", "penyelia", "ahli_pertama", "ahli_muda",
                      "ahli_madya", "ahli_utama"}


async def test_a_nip_that_disagrees_is_caught_at_its_step_and_either_can_be_fixed(
        chat: Chat) -> None:
    await chat(press="consent")
    (step,) = await chat("/profil")
    (step,) = await chat(press=action(step, ":v:pns"))
    (step,) = await chat("15-02-1996")  # not the birth date in the NIP typed later
    for _ in range(12):
        if step.title == texts.CONFIRM_TITLE:
            (step,) = await chat(press="pf:more")
        if step.title == "Profil · NIP":
            break
        *_, step = await answer(chat, step)
    (refused,) = await chat(NIP)
    assert refused.text.startswith(
        "NIP: tanggal lahir di NIP (14-02-1996) tidak sama dengan Tanggal lahir yang diisi "
        "(15-02-1996)")
    fix = action(refused, "pf:e:1")
    assert any(b.label == "✏️ Ubah Tanggal lahir" for b in refused.all_buttons)
    (birth,) = await chat(press=fix)
    assert birth.title == "Profil · Tanggal lahir" and birth.edit
    (following,) = await chat("14-02-1996")  # and the NIP kept aside is taken now
    assert following.title == "Profil · Unit kerja"


async def test_a_problem_found_at_simpan_goes_to_the_field_and_back_to_the_summary(
        chat: Chat, services: Services) -> None:
    await save_rina(chat)
    user = await services.store.find_user("telegram", "1001")
    assert user is not None
    (summary,) = await chat("/profil")
    assert summary.title == texts.CONFIRM_TITLE and summary.text.startswith(texts.EDIT_INTRO)
    state = await services.store.dialogue(user.id)
    assert state is not None
    answers = {**state.data["answers"], "tmt_jabatan": "2099-01-01"}  # as if typed long ago
    await services.store.save_dialogue(user.id, state.name, state.step,
                                       {**state.data, "answers": answers})
    (back,) = await chat(press="pf:save")
    assert back.title == "Profil · TMT jabatan" and back.edit
    assert back.text.startswith(texts.SAVE_PROBLEMS)
    assert "TMT jabatan: 01-01-2099 belum terjadi" in back.text
    (summary,) = await chat("01-06-2022")
    assert summary.title == texts.CONFIRM_TITLE and "TMT jabatan: 01-06-2022" in summary.text
    (saved,) = await chat(press="pf:save")
    assert saved.text.startswith(texts.SAVED)


async def test_editing_changes_one_answer_from_the_summary(chat: Chat) -> None:
    await save_rina(chat)
    (summary,) = await chat("/profil")
    edit = action(summary, "pf:e:6")  # ✏️ Jenjang jabatan
    (step,) = await chat(press=edit)
    assert step.title == "Profil · Jenjang jabatan" and step.edit
    assert any(b.label == "Tetap: Ahli Pertama" for b in step.all_buttons)
    (summary,) = await chat(press=action(step, ":v:ahli_muda"))
    assert summary.title == texts.CONFIRM_TITLE and summary.edit
    assert "Jenjang jabatan: Ahli Muda" in summary.text


async def test_my_profile_shows_a_draft_in_progress(chat: Chat) -> None:
    await chat(press="consent")
    await chat("/profil")
    await chat(press="pf:0:v:pppk")
    (draft,) = await chat("/profilsaya")
    assert draft.title == texts.DRAFT_TITLE and "Status kepegawaian: PPPK" in draft.text


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
    assert other.text == no_profile()
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
    assert erased.text == texts.ERASED and erased.edit  # the question's buttons are used up
    assert await services.profiles.load(user.id) is None  # removed by the FK cascade
    assert await services.store.find_user("telegram", "1001") is None
    (none,) = await chat("/profilsaya")
    assert none.text == no_profile()
