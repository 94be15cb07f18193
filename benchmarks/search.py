"""Question-answering speed and memory, on the shipped knowledge base and a synthetic one.

Prints index build time, per-question latency (p50, p99, max) of the real search, the same for
a plain rapidfuzz scan over every phrasing (the baseline), and peak memory.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import resource
import statistics
import time
from collections.abc import Callable

import yaml
from rapidfuzz import fuzz, process, utils

from bot.config import REPO_ROOT
from bot.kb.decision import load_decision
from bot.kb.language import load_language
from bot.kb.loader import load_knowledge
from bot.kb.models import KnowledgeBase
from bot.kb.normalise import Normaliser
from bot.kb.search import KnowledgeIndex
from bot.kb.service import DECISION_FILE

SYNTHETIC_ENTRIES = 10_000
QUERY_FILES = (REPO_ROOT.parent / "shared" / "eval" / "questions.yaml",
               REPO_ROOT / "tests" / "content" / "heldout_questions.yaml")


def queries() -> list[str]:
    found = []
    for path in QUERY_FILES:
        if path.exists():
            found += [item["q"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return found


def synthetic(kb: KnowledgeBase, size: int, seed: int = 7) -> KnowledgeBase:
    """Entries built from the real vocabulary, so term statistics look like a grown KB."""
    rng = random.Random(seed)
    words = sorted({w for e in kb.entries for q in e.questions for w in q.split()})
    entries = list(kb.entries)
    template = kb.entries[0]
    while len(entries) < size:
        number = len(entries)
        questions = [" ".join(rng.sample(words, rng.randint(4, 9))) + f" {number}"
                     for _ in range(5)]
        answer = " ".join(rng.sample(words, 60))
        entries.append(template.model_copy(update={
            "id": f"sintetis-{number}", "questions": questions, "answer": answer,
            "related": []}))
    return KnowledgeBase(tuple(entries))


def latencies(function: Callable[[str], object], questions: list[str],
              rounds: int) -> list[float]:
    for question in questions[:20]:
        function(question)  # warm caches
    samples = []
    for _ in range(rounds):
        for question in questions:
            start = time.perf_counter()
            function(question)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"p50 {statistics.median(ordered):6.3f} ms   p99 {p99:6.3f} ms   "
            f"max {ordered[-1]:6.3f} ms   ({len(ordered)} questions)")


DECISION = REPO_ROOT / "knowledge" / "language" / DECISION_FILE


def measure(name: str, kb: KnowledgeBase, normaliser: Normaliser, questions: list[str],
            rounds: int) -> None:
    start = time.perf_counter()
    index = KnowledgeIndex(kb, normaliser, load_decision(DECISION))
    build = time.perf_counter() - start
    phrasings = [q for e in kb.entries for q in e.questions]
    print(f"\n{name}: {len(kb)} entries, {len(phrasings)} phrasings")
    print(f"  index build        {build * 1000:8.1f} ms")
    print(f"  karierbot search   {summary(latencies(index.search, questions, rounds))}")

    def baseline(question: str) -> object:
        return process.extractOne(question, phrasings, scorer=fuzz.WRatio,
                                  processor=utils.default_process)

    print(f"  rapidfuzz scan     {summary(latencies(baseline, questions, max(1, rounds // 5)))}")


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    kb_dir = REPO_ROOT / "knowledge"
    kb = load_knowledge(kb_dir)
    normaliser = Normaliser(load_language(kb_dir / "language"))
    questions = queries()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.platform()}; {dt.date.today()}")
    measure("shipped knowledge base", kb, normaliser, questions, rounds=20)
    measure("synthetic knowledge base", synthetic(kb, SYNTHETIC_ENTRIES), normaliser,
            questions, rounds=5)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS of this process): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
