"""The learned decision: its weights file is checked, long messages are read for the question."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import ContentError
from bot.kb.decision import FEATURES, load_decision
from bot.kb.search import KnowledgeIndex
from bot.kb.service import KnowledgeService


@pytest.fixture(scope="module")
def index(knowledge: KnowledgeService) -> KnowledgeIndex:
    return knowledge.index


def test_a_weights_file_for_other_features_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "decision.yaml"
    path.write_text("features: [coverage]\nweights: [1.0]\nbias: 0\nanswer_at: 0.5\n"
                    "suggest_at: 0.3\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_decision(path)
    assert "decision.yaml" in str(caught.value.problems[0])


def test_probability_grows_with_coverage(index: KnowledgeIndex) -> None:
    model = index.decision
    low = [0.0] * len(FEATURES)
    high = list(low)
    low[FEATURES.index("coverage")], high[FEATURES.index("coverage")] = 0.2, 1.0
    assert model.probability(tuple(high)) > model.probability(tuple(low))


def test_a_long_message_is_read_for_its_question_sentence(index: KnowledgeIndex) -> None:
    query = index.read("Saya sudah 8 tahun di dinas. Atasan baik. Berapa JP minimal setahun?")
    assert query.focus is not None
    assert "berapa" in query.focus and "dinas" not in query.focus
    assert "dinas" in query.words


def test_a_short_question_has_no_separate_focus(index: KnowledgeIndex) -> None:
    assert index.read("syarat tubel apa saja?").focus is None


def test_off_topic_words_keep_a_question_out(index: KnowledgeIndex) -> None:
    assert index.search("cara membuat kue bolu pakai oven").decision == "decline"
