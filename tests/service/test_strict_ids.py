"""Odd numbers in ids and buttons get a polite answer and write nothing."""

from __future__ import annotations

import argparse

import pytest

from bot.bootstrap import Services
from bot.broadcast import texts as broadcast_texts
from bot.core import texts as core_texts
from bot.core.broadcasts import DIALOGUE
from bot.ids import id_argument, parse_id, parse_index, parse_user_id
from tests.conftest import Chat

ADMIN = 9000
ODD_IDS = ("²", "00123", "١٢٣", "1" * 70, "99999999999999999999", "-5", "0", "12a", "")


def test_only_ascii_digits_without_leading_zero_in_range_are_ids() -> None:
    assert parse_id("123") == 123 and parse_user_id("734561289") == 734561289
    assert parse_id(str(2**63 - 1)) == 2**63 - 1 and parse_id(str(2**63)) is None
    assert parse_user_id(str(2**52 + 1)) is None
    for odd in ODD_IDS:
        assert parse_id(odd) is None and parse_user_id(odd) is None
    assert parse_index("0", 3) == 0 and parse_index("2", 3) == 2
    assert parse_index("3", 3) is None and parse_index("²", 3) is None
    assert parse_index("01", 3) is None
    with pytest.raises(argparse.ArgumentTypeError):
        id_argument("٣")


async def test_peran_with_an_odd_id_writes_nothing(chat: Chat, services: Services) -> None:
    await chat("/start", user=ADMIN)
    before = len(await services.store.audit_entries("role."))
    for odd in ("²", "00123", "١٢٣", "1" * 70):
        (reply,) = await chat(f"/peran {odd} hr", user=ADMIN)
        assert reply.text == broadcast_texts.ROLE_BAD_ID
        assert reply.menu_changed_for is None
    for external_id in ("²", "00123", "١٢٣", "123", "1" * 70):
        assert await services.store.find_user("telegram", external_id) is None
    assert len(await services.store.audit_entries("role.")) == before


async def test_odd_numeric_button_parts_are_stale_not_crashes(
        chat: Chat, services: Services) -> None:
    await chat("/start", user=ADMIN)
    await chat(press="consent", user=ADMIN)
    for data in ("pf:²:v:x", "pf:01:v:pns", "pf:99999999999999999999:v:x"):
        (notice,) = await chat(press=data, user=ADMIN)
        assert notice.kind == "notice"
    for data in ("sr:pause:²", "sr:pause:99999999999999999999", "sr:stop:00123",
                 "sr:resume:١"):
        (notice,) = await chat(press=data, user=ADMIN)
        assert notice.text == core_texts.STALE_ACTION
    admin = await services.store.find_user("telegram", str(ADMIN))
    assert admin is not None
    await services.store.save_dialogue(admin.id, DIALOGUE, "value", {
        "text": "Pengumuman", "audience": {}, "field": "instansi", "choices": ["A", "B"]})
    for data in ("sr:v:²", "sr:v:2", "sr:v:01", "sr:v:99999999999999999999"):
        (notice,) = await chat(press=data, user=ADMIN)
        assert notice.text == core_texts.STALE_ACTION
    state = await services.store.dialogue(admin.id)
    assert state is not None and state.step == "value"  # nothing was chosen
