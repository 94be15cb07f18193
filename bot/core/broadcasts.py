"""Announcements in the chat: HR writes, targets, previews and sends or schedules them
(/siaran) and steers them while they run; employees read them (/pengumuman) and opt out or back
in (/berhenti, /langganan).

Every command, typed step and button press re-checks the sender's stored role: button data
only names what to do, never who may do it.
"""

from __future__ import annotations

import datetime as dt

from bot.broadcast import texts
from bot.broadcast.audience import CHOICE_FIELDS, FIELDS, GOLONGAN, TEXT_FIELDS, Audience
from bot.broadcast.progress import (
    WIB,
    announcement,
    describe,
    duration,
    number,
    parse_time,
    wib,
)
from bot.broadcast.service import Broadcasts, text_limit
from bot.core import texts as core_texts
from bot.core.basics import has_consent, privacy_notice
from bot.core.commands import ADMIN, PRIVILEGED, Command
from bot.core.features import Feature, Replies
from bot.core.messages import Button, Outgoing
from bot.ids import parse_id, parse_index
from bot.storage.broadcasts import as_utc
from bot.storage.models import DialogueState, User, utcnow
from bot.storage.repository import Store

DIALOGUE = "siaran"
MAX_CHOICES = 24
LABEL_CHARS = 40
ANNOUNCEMENT_PREVIEW_CHARS = 600
STEERING = {"pause": "paused", "resume": "sending", "stop": "cancelled"}
STEERED = {"paused": texts.PAUSED, "sending": texts.RESUMED, "cancelled": texts.CANCELLED}

MENU = (
    Command("pengumuman", "Pengumuman terbaru dari kepegawaian"),
    Command("berhenti", "Berhenti menerima pengumuman"),
    Command("langganan", "Berlangganan pengumuman lagi"),
    Command("siaran", "Kirim pengumuman ke pegawai", for_hr=True),
)


def _label(value: str) -> str:
    shown = value.replace("_", " ")
    return shown if len(shown) <= LABEL_CHARS else shown[: LABEL_CHARS - 1] + "…"


class Announcements:
    """The /siaran dialogue, broadcast controls, /pengumuman and the subscription commands."""

    def __init__(self, store: Store, broadcasts: Broadcasts) -> None:
        self.store = store
        self.broadcasts = broadcasts

    def feature(self) -> Feature:
        return Feature(
            menu=MENU,
            commands={"siaran": self.compose, "pengumuman": self.latest,
                      "berhenti": self.unsubscribe, "langganan": self.subscribe},
            actions={"sr": self.on_button},
            dialogues={DIALOGUE: self.on_text},
            attachments={DIALOGUE: self.on_document},
        )

    # ---- composing -------------------------------------------------------------------------

    async def compose(self, user: User, argument: str) -> Replies:
        """``/siaran`` asks for the text; ``/siaran Teks`` (or on the next line) is the text."""
        await self.store.save_dialogue(user.id, DIALOGUE, "text", {})
        if argument:
            return await self._take_text(user, {}, argument, None)
        return [Outgoing(texts.COMPOSE.format(limit=number(text_limit(None)),
                                              caption_limit=text_limit("document")))]

    async def on_text(self, user: User, state: DialogueState, text: str) -> Replies:
        if user.role not in PRIVILEGED:
            return await self._refused(user, "siaran:text")
        data = dict(state.data)
        if state.step == "text":
            return await self._take_text(user, data, text, None)
        if state.step == GOLONGAN:
            try:
                data["audience"] = self._audience(data).with_filter(GOLONGAN, text).as_dict()
            except ValueError:
                return [Outgoing(texts.BAD_GOLONGAN)]
            return await self._audience_screen(user, data)
        if state.step == "when":
            send_at = parse_time(text)
            if send_at is None:
                return [Outgoing(texts.BAD_TIME.format(example=time_example()))]
            return await self._create(user, data, send_at)
        return [Outgoing(texts.USE_BUTTONS)]

    async def on_document(
        self, user: User, state: DialogueState, caption: str, attachment: str
    ) -> Replies:
        if user.role not in PRIVILEGED:
            return await self._refused(user, "siaran:document")
        if state.step != "text":
            return [Outgoing(texts.USE_BUTTONS)]
        return await self._take_text(user, dict(state.data), caption, attachment)

    async def _take_text(
        self, user: User, data: dict[str, object], text: str, attachment: str | None
    ) -> Replies:
        text = text.strip()
        if not text:
            return [Outgoing(texts.EMPTY)]
        limit = text_limit(attachment)
        if len(text) > limit:
            return [Outgoing(texts.TOO_LONG.format(length=number(len(text)),
                                                   limit=number(limit)))]
        data.update(text=text, attachment=attachment, audience={})
        return await self._audience_screen(user, data)

    async def _audience_screen(self, user: User, data: dict[str, object]) -> Replies:
        await self.store.save_dialogue(user.id, DIALOGUE, "audience", data)
        audience = self._audience(data)
        preview = await self.broadcasts.preview(audience)
        fields = [Button(texts.BUTTON_FIELDS[f], f"sr:f:{f}") for f in FIELDS]
        rows: list[tuple[Button, ...]] = [tuple(fields[i : i + 2]) for i in range(0, 6, 2)]
        if audience.filters:
            rows.append((Button(texts.BUTTON_CLEAR, "sr:all"),))
        rows.append((Button(texts.BUTTON_PREVIEW, "sr:pv"),))
        rows.append((Button(texts.BUTTON_DISCARD, "sr:x"),))
        text = texts.AUDIENCE.format(audience=describe(audience), count=number(preview.count))
        return [Outgoing(text, title=texts.AUDIENCE_TITLE, buttons=tuple(rows))]

    async def _choose_field(self, user: User, data: dict[str, object], field: str) -> Replies:
        if field == GOLONGAN:
            await self.store.save_dialogue(user.id, DIALOGUE, GOLONGAN, data)
            return [Outgoing(texts.ASK_GOLONGAN)]
        if field not in TEXT_FIELDS + CHOICE_FIELDS:
            return [Outgoing(core_texts.STALE_ACTION, kind="notice")]
        values = (await self.broadcasts.store.profile_values(field))[:MAX_CHOICES]
        name = texts.BUTTON_FIELDS[field].lower()
        if not values:
            return [Outgoing(texts.NO_VALUES.format(field=name)),
                    *await self._audience_screen(user, data)]
        data.update(field=field, choices=values)
        await self.store.save_dialogue(user.id, DIALOGUE, "value", data)
        rows = [(Button(_label(v), f"sr:v:{i}"),) for i, v in enumerate(values)]
        rows.append((Button(texts.BUTTON_CHANGE, "sr:aud"),))
        return [Outgoing(texts.CHOOSE_VALUE.format(field=name), buttons=tuple(rows))]

    async def _choose_value(self, user: User, data: dict[str, object], index: str) -> Replies:
        choices = data.get("choices")
        field = data.get("field")
        position = parse_index(index, len(choices)) if isinstance(choices, list) else None
        if position is None or not isinstance(choices, list) or not isinstance(field, str):
            return [Outgoing(core_texts.STALE_ACTION, kind="notice")]
        audience = self._audience(data).with_filter(field, str(choices[position]))
        data.pop("choices")
        data.pop("field")
        data["audience"] = audience.as_dict()
        return await self._audience_screen(user, data)

    async def _preview(self, user: User, data: dict[str, object]) -> Replies:
        await self.store.save_dialogue(user.id, DIALOGUE, "preview", data)
        preview = await self.broadcasts.preview(self._audience(data))
        change = Button(texts.BUTTON_CHANGE, "sr:aud")
        discard = Button(texts.BUTTON_DISCARD, "sr:x")
        if preview.count == 0:
            return [Outgoing(texts.NOBODY, buttons=((change,), (discard,)))]
        text = str(data["text"])
        shown = announcement(text)
        body = "\n\n".join(p for p in (shown.title, shown.text, shown.footer) if p)
        message = texts.PREVIEW.format(
            audience=describe(preview.audience),
            count=number(preview.count),
            eta=duration(preview.seconds),
            rate=f"{self.broadcasts.rate:g}",
            attachment=texts.PREVIEW_ATTACHMENT if data.get("attachment") else "",
            text=body,
        )
        buttons = ((Button(texts.BUTTON_SEND, "sr:go"), Button(texts.BUTTON_SCHEDULE, "sr:at")),
                   (change, discard))
        return [Outgoing(message, title=texts.PREVIEW_TITLE, buttons=buttons)]

    async def _ask_time(self, user: User, data: dict[str, object]) -> Replies:
        await self.store.save_dialogue(user.id, DIALOGUE, "when", data)
        buttons = ((Button(texts.BUTTON_IN_ONE_HOUR, "sr:in:hour"),
                    Button(texts.BUTTON_TOMORROW, "sr:in:tomorrow")),
                   (Button(texts.BUTTON_DISCARD, "sr:x"),))
        return [Outgoing(texts.ASK_TIME.format(example=time_example()), buttons=buttons)]

    async def _create(
        self, user: User, data: dict[str, object], send_at: dt.datetime | None
    ) -> Replies:
        now = utcnow()
        if send_at is not None and send_at <= now:
            return [Outgoing(texts.PAST_TIME)]
        attachment = data.get("attachment")
        broadcast = await self.broadcasts.create(
            str(data["text"]),
            self._audience(data),
            created_by=user.id,
            attachment=attachment if isinstance(attachment, str) else None,
            send_at=send_at,
            progress_chat_id=user.chat_id,
        )
        await self.store.end_dialogue(user.id)
        if send_at is None:
            return [Outgoing(texts.CREATED_NOW.format(id=broadcast.id,
                                                      count=number(broadcast.total)))]
        return [Outgoing(texts.CREATED_LATER.format(
            id=broadcast.id, when=wib(send_at), count=number(broadcast.total)))]

    @staticmethod
    def _audience(data: dict[str, object]) -> Audience:
        stored = data.get("audience")
        return Audience.from_dict(stored if isinstance(stored, dict) else {})

    # ---- buttons ---------------------------------------------------------------------------

    async def on_button(self, user: User, rest: str) -> Replies:
        verb, _, argument = rest.partition(":")
        if user.role not in PRIVILEGED:
            return await self._refused(user, f"sr:{verb}")
        if verb in STEERING:
            return await self._steer(user, argument, STEERING[verb])
        state = await self.store.dialogue(user.id)
        if state is None or state.name != DIALOGUE or "text" not in state.data:
            return [Outgoing(texts.NO_DRAFT, kind="notice")]
        data = dict(state.data)
        if verb == "f":
            return await self._choose_field(user, data, argument)
        if verb == "v" and state.step == "value":
            return await self._choose_value(user, data, argument)
        if verb == "all":
            data["audience"] = {}
            return await self._audience_screen(user, data)
        if verb == "aud":
            return await self._audience_screen(user, data)
        if verb == "pv":
            return await self._preview(user, data)
        if verb == "go" and state.step == "preview":
            return await self._create(user, data, None)
        if verb == "at" and state.step == "preview":
            return await self._ask_time(user, data)
        if verb == "in" and state.step == "when":
            return await self._create(user, data, _quick_time(argument))
        if verb == "x":
            await self.store.end_dialogue(user.id)
            return [Outgoing(texts.DISCARDED)]
        return [Outgoing(core_texts.STALE_ACTION, kind="notice")]

    async def _steer(self, user: User, argument: str, status: str) -> Replies:
        broadcast_id = parse_id(argument)
        if broadcast_id is None:
            return [Outgoing(core_texts.STALE_ACTION, kind="notice")]
        # Who steers: the broadcast's author or an admin (the shell is the operator's).
        target = await self.broadcasts.store.get(broadcast_id)
        if target is not None and user.role != ADMIN and target.created_by != user.id:
            await self.store.audit("access.refused", user.id, attempt=f"broadcast.{status}",
                                   broadcast_id=broadcast_id)
            return [Outgoing(texts.NOT_YOURS.format(id=broadcast_id), kind="notice")]
        changed = await self.broadcasts.steer(broadcast_id, status, user.id)
        if changed is not None:
            return [Outgoing(STEERED[status].format(id=broadcast_id), kind="notice")]
        current = await self.broadcasts.store.get(broadcast_id)
        if current is None:
            return [Outgoing(core_texts.STALE_ACTION, kind="notice")]
        return [Outgoing(texts.CANNOT.format(id=broadcast_id,
                                             status=texts.STATUS.get(current.status, ""),
                                             verb=texts.VERBS[status]), kind="notice")]

    async def _refused(self, user: User, what: str) -> Replies:
        await self.store.audit("access.refused", user.id, attempt=what)
        await self.store.end_dialogue(user.id)
        return [Outgoing(core_texts.HR_ONLY)]

    # ---- employees -------------------------------------------------------------------------

    async def latest(self, user: User, _: str) -> Replies:
        found = await self.broadcasts.store.announcements_for(user.id)
        if not found:
            return [Outgoing(texts.NO_ANNOUNCEMENTS)]
        blocks = []
        for broadcast in found:
            text = broadcast.text
            if len(text) > ANNOUNCEMENT_PREVIEW_CHARS:
                text = text[: ANNOUNCEMENT_PREVIEW_CHARS - 1] + "…"
            when = as_utc(broadcast.started_at or broadcast.send_at)
            blocks.append(texts.ANNOUNCEMENT_LINE.format(id=broadcast.id,
                                                         date=wib(when)[:10], text=text))
        return [Outgoing("\n\n".join(blocks), title=texts.ANNOUNCEMENTS_TITLE)]

    async def unsubscribe(self, user: User, _: str) -> Replies:
        if not user.subscribed:
            return [Outgoing(texts.ALREADY_UNSUBSCRIBED)]
        await self.broadcasts.store.set_subscribed(user.id, False)
        return [Outgoing(texts.UNSUBSCRIBED)]

    async def subscribe(self, user: User, _: str) -> Replies:
        if not has_consent(user):
            return [Outgoing(texts.CONSENT_FIRST), privacy_notice(user)]
        if user.subscribed and not user.unreachable:
            return [Outgoing(texts.ALREADY_SUBSCRIBED)]
        await self.broadcasts.store.set_subscribed(user.id, True)
        return [Outgoing(texts.SUBSCRIBED)]


def time_example() -> str:
    """Tomorrow 08:00 WIB in the typed form, so the example is never a past date."""
    return _quick_time("tomorrow").strftime("%d-%m-%Y %H:%M")


def _quick_time(choice: str) -> dt.datetime:
    """"hour": an hour from now; anything else: tomorrow 08:00 WIB."""
    now = utcnow()
    if choice == "hour":
        return now + dt.timedelta(hours=1)
    tomorrow = now.astimezone(WIB).date() + dt.timedelta(days=1)
    return dt.datetime.combine(tomorrow, dt.time(8, 0), tzinfo=WIB)
