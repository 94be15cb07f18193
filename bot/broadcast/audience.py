"""Who an announcement goes to: filters over the employee profile, checked in Python.

Filtering in Python keeps SQLite and PostgreSQL identical (their JSON operators differ) and
costs one pass over the subscribers when a broadcast is confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

TEXT_FIELDS = ("instansi", "unit")
CHOICE_FIELDS = ("jenis_jabatan", "jenjang", "status")
GOLONGAN = "golongan"
FIELDS = (*TEXT_FIELDS, *CHOICE_FIELDS, GOLONGAN)

_GOLONGAN_RE = re.compile(r"^(IV|III|II|I)/([A-E])$", re.IGNORECASE)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_LAST_LETTER = {1: "d", 2: "d", 3: "d", 4: "e"}


def normalised(value: object) -> str:
    """Values compare without regard to case or repeated spaces ("Biro  SDM" = "biro sdm")."""
    return " ".join(str(value).split()).casefold()


def golongan_rank(value: object) -> int | None:
    """I/a → 11 … IV/e → 45, in pangkat order; None for anything that is not a PNS golongan."""
    match = _GOLONGAN_RE.match(str(value).strip())
    if match is None:
        return None
    group, letter = _ROMAN[match[1].upper()], match[2].lower()
    if letter > _LAST_LETTER[group]:
        return None
    return group * 10 + "abcde".index(letter) + 1


def golongan_name(rank: int) -> str:
    roman = {v: k for k, v in _ROMAN.items()}[rank // 10]
    return f"{roman}/{'abcde'[rank % 10 - 1]}"


def golongan_range(value: str) -> tuple[int, int]:
    """'III/a-III/d' (or a single golongan) → the ranks of both ends, low first."""
    ranks = []
    for end in value.replace("–", "-").split("-", 1):
        rank = golongan_rank(end)
        if rank is None:
            raise ValueError(f"golongan '{end.strip()}' is not one of I/a … IV/e")
        ranks.append(rank)
    return min(ranks), max(ranks)


@dataclass(frozen=True)
class Audience:
    """Filters that all have to hold; no filters means every subscriber."""

    filters: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Audience:
        audience = cls()
        for field, value in data.items():
            audience = audience.with_filter(str(field), str(value))
        return audience

    @classmethod
    def from_conditions(cls, conditions: Iterable[str]) -> Audience:
        """``FIELD=VALUE`` strings as the shell takes them."""
        audience = cls()
        for condition in conditions:
            field, sep, value = condition.partition("=")
            if not sep or not value.strip():
                raise ValueError(f"'{condition}' is not FIELD=VALUE")
            audience = audience.with_filter(field.strip(), value)
        return audience

    def with_filter(self, field: str, value: str) -> Audience:
        """A copy with ``field`` set to ``value`` (replacing an earlier value for it)."""
        if field not in FIELDS:
            raise ValueError(f"unknown field '{field}'; use one of {', '.join(FIELDS)}")
        value = " ".join(value.split())
        if not value:
            raise ValueError(f"empty value for '{field}'")
        if field == GOLONGAN:
            value = "-".join(dict.fromkeys(golongan_name(r) for r in golongan_range(value)))
        kept = tuple((f, v) for f, v in self.filters if f != field)
        return Audience(tuple(sorted((*kept, (field, value)))))

    def as_dict(self) -> dict[str, str]:
        return dict(self.filters)

    def matches(self, profile: Mapping[str, Any] | None) -> bool:
        if not self.filters:
            return True
        if not profile:
            return False
        for field, value in self.filters:
            actual = profile.get(field)
            if actual is None:
                return False
            if field == GOLONGAN:
                low, high = golongan_range(value)
                rank = golongan_rank(actual)
                if rank is None or not low <= rank <= high:
                    return False
            elif normalised(actual) != normalised(value):
                return False
        return True
