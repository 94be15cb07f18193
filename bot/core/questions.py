"""Free-text questions: search the knowledge base, then answer, offer choices, or decline.

Also the HR side of it: the unanswered-questions list and reloading the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from bot.content import ContentError
from bot.core import texts
from bot.core.basics import has_consent
from bot.core.commands import Command
from bot.core.features import Feature, Replies
from bot.core.messages import Button, Outgoing
from bot.core.personal import Topic, is_personal, load_topics, topic_of, typed_facts, verdict
from bot.core.recent import RecentSet
from bot.engine import explain
from bot.engine.service import Advice, RuleService
from bot.kb.models import KnowledgeBase, KnowledgeEntry
from bot.kb.search import SearchResult
from bot.kb.service import KnowledgeService
from bot.profile.model import ProfileError, parse_profile
from bot.storage.models import User
from bot.storage.profiles import ProfileStore
from bot.storage.question_log import topical
from bot.storage.repository import Store

log = logging.getLogger(__name__)
PERSONAL_FILE = "personal.yaml"
TOPIC_QUESTIONS = 8
TOPIC_LABELS = {
    "pelatihan": "Pelatihan & 20 JP", "tugas_belajar": "Tugas/izin belajar",
    "jabatan": "Jabatan", "pangkat": "Kenaikan pangkat", "pengembangan_karier": "Pola karier",
    "kebijakan_asn": "Kebijakan ASN", "kinerja": "Kinerja & SKP", "kompetensi": "Kompetensi",
    "mutasi": "Mutasi & promosi", "status": "PNS, PPPK & pensiun",
    "manajemen_talenta": "Manajemen talenta", "cuti": "Cuti", "gaji": "Gaji",
}

MAX_QUESTION_CHARS = 500
MAX_RELOAD_PROBLEMS = 15
MAX_RELOAD_CHARS = 3000
LABEL_CHARS = 60

MENU = (
    Command("pertanyaan", "Pertanyaan terbanyak yang belum terjawab", for_hr=True),
    Command("muatulang", "Muat ulang basis pengetahuan", for_hr=True),
)
GREETINGS = frozenset({
    "halo", "hallo", "helo", "hai", "hi", "hello", "pagi", "siang", "sore", "malam", "selamat",
    "assalamualaikum", "assalamu", "alaikum", "salam", "permisi", "test", "tes", "p", "min",
    "kak", "pak", "bu", "om", "gan", "bot", "morning", "afternoon", "evening",
})
THANKS = frozenset({"terima", "kasih", "makasih", "makasi", "trims", "thanks", "thank", "thx",
                    "tq", "tengkyu", "hatur",
                    "nuhun", "suwun", "matur"})
ACKNOWLEDGEMENTS = frozenset({"oke", "ok", "okay", "sip", "siap", "mantap", "baik", "good"})
# Words around a greeting or thanks ("makasih banyak ya min", "selamat pagi semuanya").
FILLERS = frozenset({"ya", "yah", "banyak", "sekali", "sangat", "semua", "semuanya", "atas",
                     "info", "infonya", "jawaban", "jawabannya", "bantuan", "bantuannya",
                     "bang", "mbak", "mas", "ibu", "bapak", "kakak", "admin", "dong", "nih",
                     "saya", "you", "very", "much", "so"})
SMALL_TALK_WORDS = 6
AUDIENCE_OF_STATUS = {"pns": "pns", "cpns": "pns", "pppk": "pppk"}
AUDIENCE_LABELS = {"pns": "PNS", "pppk": "PPPK"}


def label(question: str) -> str:
    """A button label: the entry's first phrasing, shortened to fit a phone screen."""
    return question if len(question) <= LABEL_CHARS else question[: LABEL_CHARS - 1] + "…"


def small_talk(words: list[str]) -> str | None:
    """A greeting or thanks needs a friendly reply, not a knowledge-base miss."""
    if not words or len(words) > SMALL_TALK_WORDS:
        return None
    if set(words) & THANKS and all(w in THANKS | ACKNOWLEDGEMENTS | FILLERS for w in words):
        return texts.THANKS
    if set(words) & GREETINGS and all(w in GREETINGS | THANKS | ACKNOWLEDGEMENTS | FILLERS
                                      for w in words):
        return texts.GREETING
    return None


def audience_note(entry: KnowledgeEntry, audience: str | None, switched: bool) -> str | None:
    """Tell a PNS or PPPK asker when the answer was chosen for, or is not about, their status."""
    if audience is None or entry.audience == "all":
        return None
    if entry.audience == audience:
        return texts.AUDIENCE_CHOSEN.format(status=AUDIENCE_LABELS[audience]) if switched else None
    return texts.AUDIENCE_OTHER.format(written_for=AUDIENCE_LABELS[entry.audience],
                                       status=AUDIENCE_LABELS[audience])


def source_footer(entry: KnowledgeEntry, kb: KnowledgeBase) -> str:
    """The citation, the date its newest regulation took effect, and when it was checked."""
    reviewed = entry.reviewed.strftime("%d-%m-%Y")
    newest = kb.registry.newest(entry.basis)
    if newest is not None and newest.confirmed:
        return texts.SOURCE.format(source=entry.source, since=explain.date(newest.date),
                                   reviewed=reviewed)
    regulation = newest.short if newest is not None else entry.source
    return texts.SOURCE_UNCONFIRMED.format(source=entry.source, reviewed=reviewed,
                                           regulation=regulation)


def answer_message(entry: KnowledgeEntry, kb: KnowledgeBase, ref: str | None,
                   note: str | None = None) -> Outgoing:
    """The answer, its legal basis, related questions and (for logged questions) feedback."""
    rows: list[tuple[Button, ...]] = [
        (Button(label(kb.by_id[r].questions[0]), f"kb:{r}"),)
        for r in entry.related if r in kb.by_id
    ]
    if ref is not None:
        rows.append((Button(texts.FEEDBACK_UP, f"fb:{ref}:up"),
                     Button(texts.FEEDBACK_DOWN, f"fb:{ref}:down")))
    return Outgoing(
        text=entry.answer if note is None else f"{entry.answer}\n\n{note}",
        footer=source_footer(entry, kb),
        buttons=tuple(rows),
    )


def suggestion_message(result: SearchResult, ref: str | None) -> Outgoing:
    suffix = f":{ref}" if ref is not None else ""
    rows = [(Button(label(e.questions[0]), f"kb:{e.id}{suffix}"),) for e in result.suggestions]
    if ref is not None:
        rows.append((Button(texts.SUGGEST_NONE, f"kbx:{ref}"),))
    return Outgoing(text=texts.SUGGEST, buttons=tuple(rows))


def decline_message(repeated: bool, kb: KnowledgeBase) -> Outgoing:
    """The decline offers what the assistant knows (a topic menu) and the human channel."""
    topics = [Button(TOPIC_LABELS.get(t, t.replace("_", " ").capitalize()), f"kbt:{t}")
              for t in kb.topics]
    rows = [tuple(topics[i:i + 2]) for i in range(0, len(topics), 2)]
    rows.append((Button(texts.ASK_BKPSDM, "kbh:"),))
    return Outgoing(text=texts.DECLINE + ("\n\n" + texts.HANDOFF if repeated else ""),
                    buttons=tuple(rows))


def topic_menu(kb: KnowledgeBase, topic: str) -> Outgoing:
    entries = [e for e in kb.entries if e.topic == topic][:TOPIC_QUESTIONS]
    if not entries:
        return Outgoing(texts.STALE_ACTION, kind="notice")
    rows = tuple((Button(label(e.questions[0]), f"kb:{e.id}"),) for e in entries)
    return Outgoing(texts.TOPIC_PICK, buttons=rows)


class Questions:
    """Answering from the knowledge base, with the question log as its memory."""

    def __init__(self, store: Store, knowledge: KnowledgeService,
                 profiles: ProfileStore, rules: RuleService | None = None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self.knowledge = knowledge
        self.profiles = profiles
        self.rules = rules
        self.today = today
        self.topics: list[Topic] = load_topics(knowledge.directory / "language" / PERSONAL_FILE)
        self._declined_last = RecentSet()

    def feature(self) -> Feature:
        return Feature(
            menu=MENU,
            commands={"pertanyaan": self.unanswered, "muatulang": self.reload},
            actions={"kb": self.show_entry, "kbx": self.none_of_these, "fb": self.feedback,
                     "kbt": self.show_topic, "kbh": self.handoff},
        )

    async def ask(self, user: User, text: str) -> Replies:
        if len(text) > MAX_QUESTION_CHARS:
            return [Outgoing(texts.TOO_LONG.format(length=len(text), limit=MAX_QUESTION_CHARS))]
        index = self.knowledge.index
        query = index.read(text)
        words = query.words
        reply = small_talk(words)
        if reply is not None:
            return [Outgoing(reply)]
        result = index.search_query(query)
        if result.decision == "empty":
            return [Outgoing(texts.EMPTY_QUESTION)]
        best = result.best
        consented = has_consent(user)
        personal = await self._personal(user, text, words, best.entry if best else None,
                                        consented)
        audience = None
        entry = best.entry if best else None
        if (entry is not None and result.answered and consented and entry.audience != "all"
                and not result.names_status):
            audience = await self._audience(user)  # only then is the profile worth a query
            entry = index.answer_for(result, audience)
        ref = self.store.log_question(
            user_id=user.id if consented else None,
            normalised=topical(words, index.is_topical),
            entry_id=entry.id if entry else None,
            score=result.score,
            decision=result.decision,
            answered=result.answered,
        )
        log.info("question %s: decision=%s entry=%s score=%.3f", ref, result.decision,
                 entry.id if entry else "-", result.score)
        feedback_ref = ref if consented else None
        first = [personal] if personal is not None else []
        if result.decision == "answer" and best is not None and entry is not None:
            self._declined_last.discard(user.id)
            note = audience_note(entry, audience, switched=entry is not best.entry)
            return [*first, answer_message(entry, index.kb, feedback_ref, note)]
        if result.decision == "suggest":
            return [*first, suggestion_message(result, feedback_ref)]
        if personal is not None and personal.title == texts.PERSONAL_TITLE:
            return first  # the engine answered for this person; nothing to decline
        repeated = user.id in self._declined_last
        self._declined_last.add(user.id)
        return [*first, decline_message(repeated, index.kb)]

    async def _personal(self, user: User, text: str, words: list[str],
                        entry: KnowledgeEntry | None, consented: bool) -> Outgoing | None:
        """The rule engine's answer for this asker, or the offer to fill the profile."""
        if self.rules is None or not is_personal(words):
            return None
        topic = topic_of(self.topics, words, entry)
        if topic is None:
            return None
        data = await self.profiles.load(user.id) if consented else None
        if data is None:
            return Outgoing(texts.PERSONAL_OFFER.format(topic=topic.label),
                            buttons=((Button(texts.PERSONAL_OFFER_BUTTON, "cmd:profil"),),))
        today = self.today()
        typed = typed_facts(text)
        advice: Advice | None = None
        for candidate in ((typed, typed.applied(data, today)), (typed_facts(""), data)):
            try:
                advice = self.rules.advise(parse_profile(candidate[1], today), today)
            except ProfileError:
                continue
            typed = candidate[0]
            break
        if advice is None:
            return Outgoing(texts.PERSONAL_PROFILE_INVALID.format(topic=topic.label))
        body = verdict(topic, advice, typed)
        return Outgoing(body, title=texts.PERSONAL_TITLE) if body else None

    async def show_topic(self, user: User, topic: str) -> Replies:
        return [topic_menu(self.knowledge.index.kb, topic)]

    async def handoff(self, user: User, _: str) -> Replies:
        return [Outgoing(texts.HANDOFF)]

    async def _audience(self, user: User) -> str | None:
        profile = await self.profiles.load(user.id)
        return AUDIENCE_OF_STATUS.get(str((profile or {}).get("status", "")))

    async def show_entry(self, user: User, rest: str) -> Replies:
        entry_id, _, question = rest.partition(":")
        index = self.knowledge.index
        entry = index.kb.by_id.get(entry_id)
        if entry is None:
            return [Outgoing(texts.STALE_ACTION, kind="notice")]
        feedback_ref = None
        row = await self.store.own_question(question, user.id) if question else None
        if row is not None:
            await self.store.resolve_question(row.id, entry.id)
            feedback_ref = question
        return [answer_message(entry, index.kb, feedback_ref)]

    async def none_of_these(self, user: User, question: str) -> Replies:
        row = await self.store.own_question(question, user.id) if question else None
        if row is not None:
            await self.store.resolve_question(row.id, None)
        return [decline_message(True, self.knowledge.index.kb)]

    async def feedback(self, user: User, rest: str) -> Replies:
        question, _, verdict = rest.partition(":")
        if question == "done":
            return [Outgoing(texts.FEEDBACK_THANKS, kind="notice")]
        if not question or verdict not in ("up", "down"):
            return [Outgoing(texts.FEEDBACK_REFUSED, kind="notice")]
        value = 1 if verdict == "up" else -1
        stored = await self.store.set_feedback(question, user.id, value)
        if not stored:
            return [Outgoing(texts.FEEDBACK_REFUSED, kind="notice")]
        # The feedback buttons are used up: the answer keeps its related questions only.
        row = await self.store.own_question(question, user.id)
        kb = self.knowledge.index.kb
        entry = kb.by_id.get(row.entry_id or "") if row is not None else None
        related = answer_message(entry, kb, None).buttons if entry is not None else ()
        done = ((Button(texts.FEEDBACK_DONE, "fb:done"),),)
        return [Outgoing(texts.FEEDBACK_THANKS, kind="notice"),
                Outgoing("", buttons=(*related, *done), edit=True)]

    async def unanswered(self, user: User, _: str) -> Replies:
        rows = await self.store.unanswered(limit=15)
        if not rows:
            return [Outgoing(texts.UNANSWERED_EMPTY)]
        lines = [texts.UNANSWERED_LINE.format(rank=i, text=r.normalised, count=r.count,
                                              last=r.last_asked)
                 for i, r in enumerate(rows, 1)]
        return [Outgoing("\n".join(lines), title=texts.UNANSWERED_TITLE)]

    async def reload(self, user: User, _: str) -> Replies:
        try:
            count = self.knowledge.reload()
        except ContentError as exc:
            await self.store.audit("kb.reload_failed", user.id, problems=len(exc.problems))
            shown = [str(p) for p in exc.problems[:MAX_RELOAD_PROBLEMS]]
            header = texts.RELOAD_FAILED.format(count=len(exc.problems))
            summary = "\n".join([header, *shown])
            if len(summary) > MAX_RELOAD_CHARS:  # one message, one page (Telegram: 4096)
                summary = summary[: MAX_RELOAD_CHARS - 1] + "…"
            return [Outgoing(summary)]
        await self.store.audit("kb.reloaded", user.id, entries=count)
        return [Outgoing(texts.RELOAD_OK.format(count=count))]
