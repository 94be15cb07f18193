"""The live knowledge base: built at start-up and swapped whole on reload, never half-loaded."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.kb.language import load_language
from bot.kb.loader import load_knowledge
from bot.kb.normalise import Normaliser
from bot.kb.search import KnowledgeIndex, SearchResult, Thresholds

log = logging.getLogger(__name__)


def build_index(directory: Path, thresholds: Thresholds | None = None) -> KnowledgeIndex:
    """Load entries and language data from ``directory``; raises ContentError if broken."""
    language = load_language(directory / "language")
    return KnowledgeIndex(load_knowledge(directory), Normaliser(language), thresholds)


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
