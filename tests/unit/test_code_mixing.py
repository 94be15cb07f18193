"""English and code-mixed questions, and repairs that must not change a real word."""

from __future__ import annotations

import pytest

from bot.kb.search import KnowledgeIndex
from bot.kb.service import KnowledgeService


@pytest.fixture(scope="module")
def index(knowledge: KnowledgeService) -> KnowledgeIndex:
    return knowledge.index


@pytest.mark.parametrize(("question", "entry_prefix"), [
    ("Minimum training hours per year buat PNS itu berapa JP ya?", "pelatihan-"),
    ("Retirement age untuk JPT pratama berapa?", "status-bup"),
    ("Kenaikan pangkat pilihan itu for whom?", "pangkat-kp-pilihan"),
    ("requirements-nya apa aja buat tubel", "belajar-tubel"),
    ("What are the requirements for study leave?", "belajar-tubel"),
    ("How many training hours must a civil servant complete every year?", "pelatihan-"),
])
def test_english_and_code_mixed_questions_are_answered(
        index: KnowledgeIndex, question: str, entry_prefix: str) -> None:
    result = index.search(question)
    assert result.answered, result
    assert result.best is not None and result.best.entry.id.startswith(entry_prefix)


@pytest.mark.parametrize(("typed", "kept"), [
    ("staf kecamatan", "kecamatan"),
    ("suami di bandung", "bandung"),
    ("pemkab sleman", "sleman"),
])
def test_real_words_and_place_names_are_not_repaired(index: KnowledgeIndex, typed: str,
                                                     kept: str) -> None:
    assert kept in index.normaliser.words(typed)
    assert index.normaliser.stem(kept) == kept


@pytest.mark.parametrize(("typed", "read"), [
    ("dpt", "dapat"), ("plg", "paling"), ("blg", "bilang"), ("org", "orang"),
    ("nunggu", "menunggu"), ("ngerasa", "merasa"), ("kira2", "kira"),
])
def test_chat_forms_are_read(index: KnowledgeIndex, typed: str, read: str) -> None:
    assert index.normaliser.words(typed) == [read]


def test_story_words_the_knowledge_base_never_uses_do_not_count(index: KnowledgeIndex) -> None:
    assert "sleman" not in index.search("sy PNS di Pemkab Sleman mau mutasi").terms


@pytest.mark.parametrize(("typed", "read"), [
    ("Selamat siang pak, syarat tubel apa?", ["selamat", "siang", "syarat", "tugas", "belajar",
                                              "apa"]),
    ("syarat apa pak?", ["syarat", "apa"]),
])
def test_pak_addressing_the_reader_is_not_pak(index: KnowledgeIndex, typed: str,
                                              read: list[str]) -> None:
    assert index.normaliser.words(typed) == read


def test_pak_as_a_term_stays(index: KnowledgeIndex) -> None:
    assert "angka" in index.normaliser.words("PAK itu apa")


def test_a_question_sentence_without_a_topic_takes_the_sentence_before(
        index: KnowledgeIndex) -> None:
    query = index.read("Saya 8 tahun di dinas. Saya ingin pindah jadi fungsional. Bisa ga ya?")
    assert query.focus is not None and "fungsional" in query.focus and "dinas" not in query.focus
