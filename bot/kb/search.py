"""Find the entry that answers a question, and know when none does.

BM25 over each entry's phrasings ranks the candidates (the answer text counts a little); the
decision to answer, to ask "Maksud Anda…?" or to decline rests on *coverage*: the IDF-weighted
share of the query's terms that the candidate entry uses at all. A word the knowledge base has
never seen ("bolu", "liga") weighs as much as the rarest word, so out-of-scope questions fall
below the bar instead of landing on the nearest entry. Raw BM25 scores are not comparable
across queries; they serve only for ranking and the margin between the first two candidates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import bm25s
import numpy as np

from bot.kb.models import KnowledgeBase, KnowledgeEntry
from bot.kb.normalise import Normaliser

Decision = Literal["answer", "suggest", "decline", "empty"]

ANSWER_WEIGHT = 0.25
CANDIDATES = 10
SUGGESTIONS = 3


@dataclass(frozen=True)
class Thresholds:
    """Where coverage and margin turn into a decision; calibrated with ``karierbot eval``."""

    answer_coverage: float = 0.6
    suggest_coverage: float = 0.45
    vague_margin: float = 0.25


@dataclass(frozen=True)
class Match:
    entry: KnowledgeEntry
    rank_score: float
    coverage: float


@dataclass(frozen=True)
class SearchResult:
    decision: Decision
    terms: list[str]
    matches: list[Match] = field(default_factory=list)
    score: float = 0.0

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def answered(self) -> bool:
        return self.decision == "answer"

    @property
    def suggestions(self) -> list[KnowledgeEntry]:
        """Entries worth offering as buttons: the top three that pass the suggestion bar."""
        return [m.entry for m in self.matches[:SUGGESTIONS]]


class KnowledgeIndex:
    """An immutable search index over one knowledge base."""

    def __init__(
        self, kb: KnowledgeBase, normaliser: Normaliser, thresholds: Thresholds | None = None
    ) -> None:
        self.kb = kb
        self.thresholds = thresholds or Thresholds()
        base = normaliser.with_vocabulary(())
        vocabulary = {
            w for e in kb.entries for text in (*e.questions, e.answer) for w in base.words(text)
        }
        self.normaliser = normaliser.with_vocabulary(vocabulary)
        question_docs: list[list[str]] = []
        owners: list[int] = []
        entry_terms: list[frozenset[str]] = []
        answer_docs: list[list[str]] = []
        for index, entry in enumerate(kb.entries):
            terms_here: set[str] = set()
            for question in entry.questions:
                terms = self.normaliser.terms(question)
                question_docs.append(terms)
                owners.append(index)
                terms_here.update(terms)
            answer_terms = self.normaliser.terms(entry.answer)
            answer_docs.append(answer_terms)
            entry_terms.append(frozenset(terms_here | set(answer_terms)))
        self._entry_terms = entry_terms
        self._starts = np.flatnonzero(np.r_[True, np.diff(np.asarray(owners)) != 0])
        self._questions = _bm25(question_docs)
        self._answers = _bm25(answer_docs)
        entries_count = len(kb.entries)
        document_frequency: dict[str, int] = {}
        for terms_of_entry in entry_terms:
            for term in terms_of_entry:
                document_frequency[term] = document_frequency.get(term, 0) + 1
        self._idf = {t: _idf(entries_count, df) for t, df in document_frequency.items()}
        self._unknown_idf = _idf(entries_count, 0)

    def search(self, text: str) -> SearchResult:
        terms = self.normaliser.terms(text)
        if not terms:
            return SearchResult("empty", terms)
        known = [t for t in terms if t in self._idf]
        if not known:
            return SearchResult("decline", terms)
        pooled = np.maximum.reduceat(self._questions.get_scores(known), self._starts)
        ranking = pooled + ANSWER_WEIGHT * self._answers.get_scores(known)
        top = np.argpartition(-ranking, CANDIDATES)[:CANDIDATES] if len(ranking) > CANDIDATES \
            else np.arange(len(ranking))
        top = top[np.argsort(-ranking[top], kind="stable")]
        matches = [
            Match(self.kb.entries[i], float(ranking[i]), self._coverage(terms, i))
            for i in top
            if ranking[i] > 0
        ]
        if not matches:
            return SearchResult("decline", terms)
        return self._decide(terms, matches)

    def _coverage(self, terms: list[str], index: int) -> float:
        have = self._entry_terms[index]
        topical = [t for t in terms if t not in self.normaliser.framing] or terms
        weights = [self._idf.get(t, self._unknown_idf) for t in topical]
        covered = sum(w for t, w in zip(topical, weights, strict=True) if t in have)
        return covered / sum(weights)

    def _decide(self, terms: list[str], matches: list[Match]) -> SearchResult:
        limits = self.thresholds
        best = matches[0]
        runner_up = matches[1].rank_score if len(matches) > 1 else 0.0
        margin = (best.rank_score - runner_up) / best.rank_score
        score = round(best.coverage * min(1.0, 0.6 + margin), 4)
        # A bare topic ("tubel", "naik pangkat") fits several entries; asking beats guessing.
        topical = [t for t in terms if t not in self.normaliser.framing]
        vague = (
            len(topical) == len(terms) and len(set(topical)) <= 2 and margin < limits.vague_margin
        )
        if best.coverage >= limits.answer_coverage and not vague:
            return SearchResult("answer", terms, matches, score)
        offered = [m for m in matches if m.coverage >= limits.suggest_coverage]
        if offered:
            return SearchResult("suggest", terms, offered[:SUGGESTIONS], score)
        return SearchResult("decline", terms, [], score)


def _bm25(docs: list[list[str]]) -> bm25s.BM25:
    index = bm25s.BM25()
    index.index(docs, show_progress=False)
    return index


def _idf(documents: int, frequency: int) -> float:
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
