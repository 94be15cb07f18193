"""Load rules/ and report every problem at once as ``file:line › id › field: message``.

Unknown facts, operators, kinds, threshold names and enumeration values get a "did you mean";
a value that cannot be compared with its fact (a number for a golongan, a list for ``gte``) is
a problem here, never a surprise during evaluation.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import ValidationError
from rapidfuzz import fuzz, process

from bot.config import REPO_ROOT
from bot.content import ContentError, ContentProblem, LineDict, load_yaml, problems_from_validation
from bot.content.regulations import (
    REGISTRY_FOLDER,
    Registry,
    basis_problems,
    load_registry,
)
from bot.content.yamlfile import total_size_problem
from bot.engine.book import RuleBook
from bot.engine.careermap import CareerMap
from bot.engine.derived import DERIVATIONS
from bot.engine.schema import (
    KINDS,
    OPERATORS,
    PLAN_YEARS,
    AllOf,
    AnyOf,
    Condition,
    Confidence,
    FactDecl,
    FactRef,
    Node,
    NotOf,
    PlanSpec,
    Rule,
)
from bot.engine.thresholds import AgencyOverrides, DefaultThresholds, Threshold, agency_slug
from bot.profile.fields import FIELDS
from bot.profile.values import InvalidValueError, parse_date
from bot.profile.vocabulary import VOCABULARIES

FACTS_FILE = "facts.yaml"
CAREER_FILE = "pola_karier.yaml"
AGENCIES_DIR = "agencies"
DEFAULT_FILE = "default.yaml"
RULE_KEYS = ("id", "priority", "when", "eligible", "recommend", "because", "source", "basis",
             "confidence", "practice", "plan", "refer_to_hr")
DEFAULT_REGISTRY = REPO_ROOT / "knowledge" / REGISTRY_FOLDER
PLAN_KEYS = ("year", "at", "span", "every_year", "always", "text")
CONDITION_KEYS = ("fact", "op", "value", "hint", "missing")
FACT_KEYS = ("name", "from", "type", "label", "unit", "choices", "null_is_unlimited")
FACT_TYPES = ("number", "bool", "text", "date", "choice", "list")
ORDERED_OPS = ("lt", "lte", "gt", "gte")
M = TypeVar("M", CareerMap, DefaultThresholds, AgencyOverrides)
MAX_ID = 48  # "rec:why:" + id must fit Telegram's 64-byte callback data
MAX_PRIORITY = 100  # the scale rules order themselves on
DID_YOU_MEAN_CUTOFF = 60  # rapidfuzz score a suggestion needs


def did_you_mean(name: str, options: Iterable[str]) -> str:
    guess = process.extractOne(name, list(options), scorer=fuzz.ratio,
                               score_cutoff=DID_YOU_MEAN_CUTOFF)
    return f"; did you mean '{guess[0]}'?" if guess else ""


def rule_files(directory: Path) -> list[Path]:
    """Rule files: the YAML files at the top of rules/ other than facts and the career map."""
    return sorted(p for p in directory.glob("*.yaml")
                  if p.is_file() and p.name not in (FACTS_FILE, CAREER_FILE))


@dataclass
class _Collector:
    problems: list[ContentProblem] = field(default_factory=list)
    parsed: dict[Path, tuple[Any, list[ContentProblem]]] = field(default_factory=dict)

    def yaml(self, path: Path) -> tuple[Any, list[ContentProblem]]:
        """A file parsed once per load, however many checks read it."""
        if path not in self.parsed:
            self.parsed[path] = load_yaml(path)
        return self.parsed[path]

    def add(self, path: Path, line: int, message: str, item_id: str = "",
            field_name: str = "") -> None:
        self.problems.append(ContentProblem.at(path, line, message, item_id=item_id,
                                               field=field_name))


def load_rules(directory: Path, registry_directory: Path = DEFAULT_REGISTRY) -> RuleBook:
    """The rule book in ``directory`` or ContentError listing every problem found; every
    ``basis`` is checked against the regulation registry in ``registry_directory``."""
    out = _Collector()
    if not (directory / FACTS_FILE).is_file():
        raise ContentError([ContentProblem.at(directory / FACTS_FILE, 0, "file not found")])
    registry = _registry(registry_directory, out)
    facts = _load_facts(directory / FACTS_FILE, out)
    career = _load_model(directory / CAREER_FILE, CareerMap, out)
    if career is not None and registry is not None:
        _career_basis(directory / CAREER_FILE, career, registry, out)
    defaults = _load_model(directory / AGENCIES_DIR / DEFAULT_FILE, DefaultThresholds, out)
    agencies: dict[str, AgencyOverrides] = {}
    if defaults is not None:
        _add_thresholds(directory / AGENCIES_DIR / DEFAULT_FILE, defaults, facts, registry, out)
        agencies = _load_agencies(directory / AGENCIES_DIR, defaults, registry, out)
    rules: list[Rule] = []
    seen: dict[str, tuple[Path, int]] = {}
    files = rule_files(directory)
    if not files:
        out.add(directory, 0, "no rule files (*.yaml) found")
    if (too_big := total_size_problem(directory, files)) is not None:
        raise ContentError([too_big])
    for path in files:
        for rule in _load_rule_file(path, facts, registry, out):
            if rule.id in seen:
                first, line = seen[rule.id]
                out.add(path, rule.line, f"duplicate id, first defined at {first}:{line}",
                        rule.id, "id")
                continue
            seen[rule.id] = (path, rule.line)
            rules.append(rule)
    if out.problems or career is None or defaults is None:
        raise ContentError(out.problems)
    return RuleBook(facts, tuple(rules), career, defaults, agencies)


def _registry(directory: Path, out: _Collector) -> Registry | None:
    """The regulation registry, or None (with one problem) when it does not load; its own
    problems are the knowledge check's to list."""
    try:
        return load_registry(directory)
    except ContentError as exc:
        out.add(directory, 0, f"the regulation registry has {len(exc.problems)} problem(s); "
                "rule basis not checked (run karierbot check)", field_name="basis")
        return None


def _basis(path: Path, line: int, item_id: str, raw: Any, registry: Registry | None,
           out: _Collector, *, required: bool = True, field_name: str = "basis",
           history: bool = False) -> list[str]:
    """A ``basis`` list checked against the registry: known ids, none revoked (``history``:
    a past regime, which rests on a revoked regulation by nature)."""
    if raw is None or raw == []:
        if required:
            out.add(path, line, "missing: list the regulation ids (knowledge/regulations/) "
                    "this rests on", item_id, field_name)
        return []
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        out.add(path, line, "must be a list of regulation ids", item_id, field_name)
        return []
    if registry is not None:
        checked = [i for i in raw if not (history and i in registry
                                          and registry[i].status == "dicabut")]
        if checked or not history:
            out.problems.extend(basis_problems(checked, registry, path=path, line=line,
                                               item_id=item_id, field=field_name))
    return list(raw)


def _career_basis(path: Path, career: CareerMap, registry: Registry, out: _Collector) -> None:
    data, _ = out.yaml(path)
    if not isinstance(data, LineDict):
        return

    def line_of(section: str, key: Any) -> int:
        block = data.get(section)
        if isinstance(block, LineDict):
            return block.key_lines.get(key, block.line)
        if isinstance(block, list) and isinstance(key, int):
            return int(getattr(block, "item_lines", [data.line] * (key + 1))[key])
        return data.key_lines.get(section, 1)

    for name, level in career.levels.items():
        line = line_of("levels", name)
        _basis(path, line, name, level.basis, registry, out)
        if level.entry is not None:
            _basis(path, line, name, level.entry.basis, registry, out, field_name="entry.basis")
    for index, exam in enumerate(career.dinas_exams):
        _basis(path, line_of("dinas_exams", index), exam.into, exam.basis, registry, out)
    last = len(career.kp_periods) - 1
    for index, periods in enumerate(career.kp_periods):
        _basis(path, line_of("kp_periods", index), f"kp_periods[{index}]", periods.basis,
               registry, out, history=index < last)
    for kelompok, exception in career.bup_exceptions.items():
        _basis(path, line_of("bup_exceptions", kelompok), kelompok, exception.basis, registry,
               out)


def _load_model(path: Path, model: type[M], out: _Collector) -> M | None:
    data, problems = out.yaml(path)
    out.problems.extend(problems)
    if problems:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        out.problems.extend(problems_from_validation(path, data, exc))
        return None


# ---- facts -----------------------------------------------------------------------------------

def _load_facts(path: Path, out: _Collector) -> dict[str, FactDecl]:
    data, problems = out.yaml(path)
    out.problems.extend(problems)
    facts: dict[str, FactDecl] = {}
    if problems:
        return facts
    entries = data.get("facts") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        out.add(path, 1, "expected a mapping with a 'facts' list", field_name="facts")
        return facts
    for raw in entries:
        line = getattr(raw, "line", 1)
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            out.add(path, line, "a fact needs a name", field_name="name")
            continue
        name = raw["name"]
        for key in sorted(set(raw) - set(FACT_KEYS), key=str):
            out.add(path, line, "unknown key" + did_you_mean(str(key), FACT_KEYS), name,
                    str(key))
        decl = _fact_decl(path, line, name, raw, out)
        if decl is None:
            continue
        if name in facts:
            out.add(path, line, "declared twice", name, "name")
        facts[name] = decl
    for name in sorted(set(DERIVATIONS) - {n for n, f in facts.items() if f.origin == "derived"}):
        out.add(path, 1, f"derived fact '{name}' is computed but not declared", name, "name")
    return facts


def _fact_decl(path: Path, line: int, name: str, raw: dict[str, Any],
               out: _Collector) -> FactDecl | None:
    if raw.get("from") == "profile":
        spec = FIELDS.get(name)
        if spec is None or spec.fact_type is None:
            readable = [n for n, f in FIELDS.items() if f.fact_type is not None]
            out.add(path, line, "not a profile field rules can read" +
                    did_you_mean(name, readable), name, "name")
            return None
        return FactDecl(name, spec.fact_type, spec.label, "", spec.vocabulary, "profile")
    if raw.get("from", "derived") != "derived":
        out.add(path, line, "must be 'profile' or 'derived'", name, "from")
        return None
    if name not in DERIVATIONS:
        out.add(path, line, "no computation for this derived fact" +
                did_you_mean(name, DERIVATIONS), name, "name")
        return None
    kind, label = raw.get("type"), raw.get("label")
    if kind not in FACT_TYPES:
        out.add(path, line, f"must be one of {', '.join(FACT_TYPES)}", name, "type")
        return None
    if not isinstance(label, str) or not label.strip():
        out.add(path, line, "missing or empty", name, "label")
        return None
    vocabulary = None
    if kind in ("choice", "list"):
        choices = raw.get("choices")
        vocabulary = VOCABULARIES.get(str(choices))
        if vocabulary is None:
            out.add(path, line, f"unknown vocabulary '{choices}'" +
                    did_you_mean(str(choices), VOCABULARIES), name, "choices")
            return None
    unlimited = raw.get("null_is_unlimited", False)
    if not isinstance(unlimited, bool):
        out.add(path, line, "must be true or false", name, "null_is_unlimited")
        return None
    return FactDecl(name, kind, label.strip(), str(raw.get("unit") or ""), vocabulary, "derived",
                    unlimited)


# ---- thresholds ------------------------------------------------------------------------------

def _threshold_value_problem(threshold: Threshold, value: Any) -> str | None:
    if value is None:
        return None
    if threshold.type == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else "must be a number (or null for no limit)"
    vocabulary = VOCABULARIES.get(threshold.choices or "")
    if vocabulary is None:
        return f"unknown vocabulary '{threshold.choices}'"
    if value not in vocabulary.labels:
        return f"unknown {vocabulary.name} '{value}'" + did_you_mean(str(value),
                                                                     vocabulary.values)
    return None


def _add_thresholds(path: Path, defaults: DefaultThresholds, facts: dict[str, FactDecl],
                    registry: Registry | None, out: _Collector) -> None:
    data, _ = out.yaml(path)
    lines = data["thresholds"].key_lines if isinstance(data, LineDict) else {}
    for name, threshold in defaults.thresholds.items():
        line = lines.get(name, 1)
        _basis(path, line, name, threshold.basis, registry, out, required=not threshold.practice)
        problem = _threshold_value_problem(threshold, threshold.value)
        if problem:
            out.add(path, line, problem, name, "value")
            continue
        if name in facts:
            out.add(path, line, f"a fact named '{name}' is already declared in {FACTS_FILE}",
                    name, "name")
            continue
        vocabulary = VOCABULARIES.get(threshold.choices or "")
        facts[name] = FactDecl(name, threshold.type, threshold.label, threshold.unit,
                               vocabulary, "threshold", null_is_unlimited=True)


def _load_agencies(directory: Path, defaults: DefaultThresholds, registry: Registry | None,
                   out: _Collector) -> dict[str, AgencyOverrides]:
    agencies: dict[str, AgencyOverrides] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name == DEFAULT_FILE:
            continue
        overrides = _load_model(path, AgencyOverrides, out)
        if overrides is None:
            continue
        data, _ = out.yaml(path)
        lines = data["thresholds"].key_lines if isinstance(data, LineDict) else {}
        slug = agency_slug(overrides.agency)
        if slug != path.stem:
            out.add(path, 1, f"the file for '{overrides.agency}' must be named {slug}.yaml",
                    field_name="agency")
        for name, override in overrides.thresholds.items():
            line = lines.get(name, 1)
            threshold = defaults.thresholds.get(name)
            if threshold is None:
                out.add(path, line, "unknown threshold" +
                        did_you_mean(name, defaults.thresholds), name, "thresholds")
                continue
            problem = _threshold_value_problem(threshold, override.value)
            if problem:
                out.add(path, line, problem, name, "value")
            _basis(path, line, name, override.basis, registry, out, required=False)
        agencies[slug] = overrides
    return agencies


# ---- rules -----------------------------------------------------------------------------------

def _load_rule_file(path: Path, facts: dict[str, FactDecl], registry: Registry | None,
                    out: _Collector) -> list[Rule]:
    data, problems = out.yaml(path)
    out.problems.extend(problems)
    if problems:
        return []
    if not isinstance(data, LineDict) or not isinstance(data.get("rules"), list):
        out.add(path, 1, "expected a mapping with 'area' and a 'rules' list", field_name="rules")
        return []
    area = data.get("area")
    if not isinstance(area, str) or not area.strip():
        out.add(path, data.key_lines.get("area", 1), "missing or empty", field_name="area")
    for key in sorted(set(data) - {"area", "rules"}, key=str):
        out.add(path, data.key_lines[key], "unknown key", field_name=str(key))
    rules = []
    for index, raw in enumerate(data["rules"]):
        line = data["rules"].item_lines[index]
        if not isinstance(raw, LineDict):
            out.add(path, line, "a rule must be a mapping", field_name=f"rules[{index}]")
            continue
        rule = _RuleParser(path, raw, facts, registry, out).parse(str(area or path.stem))
        if rule is not None:
            rules.append(rule)
    return rules


class _RuleParser:
    """Checks one rule, adding a located problem for everything wrong in it."""

    def __init__(self, path: Path, raw: LineDict, facts: dict[str, FactDecl],
                 registry: Registry | None, out: _Collector) -> None:
        self.path, self.raw, self.facts, self.out = path, raw, facts, out
        self.registry = registry
        raw_id = raw.get("id")  # only text names a rule: str() of an alias could be huge
        self.id = raw_id if isinstance(raw_id, str) else "?"
        self.ok = True

    def problem(self, line: int, field_name: str, message: str) -> None:
        self.ok = False
        self.out.add(self.path, line, message, self.id, field_name)

    def line(self, key: str) -> int:
        return self.raw.key_lines.get(key, self.raw.line)

    def parse(self, area: str) -> Rule | None:
        raw = self.raw
        for key in sorted(set(raw) - set(RULE_KEYS), key=str):
            self.problem(self.line(key), str(key), "unknown key" + did_you_mean(str(key),
                                                                                  RULE_KEYS))
        rule_id = raw.get("id")
        if (not isinstance(rule_id, str) or not rule_id.replace("_", "").isalnum()
                or not rule_id[:1].isalpha() or rule_id != rule_id.lower()
                or len(rule_id) > MAX_ID):
            self.problem(self.line("id"), "id",
                         f"must be lower-case letters, digits and _ (at most {MAX_ID})")
        priority = raw.get("priority")
        if not isinstance(priority, int) or isinstance(priority, bool) or not (
                0 <= priority <= MAX_PRIORITY):
            self.problem(self.line("priority"), "priority",
                         f"must be a whole number 0-{MAX_PRIORITY}")
        when = self.node(raw.get("when"), "when", self.line("when"), required=True)
        eligible = self.node(raw.get("eligible"), "eligible", self.line("eligible"),
                             required=False)
        kind, title = self.recommend()
        because = self.text("because")
        source = self.text("source")
        before = len(self.out.problems)
        basis = _basis(self.path, self.line("basis"), self.id, raw.get("basis"),
                       self.registry, self.out)
        if len(self.out.problems) > before:
            self.ok = False
        confidence = raw.get("confidence")
        if confidence not in ("H", "M"):
            self.problem(self.line("confidence"), "confidence",
                         "must be H or M (L facts may not drive recommendations)")
        practice, refer = raw.get("practice", False), raw.get("refer_to_hr", False)
        for key, flag in (("practice", practice), ("refer_to_hr", refer)):
            if not isinstance(flag, bool):
                self.problem(self.line(key), key, "must be true or false")
        plan = self.plan()
        for key, template in (("recommend.title", title), ("because", because)):
            self.template(template, key)
        if not self.ok or when is None:
            return None
        cited = self.registry.cited(basis) if self.registry is not None else []
        return Rule(str(rule_id), area, int(str(priority)), when, eligible, kind, title,
                    because, source, cast(Confidence, confidence), practice, plan, refer,
                    str(self.path), raw.line, tuple(basis),
                    max((r.date for r in cited), default=None),
                    all(r.confirmed for r in cited))

    def text(self, key: str) -> str:
        value = self.raw.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(self.line(key), key, "missing or empty")
            return ""
        return " ".join(value.split())

    def recommend(self) -> tuple[str, str]:
        value = self.raw.get("recommend")
        line = self.line("recommend")
        if not isinstance(value, LineDict):
            self.problem(line, "recommend", "must be a mapping with kind and title")
            return "", ""
        for key in sorted(set(value) - {"kind", "title"}, key=str):
            self.problem(value.key_lines[key], f"recommend.{key}", "unknown key")
        kind = value.get("kind")
        if kind not in KINDS:
            self.problem(value.key_lines.get("kind", line), "recommend.kind",
                         f"unknown kind '{kind}'" + did_you_mean(str(kind), KINDS) +
                         f" (one of {', '.join(KINDS)})")
        title = value.get("title")
        if not isinstance(title, str) or not title.strip():
            self.problem(value.key_lines.get("title", line), "recommend.title",
                         "missing or empty")
            return str(kind), ""
        return str(kind), " ".join(title.split())

    def template(self, template: str, key: str, line: int | None = None) -> None:
        where = line if line is not None else self.line(key.split(".")[0])
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(template)
                     if name is not None]
        except ValueError as exc:
            self.problem(where, key, f"broken template: {exc}")
            return
        for name in names:
            if name not in self.facts:
                self.problem(where, key,
                             f"unknown fact '{{{name}}}'" + did_you_mean(name, self.facts))

    def plan(self) -> PlanSpec | None:
        value = self.raw.get("plan")
        if value is None:
            return None
        line = self.line("plan")
        if not isinstance(value, LineDict):
            self.problem(line, "plan", "must be a mapping")
            return None
        for key in sorted(set(value) - set(PLAN_KEYS), key=str):
            self.problem(value.key_lines[key], f"plan.{key}",
                         "unknown key" + did_you_mean(str(key), PLAN_KEYS))
        year = value.get("year")
        if year is not None and (not isinstance(year, int) or not 1 <= year <= PLAN_YEARS):
            self.problem(value.key_lines["year"], "plan.year", f"must be 1-{PLAN_YEARS}")
        for key, types in (("at", ("date", "number")), ("span", ("number",))):
            name = value.get(key)
            if name is None:
                continue
            fact = self.facts.get(str(name))
            if fact is None or fact.type not in types:
                self.problem(value.key_lines[key], f"plan.{key}",
                             f"needs a {' or '.join(types)} fact" +
                             did_you_mean(str(name), self.facts))
        if sum(value.get(k) is not None for k in ("year", "at")) + bool(
                value.get("every_year")) != 1:
            self.problem(line, "plan", "give exactly one of year, at or every_year")
        text = value.get("text")
        if text is not None:
            self.template(str(text), "plan")
        return PlanSpec(year=year, at=value.get("at"), span=value.get("span"),
                        every_year=bool(value.get("every_year")),
                        always=bool(value.get("always")),
                        text=None if text is None else " ".join(str(text).split()))

    # ---- conditions ----------------------------------------------------------------------

    def node(self, raw: Any, where: str, line: int, *, required: bool) -> Node | None:
        if raw is None:
            if required:
                self.problem(line, where, "missing")
            return None
        if not isinstance(raw, LineDict):
            self.problem(line, where, "must be a mapping: all, any, not or a condition")
            return None
        line = raw.line
        groups = [k for k in ("all", "any", "not") if k in raw]
        if groups:
            if len(raw) != 1:
                self.problem(line, where, "a group has exactly one key: all, any or not")
                return None
            key = groups[0]
            if key == "not":
                child = self.node(raw["not"], f"{where}.not", line, required=True)
                return None if child is None else NotOf(child)
            items = raw[key]
            if not isinstance(items, list) or not items:
                self.problem(line, f"{where}.{key}", "must be a non-empty list")
                return None
            children = [self.node(item, f"{where}.{key}[{i}]",
                                  getattr(item, "line", line), required=True)
                        for i, item in enumerate(items)]
            if any(child is None for child in children):
                return None
            built = tuple(c for c in children if c is not None)
            return AllOf(built) if key == "all" else AnyOf(built)
        return self.condition(raw, where)

    def condition(self, raw: LineDict, where: str) -> Condition | None:
        line = raw.line
        unknown = set(raw) - set(CONDITION_KEYS)
        if unknown:
            name = sorted(unknown, key=str)[0]
            self.problem(raw.key_lines[name], f"{where}.{name}", "unknown key" + did_you_mean(
                str(name), (*CONDITION_KEYS, "all", "any", "not")))
            return None
        hint, missing = raw.get("hint"), raw.get("missing")
        for key, template in (("hint", hint), ("missing", missing)):
            if template is not None:
                self.template(str(template), f"{where}.{key}", line)
        name, op = raw.get("fact"), raw.get("op")
        fact = self.facts.get(str(name))
        if fact is None:
            self.problem(line, f"{where}.fact", f"unknown fact '{name}'" +
                         did_you_mean(str(name), self.facts))
        if op not in OPERATORS:
            self.problem(line, f"{where}.op", f"unknown operator '{op}'" +
                         did_you_mean(str(op), OPERATORS))
        if "value" not in raw:
            self.problem(line, f"{where}.value", "missing")
            return None
        if fact is None or op not in OPERATORS:
            return None
        value = self.value(raw["value"], fact, str(op), line, f"{where}.value")
        if value is _INVALID:
            return None
        return Condition(fact.name, str(op), value,
                         None if hint is None else " ".join(str(hint).split()),
                         None if missing is None else " ".join(str(missing).split()))

    def value(self, raw: Any, fact: FactDecl, op: str, line: int, where: str) -> Any:
        mismatch = _operator_problem(fact, op)
        if mismatch:
            self.problem(line, where.rsplit(".", 1)[0] + ".op", mismatch)
            return _INVALID
        if isinstance(raw, dict):
            return self.reference(raw, fact, op, line, where)
        if op == "exists":
            if not isinstance(raw, bool):
                self.problem(line, where, "must be true or false for 'exists'")
                return _INVALID
            return raw
        if op in ("in", "not_in"):
            if not isinstance(raw, list) or not raw:
                self.problem(line, where, f"'{op}' needs a non-empty list")
                return _INVALID
            items = [self.scalar(item, fact, line, where) for item in raw]
            return _INVALID if _INVALID in items else tuple(items)
        return self.scalar(raw, fact, line, where)

    def reference(self, raw: dict[str, Any], fact: FactDecl, op: str, line: int,
                  where: str) -> Any:
        if set(raw) != {"fact"} or op in ("in", "not_in", "exists"):
            self.problem(line, where, "a reference is written {fact: name} and works with "
                         "eq, ne, lt, lte, gt, gte, contains and all_at_least")
            return _INVALID
        other = self.facts.get(str(raw["fact"]))
        if other is None:
            self.problem(line, where, f"unknown fact '{raw['fact']}'" +
                         did_you_mean(str(raw["fact"]), self.facts))
            return _INVALID
        element = "choice" if fact.type == "list" else fact.type
        same_vocabulary = (fact.vocabulary is None) == (other.vocabulary is None) and (
            fact.vocabulary is None or other.vocabulary is None
            or fact.vocabulary.name == other.vocabulary.name)
        if other.type != element or not same_vocabulary:
            self.problem(line, where, f"'{other.name}' ({other.type}) cannot be compared "
                         f"with '{fact.name}' ({fact.type})")
            return _INVALID
        return FactRef(other.name)

    def scalar(self, raw: Any, fact: FactDecl, line: int, where: str) -> Any:
        kind = fact.type
        if isinstance(raw, list | dict):  # unhashable: a list belongs to 'in' / 'not_in'
            self.problem(line, where, "must be a single value; for a list of values use "
                         "op: in (or not_in)")
            return _INVALID
        if fact.vocabulary is not None:
            if raw not in fact.vocabulary.labels:
                self.problem(line, where, f"'{raw}' is not a {fact.vocabulary.name}" +
                             did_you_mean(str(raw), fact.vocabulary.values))
                return _INVALID
            return raw
        if kind == "number" and isinstance(raw, int | float) and not isinstance(raw, bool):
            return raw
        if kind == "bool" and isinstance(raw, bool):
            return raw
        if kind == "text" and isinstance(raw, str):
            return raw
        if kind == "date":
            try:
                return parse_date(raw)
            except InvalidValueError:
                pass
        self.problem(line, where, f"'{raw}' is not a {kind} value for '{fact.name}'")
        return _INVALID


_INVALID: Any = object()


def _operator_problem(fact: FactDecl, op: str) -> str | None:
    if op in ORDERED_OPS and (fact.type == "list" or not fact.ordered):
        return f"'{op}' needs an ordered fact; '{fact.name}' is {fact.type}"
    if op in ("contains", "not_contains", "all_at_least") and fact.type != "list":
        return f"'{op}' needs a list fact; '{fact.name}' is {fact.type}"
    if op == "all_at_least" and not fact.ordered:
        return f"'all_at_least' needs an ordered list; '{fact.name}' is not ordered"
    if op in ("eq", "ne", "in", "not_in") and fact.type == "list":
        return f"'{op}' does not work on the list '{fact.name}'; use contains or not_contains"
    return None

