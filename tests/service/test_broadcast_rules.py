"""Who may steer a broadcast, and /siaran with its text on the next line."""

from __future__ import annotations

from bot.bootstrap import Services
from bot.broadcast import texts
from bot.broadcast.audience import Audience
from tests.conftest import Chat

ADMIN, AUTHOR, OTHER_HR = 9000, 3001, 3002


async def test_only_the_author_or_an_admin_steers_a_broadcast_and_refusals_are_audited(
        chat: Chat, services: Services) -> None:
    for user in (AUTHOR, OTHER_HR):
        await chat("/start", user=user)
        await chat(f"/peran {user} hr", user=ADMIN)
    author = await services.store.find_user("telegram", str(AUTHOR))
    assert author is not None
    broadcast = await services.broadcasts.create("Halo.", Audience(), created_by=author.id)

    (refused,) = await chat(press=f"sr:stop:{broadcast.id}", user=OTHER_HR)
    assert refused.text == texts.NOT_YOURS.format(id=broadcast.id)
    unchanged = await services.broadcasts.store.get(broadcast.id)
    assert unchanged is not None and unchanged.status != "cancelled"
    refusals = await services.store.audit_entries("access.refused")
    assert refusals[-1].detail == {"attempt": "broadcast.cancelled", "broadcast_id": broadcast.id}

    (tried,) = await chat(press=f"sr:pause:{broadcast.id}", user=AUTHOR)  # allowed to try
    assert tried.text != texts.NOT_YOURS.format(id=broadcast.id)
    (cancelled,) = await chat(press=f"sr:stop:{broadcast.id}", user=ADMIN)
    assert cancelled.text == texts.CANCELLED.format(id=broadcast.id)


async def test_siaran_with_its_text_on_the_next_line_is_a_draft(
        chat: Chat, services: Services) -> None:
    await chat("/start", user=ADMIN)
    (screen,) = await chat("/siaran\nPendaftaran PKA dibuka sampai 30 November.", user=ADMIN)
    assert screen.title == texts.AUDIENCE_TITLE, screen.text
    admin = await services.store.find_user("telegram", str(ADMIN))
    assert admin is not None
    state = await services.store.dialogue(admin.id)
    assert state is not None and state.data["text"].startswith("Pendaftaran PKA")
