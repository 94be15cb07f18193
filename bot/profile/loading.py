"""Reading a profile from a YAML or JSON file for the shell, with line numbers for YAML."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from bot.content import LineDict, load_yaml
from bot.content.yamlfile import line_of
from bot.profile import texts
from bot.profile.model import Profile, ProfileError, ProfileProblem, parse_profile


def load_profile(path: Path, today: dt.date | None = None) -> Profile:
    """The validated profile in ``path``; raises ProfileError with every problem."""
    if path.suffix.casefold() == ".json":
        data = _json(path)
    else:
        data, problems = load_yaml(path)
        if problems:
            raise ProfileError([ProfileProblem("berkas", texts.FILE_BAD_YAML.format(
                line=p.line), p.line) for p in problems])
    if not isinstance(data, dict):
        raise ProfileError([ProfileProblem("berkas", texts.FILE_NOT_MAPPING)])
    located = data if isinstance(data, LineDict) else None
    return parse_profile(data, today, lambda loc: line_of(located, loc) if located else 0)


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError([ProfileProblem("berkas", texts.FILE_UNREADABLE.format(
            reason=type(exc).__name__))]) from None
    except json.JSONDecodeError as exc:
        raise ProfileError([ProfileProblem("berkas", texts.FILE_BAD_JSON.format(
            line=exc.lineno, reason=exc.msg), exc.lineno)]) from None
