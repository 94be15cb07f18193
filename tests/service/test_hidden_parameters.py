"""A failed statement's error carries no bound values (they hold NIPs and ids)."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from bot.bootstrap import Services
from bot.storage.models import User

NIP = "197702032005011004"


async def test_database_errors_hide_the_statement_parameters(services: Services) -> None:
    store = services.store
    await store.user("telegram", NIP, 734561289)
    with pytest.raises(IntegrityError) as raised:
        async with store._sessions.begin() as session:
            session.add(User(channel="telegram", external_id=NIP, chat_id=734561289,
                             role="employee", subscribed=False))
    assert NIP not in str(raised.value) and "734561289" not in str(raised.value)
    assert "hidden due to hide_parameters" in str(raised.value)
