"""What one employee's evaluation means for the agency's plan, and the figures of a group.

The engine already knows each employee's competency gaps, JP owed and which trainings are due;
this module only reads those facts and recommendations and counts them. Per-employee records
never leave the report: only ``tally`` results do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from bot.engine.evaluate import Evaluation
from bot.profile.vocabulary import KOMPETENSI_JENIS
from bot.reports import texts
from bot.reports.anonymity import Cell

GAP_TYPES = KOMPETENSI_JENIS.values
TALENT_BOXES = range(1, 10)
# Rule ids (rules/kepemimpinan.yaml, rules/belajar.yaml) → what the report counts; a test checks
# that every id exists, so renaming a rule cannot silently zero a column.
LEADERSHIP_RULES = {"pkp": "pkp", "pka": "pka", "pkn2_jpt": "pkn2", "pkn2_seleksi": "pkn2",
                    "pkn1": "pkn1"}
STUDY_RULE = "tugas_belajar"


@dataclass(frozen=True)
class Measure:
    """One figure of the report; additive figures add up from units to the whole."""

    key: str
    section: str
    label: str
    additive: bool = True


def _measures() -> tuple[Measure, ...]:
    found = [Measure("pegawai", texts.SECTION_SCOPE, texts.EMPLOYEES)]
    for kind in GAP_TYPES:
        name = KOMPETENSI_JENIS.label(kind)
        found += [
            Measure(f"{kind}_dinilai", texts.SECTION_GAPS, texts.GAP_ASSESSED.format(type=name)),
            Measure(f"{kind}_senjang", texts.SECTION_GAPS, texts.GAP_EMPLOYEES.format(type=name)),
            Measure(f"{kind}_rata", texts.SECTION_GAPS, texts.GAP_AVERAGE.format(type=name),
                    additive=False),
        ]
    found += [Measure("jp_di_bawah", texts.SECTION_JP, texts.JP_BELOW),
              Measure("jp_kurang", texts.SECTION_JP, texts.JP_OWED)]
    found += [Measure(key, texts.SECTION_LEADERSHIP, label)
              for key, label in texts.LEADERSHIP.items()]
    found.append(Measure("tugas_belajar", texts.SECTION_STUDY, texts.STUDY_ELIGIBLE))
    found += [Measure(f"kotak_{box}", texts.SECTION_TALENT, texts.TALENT_BOX.format(box=box))
              for box in TALENT_BOXES]
    return tuple(found)


MEASURES = _measures()


@dataclass(frozen=True)
class EmployeeNeeds:
    """One employee's needs, without anything that identifies them."""

    instansi: str
    unit: str | None
    gaps: dict[str, int]  # competency type → gap in levels, for the types assessed
    jp_owed: int
    leadership: frozenset[str]
    study_eligible: bool
    talent_box: int | None


def needs_of(evaluation: Evaluation) -> EmployeeNeeds:
    facts = evaluation.facts
    recommended = {r.rule.id for r in evaluation.recommendations}
    gaps = {kind: facts[f"kesenjangan_{kind}"] for kind in GAP_TYPES
            if facts.get(f"kesenjangan_{kind}") is not None}
    return EmployeeNeeds(
        instansi=facts["instansi"],
        unit=facts.get("unit"),
        gaps=gaps,
        jp_owed=int(facts["jp_kurang"]),
        leadership=frozenset(LEADERSHIP_RULES[r] for r in recommended & LEADERSHIP_RULES.keys()),
        study_eligible=STUDY_RULE in recommended,
        talent_box=facts.get("kotak_talenta"),
    )


def _count(found: int, population: int) -> Cell:
    return Cell(found, found, population)


def tally(group: Sequence[EmployeeNeeds]) -> dict[str, Cell]:
    """Every measure for one group of employees, before suppression."""
    size = len(group)
    cells = {"pegawai": _count(size, size)}
    for kind in GAP_TYPES:
        assessed = [e.gaps[kind] for e in group if kind in e.gaps]
        gaps = [gap for gap in assessed if gap > 0]
        cells[f"{kind}_dinilai"] = _count(len(assessed), size)
        cells[f"{kind}_senjang"] = _count(len(gaps), len(assessed))
        cells[f"{kind}_rata"] = Cell(round(fmean(gaps), 1) if gaps else 0.0, len(gaps),
                                     len(assessed), mean=True)
    owing = [e.jp_owed for e in group if e.jp_owed > 0]
    cells["jp_di_bawah"] = _count(len(owing), size)
    cells["jp_kurang"] = Cell(sum(owing), len(owing), size)
    for key in texts.LEADERSHIP:
        cells[key] = _count(sum(key in e.leadership for e in group), size)
    cells["tugas_belajar"] = _count(sum(e.study_eligible for e in group), size)
    boxes = [e.talent_box for e in group if e.talent_box is not None]
    for box in TALENT_BOXES:
        cells[f"kotak_{box}"] = _count(boxes.count(box), len(boxes))
    return cells
