"""Measure the assistant against a question file (the format of shared/eval/questions.yaml).

A question counts as answered correctly only when the assistant answers directly and the answer
contains every expected group (any alternative, case-insensitive, as a whole word or phrase).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter

from bot.kb.search import KnowledgeIndex


class EvalQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    q: str
    expect: list[list[str]] = []
    oos: bool = False


@dataclass
class Miss:
    question: str
    decision: str
    entry_id: str | None
    reason: str


@dataclass
class EvalReport:
    in_scope: int = 0
    correct: int = 0
    top3: int = 0
    out_of_scope: int = 0
    declined: int = 0
    confident_wrong: int = 0
    misses: list[Miss] = field(default_factory=list)
    number_questions: int = 0  # answered "berapa/kapan" questions
    number_not_first: list[str] = field(default_factory=list)  # their entries lacking it first

    @property
    def correct_rate(self) -> float:
        return self.correct / self.in_scope if self.in_scope else 1.0

    @property
    def declined_rate(self) -> float:
        return self.declined / self.out_of_scope if self.out_of_scope else 1.0

    @property
    def recall_at_3(self) -> float:
        return self.top3 / self.in_scope if self.in_scope else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "correct_rate": round(self.correct_rate, 4),
            "recall_at_3": round(self.recall_at_3, 4),
            "declined_rate": round(self.declined_rate, 4),
            **asdict(self),
        }


# Legal style spells numbers out after the digits, "4 (empat) tahun"; it says "4 tahun".
_SPELLED_OUT = re.compile(r"(\d)\s*\([a-z ]+\)", re.IGNORECASE)


NUMBER_QUESTION = frozenset({"berapa", "kapan"})
_DIGIT = re.compile(r"\d")


def leads_with_number(answer: str) -> bool:
    """A "berapa/kapan" answer states its number in the first line (the key fact first)."""
    return _DIGIT.search(answer.strip().split("\n", 1)[0]) is not None


def matches_expectation(text: str, groups: list[list[str]]) -> bool:
    text = _SPELLED_OUT.sub(r"\1", text)
    return all(any(_contains(text, alt) for alt in group) for group in groups)


def _contains(text: str, phrase: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(phrase.casefold()) + r"(?!\w)"
    return re.search(pattern, text.casefold()) is not None


def load_questions(path: Path) -> list[EvalQuestion]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return TypeAdapter(list[EvalQuestion]).validate_python(data)


def evaluate(index: KnowledgeIndex, questions: list[EvalQuestion]) -> EvalReport:
    report = EvalReport()
    for item in questions:
        result = index.search(item.q)
        best = result.best
        entry_id = best.entry.id if best else None
        if item.oos:
            report.out_of_scope += 1
            if result.decision in ("decline", "empty"):
                report.declined += 1
            else:
                if result.answered:
                    report.confident_wrong += 1
                report.misses.append(Miss(item.q, result.decision, entry_id, "out of scope"))
            continue
        report.in_scope += 1
        if any(matches_expectation(m.entry.answer, item.expect) for m in result.matches[:3]):
            report.top3 += 1
        if result.answered and best and matches_expectation(best.entry.answer, item.expect):
            report.correct += 1
            if not NUMBER_QUESTION.isdisjoint(result.terms):
                report.number_questions += 1
                if not leads_with_number(best.entry.answer):
                    report.number_not_first.append(best.entry.id)
            continue
        if result.answered:
            report.confident_wrong += 1
            reason = "answered with an entry that lacks the expected terms"
        else:
            reason = "not answered directly"
        report.misses.append(Miss(item.q, result.decision, entry_id, reason))
    return report


def evaluate_file(index: KnowledgeIndex, path: Path) -> EvalReport:
    return evaluate(index, load_questions(path))


def format_report(report: EvalReport) -> str:
    lines = [
        f"answered correctly (in scope): {report.correct}/{report.in_scope} "
        f"= {report.correct_rate:.1%}",
        f"right entry in top 3:          {report.top3}/{report.in_scope} "
        f"= {report.recall_at_3:.1%}",
        f"declined (out of scope):       {report.declined}/{report.out_of_scope} "
        f"= {report.declined_rate:.1%}",
        f"wrong but confident:           {report.confident_wrong}",
        f"berapa/kapan answered with the number in the first line: "
        f"{report.number_questions - len(report.number_not_first)}/{report.number_questions}",
    ]
    if report.number_not_first:
        lines.append("  number not in the first line: "
                     + ", ".join(sorted(set(report.number_not_first))))
    if report.misses:
        lines.append("misses:")
        lines += [
            f"  - [{m.decision}] {m.question!r} → {m.entry_id or '-'} ({m.reason})"
            for m in report.misses
        ]
    return "\n".join(lines)
