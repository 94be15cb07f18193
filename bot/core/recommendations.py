"""Recommendations in the chat: /rekomendasi with a "Mengapa?" button per item and a
"Belum memenuhi" section, and /rencana as text and as a PDF.

Everything is re-derived from the sender's own stored profile on every command and button, so
``rec:why:<rule>`` shows only the sender's own trace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.core.commands import Command
from bot.core.features import Feature, Replies
from bot.core.messages import Button, Document, Outgoing
from bot.engine import texts as engine_texts
from bot.engine.service import Advice, RuleService
from bot.profile import texts
from bot.profile.fields import label_of
from bot.profile.model import ProfileError, parse_profile
from bot.profile.questionnaire import counts
from bot.storage.models import User
from bot.storage.profiles import ProfileStore
from bot.storage.repository import Store

MAX_SHOWN = 8
MENU = (
    Command("rekomendasi", texts.MENU_REKOMENDASI),
    Command("rencana", texts.MENU_RENCANA),
)


class Recommendations:
    """Evaluates the stored profile with the rule book and presents the result."""

    def __init__(self, store: Store, profiles: ProfileStore, rules: RuleService,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self.profiles = profiles
        self.rules = rules
        self.today = today

    def feature(self) -> Feature:
        return Feature(menu=MENU,
                       commands={"rekomendasi": self.recommend, "rencana": self.plan},
                       actions={"rec": self.press})

    async def advice(self, user: User) -> Advice | Replies:
        """The advice for the sender, or the replies explaining why there is none."""
        data = await self.profiles.load(user.id)
        if data is None:
            core, rest = counts()
            return [Outgoing(texts.NO_PROFILE.format(core=core, rest=rest))]
        today = self.today()
        try:
            profile = parse_profile(data, today)
        except ProfileError as exc:
            lines = [texts.INVALID_ANSWER.format(label=label_of(p.field), message=p.message)
                     for p in exc.problems]
            return [Outgoing("\n".join([texts.PROFILE_OUTDATED, *lines]))]
        return self.rules.advise(profile, today)

    async def recommend(self, user: User, _: str) -> Replies:
        advice = await self.advice(user)
        if not isinstance(advice, Advice):
            return advice
        evaluation = advice.evaluation
        shown = evaluation.recommendations[:MAX_SHOWN]
        for result in evaluation.recommendations:
            if result.rule.refer_to_hr:
                self.store.log_question(
                    user_id=user.id, normalised=texts.REFERRED.format(rule_id=result.rule.id),
                    entry_id=None, score=0.0, decision="referred", answered=False)
        if not shown:
            replies = [Outgoing(texts.REC_NONE)]
        else:
            lines = [texts.REC_LINE.format(number=i, kind=engine_texts.KIND_LABELS[r.rule.kind],
                                           title=r.title, source=r.rule.source)
                     for i, r in enumerate(shown, 1)]
            why = [Button(texts.WHY_BUTTON.format(number=i), f"rec:why:{r.rule.id}")
                   for i, r in enumerate(shown, 1)]
            rows = [tuple(why[i:i + 4]) for i in range(0, len(why), 4)]
            rows.append((Button(texts.PLAN_BUTTON, "rec:plan"),))
            replies = [Outgoing("\n\n".join(lines), title=texts.REC_TITLE,
                                footer=texts.REC_FOOTER, buttons=tuple(rows))]
        if evaluation.not_eligible:
            lines = []
            for result in evaluation.not_eligible:
                lines.append(texts.NOT_YET_LINE.format(title=result.title))
                lines += [texts.NOT_YET_MISSING.format(item=m) for m in result.missing]
            replies.append(Outgoing("\n".join(lines), title=texts.NOT_YET_TITLE))
        return replies

    async def plan(self, user: User, _: str) -> Replies:
        advice = await self.advice(user)
        if not isinstance(advice, Advice):
            return advice
        blocks = []
        for year in advice.plan:
            items = "\n".join(f"• {item}" for item in year.items)
            blocks.append(f"{engine_texts.PLAN_YEAR.format(year=year.year, jp=year.jp)}\n{items}")
        first, last = advice.plan[0].year, advice.plan[-1].year
        document = Document(texts.PLAN_FILENAME.format(first=first, last=last), advice.pdf(),
                            texts.PLAN_CAPTION)
        return [Outgoing("\n\n".join(blocks), title=advice.plan_title(),
                         footer=engine_texts.PLAN_NOTE),
                Outgoing("", document=document)]

    async def press(self, user: User, rest: str) -> Replies:
        if rest == "list":
            return await self.recommend(user, "")
        if rest == "plan":
            return await self.plan(user, "")
        kind, _, rule_id = rest.partition(":")
        if kind != "why":
            return [Outgoing(texts.WHY_STALE, kind="notice")]
        advice = await self.advice(user)
        if not isinstance(advice, Advice):
            return advice
        text = advice.why(rule_id)
        result = advice.evaluation.result(rule_id)
        if text is None or result is None:
            return [Outgoing(texts.WHY_STALE, kind="notice")]
        return [Outgoing(text, title=engine_texts.WHY_TITLE.format(title=result.title))]
