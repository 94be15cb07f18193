"""Is the content current? Review age of entries, and which regulations the content rests on.

``karierbot check`` warns on entries nobody re-checked for a year; ``karierbot content audit``
lists every regulation with what rests on it, so HR can review the base regulation by regulation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.content import ContentProblem, load_yaml
from bot.content.regulations import Registry
from bot.kb.models import KnowledgeBase

REVIEW_MONTHS = 12


def review_due(reviewed: dt.date, today: dt.date, months: int = REVIEW_MONTHS) -> bool:
    """True when at least ``months`` whole months have passed since ``reviewed``."""
    elapsed = ((today.year - reviewed.year) * 12 + today.month - reviewed.month
               - (today.day < reviewed.day))
    return elapsed >= months


def stale_entries(kb: KnowledgeBase, today: dt.date,
                  months: int = REVIEW_MONTHS) -> list[ContentProblem]:
    """A warning for every entry whose ``reviewed`` date is more than ``months`` months old."""
    warnings = []
    for entry in kb.entries:
        if review_due(entry.reviewed, today, months):
            path, line = kb.places.get(entry.id, ("-", 0))
            warnings.append(ContentProblem.at(
                path, line, f"last reviewed {entry.reviewed}, {months} months or more ago: "
                "re-check it against its basis and update reviewed", item_id=entry.id,
                field="reviewed"))
    return sorted(warnings)


def rule_basis(rules_dir: Path) -> dict[str, list[str]]:
    """Regulation id → ids of the rules and thresholds in ``rules/`` that name it in ``basis``.

    Read from the YAML itself, so the audit does not depend on how the engine models a rule.
    """
    cited: dict[str, list[str]] = defaultdict(list)
    files = sorted(rules_dir.rglob("*.yaml")) if rules_dir.is_dir() else []
    for path in files:
        data, problems = load_yaml(path)
        if not problems:
            _collect(data, f"{path.relative_to(rules_dir).with_suffix('')}", cited)
    return dict(cited)


def _collect(node: Any, where: str, cited: dict[str, list[str]], key: str = "?") -> None:
    """Walk the YAML; a mapping with ``basis`` is named by its id, name or the key above it."""
    if isinstance(node, dict):
        basis = node.get("basis")
        if isinstance(basis, list):
            name = f"{where}:{node.get('id') or node.get('name') or key}"
            for regulation_id in basis:
                cited[str(regulation_id)].append(name)
        for child_key, value in node.items():
            if child_key != "basis":
                _collect(value, where, cited, str(child_key))
    elif isinstance(node, list):
        for item in node:
            _collect(item, where, cited, key)


@dataclass(frozen=True)
class AuditRow:
    """One regulation and what rests on it."""

    id: str
    short: str
    title: str
    status: str
    date: dt.date
    confirmed: bool
    entries: tuple[str, ...]
    rules: tuple[str, ...]
    supersedes: tuple[str, ...]
    superseded_by: str | None
    amended_by: tuple[str, ...]
    note: str | None


def audit(kb: KnowledgeBase, rules: dict[str, list[str]]) -> list[AuditRow]:
    """Every regulation in the registry, newest first, with the entries and rules citing it."""
    registry: Registry = kb.registry
    by_regulation: dict[str, list[str]] = defaultdict(list)
    for entry in kb.entries:
        for regulation_id in entry.basis:
            by_regulation[regulation_id].append(entry.id)

    def shorts(ids: list[str]) -> tuple[str, ...]:
        return tuple(registry[i].short if i in registry else i for i in ids)

    rows = [
        AuditRow(
            id=r.id, short=r.short, title=r.title, status=r.status, date=r.date,
            confirmed=r.confirmed, entries=tuple(by_regulation.get(r.id, [])),
            rules=tuple(rules.get(r.id, [])), supersedes=shorts(r.supersedes),
            superseded_by=shorts([r.revoked_by])[0] if r.revoked_by else None,
            amended_by=shorts(r.amended_by), note=r.note)
        for r in registry.regulations.values()
    ]
    return sorted(rows, key=lambda row: (row.date, row.id), reverse=True)


def _status(row: AuditRow) -> str:
    text = row.status
    if row.amended_by:
        text += f" by {', '.join(row.amended_by)}"
    if row.superseded_by:
        text += f" by {row.superseded_by}"
    return text


def format_audit(rows: list[AuditRow]) -> str:
    """A plain listing for the terminal: one line per regulation."""
    lines = []
    for row in rows:
        date = f"{row.date}" + ("" if row.confirmed else " (not confirmed)")
        line = (f"{row.short}: {_status(row)}, in force since {date}; "
                f"{len(row.entries)} entries, {len(row.rules)} rules")
        if row.supersedes:
            line += f"; supersedes {', '.join(row.supersedes)}"
        lines.append(line)
    unconfirmed = sum(not row.confirmed for row in rows)
    lines.append(f"{len(rows)} regulations, {unconfirmed} not confirmed in a public source")
    return "\n".join(lines)


def format_audit_markdown(rows: list[AuditRow], today: dt.date) -> str:
    """The audit as a Markdown report: a summary table, then what rests on each regulation."""
    out = [
        "# Content audit: the regulations the assistant rests on",
        "",
        f"Generated by `karierbot content audit --markdown` on {today}. Newest first. "
        "\"Confirmed\" says whether the date and status were checked in a public source; "
        "answers resting on an unconfirmed regulation tell the employee to check with their "
        "BKPSDM. How to review and update: docs/content.md.",
        "",
        "| Regulation | Status | In force since | Confirmed | Entries | Rules | Supersedes |",
        "|---|---|---|---|---:|---:|---|",
    ]
    for row in rows:
        out.append(
            f"| {row.short} | {_status(row)} | {row.date} | "
            f"{'yes' if row.confirmed else '**no**'} | {len(row.entries)} | {len(row.rules)} | "
            f"{', '.join(row.supersedes) or '-'} |")
    unconfirmed = sum(not row.confirmed for row in rows)
    out += ["", f"{len(rows)} regulations; {unconfirmed} not yet confirmed.", "",
            "## What rests on each regulation", ""]
    for row in rows:
        out.append(f"### {row.short} (`{row.id}`)")
        out.append("")
        out.append(f"{row.title}.")
        if row.note:
            out.append(f"Note: {row.note}")
        out.append("")
        out.append(f"- Entries ({len(row.entries)}): {', '.join(row.entries) or '-'}")
        out.append(f"- Rules ({len(row.rules)}): {', '.join(row.rules) or '-'}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
