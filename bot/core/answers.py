"""Free-text questions: search the knowledge base, then answer, offer choices, or decline."""

from __future__ import annotations

import re

from bot.core import texts
from bot.core.messages import Button, Outgoing
from bot.kb.models import KnowledgeBase, KnowledgeEntry
from bot.kb.search import SearchResult

LABEL_CHARS = 60
_LONG_NUMBER = re.compile(r"\d{6,}")

GREETINGS = frozenset(
    {
        "halo",
        "hallo",
        "helo",
        "hai",
        "hi",
        "hello",
        "pagi",
        "siang",
        "sore",
        "malam",
        "selamat",
        "assalamualaikum",
        "assalamu",
        "alaikum",
        "salam",
        "permisi",
        "test",
        "tes",
        "p",
        "min",
        "kak",
        "pak",
        "bu",
        "om",
        "gan",
        "bot",
    }
)
THANKS = frozenset(
    {
        "terima",
        "kasih",
        "makasih",
        "makasi",
        "trims",
        "thanks",
        "thx",
        "tq",
        "nuhun",
        "suwun",
        "matur",
        "oke",
        "ok",
        "sip",
        "siap",
        "mantap",
        "baik",
    }
)


def label(question: str) -> str:
    """A button label: the entry's first phrasing, shortened to fit a phone screen."""
    return question if len(question) <= LABEL_CHARS else question[: LABEL_CHARS - 1] + "…"


def loggable(words: list[str]) -> str:
    """Normalised words for the question log, with long numbers (NIP, phone) masked."""
    return _LONG_NUMBER.sub("#", " ".join(words))


def small_talk(words: list[str]) -> str | None:
    """A greeting or thanks needs a friendly reply, not a knowledge-base miss."""
    if not words or len(words) > 4:
        return None
    if all(w in THANKS for w in words) and set(words) & {
        "terima",
        "kasih",
        "makasih",
        "makasi",
        "trims",
        "thanks",
        "thx",
        "tq",
    }:
        return texts.THANKS
    if all(w in GREETINGS or w in THANKS for w in words):
        return texts.GREETING
    return None


def answer_message(entry: KnowledgeEntry, kb: KnowledgeBase, question_id: int | None) -> Outgoing:
    """The answer, its legal basis, related questions and (for logged questions) feedback."""
    rows: list[tuple[Button, ...]] = [
        (Button(label(kb.by_id[r].questions[0]), f"kb:{r}"),)
        for r in entry.related
        if r in kb.by_id
    ]
    if question_id is not None:
        rows.append(
            (
                Button(texts.FEEDBACK_UP, f"fb:{question_id}:up"),
                Button(texts.FEEDBACK_DOWN, f"fb:{question_id}:down"),
            )
        )
    return Outgoing(
        text=entry.answer,
        footer=texts.SOURCE.format(
            source=entry.source, reviewed=entry.reviewed.strftime("%d-%m-%Y")
        ),
        buttons=tuple(rows),
    )


def suggestion_message(result: SearchResult, question_id: int | None) -> Outgoing:
    suffix = f":{question_id}" if question_id is not None else ""
    rows = [(Button(label(e.questions[0]), f"kb:{e.id}{suffix}"),) for e in result.suggestions]
    if question_id is not None:
        rows.append((Button(texts.SUGGEST_NONE, f"kbx:{question_id}"),))
    return Outgoing(text=texts.SUGGEST, buttons=tuple(rows))


def decline_message(repeated: bool) -> Outgoing:
    return Outgoing(text=texts.DECLINE + ("\n\n" + texts.HANDOFF if repeated else ""))
