"""Two senders on one PostgreSQL database never claim the same delivery, and never wait."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.bootstrap import Services
from bot.broadcast.audience import Audience
from bot.storage.broadcasts import BroadcastStore, Claim
from bot.storage.database import create_engine, session_factory
from bot.storage.models import Delivery, utcnow
from tests.service.test_broadcast_sender import seed_subscribers

LEASE = dt.timedelta(seconds=30)
# SKIP LOCKED is PostgreSQL's; SQLite has one writer at a time, so there is nothing to race.
pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
async def second_store(services: Services) -> AsyncIterator[BroadcastStore]:
    engine = create_engine(services.settings.async_database_url)
    yield BroadcastStore(session_factory(engine))
    await engine.dispose()


async def claim_all(store: BroadcastStore, size: int) -> list[Claim]:
    taken: list[Claim] = []
    while batch := await store.claim(size, LEASE, utcnow()):
        taken += batch
        await asyncio.sleep(0)
    return taken


async def test_concurrent_senders_take_disjoint_rows(
        services: Services, second_store: BroadcastStore) -> None:
    await seed_subscribers(services, 600)
    await services.broadcasts.create("Serentak.", Audience(), created_by=None)
    first_store = services.broadcasts.store
    await first_store.start_due(utcnow())

    results = await asyncio.gather(*(claim_all(s, 7) for s in
                                     (first_store, second_store) * 3))
    ids = [claim.id for taken in results for claim in taken]
    assert len(ids) == len(set(ids)) == 600
    assert all(len(taken) > 0 for taken in results)  # they really ran side by side


async def test_a_claim_skips_rows_another_transaction_holds(
        services: Services, second_store: BroadcastStore) -> None:
    await seed_subscribers(services, 30)
    await services.broadcasts.create("Terkunci.", Audience(), created_by=None)
    await services.broadcasts.store.start_due(utcnow())
    async with services.engine.connect() as holder:
        transaction = await holder.begin()
        locked = list((await holder.execute(
            select(Delivery.id).order_by(Delivery.id).limit(10).with_for_update())).scalars())
        claims = await asyncio.wait_for(second_store.claim(10, LEASE, utcnow()), timeout=5)
        await transaction.rollback()
    assert {c.id for c in claims}.isdisjoint(locked) and len(claims) == 10
