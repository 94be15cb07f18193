"""Fixtures: real databases (SQLite always, PostgreSQL when the server binaries exist; in CI
PostgreSQL is mandatory) and a transcript-style ``chat`` over the real core."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from bot.bootstrap import Services, close_services, open_services
from bot.config import REPO_ROOT, Settings
from bot.core.messages import Incoming, Outgoing
from bot.kb.service import KnowledgeService
from tests.support.postgres import PostgresServer, find_binary

SHARED = REPO_ROOT.parent / "shared"
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

Chat = Callable[..., Awaitable[list[Outgoing]]]


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeService:
    """The shipped knowledge base, loaded once (it is immutable)."""
    return KnowledgeService(REPO_ROOT / "knowledge")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer | None]:
    if find_binary("initdb") is None:
        if ON_CI:
            pytest.fail("PostgreSQL is required in CI but its binaries are missing")
        yield None
        return
    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path,
                       postgres: PostgresServer | None) -> AsyncIterator[str]:
    """A fresh, empty database of each kind for one test."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
        return
    if postgres is None:
        pytest.skip("PostgreSQL binaries not installed (make test installs them)")
    yield await postgres.create_database()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, data_dir=tmp_path, admin_ids_raw="9000",
                    telegram_bot_token=None)


@pytest.fixture
async def services(settings: Settings, knowledge: KnowledgeService) -> AsyncIterator[Services]:
    opened = await open_services(settings, knowledge)
    yield opened
    await close_services(opened)


@pytest.fixture
def chat(services: Services) -> Chat:
    """``await chat("/start")`` or ``await chat(press=button)`` as Telegram user 1001 (default)."""

    async def send(text: str | None = None, *, press: str | None = None,
                   user: int = 1001, kind: str | None = None) -> list[Outgoing]:
        if press is not None:
            incoming = Incoming("telegram", str(user), user, action=press, kind="action")
        else:
            incoming = Incoming("telegram", str(user), user, text=text,
                                kind=kind or "text")  # type: ignore[arg-type]
        return await services.assistant.handle(incoming)

    return send
