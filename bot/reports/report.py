"""The needs analysis: every stored profile evaluated by the rule book, counted per instansi and
unit, small cells suppressed. Pure and synchronous (callers run it off the event loop)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.engine.book import RuleBook
from bot.engine.evaluate import evaluate
from bot.profile.model import ProfileError, parse_profile
from bot.reports import texts
from bot.reports.anonymity import Row, count_text, hide_small, protect_sums
from bot.reports.needs import MEASURES, EmployeeNeeds, needs_of, tally
from bot.reports.usage import Usage


@dataclass(frozen=True)
class Agency:
    """An instansi's total and its units."""

    total: Row
    units: tuple[Row, ...]


@dataclass(frozen=True)
class NeedsReport:
    """``overall`` sums up several instansi (None for one); ``skipped`` profiles no longer
    validate and are not counted."""

    today: dt.date
    employees: int
    skipped: int
    overall: Row | None
    agencies: tuple[Agency, ...]
    usage: Usage

    @property
    def top(self) -> Row | None:
        """The row that sums up the whole report."""
        return self.overall or (self.agencies[0].total if self.agencies else None)

    @property
    def rows(self) -> list[Row]:
        found = [] if self.overall is None else [self.overall]
        for agency in self.agencies:
            found += [agency.total, *agency.units]
        return found

    def scope(self) -> str:
        if not self.agencies:
            return texts.SCOPE_NONE
        employees = count_text(self.employees)
        if len(self.agencies) == 1:
            return texts.SCOPE_ONE.format(employees=employees,
                                          instansi=self.agencies[0].total.instansi)
        return texts.SCOPE_ALL.format(employees=employees, agencies=len(self.agencies))


def _same(name: str) -> str:
    return " ".join(name.split()).casefold()


def assess(stored: Iterable[Mapping[str, Any]], book: RuleBook, today: dt.date,
           instansi: str | None = None) -> tuple[list[EmployeeNeeds], int]:
    """Each valid profile's needs (of one instansi, when asked) and how many were skipped."""
    found, skipped = [], 0
    for data in stored:
        if instansi is not None and _same(str(data.get("instansi", ""))) != _same(instansi):
            continue
        try:
            profile = parse_profile(data, today)
        except ProfileError:
            skipped += 1
            continue
        found.append(needs_of(evaluate(book, profile, today)))
    return found, skipped


def _grouped(employees: Iterable[EmployeeNeeds],
             key: Callable[[EmployeeNeeds], str]) -> dict[str, list[EmployeeNeeds]]:
    """Groups by a name, ignoring case and spacing; the first spelling seen names the group."""
    groups: dict[str, list[EmployeeNeeds]] = defaultdict(list)
    names: dict[str, str] = {}
    for employee in employees:
        name = key(employee)
        groups[names.setdefault(_same(name), name)].append(employee)
    return dict(sorted(groups.items(), key=lambda item: _same(item[0])))


def build_agencies(employees: Sequence[EmployeeNeeds]) -> tuple[Row | None, tuple[Agency, ...]]:
    """Totals and units with every measure, suppressed so that nobody can be singled out."""
    agencies = []
    for instansi, members in _grouped(employees, lambda e: e.instansi).items():
        units = _grouped(members, lambda e: e.unit or texts.NO_UNIT)
        agencies.append(Agency(Row(instansi, texts.ALL_UNITS, tally(members)), tuple(
            Row(instansi, unit, tally(group)) for unit, group in units.items())))
    sums: list[tuple[Row, Sequence[Row]]] = [(a.total, a.units) for a in agencies]
    overall = None
    if len(agencies) > 1:
        overall = Row(texts.ALL_AGENCIES, texts.ALL_UNITS, tally(employees))
        sums.append((overall, [a.total for a in agencies]))
    for total, parts in sums:
        for row in (total, *parts):
            hide_small(row)
    protect_sums(sums, [m.key for m in MEASURES if m.additive])
    return overall, tuple(agencies)


def compile_report(stored: Iterable[Mapping[str, Any]], book: RuleBook, today: dt.date,
                   usage: Usage, instansi: str | None = None) -> NeedsReport:
    employees, skipped = assess(stored, book, today, instansi)
    overall, agencies = build_agencies(employees)
    return NeedsReport(today, len(employees), skipped, overall, agencies, usage)
