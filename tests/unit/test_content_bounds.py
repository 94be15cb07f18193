"""Content loading is bounded: alias bombs in any field, lists where one value belongs, and
generated YAML never crash a loader or take more than a little time and memory."""

from __future__ import annotations

import resource
import shutil
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import REPO_ROOT
from bot.content import ContentError
from bot.content.problems import ContentProblem
from bot.content.yamlfile import load_yaml
from bot.engine.loader import load_rules
from bot.kb.loader import _entries_of

# An expanded bomb takes minutes and gigabytes; the bounds sit far below that and far above a
# normal load under tracemalloc on a busy 2-core CI machine (a rules folder takes ~1-3 s there).
MAX_SECONDS = 20.0
MAX_PEAK_BYTES = 64 * 1024 * 1024
BOMB = "__BOMB__"


def bomb_anchors(levels: int = 9) -> str:
    """Nine levels of nine aliases: 1 KB of YAML, 387 million strings when expanded."""
    lines = ["b0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "".join(f"  {line}\n" for line in lines)


ENTRY = {"id": "contoh_entri", "questions": ["Apa itu contoh?", "contoh apa"],
         "answer": "Contoh jawaban.", "source": "PP 11/2017 Pasal 1", "basis": ["pp-11-2017"],
         "topic": "contoh", "reviewed": "2026-01-01", "tags": ["a"], "related": []}
RULE = {"id": "contoh_aturan", "priority": 10, "when": {"fact": "status", "op": "eq",
                                                         "value": "pns"},
        "recommend": {"kind": "pelatihan", "title": "Judul"}, "because": "Alasan.",
        "source": "PP 11/2017", "basis": ["pp-11-2017"], "confidence": "H"}

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=40), st.just(BOMB))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


def _with_bombs(document: dict[str, Any]) -> str:
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    return "anchors:\n" + bomb_anchors() + text.replace(f"'{BOMB}'", "*b8").replace(BOMB, "*b8")


def _bounded(work: Any) -> Any:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = work()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    assert elapsed < MAX_SECONDS, f"took {elapsed:.2f} s"
    assert peak < MAX_PEAK_BYTES, f"peak {peak / 1e6:.1f} MB"
    return result


def _knowledge_problems(tmp_path: Path, text: str) -> list[ContentProblem]:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    data, problems = load_yaml(path)
    if problems:
        return problems
    for _, _, found in _entries_of(path, data):
        problems += found
        "\n".join(str(p) for p in found)  # rendering a problem is bounded too
    return problems


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(sorted(ENTRY)), value=values)
def test_any_value_in_any_knowledge_field_is_reported_not_expanded(
        tmp_path: Path, field: str, value: Any) -> None:
    document = {"topic": "contoh", "entries": [{**ENTRY, field: value}]}
    _bounded(lambda: _knowledge_problems(tmp_path, _with_bombs(document)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(sorted(RULE)), value=values)
def test_any_value_in_any_rule_field_is_reported_not_crashing(
        tmp_path: Path, field: str, value: Any) -> None:
    rules = tmp_path / "rules"
    if not rules.exists():
        shutil.copytree(REPO_ROOT / "rules", rules)
    (rules / "fuzz.yaml").write_text(
        _with_bombs({"area": "contoh", "rules": [{**RULE, field: value}]}), encoding="utf-8")

    def load() -> None:
        try:
            load_rules(rules)
        except ContentError as error:
            assert len(str(error)) < 200_000
    _bounded(load)


def test_a_nine_level_alias_bomb_in_an_id_is_refused_at_once(tmp_path: Path) -> None:
    text = "topic: contoh\nanchors:\n" + bomb_anchors() + "entries:\n  - id: *b8\n"
    problems = _bounded(lambda: _knowledge_problems(tmp_path, text))
    assert any("expand" in p.message for p in problems), problems
    assert all(len(str(p)) < 1000 for p in problems)


def test_a_list_as_a_rule_value_is_a_located_problem(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO_ROOT / "rules", rules)
    (rules / "contoh.yaml").write_text(
        "area: contoh\nrules:\n  - id: daftar\n    priority: 10\n"
        "    when: {fact: status, op: eq, value: [pns]}\n"
        "    recommend: {kind: pelatihan, title: Judul}\n    because: Alasan.\n"
        "    source: PP 11/2017\n    basis: [pp-11-2017]\n    confidence: H\n", "utf-8")
    try:
        load_rules(rules)
    except ContentError as error:
        found = [str(p) for p in error.problems]
    else:
        raise AssertionError("a list where one value belongs was accepted")
    assert any(p.startswith(f"{rules / 'contoh.yaml'}:5 › daftar › when.value: must be a single")
               for p in found), found


def test_the_process_stays_small() -> None:
    """The fuzzing above ran in this process: its peak resident size stays modest."""
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1_500_000  # kB


def test_the_folder_total_is_capped_before_parsing(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.content import yamlfile
    from bot.kb.loader import load_knowledge
    monkeypatch.setattr(yamlfile, "MAX_TOTAL_BYTES", 1000)
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    for n in range(3):
        (knowledge / f"t{n}.yaml").write_text("topic: x\n" + "#" * 600 + "\n", "utf-8")
    with pytest.raises(ContentError) as caught:
        load_knowledge(knowledge)
    assert "the limit is 1000" in str(caught.value)
