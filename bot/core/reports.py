"""/laporan for HR: the needs analysis as a short summary, the PDF, the CSV and the chart.

HR-only through the menu (``for_hr``): the assistant refuses employees and audits the attempt
before this module runs. ``/laporan NAMA INSTANSI`` narrows the report to one instansi.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.core.commands import Command
from bot.core.features import Feature, Replies
from bot.core.messages import Document, Outgoing
from bot.reports import texts
from bot.reports.report import NeedsReport
from bot.reports.service import NeedsReports
from bot.storage.models import User
from bot.storage.repository import Store

MENU = (Command("laporan", texts.MENU_LAPORAN, for_hr=True),)


def summary(report: NeedsReport) -> str:
    """The headline figures of the report's top row, suppressed exactly as in the files."""
    top = report.top
    assert top is not None
    shown = {key: cell.text() for key, cell in top.cells.items()}
    usage = report.usage
    rate = texts.NOT_APPLICABLE if usage.rate is None else texts.percent(usage.rate)
    return texts.CHAT_SUMMARY.format(
        scope=report.scope(), teknis=shown["teknis_senjang"],
        manajerial=shown["manajerial_senjang"], sosial_kultural=shown["sosial_kultural_senjang"],
        jp_below=shown["jp_di_bawah"], jp_owed=shown["jp_kurang"], pkp=shown["pkp"],
        pka=shown["pka"], pkn2=shown["pkn2"], pkn1=shown["pkn1"], study=shown["tugas_belajar"],
        since=usage.since.strftime("%d-%m-%Y"), asked=usage.asked, rate=rate)


class Reports:
    """Builds the report on request; nothing about it is kept except an audit entry."""

    def __init__(self, store: Store, reports: NeedsReports,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self.store = store
        self.reports = reports
        self.today = today

    def feature(self) -> Feature:
        return Feature(menu=MENU, commands={"laporan": self.needs})

    async def needs(self, user: User, argument: str) -> Replies:
        instansi = argument or None
        report = await self.reports.build(self.today(), instansi)
        await self.store.audit("report.needs", user.id, instansi=instansi,
                               agencies=len(report.agencies))
        if report.top is None:
            where = texts.CHAT_EMPTY_WHERE.format(instansi=instansi[:120]) if instansi else ""
            return [Outgoing(texts.CHAT_EMPTY.format(where=where))]
        files = await self.reports.files(report)
        name = report.today.isoformat()
        replies = [
            Outgoing(summary(report), title=texts.CHAT_TITLE, footer=texts.CHAT_FOOTER),
            Outgoing("", document=Document(texts.FILENAME.format(date=name, extension="pdf"),
                                           files.pdf, texts.CAPTION_PDF)),
            Outgoing("", document=Document(texts.FILENAME.format(date=name, extension="csv"),
                                           files.csv, texts.CAPTION_CSV)),
        ]
        if files.chart is not None:
            replies.append(Outgoing("", document=Document(
                texts.FILENAME.format(date=name, extension="png"), files.chart,
                texts.CAPTION_CHART, photo=True)))
        return replies
