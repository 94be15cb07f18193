"""/laporan through the real ``karierbot run`` process: the documents reach Telegram."""

from __future__ import annotations

from pathlib import Path

from bot.bootstrap import close_services, open_services
from bot.config import Settings
from bot.core import texts
from bot.reports import texts as report_texts
from tests.e2e.test_bot_process import ADMIN, EMPLOYEE, RunningBot
from tests.e2e.test_bot_process import bot as bot  # the running-bot fixture
from tests.service.test_reports import NIP, save_profiles


async def test_hr_gets_the_report_as_documents(bot: RunningBot, tmp_path: Path) -> None:
    api = bot.api
    # The bot serves this SQLite file; employees' profiles arrive while it runs.
    services = await open_services(Settings(database_url=f"sqlite:///{tmp_path / 'e2e.db'}",
                                            data_dir=tmp_path, telegram_bot_token=None))
    try:
        await save_profiles(services)
    finally:
        await close_services(services)

    api.send_message(EMPLOYEE, "/laporan")
    (refused,) = await api.wait_for_messages(EMPLOYEE)
    assert refused.plain_text == texts.HR_ONLY

    api.send_message(ADMIN, "/laporan")
    summary, pdf, table, chart = await api.wait_for_messages(ADMIN, 4, timeout=60)
    assert summary.plain_text is not None and report_texts.CHAT_TITLE in summary.plain_text
    assert [m.method for m in (pdf, table, chart)] == ["sendDocument"] * 2 + ["sendPhoto"]
    names = [m.document_name or "" for m in (pdf, table, chart)]
    assert [name.rsplit(".", 1)[1] for name in names] == ["pdf", "csv", "png"]
    assert all(name.startswith("laporan-kebutuhan-") for name in names)
    assert pdf.document_bytes is not None and pdf.document_bytes.startswith(b"%PDF")
    assert chart.document_bytes is not None and chart.document_bytes.startswith(b"\x89PNG")
    assert table.document_bytes is not None and NIP.encode() not in table.document_bytes
    assert NIP not in bot.log()
