"""Fit the answer / suggest / decline model from labelled questions and write its weights.

    python -m benchmarks.train_decision            # cross-validation report, then write weights
    python -m benchmarks.train_decision --dry-run  # the report only

Labelled data: every question of the shared sample and held-out sets 1-3, with its top three
candidates; a candidate is correct when its answer holds every expected group (the eval's own
rule), out-of-scope questions have no correct candidate. A logistic regression (scikit-learn, a
development dependency only) learns P(correct) from the features of ``bot/kb/decision.py``. The
two bars (answer at, suggest at) are chosen on cross-validated probabilities, training on three
sets and predicting the fourth, by a utility that counts a confidently wrong answer as four
times worse than a missed one. The report prints the cross-validated figures per set and a
reliability table (predicted vs observed rate of correct, by probability bin).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from bot.config import REPO_ROOT
from bot.kb.decision import FEATURES, DecisionModel
from bot.kb.evaluation import EvalQuestion, load_questions, matches_expectation
from bot.kb.language import load_language
from bot.kb.loader import load_knowledge
from bot.kb.normalise import Normaliser
from bot.kb.search import SUGGESTIONS, KnowledgeIndex

KNOWLEDGE = REPO_ROOT / "knowledge"
OUTPUT = KNOWLEDGE / "language" / "decision.yaml"
SETS = {
    "sample": REPO_ROOT.parent / "shared" / "eval" / "questions.yaml",
    "heldout_1": REPO_ROOT / "tests" / "content" / "heldout_questions.yaml",
    "heldout_2": REPO_ROOT / "tests" / "content" / "heldout_questions_2.yaml",
    "heldout_3": REPO_ROOT / "tests" / "content" / "heldout_questions_3.yaml",
}
WRONG_COST = 3.0     # a confidently wrong answer is the worst defect
SUGGEST_HIT = 0.25      # the right entry among the offered buttons is worth something
OOS_SUGGEST_COST = 0.5  # offering buttons to an off-topic question is a small failure
REGULARISATION = 1.0
UTILITY_TOLERANCE = 0.01


@dataclass
class Question:
    set_name: str
    oos: bool
    features: list[tuple[float, ...]]  # top candidates, best first
    correct: list[bool]


def labelled(index: KnowledgeIndex) -> list[Question]:
    out = []
    for set_name, path in SETS.items():
        for item in load_questions(path):
            out.append(_label(index, set_name, item))
    return out


def _label(index: KnowledgeIndex, set_name: str, item: EvalQuestion) -> Question:
    matches, _, _ = index.candidates(index.read(item.q))
    shown = matches[:SUGGESTIONS]
    return Question(set_name, item.oos, [m.features for m in shown],
                    [not item.oos and matches_expectation(m.entry.answer, item.expect)
                     for m in shown])


def fit(questions: list[Question]) -> LogisticRegression:
    x = [f for q in questions for f in q.features]
    y = [c for q in questions for c in q.correct]
    model = LogisticRegression(C=REGULARISATION, max_iter=2000)
    model.fit(np.asarray(x), np.asarray(y))
    return model


def probabilities(model: LogisticRegression, question: Question) -> list[float]:
    if not question.features:
        return []
    return [float(p) for p in model.predict_proba(np.asarray(question.features))[:, 1]]


@dataclass
class Outcome:
    in_scope: int = 0
    correct: int = 0
    top3: int = 0
    oos: int = 0
    declined: int = 0
    wrong: int = 0
    utility: float = 0.0


def simulate(scored: list[tuple[Question, list[float]]], answer_at: float,
             suggest_at: float) -> Outcome:
    out = Outcome()
    for question, probs in scored:
        answered = bool(probs) and probs[0] >= answer_at
        offered = [c for c, p in zip(question.correct, probs, strict=True) if p >= suggest_at]
        if question.oos:
            out.oos += 1
            if answered:
                out.wrong += 1
                out.utility -= WRONG_COST
            elif offered:
                out.utility -= OOS_SUGGEST_COST
            else:
                out.declined += 1
            continue
        out.in_scope += 1
        out.top3 += any(question.correct)
        if answered and question.correct[0]:
            out.correct += 1
            out.utility += 1
        elif answered:
            out.wrong += 1
            out.utility -= WRONG_COST
        elif any(offered):
            out.utility += SUGGEST_HIT
    return out


def choose_bars(scored: list[tuple[Question, list[float]]]) -> tuple[float, float]:
    """The bars of highest utility; the utility is flat near its top, so among bars within
    UTILITY_TOLERANCE of the best the lowest answer bar wins (more answers at equal cost)."""
    grid = [round(float(x), 2) for x in np.arange(0.05, 0.96, 0.01)]
    results = [(simulate(scored, a, s).utility, a, s) for a in grid for s in grid if s <= a]
    top = max(u for u, _, _ in results)
    near = [r for r in results if r[0] >= top - UTILITY_TOLERANCE * abs(top)]
    best = min(near, key=lambda t: (t[1], -t[0]))
    return best[1], best[2]


def cross_validated(questions: list[Question]) -> list[tuple[Question, list[float]]]:
    scored = []
    for held in SETS:
        model = fit([q for q in questions if q.set_name != held])
        scored += [(q, probabilities(model, q)) for q in questions if q.set_name == held]
    return scored


def reliability(scored: list[tuple[Question, list[float]]]) -> list[str]:
    bins = [(0.0, 0.1), (0.1, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)]
    lines = ["| P(correct) | candidates | mean predicted | observed correct |",
             "| --- | --- | --- | --- |"]
    pairs = [(p, c) for q, probs in scored for p, c in zip(probs, q.correct, strict=True)]
    for low, high in bins:
        inside = [(p, c) for p, c in pairs if low <= p < high]
        if inside:
            mean = sum(p for p, _ in inside) / len(inside)
            observed = sum(c for _, c in inside) / len(inside)
            lines.append(f"| {low:.1f}–{min(high, 1.0):.1f} | {len(inside)} | {mean:.2f} | "
                         f"{observed:.2f} |")
    return lines


def per_set(scored: list[tuple[Question, list[float]]], answer_at: float,
            suggest_at: float) -> list[str]:
    lines = ["| held out (trained on the others) | answered correctly | right entry in top 3 | "
             "off-topic declined | confidently wrong |", "| --- | --- | --- | --- | --- |"]
    for name in SETS:
        o = simulate([s for s in scored if s[0].set_name == name], answer_at, suggest_at)
        lines.append(f"| {name} | {o.correct}/{o.in_scope} = {o.correct / o.in_scope:.1%} | "
                     f"{o.top3 / o.in_scope:.1%} | {o.declined}/{o.oos} | {o.wrong} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    args = parser.parse_args()
    neutral = DecisionModel(tuple(0.0 for _ in FEATURES), 0.0, 0.5, 0.5)
    kb_index = KnowledgeIndex(load_knowledge(KNOWLEDGE),
                              Normaliser(load_language(KNOWLEDGE / "language")), neutral)
    questions = labelled(kb_index)
    scored = cross_validated(questions)
    answer_at, suggest_at = choose_bars(scored)
    print(f"{len(questions)} questions, {sum(len(q.correct) for q in questions)} candidates; "
          f"bars chosen on cross-validated probabilities: answer at {answer_at}, "
          f"suggest at {suggest_at}\n")
    print("\n".join(per_set(scored, answer_at, suggest_at)))
    print("\nReliability (cross-validated, every candidate shown):\n")
    print("\n".join(reliability(scored)))
    model = fit(questions)
    weights = [round(float(w), 4) for w in model.coef_[0]]
    print("\nweights: " + ", ".join(f"{n} {w:+.3f}" for n, w in zip(FEATURES, weights,
                                                                     strict=True)))
    if args.dry_run:
        return
    document = {
        "features": list(FEATURES), "weights": weights,
        "bias": round(float(model.intercept_[0]), 4),
        "answer_at": answer_at, "suggest_at": suggest_at, "trained_on": list(SETS),
    }
    header = ("# Written by `python -m benchmarks.train_decision` (do not edit by hand): the\n"
              "# logistic regression deciding answer / suggest / decline. See docs/search.md.\n")
    OUTPUT.write_text(header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                      encoding="utf-8")
    print(f"\nwritten {Path(OUTPUT).relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
