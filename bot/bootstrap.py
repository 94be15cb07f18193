"""The composition root: the only module that knows every concrete class."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.broadcast.service import Broadcasts
from bot.config import Settings
from bot.content.regulations import registry_dir
from bot.core.assistant import Assistant
from bot.core.basics import Basics
from bot.core.broadcasts import Announcements
from bot.core.features import Feature
from bot.core.flood import FloodGuard
from bot.core.profile import Profiles
from bot.core.questions import Questions
from bot.core.recommendations import Recommendations
from bot.core.reports import Reports
from bot.core.roles import Roles
from bot.engine.service import RuleService
from bot.kb.service import KnowledgeService
from bot.reports.service import NeedsReports
from bot.storage.broadcasts import BroadcastStore
from bot.storage.database import create_engine, session_factory, upgrade
from bot.storage.profiles import ProfileStore
from bot.storage.repository import Store

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    store: Store
    knowledge: KnowledgeService
    assistant: Assistant
    broadcasts: Broadcasts
    rules: RuleService
    profiles: ProfileStore


def load_content(settings: Settings) -> KnowledgeService:
    """Load and validate content synchronously, so a broken file stops start-up at once."""
    return KnowledgeService(settings.knowledge_dir)


def load_rules(settings: Settings) -> RuleService:
    """Load and validate rules/ synchronously; broken rules stop start-up with every problem."""
    return RuleService(settings.rules_dir, registry_dir(settings.knowledge_dir))


async def open_services(
    settings: Settings,
    knowledge: KnowledgeService | None = None,
    rules: RuleService | None = None,
) -> Services:
    """Content, database (migrated to head) and the core, ready for any adapter."""
    knowledge = knowledge or load_content(settings)
    rules = rules or load_rules(settings)
    engine = create_engine(settings.async_database_url)
    await upgrade(engine)
    sessions = session_factory(engine)
    store = Store(sessions)
    broadcasts = Broadcasts(BroadcastStore(sessions), settings.broadcast_rate)
    for admin_id in settings.admin_ids:
        await store.set_role("telegram", str(admin_id), "admin")
    log.info(
        "services ready: %d knowledge entries, database %s",
        len(knowledge.index.kb),
        engine.url.get_backend_name(),
    )
    profiles = ProfileStore(sessions, store.question_log)
    assistant = build_assistant(store, knowledge, broadcasts, rules, profiles,
                                flood=FloodGuard(limit=settings.flood_limit))
    return Services(settings, engine, store, knowledge, assistant, broadcasts, rules, profiles)


def build_assistant(
    store: Store, knowledge: KnowledgeService, broadcasts: Broadcasts, rules: RuleService,
    profiles: ProfileStore, flood: FloodGuard | None = None,
) -> Assistant:
    """Every feature, in menu order; free text is a question for the knowledge base."""
    questions = Questions(store, knowledge, profiles, rules)
    features: list[Feature] = []
    basics = Basics(store, lambda role: assistant.menu_for(role))
    features += [basics.feature(), questions.feature()]
    features += [Profiles(store, profiles, ask=questions.ask).feature(),
                 Recommendations(store, profiles, rules).feature()]
    features += [Announcements(store, broadcasts).feature(), Roles(store).feature()]
    features.append(Reports(store, NeedsReports(store, profiles, rules, knowledge)).feature())
    assistant = Assistant(store, features, fallback=questions.ask, flood=flood)
    return assistant


async def close_services(services: Services) -> None:
    await services.store.close()
    await services.engine.dispose()
