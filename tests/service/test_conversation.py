"""Transcripts over the real core and a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select

from bot.bootstrap import Services
from bot.core import texts
from bot.core.messages import Outgoing
from bot.storage.models import QuestionLog, User
from tests.conftest import Chat


async def stored_user(services: Services, user: int = 1001) -> User:
    found = await services.store.find_user("telegram", str(user))
    assert found is not None
    return found


async def question_rows(services: Services) -> list[QuestionLog]:
    await services.store.question_log.flush()
    async with services.store._sessions() as session:
        return list(await session.scalars(select(QuestionLog).order_by(QuestionLog.id)))


async def test_start_asks_consent_and_stores_nothing_but_the_id_before_it(
        chat: Chat, services: Services) -> None:
    welcome, privacy = await chat("/start")
    assert welcome.title == texts.WELCOME_TITLE and "20 JP" in welcome.text
    assert "UU 27/2022" in privacy.text
    assert [b.action for b in privacy.all_buttons] == ["consent"]

    user = await stored_user(services)
    assert (user.consent_version, user.consent_at, user.subscribed) == (None, None, False)

    (thanks,) = await chat(press="consent")
    assert thanks.text == texts.CONSENT_THANKS
    user = await stored_user(services)
    assert user.consent_version == texts.PRIVACY_VERSION and user.consent_at is not None
    assert user.subscribed
    assert [a.action for a in await services.store.audit_entries("consent")] == ["consent.given"]

    again = await chat("/start")
    assert len(again) == 1 and again[0].text == texts.WELCOME_BACK


async def test_question_is_answered_with_source_related_questions_and_feedback(
        chat: Chat, services: Services) -> None:
    await chat(press="consent")
    (answer,) = await chat("brp JP minimal diklat setahun?")
    assert "20 JP" in answer.text
    assert answer.footer is not None and "Pasal 203" in answer.footer
    actions = [b.action for b in answer.all_buttons]
    assert any(a.startswith("kb:") for a in actions)
    up = next(a for a in actions if a.startswith("fb:") and a.endswith(":up"))

    (refused,) = await chat(press=up, user=2002)  # someone else replaying the button
    assert refused.kind == "notice" and refused.text == texts.FEEDBACK_REFUSED
    thanks, _ = await chat(press=up)
    assert thanks.text == texts.FEEDBACK_THANKS

    (row,) = await question_rows(services)
    assert row.answered and row.entry_id == "pelatihan-hak-20-jp" and row.feedback == 1
    assert row.user_id == (await stored_user(services)).id

    related = next(a for a in actions if a.startswith("kb:"))
    (follow_up,) = await chat(press=related)
    assert follow_up.footer and follow_up.text != answer.text


async def test_questions_before_consent_are_answered_but_not_linked_to_the_user(
        chat: Chat, services: Services) -> None:
    (answer,) = await chat("apa beda tubel dan izin belajar")
    assert "izin belajar" in answer.text.casefold()
    assert not any(b.action.startswith("fb:") for b in answer.all_buttons)
    (row,) = await question_rows(services)
    assert row.user_id is None and row.answered


async def test_out_of_scope_is_declined_and_kept_for_hr(chat: Chat, services: Services) -> None:
    (first,) = await chat("cara membuat kue bolu")
    assert first.text.startswith("Maaf") and "BKPSDM" not in first.text
    (second,) = await chat("jadwal liga inggris malam ini")
    assert "BKPSDM" in second.text  # the second miss in a row points to a human
    await chat("bonus lebaran kinerja pppk", user=1002)
    await chat("bonus lebaran kinerja PPPK?", user=1003)

    (refused,) = await chat("/pertanyaan")
    assert refused.text == texts.HR_ONLY
    assert [a.action for a in await services.store.audit_entries("access")] == ["access.refused"]

    (report,) = await chat("/pertanyaan", user=9000)  # KARIERBOT_ADMIN_IDS
    first_line = report.text.splitlines()[0]
    # Only words the knowledge base uses are kept: "kue bolu" leaves nothing to show.
    assert "kinerja pppk" in first_line and "2×" in first_line
    assert "bolu" not in report.text and "liga" not in report.text


async def test_vague_question_offers_choices_and_the_choice_labels_it(
        chat: Chat, services: Services) -> None:
    await chat(press="consent")
    (offer,) = await chat("tubel")
    assert offer.text == texts.SUGGEST
    choices = [b for b in offer.all_buttons if b.action.startswith("kb:")]
    assert 2 <= len(choices) <= 3
    assert offer.all_buttons[-1].label == texts.SUGGEST_NONE

    (answer,) = await chat(press=choices[0].action)
    assert answer.footer
    (row,) = await question_rows(services)
    assert row.decision == "chosen" and row.answered
    assert row.entry_id == choices[0].action.split(":")[1]


async def test_odd_input_gets_a_polite_reply(chat: Chat) -> None:
    (unknown,) = await chat("/terbang")
    assert "/terbang" in unknown.text and "/bantuan" in unknown.text
    (sticker,) = await chat(kind="unsupported")
    assert sticker.text == texts.UNSUPPORTED
    (too_long,) = await chat("pangkat " * 500)
    assert "terlalu panjang" in too_long.text
    (empty,) = await chat("??? !!!")
    assert empty.text == texts.EMPTY_QUESTION
    (hello,) = await chat("halo min")
    assert hello.text == texts.GREETING
    (stale,) = await chat(press="kb:tidak-ada-entri-ini")
    assert stale.kind == "notice"
    (forged,) = await chat(press="x" * 64)
    assert forged.kind == "notice"


async def test_help_lists_hr_commands_only_for_hr(chat: Chat) -> None:
    (employee,) = await chat("/bantuan")
    assert "/bantuan" in employee.text and "/pertanyaan" not in employee.text
    (hr,) = await chat("/bantuan", user=9000)
    assert "/pertanyaan" in hr.text and "/muatulang" in hr.text


async def test_flooding_gets_a_polite_slow_down_not_silence(chat: Chat) -> None:
    replies = [await chat("halo") for _ in range(22)]
    assert all(r and r[0].text == texts.GREETING for r in replies[:20])
    assert replies[20] == [Outgoing(texts.SLOW_DOWN)]
    assert replies[21] == []
    (other,) = await chat("halo", user=3003)
    assert other.text == texts.GREETING


async def test_feedback_replaces_its_buttons_with_thanks(chat: Chat) -> None:
    await chat(press="consent")
    (answer,) = await chat("brp JP minimal diklat setahun?")
    up = next(b.action for b in answer.all_buttons if b.action.endswith(":up"))
    notice, keyboard = await chat(press=up)
    assert notice.kind == "notice" and keyboard.edit and keyboard.text == ""
    labels = [b.label for b in keyboard.all_buttons]
    assert labels[-1] == texts.FEEDBACK_DONE and texts.FEEDBACK_DOWN not in labels
    assert len(labels) == len(answer.all_buttons) - 1  # the related questions stay
