"""Whatever a user types or presses, the core answers without raising, and every reply renders
as valid Telegram HTML within the length limit; forged button data is refused politely."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.adapters.telegram.render import MAX_MESSAGE_CHARS, render_html
from bot.bootstrap import Services
from bot.core.messages import Incoming, Outgoing
from tests.e2e.fakebot import parse_telegram_html

TEXT = st.text(max_size=600) | st.sampled_from([
    "/start", "/bantuan", "/profil", "/batal", "/rekomendasi", "/rencana", "/siaran",
    "/pertanyaan", "/laporan", "/peran 1 admin", "/hapusdata", "/datasaya", "<b>x</b>",
    "\u200b", "/" + "a" * 300, "tubel " * 200,
])
ACTION = st.text(max_size=64) | st.sampled_from([
    "consent", "kb:", "kb:../../etc", "kb:belajar-tubel-pengertian:999999", "kbx:1", "fb:1:up",
    "fb:x:y", "rec:why:" + "x" * 50, "hapus:ya", "pf:save", "br:send:1", "sr:ok", ":", "",
])


def assert_renders(replies: list[Outgoing]) -> None:
    for reply in replies:
        if reply.document is not None:
            continue
        for part in render_html(reply):
            plain, _ = parse_telegram_html(part)
            assert len(plain) <= MAX_MESSAGE_CHARS


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, action=ACTION, user=st.integers(1, 10**12))
async def test_any_input_gets_a_renderable_reply(services: Services, text: str,
                                                 action: str, user: int) -> None:
    typed = await services.assistant.handle(Incoming("telegram", str(user), user, text=text))
    assert typed, "every message gets an answer"  # a fresh user is never flood-limited
    assert_renders(typed)
    pressed = await services.assistant.handle(
        Incoming("telegram", str(user), user, action=action, kind="action"))
    assert_renders(pressed)
