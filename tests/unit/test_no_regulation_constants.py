"""No regulation constant in the engine's Python: periods, ages, thresholds, caps and JP figures
live in rules/ with the regulation that sets them.

The scan (AST) allows only 0 and 1 as bare numbers, bounds of pydantic ``Field`` (sanity limits
on data, never advice) and the module constants named below, each with the reason it is not a
regulation. pdf.py is layout (points and millimetres) and is not scanned.
"""

from __future__ import annotations

import ast

from bot.config import REPO_ROOT

ENGINE = REPO_ROOT / "bot" / "engine"
NOT_SCANNED = {"pdf.py": "PDF layout in points and millimetres"}
BARE = {0, 1}
FIELD_BOUNDS = {"ge", "gt", "le", "lt", "min_length", "max_length"}
NOT_REGULATION = {
    "DAYS_PER_YEAR": "calendar arithmetic (365.25 days)",
    "MONTHS_PER_YEAR": "calendar arithmetic",
    "ONE_DECIMAL": "rounding years down to one decimal",
    "PERCENT": "percentages of the predikat table are divided by 100",
    "DECIMALS": "numbers are shown with at most two decimals",
    "PLAN_YEARS": "the plan's horizon, a product choice (five yearly blocks)",
    "MAX_ID": "Telegram's 64-byte callback data limits rule ids",
    "MAX_PRIORITY": "the scale rules order themselves on",
    "DID_YOU_MEAN_CUTOFF": "rapidfuzz score a 'did you mean' needs",
}


def suspicious_numbers(source: str) -> list[tuple[int, float]]:
    """(line, value) of every number literal that is not allowed."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    allowed_assignments = {
        id(node.value) for node in tree.body
        if isinstance(node, ast.Assign) and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name) and node.targets[0].id in NOT_REGULATION}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or type(node.value) not in (int, float):
            continue
        parent = parents.get(node)
        if node.value in BARE or id(node) in allowed_assignments:
            continue
        if isinstance(parent, ast.keyword) and parent.arg in FIELD_BOUNDS:
            continue
        found.append((node.lineno, node.value))
    return sorted(found)


def test_the_engine_holds_no_regulation_constants() -> None:
    found = {path.name: suspicious_numbers(path.read_text(encoding="utf-8"))
             for path in sorted(ENGINE.glob("*.py")) if path.name not in NOT_SCANNED}
    assert {name: numbers for name, numbers in found.items() if numbers} == {}


def test_the_scan_finds_what_the_old_code_had() -> None:
    old = ("KP_MONTHS = (2, 4, 6, 8, 10, 12)\n"
           "def bup(level):\n    return 58 if level else 60\n"
           "JP = {'minimal': 20}\n")
    assert suspicious_numbers(old) == [(1, 2), (1, 4), (1, 6), (1, 8), (1, 10), (1, 12),
                                       (3, 58), (3, 60), (4, 20)]


def test_allowed_names_are_still_used() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in ENGINE.glob("*.py"))
    assert all(f"{name} = " in text for name in NOT_REGULATION), "drop names no longer defined"
