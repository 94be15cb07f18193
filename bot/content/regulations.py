"""The regulation registry: every regulation the content cites, with its date and status.

Knowledge entries and rules name the regulations they rest on by id (``basis``); the registry
says when each took effect, whether it still stands and what replaced it. That makes currency
data: an answer can show "berlaku sejak", and ``karierbot check`` can refuse content that rests
on a revoked regulation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from bot.content.problems import ContentError, ContentProblem
from bot.content.yamlfile import LineDict, load_yaml, problems_from_validation

REGISTRY_FOLDER = "regulations"

RegulationId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,59}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Status = Literal["berlaku", "diubah", "dicabut"]


class Regulation(BaseModel):
    """One regulation as answers cite it, with the date it took effect and its status."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: RegulationId
    short: Text
    title: Text
    date: dt.date
    status: Status
    amended_by: list[RegulationId] = Field(default=[], validate_default=True)
    revoked_by: RegulationId | None = Field(default=None, validate_default=True)
    supersedes: list[RegulationId] = []
    confirmed: bool
    note: Text | None = None

    @field_validator("amended_by")
    @classmethod
    def _amendment_is_named(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("status") == "diubah" and not value:
            raise ValueError("a regulation with status diubah needs amended_by")
        return value

    @field_validator("revoked_by")
    @classmethod
    def _revocation_is_named(cls, value: str | None, info: ValidationInfo) -> str | None:
        status = info.data.get("status")
        if status == "dicabut" and value is None:
            raise ValueError("a regulation with status dicabut needs revoked_by")
        if status in ("berlaku", "diubah") and value is not None:
            raise ValueError(f"revoked_by is set but status is {status}; use dicabut")
        return value


@dataclass(frozen=True)
class Registry:
    """All regulations by id, and where each was defined (for problems that point at a line)."""

    regulations: dict[str, Regulation] = field(default_factory=dict)
    places: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.regulations)

    def __contains__(self, regulation_id: object) -> bool:
        return regulation_id in self.regulations

    def __getitem__(self, regulation_id: str) -> Regulation:
        return self.regulations[regulation_id]

    def cited(self, ids: Iterable[str]) -> list[Regulation]:
        """The known regulations among ``ids``, in the order given."""
        return [self.regulations[i] for i in ids if i in self.regulations]

    def newest(self, ids: Iterable[str]) -> Regulation | None:
        """The most recent of the cited regulations: the date a fact is current from."""
        return max(self.cited(ids), key=lambda r: r.date, default=None)

    def superseded_by(self, regulation_id: str) -> list[Regulation]:
        """Regulations that revoked or replaced this one (its supersedes names it)."""
        return [r for r in self.regulations.values() if regulation_id in r.supersedes]


def registry_dir(knowledge_dir: Path) -> Path:
    return knowledge_dir / REGISTRY_FOLDER


def load_registry(directory: Path) -> Registry:
    """Load every ``*.yaml`` in ``directory``; raise ContentError listing all problems."""
    problems: list[ContentProblem] = []
    regulations: dict[str, Regulation] = {}
    places: dict[str, tuple[str, int]] = {}
    files = sorted(p for p in directory.glob("*.yaml") if p.is_file()) if directory.is_dir() \
        else []
    if not files:
        raise ContentError([ContentProblem.at(directory, 0, "no regulation files (*.yaml) found")])
    for path in files:
        data, found = load_yaml(path)
        problems += found
        if found:
            continue
        for regulation, line, item_problems in _regulations_of(path, data):
            problems += item_problems
            if regulation is None:
                continue
            if regulation.id in places:
                other, other_line = places[regulation.id]
                problems.append(ContentProblem.at(
                    path, line, f"duplicate id, first defined at {other}:{other_line}",
                    item_id=regulation.id, field="id"))
                continue
            regulations[regulation.id] = regulation
            places[regulation.id] = (str(path), line)
    registry = Registry(regulations, places)
    problems += _reference_problems(registry)
    if problems:
        raise ContentError(problems)
    return registry


def basis_problems(basis: Sequence[str], registry: Registry, *, path: Path | str, line: int,
                   item_id: str, field: str = "basis") -> list[ContentProblem]:
    """What is wrong with a ``basis`` list: empty, unknown ids, or a revoked regulation."""
    if not basis:
        return [ContentProblem.at(path, line, "needs at least one regulation id from the "
                                  "registry", item_id=item_id, field=field)]
    problems = []
    for regulation_id in basis:
        regulation = registry.regulations.get(regulation_id)
        if regulation is None:
            message = f"unknown regulation id '{regulation_id}' (not in {REGISTRY_FOLDER}/)"
        elif regulation.status == "dicabut":
            message = (f"'{regulation_id}' ({regulation.short}) is dicabut, revoked by "
                       f"'{regulation.revoked_by}': rest the content on the regulation in force")
        else:
            continue
        problems.append(ContentProblem.at(path, line, message, item_id=item_id, field=field))
    if len(set(basis)) != len(basis):
        problems.append(ContentProblem.at(path, line, "the same regulation id appears twice",
                                          item_id=item_id, field=field))
    return problems


def _reference_problems(registry: Registry) -> list[ContentProblem]:
    """Links between regulations name known ids, and revocation is stated on both sides."""
    problems = []
    known = registry.regulations
    for regulation in known.values():
        path, line = registry.places[regulation.id]

        def problem(field_name: str, message: str, *, _path: str = path, _line: int = line,
                    _id: str = regulation.id) -> ContentProblem:
            return ContentProblem.at(_path, _line, message, item_id=_id, field=field_name)

        links = [("amended_by", i) for i in regulation.amended_by]
        links += [("supersedes", i) for i in regulation.supersedes]
        if regulation.revoked_by is not None:
            links.append(("revoked_by", regulation.revoked_by))
        for field_name, other in links:
            if other == regulation.id:
                problems.append(problem(field_name, "a regulation cannot name itself"))
            elif other not in known:
                problems.append(problem(field_name, f"unknown regulation id '{other}'"))
        for other in regulation.supersedes:
            old = known.get(other)
            if old is not None and old.id != regulation.id and old.revoked_by != regulation.id:
                problems.append(problem(
                    "supersedes", f"'{other}' should have status dicabut and revoked_by: "
                    f"{regulation.id}"))
        if regulation.revoked_by in known and regulation.id not in known[
                regulation.revoked_by].supersedes:
            problems.append(problem(
                "revoked_by", f"'{regulation.revoked_by}' should list '{regulation.id}' in "
                "its supersedes"))
    return problems


def _regulations_of(path: Path, data: Any) -> list[tuple[Regulation | None, int,
                                                         list[ContentProblem]]]:
    if not isinstance(data, LineDict) or not isinstance(data.get("regulations"), list):
        line = data.key_lines.get("regulations", data.line) if isinstance(data, LineDict) else 1
        return [(None, line, [ContentProblem.at(
            path, line, "expected a mapping with a non-empty 'regulations' list",
            field="regulations")])]
    unknown = sorted((k for k in data if k != "regulations"), key=str)
    results: list[tuple[Regulation | None, int, list[ContentProblem]]] = [(None, 1, [
        ContentProblem.at(path, data.key_lines[k], "unknown key", field=str(k)) for k in unknown
    ])]
    for index, raw in enumerate(data["regulations"]):
        line = getattr(raw, "line", data.line)
        if not isinstance(raw, dict):
            results.append((None, line, [ContentProblem.at(
                path, line, "a regulation must be a mapping", field=f"regulations[{index}]")]))
            continue
        item_id = str(raw.get("id", f"regulations[{index}]"))
        try:
            results.append((Regulation.model_validate(raw), line, []))
        except ValidationError as exc:
            results.append((None, line, problems_from_validation(
                path, data, exc, prefix=("regulations", index), item_id=item_id)))
    return results
