"""/siaran and friends as transcripts over the real core (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from bot.bootstrap import Services
from bot.broadcast import texts
from bot.broadcast.audience import Audience
from bot.broadcast.progress import WIB
from bot.core import texts as core_texts
from bot.core.messages import Incoming, Outgoing
from bot.storage.broadcasts import as_utc
from bot.storage.models import Broadcast, Delivery, Profile, User
from tests.conftest import Chat

HR = 9000  # an admin in the test settings


async def subscriber(chat: Chat, services: Services, user: int,
                     profile: dict[str, Any] | None = None) -> None:
    """A user who started the bot and consented, optionally with a profile."""
    await chat("/start", user=user)
    await chat(press="consent", user=user)
    if profile is not None:
        found = await services.store.find_user("telegram", str(user))
        assert found is not None
        async with services.store._sessions.begin() as session:
            session.add(Profile(user_id=found.id, data=profile))


async def broadcasts(services: Services) -> list[Broadcast]:
    async with services.store._sessions() as session:
        return list(await session.scalars(select(Broadcast).order_by(Broadcast.id)))


async def delivery_chats(services: Services, broadcast_id: int) -> dict[int, str]:
    async with services.store._sessions() as session:
        rows = await session.execute(
            select(Delivery.chat_id, Delivery.status).where(Delivery.broadcast_id == broadcast_id))
        return {chat_id: status for chat_id, status in rows}


def action(reply: Outgoing, label: str) -> str:
    return next(b.action for b in reply.all_buttons if b.label == label)


async def draft(chat: Chat, text: str = "Pendaftaran PKA dibuka sampai 30 November.") -> Outgoing:
    await chat("/siaran", user=HR)
    (screen,) = await chat(text, user=HR)
    return screen


async def test_employees_cannot_broadcast_and_every_attempt_is_audited(
        chat: Chat, services: Services) -> None:
    (refused,) = await chat("/siaran")
    assert refused.text == core_texts.HR_ONLY
    for press in ("sr:go", "sr:pause:1", "sr:f:instansi"):
        (refused,) = await chat(press=press)
        assert refused.text == core_texts.HR_ONLY
    entries = await services.store.audit_entries("access.refused")
    assert [e.detail for e in entries] == [
        {"command": "siaran"}, {"attempt": "sr:go"}, {"attempt": "sr:pause"},
        {"attempt": "sr:f"}]
    assert await broadcasts(services) == []


async def test_a_demoted_officer_cannot_finish_a_draft(chat: Chat, services: Services) -> None:
    await services.store.set_role("telegram", "1001", "hr")
    await chat("/siaran")
    await services.store.set_role("telegram", "1001", "employee")
    (refused,) = await chat("Pengumuman yang tidak boleh terkirim")
    assert refused.text == core_texts.HR_ONLY
    officer = await services.store.find_user("telegram", "1001")
    assert officer is not None and await services.store.dialogue(officer.id) is None


async def test_hr_targets_by_profile_previews_and_sends_once(
        chat: Chat, services: Services) -> None:
    await subscriber(chat, services, 2001, {"instansi": "Kementerian A", "golongan": "III/b"})
    await subscriber(chat, services, 2002, {"instansi": "kementerian  a", "golongan": "IV/a"})
    await subscriber(chat, services, 2003, {"instansi": "Kementerian B", "golongan": "III/c"})
    await subscriber(chat, services, 2004)  # no profile: only in "all subscribers"
    await subscriber(chat, services, 2005, {"instansi": "Kementerian A"})
    await chat("/berhenti", user=2005)  # opted out
    await chat("/start", user=2006)  # never consented

    screen = await draft(chat)
    assert "Jumlah: 4" in screen.text and texts.EVERYONE in screen.text
    (values,) = await chat(press=action(screen, texts.BUTTON_FIELDS["instansi"]), user=HR)
    assert [b.label for b in values.all_buttons][:2] == ["Kementerian A", "Kementerian B"]
    (screen,) = await chat(press=action(values, "Kementerian A"), user=HR)
    assert "Jumlah: 2" in screen.text and "instansi: Kementerian A" in screen.text

    (preview,) = await chat(press=action(screen, texts.BUTTON_PREVIEW), user=HR)
    assert "Jumlah penerima: 2" in preview.text
    assert "Pendaftaran PKA dibuka" in preview.text and texts.ANNOUNCEMENT_TITLE in preview.text
    assert "kecepatan 25 pesan/detik" in preview.text
    (started,) = await chat(press=action(preview, texts.BUTTON_SEND), user=HR)
    assert started.text.startswith("Siaran #1 dimulai untuk 2 penerima")

    (again,) = await chat(press="sr:go", user=HR)  # a double tap creates nothing
    assert again.kind == "notice" and again.text == texts.NO_DRAFT
    (broadcast,) = await broadcasts(services)
    assert broadcast.total == 2 and broadcast.audience == {"instansi": "Kementerian A"}
    assert broadcast.progress_chat_id == HR and broadcast.status == "queued"
    assert await delivery_chats(services, broadcast.id) == {2001: "pending", 2002: "pending"}
    (created,) = await services.store.audit_entries("broadcast.created")
    assert created.detail["count"] == 2 and len(created.detail["content_hash"]) == 64
    assert created.actor_id is not None


async def test_golongan_range_and_an_audience_nobody_matches(
        chat: Chat, services: Services) -> None:
    await subscriber(chat, services, 2001, {"golongan": "III/a"})
    await subscriber(chat, services, 2002, {"golongan": "III/d"})
    await subscriber(chat, services, 2003, {"golongan": "IV/a"})
    screen = await draft(chat)
    (ask,) = await chat(press=action(screen, texts.BUTTON_FIELDS["golongan"]), user=HR)
    assert ask.text == texts.ASK_GOLONGAN
    (bad,) = await chat("V/a", user=HR)
    assert bad.text == texts.BAD_GOLONGAN
    (screen,) = await chat("iii/d-III/a", user=HR)
    assert "golongan: III/a-III/d" in screen.text and "Jumlah: 2" in screen.text

    await chat(press=action(screen, texts.BUTTON_FIELDS["golongan"]), user=HR)
    (screen,) = await chat("I/a-II/d", user=HR)
    (nobody,) = await chat(press="sr:pv", user=HR)
    assert nobody.text == texts.NOBODY
    assert "sr:go" not in [b.action for b in nobody.all_buttons]


async def test_schedule_for_later_then_cancel(chat: Chat, services: Services) -> None:
    await subscriber(chat, services, 2001)
    screen = await draft(chat)
    (preview,) = await chat(press=action(screen, texts.BUTTON_PREVIEW), user=HR)
    (ask,) = await chat(press=action(preview, texts.BUTTON_SCHEDULE), user=HR)
    tomorrow = dt.datetime.now(WIB).date() + dt.timedelta(days=1)
    assert f"{tomorrow:%d-%m-%Y} 08:00" in ask.text  # the example is never a past date
    (bad,) = await chat("besok pagi", user=HR)
    assert bad.text.startswith("Waktu tidak dikenali")
    (past,) = await chat("01-01-2020 08:00", user=HR)
    assert past.text == texts.PAST_TIME
    (scheduled,) = await chat("01-01-2030 08.00", user=HR)
    assert scheduled.text == "Siaran #1 dijadwalkan 01-01-2030 08:00 WIB untuk 1 penerima."
    (broadcast,) = await broadcasts(services)
    assert as_utc(broadcast.send_at) == dt.datetime(2030, 1, 1, 1, 0, tzinfo=dt.UTC)

    (refused,) = await chat(press="sr:stop:1")  # an employee replaying HR's button
    assert refused.text == core_texts.HR_ONLY
    (stopped,) = await chat(press="sr:stop:1", user=HR)
    assert stopped.kind == "notice" and stopped.text == texts.CANCELLED.format(id=1)
    (again,) = await chat(press="sr:resume:1", user=HR)
    assert "dihentikan" in again.text
    assert await delivery_chats(services, 1) == {2001: "cancelled"}
    actions = [e.action for e in await services.store.audit_entries("broadcast")]
    assert actions == ["broadcast.created", "broadcast.cancelled"]


async def test_an_announcement_with_a_document(chat: Chat, services: Services) -> None:
    await subscriber(chat, services, 2001)
    document = Incoming("telegram", str(HR), HR, text="Surat edaran terlampir.",
                        kind="unsupported", attachment="BQACAgIAAx-file")
    (outside,) = await services.assistant.handle(document)
    assert outside.text == core_texts.UNSUPPORTED  # no dialogue takes it

    await chat("/siaran", user=HR)
    (screen,) = await services.assistant.handle(document)
    assert screen.title == texts.AUDIENCE_TITLE
    (preview,) = await chat(press="sr:pv", user=HR)
    assert "Lampiran: 1 dokumen" in preview.text
    await chat(press="sr:go", user=HR)
    (broadcast,) = await broadcasts(services)
    assert (broadcast.text, broadcast.attachment) == ("Surat edaran terlampir.", "BQACAgIAAx-file")

    await chat("/siaran", user=HR)
    (too_long,) = await services.assistant.handle(
        Incoming("telegram", str(HR), HR, text="x" * 900, kind="unsupported", attachment="f"))
    assert "900 karakter" in too_long.text


async def test_opting_out_and_back_in(chat: Chat, services: Services) -> None:
    (consent_first, notice) = await chat("/langganan")
    assert consent_first.text == texts.CONSENT_FIRST and notice.all_buttons
    await chat(press="consent")
    (already,) = await chat("/langganan")
    assert already.text == texts.ALREADY_SUBSCRIBED
    (bye,) = await chat("/berhenti")
    assert bye.text == texts.UNSUBSCRIBED
    (again,) = await chat("/berhenti")
    assert again.text == texts.ALREADY_UNSUBSCRIBED
    assert len(await services.broadcasts.store.recipients(Audience())) == 0
    (back,) = await chat("/langganan")
    assert back.text == texts.SUBSCRIBED
    assert [r.chat_id for r in await services.broadcasts.store.recipients(Audience())] == [1001]


async def test_latest_announcements_show_what_reached_the_user(
        chat: Chat, services: Services) -> None:
    (none,) = await chat("/pengumuman")
    assert none.text == texts.NO_ANNOUNCEMENTS
    await subscriber(chat, services, 1001, {"instansi": "A"})
    store = services.broadcasts
    general = await store.create("Untuk semua pegawai.", Audience(), created_by=None)
    other = await store.create("Hanya instansi B.", Audience().with_filter("instansi", "B"),
                               created_by=None)
    await store.store.start_due(dt.datetime.now(dt.UTC))
    (latest,) = await chat("/pengumuman")
    assert f"#{general.id}" in latest.text and "Untuk semua pegawai." in latest.text
    assert f"#{other.id}" not in latest.text


async def test_admins_manage_roles_in_the_chat(chat: Chat, services: Services) -> None:
    (listing,) = await chat("/peran", user=HR)
    assert "9000 — admin" in listing.text and "/peran ID_TELEGRAM" in listing.text
    (done,) = await chat("/peran 1001 hr", user=HR)
    assert done.text == texts.ROLE_SET.format(external_id="1001", role="hr")
    user = await services.store.find_user("telegram", "1001")
    assert user is not None and user.role == "hr"
    (refused,) = await chat("/peran 2002 admin")  # HR, but not admin
    assert refused.text == texts.ADMIN_ONLY
    (bad_form,) = await chat("/peran Andi jadi hr dong", user=HR)
    assert bad_form.text.startswith(texts.ROLE_BAD_FORM) and texts.ROLES_USAGE in bad_form.text
    (self_change,) = await chat("/peran 9000 employee", user=HR)
    assert self_change.text == texts.ROLE_SELF
    roles = [e.detail for e in await services.store.audit_entries("role.set")]
    assert {"user_id": user.id, "role": "hr"} in roles
    assert [e.detail for e in await services.store.audit_entries("access.refused")] == [
        {"command": "peran"}]


async def test_forgetting_a_user_removes_their_deliveries(
        chat: Chat, services: Services) -> None:
    await subscriber(chat, services, 2001)
    await subscriber(chat, services, 2002)
    broadcast = await services.broadcasts.create("Halo.", Audience(), created_by=None)
    leaving = await services.store.find_user("telegram", "2001")
    assert leaving is not None
    await services.store.forget_user(leaving.id)
    assert await delivery_chats(services, broadcast.id) == {2002: "pending"}
    async with services.store._sessions() as session:
        assert await session.scalar(select(User).where(User.id == leaving.id)) is None
