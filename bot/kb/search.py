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

from bot.kb.models import MAX_ANSWER_CHARS, KnowledgeBase, KnowledgeEntry
from bot.kb.normalise import Normaliser

Decision = Literal["answer", "suggest", "decline", "empty"]

ANSWER_WEIGHT = 0.25
STATUS_WORDS = frozenset({"pns", "cpns", "pppk"})
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
    def names_status(self) -> bool:
        """The question says PNS or PPPK itself ("syarat tubel PNS"): answer it as asked."""
        return not STATUS_WORDS.isdisjoint(self.terms)

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
        # The knowledge base's own words are the typo-repair vocabulary, so they need no repair.
        # The answer document includes the source, so "menurut PP 11/2017" finds entries too.
        base = normaliser.with_vocabulary(())
        question_words = [[base.words(q, MAX_ANSWER_CHARS) for q in e.questions]
                          for e in kb.entries]
        answer_words = [base.words(f"{e.answer} {e.source}", 2 * MAX_ANSWER_CHARS)
                        for e in kb.entries]
        vocabulary = {w for words in answer_words for w in words}
        vocabulary.update(w for entry in question_words for words in entry for w in words)
        self.normaliser = normaliser.with_vocabulary(vocabulary)
        question_docs: list[list[str]] = []
        owners: list[int] = []
        entry_terms: list[frozenset[str]] = []
        answer_docs: list[list[str]] = []
        for index, words_of_questions in enumerate(question_words):
            terms_here: set[str] = set()
            for words in words_of_questions:
                terms = base.terms_of(words)
                question_docs.append(terms)
                owners.append(index)
                terms_here.update(terms)
            answer_terms = base.terms_of(answer_words[index])
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
        return self.search_words(self.normaliser.words(text))

    def search_words(self, words: list[str]) -> SearchResult:
        """The same search for words already normalised (the chat logs them too)."""
        # Story words (places, units, family) the knowledge base never uses are context, not topic.
        context = self.normaliser.language.context
        terms = [t for t in self.normaliser.terms_of(words) if t in self._idf or t not in context]
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
        topical = [t for t in terms if t not in self.normaliser.framing]
        counted = topical or terms
        weights = [self._idf.get(t, self._unknown_idf) for t in counted]
        matches = [
            Match(self.kb.entries[i], float(ranking[i]), self._coverage(counted, weights, i))
            for i in top
            if pooled[i] > 0  # an entry none of whose phrasings shares a word is not the topic
        ]
        if not matches:
            return SearchResult("decline", terms)
        # BM25 favours entries that repeat a frequent word; an entry that covers every topical
        # word of the question should win over one that matches a few words strongly.
        matches.sort(key=_strength, reverse=True)
        return self._decide(terms, topical, matches)

    def is_topical(self, word: str) -> bool:
        """A word the knowledge base itself uses (not framing, not a stop word): the question
        log keeps only these, so the names, places and jobs people type are dropped."""
        terms = self.normaliser.terms_of([word])
        return bool(terms) and all(t in self._idf and t not in self.normaliser.framing
                                   for t in terms)

    def answer_for(self, result: SearchResult, audience: str | None) -> KnowledgeEntry | None:
        """The entry that answers this asker (``audience`` "pns" or "pppk" from the profile):
        the best one, or its declared counterpart when the best is written for the other
        status."""
        best = result.best
        if best is None:
            return None
        entry = best.entry
        if audience is None or entry.audience in ("all", audience) or entry.counterpart is None:
            return entry
        return self.kb.by_id[entry.counterpart]

    def _coverage(self, terms: list[str], weights: list[float], index: int) -> float:
        have = self._entry_terms[index]
        covered = sum(w for t, w in zip(terms, weights, strict=True) if t in have)
        return covered / sum(weights)

    def _decide(self, terms: list[str], topical: list[str],
                matches: list[Match]) -> SearchResult:
        limits = self.thresholds
        best = matches[0]
        runner_up = _strength(matches[1]) if len(matches) > 1 else 0.0
        margin = (_strength(best) - runner_up) / _strength(best) if _strength(best) else 0.0
        score = round(best.coverage * min(1.0, 0.6 + margin), 4)
        # A bare topic ("tubel", "naik pangkat") fits several entries; asking beats guessing.
        vague = (
            len(topical) == len(terms) and len(set(topical)) <= 2 and margin < limits.vague_margin
        )
        if best.coverage >= limits.answer_coverage and not vague:
            return SearchResult("answer", terms, matches, score)
        offered = [m for m in matches if m.coverage >= limits.suggest_coverage]
        if offered:
            return SearchResult("suggest", terms, offered[:SUGGESTIONS], score)
        return SearchResult("decline", terms, [], score)


def _strength(match: Match) -> float:
    return match.rank_score * match.coverage


def _bm25(docs: list[list[str]]) -> bm25s.BM25:
    index = bm25s.BM25()
    index.index(docs, show_progress=False)
    return index


def _idf(documents: int, frequency: int) -> float:
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
