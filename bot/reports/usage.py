"""How much the assistant is used: questions asked, the share answered, and the topics of the
questions it could not answer (grouped by the knowledge entry the search matched, if any)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.kb.models import KnowledgeBase
from bot.profile import texts as profile_texts
from bot.reports import texts
from bot.storage.repository import UnansweredQuestion

TOP_TOPICS = 10
# Recommendations the rules leave to HR are kept with the unanswered questions (bot/core/
# recommendations.py); they are not questions anyone typed, so they get a topic of their own.
_REFERRED = profile_texts.REFERRED.format(rule_id="")


@dataclass(frozen=True)
class Usage:
    since: dt.date
    asked: int
    answered: int
    topics: tuple[tuple[str, int], ...]  # most frequent first

    @property
    def rate(self) -> float | None:
        """The percentage answered; None before the first question."""
        return 100 * self.answered / self.asked if self.asked else None


def topic_of(question: UnansweredQuestion, kb: KnowledgeBase) -> str:
    entry = kb.by_id.get(question.entry_id or "")
    if entry is not None:
        return entry.topic.replace("_", " ")
    if question.normalised.startswith(_REFERRED):
        return texts.TOPIC_REFERRED
    return texts.TOPIC_OUTSIDE


def usage_of(since: dt.date, asked: int, answered: int,
             unanswered: Sequence[UnansweredQuestion], kb: KnowledgeBase) -> Usage:
    topics: Counter[str] = Counter()
    for question in unanswered:
        topics[topic_of(question, kb)] += question.count
    ranked = sorted(topics.items(), key=lambda item: (-item[1], item[0]))
    return Usage(since, asked, answered, tuple(ranked[:TOP_TOPICS]))
