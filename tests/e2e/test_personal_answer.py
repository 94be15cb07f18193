"""A personal eligibility question through the real bot process and the fake Bot API: with a
profile the employee gets the rule engine's answer for herself, then the general entry."""

from __future__ import annotations

from pathlib import Path

from bot.bootstrap import close_services, open_services
from bot.config import Settings
from bot.core import texts
from bot.profile.loading import load_profile
from tests.e2e.test_bot_process import EMPLOYEE, RunningBot
from tests.e2e.test_bot_process import bot as bot  # the running-bot fixture
from tests.support.profiles import SAMPLES


async def test_a_personal_question_gets_the_persons_own_answer(bot: RunningBot,
                                                               tmp_path: Path) -> None:
    api = bot.api
    api.send_message(EMPLOYEE, "/start")
    _, privacy = await api.wait_for_messages(EMPLOYEE, 2)
    api.press_button(EMPLOYEE, privacy, privacy.button_data(texts.CONSENT_BUTTON))
    await api.wait_for_messages(EMPLOYEE)

    api.send_message(EMPLOYEE, "apakah saya sudah bisa tubel S2?")
    offer, _ = await api.wait_for_messages(EMPLOYEE, 2)
    assert offer.plain_text is not None and "Isi profil" in offer.plain_text
    assert offer.button_data(texts.PERSONAL_OFFER_BUTTON) == "cmd:profil"

    # Her profile (sample P1, an Analis SDM Aparatur Ahli Pertama) is saved as /profil saves it.
    services = await open_services(Settings(database_url=f"sqlite:///{tmp_path / 'e2e.db'}",
                                            data_dir=tmp_path, telegram_bot_token=None))
    try:
        user = await services.store.user("telegram", str(EMPLOYEE), EMPLOYEE)
        await services.profiles.save(user.id, load_profile(SAMPLES / "p1_rina.yaml").stored())
    finally:
        await close_services(services)

    api.send_message(EMPLOYEE, "umur saya 41, apakah saya sudah bisa tubel S2?")
    personal, general = await api.wait_for_messages(EMPLOYEE, 2)
    assert personal.plain_text is not None
    assert texts.PERSONAL_TITLE in personal.plain_text
    assert "usia 41 tahun" in personal.plain_text  # the typed fact, used for this answer only
    assert "Tugas belajar S2" in personal.plain_text and "belum terpenuhi" in personal.plain_text
    assert "37 tahun" in personal.plain_text and "Dasar:" in personal.plain_text
    assert general.plain_text is not None and "Dasar:" in general.plain_text
