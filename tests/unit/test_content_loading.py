"""Broken knowledge files are reported all at once, each with file, line, id and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import REPO_ROOT
from bot.content import ContentError
from bot.kb.loader import load_knowledge

GOOD = """\
topic: contoh
entries:
  - id: contoh-satu
    questions: ["Apa itu contoh?", contoh itu apa, jelaskan contoh]
    answer: Contoh adalah jawaban.
    source: PP 11/2017 Pasal 1
    basis: [pp-11-2017]
    reviewed: 2026-01-02
    related: [contoh-dua]
    audience: all
  - id: contoh-dua
    questions: ["Apa itu dua?", dua itu apa, jelaskan dua]
    answer: Dua adalah jawaban.
    source: PP 11/2017 Pasal 2
    basis: [pp-11-2017]
    reviewed: 2026-01-02
"""
REGISTRY = """\
regulations:
  - id: pp-11-2017
    short: PP 11/2017
    title: Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen PNS
    date: 2017-04-07
    status: berlaku
    confirmed: true
"""


def with_registry(directory: Path) -> Path:
    (directory / "regulations").mkdir(exist_ok=True)
    (directory / "regulations" / "pp.yaml").write_text(REGISTRY, encoding="utf-8")
    return directory


def problems_in(tmp_path: Path, **files: str) -> list[str]:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_knowledge(with_registry(tmp_path))
    return [str(p) for p in caught.value.problems]


def test_a_good_file_loads(tmp_path: Path) -> None:
    (tmp_path / "contoh.yaml").write_text(GOOD, encoding="utf-8")
    kb = load_knowledge(with_registry(tmp_path))
    assert [e.id for e in kb.entries] == ["contoh-satu", "contoh-dua"]
    assert kb.by_id["contoh-dua"].audience == "all" and kb.topics == ["contoh"]


def test_every_problem_is_listed_with_its_place(tmp_path: Path) -> None:
    broken = (GOOD.replace("answer: Dua adalah jawaban.", "answer: ''")
              .replace("reviewed: 2026-01-02\n    related", "reviewed: 2026-13-40\n    related"))
    problems = problems_in(
        tmp_path, a=broken, b=GOOD.replace("contoh-satu", "contoh-x").replace("topic", "topik"),
        c="topic: x\nentries:\n  - id: [unclosed\n",
        d=GOOD.replace("contoh-satu", "contoh-y").replace("[contoh-dua]", "[contoh-tiga]"))
    text = "\n".join(problems)
    assert any(p.startswith(f"{tmp_path}/a.yaml:8 › contoh-satu › reviewed:") for p in problems)
    assert any(p.startswith(f"{tmp_path}/a.yaml:13 › contoh-dua › answer:") for p in problems)
    assert f"{tmp_path}/b.yaml:1 › - › topik: unknown key" in text
    assert f"{tmp_path}/d.yaml:3 › contoh-y › related: unknown related id 'contoh-tiga'" in text
    assert (f"{tmp_path}/d.yaml:11 › contoh-dua › id: duplicate id, first defined at "
            f"{tmp_path}/b.yaml:11") in text
    assert any(p.startswith(f"{tmp_path}/c.yaml:4 › - › -: YAML syntax") for p in problems)


def test_duplicate_keys_and_alias_bombs_are_refused(tmp_path: Path) -> None:
    duplicated = GOOD.replace("    audience: all\n", "    audience: all\n    audience: pns\n")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}]\n" for i in range(20))
    problems = "\n".join(problems_in(tmp_path, dup=duplicated, bomb=bomb))
    assert "dup.yaml:11 › - › -: YAML syntax: duplicate key 'audience'" in problems
    assert "bomb.yaml" in problems and "aliases" in problems


def test_answers_must_be_plain_text_with_enough_phrasings(tmp_path: Path) -> None:
    problems = "\n".join(problems_in(tmp_path, x=GOOD.replace(
        "Contoh adalah jawaban.", "<b>Contoh</b>").replace(
        "[\"Apa itu dua?\", dua itu apa, jelaskan dua]", "[\"Apa itu dua?\"]")))
    assert "contoh-satu › answer: Value error, must be plain text" in problems
    assert "contoh-dua › questions: Value error, needs at least 3 phrasings, has 1" in problems


def test_the_shipped_knowledge_base_is_valid_and_large_enough(tmp_path: Path) -> None:
    kb = load_knowledge(REPO_ROOT / "knowledge")
    assert len(kb) >= 150
    assert all(e.source and len(e.questions) >= 3 for e in kb.entries)
    shutil.copytree(REPO_ROOT / "knowledge", tmp_path / "kb")
    (tmp_path / "kb" / "extra.yaml").write_text("topic: x\nentries: []\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"extra\.yaml:2 › - › entries: must be a non-empty"):
        load_knowledge(tmp_path / "kb")


def test_huge_files_and_wrong_types_are_reported_not_loaded(tmp_path: Path) -> None:
    huge = "topic: x\nentries:\n" + "#" * 2_100_000 + "\n"
    wrong = GOOD.replace("questions: [\"Apa itu contoh?\", contoh itu apa, jelaskan contoh]",
                         "questions: 42").replace("reviewed: 2026-01-02\n    related",
                                                  "reviewed: [2026]\n    related")
    problems = "\n".join(problems_in(tmp_path, huge=huge, wrong=wrong))
    assert "huge.yaml:1 › - › -: file is 2100019 bytes; the limit is 2000000" in problems
    assert "wrong.yaml:4 › contoh-satu › questions: Input should be a valid list" in problems
    assert "wrong.yaml:8 › contoh-satu › reviewed:" in problems


def test_a_counterpart_pairs_a_pns_entry_with_a_pppk_one(tmp_path: Path) -> None:
    text = (GOOD.replace("    audience: all\n", "    audience: pns\n    counterpart: contoh-dua\n")
            + "    counterpart: contoh-tiga\n")
    assert problems_in(tmp_path, e=text) == [
        f"{tmp_path}/e.yaml:3 › contoh-satu › counterpart: a counterpart pairs a pns entry with"
        " a pppk one; this is 'pns', 'contoh-dua' is 'all'",
        f"{tmp_path}/e.yaml:12 › contoh-dua › counterpart: unknown counterpart id 'contoh-tiga'",
    ]
