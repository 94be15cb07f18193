"""Plain Indonesian from the trace: values, conditions, what is missing, and "Mengapa?"."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from bot.engine import texts
from bot.engine.schema import FactDecl

DECIMALS = 2  # shown in numbers: display, not regulation

if TYPE_CHECKING:
    from bot.engine.evaluate import ConditionTrace, NodeTrace, RuleResult


def number(value: float) -> str:
    """``1.5`` → ``1,5``; whole numbers without decimals; at most two decimals."""
    rounded = round(float(value), DECIMALS)
    if rounded.is_integer():
        return str(int(rounded))
    return f"{rounded:.{DECIMALS}f}".rstrip("0").replace(".", ",")


def date(value: dt.date) -> str:
    return f"{value.day} {texts.MONTHS[value.month - 1]} {value.year}"


def value_text(fact: FactDecl, value: Any, *, with_unit: bool = True) -> str:
    """A fact value as an employee reads it: labels for codes, units for numbers."""
    if value is None:
        return texts.UNKNOWN
    if isinstance(value, bool):
        return texts.YES if value else texts.NO
    if isinstance(value, tuple | list):
        return ", ".join(value_text(fact, v, with_unit=with_unit) for v in value) or (
            texts.NONE_YET)
    if fact.vocabulary is not None:
        return fact.vocabulary.label(str(value))
    if isinstance(value, dt.date):
        return date(value)
    if isinstance(value, int | float):
        shown = number(value)
        return f"{shown} {fact.unit}" if with_unit and fact.unit else shown
    return str(value)


def fill(template: str, facts: dict[str, Any], decls: dict[str, FactDecl]) -> str:
    """A rule's title or reason with ``{fact}`` placeholders replaced by readable values."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(literal)
        if name is not None:
            parts.append(value_text(decls[name], facts.get(name), with_unit=False))
    return "".join(parts)


def requirement(item: ConditionTrace) -> str:
    op = item.condition.op
    if op == "exists":
        return texts.EXISTS_TRUE if item.condition.value else texts.EXISTS_FALSE
    if item.unlimited:
        return texts.UNLIMITED
    shown = value_text(item.fact, item.expected)
    if op in ("in", "not_in") and len(item.expected) > 1:
        values = [value_text(item.fact, v) for v in item.expected]
        shown = ", ".join(values[:-1]) + texts.OR + values[-1]
    if item.reference is not None:
        shown = texts.REFERENCE.format(value=shown, label=item.reference.label.lower())
    if item.fact.type == "bool" and op == "eq":
        return shown
    phrases = texts.OPERATOR_PHRASES
    if item.fact.type == "choice" and op in texts.ORDERED_CHOICE_PHRASES:
        phrases = {**phrases, **texts.ORDERED_CHOICE_PHRASES}
    return phrases[op].format(value=shown)


def condition_text(item: ConditionTrace) -> str:
    if item.outcome == "unknown":
        return texts.CONDITION_UNKNOWN.format(label=item.fact.label,
                                              requirement=requirement(item))
    text = texts.CONDITION.format(label=item.fact.label,
                                  actual=value_text(item.fact, item.actual),
                                  requirement=requirement(item))
    return text if item.hint is None else texts.HINT.format(text=text, hint=item.hint)


def missing_text(item: ConditionTrace) -> str:
    """An unmet requirement as a sentence for the employee: the rule's own ``missing`` text,
    else the fact, its value and what is required, without the check-list's brackets."""
    if item.outcome == "unknown":
        return texts.MISSING_UNKNOWN.format(label=item.fact.label)
    if item.missing is not None:
        text = item.missing
    else:
        text = texts.MISSING.format(label=item.fact.label,
                                    actual=value_text(item.fact, item.actual),
                                    requirement=requirement(item))
    return text if item.hint is None else texts.HINT.format(text=text, hint=item.hint)


def missing(node: NodeTrace) -> Iterator[str]:
    """What failed in an eligibility tree, one readable item per unmet requirement."""
    if node.passed:
        return
    if node.condition is not None:
        yield missing_text(node.condition)
    elif node.kind == "all":
        for child in node.children:
            yield from missing(child)
    elif node.kind == "any":
        options = ["; ".join(missing(child)) for child in node.children]
        yield texts.ANY_OF.format(items=texts.OR.join(options))
    else:
        yield texts.NOT.format(item="; ".join(_passed(node.children[0])))


def _passed(node: NodeTrace) -> Iterator[str]:
    if node.condition is not None:
        yield condition_text(node.condition)
    for child in node.children:
        if child.passed:
            yield from _passed(child)


def _lines(node: NodeTrace, depth: int = 0) -> Iterator[str]:
    if node.condition is not None:
        mark = {"pass": texts.MARK_PASS, "fail": texts.MARK_FAIL,
                "unknown": texts.MARK_UNKNOWN}[node.condition.outcome]
        yield f"{'  ' * depth}{mark} {condition_text(node.condition)}"
        return
    if node.kind == "not":
        yield f"{'  ' * depth}{texts.NOT.format(item='')}".rstrip()
    elif node.kind == "any":
        yield f"{'  ' * depth}{texts.ANY_OF.format(items='')}".rstrip()
    nested = depth + (0 if node.kind == "all" else 1)
    for child in node.children:
        yield from _lines(child, nested)


def explanation(result: RuleResult, agency: str | None = None) -> str:
    """The full "Mengapa?" text for one rule result, from its trace."""
    rule = result.rule
    parts = [texts.WHY_REASON.format(reason=result.reason), "",
             texts.WHY_WHEN, *_lines(result.when)]
    if result.eligible is not None:
        header = texts.WHY_ELIGIBLE if result.eligible.passed else texts.WHY_MISSING
        parts += ["", header, *_lines(result.eligible)]
    since = "" if rule.since is None else texts.WHY_SINCE.format(date=date(rule.since))
    parts += ["", texts.WHY_SOURCE.format(source=rule.source) + since,
              texts.WHY_CONFIDENCE.format(confidence=texts.CONFIDENCE[rule.confidence])]
    if not rule.confirmed:
        parts.append(texts.WHY_UNCONFIRMED)
    if agency:
        parts.append(texts.WHY_AGENCY.format(agency=agency))
    if rule.practice:
        parts += ["", texts.PRACTICE_NOTE]
    return "\n".join(parts)
