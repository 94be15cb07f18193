"""The five-year development plan (Renbangrir / IDP) from an evaluation.

Each rule says where its recommendation lands (``plan:`` in the rule file); this module only
places them: a fixed year, the year a date or a number of years points to, spread over several
years (study), or every year, with the yearly JP target first and nothing after retirement.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from bot.engine import explain, texts
from bot.engine.derived import DAYS_PER_YEAR
from bot.engine.evaluate import Evaluation, RuleResult
from bot.engine.schema import PLAN_YEARS, PlanSpec


@dataclass(frozen=True)
class PlanYear:
    year: int
    jp: int
    items: tuple[str, ...]


def build_plan(evaluation: Evaluation) -> list[PlanYear]:
    """One block per year from the first plan year on, at least the yearly JP in each."""
    facts = evaluation.facts
    first = first_year(evaluation)
    years = list(range(first, first + PLAN_YEARS))
    retirement = facts["tanggal_lahir"].year + int(facts["bup"])
    items: dict[int, list[str]] = {year: [] for year in years}
    for result in evaluation.results:
        spec = result.rule.plan
        if spec is None or not _planned(result, spec):
            continue
        _place(result, spec, evaluation, items)
    jp, first_item = _yearly_jp(evaluation)
    plan: list[PlanYear] = []
    for year in years:
        if year > retirement and plan:
            break
        entries = [first_item, *items[year]]
        if year == retirement or (year == first and retirement < first):
            entries.append(texts.PLAN_RETIREMENT.format(bup=facts["bup"]))
        plan.append(PlanYear(year, jp, tuple(dict.fromkeys(entries))))
    return plan


def first_year(evaluation: Evaluation) -> int:
    """This year; next year once the month the thresholds name (the last quarter) is reached,
    since a plan made in October–December has no room left in the year."""
    today = evaluation.today
    from_month = evaluation.facts["rencana_mulai_tahun_depan_sejak_bulan"]
    late = from_month is not None and today.month >= int(from_month)
    return today.year + (1 if late else 0)


def _planned(result: RuleResult, spec: PlanSpec) -> bool:
    return result.status == "recommended" or (spec.always and result.status == "not_eligible")


def _place(result: RuleResult, spec: PlanSpec, evaluation: Evaluation,
           items: dict[int, list[str]]) -> None:
    facts, decls = evaluation.facts, evaluation.declarations
    text = explain.fill(spec.text, facts, decls) if spec.text else result.title
    if spec.every_year:
        for year_items in items.values():
            year_items.append(text)
        return
    start = _start(spec, evaluation)
    if start is None:
        return
    span_value = facts.get(spec.span) if spec.span else None
    span = max(1, math.ceil(span_value)) if span_value else 1
    for step in range(1, span + 1):
        year = start + step - 1
        if year in items:
            items[year].append(texts.PLAN_SPAN.format(text=text, step=step, total=span)
                               if span > 1 else text)


def _start(spec: PlanSpec, evaluation: Evaluation) -> int | None:
    first = first_year(evaluation)
    if spec.year is not None:
        return first + spec.year - 1
    value = evaluation.facts.get(spec.at or "")
    if value is None:
        return None
    if isinstance(value, dt.date):
        return max(first, value.year)
    landed = evaluation.today + dt.timedelta(days=float(value) * DAYS_PER_YEAR)
    return max(first, landed.year)


def _yearly_jp(evaluation: Evaluation) -> tuple[int, str]:
    """The JP target (PPPK: within the contract-year cap) and the forms, largest gap first."""
    facts = evaluation.facts
    minimum, cap = int(facts["jp_minimal"]), int(facts["jp_maksimal_pppk"])
    order = [facts["jenis_kesenjangan_terbesar"]] if facts["jenis_kesenjangan_terbesar"] else []
    order += [kind for kind in texts.PLAN_FORMS
              if kind not in order and (facts.get(f"kesenjangan_{kind}") or 0) > 0]
    forms = "; ".join(texts.PLAN_FORMS[kind] for kind in order) or texts.PLAN_FORMS_DEFAULT
    if facts["status"] == "pppk":
        jp = min(minimum, cap)
        return jp, texts.PLAN_JP_PPPK.format(jp=jp, cap=cap, forms=forms)
    return minimum, texts.PLAN_JP.format(jp=minimum, forms=forms)


def plan_sources(evaluation: Evaluation) -> list[str]:
    """The regulations behind the plan: every recommendation's and planned item's source."""
    used = [r for r in evaluation.results
            if r.status == "recommended" or (r.rule.plan and _planned(r, r.rule.plan))]
    return list(dict.fromkeys(r.rule.source for r in used))
