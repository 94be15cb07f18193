"""The loaded rule book and what the CLI and the chat ask of it, in one object.

Pure and synchronous: rules are read from disk once (a broken file stops start-up with every
problem listed); evaluating, planning and rendering never touch the disk.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine import explain, texts
from bot.engine.evaluate import Evaluation, evaluate
from bot.engine.loader import DEFAULT_REGISTRY, load_rules
from bot.engine.pdf import plan_pdf
from bot.engine.plan import PlanYear, build_plan, plan_sources
from bot.profile.model import Profile

log = logging.getLogger(__name__)

SUMMARY_FACTS = ("status", "instansi", "unit", "jabatan", "jenis_jabatan", "jenjang", "golongan",
                 "pendidikan", "usia", "masa_kerja_tahun", "predikat_terakhir", "kotak_talenta",
                 "target_jabatan")


@dataclass(frozen=True)
class Advice:
    """Everything recommended for one employee on one day."""

    evaluation: Evaluation
    plan: list[PlanYear]

    def as_json(self) -> dict[str, Any]:
        """The shape ``karierbot recommend --json`` prints (issue 4)."""
        return {
            "recommendations": [
                {"kind": r.rule.kind, "title": r.title, "reason": r.reason,
                 "source": r.rule.source, "rule_id": r.rule.id}
                for r in self.evaluation.recommendations
            ],
            "not_eligible": [
                {"kind": r.rule.kind, "title": r.title, "missing": list(r.missing)}
                for r in self.evaluation.not_eligible
            ],
            "plan": [{"year": p.year, "jp": p.jp, "items": list(p.items)} for p in self.plan],
        }

    def summary(self) -> list[tuple[str, str]]:
        """Profile facts for the plan's header; the NIP is never a fact, so never shown."""
        facts, decls = self.evaluation.facts, self.evaluation.declarations
        return [(decls[name].label, explain.value_text(decls[name], facts[name]))
                for name in SUMMARY_FACTS if facts.get(name) is not None]

    def plan_title(self) -> str:
        return texts.PLAN_TITLE.format(first=self.plan[0].year, last=self.plan[-1].year)

    def pdf(self) -> bytes:
        return plan_pdf(self.plan_title(), self.summary(), self.plan,
                        plan_sources(self.evaluation),
                        (texts.PDF_SUMMARY, texts.PDF_SOURCES, texts.PDF_EMPLOYEE,
                         texts.PDF_SUPERVISOR))

    def why(self, rule_id: str) -> str | None:
        """The "Mengapa?" text for one rule, or None when it does not apply to this profile."""
        result = self.evaluation.result(rule_id)
        if result is None or result.status == "not_applicable":
            return None
        return explain.explanation(result, self.evaluation.thresholds.agency)


class RuleService:
    """Holds the rule book loaded from ``directory``, its basis checked against the regulation
    registry in ``registry_directory``."""

    def __init__(self, directory: Path, registry_directory: Path = DEFAULT_REGISTRY) -> None:
        self.directory = directory
        self.book = load_rules(directory, registry_directory)
        log.info("rules loaded: %d rules, %d facts", len(self.book.rules), len(self.book.facts))

    def advise(self, profile: Profile, today: dt.date | None = None) -> Advice:
        evaluation = evaluate(self.book, profile, today or dt.date.today())
        return Advice(evaluation, build_plan(evaluation))
