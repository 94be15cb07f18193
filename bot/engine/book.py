"""Everything loaded from rules/: declared facts, rules, the career map and thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.engine.careermap import CareerMap
from bot.engine.schema import FactDecl, Rule
from bot.engine.thresholds import AgencyOverrides, DefaultThresholds, agency_slug


@dataclass(frozen=True)
class AgencyThresholds:
    """The thresholds in force for one employee, and where each value comes from."""

    agency: str | None
    values: dict[str, Any]
    sources: dict[str, str]


@dataclass(frozen=True)
class RuleBook:
    facts: dict[str, FactDecl]
    rules: tuple[Rule, ...]
    career: CareerMap
    defaults: DefaultThresholds
    agencies: dict[str, AgencyOverrides]

    def thresholds_for(self, instansi: str) -> AgencyThresholds:
        """Defaults, with the values the employee's agency file overrides."""
        values = {name: t.value for name, t in self.defaults.thresholds.items()}
        sources = {name: t.source for name, t in self.defaults.thresholds.items()}
        overrides = self.agencies.get(agency_slug(instansi))
        if overrides is None:
            return AgencyThresholds(None, values, sources)
        for name, override in overrides.thresholds.items():
            values[name], sources[name] = override.value, override.source
        return AgencyThresholds(overrides.agency, values, sources)
