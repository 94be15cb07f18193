"""Telegram rendering escapes every piece of text and respects the length limit."""

from __future__ import annotations

from bot.adapters.telegram.render import MAX_MESSAGE_CHARS, keyboard, render_html
from bot.core.messages import Button, Outgoing
from tests.e2e.fakebot import parse_telegram_html


def test_user_and_content_text_is_escaped() -> None:
    (html,) = render_html(Outgoing("a < b & <script>", title="<b>T", footer="Dasar: x > y"))
    assert html == ("<b>&lt;b&gt;T</b>\n\na &lt; b &amp; &lt;script&gt;\n\n"
                    "<i>Dasar: x &gt; y</i>")
    parse_telegram_html(html)


def test_long_text_is_split_into_valid_messages() -> None:
    text = "\n\n".join(f"Paragraf {i} " + "<&>" * 300 for i in range(20))
    parts = render_html(Outgoing(text, title="Judul", footer="Sumber"))
    assert len(parts) > 1
    for part in parts:
        plain, _ = parse_telegram_html(part)
        assert len(plain) <= MAX_MESSAGE_CHARS
    assert parts[0].startswith("<b>Judul</b>") and parts[-1].endswith("<i>Sumber</i>")


def test_buttons_become_an_inline_keyboard() -> None:
    markup = keyboard(Outgoing("x", buttons=((Button("Ya", "consent"),),)))
    assert markup is not None
    assert markup.inline_keyboard[0][0].callback_data == "consent"
    assert keyboard(Outgoing("x")) is None
