"""Building the report from the database for the chat and the shell.

Evaluating every profile and drawing the PDF take about a second per thousand employees, so
that work runs in a worker thread: the bot keeps answering everyone else meanwhile.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass

from bot.broadcast.progress import WIB
from bot.engine.service import RuleService
from bot.kb.service import KnowledgeService
from bot.reports.charts import chart_png
from bot.reports.csv_table import report_csv
from bot.reports.pdf import report_pdf
from bot.reports.report import NeedsReport, compile_report
from bot.reports.usage import usage_of
from bot.storage.profiles import ProfileStore
from bot.storage.repository import Store


@dataclass(frozen=True)
class ReportFiles:
    pdf: bytes
    csv: bytes
    chart: bytes | None  # None when there is nobody to draw


def chart_of(report: NeedsReport) -> bytes | None:
    top = report.top
    return None if top is None else chart_png(top)


def render(report: NeedsReport) -> ReportFiles:
    chart = chart_of(report)
    return ReportFiles(report_pdf(report, chart), report_csv(report), chart)


class NeedsReports:
    """The needs analysis over every stored profile, with this year's usage."""

    def __init__(self, store: Store, profiles: ProfileStore, rules: RuleService,
                 knowledge: KnowledgeService) -> None:
        self.store = store
        self.profiles = profiles
        self.rules = rules
        self.knowledge = knowledge

    async def build(self, today: dt.date, instansi: str | None = None) -> NeedsReport:
        year_start = dt.datetime(today.year, 1, 1, tzinfo=WIB)
        asked, answered = await self.store.question_totals(year_start)
        unanswered = await self.store.unanswered(limit=None, since=year_start)
        usage = usage_of(year_start.date(), asked, answered, unanswered,
                         self.knowledge.index.kb)
        stored = await self.profiles.every()
        return await asyncio.to_thread(compile_report, stored, self.rules.book, today, usage,
                                       instansi)

    async def files(self, report: NeedsReport) -> ReportFiles:
        return await asyncio.to_thread(render, report)
