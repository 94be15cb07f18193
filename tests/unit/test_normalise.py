"""Everyday Indonesian is read the way the knowledge base writes it."""

from __future__ import annotations

import pytest

from bot.kb.normalise import raw_tokens
from bot.kb.search import KnowledgeIndex
from bot.kb.service import KnowledgeService


@pytest.fixture(scope="module")
def index(knowledge: KnowledgeService) -> KnowledgeIndex:
    return knowledge.index


@pytest.mark.parametrize(("typed", "read"), [
    ("gmn cara daftar tubel", ["bagaimana", "cara", "daftar", "tugas", "belajar"]),
    ("diklatpim IV", ["pkp"]),
    ("nama diklatpim utk eselon III", ["nama", "pelatihan", "kepemimpinan", "untuk",
                                        "administrator"]),
    ("P3K brp JP", ["pppk", "berapa", "jam", "pelajaran"]),
    ("blajar pnsiun kenaikn", ["belajar", "pensiun", "kenaikan"]),
    ("syarat2 ijin belajar", ["syarat", "izin", "belajar"]),
    ("S3 itu doktor", ["s3", "itu", "s3"]),
    ("pppk bolehhh tubel", ["pppk", "boleh", "tugas", "belajar"]),  # emphasis, not the acronym
])
def test_slang_abbreviations_and_typos(index: KnowledgeIndex, typed: str,
                                       read: list[str]) -> None:
    assert index.normaliser.words(typed) == read


def test_short_tokens_are_never_repaired_into_others(index: KnowledgeIndex) -> None:
    assert index.normaliser.words("s3 s2 jf d3") == ["s3", "s2", "jabatan", "fungsional", "d3"]


def test_protected_words_keep_their_meaning(index: KnowledgeIndex) -> None:
    assert index.normaliser.stem("kinerja") == "kinerja"
    assert index.normaliser.stem("kerja") == "kerja"
    assert index.normaliser.stem("pelatihan") == "latih"


def test_hostile_text_is_tamed() -> None:
    assert raw_tokens("Ｐ３Ｋ\u200b <b>&amp;</b> ééé") == ["p3k", "e"]
    assert raw_tokens("golongan III/b <a href='x'>tubel</a> 1 < 2") == [
        "golongan", "iii", "b", "tubel", "1", "2"]
    assert len(" ".join(raw_tokens("a" * 100_000))) <= 500


@pytest.mark.parametrize(("typed", "read"), [
    ("diputusin", "diputuskan"), ("ngantor", "kantor"), ("ngegambarin", "gambarkan"),
])
def test_colloquial_forms_find_the_standard_word(index: KnowledgeIndex, typed: str,
                                                 read: str) -> None:
    assert index.normaliser.words(typed) == [read]


def test_questions_are_matched_on_whole_coverage_not_one_strong_word(
        index: KnowledgeIndex) -> None:
    result = index.search("renbangrir ngegambarin pergerakan jabatan dr kapan smp kapan")
    assert result.answered and result.best is not None
    assert result.best.entry.id == "karier-renbangrir"


@pytest.mark.parametrize(("typed", "read"), [
    ("klmpk", "kelompok"), ("thn", "tahun"), ("jbtn", "jabatan"), ("msk", "masuk"),
])
def test_vowel_less_chat_abbreviations_are_expanded(index: KnowledgeIndex, typed: str,
                                                     read: str) -> None:
    assert index.normaliser.words(typed) == [read]


@pytest.mark.parametrize(("typed", "read"), [
    ("ahlimuda", ["ahli", "muda"]),
    ("talentpool", ["kelompok", "rencana", "suksesi"]),
    ("pertaun", ["setiap", "tahun"]),
    ("20jp", ["20", "jam", "pelajaran"]),
    ("diklatpim4", ["pkp"]),
    ("bntuknya", ["bentuk"]),
])
def test_words_typed_without_a_space_are_split(index: KnowledgeIndex, typed: str,
                                               read: list[str]) -> None:
    assert index.normaliser.words(typed) == read


def test_codes_and_unknown_words_are_not_split(index: KnowledgeIndex) -> None:
    assert index.normaliser.words("s2 d3 s1") == ["s2", "d3", "s1"]
    assert index.normaliser.words("sepakbola") == ["sepakbola"]
