"""Evaluate every rule against one employee's facts and keep a full trace.

For each condition the trace holds the actual value, the expected value (and the fact or
threshold it came from) and pass, fail or unknown; explanations and "what is missing" are
generated from it, never written by hand per rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from bot.engine import explain
from bot.engine.book import AgencyThresholds, RuleBook
from bot.engine.facts import collect_facts
from bot.engine.operators import apply
from bot.engine.schema import AllOf, AnyOf, Condition, FactDecl, FactRef, Node, Rule
from bot.profile.model import Profile

Outcome = Literal["pass", "fail", "unknown"]
Status = Literal["recommended", "not_eligible", "not_applicable"]
CONFIDENCE_ORDER = {"H": 0, "M": 1}


@dataclass(frozen=True)
class ConditionTrace:
    condition: Condition
    fact: FactDecl
    actual: Any
    expected: Any
    reference: FactDecl | None
    outcome: Outcome
    unlimited: bool = False  # compared with a limit that is not set
    hint: str | None = None  # filled from facts, shown only when the condition fails
    missing: str | None = None  # filled from facts: the item for people when it fails

    @property
    def passed(self) -> bool:
        return self.outcome == "pass"


@dataclass(frozen=True)
class NodeTrace:
    kind: Literal["all", "any", "not", "condition"]
    passed: bool
    children: tuple[NodeTrace, ...] = ()
    condition: ConditionTrace | None = None


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    status: Status
    when: NodeTrace
    eligible: NodeTrace | None
    title: str
    reason: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Evaluation:
    today: dt.date
    facts: dict[str, Any]
    declarations: dict[str, FactDecl]
    thresholds: AgencyThresholds
    results: tuple[RuleResult, ...]

    @property
    def recommendations(self) -> list[RuleResult]:
        """Applicable and eligible, most important first."""
        return [r for r in self.results if r.status == "recommended"]

    @property
    def not_eligible(self) -> list[RuleResult]:
        return [r for r in self.results if r.status == "not_eligible"]

    def result(self, rule_id: str) -> RuleResult | None:
        return next((r for r in self.results if r.rule.id == rule_id), None)


def evaluate(book: RuleBook, profile: Profile, today: dt.date) -> Evaluation:
    """Every rule's outcome for this profile on ``today``, sorted by priority."""
    facts, thresholds = collect_facts(book, profile, today)
    results = [_rule(rule, facts, book.facts) for rule in book.rules]
    results.sort(key=lambda r: (-r.rule.priority, CONFIDENCE_ORDER[r.rule.confidence],
                                r.rule.id))
    return Evaluation(today, facts, book.facts, thresholds, tuple(results))


def _rule(rule: Rule, facts: dict[str, Any], decls: dict[str, FactDecl]) -> RuleResult:
    when = trace(rule.when, facts, decls)
    eligible = trace(rule.eligible, facts, decls) if rule.eligible is not None else None
    if not when.passed:
        status: Status = "not_applicable"
    elif eligible is None or eligible.passed:
        status = "recommended"
    else:
        status = "not_eligible"
    missing = tuple(explain.missing(eligible)) if status == "not_eligible" and eligible else ()
    return RuleResult(rule, status, when, eligible, explain.fill(rule.title, facts, decls),
                      explain.fill(rule.because, facts, decls), missing)


def trace(node: Node, facts: dict[str, Any], decls: dict[str, FactDecl]) -> NodeTrace:
    if isinstance(node, Condition):
        result = _condition(node, facts, decls)
        return NodeTrace("condition", result.passed, condition=result)
    if isinstance(node, AllOf | AnyOf):
        children = tuple(trace(child, facts, decls) for child in node.children)
        combine = all if isinstance(node, AllOf) else any
        kind: Literal["all", "any"] = "all" if isinstance(node, AllOf) else "any"
        return NodeTrace(kind, combine(c.passed for c in children), children)
    child = trace(node.child, facts, decls)
    return NodeTrace("not", not child.passed, (child,))


def _condition(condition: Condition, facts: dict[str, Any],
               decls: dict[str, FactDecl]) -> ConditionTrace:
    fact = decls[condition.fact]
    actual = facts.get(condition.fact)
    reference = None
    expected = condition.value
    if isinstance(expected, FactRef):
        reference = decls[expected.name]
        expected = facts.get(expected.name)
        if expected is None:
            if reference.null_is_unlimited:
                return ConditionTrace(condition, fact, actual, None, reference, "pass", True)
            return ConditionTrace(condition, fact, actual, None, reference, "unknown")
    verdict = apply(condition.op, fact, actual, expected)
    outcome: Outcome = "unknown" if verdict is None else "pass" if verdict else "fail"
    hint = missing = None
    if outcome == "fail" and condition.hint is not None:
        hint = explain.fill(condition.hint, facts, decls)
    if outcome == "fail" and condition.missing is not None:
        missing = explain.fill(condition.missing, facts, decls)
    return ConditionTrace(condition, fact, actual, expected, reference, outcome, hint=hint,
                          missing=missing)
