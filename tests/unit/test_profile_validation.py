"""Invalid profiles get Indonesian messages that name the field and what is accepted."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from bot.profile.loading import load_profile
from bot.profile.model import ProfileError, parse_profile
from bot.profile.values import InvalidValueError, parse_date, parse_nip

TODAY = dt.date(2025, 7, 1)
VALID: dict[str, Any] = {
    "status": "pns", "nip": "199602142019032001", "tanggal_lahir": "1996-02-14",
    "tmt_pns": "2020-03-01", "instansi": "Pemerintah Provinsi Jawa Barat",
    "jenis_jabatan": "fungsional", "jabatan": "Analis SDM Aparatur", "jenjang": "ahli_pertama",
    "golongan": "III/b", "pendidikan": "s1", "predikat_kinerja": ["baik", "sangat_baik"],
}


def problems(**changes: Any) -> list[str]:
    data = {k: v for k, v in {**VALID, **changes}.items() if v is not None}
    with pytest.raises(ProfileError) as caught:
        parse_profile(data, TODAY)
    return [str(p) for p in caught.value.problems]


def test_a_valid_profile_parses_with_defaults() -> None:
    profile = parse_profile(VALID, TODAY)
    assert profile.tanggal_lahir == dt.date(1996, 2, 14)
    assert (profile.jp_tahun_ini, profile.hukuman_disiplin, profile.lulus_ukom) == (
        0, "tidak_ada", False)
    assert "nip" in profile.stored() and "target_jabatan" not in profile.stored()


@pytest.mark.parametrize(("changes", "message"), [
    ({"golongan": "IV/f"}, "golongan: 'IV/f' tidak dikenal. Pilihan: PNS dan CPNS: I/a … IV/e; "
                           "PPPK: I … XVII"),
    ({"status": "honorer"}, "status: 'honorer' tidak dikenal. Pilihan: pns, pppk, cpns"),
    ({"pendidikan": "s4"}, "pendidikan: 's4' tidak dikenal. Pilihan: sma, d1, d2, d3, d4, s1, "
                           "s2, s3"),
    ({"tanggal_lahir": "31-02-1996"}, "tanggal_lahir: '31-02-1996' bukan tanggal yang valid"),
    ({"kotak_talenta": 12}, "kotak_talenta: '12' terlalu besar; paling besar 9"),
    ({"jp_tahun_ini": "banyak"}, "jp_tahun_ini: 'banyak' harus bilangan bulat"),
    ({"kompetensi": {"teknis": {"aktual": 0, "standar": 2}}},
     "kompetensi.teknis.aktual: '0' terlalu kecil; paling kecil 1"),
    ({"predikat_kinerja": ["baik", "luar_biasa"]},
     "predikat_kinerja.1: 'luar_biasa' tidak dikenal"),
    ({"golonga": "III/b"}, "golonga: kolom ini tidak dikenal; maksud Anda 'golongan'?"),
    ({"jabatan": None}, "jabatan: wajib diisi"),
    ({"nip": "1996021420190320"}, "nip: NIP harus 18 angka"),
    ({"nip": "199602142019132001"}, "nip: angka ke-9 sampai ke-14 NIP (201913) bukan TMT CPNS"),
])
def test_invalid_values_name_the_field_and_what_is_accepted(changes: dict[str, Any],
                                                            message: str) -> None:
    assert any(p.startswith(message) for p in problems(**changes)), problems(**changes)


@pytest.mark.parametrize(("changes", "message"), [
    ({"jenjang": "pengawas"}, "jenjang: 'pengawas' bukan jenjang jabatan fungsional. Pilihan: "
                              "pemula, terampil"),
    ({"tanggal_lahir": "1996-02-15"},
     "nip: tanggal lahir di NIP (14-02-1996) tidak sama dengan Tanggal lahir yang diisi "
     "(15-02-1996)"),
    ({"tmt_pns": "2019-01-01"},
     "nip: TMT CPNS di NIP (03-2019) lebih lambat dari TMT PNS yang diisi (01-01-2019)"),
    ({"status": "pppk"}, "golongan: 'III/b' bukan golongan PPPK. Pilihan untuk PPPK: I … XVII"),
    ({"golongan": "IX"}, "golongan: 'IX' bukan golongan PNS. Pilihan untuk PNS: I/a … IV/e"),
    ({"golongan": None}, "golongan: wajib diisi untuk PNS dan CPNS"),
    ({"jenis_jabatan": "administrasi", "jenjang": "pelaksana", "angka_kredit": {"jenjang": 10}},
     "angka_kredit: hanya untuk jabatan fungsional"),
    ({"tmt_jabatan": "2030-01-01"}, "tmt_jabatan: 01-01-2030 belum terjadi"),
    ({"tanggal_lahir": "2015-02-14", "nip": None}, "tanggal_lahir: usia 10 tahun tidak masuk"),
])
def test_inconsistent_combinations_are_errors(changes: dict[str, Any], message: str) -> None:
    assert any(p.startswith(message) for p in problems(**changes)), problems(**changes)


def test_every_problem_is_reported_at_once() -> None:
    found = problems(golongan="IV/f", status="x", kotak_talenta=0)
    assert len(found) == 3


def test_values_typed_in_the_chat_use_the_same_rules() -> None:
    assert parse_date("1/3/2020") == dt.date(2020, 3, 1)
    assert parse_nip("19960214 201903 2 001").tmt_cpns() == dt.date(2019, 3, 1)
    with pytest.raises(InvalidValueError, match="angka ke-15 NIP harus 1"):
        parse_nip("199602142019033001")


def test_yaml_file_problems_carry_their_line(tmp_path: Path) -> None:
    path = tmp_path / "profil.yaml"
    path.write_text("status: pns\ntanggal_lahir: 1996-02-14\ntmt_pns: 2020-03-01\n"
                    "instansi: X\njenis_jabatan: administrasi\njabatan: Staf\n"
                    "jenjang: ahli_muda\ngolongan: III/a\npendidikan: s1\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path, TODAY)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (7, "jenjang")


def test_json_files_load_and_broken_json_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "profil.json"
    path.write_text(json.dumps(VALID), encoding="utf-8")
    assert load_profile(path, TODAY).golongan == "III/b"
    path.write_text('{"status": "pns",', encoding="utf-8")
    with pytest.raises(ProfileError, match="JSON tidak valid di baris 1"):
        load_profile(path, TODAY)
    (tmp_path / "daftar.yaml").write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="pasangan kolom"):
        load_profile(tmp_path / "daftar.yaml", TODAY)
