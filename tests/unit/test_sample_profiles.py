"""The eight sample profiles of the domain brief (§5) reach the conclusions the brief states."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.config import REPO_ROOT
from bot.engine.service import Advice, RuleService
from bot.profile.loading import load_profile

PROFILES = REPO_ROOT / "tests" / "content" / "profiles"
TODAY = dt.date(2025, 7, 1)
KARIERBOT = str(Path(sys.executable).parent / "karierbot")


@dataclass
class Expected:
    recommended: set[str]
    not_recommended: set[str] = field(default_factory=set)
    missing: dict[str, list[str]] = field(default_factory=dict)
    says: dict[str, list[str]] = field(default_factory=dict)


EXPECTED = {
    "p1_rina": Expected(
        recommended={"jp_kurang", "kompetensi_teknis_ringan", "dibimbing_mentor",
                     "talenta_kotak_7", "tugas_belajar", "uji_kompetensi"},
        missing={"kenaikan_jenjang": ["18,75 AK", "sekitar 1 tahun lagi dengan predikat Sangat "
                                      "Baik", "1,5 tahun dengan predikat Baik",
                                      "Belum lulus uji kompetensi"]},
        says={"jp_kurang": ["12 JP", "e-learning"], "dibimbing_mentor": ["Ahli Muda"],
              "talenta_kotak_7": ["suksesi instansi", "pengayaan jabatan"],
              "tugas_belajar": ["S2", "37 tahun", "peraturan tugas belajar instansi"],
              "kompetensi_teknis_ringan": ["nonklasikal", "mentoring", "e-learning"]},
    ),
    # A pengawas gets KP pilihan within the pangkat range of the post (PP 99/2000 Pasal 6),
    # not KP reguler; at III/d Budi is at the top of the pengawas range.
    "p2_budi": Expected(
        recommended={"pkp", "rotasi_direncanakan", "talenta_kotak_5"},
        not_recommended={"kp_reguler", "kp_pilihan_batas_ijazah", "kp_pilihan_jabatan"},
        missing={"kp_pilihan_jabatan": ["puncak jenjang pangkat jabatan Pengawas", "III/d",
                                        "jabatan yang lebih tinggi"]},
        says={"rotasi_direncanakan": ["7,4 tahun", "batas 5 tahun"],
              "talenta_kotak_5": ["penempatan yang sesuai", "bimbingan kinerja"]},
    ),
    "p3_sari": Expected(
        recommended={"promosi_target", "pkn2_seleksi", "talenta_kotak_9"},
        not_recommended={"pka"},
        says={"promosi_target": ["diagonal", "JPT Pratama", "seleksi terbuka: ya"],
              "talenta_kotak_9": ["nasional", "penghargaan"]},
    ),
    "p4_agus": Expected(
        recommended={"izin_belajar"},
        not_recommended={"tugas_belajar", "perpindahan_jf"},
        missing={"perpindahan_jf": ["Pendidikan terakhir D-III", "S1",
                                    "Belum lulus uji kompetensi"],
                 "tugas_belajar": ["Usia 35 tahun", "paling banyak 25 tahun"]},
        says={"izin_belajar": ["S1", "biaya sendiri", "tidak otomatis menaikkan pangkat"]},
    ),
    "p5_dewi": Expected(
        recommended={"jp_pppk_melebihi_kuota", "tugas_belajar_pppk"},
        not_recommended={"jp_kurang", "tugas_belajar", "izin_belajar"},
        says={"jp_pppk_melebihi_kuota": ["40 JP", "24 JP", "PP 49/2018"],
              "tugas_belajar_pppk": ["tidak dapat kami pastikan", "unit kepegawaian"]},
    ),
    "p6_hendra": Expected(
        recommended={"bimbingan_kinerja", "jp_kurang", "talenta_kotak_3"},
        not_recommended={"kp_reguler", "tugas_belajar", "promosi_target",
                         "kelompok_suksesi"},
        missing={"kp_reguler": ["Baik, Butuh Perbaikan", "semuanya minimal Baik",
                                "ujian dinas"],
                 "tugas_belajar": ["Butuh Perbaikan"]},
        says={"jp_kurang": ["16 JP"], "bimbingan_kinerja": ["konseling kinerja"]},
    ),
    "p7_yusuf": Expected(
        recommended={"transfer_pengetahuan", "menjadi_mentor"},
        not_recommended={"tugas_belajar", "izin_belajar"},
        missing={"tugas_belajar": ["Usia 57 tahun", "paling banyak 40 tahun",
                                   "Sisa waktu sampai BUP"],
                 "kenaikan_jenjang": ["150 AK", "Belum lulus uji kompetensi"]},
        says={"transfer_pengetahuan": ["60 tahun", "mentor"]},
    ),
    "p8_lina": Expected(
        recommended={"uji_kompetensi", "talenta_kotak_8", "tugas_belajar"},
        missing={"kenaikan_jenjang": ["20 AK", "0,5 tahun lagi dengan predikat Sangat Baik",
                                      "Belum lulus uji kompetensi"]},
        says={"talenta_kotak_8": ["suksesi instansi", "perluasan jabatan",
                                  "bimbingan kinerja"],
              "tugas_belajar": ["S3", "40 tahun"]},
    ),
}


@pytest.fixture(scope="module")
def rules() -> RuleService:
    return RuleService(REPO_ROOT / "rules")


def advise(rules: RuleService, name: str) -> Advice:
    return rules.advise(load_profile(PROFILES / f"{name}.yaml", TODAY), TODAY)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_profile_conclusions(rules: RuleService, name: str) -> None:
    expected = EXPECTED[name]
    evaluation = advise(rules, name).evaluation
    recommended = {r.rule.id: r for r in evaluation.recommendations}
    not_eligible = {r.rule.id: r for r in evaluation.not_eligible}
    assert expected.recommended <= set(recommended), set(recommended)
    assert not expected.not_recommended & set(recommended)
    for rule_id, fragments in expected.missing.items():
        missing = " | ".join(not_eligible[rule_id].missing)
        for fragment in fragments:
            assert fragment in missing, (rule_id, fragment, missing)
    for rule_id, fragments in expected.says.items():
        said = f"{recommended[rule_id].title} {recommended[rule_id].reason}"
        for fragment in fragments:
            assert fragment in said, (rule_id, fragment, said)


def test_near_retirement_plan_stops_at_bup_and_states_the_higher_bup(rules: RuleService) -> None:
    advice = advise(rules, "p7_yusuf")
    assert advice.evaluation.facts["bup"] == 60
    assert [year.year for year in advice.plan] == [2025, 2026, 2027, 2028]
    assert "batas usia pensiun (60 tahun)" in advice.plan[-1].items[-1]
    reason = advice.evaluation.result("kenaikan_jenjang")
    assert reason is not None and "65 tahun" in reason.reason and "bukan janji" in reason.reason


def test_kenaikan_jenjang_explains_kp_with_the_same_ak(rules: RuleService) -> None:
    result = advise(rules, "p8_lina").evaluation.result("kenaikan_jenjang")
    assert result is not None and result.status == "not_eligible"
    assert "kenaikan pangkat ke IV/a" in result.reason


def test_the_plan_has_five_yearly_blocks_with_at_least_20_jp(rules: RuleService) -> None:
    for name in ("p1_rina", "p4_agus", "p6_hendra"):
        plan = advise(rules, name).plan
        assert [block.year for block in plan] == list(range(2025, 2030))
        assert all(block.jp >= 20 and "20 JP" in block.items[0] for block in plan)
    rina = advise(rules, "p1_rina").plan
    assert any("Tugas belajar S2 (tahun ke-1 dari 2)" in item for item in rina[1].items)
    assert any("kenaikan jenjang ke Analis SDM Aparatur Ahli Muda" in item
               for item in rina[1].items)
    agus = advise(rules, "p4_agus").plan
    assert any("perpindahan" in item for item in agus[4].items)  # after the 4-year S1
    dewi = advise(rules, "p5_dewi").plan
    assert all(block.jp <= 24 and "24 JP" in block.items[0] for block in dewi)


def test_recommend_cli_prints_the_issue_json(tmp_path: Path) -> None:
    done = subprocess.run(
        [KARIERBOT, "recommend", "--profile", str(PROFILES / "p1_rina.yaml"), "--json",
         "--today", "2025-07-01"], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {"recommendations", "not_eligible", "plan"}
    assert all(set(r) == {"kind", "title", "reason", "source", "rule_id"}
               for r in report["recommendations"])
    assert all(set(r) == {"kind", "title", "missing"} for r in report["not_eligible"])
    assert all(set(p) == {"year", "jp", "items"} for p in report["plan"])
    assert report["recommendations"][0]["rule_id"] == "jp_kurang"
    assert "199602142019032001" not in done.stdout + done.stderr  # the NIP is never echoed


def test_recommend_cli_rejects_an_invalid_profile_with_exit_code_2(tmp_path: Path) -> None:
    broken = tmp_path / "profil.yaml"
    text = (PROFILES / "p1_rina.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("golongan: III/b", "golongan: IV/f"), encoding="utf-8")
    done = subprocess.run([KARIERBOT, "recommend", "--profile", str(broken)],
                          capture_output=True, text=True, check=False, timeout=120)
    line = text.splitlines().index("golongan: III/b") + 1
    assert done.returncode == 2
    assert (f"{broken}:{line}: golongan: 'IV/f' tidak dikenal. Pilihan: PNS dan CPNS: I/a … IV/e; "
            "PPPK: I … XVII") in done.stderr
    assert done.stdout == ""
