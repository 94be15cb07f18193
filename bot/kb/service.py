"""The live knowledge base: built at start-up and swapped whole on reload, never half-loaded."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.kb.decision import load_decision
from bot.kb.language import load_language
from bot.kb.loader import load_knowledge
from bot.kb.normalise import Normaliser
from bot.kb.search import KnowledgeIndex, SearchResult

log = logging.getLogger(__name__)
DECISION_FILE = "decision.yaml"


def build_index(directory: Path) -> KnowledgeIndex:
    """Load entries, language data and the decision model; raises ContentError if broken."""
    language = load_language(directory / "language")
    decision = load_decision(directory / "language" / DECISION_FILE)
    return KnowledgeIndex(load_knowledge(directory), Normaliser(language), decision)


class KnowledgeService:
    """Holds the current index; a failed reload leaves the running one untouched."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.index = build_index(directory)

    def search(self, text: str) -> SearchResult:
        return self.index.search(text)

    def reload(self) -> int:
        """Rebuild from disk and swap; returns the entry count or raises ContentError."""
        fresh = build_index(self.directory)
        self.index = fresh
        log.info("knowledge base reloaded: %d entries", len(fresh.kb))
        return len(fresh.kb)
