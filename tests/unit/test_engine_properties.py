"""Property tests: any valid profile evaluates, explains and plans without error, and every
recommendation carries a reason and a source."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import REPO_ROOT
from bot.engine.service import RuleService
from bot.profile.model import parse_profile
from bot.profile.vocabulary import (
    GOLONGAN,
    HUKUMAN_DISIPLIN,
    JENJANG,
    JENJANG_BY_JENIS,
    PELATIHAN,
    PENDIDIKAN,
    PREDIKAT,
)

TODAY = dt.date(2026, 3, 15)
RULES = RuleService(REPO_ROOT / "rules")


def _years_before(date: dt.date, years: int, days: int) -> dt.date:
    return date.replace(year=date.year - years, day=min(date.day, 28)) - dt.timedelta(days=days)


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    status = draw(st.sampled_from(["pns", "pppk", "cpns"]))
    jenis = draw(st.sampled_from(sorted(JENJANG_BY_JENIS)))
    age = draw(st.integers(20, 66))
    birth = _years_before(TODAY, age, draw(st.integers(0, 360)))
    start = birth + dt.timedelta(days=366 * 18 + draw(st.integers(0, 366 * (age - 18) - 1)))
    start = min(start, TODAY)
    data: dict[str, Any] = {
        "status": status, "tanggal_lahir": birth.isoformat(), "tmt_pns": start.isoformat(),
        "instansi": draw(st.sampled_from(["Pemerintah Provinsi Jawa Timur", "Kementerian X"])),
        "jenis_jabatan": jenis, "jabatan": draw(st.sampled_from(["Perencana", "Guru", "Staf"])),
        "jenjang": draw(st.sampled_from(JENJANG_BY_JENIS[jenis])),
        "pendidikan": draw(st.sampled_from(PENDIDIKAN.values)),
        "predikat_kinerja": draw(st.lists(st.sampled_from(PREDIKAT.values), max_size=5)),
        "jp_tahun_ini": draw(st.integers(0, 60)),
        "pelatihan_selesai": draw(st.lists(st.sampled_from(PELATIHAN.values), max_size=4)),
        "lulus_ukom": draw(st.booleans()),
        "hukuman_disiplin": draw(st.sampled_from(HUKUMAN_DISIPLIN.values)),
    }
    if status != "pppk":
        data["golongan"] = draw(st.sampled_from(GOLONGAN.values))
    if status != "pppk" and draw(st.booleans()):
        data["tmt_golongan"] = (start + dt.timedelta(days=draw(st.integers(
            0, (TODAY - start).days)))).isoformat()
    if draw(st.booleans()):
        data["tmt_jabatan"] = (start + dt.timedelta(days=draw(st.integers(
            0, (TODAY - start).days)))).isoformat()
    if draw(st.booleans()):
        cpns = start - dt.timedelta(days=draw(st.integers(0, 400)))
        cpns = max(cpns, birth + dt.timedelta(days=366 * 18))
        data["nip"] = f"{birth:%Y%m%d}{cpns:%Y%m}{draw(st.sampled_from([1, 2]))}001"
    if jenis == "fungsional" and draw(st.booleans()):
        data["angka_kredit"] = {"pangkat": draw(st.floats(0, 300)),
                                "jenjang": draw(st.floats(0, 600))}
    if draw(st.booleans()):
        level = st.fixed_dictionaries({"aktual": st.integers(1, 5), "standar": st.integers(1, 5)})
        data["kompetensi"] = draw(st.fixed_dictionaries({}, optional={
            "teknis": level, "manajerial": level, "sosial_kultural": level}))
    if draw(st.booleans()):
        data["kotak_talenta"] = draw(st.integers(1, 9))
    if draw(st.booleans()):
        data["target_jabatan"] = draw(st.sampled_from(JENJANG.values))
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_any_valid_profile_evaluates_explains_and_plans(data: dict[str, Any]) -> None:
    advice = RULES.advise(parse_profile(data, TODAY), TODAY)
    evaluation = advice.evaluation
    for result in evaluation.recommendations:
        assert result.reason.strip() and result.rule.source.strip()
        assert "{" not in result.title + result.reason
        why = advice.why(result.rule.id)
        assert why is not None and result.rule.source in why
        if result.rule.practice:
            assert "bukan ketentuan peraturan" in why
    for result in evaluation.not_eligible:
        assert result.missing and all(item.strip() for item in result.missing)
    plan = advice.plan
    assert 1 <= len(plan) <= 5
    assert [p.year for p in plan] == list(range(TODAY.year, TODAY.year + len(plan)))
    for block in plan:
        assert block.items
        assert block.jp >= 20 if data["status"] != "pppk" else block.jp <= 24
    json.dumps(advice.as_json())
    assert "nip" not in json.dumps(advice.summary()).casefold()
