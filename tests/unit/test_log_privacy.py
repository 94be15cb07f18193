"""The log filter masks NIP-shaped numbers and the current update's text and ids."""

from __future__ import annotations

import logging

from bot import log_privacy
from bot.log_privacy import MASK, PrivacyFilter, mask


def test_nip_shaped_numbers_are_masked_in_any_grouping() -> None:
    for nip in ("197702032005011004", "19770203 200501 1 004", "19770203.200501.1.004"):
        assert mask(f"nip={nip}, lagi") == f"nip={MASK}, lagi"
    assert mask("update 1234567890123456789012") == "update 1234567890123456789012"  # 22 digits
    assert mask("17 digits 12345678901234567") == "17 digits 12345678901234567"


def test_the_current_updates_text_and_ids_are_masked_only_while_it_runs() -> None:
    with log_privacy.sensitive([734561289, "gaji saya berapa bulan ini", None]):
        assert mask("user 734561289 update 7345612890") == f"user {MASK} update 7345612890"
        assert mask("KeyError: 'saya berapa'") == f"KeyError: '{MASK}'"
        assert mask("x gaji saya berapa bulan ini y") == f"x {MASK} y"
    assert mask("user 734561289") == "user 734561289"


def test_the_filter_renders_arguments_and_tracebacks_masked() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "nip %s", ("197702032005011004",),
                               None)
    try:
        raise ValueError("NIP 197702032005011004 ditolak")
    except ValueError:
        import sys
        record.exc_info = sys.exc_info()
    assert PrivacyFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert "197702032005011004" not in formatted
    assert "ValueError: NIP " + MASK in formatted
