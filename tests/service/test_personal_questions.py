"""Questions about the asker's own case are answered by the rule engine for that person."""

from __future__ import annotations

from bot.bootstrap import Services
from bot.core import texts
from bot.core.personal import load_topics
from bot.core.texts import PRIVACY_VERSION
from bot.profile.loading import load_profile
from tests.conftest import Chat
from tests.support.profiles import SAMPLES

RINA = 1001


async def consent(services: Services, telegram_id: int = RINA) -> int:
    user = await services.store.user("telegram", str(telegram_id), telegram_id)
    await services.store.give_consent(user.id, PRIVACY_VERSION)
    return user.id


async def save_rina(services: Services) -> None:
    user_id = await consent(services)
    profile = load_profile(SAMPLES / "p1_rina.yaml")
    await services.profiles.save(user_id, profile.stored())


async def test_with_a_profile_the_engine_answers_for_this_person(
        chat: Chat, services: Services) -> None:
    await save_rina(services)
    personal, general = await chat("apakah saya sudah bisa tubel S2?")
    assert personal.title == texts.PERSONAL_TITLE
    assert personal.text.startswith(texts.PERSONAL_INTRO)
    assert "Tugas belajar" in personal.text and "Dasar:" in personal.text
    assert general.footer is not None  # the general entry follows, with its legal basis


async def test_typed_facts_change_only_this_answer(chat: Chat, services: Services) -> None:
    await save_rina(services)
    stored = await services.profiles.load(1)
    (personal, *_) = await chat("umur saya 56, apakah saya masih bisa tugas belajar?")
    assert "usia 56 tahun" in personal.text
    assert "belum terpenuhi" in personal.text  # too old for tugas belajar S2
    assert await services.profiles.load(1) == stored


async def test_without_a_profile_the_general_answer_comes_with_an_offer(
        chat: Chat, services: Services) -> None:
    await consent(services)
    offer, general = await chat("kapan saya bisa naik pangkat?")
    assert general.footer is not None
    assert offer.text == texts.PERSONAL_OFFER.format(topic="kenaikan pangkat")
    assert [b.action for row in offer.buttons for b in row] == ["cmd:profil"]
    (started, *_) = await chat(press="cmd:profil")
    assert started.text and started.text != texts.STALE_ACTION


async def test_a_general_question_in_the_first_person_is_not_personal(
        chat: Chat, services: Services) -> None:
    await save_rina(services)
    replies = await chat("saya mau tanya syarat tugas belajar apa saja")
    assert all(r.title != texts.PERSONAL_TITLE for r in replies)


async def test_small_talk_is_not_a_missed_question(chat: Chat, services: Services) -> None:
    await consent(services)
    for greeting in ("selamat pagi", "halo min, selamat pagi", "makasih ya", "good morning"):
        (reply,) = await chat(greeting)
        assert reply.text in (texts.GREETING, texts.THANKS), greeting
    assert await services.store.unanswered() == []


async def test_a_decline_offers_the_topics_and_bkpsdm(chat: Chat, services: Services) -> None:
    await consent(services)
    (declined,) = await chat("cara membuat kue bolu pandan")
    data = [b.action for row in declined.buttons for b in row]
    assert "kbt:tugas_belajar" in data and data[-1] == "kbh:"
    (menu,) = await chat(press="kbt:tugas_belajar")
    assert menu.buttons and all(row[0].action.startswith("kb:belajar-") for row in menu.buttons)
    (handoff,) = await chat(press="kbh:")
    assert handoff.text == texts.HANDOFF


def test_every_rule_and_fact_named_for_personal_questions_exists(services: Services) -> None:
    topics = load_topics(services.knowledge.directory / "language" / "personal.yaml")
    rule_ids = {r.id for r in services.rules.book.rules}
    for topic in topics:
        assert set(topic.rules) <= rule_ids, topic.label
        assert set(topic.facts) <= set(services.rules.book.facts), topic.label
