"""``karierbot recommend --profile FILE [--json] [--today YYYY-MM-DD]``.

An invalid profile exits with code 2 and the Indonesian message on stderr, one problem a line
(``file:line: field: message``); broken rules exit with code 1 like ``karierbot check``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from bot.bootstrap import load_rules
from bot.config import Settings
from bot.engine import texts
from bot.engine.service import Advice
from bot.profile.loading import load_profile
from bot.profile.model import ProfileError


def register(sub: Any) -> None:
    """Add the ``recommend`` subcommand to the CLI's subparsers."""
    parser = sub.add_parser("recommend", help="recommendations and a 5-year plan for a profile")
    parser.add_argument("--profile", type=Path, required=True, help="profile as YAML or JSON")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--today", type=_date, default=None,
                        help="evaluate as of this date (YYYY-MM-DD); default: today")
    parser.set_defaults(func=recommend)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def recommend(args: argparse.Namespace) -> int:
    today: dt.date = args.today or dt.date.today()
    rules = load_rules(Settings())
    try:
        profile = load_profile(args.profile, today)
    except ProfileError as exc:
        for problem in exc.problems:
            where = f"{args.profile}:{problem.line}" if problem.line else str(args.profile)
            print(f"{where}: {problem}", file=sys.stderr)
        return 2
    advice = rules.advise(profile, today)
    if args.json:
        print(json.dumps(advice.as_json(), ensure_ascii=False, indent=2))
    else:
        print(as_text(advice))
    return 0


def as_text(advice: Advice) -> str:
    """The same content for a terminal: recommendations, what is missing, the plan."""
    report = advice.as_json()
    lines = []
    for number, item in enumerate(report["recommendations"], 1):
        lines += [f"{number}. [{texts.KIND_LABELS[item['kind']]}] {item['title']}",
                  f"   {item['reason']}", f"   Dasar: {item['source']} ({item['rule_id']})", ""]
    for item in report["not_eligible"]:
        lines.append(f"Belum memenuhi: {item['title']}")
        lines += [f"   - {missing}" for missing in item["missing"]]
    lines += ["", advice.plan_title()]
    for year in report["plan"]:
        lines.append(texts.PLAN_YEAR.format(year=year["year"], jp=year["jp"]))
        lines += [f"   - {entry}" for entry in year["items"]]
    return "\n".join(lines)
