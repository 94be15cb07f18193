"""Welcome, help, privacy notice and consent, and cancelling a dialogue."""

from __future__ import annotations

from collections.abc import Callable

from bot.core import texts
from bot.core.commands import PRIVILEGED, Command
from bot.core.features import Feature, Replies
from bot.core.messages import Button, Outgoing
from bot.storage.models import User
from bot.storage.repository import Store

PAUSED = "paused:"  # prefix of a dialogue cancelled with /batal that its command can resume
MENU = (
    Command("start", "Mulai dan lihat pemberitahuan privasi"),
    Command("bantuan", "Daftar perintah dan cara bertanya"),
    Command("privasi", "Pemberitahuan privasi dan persetujuan"),
    Command("batal", "Batalkan isian yang sedang berjalan"),
)


def has_consent(user: User) -> bool:
    return user.consent_version == texts.PRIVACY_VERSION


def consent_outdated(user: User) -> bool:
    """Consented to an earlier privacy notice: the current one must be shown and agreed to."""
    return user.consent_version is not None and user.consent_version != texts.PRIVACY_VERSION


def renewed_privacy_notice(user: User) -> Outgoing:
    notice = privacy_notice(user)
    return Outgoing(f"{texts.PRIVACY_RENEWED}\n\n{notice.text}", title=notice.title,
                    buttons=notice.buttons)


def privacy_notice(user: User) -> Outgoing:
    buttons = () if has_consent(user) else ((Button(texts.CONSENT_BUTTON, "consent"),),)
    return Outgoing(texts.PRIVACY, title=texts.PRIVACY_TITLE, buttons=buttons)


class Basics:
    """The commands every user has from the first message."""

    def __init__(self, store: Store, menu: Callable[[str], list[Command]]) -> None:
        self.store = store
        self._menu = menu

    def feature(self) -> Feature:
        return Feature(
            menu=MENU,
            commands={"start": self.start, "bantuan": self.help, "help": self.help,
                      "privasi": self.privacy, "batal": self.cancel},
            actions={"consent": self.consent},
        )

    async def start(self, user: User, _: str) -> Replies:
        if has_consent(user):
            return [Outgoing(texts.WELCOME_BACK, title=texts.WELCOME_TITLE)]
        return [Outgoing(texts.WELCOME, title=texts.WELCOME_TITLE), privacy_notice(user)]

    async def privacy(self, user: User, _: str) -> Replies:
        return [privacy_notice(user)]

    async def help(self, user: User, _: str) -> Replies:
        commands = self._menu(user.role)
        lines = [texts.HELP_INTRO]
        lines += [f"/{c.name} — {c.description}" for c in commands if not c.for_hr]
        if user.role in PRIVILEGED:
            lines += ["", texts.HELP_HR]
            lines += [f"/{c.name} — {c.description}" for c in commands if c.for_hr]
        return [Outgoing("\n".join(lines), title=texts.HELP_TITLE)]

    async def consent(self, user: User, _: str) -> Replies:
        if has_consent(user):
            return [Outgoing(texts.CONSENT_ALREADY, kind="notice")]
        await self.store.give_consent(user.id, texts.PRIVACY_VERSION)
        return [Outgoing(texts.CONSENT_THANKS)]

    async def cancel(self, user: User, _: str) -> Replies:
        """End the dialogue; one marked ``resumable`` is kept, paused, for its command."""
        state = await self.store.dialogue(user.id)
        if state is None or state.name.startswith(PAUSED):
            return [Outgoing(texts.NOTHING_TO_CANCEL)]
        if (state.data or {}).get("resumable"):
            await self.store.save_dialogue(user.id, PAUSED + state.name, state.step, state.data)
            return [Outgoing(texts.PAUSED.format(command=state.name))]
        await self.store.end_dialogue(user.id)
        return [Outgoing(texts.CANCELLED)]
