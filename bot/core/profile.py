"""Profiles in the chat: the /profil questionnaire (resumable, state in the database),
/profilsaya, /datasaya (everything held, as JSON) and /hapusdata (after confirmation).

Nothing is stored without consent; every button is re-checked against the sender's own
dialogue state, so a replayed or foreign button cannot change anyone's profile.
"""

from __future__ import annotations

import json
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
    STEPS,
    Answers,
    Step,
    answers_of,
    assemble,
    describe,
    next_step,
    number,
    shown,
    step_for_field,
)
from bot.profile.values import InvalidValueError
from bot.profile.vocabulary import JENJANG_BY_JENIS
from bot.storage.models import DialogueState, User
from bot.storage.profiles import ProfileStore
from bot.storage.repository import Store

DIALOGUE = "profil"
CONFIRM = "confirm"
WIDE = 6  # more choices than this go three to a row
MENU = (
    Command("profil", texts.MENU_PROFIL),
    Command("profilsaya", texts.MENU_PROFILSAYA),
    Command("datasaya", texts.MENU_DATASAYA),
    Command("hapusdata", texts.MENU_HAPUSDATA),
)


def _rows(buttons: list[Button], width: int) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(buttons[i:i + width]) for i in range(0, len(buttons), width))


def question(step: Step, answers: Answers, editing: bool) -> Outgoing:
    """One questionnaire step: the prompt, its choices as buttons, skip and keep."""
    index = number(step)
    selected = answers.get(step.key) or []
    buttons = []
    for value, label in step.choices(answers):
        if step.kind == "multi":
            shown_label = texts.SELECTED.format(label=label) if value in selected else label
            buttons.append(Button(shown_label, f"pf:{index}:t:{value}"))
        else:
            buttons.append(Button(label, f"pf:{index}:v:{value}"))
    rows = list(_rows(buttons, 3 if len(buttons) > WIDE else 2))
    extra = []
    if step.kind == "multi":
        extra.append(Button(texts.DONE_BUTTON, f"pf:{index}:done"))
    if editing and step.key in answers and step.kind != "multi":
        extra.append(Button(texts.KEEP_BUTTON.format(value=shown(step, answers[step.key]))[:60],
                            f"pf:{index}:keep"))
    if step.optional:
        extra.append(Button(texts.SKIP_BUTTON, f"pf:{index}:skip"))
    if extra:
        rows.append(tuple(extra))
    text = step.prompt
    if editing and step.key in answers:
        text += "\n" + texts.CURRENT.format(value=shown(step, answers[step.key]))
    return Outgoing(text, title=texts.STEP_TITLE.format(label=step.label),
                    footer=FIELDS[step.field].help, buttons=tuple(rows))


def confirmation(answers: Answers) -> Outgoing:
    return Outgoing("\n".join(describe(answers)), title=texts.CONFIRM_TITLE,
                    footer=texts.CONFIRM_FOOTER,
                    buttons=((Button(texts.SAVE_BUTTON, "pf:save"),
                              Button(texts.RESTART_BUTTON, "pf:restart")),))


class Profiles:
    """The profile commands and the questionnaire dialogue."""

    def __init__(self, store: Store, profiles: ProfileStore) -> None:
        self.store = store
        self.profiles = profiles

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
        return await self._begin(user)

    async def _begin(self, user: User) -> Replies:
        profile = await self.stored(user)
        answers = answers_of(profile) if profile is not None else {}
        editing = profile is not None
        first = STEPS[0]
        await self._save_state(user, first, answers, editing)
        intro = texts.EDIT_INTRO if editing else texts.START_INTRO
        return [Outgoing(intro), question(first, answers, editing)]

    async def _save_state(self, user: User, step: Step | None, answers: Answers,
                          editing: bool) -> None:
        """The step is stored by its number (the column is short); None is the confirmation."""
        position = CONFIRM if step is None else str(number(step))
        await self.store.save_dialogue(user.id, DIALOGUE, position, {
            "answers": answers, "editing": editing, "resumable": True})

    async def typed(self, user: User, state: DialogueState, text: str) -> Replies:
        answers, editing = _unpack(state)
        if state.step == CONFIRM:
            return [confirmation(answers)]
        step = _current(state)
        if step is None:
            await self.store.end_dialogue(user.id)
            return [Outgoing(texts.STALE)]
        if step.kind == "multi":
            return [Outgoing(texts.USE_BUTTONS), question(step, answers, editing)]
        return await self._record(user, step, text, answers, editing)

    async def _record(self, user: User, step: Step, raw: str, answers: Answers,
                      editing: bool) -> Replies:
        try:
            value = step.read(raw, answers)
        except InvalidValueError as exc:
            message = texts.INVALID_ANSWER.format(label=step.label, message=exc)
            return [Outgoing(message), question(step, answers, editing)]
        answers = {**answers, step.key: value}
        if step.key == "jenis_jabatan" and answers.get("jenjang") not in JENJANG_BY_JENIS[value]:
            answers.pop("jenjang", None)
        return await self._advance(user, step, answers, editing)

    async def _advance(self, user: User, step: Step, answers: Answers,
                       editing: bool) -> Replies:
        following = next_step(answers, step.key)
        if following is None:
            await self._save_state(user, None, answers, editing)
            return [confirmation(answers)]
        await self._save_state(user, following, answers, editing)
        return [question(following, answers, editing)]

    async def press(self, user: User, rest: str) -> Replies:
        state = await self.store.dialogue(user.id)
        if rest == "restart":
            await self.store.end_dialogue(user.id)
            return await self.start(user, "")
        if state is None or state.name not in (DIALOGUE, PAUSED + DIALOGUE):
            return [Outgoing(texts.STALE, kind="notice")]
        answers, editing = _unpack(state)
        if rest == "resume":
            step = _current(state)
            await self._save_state(user, step, answers, editing)
            return [confirmation(answers) if step is None else question(step, answers, editing)]
        if state.name != DIALOGUE:
            return [Outgoing(texts.STALE, kind="notice")]
        if rest == "save" and state.step == CONFIRM:
            return await self._save(user, answers, editing)
        index, _, action = rest.partition(":")
        position = parse_index(index, len(STEPS))
        step = None if position is None else STEPS[position]
        if step is None or step != _current(state):
            return [Outgoing(texts.STALE, kind="notice")]
        return await self._step_action(user, step, action, answers, editing)

    async def _step_action(self, user: User, step: Step, action: str, answers: Answers,
                           editing: bool) -> Replies:
        op, _, value = action.partition(":")
        if op == "v":
            return await self._record(user, step, value, answers, editing)
        if op == "skip" and step.optional:
            return await self._advance(user, step, {**answers, step.key: None}, editing)
        if op == "keep" and step.key in answers:
            return await self._advance(user, step, answers, editing)
        if op == "t" and step.kind == "multi" and step.vocabulary is not None and (
                value in step.vocabulary.labels):
            chosen = list(answers.get(step.key) or [])
            chosen = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
            answers = {**answers, step.key: chosen}
            await self._save_state(user, step, answers, editing)
            return [question(step, answers, editing)]
        if op == "done" and step.kind == "multi":
            return await self._advance(user, step, {step.key: [], **answers}, editing)
        return [Outgoing(texts.STALE, kind="notice")]

    async def _save(self, user: User, answers: Answers, editing: bool) -> Replies:
        if not has_consent(user):
            return [Outgoing(texts.CONSENT_NEEDED), privacy_notice(user)]
        try:
            profile = parse_profile(assemble(answers))
        except ProfileError as exc:
            back = step_for_field(exc.problems[0].field.split(".")[0])
            await self._save_state(user, back, answers, editing)
            lines = [texts.INVALID_ANSWER.format(label=label_of(p.field), message=p.message)
                     for p in exc.problems]
            return [Outgoing("\n".join([texts.SAVE_PROBLEMS, *lines])),
                    question(back, answers, editing)]
        await self.profiles.save(user.id, profile.stored())
        await self.store.end_dialogue(user.id)
        return [Outgoing(texts.SAVED, buttons=((Button(texts.RECOMMEND_BUTTON, "rec:list"),
                                                Button(texts.PLAN_BUTTON, "rec:plan")),))]

    # ---- showing, exporting and deleting -------------------------------------------------

    async def show(self, user: User, _: str) -> Replies:
        profile = await self.stored(user)
        if profile is None:
            return [Outgoing(texts.NO_PROFILE)]
        return [Outgoing("\n".join(describe(answers_of(profile))), title=texts.PROFILE_TITLE,
                         footer=texts.PROFILE_FOOTER)]

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
            return [Outgoing(texts.ERASE_KEPT)]
        if not pending:
            return [Outgoing(texts.ERASE_STALE)]
        await self.store.forget_user(user.id)
        return [Outgoing(texts.ERASED)]


def _unpack(state: DialogueState) -> tuple[Answers, bool]:
    data: dict[str, Any] = state.data or {}
    return dict(data.get("answers") or {}), bool(data.get("editing"))


def _current(state: DialogueState) -> Step | None:
    """The step a dialogue state points at; None for the confirmation (or a stale number)."""
    index = parse_index(state.step, len(STEPS))
    return None if index is None else STEPS[index]
