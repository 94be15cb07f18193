"""The composition root: the only module that knows every concrete class."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.core.assistant import Assistant
from bot.core.basics import Basics
from bot.core.features import Feature
from bot.core.questions import Questions
from bot.kb.service import KnowledgeService
from bot.storage.database import create_engine, session_factory, upgrade
from bot.storage.repository import Store

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    store: Store
    knowledge: KnowledgeService
    assistant: Assistant


def load_content(settings: Settings) -> KnowledgeService:
    """Load and validate content synchronously, so a broken file stops start-up at once."""
    return KnowledgeService(settings.knowledge_dir)


async def open_services(
    settings: Settings,
    knowledge: KnowledgeService | None = None,
) -> Services:
    """Content, database (migrated to head) and the core, ready for any adapter."""
    knowledge = knowledge or load_content(settings)
    engine = create_engine(settings.async_database_url)
    await upgrade(engine)
    store = Store(session_factory(engine))
    for admin_id in settings.admin_ids:
        await store.set_role("telegram", str(admin_id), "admin")
    log.info(
        "services ready: %d knowledge entries, database %s",
        len(knowledge.index.kb),
        engine.url.get_backend_name(),
    )
    return Services(settings, engine, store, knowledge, build_assistant(store, knowledge))


def build_assistant(store: Store, knowledge: KnowledgeService) -> Assistant:
    """Every feature, in menu order; free text is a question for the knowledge base."""
    questions = Questions(store, knowledge)
    features: list[Feature] = []
    basics = Basics(store, lambda role: assistant.menu_for(role))
    features += [basics.feature(), questions.feature()]
    assistant = Assistant(store, features, fallback=questions.ask)
    return assistant


async def close_services(services: Services) -> None:
    await services.engine.dispose()
