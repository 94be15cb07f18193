"""The HR needs report over profiles saved through the real storage (SQLite and PostgreSQL):
the figures, the suppression of small cells, no NIP anywhere, the shell command and /laporan."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.bootstrap import Services
from bot.core import texts as core_texts
from bot.core.texts import PRIVACY_VERSION
from bot.profile.loading import load_profile
from bot.reports import texts
from bot.reports.anonymity import Row
from bot.reports.csv_table import HEADER, report_csv
from bot.reports.needs import MEASURES
from bot.reports.report import NeedsReport
from bot.reports.service import NeedsReports, render
from tests.conftest import Chat
from tests.support.pdf import pdf_text
from tests.support.profiles import SAMPLES

TODAY = dt.date(2025, 7, 1)
HR = 9000  # an admin in the test settings
NIP = "199602142019032001"  # Rina's (P1), the only sample profile with a NIP
KOTA, KABUPATEN = "Pemerintah Kota Contoh", "Pemerintah Kabupaten Contoh"
UMUM, PERENCANAAN, PENDIDIKAN = "Bagian Umum", "Bagian Perencanaan", "Dinas Pendidikan"
# Sample profile → where it works here and what is changed. Kota Contoh: Bagian Umum has four
# employees (P1, P2, P4, P6) with technical gaps 1, 2, 2 and 0 and JP owed 12, 0, 15, 16;
# Bagian Perencanaan three (P3, P7, P8); Dinas Pendidikan one (P5). Kabupaten Contoh: three
# pengawas without PKP (P2) in its Sekretariat.
STAFF: list[tuple[str, str, str, dict[str, Any]]] = [
    ("p1_rina", KOTA, UMUM, {}),
    ("p2_budi", KOTA, UMUM, {"kompetensi": {"teknis": {"aktual": 2, "standar": 4}}}),
    ("p4_agus", KOTA, UMUM, {"jp_tahun_ini": 5,
                             "kompetensi": {"teknis": {"aktual": 1, "standar": 3}}}),
    ("p6_hendra", KOTA, UMUM, {"kompetensi": {"teknis": {"aktual": 3, "standar": 3}}}),
    ("p3_sari", KOTA, PERENCANAAN, {}),
    ("p7_yusuf", KOTA, PERENCANAAN, {}),
    ("p8_lina", KOTA, PERENCANAAN, {}),
    ("p5_dewi", KOTA, PENDIDIKAN, {}),
    *[("p2_budi", KABUPATEN, "Sekretariat", {})] * 3,
]


async def save_profiles(services: Services, first_user: int = 2000) -> None:
    """Each profile as /profil saves it: a consenting user, then ProfileStore.save."""
    for number, (sample, instansi, unit, changes) in enumerate(STAFF):
        profile = load_profile(SAMPLES / f"{sample}.yaml", TODAY)
        data = profile.model_copy(update={"instansi": instansi, "unit": unit}).stored()
        user = await services.store.user("telegram", str(first_user + number), None)
        await services.store.give_consent(user.id, PRIVACY_VERSION)
        await services.profiles.save(user.id, {**data, **changes})


def reports(services: Services) -> NeedsReports:
    return NeedsReports(services.store, services.profiles, services.rules, services.knowledge)


def figures(report: NeedsReport, instansi: str, unit: str = texts.ALL_UNITS) -> dict[str, str]:
    row: Row = next(r for r in report.rows if (r.instansi, r.unit) == (instansi, unit))
    return {key: cell.text() for key, cell in row.cells.items()}


async def test_the_needs_are_counted_per_instansi_and_unit(services: Services) -> None:
    await save_profiles(services)
    report = await reports(services).build(TODAY)
    assert (report.employees, report.skipped) == (11, 0)
    assert [r.unit for r in report.rows if r.instansi == KOTA] == [
        texts.ALL_UNITS, PERENCANAAN, UMUM, PENDIDIKAN]

    everyone = figures(report, texts.ALL_AGENCIES)
    assert everyone["pegawai"] == "11"
    assert everyone["pkp"] == "4"  # P2 in Kota Contoh and the three in Kabupaten Contoh
    assert everyone["kotak_5"] == "4"
    assert (everyone["jp_di_bawah"], everyone["jp_kurang"]) == ("3", "43")

    kota = figures(report, KOTA)
    assert kota["pegawai"] == "8"
    assert (kota["teknis_dinilai"], kota["teknis_senjang"], kota["teknis_rata"]) == (
        "4", "3", "1.7")
    assert (kota["jp_di_bawah"], kota["jp_kurang"]) == ("3", "43")
    assert kota["pka"] == kota["pkn1"] == "0"
    umum = figures(report, KOTA, UMUM)
    assert (umum["pegawai"], umum["teknis_senjang"], umum["teknis_rata"]) == ("4", "3", "1.7")

    kabupaten = (await reports(services).build(TODAY, " pemerintah  KABUPATEN contoh")).top
    assert kabupaten is not None and kabupaten.instansi == KABUPATEN
    sekretariat = {key: cell.text() for key, cell in kabupaten.cells.items()}
    assert (sekretariat["pegawai"], sekretariat["pkp"], sekretariat["kotak_5"]) == (
        "3", "3", "3")
    assert sekretariat["tugas_belajar"] == "0"


async def test_small_cells_are_suppressed_and_cannot_be_subtracted_out(
        services: Services) -> None:
    await save_profiles(services)
    report = await reports(services).build(TODAY)
    pendidikan = figures(report, KOTA, PENDIDIKAN)  # one employee: nothing about her shows
    assert pendidikan["pegawai"] == texts.SMALL
    assert set(pendidikan.values()) <= {texts.SMALL, "0", texts.NOT_APPLICABLE}
    kota, umum = figures(report, KOTA), figures(report, KOTA, UMUM)
    # 8 = 4 + Perencanaan + Pendidikan would give Pendidikan away: Perencanaan is hidden too
    assert figures(report, KOTA, PERENCANAAN)["pegawai"] == texts.COMPLEMENT
    # two employees need a tugas belajar (P1 and P8), one the PKN II (P3)
    assert kota["tugas_belajar"] == kota["pkn2"] == texts.SMALL
    # all three below 20 JP work in Bagian Umum, which would say Pendidikan's one is not
    assert (umum["jp_di_bawah"], umum["jp_kurang"]) == (texts.COMPLEMENT, texts.COMPLEMENT)
    assert figures(report, KOTA, UMUM)["kotak_7"] == texts.SMALL
    everyone = figures(report, texts.ALL_AGENCIES)
    assert everyone["pkp"] == "4" and kota["pkp"] == texts.SMALL
    assert figures(report, KABUPATEN)["pkp"] == texts.COMPLEMENT


async def test_no_nip_or_personal_row_in_the_csv_or_the_pdf(services: Services) -> None:
    await save_profiles(services)
    stored = await services.profiles.every()
    assert any(p.get("nip") == NIP for p in stored)
    report = await reports(services).build(TODAY)
    files = render(report)
    table = list(csv.reader(io.StringIO(files.csv.decode("utf-8-sig"))))
    assert tuple(table[0]) == HEADER and {len(line) for line in table} == {5}
    usage_rows = [line for line in table if line[0] == texts.SECTION_USAGE]
    assert len(table) - 1 - len(usage_rows) == len(report.rows) * len(MEASURES)
    assert {line[1] for line in table[1:]} == {texts.ALL_AGENCIES, KOTA, KABUPATEN}
    assert files.pdf.startswith(b"%PDF") and b"/Subtype /Image" in files.pdf
    text = pdf_text(files.pdf)
    assert texts.TITLE in text and "Cakupan: 11 pegawai dengan profil di 2 instansi" in text
    assert '"<3"' in text and KOTA in text and PENDIDIKAN in text
    for secret in (NIP, "19960214", "1996-02-14", "14-02-1996"):
        assert secret not in text and secret.encode() not in files.pdf + files.csv
    assert files.chart is not None and files.chart.startswith(b"\x89PNG")


async def test_usage_counts_questions_and_groups_the_unanswered_by_topic(
        chat: Chat, services: Services) -> None:
    await chat("brp JP minimal diklat setahun?")
    await chat("pelatihan anjing peliharaan")  # off topic, though "pelatihan" is a KB word
    await chat("golongan darah saya apa")
    services.store.log_question(user_id=None, normalised="rekomendasi tugas_belajar_pppk",
                                entry_id=None, score=0.0, decision="referred", answered=False)
    usage = (await reports(services).build(dt.date.today())).usage
    assert (usage.asked, usage.answered, usage.rate) == (3, 1, pytest.approx(100 / 3))
    assert sum(count for _, count in usage.topics) == 3
    assert (texts.TOPIC_REFERRED, 1) in usage.topics
    assert usage.since == dt.date(dt.date.today().year, 1, 1)
    table = report_csv(await reports(services).build(dt.date.today())).decode("utf-8-sig")
    assert f"{texts.QUESTIONS_ASKED},3" in table and f"{texts.ANSWERED_RATE},33.3" in table
    assert "anjing" not in table and "darah" not in table  # topics, never what was typed


async def test_the_shell_writes_csv_and_pdf(services: Services, tmp_path: Path) -> None:
    await save_profiles(services)
    env = {**os.environ, "DATABASE_URL": services.settings.database_url,
           "KARIERBOT_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": ""}
    for form in ("csv", "pdf"):
        output = tmp_path / f"laporan.{form}"
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "report", "needs", "--format", form, "--output",
            str(output), "--instansi", KABUPATEN, env=env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(process.communicate(), 120)
        assert process.returncode == 0, err.decode()
        assert out.decode().startswith(f"{output}: 3 profiles, 0 skipped, 1 instansi")
        content = output.read_bytes()
        assert NIP.encode() not in content
        if form == "csv":
            lines = content.decode("utf-8-sig").splitlines()
            assert lines[0] == ",".join(HEADER)
            assert f"{texts.SECTION_LEADERSHIP},{KABUPATEN},{texts.ALL_UNITS},PKP,3" in lines
            assert not any(KOTA in line for line in lines)
        else:
            assert content.startswith(b"%PDF") and KABUPATEN in pdf_text(content)


async def test_laporan_is_for_hr_only_and_sends_the_documents(
        chat: Chat, services: Services) -> None:
    (refused,) = await chat("/laporan")
    assert refused.text == core_texts.HR_ONLY
    assert [e.detail for e in await services.store.audit_entries("access.refused")] == [
        {"command": "laporan"}]
    (empty,) = await chat("/laporan", user=HR)
    assert empty.text == texts.CHAT_EMPTY.format(where="") and empty.document is None

    await save_profiles(services)
    await services.store.set_role("telegram", "1002", "hr")
    summary, pdf, table, chart = await chat("/laporan", user=1002)
    assert summary.title == texts.CHAT_TITLE
    assert "Cakupan: 11 pegawai dengan profil di 2 instansi" in summary.text
    assert "PKP 4" in summary.text and "<3" in summary.text
    assert [d.document.filename.rsplit(".", 1)[1] for d in (pdf, table, chart)
            if d.document is not None] == ["pdf", "csv", "png"]
    assert pdf.document is not None and pdf.document.content.startswith(b"%PDF")
    assert table.document is not None and NIP.encode() not in table.document.content
    assert chart.document is not None and chart.document.content.startswith(b"\x89PNG")
    audited = await services.store.audit_entries("report.needs")
    assert [e.detail for e in audited] == [{"instansi": None, "agencies": 0},
                                           {"instansi": None, "agencies": 2}]

    summary, *documents = await chat(f"/laporan {KABUPATEN}", user=HR)
    assert f"Cakupan: 3 pegawai dengan profil di {KABUPATEN}" in summary.text
    assert len(documents) == 3
    (none,) = await chat("/laporan Kementerian Tidak Ada", user=HR)
    assert none.text == texts.CHAT_EMPTY.format(
        where=texts.CHAT_EMPTY_WHERE.format(instansi="Kementerian Tidak Ada"))
