"""Broken rule files are reported all at once as ``file:line › id › field: message``, with a
"did you mean" for unknown facts, operators, kinds, values and thresholds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import REPO_ROOT
from bot.content import ContentError
from bot.engine.loader import load_rules
from bot.engine.schema import KINDS

BROKEN = """\
area: contoh
rules:
  - id: salah_fakta
    priority: 10
    when: {fact: jp_kurangg, op: gt, value: 0}
    recommend: {kind: pelatihan, title: Judul}
    because: Alasan.
    source: PP 11/2017
    confidence: H
  - id: salah_operator
    priority: 10
    when:
      all:
        - {fact: jp_kurang, op: gtee, value: 0}
        - {fact: golongan, op: eq, value: IV/f}
        - {fact: jabatan, op: gt, value: Analis}
    recommend: {kind: pelatian, title: "Kurang {jp_kurng} JP"}
    because: Alasan.
    source: PP 11/2017
    confidence: L
  - id: jp_kurang
    priority: 200
    when: {fact: usia, op: lte, value: {fact: batas_usia_tubel}}
    recommend: {kind: pelatihan, title: Judul}
    because: Alasan.
    source: ""
    confidence: M
    prioritas: 3
"""


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(REPO_ROOT / "rules", target)
    return target


def problems_in(directory: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_rules(directory)
    return [str(p) for p in caught.value.problems]


def test_the_shipped_rules_load_and_cover_every_kind() -> None:
    book = load_rules(REPO_ROOT / "rules")
    assert {rule.kind for rule in book.rules} == set(KINDS)
    assert all(rule.source and rule.confidence in ("H", "M") for rule in book.rules)
    assert {rule.area for rule in book.rules} == {
        "jp", "kompetensi", "kepemimpinan", "belajar", "pangkat", "jabatan_fungsional",
        "jalur_karier", "talenta", "mutasi", "mentoring", "disiplin"}
    assert any(rule.practice for rule in book.rules)


def test_every_problem_is_listed_with_file_line_id_and_field(rules_dir: Path) -> None:
    (rules_dir / "contoh.yaml").write_text(BROKEN, encoding="utf-8")
    found = problems_in(rules_dir)
    path = rules_dir / "contoh.yaml"
    expected = [
        f"{path}:5 › salah_fakta › when.fact: unknown fact 'jp_kurangg'; did you mean "
        "'jp_kurang'?",
        f"{path}:14 › salah_operator › when.all[0].op: unknown operator 'gtee'; did you mean "
        "'gte'?",
        f"{path}:15 › salah_operator › when.all[1].value: 'IV/f' is not a golongan; did you "
        "mean 'IV/a'?",
        f"{path}:16 › salah_operator › when.all[2].op: 'gt' needs an ordered fact; 'jabatan' "
        "is text",
        f"{path}:17 › salah_operator › recommend.kind: unknown kind 'pelatian'; did you mean "
        "'pelatihan'?",
        f"{path}:17 › salah_operator › recommend.title: unknown fact '{{jp_kurng}}'; did you "
        "mean 'jp_kurang'?",
        f"{path}:20 › salah_operator › confidence: must be H or M",
        f"{path}:22 › jp_kurang › priority: must be a whole number 0-100",
        f"{path}:23 › jp_kurang › when.value: unknown fact 'batas_usia_tubel'; did you mean "
        "'batas_usia_tugas_belajar'?",
        f"{path}:26 › jp_kurang › source: missing or empty",
        f"{path}:28 › jp_kurang › prioritas: unknown key; did you mean 'priority'?",
    ]
    for line in expected:
        assert any(p.startswith(line) for p in found), (line, found)


def test_duplicate_ids_across_files_are_reported(rules_dir: Path) -> None:
    text = (rules_dir / "jp.yaml").read_text(encoding="utf-8")
    (rules_dir / "jp_salinan.yaml").write_text(text, encoding="utf-8")
    found = problems_in(rules_dir)
    assert any("jp_salinan.yaml:3 › jp_kurang › id: duplicate id, first defined at" in p
               for p in found)


def test_agency_files_override_only_known_thresholds(rules_dir: Path) -> None:
    agencies = rules_dir / "agencies"
    (agencies / "pemerintah-kota-contoh.yaml").write_text(
        "agency: Pemerintah Kota Contoh\nthresholds:\n"
        "  tugas_belajar_usia_maks_s22: {value: 40, source: Perwali 1/2024}\n"
        "  mutasi_golongan_maks: {value: V/a, source: Perwali 1/2024}\n", encoding="utf-8")
    (agencies / "salah-nama.yaml").write_text(
        "agency: Pemerintah Kota Lain\nthresholds: {}\n", encoding="utf-8")
    found = problems_in(rules_dir)
    assert any("pemerintah-kota-contoh.yaml:3 › tugas_belajar_usia_maks_s22 › thresholds: "
               "unknown threshold; did you mean 'tugas_belajar_usia_maks_s2'?" in p
               for p in found), found
    assert any("mutasi_golongan_maks › value: unknown golongan 'V/a'" in p for p in found)
    assert any("salah-nama.yaml:1 › - › agency: the file for 'Pemerintah Kota Lain' must be "
               "named pemerintah-kota-lain.yaml" in p for p in found)


def test_facts_file_checks_profile_fields_and_computations(rules_dir: Path) -> None:
    facts = rules_dir / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("{name: golongan, from: profile}",
                                  "{name: golongann, from: profile}")
                     .replace("{name: usia, type: number", "{name: umur, type: number"),
                     encoding="utf-8")
    found = problems_in(rules_dir)
    assert any("golongann › name: not a profile field rules can read; did you mean "
               "'golongan'?" in p for p in found)
    assert any("umur › name: no computation for this derived fact" in p for p in found)
    assert any("usia › name: derived fact 'usia' is computed but not declared" in p
               for p in found)


def test_check_lists_knowledge_and_rule_problems_together(
        rules_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", knowledge)
    first = sorted(knowledge.glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("source:", "sumber:", 1),
                     encoding="utf-8")
    (rules_dir / "contoh.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("KARIERBOT_KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("KARIERBOT_RULES_DIR", str(rules_dir))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert f"{first}:" in err and "sumber" in err
    assert "did you mean 'jp_kurang'?" in err and "contoh.yaml:17" in err


def test_check_passes_on_the_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "knowledge entries" in out and "rules in" in out


def test_broken_rules_stop_start_up(rules_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (rules_dir / "contoh.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("KARIERBOT_RULES_DIR", str(rules_dir))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    assert main(["run"]) == 1
    assert "did you mean 'gte'?" in capsys.readouterr().err


@pytest.mark.parametrize(("old", "new", "message"), [
    ("basis: [pp-11-2017, pp-17-2020, perlan-10-2018]", "basis: [pp-11-2017, pp-11-2071]",
     "jp_kurang › basis: unknown regulation id 'pp-11-2071'"),
    ("basis: [pp-11-2017, pp-17-2020, perlan-10-2018]", "basis: [uu-5-2014]",
     "jp_kurang › basis: 'uu-5-2014' (UU 5/2014) is dicabut, revoked by 'uu-20-2023'"),
    ("    basis: [pp-11-2017, pp-17-2020, perlan-10-2018]\n", "",
     "jp_kurang › basis: missing: list the regulation ids"),
])
def test_every_rule_rests_on_known_regulations_in_force(rules_dir: Path, old: str, new: str,
                                                         message: str) -> None:
    path = rules_dir / "jp.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    lines = text.splitlines()
    rule_line = lines.index("  - id: jp_kurang") + 1
    basis_line = next(i for i, t in enumerate(lines, 1) if t.strip() == old.strip())
    line = basis_line if new else rule_line
    assert f"{path}:{line} › {message}" in " | ".join(problems_in(rules_dir))


def test_thresholds_and_the_career_map_rest_on_known_regulations(rules_dir: Path) -> None:
    defaults = rules_dir / "agencies" / "default.yaml"
    text = defaults.read_text(encoding="utf-8")
    defaults.write_text(text.replace("basis: [pp-49-2018]", "basis: [pp-49-2081]", 1),
                        encoding="utf-8")
    career = rules_dir / "pola_karier.yaml"
    text = career.read_text(encoding="utf-8")
    career.write_text(text.replace("basis: [peraturan-bkn-4-2025]", "basis: [uu-5-2014]", 1)
                      .replace("basis: [uu-14-2005]", "basis: []", 1), encoding="utf-8")
    found = problems_in(rules_dir)
    assert any("default.yaml" in p and "jp_maksimal_pppk › basis: unknown regulation id "
               "'pp-49-2081'" in p for p in found), found
    assert any("pola_karier.yaml" in p and "kp_periods[1] › basis: 'uu-5-2014'" in p
               and "dicabut" in p for p in found), found
    assert any("pola_karier.yaml" in p and "guru › basis: missing" in p for p in found), found


def test_a_rule_shows_since_when_its_basis_is_in_force() -> None:
    book = load_rules(REPO_ROOT / "rules")
    kp = next(rule for rule in book.rules if rule.id == "kp_reguler")
    assert kp.basis[-1] == "peraturan-bkn-4-2025" and kp.since == dt.date(2025, 10, 1)
