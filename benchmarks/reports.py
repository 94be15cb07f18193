"""The HR needs report over 1,000 synthetic profiles: how long each step takes.

Profiles are the eight sample profiles of the domain brief (``tests/content/profiles/``) with
instansi, unit, JP, competency levels and talent box varied at random (seeded), inserted in
bulk into a fresh SQLite database (the real schema, migrated); then the report is built the way
``/laporan`` builds it (load every profile, evaluate it with the rule book, count, suppress) and
rendered, each step timed on its own and then all of them together.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import insert

from bot.bootstrap import close_services, open_services
from bot.config import Settings
from bot.reports.charts import chart_png
from bot.reports.csv_table import report_csv
from bot.reports.pdf import report_pdf
from bot.reports.report import compile_report
from bot.reports.service import NeedsReports
from bot.reports.usage import Usage
from bot.storage.models import Profile, User
from tests.support.profiles import synthetic

PROFILES = 1_000
RUNS = 5
T = TypeVar("T")


def timed(function: Callable[..., T], *args: Any) -> tuple[T, float]:
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


async def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{directory}/bench.db",
                            data_dir=Path(directory), telegram_bot_token=None)
        services = await open_services(settings)
        try:
            profiles = synthetic(PROFILES)
            async with services.engine.begin() as connection:
                await connection.execute(insert(User), [
                    {"id": n + 1, "channel": "telegram", "external_id": str(10_000 + n),
                     "role": "employee", "consent_version": 1, "subscribed": True}
                    for n in range(PROFILES)])
                await connection.execute(insert(Profile), [
                    {"user_id": n + 1, "data": data} for n, data in enumerate(profiles)])
            await run(services.store, services.profiles, services.rules, services.knowledge)
        finally:
            await close_services(services)


async def run(*parts: Any) -> None:
    reports = NeedsReports(*parts)
    today = dt.date.today()
    usage = Usage(today, 0, 0, ())
    book = reports.rules.book
    loads, evaluations, csvs, charts, pdfs, totals = [], [], [], [], [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        stored = await reports.profiles.every()
        loads.append(time.perf_counter() - start)
        report, seconds = timed(compile_report, stored, book, today, usage)
        evaluations.append(seconds)
        top = report.top
        assert top is not None
        csv, seconds = timed(report_csv, report)
        csvs.append(seconds)
        chart, seconds = timed(chart_png, top)
        charts.append(seconds)
        pdf, seconds = timed(report_pdf, report, chart)
        pdfs.append(seconds)
        start = time.perf_counter()
        await reports.files(await reports.build(today))
        totals.append(time.perf_counter() - start)
    print(f"HR needs report, {PROFILES} synthetic profiles, {len(report.agencies)} instansi, "
          f"{sum(len(a.units) for a in report.agencies)} units; skipped: {report.skipped}")
    print(f"({platform.machine()}, Python {platform.python_version()}, SQLite; median of "
          f"{RUNS} runs, the first includes importing matplotlib)")
    for label, values in (("load profiles", loads), ("evaluate and count", evaluations),
                          ("CSV", csvs), ("chart PNG", charts), ("PDF", pdfs),
                          ("whole /laporan (build + files)", totals)):
        print(f"  {label:32} {statistics.median(values) * 1000:8.0f} ms   "
              f"(max {max(values) * 1000:.0f} ms)")
    print(f"  sizes: CSV {len(csv) / 1024:.0f} KB, chart {len(chart) / 1024:.0f} KB, "
          f"PDF {len(pdf) / 1024:.0f} KB")


if __name__ == "__main__":
    asyncio.run(main())
