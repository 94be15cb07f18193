"""Small-cell suppression, so that no employee can be singled out from a report.

A figure that describes fewer than ``MIN_EMPLOYEES`` employees (or is taken from a group that
small) is hidden as "<3". Counts and sums add up from units to their instansi and from instansi
to the whole; where a hidden figure could be worked out from the others, one more figure of
the same sum is hidden, shown as "x" (complementary suppression), until no sum has a lone hidden
figure or hidden figures that could only be 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from bot.reports import texts

MIN_EMPLOYEES = 3

Hidden = Literal["small", "complement"]


@dataclass(frozen=True)
class Cell:
    """One figure. ``employees`` is how many employees it is made of; ``population`` the group
    it is taken from (the row's employees, or those assessed); ``mean`` marks an average."""

    value: float
    employees: int
    population: int
    mean: bool = False
    hidden: Hidden | None = None

    @property
    def too_small(self) -> bool:
        return 0 < self.employees < MIN_EMPLOYEES or 0 < self.population < MIN_EMPLOYEES

    def text(self) -> str:
        if self.hidden == "small":
            return texts.SMALL
        if self.hidden == "complement":
            return texts.COMPLEMENT
        if self.mean:
            return f"{self.value:.1f}" if self.employees else texts.NOT_APPLICABLE
        return str(round(self.value))


@dataclass
class Row:
    """The figures of one group of employees (an instansi, a unit of it, or everyone)."""

    instansi: str
    unit: str
    cells: dict[str, Cell]


def count_text(employees: int) -> str:
    """A count of employees outside the tables, hidden by the same rule."""
    return texts.SMALL if 0 < employees < MIN_EMPLOYEES else str(employees)


def hide_small(row: Row) -> None:
    """Primary suppression: every figure of too few employees becomes "<3"."""
    for key, cell in row.cells.items():
        if cell.too_small:
            row.cells[key] = replace(cell, hidden="small")


def protect_sums(sums: Sequence[tuple[Row, Sequence[Row]]], additive: Iterable[str]) -> None:
    """Complementary suppression over ``(total, parts)`` sums, repeated until stable because
    hiding a figure in one sum can leave a single hidden figure in another."""
    keys = list(additive)
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            for key in keys:
                changed |= _protect(key, total, parts)


def _protect(key: str, total: Row, parts: Sequence[Row]) -> bool:
    """Hide one more figure of ``total = sum(parts)`` when the hidden ones could be worked out:
    a lone hidden figure is the others' difference, and hidden parts are all 0 when the shown
    parts already make up the total (counts are never negative)."""
    hidden = [row for row in parts if row.cells[key].hidden is not None]
    shown = [row for row in parts if row.cells[key].hidden is None]
    whole = total.cells[key]
    if whole.hidden is not None:
        if hidden or not shown:
            return False
        fallback = shown
    else:
        left = whole.value - sum(row.cells[key].value for row in shown)
        if not hidden or (len(hidden) > 1 and left > 0) or whole.value == 0:
            return False  # nothing hidden, not recoverable, or a total of 0 says it all
        fallback = [total]
    # a hidden 0 would leave the sum as easy to work out as before
    victims = [row for row in shown if row.cells[key].value > 0] or fallback
    victim = min(victims, key=lambda row: row.cells[key].value)
    victim.cells[key] = replace(victim.cells[key], hidden="complement")
    return True
