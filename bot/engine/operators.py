"""Comparison operators. Each returns True or False, or None when the fact is unknown.

Ordered enumerations (golongan, predikat, pendidikan, hukuman disiplin) compare by rank, so
``golongan lte III/d`` and ``predikat_2_tahun all_at_least baik`` mean what HR expects.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from bot.engine.schema import FactDecl

_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt, "lte": operator.le, "gt": operator.gt, "gte": operator.ge,
}


def _key(fact: FactDecl, value: Any) -> Any:
    if fact.vocabulary is not None and fact.vocabulary.ordered:
        return fact.vocabulary.rank(value)
    return value


def apply(op: str, fact: FactDecl, actual: Any, expected: Any) -> bool | None:
    """Whether ``actual op expected`` holds for this fact."""
    if op == "exists":
        return (actual is not None and actual != []) is bool(expected)
    if actual is None:
        return None
    if op == "eq":
        return bool(actual == expected)
    if op == "ne":
        return bool(actual != expected)
    if op in _ORDER:
        return _ORDER[op](_key(fact, actual), _key(fact, expected))
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if op == "contains":
        return expected in actual
    if op == "not_contains":
        return expected not in actual
    if op == "all_at_least":
        return bool(actual) and all(_key(fact, a) >= _key(fact, expected) for a in actual)
    raise ValueError(f"unknown operator {op!r}")
