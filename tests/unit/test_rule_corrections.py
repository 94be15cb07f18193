"""The December 2026 corrections in rules/ and the engine, as table tests on real profiles.

Each case names the correction of ../shared/domain/corrections-2026-12.md it proves.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.config import REPO_ROOT
from bot.engine.evaluate import Evaluation
from bot.engine.explain import missing as missing_items
from bot.engine.schema import AllOf, AnyOf, Condition, Node, NotOf
from bot.engine.service import Advice, RuleService
from bot.profile.loading import load_profile
from bot.profile.model import ProfileError, parse_profile
from bot.reports.csv_table import report_csv
from bot.reports.pdf import report_pdf
from bot.reports.report import compile_report
from bot.reports.usage import Usage

PROFILES = REPO_ROOT / "tests" / "content" / "profiles"
TODAY = dt.date(2026, 12, 4)
KARIERBOT = str(Path(sys.executable).parent / "karierbot")


@pytest.fixture(scope="module")
def rules() -> RuleService:
    return RuleService(REPO_ROOT / "rules")


def profile(**changes: Any) -> dict[str, Any]:
    """A PNS pelaksana; each test changes what it is about."""
    base: dict[str, Any] = {
        "status": "pns", "tanggal_lahir": "1985-05-10", "tmt_pns": "2010-03-01",
        "instansi": "Pemerintah Kabupaten Contoh", "jenis_jabatan": "administrasi",
        "jabatan": "Pengadministrasi Perkantoran", "jenjang": "pelaksana", "golongan": "II/c",
        "tmt_golongan": "2021-04-01", "tmt_jabatan": "2019-01-02", "pendidikan": "d3",
        "predikat_kinerja": ["baik", "baik"], "jp_tahun_ini": 20,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def advise(rules: RuleService, today: dt.date = TODAY, **changes: Any) -> Advice:
    return rules.advise(parse_profile(profile(**changes), today), today)


def status_of(evaluation: Evaluation, rule_id: str) -> str:
    result = evaluation.result(rule_id)
    assert result is not None, rule_id
    return result.status


# ---- BUP follows the jabatan (correction 6) ------------------------------------------------

def born_years_ago(years: int, today: dt.date = TODAY) -> str:
    return f"{today.year - years}-{today.month:02d}-01"


GURU = {"jenis_jabatan": "fungsional", "jabatan": "Guru Ahli Madya", "jenjang": "ahli_madya",
        "golongan": "IV/a", "tmt_golongan": "2022-04-01", "pendidikan": "s1"}


@pytest.mark.parametrize(("changes", "bup"), [
    (GURU, 60),                                                              # UU 14/2005 Ps 30(4)
    ({**GURU, "jabatan": "Analis Kebijakan", "jenjang": "ahli_muda", "golongan": "III/c"}, 58),
    ({**GURU, "jabatan": "Dosen", "jenjang": "ahli_madya"}, 65),           # UU 14/2005 Ps 67(4)
    ({**GURU, "jabatan": "Guru Besar", "jenjang": "ahli_utama", "golongan": "IV/d"}, 70),
    ({**GURU, "jabatan": "Peneliti", "jenjang": "ahli_madya"}, 65),        # UU 11/2019 Ps 53
    ({**GURU, "jabatan": "Perekayasa", "jenjang": "ahli_utama", "golongan": "IV/d"}, 70),
    ({**GURU, "jabatan": "Analis Kebijakan", "jenjang": "ahli_utama", "golongan": "IV/d"}, 65),
    # the profile field decides over the name
    ({**GURU, "jabatan": "Pengajar", "jenjang": "ahli_muda", "golongan": "III/c",
      "kelompok_jabatan": "guru"}, 60),
    ({**GURU, "jenjang": "ahli_muda", "golongan": "III/c", "kelompok_jabatan": "umum"}, 58),
])
def test_bup_follows_the_jabatan(rules: RuleService, changes: dict[str, Any], bup: int) -> None:
    assert advise(rules, **changes).evaluation.facts["bup"] == bup


def test_a_guru_aged_59_is_not_told_to_retire(rules: RuleService) -> None:
    today = dt.date(2026, 6, 15)
    advice = advise(rules, today, tanggal_lahir="1967-06-01", **GURU)
    facts = advice.evaluation.facts
    assert facts["usia"] == 59 and facts["bup"] == 60 and facts["tahun_menuju_bup"] > 0
    assert [block.year for block in advice.plan] == [2026, 2027]
    assert not any("batas usia pensiun" in item for item in advice.plan[0].items)
    assert any("batas usia pensiun (60 tahun)" in item for item in advice.plan[1].items)
    # the same age in a general JF ahli muda post is past its BUP of 58
    general = advise(rules, today, tanggal_lahir="1967-06-01",
                     **{**GURU, "jabatan": "Analis Kebijakan", "jenjang": "ahli_muda",
                        "golongan": "III/d"})
    assert general.evaluation.facts["tahun_menuju_bup"] == 0
    assert any("batas usia pensiun (58 tahun)" in item for item in general.plan[0].items)


def test_tugas_belajar_gates_use_the_jabatan_bup(rules: RuleService) -> None:
    """A dosen of 55 still has 10 years: izin belajar S3 stays open; a general ahli madya of 55
    (BUP 60) would not fit the 4-year study."""
    dosen = advise(rules, tanggal_lahir=born_years_ago(55),
                   **{**GURU, "jabatan": "Dosen", "pendidikan": "s2"}).evaluation
    assert dosen.facts["tahun_menuju_bup"] > 9
    assert status_of(dosen, "izin_belajar") == "recommended"


# ---- kenaikan pangkat (corrections 1, 2, 5) ---------------------------------------------------

def test_a_pengawas_gets_kp_pilihan_not_reguler(rules: RuleService) -> None:
    evaluation = advise(rules, jenjang="pengawas", jabatan="Kepala Subbagian Umum",
                        golongan="III/b", tmt_golongan="2021-04-01", pendidikan="s1").evaluation
    assert status_of(evaluation, "kp_reguler") == "not_applicable"
    assert status_of(evaluation, "kp_reguler_berikutnya") == "not_applicable"
    assert status_of(evaluation, "kp_pilihan_jabatan") == "recommended"
    result = evaluation.result("kp_pilihan_jabatan")
    assert result is not None and "pilihan ke III/c" in result.title
    assert "pastikan dengan BKPSDM" in result.reason


@pytest.mark.parametrize("jenjang", ["administrator", "pratama"])
def test_administrator_and_jpt_get_no_kp_reguler(rules: RuleService, jenjang: str) -> None:
    jenis = "administrasi" if jenjang == "administrator" else "pimpinan_tinggi"
    evaluation = advise(rules, jenis_jabatan=jenis, jenjang=jenjang, golongan="IV/b",
                        pendidikan="s2").evaluation
    assert status_of(evaluation, "kp_reguler") == "not_applicable"
    assert status_of(evaluation, "kp_pilihan_jabatan") != "not_applicable"


def test_kp_reguler_no_longer_claims_the_superiors_pangkat_limit(rules: RuleService) -> None:
    result = advise(rules).evaluation.result("kp_reguler")
    assert result is not None and result.status == "recommended"
    assert "atasan langsung" in result.reason and "boleh melebihi" in result.reason
    assert "Peraturan BKN 2/2025" in result.rule.source
    assert "enam kali" not in result.reason


@pytest.mark.parametrize(("today", "tmt_golongan", "next_period", "when_due"), [
    # since 1 October 2025 every month's 1st is a period (Peraturan BKN 4/2025)
    (dt.date(2026, 1, 10), "2022-03-15", dt.date(2026, 2, 1), dt.date(2026, 4, 1)),
    (dt.date(2026, 12, 4), "2023-05-02", dt.date(2027, 1, 1), dt.date(2027, 6, 1)),
    (dt.date(2025, 10, 2), "2021-11-01", dt.date(2025, 11, 1), dt.date(2025, 11, 1)),
    # before then the six periods of Peraturan BKN 4/2023 applied: no 1 September 2025
    (dt.date(2025, 7, 1), "2021-08-10", dt.date(2025, 8, 1), dt.date(2025, 10, 1)),
])
def test_the_kp_periods_are_monthly(rules: RuleService, today: dt.date, tmt_golongan: str,
                                    next_period: dt.date, when_due: dt.date) -> None:
    facts = advise(rules, today, tmt_golongan=tmt_golongan).evaluation.facts
    assert facts["kp_periode_berikut"] == next_period
    assert facts["kp_periode_memenuhi_masa"] == when_due


def test_kp_months_are_data_not_code() -> None:
    source = (REPO_ROOT / "bot" / "engine" / "derived.py").read_text(encoding="utf-8")
    assert "KP_MONTHS" not in source
    career = (REPO_ROOT / "rules" / "pola_karier.yaml").read_text(encoding="utf-8")
    assert "Peraturan BKN 4/2025" in career and "kp_periods:" in career


# ---- tugas belajar (corrections 3 and 14) ---------------------------------------------------

def test_a_jf_holder_on_tugas_belajar_is_told_diberhentikan(rules: RuleService) -> None:
    evaluation = advise(rules, tanggal_lahir="1995-01-01", tmt_pns="2020-03-01",
                        jenis_jabatan="fungsional",
                        jabatan="Analis SDM Aparatur", jenjang="ahli_pertama", golongan="III/a",
                        pendidikan="s1").evaluation
    result = evaluation.result("tugas_belajar_lepas_jabatan")
    assert result is not None and result.status == "recommended"
    assert "lebih dari 6 bulan diberhentikan" in result.reason
    assert "pejabat fungsional" in result.reason and "lowongan" in result.reason
    assert "dibebaskan sementara" not in result.reason
    assert "Pasal 94" in result.rule.source


@pytest.mark.parametrize(("daerah_3t", "limit"), [(False, 25), (True, 37)])
def test_the_3t_age_exception_is_a_real_rule_path(rules: RuleService, daerah_3t: bool,
                                                  limit: int) -> None:
    evaluation = advise(rules, tanggal_lahir=born_years_ago(30), tmt_pns="2018-03-01",
                        tmt_golongan="2022-04-01", daerah_3t=daerah_3t).evaluation
    assert evaluation.facts["batas_usia_tugas_belajar"] == limit
    assert status_of(evaluation, "tugas_belajar") == (
        "recommended" if daerah_3t else "not_eligible")


# ---- PPPK (corrections 8 and 11) ------------------------------------------------------------

PPPK = {"status": "pppk", "jenis_jabatan": "fungsional", "jabatan": "Pranata Komputer",
        "jenjang": "ahli_pertama", "golongan": "IX", "tmt_golongan": None, "pendidikan": "s1",
        "tanggal_lahir": "1996-08-08", "tmt_pns": "2023-03-01", "angka_kredit": {"jenjang": 40},
        "predikat_kinerja": ["baik", "sangat_baik"], "jp_tahun_ini": 10}


def test_a_pppk_ahli_pertama_golongan_ix_gets_a_valid_plan_and_jf_rules(
        rules: RuleService) -> None:
    advice = advise(rules, **PPPK)
    evaluation = advice.evaluation
    assert evaluation.facts["golongan"] == "IX"
    assert status_of(evaluation, "kenaikan_jenjang_pppk") == "not_eligible"
    result = evaluation.result("kenaikan_jenjang_pppk")
    assert result is not None
    assert "Anda masih perlu 60 AK untuk kenaikan jenjang ke Ahli Muda" in result.missing[0]
    assert "pastikan dengan BKPSDM" in result.reason
    for pns_only in ("kp_reguler", "kp_angka_kredit", "kp_pilihan_jabatan", "kenaikan_jenjang",
                     "jp_kurang"):
        assert status_of(evaluation, pns_only) == "not_applicable", pns_only
    assert len(advice.plan) == 5 and all(block.jp == 20 for block in advice.plan)
    assert any("kenaikan jenjang ke Pranata Komputer Ahli Muda" in item
               for block in advice.plan for item in block.items)
    json.dumps(advice.as_json())


@pytest.mark.parametrize(("status", "golongan", "message"), [
    ("pppk", "XVIII", "golongan: 'XVIII' tidak dikenal. Pilihan: PNS dan CPNS: I/a … IV/e; "
                      "PPPK: I … XVII"),
    ("pppk", "III/a", "golongan: 'III/a' bukan golongan PPPK. Pilihan untuk PPPK: I … XVII"),
    ("pns", "IX", "golongan: 'IX' bukan golongan PNS. Pilihan untuk PNS: I/a … IV/e"),
])
def test_golongan_is_checked_against_the_status(status: str, golongan: str, message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(profile(status=status, golongan=golongan), TODAY)
    assert message in [str(p) for p in caught.value.problems]


def test_pppk_golongan_is_accepted_in_any_case() -> None:
    assert parse_profile(profile(**{**PPPK, "golongan": "xvii"}), TODAY).golongan == "XVII"


def test_recommend_cli_takes_a_pppk_golongan(tmp_path: Path) -> None:
    path = tmp_path / "pppk.yaml"
    path.write_text(json.dumps(profile(**PPPK)), encoding="utf-8")
    done = subprocess.run([KARIERBOT, "recommend", "--profile", str(path), "--json",
                           "--today", TODAY.isoformat()],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert any(item["title"].startswith("Kenaikan jenjang ke Pranata Komputer Ahli Muda")
               for item in report["not_eligible"])


def test_the_pppk_24_jp_is_what_the_agency_provides_not_a_ban(rules: RuleService) -> None:
    evaluation = rules.advise(load_profile(PROFILES / "p5_dewi.yaml", TODAY), TODAY).evaluation
    result = evaluation.result("jp_pppk_melebihi_kuota")
    assert result is not None and result.status == "recommended"
    assert "difasilitasi instansi" in result.title
    assert "bukan larangan belajar" in result.reason and "UU 20/2023" in result.reason
    assert "Pasal 40 ayat (1)" in result.rule.source


# ---- other corrections (7, 10, 13) -----------------------------------------------------------

def test_jpt_may_be_filled_from_the_talent_pool(rules: RuleService) -> None:
    evaluation = rules.advise(load_profile(PROFILES / "p3_sari.yaml", TODAY), TODAY).evaluation
    result = evaluation.result("promosi_target")
    assert result is not None and "kelompok rencana suksesi" in result.reason
    assert "Sangat Baik" in result.reason and "tanpa seleksi terbuka" in result.reason


def test_no_pkp_jp_figure_is_asserted(rules: RuleService) -> None:
    text = "\n".join(rule.because for rule in rules.book.rules)
    assert "830" not in text and "908" not in text


@pytest.mark.parametrize(("level", "rule_id", "says"), [
    ("berat", "hukuman_disiplin_berat", "penurunan jabatan setingkat lebih rendah selama 12"),
    ("sedang", "hukuman_disiplin_sedang", "tunjangan kinerja 25%"),
])
def test_disciplinary_sanctions_explain_their_career_effect(rules: RuleService, level: str,
                                                            rule_id: str, says: str) -> None:
    evaluation = advise(rules, hukuman_disiplin=level).evaluation
    result = evaluation.result(rule_id)
    assert result is not None and result.status == "recommended"
    assert says in result.reason and "pastikan dengan bkpsdm" in result.reason.lower()
    assert status_of(evaluation, "kp_reguler") == "not_eligible"


# ---- wording and timing (issue 14 item 2) ---------------------------------------------------

ELIGIBILITY_CLAIM = re.compile(r"memenuhi syarat|sudah dapat|dapat diusulkan|sudah memenuhi|"
                               r"berhak", re.IGNORECASE)


def conditions(node: Node | None) -> list[Condition]:
    if node is None:
        return []
    if isinstance(node, Condition):
        return [node]
    if isinstance(node, AllOf | AnyOf):
        return [c for child in node.children for c in conditions(child)]
    assert isinstance(node, NotOf)
    return conditions(node.child)


def test_no_title_of_a_rule_with_conditions_claims_eligibility(rules: RuleService) -> None:
    """A rule with an `eligible` block is listed under "Belum memenuhi" when it fails, so its
    title must read as the goal, never as "Anda memenuhi syarat …"."""
    claims = [rule.id for rule in rules.book.rules
              if rule.eligible is not None and ELIGIBILITY_CLAIM.search(rule.title)]
    assert claims == []


def test_every_equality_requirement_is_written_for_people(rules: RuleService) -> None:
    """"Kekurangan AK: 65 AK, sedangkan syaratnya 0 AK" reads like internals: an eq/ne
    requirement on a number or a yes/no fact needs its own `missing` sentence."""
    bare = [(rule.id, c.fact) for rule in rules.book.rules for c in conditions(rule.eligible)
            if c.op in ("eq", "ne") and rules.book.facts[c.fact].type in ("number", "bool")
            and c.missing is None]
    assert bare == []


def sample_evaluations(rules: RuleService) -> list[Evaluation]:
    found = [rules.advise(load_profile(path, TODAY), TODAY).evaluation
             for path in sorted(PROFILES.glob("*.yaml"))]
    found += [advise(rules, **changes).evaluation for changes in (
        PPPK, GURU, {"hukuman_disiplin": "berat"}, {"predikat_kinerja": ["butuh_perbaikan"]},
        {"jenjang": "pengawas", "golongan": "III/b", "kotak_talenta": 8, "jp_tahun_ini": 0})]
    return found


def test_missing_items_carry_no_internals(rules: RuleService) -> None:
    for evaluation in sample_evaluations(rules):
        for result in evaluation.not_eligible:
            assert result.eligible is not None
            for item in missing_items(result.eligible):
                assert "(syarat:" not in item and "syarat: " not in item, (result.rule.id, item)
                assert not ELIGIBILITY_CLAIM.search(result.title), result.rule.id


def test_rotation_is_never_planned_after_a_time_already_passed(rules: RuleService) -> None:
    evaluation = advise(rules, tmt_jabatan="2018-01-02").evaluation
    result = evaluation.result("rotasi_direncanakan")
    assert result is not None and result.status == "recommended"
    assert "setelah" not in result.title and "sudah 8,9 tahun" in result.title


@pytest.mark.parametrize(("today", "first"), [
    (dt.date(2026, 9, 30), 2026), (dt.date(2026, 10, 1), 2027), (dt.date(2026, 12, 4), 2027),
    (dt.date(2027, 1, 2), 2027),
])
def test_a_plan_made_in_the_last_quarter_starts_next_year(rules: RuleService, today: dt.date,
                                                          first: int) -> None:
    plan = advise(rules, today).plan
    assert [block.year for block in plan] == list(range(first, first + 5))


def test_reports_count_pppk_with_golongan_and_guru(rules: RuleService) -> None:
    stored = [profile(**{**PPPK, "unit": f"Unit {n % 2}"}) for n in range(4)]
    stored += [profile(**{**GURU, "unit": "Unit 0"}) for _ in range(3)]
    report = compile_report(stored, rules.book, TODAY, Usage(TODAY, 0, 0, ()))
    assert report.skipped == 0 and report.employees == 7
    assert "Pemerintah Kabupaten Contoh" in report_csv(report).decode("utf-8-sig")
    assert report_pdf(report, None).startswith(b"%PDF")
