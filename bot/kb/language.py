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


class English(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phrases: dict[str, str]
    stopwords: list[str]

    _lower = field_validator("phrases")(_lower_keys)


class Context(BaseModel):
    model_config = ConfigDict(extra="forbid")
    places: list[str]
    units: list[str]
    family: list[str]


class Language(BaseModel):
    """Everything the normaliser needs to know about how employees write."""

    model_config = ConfigDict(frozen=True)
    replacements: dict[str, str]
    stopwords: frozenset[str]
    framing: frozenset[str]
    protected: frozenset[str]
    context: frozenset[str] = frozenset()


def load_language(directory: Path) -> Language:
    """Load ``knowledge/language``; raise ContentError naming every broken file."""
    problems: list[ContentProblem] = []
    parsed: dict[str, BaseModel] = {}
    for name, model in (
        ("synonyms", Synonyms),
        ("stopwords", Stopwords),
        ("protected", Protected),
        ("english", English),
        ("context", Context),
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
    english = parsed["english"]
    context = parsed["context"]
    assert isinstance(english, English)
    assert isinstance(context, Context)
    assert isinstance(synonyms, Synonyms)
    assert isinstance(stopwords, Stopwords)
    assert isinstance(protected, Protected)
    return Language(
        # Indonesian tables win where an English key is also an Indonesian chat form.
        replacements={**english.phrases, **synonyms.slang, **synonyms.abbreviations},
        stopwords=frozenset(w.casefold() for w in [*stopwords.stopwords, *english.stopwords]),
        framing=frozenset(w.casefold() for w in stopwords.framing),
        protected=frozenset(w.casefold() for w in protected.protected),
        context=frozenset(w.casefold() for w in [*context.places, *context.units,
                                                 *context.family]),
    )
