"""Load and validate every knowledge file, collecting all problems before giving up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.content import ContentError, ContentProblem, LineDict, load_yaml, problems_from_validation
from bot.content.regulations import Registry, basis_problems, load_registry, registry_dir
from bot.content.yamlfile import total_size_problem
from bot.kb.models import KnowledgeBase, KnowledgeEntry


def knowledge_files(directory: Path) -> list[Path]:
    """Entry files are the YAML files at the top of the folder; subfolders hold other data."""
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def load_knowledge(directory: Path) -> KnowledgeBase:
    """Return the knowledge base or raise ContentError listing every problem found.

    The regulation registry in ``regulations/`` is loaded with it: every entry's basis must
    name regulations there that are still in force.
    """
    problems: list[ContentProblem] = []
    registry: Registry | None = None
    try:
        registry = load_registry(registry_dir(directory))
    except ContentError as exc:
        problems += exc.problems
    entries: list[KnowledgeEntry] = []
    seen: dict[str, tuple[Path, int]] = {}
    related_refs: list[tuple[Path, int, str, str]] = []
    files = knowledge_files(directory) if directory.is_dir() else []
    if not files:
        raise ContentError([ContentProblem.at(directory, 0, "no knowledge files (*.yaml) found")])
    if (too_big := total_size_problem(directory, files)) is not None:
        raise ContentError([too_big])
    for path in files:
        data, found = load_yaml(path)
        problems += found
        if found:
            continue
        for entry, line, entry_problems in _entries_of(path, data):
            problems += entry_problems
            if entry is None:
                continue
            if entry.id in seen:
                other, other_line = seen[entry.id]
                problems.append(
                    ContentProblem.at(
                        path,
                        line,
                        f"duplicate id, first defined at {other}:{other_line}",
                        item_id=entry.id,
                        field="id",
                    )
                )
                continue
            seen[entry.id] = (path, line)
            entries.append(entry)
            if registry is not None:
                problems += basis_problems(entry.basis, registry, path=path,
                                           line=_key_line(data, entry.id, "basis", line),
                                           item_id=entry.id)
            related_refs += [(path, line, entry.id, rid) for rid in entry.related]
    for path, line, entry_id, rid in related_refs:
        if rid not in seen:
            problems.append(
                ContentProblem.at(
                    path, line, f"unknown related id '{rid}'", item_id=entry_id, field="related"
                )
            )
        elif rid == entry_id:
            problems.append(
                ContentProblem.at(
                    path,
                    line,
                    "an entry cannot be related to itself",
                    item_id=entry_id,
                    field="related",
                )
            )
    problems += _counterpart_problems(entries, seen)
    if problems or registry is None:
        raise ContentError(problems)
    places = {entry_id: (str(path), line) for entry_id, (path, line) in seen.items()}
    return KnowledgeBase(tuple(entries), registry, places)


def _key_line(data: LineDict, entry_id: str, key: str, default: int) -> int:
    """The line of ``key`` in the entry with ``entry_id`` (the entry's line if absent)."""
    for raw in data.get("entries", []):
        if isinstance(raw, LineDict) and raw.get("id") == entry_id:
            return raw.key_lines.get(key, default)
    return default


def _counterpart_problems(entries: list[KnowledgeEntry],
                          seen: dict[str, tuple[Path, int]]) -> list[ContentProblem]:
    """A counterpart is an existing entry for the other status, named from a PNS or PPPK one."""
    by_id = {e.id: e for e in entries}
    problems = []
    for entry in entries:
        if entry.counterpart is None:
            continue
        other = by_id.get(entry.counterpart)
        if other is None:
            message = f"unknown counterpart id '{entry.counterpart}'"
        elif {entry.audience, other.audience} != {"pns", "pppk"}:
            message = (f"a counterpart pairs a pns entry with a pppk one; this is "
                       f"'{entry.audience}', '{other.id}' is '{other.audience}'")
        else:
            continue
        path, line = seen[entry.id]
        problems.append(ContentProblem.at(path, line, message, item_id=entry.id,
                                          field="counterpart"))
    return problems


def _entries_of(
    path: Path, data: Any
) -> list[tuple[KnowledgeEntry | None, int, list[ContentProblem]]]:
    if not isinstance(data, LineDict):
        return [
            (
                None,
                1,
                [ContentProblem.at(path, 1, "expected a mapping with 'topic' and 'entries'")],
            )
        ]
    header = []
    topic = data.get("topic")
    if not isinstance(topic, str) or not topic.strip():
        header.append(
            ContentProblem.at(
                path, data.key_lines.get("topic", data.line), "missing or empty", field="topic"
            )
        )
    unknown = set(data) - {"topic", "entries"}
    header += [
        ContentProblem.at(path, data.key_lines[k], "unknown key", field=str(k))
        for k in sorted(unknown, key=str)
    ]
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        header.append(
            ContentProblem.at(
                path,
                data.key_lines.get("entries", data.line),
                "must be a non-empty list",
                field="entries",
            )
        )
        return [(None, 1, header)]
    results: list[tuple[KnowledgeEntry | None, int, list[ContentProblem]]] = [(None, 1, header)]
    for index, raw in enumerate(raw_entries):
        line = getattr(raw, "line", data.line)
        if not isinstance(raw, dict):
            results.append(
                (
                    None,
                    line,
                    [
                        ContentProblem.at(
                            path, line, "an entry must be a mapping", field=f"entries[{index}]"
                        )
                    ],
                )
            )
            continue
        raw_id = raw.get("id")  # only text names an entry: str() of an alias could be huge
        item_id = raw_id if isinstance(raw_id, str) else f"entries[{index}]"
        try:
            entry = KnowledgeEntry.model_validate({**raw, "topic": topic or "-"})
        except ValidationError as exc:
            results.append(
                (
                    None,
                    line,
                    problems_from_validation(
                        path, data, exc, prefix=("entries", index), item_id=item_id
                    ),
                )
            )
            continue
        results.append((entry, line, []))
    return results
