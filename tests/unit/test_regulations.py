"""The regulation registry: content rests on regulations in force, and currency shows."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import REPO_ROOT
from bot.content import ContentError
from bot.content.regulations import basis_problems, load_registry
from bot.core.questions import source_footer
from bot.kb.currency import audit, review_due, rule_basis, stale_entries
from bot.kb.loader import load_knowledge

REGISTRY = """\
regulations:
  - id: peraturan-bkn-4-2025
    short: Peraturan BKN 4/2025
    title: Peraturan BKN Nomor 4 Tahun 2025 tentang Periodisasi Kenaikan Pangkat PNS
    date: 2025-10-01
    status: berlaku
    supersedes: [peraturan-bkn-4-2023]
    confirmed: true
  - id: peraturan-bkn-4-2023
    short: Peraturan BKN 4/2023
    title: Peraturan BKN Nomor 4 Tahun 2023 tentang Periodisasi Kenaikan Pangkat PNS
    date: 2024-01-01
    status: dicabut
    revoked_by: peraturan-bkn-4-2025
    confirmed: false
  - id: pp-11-2017
    short: PP 11/2017
    title: Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen PNS
    date: 2017-04-07
    status: berlaku
    confirmed: false
"""

ENTRY = """\
topic: pangkat
entries:
  - id: periode-kp
    questions: [kapan periode kp, kp berapa kali setahun, jadwal naik pangkat]
    answer: KP ditetapkan setiap tanggal 1 tiap bulan.
    source: Peraturan BKN 4/2025
    basis: [peraturan-bkn-4-2025]
    reviewed: 2026-12-04
  - id: pp-lama
    questions: [apa itu pns, pengertian pns, pns itu apa]
    answer: PNS adalah pegawai ASN.
    source: PP 11/2017 Pasal 1
    basis: [pp-11-2017]
    reviewed: 2025-11-30
"""


def content(tmp_path: Path, registry: str = REGISTRY, entries: str = ENTRY) -> Path:
    (tmp_path / "regulations").mkdir()
    (tmp_path / "regulations" / "bkn.yaml").write_text(registry, encoding="utf-8")
    (tmp_path / "pangkat.yaml").write_text(entries, encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path, **changes: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_knowledge(content(tmp_path, **changes))
    return [str(p) for p in caught.value.problems]


def test_entries_rest_on_known_regulations_in_force(tmp_path: Path) -> None:
    found = problems(tmp_path, entries=ENTRY.replace(
        "basis: [peraturan-bkn-4-2025]", "basis: [peraturan-bkn-4-2023, perpres-1-2099]")
        .replace("basis: [pp-11-2017]", "basis: []"))
    assert found == [
        f"{tmp_path}/pangkat.yaml:7 › periode-kp › basis: 'peraturan-bkn-4-2023' (Peraturan BKN "
        "4/2023) is dicabut, revoked by 'peraturan-bkn-4-2025': rest the content on the "
        "regulation in force",
        f"{tmp_path}/pangkat.yaml:7 › periode-kp › basis: unknown regulation id 'perpres-1-2099'"
        " (not in regulations/)",
        f"{tmp_path}/pangkat.yaml:13 › pp-lama › basis: Value error, needs at least one "
        "regulation id from knowledge/regulations/",
    ]


def test_a_revoked_regulation_names_what_revoked_it(tmp_path: Path) -> None:
    broken = REGISTRY.replace("    revoked_by: peraturan-bkn-4-2025\n", "").replace(
        "    status: berlaku\n    confirmed: false", "    status: diubah\n    confirmed: false")
    found = problems(tmp_path, registry=broken)
    assert f"{tmp_path}/regulations/bkn.yaml:9 › peraturan-bkn-4-2023 › revoked_by: Value " \
           "error, a regulation with status dicabut needs revoked_by" in found
    assert f"{tmp_path}/regulations/bkn.yaml:15 › pp-11-2017 › amended_by: Value error, a " \
           "regulation with status diubah needs amended_by" in found


def test_links_between_regulations_are_checked_both_ways(tmp_path: Path) -> None:
    broken = REGISTRY.replace("supersedes: [peraturan-bkn-4-2023]", "supersedes: [pp-11-2017]")
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_registry(tmp_path / "r")
    found = [str(p) for p in caught.value.problems]
    assert found == [
        f"{tmp_path}/r/a.yaml:2 › peraturan-bkn-4-2025 › supersedes: 'pp-11-2017' should have "
        "status dicabut and revoked_by: peraturan-bkn-4-2025",
        f"{tmp_path}/r/a.yaml:9 › peraturan-bkn-4-2023 › revoked_by: 'peraturan-bkn-4-2025' "
        "should list 'peraturan-bkn-4-2023' in its supersedes",
    ]


def test_the_rules_engine_can_validate_its_own_basis(tmp_path: Path) -> None:
    content(tmp_path)
    registry = load_registry(tmp_path / "regulations")
    assert basis_problems(["pp-11-2017"], registry, path="rules/x.yaml", line=3,
                          item_id="r") == []
    assert [str(p) for p in basis_problems(["pp-11-2017", "pp-11-2017"], registry,
                                           path="rules/x.yaml", line=3, item_id="r")] == [
        "rules/x.yaml:3 › r › basis: the same regulation id appears twice"]
    assert registry.newest(["pp-11-2017", "peraturan-bkn-4-2025"]).short == "Peraturan BKN 4/2025"


def test_the_footer_shows_the_date_in_force_or_hedges(tmp_path: Path) -> None:
    kb = load_knowledge(content(tmp_path))
    assert source_footer(kb.by_id["periode-kp"], kb) == (
        "Dasar: Peraturan BKN 4/2025 (berlaku sejak 1 Oktober 2025) · diperiksa 04-12-2026")
    assert source_footer(kb.by_id["pp-lama"], kb) == (
        "Dasar: PP 11/2017 Pasal 1 · diperiksa 30-11-2025. Tanggal berlaku PP 11/2017 belum "
        "dipastikan; pastikan dengan BKPSDM/instansi Anda.")


def test_entries_not_reviewed_for_twelve_months_are_warned(tmp_path: Path) -> None:
    kb = load_knowledge(content(tmp_path))
    assert [str(w) for w in stale_entries(kb, dt.date(2026, 12, 4))] == [
        f"{tmp_path}/pangkat.yaml:9 › pp-lama › reviewed: last reviewed 2025-11-30, 12 months "
        "or more ago: re-check it against its basis and update reviewed"]
    assert stale_entries(kb, dt.date(2026, 11, 29)) == []
    assert review_due(dt.date(2025, 12, 4), dt.date(2026, 12, 4))
    assert not review_due(dt.date(2025, 12, 5), dt.date(2026, 12, 4))
    assert review_due(dt.date(2024, 2, 29), dt.date(2025, 3, 1))


def test_the_audit_lists_what_rests_on_each_regulation(tmp_path: Path) -> None:
    kb = load_knowledge(content(tmp_path))
    rules = tmp_path / "rules"
    (rules / "agencies").mkdir(parents=True)
    (rules / "pangkat.yaml").write_text(
        "rules:\n  - id: kp-reguler\n    basis: [pp-11-2017, peraturan-bkn-4-2025]\n",
        encoding="utf-8")
    (rules / "agencies" / "default.yaml").write_text(
        "thresholds:\n  jp_minimum:\n    value: 20\n    basis: [pp-11-2017]\n", encoding="utf-8")
    rows = {row.short: row for row in audit(kb, rule_basis(rules))}
    assert rows["PP 11/2017"].entries == ("pp-lama",)
    assert rows["PP 11/2017"].rules == ("agencies/default:jp_minimum", "pangkat:kp-reguler")
    assert rows["Peraturan BKN 4/2025"].supersedes == ("Peraturan BKN 4/2023",)
    assert rows["Peraturan BKN 4/2023"].superseded_by == "Peraturan BKN 4/2025"
    assert rows["Peraturan BKN 4/2023"].entries == ()


def test_check_fails_on_a_revoked_basis_and_audit_writes_markdown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(REPO_ROOT / "knowledge", tmp_path / "kb")
    monkeypatch.setenv("KARIERBOT_KNOWLEDGE_DIR", str(tmp_path / "kb"))
    report = tmp_path / "audit.md"
    assert main(["content", "audit", "--markdown", str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    assert "| Peraturan BKN 4/2025 | berlaku | 2025-10-01 | yes |" in text
    assert "| UU 5/2014 | dicabut by UU 20/2023 |" in text
    assert "Peraturan BKN 4/2025" in capsys.readouterr().out
    assert main(["check"]) == 0
    capsys.readouterr()
    pangkat = tmp_path / "kb" / "pangkat.yaml"
    pangkat.write_text(pangkat.read_text(encoding="utf-8").replace(
        "reviewed: 2026-11-23", "reviewed: 2024-11-23", 1), encoding="utf-8")
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "warning: " in out and "pangkat.yaml" in out and "last reviewed 2024-11-23" in out
    pangkat.write_text(pangkat.read_text(encoding="utf-8").replace(
        "basis: [peraturan-bkn-4-2025]", "basis: [peraturan-bkn-4-2023]", 1), encoding="utf-8")
    assert main(["check"]) == 1
    assert "pangkat-periode-kp › basis: 'peraturan-bkn-4-2023'" in capsys.readouterr().err
