"""The report as one tidy CSV table: section, instansi, unit, measure, value."""

from __future__ import annotations

import csv
import io

from bot.reports import texts
from bot.reports.needs import MEASURES
from bot.reports.report import NeedsReport

HEADER = ("section", "instansi", "unit", "measure", "value")


def report_rows(report: NeedsReport) -> list[tuple[str, str, str, str, str]]:
    """Every figure once, suppressed ones as "<3" or "x"; usage covers the whole assistant."""
    rows = [(m.section, row.instansi, row.unit, m.label, row.cells[m.key].text())
            for row in report.rows for m in MEASURES]
    usage = report.usage
    everywhere = (texts.SECTION_USAGE, texts.ALL_AGENCIES, texts.ALL_UNITS)
    rows += [(*everywhere, texts.QUESTIONS_ASKED, str(usage.asked)),
             (*everywhere, texts.QUESTIONS_ANSWERED, str(usage.answered))]
    if usage.rate is not None:
        rows.append((*everywhere, texts.ANSWERED_RATE, f"{usage.rate:.1f}"))
    rows += [(*everywhere, texts.UNANSWERED_TOPIC.format(topic=topic), str(count))
             for topic, count in usage.topics]
    return rows


def report_csv(report: NeedsReport) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Indonesian text right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(report_rows(report))
    return out.getvalue().encode("utf-8-sig")
