"""A small fake Telegram Bot API server for end-to-end tests.

The real bot process (or a PTB ``Application`` built in the test process) is pointed at this
server through ``ApplicationBuilder().base_url(api.base_url)``; every request then arrives as
``POST /bot<TOKEN>/<method>`` exactly as python-telegram-bot (PTB) sends it to Telegram:

* PTB's ``HTTPXRequest`` passes ``RequestData.json_parameters`` as httpx ``data=`` and the
  uploads as ``files=``. Without uploads the body is ``application/x-www-form-urlencoded``, with
  uploads it is ``multipart/form-data``.
* Every value is a string: plain strings are sent as-is, everything else (ints, bools, lists,
  dicts such as ``reply_markup`` or ``scope``) is ``json.dumps``-ed. The server therefore decodes
  each value as JSON unless the parameter is a known free-text field (``text``, ``caption``...).
* PTB turns non-2xx answers into exceptions from the HTTP status and the JSON body
  (``_baserequest.py``): 400 -> ``BadRequest``, 403 -> ``Forbidden``, 401/404 -> ``InvalidToken``,
  409 -> ``Conflict``, and any ``parameters.retry_after`` -> ``RetryAfter``. The error bodies
  below mirror Telegram's so the bot sees the same exceptions it would in production.

Incoming traffic (user messages, button presses) is queued as updates and handed out through
``getUpdates`` long polling, honouring ``offset`` confirmation the way Telegram does, so the
bot's ``Updater`` runs unmodified.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import copy
import itertools
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiohttp import web

JSONDict = dict[str, Any]

# Telegram's limits, measured on the text *after* entity parsing.
MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF")

# Parameters that are free text. PTB sends them verbatim, so they must never be JSON-decoded
# (a message text of "123" or "[1]" is still a string).
_RAW_STRING_PARAMS = frozenset(
    [
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "action",
        "language_code",
        "secret_token",
        "ip_address",
        "business_connection_id",
        "message_effect_id",
        "description",
        "short_description",
        "name",
        "title",
        "emoji",
        "document",
        "photo",
        "thumbnail",
    ]
)

_CHAT_ACTIONS = frozenset(
    [
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    ]
)

# An inline keyboard button must do something; one with only a text is rejected.
_BUTTON_ACTIONS = frozenset(
    [
        "callback_data",
        "url",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    ]
)

_PLAIN_SCOPES = frozenset(
    ("default", "all_private_chats", "all_group_chats", "all_chat_administrators")
)
_BOT_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_/<>])")
_COMMAND_NAME_RE = re.compile(r"^[a-z0-9_]{1,32}$")

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


# --------------------------------------------------------------------------------------------
# Telegram HTML parsing
# --------------------------------------------------------------------------------------------


class TelegramHtmlError(ValueError):
    """Raised for text Telegram would reject; ``str(exc)`` is Telegram's own wording."""


# The tags tdlib's parse_html accepts (td/telegram/MessageEntity.cpp). tg-emoji is accepted
# there too (custom emoji), so it is accepted here to avoid false rejections.
_HTML_TAGS = frozenset(
    [
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    ]
)
_SIMPLE_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
# tdlib's is_space() treats NUL as a space; reading past the end yields NUL like a C string.
_SPACE = frozenset(b" \t\r\n\x00\x0b")
_LT, _GT, _AMP, _SLASH, _EQ, _SEMI, _HASH = b"<>&/=;#"


def _is_alpha(c: int) -> bool:
    return 65 <= c <= 90 or 97 <= c <= 122


def _is_digit(c: int) -> bool:
    return 48 <= c <= 57


def _decode_html_entity(data: bytes, pos: int) -> tuple[int, int]:
    """Port of tdlib's decode_html_entity: returns (code point or 0, position after it).

    Only &lt; &gt; &amp; &quot; and numeric references are decoded (the ';' is optional);
    anything else is left in the text literally, which is why a bare '&' is accepted.
    """

    def at(i: int) -> int:
        return data[i] if i < len(data) else 0

    end = pos + 1
    code = 0
    if at(pos + 1) == _HASH:
        end += 1
        if at(pos + 2) == ord("x"):
            end += 1
            while chr(at(end)) in "0123456789abcdefABCDEF" and at(end):
                code = code * 16 + int(chr(at(end)), 16)
                end += 1
        else:
            while _is_digit(at(end)):
                code = code * 10 + at(end) - 48
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while _is_alpha(at(end)):
            end += 1
        name = data[pos + 1 : end]
        named = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}.get(name)
        if named is None:
            return 0, pos
        code = ord(named)
    if at(end) == _SEMI:
        end += 1
    return code, end


@dataclass
class _OpenTag:
    name: str
    argument: str
    utf16_offset: int
    text_offset: int


def parse_telegram_html(text: str) -> tuple[str, list[JSONDict]]:
    """Parse ``text`` the way Telegram does for ``parse_mode=HTML``.

    A faithful port of tdlib's ``parse_html`` (the code behind the Bot API server), including its
    error messages and UTF-8 byte offsets, so a bot that passes here passes on Telegram and a bot
    that fails here gets the same ``can't parse entities`` description. Returns the plain text
    and Bot-API-shaped entities (offsets/lengths in UTF-16 code units).
    """
    data = text.encode("utf-8")
    size = len(data)

    def at(i: int) -> int:
        return data[i] if i < size else 0

    out: list[str] = []
    utf16 = 0
    entities: list[JSONDict] = []
    stack: list[_OpenTag] = []
    i = 0
    while i < size:
        c = data[i]
        if c == _AMP:
            code, new_i = _decode_html_entity(data, i)
            if code:
                if 0xD800 <= code <= 0xDFFF:
                    raise TelegramHtmlError(
                        "Text contains invalid Unicode characters after decoding HTML entities, "
                        "check for unmatched surrogate code units"
                    )
                out.append(chr(code))
                utf16 += 2 if code > 0xFFFF else 1
                i = new_i
                continue
        if c != _LT:
            # Copy one whole UTF-8 character.
            j = i + 1
            while j < size and data[j] & 0xC0 == 0x80:
                j += 1
            out.append(data[i:j].decode("utf-8"))
            utf16 += 2 if c >= 0xF0 else 1
            i = j
            continue

        begin = i
        i += 1
        if at(i) != _SLASH:
            while at(i) not in _SPACE and at(i) != _GT:
                i += 1
            if at(i) == 0:
                raise TelegramHtmlError(f"Unclosed start tag at byte offset {begin}")
            tag = data[begin + 1 : i].decode("utf-8", "replace").lower()
            if tag not in _HTML_TAGS:
                raise TelegramHtmlError(f'Unsupported start tag "{tag}" at byte offset {begin}')
            argument = ""
            while at(i) != _GT:
                while at(i) != 0 and at(i) in _SPACE:
                    i += 1
                if at(i) == _GT:
                    break
                attr_begin = i
                while at(i) not in _SPACE and at(i) not in (_EQ, _GT):
                    i += 1
                attr_name = data[attr_begin:i].decode("utf-8", "replace")
                if not attr_name:
                    raise TelegramHtmlError(
                        f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                    )
                while at(i) != 0 and at(i) in _SPACE:
                    i += 1
                if at(i) != _EQ:
                    if tag == "blockquote" and attr_name == "expandable":
                        argument = "1"  # <blockquote expandable> (Bot API 7.4)
                        continue
                    raise TelegramHtmlError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {begin}'
                    )
                i += 1
                while at(i) != 0 and at(i) in _SPACE:
                    i += 1
                if at(i) == 0:
                    raise TelegramHtmlError(f'Unclosed start tag "{tag}" at byte offset {begin}')
                if at(i) not in b"'\"":
                    token_begin = i
                    while _is_alpha(at(i)) or _is_digit(at(i)) or at(i) in b".-":
                        i += 1
                    value = data[token_begin:i].decode("ascii").lower()
                    if at(i) not in _SPACE and at(i) != _GT:
                        raise TelegramHtmlError(
                            f"Unexpected end of name token at byte offset {token_begin}"
                        )
                else:
                    quote = at(i)
                    i += 1
                    raw = bytearray()
                    while at(i) != quote and at(i) != 0:
                        if at(i) == _AMP:
                            code, new_i = _decode_html_entity(data, i)
                            if code:
                                raw += chr(code).encode("utf-8", "surrogatepass")
                                i = new_i
                                continue
                        raw.append(at(i))
                        i += 1
                    if at(i) == quote:
                        i += 1
                    value = raw.decode("utf-8", "replace")
                if at(i) == 0:
                    raise TelegramHtmlError(f"Unclosed start tag at byte offset {begin}")
                if tag == "a" and attr_name == "href":
                    argument = value
                elif tag == "code" and attr_name == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and attr_name == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
                elif tag == "tg-emoji" and attr_name == "emoji-id":
                    argument = value
                elif tag == "blockquote" and attr_name == "expandable":
                    argument = "1"
            if tag == "span" and argument != "spoiler":
                raise TelegramHtmlError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {begin}'
                )
            stack.append(_OpenTag(tag, argument, utf16, len(out)))
            i += 1  # skip '>'
            continue

        # An end tag.
        if not stack:
            raise TelegramHtmlError(f"Unexpected end tag at byte offset {begin}")
        while at(i) not in _SPACE and at(i) != _GT:
            i += 1
        end_tag = data[begin + 2 : i].decode("utf-8", "replace").lower()
        while at(i) in _SPACE and at(i) != 0:
            i += 1
        if at(i) != _GT:
            raise TelegramHtmlError(f"Unclosed end tag at byte offset {begin}")
        i += 1  # skip '>'
        opened = stack.pop()
        if end_tag and end_tag != opened.name:
            raise TelegramHtmlError(
                f'Unmatched end tag at byte offset {begin}, expected "</{opened.name}>", '
                f'found "</{end_tag}>"'
            )
        length = utf16 - opened.utf16_offset
        if length > 0:
            _close_entity(opened, length, "".join(out[opened.text_offset :]), entities)
    if stack:
        raise TelegramHtmlError(f"Can't find end tag corresponding to start tag {stack[-1].name}")
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)  # a language only survives on pre entities
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _close_entity(opened: _OpenTag, length: int, content: str, entities: list[JSONDict]) -> None:
    """Append the Bot API entity for a closed tag (mirrors the end-tag branch of parse_html)."""
    offset = opened.utf16_offset
    entity: JSONDict = {"offset": offset, "length": length}
    last = entities[-1] if entities else None
    same_span = last is not None and last["offset"] == offset and last["length"] == length
    if opened.name in _SIMPLE_ENTITY_TYPES:
        entity["type"] = _SIMPLE_ENTITY_TYPES[opened.name]
    elif opened.name == "tg-emoji":
        if not opened.argument.isdigit() or int(opened.argument) == 0:
            raise TelegramHtmlError("Invalid custom emoji identifier specified")
        entity.update(type="custom_emoji", custom_emoji_id=opened.argument)
    elif opened.name == "a":
        url = opened.argument or content
        if not url.strip():
            return  # Telegram silently drops links it cannot make sense of
        entity.update(type="text_link", url=url)
    elif opened.name == "pre":
        if last is not None and same_span and last["type"] == "code" and "language" in last:
            last.update(type="pre")  # <code class="language-x"> inside <pre>
            return
        entity["type"] = "pre"
    elif opened.name == "code":
        if last is not None and same_span and last["type"] == "pre" and opened.argument:
            last["language"] = opened.argument  # <pre> inside <code class="language-x">
            return
        entity["type"] = "code"
        if opened.argument:
            entity["language"] = opened.argument  # dropped at the end unless it becomes a pre
    elif opened.name == "blockquote":
        entity["type"] = "expandable_blockquote" if opened.argument else "blockquote"
    entities.append(entity)


# --------------------------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------------------------


@dataclass
class SentMessage:
    """One message the bot sent or edited, as the test sees it.

    ``text`` is what the bot sent (HTML source included; the caption for ``sendDocument``);
    ``plain_text`` is what a user would read after Telegram parsed the entities.
    ``method`` is ``sendMessage``, ``editMessageText``, ``editMessageReplyMarkup`` (``text`` is
    then the message's current text), ``sendDocument`` or ``sendPhoto`` (its upload's name and
    bytes in ``document_name``/``document_bytes``).
    """

    chat_id: int
    message_id: int
    text: str | None
    parse_mode: str | None
    reply_markup: JSONDict | None
    method: str
    document_name: str | None = None
    document_bytes: bytes | None = None
    plain_text: str | None = None

    @property
    def buttons(self) -> list[JSONDict]:
        """Inline keyboard buttons, row by row flattened (empty without an inline keyboard)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def button_data(self, label: str) -> str:
        """The callback_data of the inline button whose text is ``label`` (for press_button)."""
        for button in self.buttons:
            if button.get("text") == label and "callback_data" in button:
                return str(button["callback_data"])
        labels = [button.get("text") for button in self.buttons]
        raise KeyError(f"no callback button {label!r} on message; buttons: {labels}")


@dataclass
class _Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass
class _ScriptedError:
    method: str
    chat_id: int | None
    error_code: int
    description: str
    retry_after: int | None
    remaining: int


@dataclass
class _Hold:
    method: str
    chat_id: int | None
    release: asyncio.Event


@dataclass
class _StoredMessage:
    """Telegram's current view of a message, used for edits and callback queries."""

    json: JSONDict
    from_bot: bool
    raw_text: str | None = None
    parse_mode: str | None = None


class ApiError(Exception):
    """An error answer from the fake API: becomes ``{"ok": false, ...}`` with that status."""

    def __init__(self, error_code: int, description: str, parameters: JSONDict | None = None):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters


def _as_int(value: Any) -> int | None:
    with contextlib.suppress(TypeError, ValueError):
        return int(value)
    return None


def _decode_param(name: str, value: str) -> Any:
    """Undo PTB's encoding: non-string values arrive JSON-dumped, strings arrive verbatim."""
    if name in _RAW_STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


Handler = Callable[[JSONDict, dict[str, _Upload]], Awaitable[Any]]


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


class FakeBotApi:
    """In-process fake of ``api.telegram.org`` for one bot token.

    Use ``async with FakeBotApi() as api`` (or ``start()``/``stop()``) inside the test's event
    loop, point the bot at ``api.base_url``, drive it with ``send_message``/``press_button`` and
    observe it through ``wait_for_messages``, ``messages``, ``calls`` and friends.
    """

    def __init__(
        self, token: str = "123456:TEST-TOKEN", username: str = "karier_asn_test_bot"
    ) -> None:
        self.token = token
        self.username = username
        self.bot_id = _as_int(token.split(":", 1)[0]) or 123456
        self.base_url = ""  # set by start()

        self.messages: list[SentMessage] = []
        self.calls: list[tuple[str, JSONDict]] = []
        self.answered_callbacks: list[JSONDict] = []
        self.my_commands: dict[str, list[JSONDict]] = {}
        self.sent_count_by_chat: collections.Counter[int] = collections.Counter()
        self.webhook_url = ""

        self._validate_html = True
        self._updates: list[JSONDict] = []  # delivered-or-not, but not yet confirmed
        self._update_ids = itertools.count(100_000)
        self._callback_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._last_message_id: dict[int, int] = {}
        self._stored: dict[tuple[int, int], _StoredMessage] = {}
        self._pending_callbacks: set[str] = set()
        self._errors: list[_ScriptedError] = []
        self._holds: list[_Hold] = []
        self._first_names: dict[int, str] = {}
        self._allowed_updates: list[str] | None = None
        self._message_cursor: dict[int, int] = {}
        self._call_cursor: dict[str, int] = {}
        self._poll_generation = 0
        self._closing = False
        self._wakeup = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._handlers: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._get_me,
                "getUpdates": self._get_updates,
                "deleteWebhook": self._delete_webhook,
                "setWebhook": self._set_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "answerCallbackQuery": self._answer_callback_query,
                "setMyCommands": self._set_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "getMyCommands": self._get_my_commands,
                "sendDocument": self._send_document,
                "sendPhoto": self._send_photo,
                "sendChatAction": self._send_chat_action,
                "close": self._true,
                "logOut": self._true,
            }.items()
        }

    # ---- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on a random free port of 127.0.0.1 and set ``base_url``."""
        app = web.Application(client_max_size=64 * 1024 * 1024)  # 50 MB is Telegram's limit
        app.router.add_route("*", "/{bot_token}/{method}", self._dispatch)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        # A short shutdown timeout: pending long polls are woken by stop(), nothing else waits.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}/bot"

    async def stop(self) -> None:
        """Answer pending long polls with [] and shut the server down."""
        self._closing = True
        for held in self._holds:
            held.release.set()
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # ---- driving the bot (the "user" side) -------------------------------------------------

    def send_message(self, user_id: int, text: str, *, first_name: str = "Pegawai") -> int:
        """Queue a private-chat text message from ``user_id``; returns its update_id.

        A leading command (``/start``, ``/start@bot arg``) gets a ``bot_command`` entity, which
        is what PTB's CommandHandler and ``filters.COMMAND`` look at.
        """
        extra: JSONDict = {"text": text}
        match = _BOT_COMMAND_RE.match(text)
        if match:
            extra["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(match.group())}
            ]
        return self._queue_user_message(user_id, first_name, extra)

    def send_sticker(self, user_id: int) -> int:
        """Queue a sticker message (non-text input the bot should cope with)."""
        n = next(self._file_ids)
        sticker = {
            "file_id": f"CAACAgIAAxk-sticker-{n}",
            "file_unique_id": f"AgADsticker{n}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
            "file_size": 20_480,
        }
        return self._queue_user_message(user_id, None, {"sticker": sticker})

    def send_photo(self, user_id: int) -> int:
        """Queue a photo message (several sizes, like Telegram sends them)."""
        n = next(self._file_ids)
        sizes = [
            {
                "file_id": f"AgACAgIAAxk-photo-{n}-{side}",
                "file_unique_id": f"AQADphoto{n}{side}",
                "width": side,
                "height": side * 3 // 4,
                "file_size": side * 40,
            }
            for side in (90, 320, 800)
        ]
        return self._queue_user_message(user_id, None, {"photo": sizes})

    def send_voice(self, user_id: int) -> int:
        """Queue a voice note."""
        n = next(self._file_ids)
        voice = {
            "file_id": f"AwACAgIAAxk-voice-{n}",
            "file_unique_id": f"AgADvoice{n}",
            "duration": 3,
            "mime_type": "audio/ogg",
            "file_size": 12_345,
        }
        return self._queue_user_message(user_id, None, {"voice": voice})

    def send_document(self, user_id: int) -> int:
        """Queue a document (a PDF) sent by the user."""
        n = next(self._file_ids)
        document = {
            "file_id": f"BQACAgIAAxk-doc-{n}",
            "file_unique_id": f"AgADdoc{n}",
            "file_name": f"dokumen-{n}.pdf",
            "mime_type": "application/pdf",
            "file_size": 54_321,
        }
        return self._queue_user_message(user_id, None, {"document": document})

    def press_button(self, user_id: int, message: SentMessage, callback_data: str) -> str:
        """Queue a callback_query for an inline button on ``message``; returns the query id.

        Like a real client, only buttons currently on that message can be pressed, so a test
        pressing a button the bot already removed fails loudly here.
        """
        stored = self._stored.get((message.chat_id, message.message_id))
        if stored is None:
            raise ValueError(f"unknown message {message.chat_id}/{message.message_id}")
        markup = stored.json.get("reply_markup") or {}
        present = [
            button.get("callback_data")
            for row in markup.get("inline_keyboard", [])
            for button in row
        ]
        if callback_data not in present:
            raise ValueError(
                f"message {message.message_id} has no button with callback_data "
                f"{callback_data!r}; current buttons: {present}"
            )
        query_id = str(4_000_000_000 + next(self._callback_ids))
        self._pending_callbacks.add(query_id)
        self._queue_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self._user(user_id, None),
                    "message": copy.deepcopy(stored.json),
                    "chat_instance": str(-7_000_000_000_000_000 - message.chat_id),
                    "data": callback_data,
                }
            }
        )
        return query_id

    # ---- observing the bot -----------------------------------------------------------------

    async def wait_for_messages(
        self,
        chat_id: int,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 - a plain number reads best in tests
    ) -> list[SentMessage]:
        """Wait for ``count`` new sends/edits to ``chat_id`` since the previous call; return them.

        Raises AssertionError listing what did arrive if they don't come within ``timeout``.
        """
        start = self._message_cursor.get(chat_id, 0)

        def in_chat() -> list[SentMessage]:
            return [m for m in self.messages if m.chat_id == chat_id]

        if not await self._wait_until(lambda: len(in_chat()) - start >= count, timeout):
            arrived = in_chat()[start:]
            details = "\n".join(f"  {m.method}: {m.text!r}" for m in arrived) or "  (nothing)"
            raise AssertionError(
                f"expected {count} new message(s) to chat {chat_id} within {timeout}s, "
                f"got {len(arrived)}:\n{details}"
            )
        self._message_cursor[chat_id] = start + count
        return in_chat()[start : start + count]

    async def wait_for_call(
        self,
        method: str,
        timeout: float = 10.0,  # noqa: ASYNC109 - same convention as wait_for_messages
    ) -> JSONDict:
        """Wait for the next ``method`` API call since the previous call; return its params."""
        start = self._call_cursor.get(method, 0)

        def matching() -> list[JSONDict]:
            return [params for name, params in self.calls if name == method]

        if not await self._wait_until(lambda: len(matching()) > start, timeout):
            seen = [name for name, _ in self.calls]
            raise AssertionError(f"no new {method} call within {timeout}s; calls: {seen}")
        self._call_cursor[method] = start + 1
        return matching()[start]

    # ---- fault injection -------------------------------------------------------------------

    def script_error(
        self,
        method: str,
        *,
        chat_id: int | None = None,
        error_code: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (to ``chat_id`` if given) fail.

        The answer is Telegram's error body, e.g. 429 ``Too Many Requests: retry after 3`` with
        ``parameters.retry_after`` (PTB raises RetryAfter), 403 ``Forbidden: bot was blocked by
        the user`` (Forbidden) or 400 ``Bad Request: ...`` (BadRequest).
        """
        self._errors.append(
            _ScriptedError(method.lower(), chat_id, error_code, description, retry_after, times)
        )

    def hold(self, method: str, *, chat_id: int | None = None) -> asyncio.Event:
        """Keep calls of ``method`` (to ``chat_id`` if given) waiting until the event is set.

        The call is recorded in ``calls`` first, so a test can wait for it to arrive and then
        act while the bot is still inside that request (an update in flight). Hold for less
        than the bot's read timeout, or PTB gives up with TimedOut.
        """
        held = _Hold(method.lower(), chat_id, asyncio.Event())
        self._holds.append(held)
        return held.release

    def validate_html(self, on: bool = True) -> None:
        """Toggle Telegram's checks on outgoing text (HTML entities, 4096/1024 length limits).

        On by default so formatting bugs fail tests the way they would fail in production.
        """
        self._validate_html = on

    # ---- internals: update queue -----------------------------------------------------------

    def _notify(self) -> None:
        """Wake every waiter; each re-checks its own condition."""
        self._wakeup.set()
        self._wakeup = asyncio.Event()

    async def _wait_until(self, predicate: Callable[[], bool], seconds: float) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), remaining)
        return True

    def _queue_update(self, payload: JSONDict) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **payload})
        self._notify()
        return update_id

    def _next_message_id(self, chat_id: int) -> int:
        # In a private chat both sides share one message_id sequence.
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def _queue_user_message(self, user_id: int, first_name: str | None, extra: JSONDict) -> int:
        message: JSONDict = {
            "message_id": self._next_message_id(user_id),
            "from": self._user(user_id, first_name),
            "chat": self._chat(user_id),
            "date": int(time.time()),
            **extra,
        }
        self._stored[(user_id, message["message_id"])] = _StoredMessage(message, from_bot=False)
        return self._queue_update({"message": message})

    def _user(self, user_id: int, first_name: str | None) -> JSONDict:
        if first_name is not None:
            self._first_names[user_id] = first_name
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": self._first_names.get(user_id, "Pegawai"),
            "language_code": "id",
        }

    def _chat(self, chat_id: int) -> JSONDict:
        if chat_id > 0:
            return {
                "id": chat_id,
                "type": "private",
                "first_name": self._first_names.get(chat_id, "Pegawai"),
            }
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": "Grup Uji"}

    def _bot_user(self) -> JSONDict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Karier ASN",
            "username": self.username,
        }

    # ---- internals: HTTP -------------------------------------------------------------------

    @staticmethod
    def _json(status: int, body: JSONDict) -> web.Response:
        return web.json_response(body, status=status)

    @classmethod
    def _error(cls, err: ApiError) -> web.Response:
        body: JSONDict = {
            "ok": False,
            "error_code": err.error_code,
            "description": err.description,
        }
        if err.parameters:
            body["parameters"] = err.parameters
        return cls._json(err.error_code, body)

    async def _not_found(self, request: web.Request) -> web.Response:
        return self._error(ApiError(404, "Not Found"))

    async def _read_params(self, request: web.Request) -> tuple[JSONDict, dict[str, _Upload]]:
        """Decode query string, form, multipart or JSON bodies into typed params + uploads."""
        params: JSONDict = {k: _decode_param(k, v) for k, v in request.query.items()}
        uploads: dict[str, _Upload] = {}
        if request.content_type == "application/json" and request.can_read_body:
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    uploads[name] = _Upload(value.filename, value.content_type, value.file.read())
                else:
                    params[name] = _decode_param(name, str(value))
        return params, uploads

    async def _dispatch(self, request: web.Request) -> web.Response:
        bot_token = request.match_info["bot_token"]
        if not bot_token.startswith("bot"):
            return self._error(ApiError(404, "Not Found"))
        if bot_token[3:] != self.token:
            return self._error(ApiError(401, "Unauthorized"))
        requested = request.match_info["method"]
        canonical, handler = self._handlers.get(requested.lower(), (requested, None))
        try:
            params, uploads = await self._read_params(request)
        except ValueError:
            return self._error(ApiError(400, "Bad Request: can't parse request body"))
        recorded = dict(params)
        for name, upload in uploads.items():
            recorded[name] = {
                "filename": upload.filename,
                "content_type": upload.content_type,
                "data": upload.data,
            }
        self.calls.append((canonical, recorded))
        self._notify()
        if handler is None:
            return self._error(ApiError(404, "Not Found"))
        await self._wait_for_holds(canonical, params)
        try:
            self._raise_scripted_error(canonical, params)
            result = await handler(params, uploads)
        except ApiError as err:
            return self._error(err)
        return self._json(200, {"ok": True, "result": result})

    async def _wait_for_holds(self, method: str, params: JSONDict) -> None:
        chat_id = _as_int(params.get("chat_id"))
        for held in list(self._holds):
            if held.method == method.lower() and held.chat_id in (None, chat_id):
                await held.release.wait()

    def _raise_scripted_error(self, method: str, params: JSONDict) -> None:
        chat_id = _as_int(params.get("chat_id"))
        for scripted in self._errors:
            if scripted.method != method.lower() or scripted.remaining <= 0:
                continue
            if scripted.chat_id is not None and scripted.chat_id != chat_id:
                continue
            scripted.remaining -= 1
            if scripted.remaining == 0:
                self._errors.remove(scripted)
            parameters = (
                {"retry_after": scripted.retry_after} if scripted.retry_after is not None else None
            )
            raise ApiError(scripted.error_code, scripted.description, parameters)

    # ---- internals: shared validation ------------------------------------------------------

    @staticmethod
    def _chat_id(params: JSONDict) -> int:
        if params.get("chat_id") in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        chat_id = _as_int(params["chat_id"])
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id

    def _render(
        self, text: str, parse_mode: str | None, *, limit: int, too_long: str
    ) -> tuple[str, list[JSONDict]]:
        """Apply parse_mode like Telegram: returns (plain text, entities) or raises ApiError."""
        mode = (parse_mode or "").lower()
        if mode not in ("", "html", "markdown", "markdownv2"):
            raise ApiError(400, "Bad Request: unsupported parse_mode")
        plain, entities = text, list[JSONDict]()
        if mode == "html":
            try:
                plain, entities = parse_telegram_html(text)
            except TelegramHtmlError as exc:
                if self._validate_html:
                    raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from exc
        if self._validate_html and len(plain) > limit:
            raise ApiError(400, too_long)
        return plain, entities

    @staticmethod
    def _check_markup(markup: Any) -> JSONDict | None:
        """Reject what Telegram rejects in inline keyboards (callback_data is 1-64 bytes)."""
        if markup in (None, ""):
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if not _BUTTON_ACTIONS & set(button):
                    raise ApiError(
                        400,
                        "Bad Request: can't parse inline keyboard button: Text buttons are "
                        "unallowed in the inline keyboard",
                    )
        return markup

    @staticmethod
    def _inline_markup(markup: JSONDict | None) -> JSONDict | None:
        # Telegram only echoes inline keyboards back in Message.reply_markup.
        if markup and "inline_keyboard" in markup:
            return markup
        return None

    def _stored_bot_message(self, params: JSONDict) -> _StoredMessage:
        chat_id = self._chat_id(params)
        message_id = _as_int(params.get("message_id"))
        if message_id is None:
            raise ApiError(400, "Bad Request: message identifier is not specified")
        stored = self._stored.get((chat_id, message_id))
        if stored is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if not stored.from_bot:
            raise ApiError(400, "Bad Request: message can't be edited")
        return stored

    def _record(self, stored: _StoredMessage, method: str, **extra: Any) -> None:
        message = stored.json
        markup = message.get("reply_markup")
        self.messages.append(
            SentMessage(
                chat_id=message["chat"]["id"],
                message_id=message["message_id"],
                text=stored.raw_text,
                parse_mode=stored.parse_mode,
                reply_markup=copy.deepcopy(extra.pop("reply_markup", markup)),
                method=method,
                plain_text=message.get("text", message.get("caption")),
                **extra,
            )
        )
        self._notify()

    def _new_bot_message(self, chat_id: int, content: JSONDict) -> JSONDict:
        return {
            "message_id": self._next_message_id(chat_id),
            "from": self._bot_user(),
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            **content,
        }

    # ---- API methods -----------------------------------------------------------------------

    async def _true(self, params: JSONDict, uploads: dict[str, _Upload]) -> bool:
        return True

    async def _get_me(self, params: JSONDict, uploads: dict[str, _Upload]) -> JSONDict:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JSONDict, uploads: dict[str, _Upload]) -> list[JSONDict]:
        """Long polling with Telegram's semantics.

        ``offset`` confirms (forgets) every update below it; a negative offset keeps only the
        last ``-offset`` updates. The call waits up to ``timeout`` seconds for something to
        return. A newer getUpdates call terminates an older one with 409 Conflict, as Telegram
        does when two bot instances poll the same token.
        """
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = _as_int(params.get("offset")) or 0
        limit = min(max(_as_int(params.get("limit")) or 100, 1), 100)
        try:
            timeout = max(float(params.get("timeout") or 0), 0.0)
        except (TypeError, ValueError):
            timeout = 0.0
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = [str(kind) for kind in allowed] or None

        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        if self._allowed_updates is not None:
            allowed_set = set(self._allowed_updates)
            self._updates = [u for u in self._updates if (set(u) - {"update_id"}) & allowed_set]

        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # an older pending poll, if any, is terminated below

        def done() -> bool:
            return bool(self._updates) or self._closing or generation != self._poll_generation

        await self._wait_until(done, timeout)
        if generation != self._poll_generation and not self._closing:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot "
                "instance is running",
            )
        return copy.deepcopy(self._updates[:limit])

    async def _delete_webhook(self, params: JSONDict, uploads: dict[str, _Upload]) -> bool:
        self.webhook_url = ""
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    async def _set_webhook(self, params: JSONDict, uploads: dict[str, _Upload]) -> bool:
        self.webhook_url = str(params.get("url") or "")
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    async def _get_webhook_info(self, params: JSONDict, uploads: dict[str, _Upload]) -> JSONDict:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _message_text(self, params: JSONDict) -> tuple[str, str | None, str, list[JSONDict]]:
        """A send's or edit's text, checked as Telegram does: (source, parse_mode, plain,
        entities)."""
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        parse_mode = params.get("parse_mode") or None
        plain, entities = self._render(
            text, parse_mode, limit=MAX_MESSAGE_LENGTH, too_long="Bad Request: message is too long"
        )
        if not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        return text, parse_mode, plain, entities

    async def _send_message(self, params: JSONDict, uploads: dict[str, _Upload]) -> JSONDict:
        chat_id = self._chat_id(params)
        text, parse_mode, plain, entities = self._message_text(params)
        markup = self._check_markup(params.get("reply_markup"))
        content: JSONDict = {"text": plain}
        if entities:
            content["entities"] = entities
        inline = self._inline_markup(markup)
        if inline:
            content["reply_markup"] = inline
        message = self._new_bot_message(chat_id, content)
        stored = _StoredMessage(message, from_bot=True, raw_text=text, parse_mode=parse_mode)
        self._stored[(chat_id, message["message_id"])] = stored
        self.sent_count_by_chat[chat_id] += 1
        self._record(stored, "sendMessage", reply_markup=markup)
        return copy.deepcopy(message)

    async def _edit_message_text(
        self, params: JSONDict, uploads: dict[str, _Upload]
    ) -> JSONDict | bool:
        text, parse_mode, plain, entities = self._message_text(params)
        markup = self._inline_markup(self._check_markup(params.get("reply_markup")))
        if params.get("inline_message_id"):
            return True
        stored = self._stored_bot_message(params)
        message = stored.json
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        if (
            message.get("text") == plain
            and message.get("entities", []) == entities
            and message.get("reply_markup") == markup
        ):
            raise ApiError(400, NOT_MODIFIED)
        message["text"] = plain
        message.pop("entities", None)
        if entities:
            message["entities"] = entities
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        stored.raw_text, stored.parse_mode = text, parse_mode
        self._record(stored, "editMessageText")
        return copy.deepcopy(message)

    async def _edit_message_reply_markup(
        self, params: JSONDict, uploads: dict[str, _Upload]
    ) -> JSONDict | bool:
        markup = self._inline_markup(self._check_markup(params.get("reply_markup")))
        if params.get("inline_message_id"):
            return True
        stored = self._stored_bot_message(params)
        message = stored.json
        if message.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        self._record(stored, "editMessageReplyMarkup")
        return copy.deepcopy(message)

    async def _answer_callback_query(self, params: JSONDict, uploads: dict[str, _Upload]) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._pending_callbacks:
            raise ApiError(400, QUERY_INVALID)
        text = params.get("text")
        if isinstance(text, str) and len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._pending_callbacks.discard(query_id)
        self.answered_callbacks.append(dict(params))
        self._notify()
        return True

    @staticmethod
    def _scope_key(params: JSONDict) -> str:
        """``default``, ``all_private_chats``, ``chat:<id>``, ``chat_member:<id>:<user>``...

        With a ``language_code`` the key gets a ``/<code>`` suffix (``default/en``).
        """
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise ApiError(400, "Bad Request: can't parse BotCommandScope JSON object")
        kind = str(scope["type"])
        if kind in ("chat", "chat_administrators"):
            key = f"{kind}:{scope.get('chat_id')}"
        elif kind == "chat_member":
            key = f"{kind}:{scope.get('chat_id')}:{scope.get('user_id')}"
        elif kind in _PLAIN_SCOPES:
            key = kind
        else:
            raise ApiError(400, "Bad Request: wrong bot command scope type specified")
        language = params.get("language_code")
        return f"{key}/{language}" if language else key

    async def _set_my_commands(self, params: JSONDict, uploads: dict[str, _Upload]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: BOT_COMMANDS_TOO_MUCH")
        cleaned: list[JSONDict] = []
        for command in commands:
            name = str(command.get("command", "")).removeprefix("/")
            description = str(command.get("description", "")).strip()
            if not _COMMAND_NAME_RE.match(name):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._scope_key(params)
        if cleaned:
            self.my_commands[key] = cleaned
        else:
            self.my_commands.pop(key, None)  # an empty list deletes, as on Telegram
        return True

    async def _delete_my_commands(self, params: JSONDict, uploads: dict[str, _Upload]) -> bool:
        self.my_commands.pop(self._scope_key(params), None)
        return True

    async def _get_my_commands(
        self, params: JSONDict, uploads: dict[str, _Upload]
    ) -> list[JSONDict]:
        return copy.deepcopy(self.my_commands.get(self._scope_key(params), []))

    async def _send_document(self, params: JSONDict, uploads: dict[str, _Upload]) -> JSONDict:
        return await self._send_file(params, uploads, "document")

    async def _send_photo(self, params: JSONDict, uploads: dict[str, _Upload]) -> JSONDict:
        """As Telegram: an uploaded photo must be a JPEG/PNG/GIF/WebP image within 10 MB."""
        upload = uploads.get("photo")
        photo = params.get("photo")
        if isinstance(photo, str) and photo.startswith("attach://"):
            upload = uploads.get(photo.removeprefix("attach://"))
        if upload is not None:
            if len(upload.data) > MAX_PHOTO_BYTES:
                raise ApiError(400, "Bad Request: PHOTO_SAVE_FILE_INVALID")
            if not upload.data.startswith(_IMAGE_MAGIC):
                raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        return await self._send_file(params, uploads, "photo")

    async def _send_file(
        self, params: JSONDict, uploads: dict[str, _Upload], field: str
    ) -> JSONDict:
        chat_id = self._chat_id(params)
        document = params.get(field)
        upload = uploads.get(field)
        if isinstance(document, str) and document.startswith("attach://"):
            upload = uploads.get(document.removeprefix("attach://"))
        if upload is None and not (isinstance(document, str) and document):
            raise ApiError(400, f"Bad Request: there is no {field} in the request")
        caption = params.get("caption")
        parse_mode = params.get("parse_mode") or None
        content: JSONDict = {}
        if isinstance(caption, str) and caption:
            plain, entities = self._render(
                caption,
                parse_mode,
                limit=MAX_CAPTION_LENGTH,
                too_long="Bad Request: message caption is too long",
            )
            content["caption"] = plain
            if entities:
                content["caption_entities"] = entities
        n = next(self._file_ids)
        sent_file = {
            "file_id": f"BQACAgIAAxk-sent-{n}",
            "file_unique_id": f"AgADsent{n}",
            "file_name": upload.filename if upload else None,
            "mime_type": upload.content_type if upload else None,
            "file_size": len(upload.data) if upload else None,
        }
        sent_file = {k: v for k, v in sent_file.items() if v is not None}
        if field == "photo":  # Telegram keeps no file name; it returns the sizes it made
            sent_file.pop("file_name", None)
            sent_file.pop("mime_type", None)
            sent_file.update(width=800, height=600)
            content["photo"] = [sent_file]
        else:
            content["document"] = sent_file
        markup = self._check_markup(params.get("reply_markup"))
        inline = self._inline_markup(markup)
        if inline:
            content["reply_markup"] = inline
        message = self._new_bot_message(chat_id, content)
        stored = _StoredMessage(
            message,
            from_bot=True,
            raw_text=caption if isinstance(caption, str) else None,
            parse_mode=parse_mode,
        )
        self._stored[(chat_id, message["message_id"])] = stored
        self.sent_count_by_chat[chat_id] += 1
        self._record(
            stored,
            "sendPhoto" if field == "photo" else "sendDocument",
            reply_markup=markup,
            document_name=upload.filename if upload else None,
            document_bytes=upload.data if upload else None,
        )
        return copy.deepcopy(message)

    async def _send_chat_action(self, params: JSONDict, uploads: dict[str, _Upload]) -> bool:
        self._chat_id(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True
