"""The plan as a PDF: title, profile summary without NIP, one section per year, regulations."""

from __future__ import annotations

import datetime as dt

from bot.config import REPO_ROOT
from bot.engine.pdf import latin1, plan_pdf
from bot.engine.plan import plan_sources
from bot.engine.service import RuleService
from bot.profile.loading import load_profile
from tests.support.pdf import pdf_text

TODAY = dt.date(2025, 7, 1)


def test_transliteration_keeps_latin1_and_spells_out_symbols() -> None:
    assert latin1("≥ 20 JP → “PKN” – Jalur · ✓ é") == '>= 20 JP -> "PKN" - Jalur · v é'
    assert latin1("中") == "?"


def test_the_plan_pdf_has_every_section_and_no_nip() -> None:
    rules = RuleService(REPO_ROOT / "rules")
    profile = load_profile(REPO_ROOT / "tests/content/profiles/p1_rina.yaml", TODAY)
    advice = rules.advise(profile, TODAY)
    content = advice.pdf()
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Rencana Pengembangan Karier (Renbangrir/IDP) 2025-2029" in text
    assert "Analis SDM Aparatur" in text and "Ahli Pertama" in text
    for year in range(2025, 2030):
        assert f"Tahun {year} · 20 JP" in text
    assert "Tugas belajar S2 (tahun ke-1 dari 2)" in text
    assert "PP 11/2017 jo PP 17/2020 Pasal 203 ayat (4)" in text
    assert "Atasan langsung" in text
    assert profile.nip is not None and profile.nip not in text
    assert set(plan_sources(advice.evaluation)) >= {
        r.rule.source for r in advice.evaluation.recommendations}


def test_plan_pdf_renders_long_unicode_text() -> None:
    content = plan_pdf("Rencana ≥ 5 tahun", [("Jabatan", "Guru “Ahli” — Pertama")], [],
                       ["Sumber " * 200], ("Profil", "Dasar", "Pegawai", "Atasan"),
                       compress=False)
    text = pdf_text(content)
    assert "Rencana >= 5 tahun" in text and 'Guru "Ahli" - Pertama' in text
