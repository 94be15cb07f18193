"""``karierbot report needs --format csv|pdf [--output FILE] [--instansi NAME]``."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from bot.bootstrap import close_services, open_services
from bot.config import Settings
from bot.reports import texts
from bot.reports.csv_table import report_csv
from bot.reports.pdf import report_pdf
from bot.reports.report import NeedsReport
from bot.reports.service import NeedsReports, chart_of


def register(report_sub: Any) -> None:
    """Add ``needs`` to the ``report`` subcommands."""
    needs = report_sub.add_parser(
        "needs", help="aggregated, anonymised training needs per instansi and unit, and usage")
    needs.add_argument("--format", choices=("csv", "pdf"), default="csv")
    needs.add_argument("--output", type=Path, default=None,
                       help="file to write (default: CSV to stdout, PDF to "
                            "laporan-kebutuhan-DATE.pdf here)")
    needs.add_argument("--instansi", default=None, help="only this instansi (case ignored)")
    needs.set_defaults(func=needs_report)


async def _build(instansi: str | None) -> NeedsReport:
    services = await open_services(Settings())
    try:
        reports = NeedsReports(services.store, services.profiles, services.rules,
                               services.knowledge)
        return await reports.build(dt.date.today(), instansi)
    finally:
        await close_services(services)


def needs_report(args: argparse.Namespace) -> int:
    report = asyncio.run(_build(args.instansi))
    pdf = args.format == "pdf"
    content = report_pdf(report, chart_of(report)) if pdf else report_csv(report)
    output: Path | None = args.output
    if output is None and not pdf:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return 0
    if output is None:
        output = Path(texts.FILENAME.format(date=report.today.isoformat(), extension="pdf"))
    output.write_bytes(content)
    print(f"{output}: {report.employees} profiles, {report.skipped} skipped, "
          f"{len(report.agencies)} instansi")
    return 0
