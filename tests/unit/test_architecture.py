"""The core does not know Telegram: only the Telegram adapter may import it."""

from __future__ import annotations

import ast

from bot.config import REPO_ROOT

ADAPTER = REPO_ROOT / "bot" / "adapters" / "telegram"


def imported_roots(source: str) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_only_the_telegram_adapter_imports_telegram() -> None:
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in (REPO_ROOT / "bot").rglob("*.py")
        if ADAPTER not in path.parents and "telegram" in imported_roots(path.read_text())
    ]
    assert offenders == []
    assert "telegram" in imported_roots((ADAPTER / "app.py").read_text())
