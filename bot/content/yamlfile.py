"""YAML loading that remembers where every value came from.

Pydantic reports a location such as ``("entries", 3, "answer")``; the line map built here turns it
into a file line, so a broken entry is reported where HR can find it.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.content.problems import ContentProblem

MAX_FILE_BYTES = 2_000_000
MAX_ALIASES = 100
# What a file may grow to once its aliases are expanded (characters of scalars plus one per
# node): a nested alias bomb of 1 KB passes an alias count but would expand to gigabytes the
# moment anything walks or prints the value (str() on an id did).
MAX_EXPANDED_SIZE = 4_000_000
MAX_TOTAL_BYTES = 20_000_000  # all the files of one folder together (a few hundred kB today)


class LineDict(dict[Any, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[Hashable, int]


class LineList(list[Any]):
    """A sequence that knows the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records lines, rejects duplicate keys and caps alias expansion."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, f"more than {MAX_ALIASES} aliases (&/*)", mark)
        return super().compose_node(parent, index)

    def compose_document(self) -> Any:
        node = super().compose_document()
        if node is not None and _expanded_size(node, {}) > MAX_EXPANDED_SIZE:
            raise yaml.composer.ComposerError(
                None, None, f"aliases (&/*) expand this file beyond {MAX_EXPANDED_SIZE} "
                "characters", node.start_mark)
        return node


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """Size with every alias expanded, each shared node measured once (so this is quick)."""
    known = sizes.get(id(node))
    if known is not None:
        if known < 0:  # an alias inside its own anchor: infinite when expanded
            return MAX_EXPANDED_SIZE + 1
        return known
    sizes[id(node)] = -1
    if isinstance(node, yaml.ScalarNode):
        size = 1 + len(str(node.value))
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, sizes) + _expanded_size(v, sizes)
                       for k, v in node.value)
    else:
        size = 1
    sizes[id(node)] = min(size, MAX_EXPANDED_SIZE + 1)
    return sizes[id(node)]


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be plain text", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


def _timestamp_as_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    """Dates stay text here so that pydantic validates them and reports the field and line."""
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def total_size_problem(directory: Path, files: Sequence[Path]) -> ContentProblem | None:
    """The folder's files together may not exceed ``MAX_TOTAL_BYTES`` (checked before parsing)."""
    total = sum(p.stat().st_size for p in files if p.is_file())
    if total <= MAX_TOTAL_BYTES:
        return None
    return ContentProblem.at(directory, 0, f"the files total {total} bytes; the limit is "
                             f"{MAX_TOTAL_BYTES}")


def load_yaml(path: Path) -> tuple[Any, list[ContentProblem]]:
    """Parse one file; on failure return None and the problem, never raise."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"file is {size} bytes; the limit is {MAX_FILE_BYTES}"
            return None, [ContentProblem.at(path, 1, message)]
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [ContentProblem.at(path, 1, f"not UTF-8 text: {exc.reason}")]
    except OSError as exc:
        return None, [ContentProblem.at(path, 1, f"cannot read: {exc.strerror}")]
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = exc.problem or exc.context or "invalid YAML"
        return None, [ContentProblem.at(path, line, f"YAML syntax: {reason}")]
    except yaml.YAMLError as exc:
        return None, [ContentProblem.at(path, 1, f"YAML syntax: {exc}")]


def line_of(data: Any, loc: Sequence[int | str]) -> int:
    """The line of the deepest part of ``loc`` that exists in ``data``."""
    line: int = getattr(data, "line", 1) or 1
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


def problems_from_validation(
    path: Path, data: Any, error: ValidationError, *, prefix: Sequence[int | str] = (),
    item_id: str = "",
) -> list[ContentProblem]:
    """Turn every pydantic error into a located problem."""
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        field = ".".join(str(p) for p in loc if not isinstance(p, int)) or "-"
        problems.append(
            ContentProblem.at(
                path, line_of(data, (*prefix, *loc)), err["msg"], item_id=item_id, field=field
            )
        )
    return problems
