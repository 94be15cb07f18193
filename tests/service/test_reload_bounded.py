"""/muatulang on a file full of problems and an alias bomb: one summary message, one page."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.bootstrap import Services, close_services, open_services
from bot.config import REPO_ROOT, Settings
from bot.core.messages import Incoming
from bot.kb.service import KnowledgeService
from tests.unit.test_content_bounds import bomb_anchors


async def test_a_broken_reload_is_one_short_summary(settings: Settings, tmp_path: Path) -> None:
    directory = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", directory)
    services: Services = await open_services(settings, KnowledgeService(directory))
    try:
        (directory / "bom.yaml").write_text(
            "topic: x\nanchors:\n" + bomb_anchors(6) + "entries:\n  - id: *b5\n", "utf-8")
        (directory / "rusak.yaml").write_text("topic: x\nentries:\n" + "".join(
            f"  - id: {'x' * 300}{n}\n    questions: 5\n" for n in range(400)), "utf-8")
        replies = await services.assistant.handle(
            Incoming("telegram", "9000", 9000, text="/muatulang"))
        assert len(replies) == 1
        assert replies[0].text.startswith("Gagal memuat ulang") and len(replies[0].text) <= 3000
    finally:
        await close_services(services)
