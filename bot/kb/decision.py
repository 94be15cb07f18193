"""Answer, offer choices or decline: a small logistic regression learned from labelled questions.

Each candidate entry of a question is described by a few numbers (how much of the question it
covers, how far it leads the next one, how close a phrasing is…). ``benchmarks.train_decision``
fits the weights on the held-out sets (a candidate is correct when its answer holds the expected
facts) and writes them, with the two probability bars it chose, to
``knowledge/language/decision.yaml``. At run time the probability is plain Python: a dot product
and a sigmoid, no model library in the hot path.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from bot.content import ContentError, load_yaml, problems_from_validation

FEATURES = (
    "coverage",         # IDF-weighted share of the question's topical terms the entry uses
    "focus_coverage",   # the same for the question sentence of a longer message
    "share",            # strength relative to the best candidate (1.0 for the best)
    "lead",             # how far this candidate leads the next one, relative to its strength
    "rank",             # 0, 1, 2
    "log_strength",     # log(1 + BM25 × coverage): not comparable across queries, but telling
    "phrasing",         # best token-sort similarity of the question to one of its phrasings
    "unknown",          # IDF-weighted share of terms the knowledge base has never seen
    "topical_terms",    # log(1 + number of topical terms)
    "vague",            # a bare topic of one or two words
)


class DecisionFile(BaseModel):
    """The trained model as stored; validated so a hand edit cannot break the decision."""

    model_config = ConfigDict(extra="forbid")
    features: list[str]
    weights: list[float]
    bias: float
    answer_at: float
    suggest_at: float
    trained_on: list[str] = []

    @model_validator(mode="after")
    def _consistent(self) -> DecisionFile:
        if self.features != list(FEATURES):
            raise ValueError(f"features must be exactly {list(FEATURES)}; retrain the model")
        if len(self.weights) != len(self.features):
            raise ValueError("one weight per feature")
        if not 0.0 < self.suggest_at <= self.answer_at < 1.0:
            raise ValueError("need 0 < suggest_at <= answer_at < 1")
        return self


@dataclass(frozen=True)
class DecisionModel:
    weights: tuple[float, ...]
    bias: float
    answer_at: float
    suggest_at: float

    def probability(self, features: tuple[float, ...]) -> float:
        """The calibrated chance that this candidate's answer is the right one."""
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_decision(path: Path) -> DecisionModel:
    data, problems = load_yaml(path)
    if problems:
        raise ContentError(problems)
    try:
        stored = DecisionFile.model_validate(data)
    except ValidationError as exc:
        raise ContentError(problems_from_validation(path, data, exc)) from exc
    return DecisionModel(tuple(stored.weights), stored.bias, stored.answer_at, stored.suggest_at)
