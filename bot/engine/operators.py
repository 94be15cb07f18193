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
    """The comparable form; None for a value outside the fact's scale (a PPPK golongan IX
    against the PNS golongan ruang), which makes the comparison unknown, never wrong."""
    if fact.vocabulary is not None and fact.vocabulary.ordered:
        return fact.vocabulary.ranks.get(value)
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
        left, right = _key(fact, actual), _key(fact, expected)
        return None if left is None or right is None else _ORDER[op](left, right)
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if op == "contains":
        return expected in actual
    if op == "not_contains":
        return expected not in actual
    if op == "all_at_least":
        keys, floor = [_key(fact, a) for a in actual], _key(fact, expected)
        if floor is None or None in keys:
            return None
        return bool(keys) and all(key >= floor for key in keys)
    raise ValueError(f"unknown operator {op!r}")
