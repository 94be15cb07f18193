"""/peran: admins grant and take back the HR and admin roles from the chat, as
``karierbot admin`` does from the shell."""

from __future__ import annotations

from bot.broadcast import texts
from bot.core.commands import ADMIN, Command
from bot.core.features import Feature, Replies
from bot.core.messages import Outgoing
from bot.ids import parse_user_id
from bot.storage.models import User
from bot.storage.repository import ROLES, Store

CHANNEL = "telegram"
MENU = (Command("peran", "Atur peran HR dan admin (khusus admin)", for_hr=True),)


class Roles:
    def __init__(self, store: Store) -> None:
        self.store = store

    def feature(self) -> Feature:
        return Feature(menu=MENU, commands={"peran": self.manage})

    async def manage(self, user: User, argument: str) -> Replies:
        if user.role != ADMIN:
            await self.store.audit("access.refused", user.id, command="peran")
            return [Outgoing(texts.ADMIN_ONLY)]
        parts = argument.split()
        if not parts:
            return [await self._listing()]
        if len(parts) != 2 or parts[1].casefold() not in ROLES:
            return [Outgoing(f"{texts.ROLE_BAD_FORM}\n{texts.ROLES_USAGE}")]
        if parse_user_id(parts[0]) is None:  # checked before anything is written
            return [Outgoing(texts.ROLE_BAD_ID)]
        external_id, role = parts[0], parts[1].casefold()
        if user.channel == CHANNEL and external_id == user.external_id:
            return [Outgoing(texts.ROLE_SELF)]
        await self.store.set_role(CHANNEL, external_id, role, actor_id=user.id)
        return [Outgoing(texts.ROLE_SET.format(external_id=external_id, role=role),
                         menu_changed_for=external_id)]

    async def _listing(self) -> Outgoing:
        users = await self.store.privileged_users(CHANNEL)
        lines = [texts.ROLES_LINE.format(external_id=u.external_id, role=u.role) for u in users]
        body = "\n".join(lines) if lines else texts.ROLES_NONE
        return Outgoing(f"{body}\n\n{texts.ROLES_USAGE}", title=texts.ROLES_TITLE)
