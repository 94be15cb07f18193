"""Proves the fake Bot API against a real python-telegram-bot Application.

If these pass, PTB can poll, reply, edit, upload and register commands through ``FakeBotApi``
exactly as it would against api.telegram.org, and Telegram's error answers surface as the same
PTB exceptions the bot must handle in production.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import warnings
from collections.abc import AsyncIterator

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    RetryAfter,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.e2e.fakebot import FakeBotApi, TelegramHtmlError, parse_telegram_html

USER = 4242


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    args = " ".join(context.args or [])
    await update.effective_message.reply_text(
        f"<b>Halo</b> &amp; selamat datang {args}".strip(), parse_mode=ParseMode.HTML
    )


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and message.text is not None
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Ya", callback_data="yes")],
            [InlineKeyboardButton("Tidak", callback_data="no")],
        ]
    )
    await message.reply_text(f"Echo: {message.text}", reply_markup=keyboard)


async def _other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("Maaf, saya hanya membaca teks.")


async def _button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("Tersimpan")
    await query.edit_message_text(f"Pilihan: <i>{query.data}</i>", parse_mode=ParseMode.HTML)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        yield fake


@pytest.fixture
async def app(api: FakeBotApi) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    application = ApplicationBuilder().token(api.token).base_url(api.base_url).build()
    application.add_handler(CommandHandler("start", _start))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    application.add_handler(MessageHandler(~filters.TEXT, _other))
    application.add_handler(CallbackQueryHandler(_button))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def test_message_round_trip(api: FakeBotApi, app: Application) -> None:  # type: ignore[type-arg]
    assert app.bot.username == api.username  # getMe went through the fake

    api.send_message(USER, "halo bot", first_name="Budi")
    [reply] = await api.wait_for_messages(USER)
    assert reply.method == "sendMessage"
    assert reply.text == "Echo: halo bot"
    assert [b["text"] for b in reply.buttons] == ["Ya", "Tidak"]
    assert reply.button_data("Tidak") == "no"

    api.send_message(USER, "/start@karier_asn_test_bot NIP123")
    [welcome] = await api.wait_for_messages(USER)
    assert welcome.parse_mode == "HTML"
    assert welcome.text == "<b>Halo</b> &amp; selamat datang NIP123"
    assert welcome.plain_text == "Halo & selamat datang NIP123"
    assert welcome.message_id > reply.message_id

    api.send_sticker(USER)
    api.send_photo(USER)
    api.send_voice(USER)
    api.send_document(USER)
    others = await api.wait_for_messages(USER, count=4)
    assert {m.text for m in others} == {"Maaf, saya hanya membaca teks."}
    assert api.sent_count_by_chat[USER] == 6

    # getUpdates was called with an offset confirming what PTB already processed.
    offsets = [params.get("offset") for name, params in api.calls if name == "getUpdates"]
    assert any(isinstance(offset, int) and offset > 0 for offset in offsets)


async def test_callback_press_is_answered_and_edit_recorded(
    api: FakeBotApi,
    app: Application,  # type: ignore[type-arg]
) -> None:
    api.send_message(USER, "pilih")
    [question] = await api.wait_for_messages(USER)

    query_id = api.press_button(USER, question, question.button_data("Ya"))
    [edit] = await api.wait_for_messages(USER)
    assert edit.method == "editMessageText"
    assert edit.message_id == question.message_id
    assert edit.plain_text == "Pilihan: yes"
    assert edit.reply_markup is None  # editing text without markup removes the keyboard

    answered = await api.wait_for_call("answerCallbackQuery")
    assert answered["callback_query_id"] == query_id
    assert api.answered_callbacks == [answered]
    assert answered["text"] == "Tersimpan"

    # The keyboard is gone, so a real client could not press it again.
    with pytest.raises(ValueError, match="no button"):
        api.press_button(USER, question, "no")


async def test_set_my_commands_with_chat_scope(
    api: FakeBotApi,
    app: Application,  # type: ignore[type-arg]
) -> None:
    await app.bot.set_my_commands([BotCommand("start", "Mulai"), BotCommand("bantuan", "Bantuan")])
    await app.bot.set_my_commands(
        [BotCommand("admin", "Menu admin")], scope=BotCommandScopeChat(USER)
    )
    assert api.my_commands["default"] == [
        {"command": "start", "description": "Mulai"},
        {"command": "bantuan", "description": "Bantuan"},
    ]
    assert api.my_commands[f"chat:{USER}"] == [{"command": "admin", "description": "Menu admin"}]
    scoped = await app.bot.get_my_commands(scope=BotCommandScopeChat(USER))
    assert [c.command for c in scoped] == ["admin"]

    await app.bot.delete_my_commands(scope=BotCommandScopeChat(USER))
    assert f"chat:{USER}" not in api.my_commands

    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await app.bot.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_send_document_keeps_bytes(
    api: FakeBotApi,
    app: Application,  # type: ignore[type-arg]
) -> None:
    payload = b"nip;nama\n1990;Budi\n" * 100
    message = await app.bot.send_document(
        USER, document=payload, filename="laporan.csv", caption="<b>Laporan</b>", parse_mode="HTML"
    )
    assert message.document is not None
    assert message.document.file_name == "laporan.csv"
    assert message.document.file_size == len(payload)
    assert message.caption == "Laporan"

    [sent] = await api.wait_for_messages(USER)
    assert sent.method == "sendDocument"
    assert sent.document_name == "laporan.csv"
    assert sent.document_bytes == payload
    assert sent.text == "<b>Laporan</b>"


async def test_invalid_html_is_rejected_like_telegram(
    api: FakeBotApi,
    app: Application,  # type: ignore[type-arg]
) -> None:
    with pytest.raises(
        BadRequest, match=r"(?i)can't parse entities: unsupported start tag \"br\""
    ):
        await app.bot.send_message(USER, "baris 1<br>baris 2", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)can't find end tag corresponding to start tag b"):
        await app.bot.send_message(USER, "<b>tebal", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await app.bot.send_message(USER, "<b>x</b>" + "a" * 4096, parse_mode=ParseMode.HTML)
    assert api.messages == []

    # Exactly 4096 characters after entity parsing is fine; so are escaped entities.
    ok = await app.bot.send_message(USER, "<b>" + "a" * 4095 + "</b>&lt;", parse_mode="HTML")
    assert ok.text is not None and len(ok.text) == 4096
    assert ok.entities[0].type == "bold"

    api.validate_html(False)
    await app.bot.send_message(USER, "baris 1<br>baris 2", parse_mode=ParseMode.HTML)
    assert api.messages[-1].text == "baris 1<br>baris 2"


async def test_scripted_403_surfaces_as_forbidden(
    api: FakeBotApi,
    app: Application,  # type: ignore[type-arg]
) -> None:
    api.script_error(
        "sendMessage",
        chat_id=777,
        error_code=403,
        description="Forbidden: bot was blocked by the user",
    )
    await app.bot.send_message(USER, "pengguna lain tidak terpengaruh")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await app.bot.send_message(777, "halo")
    await app.bot.send_message(777, "halo lagi")  # times=1: the next call succeeds
    assert api.sent_count_by_chat == {USER: 1, 777: 1}


async def test_scripted_429_surfaces_as_retry_after(
    api: FakeBotApi,
    app: Application,  # type: ignore[type-arg]
) -> None:
    api.script_error(
        "sendMessage",
        error_code=429,
        description="Too Many Requests: retry after 3",
        retry_after=3,
        times=2,
    )
    for _ in range(2):
        # PTB 22 warns that RetryAfter.retry_after will become a timedelta; not our concern.
        with warnings.catch_warnings(), pytest.raises(RetryAfter) as caught:
            warnings.simplefilter("ignore")
            await app.bot.send_message(USER, "broadcast")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            retry_after = caught.value.retry_after
        seconds = (
            retry_after.total_seconds() if isinstance(retry_after, dtm.timedelta) else retry_after
        )
        assert seconds == 3
    await app.bot.send_message(USER, "broadcast")
    assert api.sent_count_by_chat[USER] == 1


async def test_get_updates_long_poll_and_offsets(api: FakeBotApi) -> None:
    async with Bot(api.token, base_url=api.base_url) as bot:
        loop = asyncio.get_running_loop()
        started = loop.time()
        assert await bot.get_updates(timeout=1) == ()
        assert loop.time() - started >= 0.9  # it really long-polled

        first = api.send_message(USER, "satu")
        second = api.send_message(USER, "dua")
        updates = await bot.get_updates(timeout=1, limit=1)
        assert [u.update_id for u in updates] == [first]
        updates = await bot.get_updates(offset=first + 1, timeout=1)
        assert [u.update_id for u in updates] == [second]
        assert updates[0].message is not None and updates[0].message.text == "dua"
        assert await bot.get_updates(offset=second + 1, timeout=0) == ()

        # An update arriving mid-poll is returned immediately.
        poll = asyncio.create_task(bot.get_updates(offset=second + 1, timeout=5))
        await asyncio.sleep(0.1)
        third = api.send_message(USER, "tiga")
        updates = await asyncio.wait_for(poll, 2)
        assert [u.update_id for u in updates] == [third]

        # A second bot instance polling the same token terminates the first one's poll with
        # 409 Conflict, as on Telegram. (One Bot has a single getUpdates connection, so the
        # second instance is needed to have two polls in flight.)
        older = asyncio.create_task(bot.get_updates(offset=third + 1, timeout=5))
        await asyncio.sleep(0.1)
        async with Bot(api.token, base_url=api.base_url) as second_instance:
            assert await second_instance.get_updates(offset=third + 1, timeout=0) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(older, 2)


async def test_tokens_and_unknown_methods(api: FakeBotApi) -> None:
    async with Bot(api.token, base_url=api.base_url) as bot:
        # 404 for an unknown method; PTB's do_api_request reports it as EndPointNotFound.
        with pytest.raises(EndPointNotFound, match="sendPigeon"):
            await bot.do_api_request("sendPigeon", api_kwargs={"chat_id": USER})
    assert api.calls[-1] == ("sendPigeon", {"chat_id": USER})
    with pytest.raises(InvalidToken, match="rejected by the server"):
        async with Bot("123456:WRONG", base_url=api.base_url):
            pass


async def test_wait_for_messages_reports_what_arrived(api: FakeBotApi) -> None:
    async with Bot(api.token, base_url=api.base_url) as bot:
        await bot.send_message(USER, "hanya satu")
    with pytest.raises(AssertionError, match="got 1:\n  sendMessage: 'hanya satu'"):
        await api.wait_for_messages(USER, count=2, timeout=0.2)


async def test_edit_errors_match_telegram(api: FakeBotApi) -> None:
    async with Bot(api.token, base_url=api.base_url) as bot:
        sent = await bot.send_message(USER, "sama")
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text("sama", chat_id=USER, message_id=sent.message_id)
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("baru", chat_id=USER, message_id=999)
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_callback_query("123")
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
        edited = await bot.edit_message_reply_markup(
            chat_id=USER, message_id=sent.message_id, reply_markup=markup
        )
        assert not isinstance(edited, bool) and edited.reply_markup == markup
    assert [m.method for m in api.messages] == ["sendMessage", "editMessageReplyMarkup"]


@pytest.mark.parametrize(
    ("html", "plain", "entities"),
    [
        ("a &lt; b &amp;&amp; c &gt; d &quot;x&quot;", 'a < b && c > d "x"', []),
        ("AT&T &copy; &#65;&#x42;", "AT&T &copy; AB", []),
        ("🏟 <b>tebal</b>", "🏟 tebal", [{"type": "bold", "offset": 3, "length": 5}]),
        (
            '<a href="https://example.com/?a=1&amp;b=2">tautan</a>',
            "tautan",
            [
                {
                    "type": "text_link",
                    "offset": 0,
                    "length": 6,
                    "url": "https://example.com/?a=1&b=2",
                }
            ],
        ),
        (
            '<pre><code class="language-python">x = 1</code></pre>',
            "x = 1",
            [{"type": "pre", "offset": 0, "length": 5, "language": "python"}],
        ),
        (
            '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>',
            "st",
            [
                {"type": "spoiler", "offset": 0, "length": 1},
                {"type": "spoiler", "offset": 1, "length": 1},
            ],
        ),
        (
            "<blockquote expandable>q</blockquote>",
            "q",
            [{"type": "expandable_blockquote", "offset": 0, "length": 1}],
        ),
        ("<B>x</>", "x", [{"type": "bold", "offset": 0, "length": 1}]),
    ],
)
def test_html_parser_accepts(html: str, plain: str, entities: list[dict[str, object]]) -> None:
    assert parse_telegram_html(html) == (plain, entities)


@pytest.mark.parametrize(
    ("html", "error"),
    [
        # Cases and wording from tdlib's own test suite (test/message_entities.cpp).
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        ("🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        (
            "🏟 🏟&lt;<i    aba>",
            'Expected equal sign in declaration of an attribute of the tag "i" at byte offset 13',
        ),
        ("🏟 🏟&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        ('🏟 🏟&lt;<i    aba  =  "&lt;&gt;&quot;>', "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"),
        ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        (
            "🏟 🏟&lt;<i>a</em   >",
            'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"',
        ),
        ("&#xDFDF;", "Text contains invalid Unicode characters"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<p>paragraf</p>", 'Unsupported start tag "p" at byte offset 0'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
    ],
)
def test_html_parser_rejects(html: str, error: str) -> None:
    with pytest.raises(TelegramHtmlError) as caught:
        parse_telegram_html(html)
    assert str(caught.value).startswith(error)
