"""Find the entry that answers a question, and know when none does.

BM25 over each entry's phrasings ranks the candidates (the answer text counts a little). A long
message is read for its question sentence (the one with "?" or a question word): its terms
count double in the ranking and fully in *coverage*, the story around it half. Coverage is the
IDF-weighted share of the query's terms that the candidate entry uses at all; a word the
knowledge base has never seen ("bolu", "liga") weighs as much as the rarest word. Whether to
answer, to ask "Maksud Anda…?" or to decline is decided by a small logistic regression over
coverage, margin, rank and phrasing similarity (``bot/kb/decision.py``), trained on labelled
questions, so a probability means the same thing for every question.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Literal

import bm25s
import numpy as np
from rapidfuzz import fuzz

from bot.kb.decision import FEATURES, DecisionModel
from bot.kb.models import MAX_ANSWER_CHARS, KnowledgeBase, KnowledgeEntry
from bot.kb.normalise import MAX_QUERY_CHARS, Normaliser

Decision = Literal["answer", "suggest", "decline", "empty"]

ANSWER_WEIGHT = 0.25
STATUS_WORDS = frozenset({"pns", "cpns", "pppk"})
CANDIDATES = 10
SUGGESTIONS = 3
BARE_TOPIC_MARGIN = 0.25  # the runner-up within 25 % of the best: a bare topic is ambiguous
STORY_WEIGHT = 0.5  # a term of the story around the question sentence counts half
_SENTENCE = re.compile(r"[^.!?\n;]+[.!?\n;]*")
# Question words as the normaliser writes them (brp → berapa, gmn → bagaimana, what → apa).
QUESTION_WORDS = frozenset({"apa", "apakah", "berapa", "bagaimana", "kapan", "siapa", "mengapa",
                            "mana", "bisa", "boleh", "harus", "wajib", "perlu", "gimana"})


@dataclass(frozen=True)
class Query:
    """A question as normalised words; ``focus`` is the question sentence of a longer message."""

    words: list[str]
    focus: list[str] | None = None


@dataclass(frozen=True)
class Match:
    entry: KnowledgeEntry
    rank_score: float
    coverage: float
    features: tuple[float, ...] = ()
    probability: float = 0.0


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

    def __init__(self, kb: KnowledgeBase, normaliser: Normaliser,
                 decision: DecisionModel) -> None:
        self.kb = kb
        self.decision = decision
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
        self._phrasings: list[list[str]] = []
        self._position = {e.id: i for i, e in enumerate(kb.entries)}
        for index, words_of_questions in enumerate(question_words):
            terms_here: set[str] = set()
            phrasings: list[str] = []
            for words in words_of_questions:
                terms = base.terms_of(words)
                phrasings.append(" ".join(sorted(terms)))
                question_docs.append(terms)
                owners.append(index)
                terms_here.update(terms)
            self._phrasings.append(phrasings)
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

    def read(self, text: str) -> Query:
        """Normalised words, and the question sentence when the message tells a story first."""
        sentences = _SENTENCE.findall(text[:MAX_QUERY_CHARS])
        if len(sentences) < 2:
            return Query(self.normaliser.words(text))
        read = [self.normaliser.words(s) for s in sentences]
        words = [w for sentence in read for w in sentence]
        asked = [i for i, s in enumerate(sentences) if "?" in s] or \
            [i for i, r in enumerate(read) if not QUESTION_WORDS.isdisjoint(r)]
        if not asked:
            return Query(words)
        start = asked[-1]
        # "Bisa ga ya?" names no topic: the sentence before it says what is asked about.
        while start > 0 and not any(t in self._idf and t not in self.normaliser.framing
                                    for t in self.normaliser.terms_of(read[start])):
            start -= 1
        focus = [w for sentence in read[start:asked[-1] + 1] for w in sentence]
        return Query(words, focus if len(focus) < len(words) else None)

    def search(self, text: str) -> SearchResult:
        return self.search_query(self.read(text))

    def search_query(self, query: Query) -> SearchResult:
        """The same search for a question already read (the chat logs its words too)."""
        matches, terms, topical = self.candidates(query)
        if not terms:
            return SearchResult("empty", terms)
        if not matches:
            return SearchResult("decline", terms)
        return self._decide(terms, topical, matches)

    def candidates(self, query: Query) -> tuple[list[Match], list[str], list[str]]:
        """The ranked candidates with their decision features; also the query's terms."""
        terms = self._topic_terms(query.words)
        topical = [t for t in terms if t not in self.normaliser.framing]
        known = [t for t in terms if t in self._idf]
        if not known:
            return [], terms, topical
        focus = set(self._topic_terms(query.focus)) if query.focus else set(terms)
        boosted = known + [t for t in known if t in focus and query.focus]
        pooled = np.maximum.reduceat(self._questions.get_scores(boosted), self._starts)
        ranking = pooled + ANSWER_WEIGHT * self._answers.get_scores(boosted)
        top = np.argpartition(-ranking, CANDIDATES)[:CANDIDATES] if len(ranking) > CANDIDATES \
            else np.arange(len(ranking))
        top = top[np.argsort(-ranking[top], kind="stable")]
        counted = topical or terms
        weights = [self._idf.get(t, self._unknown_idf) * (1.0 if t in focus else STORY_WEIGHT)
                   for t in counted]
        focus_counted = [t for t in counted if t in focus] or counted
        focus_weights = [self._idf.get(t, self._unknown_idf) for t in focus_counted]
        matches = [
            Match(self.kb.entries[i], float(ranking[i]), self._coverage(counted, weights, i),
                  (self._coverage(focus_counted, focus_weights, i),))
            for i in top
            if pooled[i] > 0  # an entry none of whose phrasings shares a word is not the topic
        ]
        # BM25 favours entries that repeat a frequent word; an entry that covers every topical
        # word of the question should win over one that matches a few words strongly.
        matches.sort(key=_strength, reverse=True)
        return self._with_features(matches, counted, terms, topical), terms, topical

    def _topic_terms(self, words: list[str]) -> list[str]:
        # Story words (places, units, family) the knowledge base never uses are context.
        context = self.normaliser.language.context
        return [t for t in self.normaliser.terms_of(words) if t in self._idf or t not in context]

    def _with_features(self, matches: list[Match], counted: list[str], terms: list[str],
                       topical: list[str]) -> list[Match]:
        if not matches:
            return matches
        weights = [self._idf.get(t, self._unknown_idf) for t in counted]
        unknown = sum(w for t, w in zip(counted, weights, strict=True) if t not in self._idf)
        unknown_share = unknown / sum(weights)
        vague = float(len(topical) == len(terms) and len(set(topical)) <= 2)
        query_text = " ".join(sorted(terms))
        best = _strength(matches[0]) or 1.0
        shown = matches[:SUGGESTIONS + 1]
        out = []
        for rank, match in enumerate(shown[:SUGGESTIONS]):
            strength = _strength(match)
            following = _strength(shown[rank + 1]) if rank + 1 < len(shown) else 0.0
            phrasing = max(fuzz.token_sort_ratio(query_text, p)
                           for p in self._phrasings[self._position[match.entry.id]]) / 100
            features = (
                match.coverage, match.features[0], strength / best,
                (strength - following) / strength if strength else 0.0, float(rank),
                math.log1p(strength), phrasing, unknown_share,
                math.log1p(len(topical)), vague,
            )
            out.append(Match(match.entry, match.rank_score, match.coverage, features,
                             self.decision.probability(features)))
        return out

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
        model = self.decision
        best = matches[0]
        score = round(best.probability, 4)
        offered = [m for m in matches if m.probability >= model.suggest_at]
        # A bare topic ("tubel", "naik pangkat") whose runner-up is nearly as strong fits several
        # entries: asking beats guessing, so it gets a choice of at least the two likeliest.
        bare_topic = (len(topical) == len(terms) and len(set(topical)) <= 2 and len(matches) > 1
                      and matches[1].features[FEATURES.index("share")] > 1 - BARE_TOPIC_MARGIN)
        if bare_topic and offered:
            offered = matches[:max(2, len(offered))]
        elif best.probability >= model.answer_at:
            return SearchResult("answer", terms, matches, score)
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
