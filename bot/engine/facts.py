"""The fact values for one employee on one day: profile fields, thresholds, derived facts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.engine.book import AgencyThresholds, RuleBook
from bot.engine.derived import DERIVATIONS, Context
from bot.profile.model import Profile


def collect_facts(book: RuleBook, profile: Profile,
                  today: dt.date) -> tuple[dict[str, Any], AgencyThresholds]:
    """Every declared fact's value (None when unknown) and the thresholds in force."""
    thresholds = book.thresholds_for(profile.instansi)
    context = Context(profile, today, book.career, thresholds.values)
    values: dict[str, Any] = {}
    for name, fact in book.facts.items():
        if fact.origin == "profile":
            values[name] = getattr(profile, name)
        elif fact.origin == "threshold":
            values[name] = thresholds.values[name]
        else:
            values[name] = DERIVATIONS[name](context)
    return values, thresholds
