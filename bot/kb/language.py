"""The language data (synonyms, stop words, protected words), loaded and validated from YAML."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from bot.content import ContentError, ContentProblem, load_yaml, problems_from_validation


def _lower_keys(value: dict[str, str]) -> dict[str, str]:
    return {
        " ".join(k.casefold().split()): " ".join(v.casefold().split()) for k, v in value.items()
    }


class Synonyms(BaseModel):
    model_config = ConfigDict(extra="forbid")
    abbreviations: dict[str, str]
    slang: dict[str, str]

    _lower = field_validator("abbreviations", "slang")(_lower_keys)


class Stopwords(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stopwords: list[str]
    framing: list[str] = []


class Protected(BaseModel):
    model_config = ConfigDict(extra="forbid")
    protected: list[str]


class Language(BaseModel):
    """Everything the normaliser needs to know about how employees write."""

    model_config = ConfigDict(frozen=True)
    replacements: dict[str, str]
    stopwords: frozenset[str]
    framing: frozenset[str]
    protected: frozenset[str]


def load_language(directory: Path) -> Language:
    """Load ``knowledge/language``; raise ContentError naming every broken file."""
    problems: list[ContentProblem] = []
    parsed: dict[str, BaseModel] = {}
    for name, model in (
        ("synonyms", Synonyms),
        ("stopwords", Stopwords),
        ("protected", Protected),
    ):
        path = directory / f"{name}.yaml"
        data, found = load_yaml(path)
        problems += found
        if found:
            continue
        try:
            parsed[name] = model.model_validate(data)
        except ValidationError as exc:
            problems += problems_from_validation(path, data, exc)
    if problems:
        raise ContentError(problems)
    synonyms = parsed["synonyms"]
    stopwords = parsed["stopwords"]
    protected = parsed["protected"]
    assert isinstance(synonyms, Synonyms)
    assert isinstance(stopwords, Stopwords)
    assert isinstance(protected, Protected)
    return Language(
        replacements={**synonyms.slang, **synonyms.abbreviations},
        stopwords=frozenset(w.casefold() for w in stopwords.stopwords),
        framing=frozenset(w.casefold() for w in stopwords.framing),
        protected=frozenset(w.casefold() for w in protected.protected),
    )
