"""Profiles in the chat: the /profil questionnaire (resumable, state in the database),
/profilsaya, /datasaya (everything held, as JSON) and /hapusdata (after confirmation).

Nothing is stored without consent; every button is re-checked against the sender's own
dialogue state, so a replayed or foreign button cannot change anyone's profile.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.core.basics import PAUSED, has_consent, privacy_notice
from bot.core.commands import Command
from bot.core.features import Feature, Replies
from bot.core.messages import Button, Document, Outgoing
from bot.ids import parse_index
from bot.profile import texts
from bot.profile.fields import FIELDS, label_of
from bot.profile.model import Profile, ProfileError, parse_profile
from bot.profile.questionnaire import (
    BY_KEY,
    GOLONGAN_ROOMS,
    STEPS,
    Answers,
    Step,
    answers_of,
    assemble,
    counts,
    describe,
    missing_step,
    number,
    problem,
    shown,
    step_for_field,
)
from bot.profile.values import InvalidValueError
from bot.profile.vocabulary import GOLONGAN, JENJANG_BY_JENIS
from bot.storage.models import DialogueState, User
from bot.storage.profiles import ProfileStore
from bot.storage.repository import Store

DIALOGUE = "profil"
CONFIRM = "confirm"
WIDE = 6  # more choices than this go three to a row
EDIT_LABEL_CHARS = 22
QUESTION_WORDS = frozenset({
    "apa", "apakah", "bagaimana", "bagaimanakah", "gimana", "gmn", "bgmn", "berapa", "brp",
    "kapan", "kpn", "siapa", "mengapa", "kenapa", "knp", "dimana", "mana", "bisakah", "bolehkah",
    "haruskah", "adakah", "syarat", "cara",
})
MENU = (
    Command("profil", texts.MENU_PROFIL),
    Command("profilsaya", texts.MENU_PROFILSAYA),
    Command("datasaya", texts.MENU_DATASAYA),
    Command("hapusdata", texts.MENU_HAPUSDATA),
)
Ask = Callable[[User, str], Awaitable[Replies]]


def _rows(buttons: list[Button], width: int) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(buttons[i:i + width]) for i in range(0, len(buttons), width))


def looks_like_question(text: str) -> bool:
    """Typed in the middle of the form, "berapa JP minimal setahun?" is a question, not an
    answer: it has a question mark or starts with a question word, and several words."""
    words = text.casefold().split()
    return len(words) >= 3 and ("?" in text or words[0].strip(",.") in QUESTION_WORDS)


def _golongan_buttons(index: int, room: str | None) -> list[Button]:
    """Golongan in two small keyboards: the room (I-IV), then its letter."""
    if room is None:
        return [Button(r, f"pf:{index}:g:{r}") for r in GOLONGAN_ROOMS]
    return [Button(GOLONGAN.label(v), f"pf:{index}:v:{v}") for v in GOLONGAN.values
            if v.split("/")[0] == room]


def question(step: Step, answers: Answers, *, note: str | None = None, edit: bool = False,
             room: str | None = None, other: str | None = None) -> Outgoing:
    """One questionnaire step: the prompt, its choices as buttons, skip and keep."""
    index = number(step)
    selected = answers.get(step.key) or []
    buttons = []
    if step.key == "golongan" and answers.get("status") != "pppk":
        buttons = _golongan_buttons(index, room)
    else:
        for value, label in step.choices(answers):
            if step.kind == "multi":
                shown_label = texts.SELECTED.format(label=label) if value in selected else label
                buttons.append(Button(shown_label, f"pf:{index}:t:{value}"))
            else:
                buttons.append(Button(label, f"pf:{index}:v:{value}"))
    width = 4 if step.key == "golongan" and room is None else 3 if len(buttons) > WIDE else 2
    if len(buttons) > 12:  # PPPK golongan I … XVII
        width = 5
    rows = list(_rows(buttons, width))
    extra = []
    if room is not None:
        extra.append(Button(texts.OTHER_ROOM_BUTTON, f"pf:{index}:g:"))
    if step.kind == "multi":
        extra.append(Button(texts.DONE_BUTTON, f"pf:{index}:done"))
    elif step.key in answers:
        extra.append(Button(texts.KEEP_BUTTON.format(value=shown(step, answers[step.key]))[:60],
                            f"pf:{index}:keep"))
    if step.optional:
        extra.append(Button(texts.SKIP_BUTTON, f"pf:{index}:skip"))
    if extra:
        rows.append(tuple(extra))
    if other is not None:
        rows.append((Button(texts.EDIT_OTHER_BUTTON.format(label=BY_KEY[other].label),
                            f"pf:e:{number(BY_KEY[other])}"),))
    text = step.prompt
    if step.key in answers and step.kind != "multi":
        text += "\n" + texts.CURRENT.format(value=shown(step, answers[step.key]))
    if note:
        text = f"{note}\n\n{text}"
    return Outgoing(text, title=texts.STEP_TITLE.format(label=step.label),
                    footer=FIELDS[step.field].help, buttons=tuple(rows), edit=edit)


def summary(answers: Answers, *, note: str | None = None, edit: bool = False,
            offer_more: bool = False) -> Outgoing:
    """Every answer, with Simpan, "Lengkapi" while further steps are unanswered, and an
    "✏️" button per answer to change just that one."""
    rows: list[tuple[Button, ...]] = [(Button(texts.SAVE_BUTTON, "pf:save"),)]
    if offer_more and any(s.applies(answers) and s.key not in answers for s in STEPS):
        rows.append((Button(texts.MORE_BUTTON, "pf:more"),))
    edits = [Button(texts.EDIT_BUTTON.format(label=_short(s.label)), f"pf:e:{number(s)}")
             for s in STEPS if s.applies(answers) and s.key in answers]
    rows += _rows(edits, 2)
    text = "\n".join(describe(answers))
    if note:
        text = f"{note}\n\n{text}"
    return Outgoing(text, title=texts.CONFIRM_TITLE, footer=texts.CONFIRM_FOOTER,
                    buttons=tuple(rows), edit=edit)


def _short(label: str) -> str:
    return label if len(label) <= EDIT_LABEL_CHARS else label[:EDIT_LABEL_CHARS - 1] + "…"


@dataclass
class Draft:
    """The dialogue state: the answers, which part of the form, and whether an answer returns
    to the summary (after "✏️ Ubah" or a problem found at Simpan)."""

    answers: Answers
    editing: bool = False
    more: bool = False
    back: bool = False
    pending: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, state: DialogueState) -> Draft:
        data: dict[str, Any] = state.data or {}
        return cls(dict(data.get("answers") or {}), bool(data.get("editing")),
                   bool(data.get("more", True)), bool(data.get("back")),
                   dict(data.get("pending") or {}))

    def data(self, step: Step | None) -> dict[str, Any]:
        return {"answers": self.answers, "editing": self.editing, "more": self.more,
                "back": self.back, "pending": self.pending, "resumable": True,
                "key": step.key if step else None}


class Profiles:
    """The profile commands and the questionnaire dialogue."""

    def __init__(self, store: Store, profiles: ProfileStore, ask: Ask | None = None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self.profiles = profiles
        self.ask = ask
        self.today = today

    def feature(self) -> Feature:
        return Feature(
            menu=MENU,
            commands={"profil": self.start, "profilsaya": self.show, "datasaya": self.export,
                      "hapusdata": self.erase},
            actions={"pf": self.press, "hapus": self.erase_choice},
            dialogues={DIALOGUE: self.typed},
        )

    async def stored(self, user: User) -> Profile | None:
        """The saved profile, field-checked (consistency is checked when it is used)."""
        data = await self.profiles.load(user.id)
        return None if data is None else Profile.model_validate(data)

    # ---- the questionnaire ---------------------------------------------------------------

    async def start(self, user: User, _: str) -> Replies:
        if not has_consent(user):
            return [Outgoing(texts.CONSENT_NEEDED), privacy_notice(user)]
        state = await self.store.dialogue(user.id)
        if state is not None and state.name in (DIALOGUE, PAUSED + DIALOGUE):
            return [Outgoing(texts.RESUME_ASK, buttons=((
                Button(texts.RESUME_BUTTON, "pf:resume"),
                Button(texts.RESTART_BUTTON, "pf:restart")),))]
        return await self._begin(user, edit=False)

    async def _begin(self, user: User, edit: bool) -> Replies:
        """A saved profile opens at its summary (change one answer there); a new one at the
        first core question."""
        profile = await self.stored(user)
        if profile is not None:
            answers = answers_of(profile)
            skipped = {s.key: None for s in STEPS if s.optional and s.key not in answers}
            draft = Draft({**skipped, **answers}, editing=True, more=True)
            await self._save_state(user, None, draft)
            return [summary(draft.answers, note=texts.EDIT_INTRO, edit=edit)]
        draft = Draft({})
        first = STEPS[0]
        await self._save_state(user, first, draft)
        core, rest = counts()
        intro = texts.START_INTRO.format(core=core, rest=rest)
        return [question(first, draft.answers, note=intro, edit=edit)]

    async def _save_state(self, user: User, step: Step | None, draft: Draft) -> None:
        """The step is stored by its number (the column is short) and key; None: the summary."""
        position = CONFIRM if step is None else str(number(step))
        await self.store.save_dialogue(user.id, DIALOGUE, position, draft.data(step))

    async def typed(self, user: User, state: DialogueState, text: str) -> Replies:
        draft = Draft.of(state)
        step = _current(state)
        if self.ask is not None and looks_like_question(text) and (
                step is None or not _readable(step, text, draft.answers)):
            answer = await self.ask(user, text)
            again = summary(draft.answers, offer_more=not draft.more) if step is None else \
                question(step, draft.answers, note=texts.STEP_AGAIN)
            return [*answer, again]
        if state.step == CONFIRM:
            return [summary(draft.answers, note=texts.USE_BUTTONS,
                            offer_more=not draft.more)]
        if step is None:
            await self.store.end_dialogue(user.id)
            return [Outgoing(texts.STALE)]
        if step.kind == "multi":
            return [question(step, draft.answers, note=texts.USE_BUTTONS)]
        return await self._record(user, step, text, draft, edit=False)

    async def _record(self, user: User, step: Step, raw: str, draft: Draft,
                      edit: bool) -> Replies:
        try:
            value = step.read(raw, draft.answers)
        except InvalidValueError as exc:
            return [question(step, draft.answers, edit=edit,
                             note=texts.INVALID_ANSWER.format(label=step.label, message=exc))]
        found = problem(step, value, draft.answers, self.today())
        if found is not None:
            # Kept aside: if the other answer is the one changed, this one is taken after it.
            draft.pending = {step.key: raw} if found.other else {}
            await self._save_state(user, step, draft)
            note = texts.INVALID_ANSWER.format(label=step.label, message=found.message)
            return [question(step, draft.answers, note=note, edit=edit, other=found.other)]
        answers = {**draft.answers, step.key: value}
        if step.key == "jenis_jabatan" and answers.get("jenjang") not in JENJANG_BY_JENIS[value]:
            answers.pop("jenjang", None)
        draft.answers = answers
        return await self._advance(user, step, draft, edit)

    async def _advance(self, user: User, step: Step | None, draft: Draft,
                       edit: bool) -> Replies:
        """The next unanswered step in this part of the form, else the summary; an answer kept
        aside while an earlier one was changed is taken first."""
        if draft.pending:
            (key, raw), = draft.pending.items()
            draft.pending = {}
            if step is not None and step.key != key and BY_KEY[key].applies(draft.answers):
                return await self._record(user, BY_KEY[key], raw, draft, edit)
        core_only = not draft.more
        following = missing_step(draft.answers, core_only) if draft.back or step is None \
            else next((s for s in STEPS[number(step) + 1:] if s.applies(draft.answers)
                       and s.key not in draft.answers and (s.core or not core_only)), None)
        if following is None:
            draft.back = False
            await self._save_state(user, None, draft)
            note = texts.CORE_DONE if core_only and not draft.editing else None
            return [summary(draft.answers, note=note, edit=edit, offer_more=core_only)]
        await self._save_state(user, following, draft)
        return [question(following, draft.answers, edit=edit)]

    async def press(self, user: User, rest: str) -> Replies:
        state = await self.store.dialogue(user.id)
        if rest == "restart":
            await self.store.end_dialogue(user.id)
            return await self._restart(user)
        if state is None or state.name not in (DIALOGUE, PAUSED + DIALOGUE):
            return [Outgoing(texts.STALE, kind="notice")]
        draft = Draft.of(state)
        if rest == "resume":
            step = _current(state)
            await self._save_state(user, step, draft)
            if step is None:
                return [summary(draft.answers, edit=True, offer_more=not draft.more)]
            return [question(step, draft.answers, edit=True)]
        if state.name != DIALOGUE:
            return [Outgoing(texts.STALE, kind="notice")]
        if rest == "save" and state.step == CONFIRM:
            return await self._save(user, draft)
        if rest == "more" and state.step == CONFIRM:
            draft.more = True
            return await self._advance(user, None, draft, edit=True)
        if rest.startswith("e:"):
            target = _step_at(rest.removeprefix("e:"))
            if target is None or not target.applies(draft.answers):
                return [Outgoing(texts.STALE, kind="notice")]
            draft.back = True
            await self._save_state(user, target, draft)
            return [question(target, draft.answers, edit=True)]
        index, _, action = rest.partition(":")
        step = _step_at(index)
        if step is None or step != _current(state):
            return [Outgoing(texts.STALE, kind="notice")]
        return await self._step_action(user, step, action, draft)

    async def _restart(self, user: User) -> Replies:
        if not has_consent(user):
            return [Outgoing(texts.CONSENT_NEEDED), privacy_notice(user)]
        return await self._begin(user, edit=True)

    async def _step_action(self, user: User, step: Step, action: str, draft: Draft) -> Replies:
        op, _, value = action.partition(":")
        answers = draft.answers
        if op == "v":
            return await self._record(user, step, value, draft, edit=True)
        if op == "g" and step.key == "golongan":
            room = value if value in GOLONGAN_ROOMS else None
            return [question(step, answers, room=room, edit=True)]
        if op == "skip" and step.optional:
            draft.answers = {**answers, step.key: None}
            return await self._advance(user, step, draft, edit=True)
        if op == "keep" and step.key in answers:
            return await self._advance(user, step, draft, edit=True)
        if op == "t" and step.kind == "multi" and step.vocabulary is not None and (
                value in step.vocabulary.labels):
            chosen = list(answers.get(step.key) or [])
            chosen = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
            draft.answers = {**answers, step.key: chosen}
            await self._save_state(user, step, draft)
            return [question(step, draft.answers, edit=True)]
        if op == "done" and step.kind == "multi":
            draft.answers = {step.key: [], **answers}
            return await self._advance(user, step, draft, edit=True)
        return [Outgoing(texts.STALE, kind="notice")]

    async def _save(self, user: User, draft: Draft) -> Replies:
        if not has_consent(user):
            return [Outgoing(texts.CONSENT_NEEDED), privacy_notice(user)]
        try:
            profile = parse_profile(assemble(draft.answers), self.today())
        except ProfileError as exc:
            back = step_for_field(exc.problems[0].field.split(".")[0])
            draft.back = True
            await self._save_state(user, back, draft)
            lines = [texts.INVALID_ANSWER.format(label=label_of(p.field), message=p.message)
                     for p in exc.problems]
            return [question(back, draft.answers, edit=True,
                             note="\n".join([texts.SAVE_PROBLEMS, *lines]))]
        await self.profiles.save(user.id, profile.stored())
        await self.store.end_dialogue(user.id)
        return [Outgoing("\n".join([texts.SAVED, "", *describe(draft.answers)]),
                         title=texts.PROFILE_TITLE, edit=True,
                         buttons=((Button(texts.RECOMMEND_BUTTON, "rec:list"),
                                   Button(texts.PLAN_BUTTON, "rec:plan")),))]

    # ---- showing, exporting and deleting -------------------------------------------------

    async def show(self, user: User, _: str) -> Replies:
        profile = await self.stored(user)
        state = await self.store.dialogue(user.id)
        draft = Draft.of(state) if state is not None and state.name in (
            DIALOGUE, PAUSED + DIALOGUE) else None
        if profile is None and draft is not None:
            return [Outgoing("\n".join(describe(draft.answers)) or texts.EMPTY,
                             title=texts.DRAFT_TITLE, footer=texts.DRAFT_FOOTER)]
        if profile is None:
            core, rest = counts()
            return [Outgoing(texts.NO_PROFILE.format(core=core, rest=rest))]
        footer = texts.PROFILE_FOOTER if draft is None else texts.PROFILE_DRAFT_FOOTER
        return [Outgoing("\n".join(describe(answers_of(profile))), title=texts.PROFILE_TITLE,
                         footer=footer)]

    async def export(self, user: User, _: str) -> Replies:
        data = await self.profiles.personal_data(user.id)
        content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
        document = Document(texts.DATA_FILENAME, content, texts.DATA_CAPTION)
        await self.store.audit("privacy.exported", user.id)
        return [Outgoing(texts.DATA_INTRO), Outgoing("", document=document)]

    async def erase(self, user: User, _: str) -> Replies:
        await self.store.ask_erasure(user.id)
        return [Outgoing(texts.ERASE_CONFIRM, buttons=((Button(texts.ERASE_YES, "hapus:ya"),),
                                                       (Button(texts.ERASE_NO, "hapus:batal"),)))]

    async def erase_choice(self, user: User, choice: str) -> Replies:
        pending = await self.store.erasure_pending(user.id)
        if choice != "ya":
            return [Outgoing(texts.ERASE_KEPT, edit=True)]
        if not pending:
            return [Outgoing(texts.ERASE_STALE, edit=True)]
        await self.store.forget_user(user.id)
        return [Outgoing(texts.ERASED, edit=True)]


def _step_at(index: str) -> Step | None:
    position = parse_index(index, len(STEPS))
    return None if position is None else STEPS[position]


def _current(state: DialogueState) -> Step | None:
    """The step a dialogue state points at (by key, so a reordered form resumes right); None
    for the summary."""
    if state.step == CONFIRM:
        return None
    key = (state.data or {}).get("key")
    return BY_KEY.get(key) if isinstance(key, str) else _step_at(state.step)


def _readable(step: Step, text: str, answers: Answers) -> bool:
    """Whether the text is a valid answer to the step (then it is one, even with a "?")."""
    if step.kind == "text":
        return "?" not in text
    try:
        step.read(text, answers)
    except InvalidValueError:
        return False
    return True
