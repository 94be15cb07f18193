"""Arbitrary text never breaks normalisation, search, the router or Telegram rendering."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.adapters.telegram.render import MAX_MESSAGE_CHARS, render_html
from bot.core.messages import Outgoing
from bot.kb.service import KnowledgeService
from tests.e2e.fakebot import parse_telegram_html

NASTY = st.text(
    alphabet=st.characters(codec="utf-8", categories=None, exclude_categories=("Cs",)),
    max_size=300,
) | st.sampled_from([
    "<b>tubel</b>", "&amp; &lt;", "*bold* _it_ `code` [a](b)", "\u200b\u200d\ufeff", "\x00\x1f",
    "𝓽𝓾𝓫𝓮𝓵", "ＴＵＢＥＬ", "tubel " * 2000, "🙂" * 5000, "/start@bot " * 100, "s3 s2 s1 d3",
])


@pytest.fixture(scope="module")
def search_service(knowledge: KnowledgeService) -> KnowledgeService:
    return knowledge


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=NASTY)
def test_search_never_raises_and_always_decides(search_service: KnowledgeService,
                                                text: str) -> None:
    result = search_service.search(text)
    assert result.decision in ("answer", "suggest", "decline", "empty")
    assert 0.0 <= result.score <= 1.0
    assert len(result.suggestions) <= 3


SHORT = st.text(max_size=300)  # titles and footers come from code and sources (≤ 300 chars)


@settings(max_examples=150, deadline=None)
@given(text=NASTY, title=st.none() | SHORT, footer=st.none() | SHORT)
def test_every_reply_renders_as_valid_telegram_html(text: str, title: str | None,
                                                    footer: str | None) -> None:
    parts = render_html(Outgoing(text or ".", title=title or None, footer=footer or None))
    for part in parts:
        plain, _ = parse_telegram_html(part)
        assert len(plain) <= MAX_MESSAGE_CHARS
