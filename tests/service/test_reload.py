"""HR reloads the knowledge base; a broken file never replaces the running one."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.bootstrap import Services, close_services, open_services
from bot.config import REPO_ROOT, Settings
from bot.core import texts
from bot.core.messages import Incoming
from bot.kb.service import KnowledgeService


async def test_reload_reports_problems_and_keeps_the_old_knowledge(
        settings: Settings, tmp_path: Path) -> None:
    directory = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", directory)
    services: Services = await open_services(settings, KnowledgeService(directory))
    hr = Incoming("telegram", "9000", 9000, text="/muatulang")
    try:
        before = len(services.knowledge.index.kb)
        target = directory / "pelatihan.yaml"
        duplicated = target.read_text().replace("id: pelatihan-hak-20-jp",
                                                "id: belajar-tubel-pengertian")
        target.write_text(duplicated, encoding="utf-8")
        (failed,) = await services.assistant.handle(hr)
        assert failed.text.startswith("Gagal memuat ulang")
        assert "pelatihan.yaml:" in failed.text and "duplicate id" in failed.text
        (still,) = await services.assistant.handle(
            Incoming("telegram", "1", 1, text="minimal JP diklat setahun brp?"))
        assert "20 JP" in still.text

        shutil.copy(REPO_ROOT / "knowledge" / "pelatihan.yaml", target)  # the fix
        (directory / "kompetensi.yaml").unlink()  # and a topic nothing links to is withdrawn
        (ok,) = await services.assistant.handle(hr)
        assert ok.text == texts.RELOAD_OK.format(count=len(services.knowledge.index.kb))
        assert len(services.knowledge.index.kb) < before
        actions = [a.action for a in await services.store.audit_entries("kb.")]
        assert actions == ["kb.reload_failed", "kb.reloaded"]
    finally:
        await close_services(services)
