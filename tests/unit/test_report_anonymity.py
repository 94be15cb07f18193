"""Small-cell suppression: nobody can be singled out, not even by subtracting shown figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from bot.config import REPO_ROOT
from bot.engine.service import RuleService
from bot.reports.anonymity import Cell, Row, hide_small, protect_sums
from bot.reports.needs import LEADERSHIP_RULES, MEASURES, STUDY_RULE
from bot.reports.report import NeedsReport, compile_report
from bot.reports.usage import Usage
from tests.support.profiles import synthetic

TODAY = dt.date(2025, 7, 1)


@pytest.fixture(scope="module")
def rules() -> RuleService:
    return RuleService(REPO_ROOT / "rules")


def row(unit: str, value: int, population: int | None = None) -> Row:
    return Row("Instansi", unit, {"n": Cell(value, value, population or value)})


def shown(rows: Sequence[Row]) -> list[str]:
    return [r.cells["n"].text() for r in rows]


def suppress(total: Row, parts: list[Row]) -> None:
    for r in (total, *parts):
        hide_small(r)
    protect_sums([(total, parts)], ["n"])


def test_a_figure_of_one_or_two_employees_is_hidden_and_zero_is_not() -> None:
    rows = [row("a", 0, 5), row("b", 1), row("c", 2), row("d", 3), row("e", 0, 2)]
    for r in rows:
        hide_small(r)
    assert shown(rows) == ["0", "<3", "<3", "3", "<3"]


def test_a_lone_hidden_part_takes_the_smallest_other_part_with_it() -> None:
    total, parts = row("all", 14), [row("a", 1), row("b", 4), row("c", 9)]
    suppress(total, parts)
    assert shown([total, *parts]) == ["14", "<3", "x", "9"]


def test_hidden_parts_that_could_only_be_zero_are_protected_too() -> None:
    # a (1 employee, none counted) and b (2, none) are hidden, but 5 = 5 + a + b shows both are 0
    total = row("all", 5, 8)
    parts = [row("a", 0, 1), row("b", 0, 2), row("c", 5)]
    suppress(total, parts)
    assert shown([total, *parts]) == ["5", "<3", "<3", "x"]


def test_a_total_of_zero_says_everything_already() -> None:
    total, parts = row("all", 0, 6), [row("a", 0, 1), row("b", 0, 5)]
    suppress(total, parts)
    assert shown([total, *parts]) == ["0", "<3", "0"]


def test_a_hidden_total_is_not_left_as_the_sum_of_shown_parts() -> None:
    total, parts = row("all", 7), [row("a", 7)]
    total.cells["n"] = Cell(7, 7, 7, hidden="complement")
    protect_sums([(total, parts)], ["n"])
    assert shown([total, *parts]) == ["x", "x"]


def recoverable(report: NeedsReport) -> list[str]:
    """Sums of the report in which a hidden figure could be worked out from shown ones."""
    sums: list[tuple[Row, Sequence[Row]]] = [(a.total, a.units) for a in report.agencies]
    if report.overall is not None:
        sums.append((report.overall, [a.total for a in report.agencies]))
    found = []
    for total, parts in sums:
        for measure in (m for m in MEASURES if m.additive):
            key = measure.key
            cells = [p.cells[key] for p in parts]
            hidden = [c for c in cells if c.hidden]
            whole = total.cells[key]
            if whole.hidden:
                if not hidden:
                    found.append(f"{total.instansi} {key}: total = sum of shown parts")
                continue
            left = whole.value - sum(c.value for c in cells if not c.hidden)
            if whole.value > 0 and (len(hidden) == 1 or (hidden and left == 0)):
                found.append(f"{total.instansi} {key}: hidden parts = {left}")
    return found


def test_every_small_cell_of_a_large_report_stays_hidden(rules: RuleService) -> None:
    profiles = synthetic(400, seed=3)
    for number in range(0, 400, 37):  # units of one or two employees
        profiles[number]["unit"] = f"Unit kecil {number % 2}"
    report = compile_report(profiles, rules.book, TODAY, Usage(TODAY, 0, 0, ()))
    assert report.skipped == 0 and report.employees == 400
    cells = [c for r in report.rows for c in r.cells.values()]
    assert {c.hidden for c in cells if c.too_small} == {"small"}
    assert any(c.hidden == "complement" for c in cells)
    assert recoverable(report) == []


def test_the_rules_the_report_counts_exist(rules: RuleService) -> None:
    ids = {rule.id for rule in rules.book.rules}
    assert set(LEADERSHIP_RULES) | {STUDY_RULE} <= ids
