"""Load and validate a rule set folder into a :class:`Ruleset`.

Reading is strict: safe YAML, duplicate keys refused, every model closed to
unknown keys, rule ids unique across files. The rule set's identity is a
content hash of the validated rules, independent of file names and order,
so a council paper can cite exactly which rules decided.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from ansvarsregler import limits
from ansvarsregler.errors import Location, RulesetError
from ansvarsregler.files.models import ModelT, load_model_file, read_text
from ansvarsregler.files.safe_yaml import line_of
from ansvarsregler.reading.indicators import Indicators
from ansvarsregler.reading.schema import (
    ContestedRule,
    Indicator,
    IndicatorFile,
    IndicatorTest,
    IndicatorTestFile,
    ReadingSettings,
)
from ansvarsregler.rules.cache import load_kept
from ansvarsregler.rules.schema import (
    Invariant,
    LeadershipRule,
    LeadershipRuleFile,
    LeadershipTest,
    LeadershipTestFile,
    Rule,
    RuleFile,
    RulesetManifest,
    RuleTest,
    RuleTestFile,
)

MANIFEST_FILE = "ruleset.yaml"
TESTS_DIR = "tests"
LEADERSHIP_DIR = "resultatansvar"
INDICATOR_DIR = "indikatorer"
TestFileT = TypeVar("TestFileT", RuleTestFile, LeadershipTestFile, IndicatorTestFile)


@dataclass(frozen=True)
class RuleSource:
    """Where a rule is written."""

    file: str
    line: int | None


@dataclass(frozen=True)
class Ruleset:
    """A validated rule set, its rules ordered as the engine considers them."""

    manifest: RulesetManifest
    rules: tuple[Rule, ...]
    sources: dict[str, RuleSource] = field(compare=False)
    """Where each rule and invariant is written, by id."""
    directory: str = field(compare=False)
    hash: str = ""
    invariants: tuple[Invariant, ...] = ()
    tests: tuple[tuple[RuleTest, RuleSource], ...] = field(default=(), compare=False)
    """Rule tests from ``tests/`` beside the rules, with where each is written."""
    leadership_rules: tuple[LeadershipRule, ...] = ()
    """Rules about what unit leaders lack, from ``resultatansvar/`` (used with a profile)."""
    leadership_tests: tuple[tuple[LeadershipTest, RuleSource], ...] = field(
        default=(), compare=False
    )
    indicator_rules: tuple[Indicator, ...] = ()
    """Words that suggest missing facts, from ``indikatorer/`` (used for draft goals)."""
    contested_rule: ContestedRule | None = None
    """What to say when the words point two ways for one fact."""
    reading_settings: ReadingSettings | None = None
    """How words are compared (endings, number words) and weighed, from ``indikatorer/``."""
    indicator_tests: tuple[tuple[IndicatorTest, RuleSource], ...] = field(default=(), compare=False)

    @property
    def name(self) -> str:
        return self.manifest.name

    @property
    def version(self) -> str:
        return self.manifest.version

    def rule(self, rule_id: str) -> Rule:
        return self._by_id[rule_id]

    def leadership_rule(self, rule_id: str) -> LeadershipRule:
        return self._leadership_by_id[rule_id]

    @cached_property
    def indicators(self) -> Indicators:
        """The indicator rules compiled for matching (once per rule set)."""
        return Indicators(self.indicator_rules, self.contested_rule, self.reading_settings)

    @cached_property
    def _leadership_by_id(self) -> dict[str, LeadershipRule]:
        return {rule.id: rule for rule in self.leadership_rules}

    @cached_property
    def _by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}


def default_rules_dir() -> Path:
    """The shipped rules: ``rules/`` when running from a checkout, else the packaged copy."""
    return shipped_data_dir("rules")


def shipped_data_dir(name: str) -> Path:
    """A data folder shipped with the package (``rules``, ``goal_catalog``).

    A checkout (``src/`` layout, editable install) uses the folder at the
    repository root, so edits take effect at once; an installed wheel carries
    a copy under ``ansvarsregler/data/``.
    """
    package = Path(__file__).resolve().parents[1]
    checkout = package.parents[1] / name
    if package.parent.name == "src" and checkout.is_dir():
        return checkout
    return Path(str(files("ansvarsregler") / "data" / name))


@cache
def default_ruleset() -> Ruleset:
    """The shipped rule set, loaded once per process."""
    return load_ruleset(default_rules_dir())


def load_ruleset(directory: str | Path) -> Ruleset:
    """Read and validate the rule set in ``directory``; raises :class:`RulesetError`.

    A rule set loaded before from exactly the same files comes from the user's cache
    folder instead (see :mod:`ansvarsregler.rules.cache`).
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise RulesetError("input.not_found", Location(file=str(folder)))
    return load_kept(folder, _read_ruleset, source_files(folder))


def source_files(folder: Path) -> list[Path]:
    """Every file loading ``folder`` reads: what the rule set is made of."""
    subfolders = (
        folder,
        folder / LEADERSHIP_DIR,
        folder / LEADERSHIP_DIR / TESTS_DIR,
        folder / TESTS_DIR,
        folder / INDICATOR_DIR,
        folder / INDICATOR_DIR / TESTS_DIR,
    )
    return [path for subfolder in subfolders for path in _yaml_in(subfolder)]


def _read_ruleset(folder: Path) -> Ruleset:
    """The rule set in ``folder``, read and validated from its files."""
    manifest_path = folder / MANIFEST_FILE
    if not manifest_path.is_file():
        raise RulesetError("rules.missing_file", Location(file=str(folder)), name=MANIFEST_FILE)
    manifest = _validate_file(manifest_path, RulesetManifest)

    rules: list[Rule] = []
    invariants: list[Invariant] = []
    sources: dict[str, RuleSource] = {}
    rule_files = [path for path in _yaml_in(folder) if path.name != MANIFEST_FILE]
    for path in rule_files:
        text = _read(path)
        rule_file = _validate_file(path, RuleFile, text)
        for index, rule in enumerate(rule_file.rules):
            _add_source(rule.id, RuleSource(str(path), line_of(text, ("rules", index))), sources)
            rules.append(rule)
        for index, invariant in enumerate(rule_file.invariants):
            source = RuleSource(str(path), line_of(text, ("invariants", index)))
            _add_source(invariant.id, source, sources)
            invariants.append(invariant)
    if not rules:
        raise RulesetError("rules.no_rules", Location(file=str(folder)))

    ordered = tuple(sorted(rules, key=lambda rule: (-rule.priority, rule.id)))
    _check_size(ordered, Location(file=str(folder)))
    leadership = _load_leadership_rules(folder / LEADERSHIP_DIR, sources)
    _check_size(leadership, Location(file=str(folder / LEADERSHIP_DIR)))
    indicators, contested, settings = _load_indicator_rules(folder / INDICATOR_DIR, sources)
    return Ruleset(
        manifest=manifest,
        rules=ordered,
        sources=sources,
        directory=str(folder),
        hash=_content_hash(
            manifest,
            (*ordered, *leadership, *indicators, *filter(None, [contested])),
            settings,
        ),
        leadership_rules=leadership,
        leadership_tests=_load_tests(folder / LEADERSHIP_DIR / TESTS_DIR, LeadershipTestFile),
        invariants=tuple(sorted(invariants, key=lambda invariant: invariant.id)),
        tests=_load_tests(folder / TESTS_DIR, RuleTestFile),
        indicator_rules=indicators,
        contested_rule=contested,
        reading_settings=settings,
        indicator_tests=_load_tests(folder / INDICATOR_DIR / TESTS_DIR, IndicatorTestFile),
    )


def _check_size(rules: Sequence[Rule | LeadershipRule], where: Location) -> None:
    """Refuse rules beyond what every evaluator can run (durable-rules' fixed tables)."""
    limits.RULES.check(len(rules), where)
    limits.RULE_COMBINATIONS.check(sum(rule.combinations for rule in rules), where)


def _add_source(item_id: str, source: RuleSource, sources: dict[str, RuleSource]) -> None:
    """Remember where ``item_id`` is written; a rule or invariant id may be used once."""
    if item_id in sources:
        first = sources[item_id]
        raise RulesetError(
            "rules.duplicate_id",
            Location(file=source.file, line=source.line, rule=item_id),
            rule_id=item_id,
            first=f"{first.file}:{first.line}",
        )
    sources[item_id] = source


def _load_leadership_rules(
    folder: Path, sources: dict[str, RuleSource]
) -> tuple[LeadershipRule, ...]:
    """The leadership rules in ``folder`` (which may be absent), by priority."""
    rules: list[LeadershipRule] = []
    for path, text in _files_in(folder):
        for index, rule in enumerate(_validate_file(path, LeadershipRuleFile, text).rules):
            _add_source(rule.id, RuleSource(str(path), line_of(text, ("rules", index))), sources)
            rules.append(rule)
    return tuple(sorted(rules, key=lambda rule: (-rule.priority, rule.id)))


def _load_indicator_rules(
    folder: Path, sources: dict[str, RuleSource]
) -> tuple[tuple[Indicator, ...], ContestedRule | None, ReadingSettings | None]:
    """The indicator rules in ``folder`` (which may be absent), the one contested rule and the
    one set of reading settings.

    A word may suggest one value per fact (in each place it is looked for): two
    would be a conflict written into the data, found here rather than as
    contested goals later. It may suggest different facts in different rules,
    each with its own weight.
    """
    indicators: list[Indicator] = []
    contested: ContestedRule | None = None
    settings: ReadingSettings | None = None
    owner_of_word: dict[tuple[str, str, str], str] = {}
    for path, text in _files_in(folder):
        indicator_file = _validate_file(path, IndicatorFile, text)
        if indicator_file.reading is not None:
            if settings is not None:
                line = line_of(text, ("reading",))
                raise RulesetError("indicators.two_settings", Location(file=str(path), line=line))
            settings = indicator_file.reading
        if indicator_file.contested is not None:
            where = RuleSource(str(path), line_of(text, ("contested",)))
            if contested is not None:
                raise RulesetError(
                    "indicators.two_contested",
                    Location(file=where.file, line=where.line, rule=indicator_file.contested.id),
                    first=contested.id,
                )
            _add_source(indicator_file.contested.id, where, sources)
            contested = indicator_file.contested
        for index, indicator in enumerate(indicator_file.indicators):
            where = RuleSource(str(path), line_of(text, ("indicators", index)))
            _add_source(indicator.id, where, sources)
            for word in indicator.words:
                for fact in indicator.suggest or ("",):
                    key = (indicator.where, word.rstrip("-"), fact)
                    if key in owner_of_word:
                        raise RulesetError(
                            "indicators.word_twice",
                            Location(file=where.file, line=where.line, rule=indicator.id),
                            word=word,
                            first=owner_of_word[key],
                        )
                    owner_of_word[key] = indicator.id
            indicators.append(indicator)
    if indicators and contested is None:
        raise RulesetError("indicators.no_contested", Location(file=str(folder)))
    return tuple(indicators), contested, settings


def _load_tests(folder: Path, model: type[TestFileT]) -> tuple[tuple[Any, RuleSource], ...]:
    """The tests in ``folder`` (which may be absent), each with where it is written."""
    tests: list[tuple[Any, RuleSource]] = []
    for path, text in _files_in(folder):
        for index, test in enumerate(_validate_file(path, model, text).tests):
            tests.append((test, RuleSource(str(path), line_of(text, ("tests", index)))))
    return tuple(tests)


def _files_in(folder: Path) -> Iterator[tuple[Path, str]]:
    """The YAML files in ``folder`` (which may be absent), in name order, with their text."""
    for path in _yaml_in(folder):
        yield path, _read(path)


def _yaml_in(folder: Path) -> list[Path]:
    """The YAML files in ``folder`` (which may be absent), in name order."""
    return sorted(folder.glob("*.y*ml")) if folder.is_dir() else []


def _read(path: Path) -> str:
    return read_text(path, RulesetError)


def _validate_file(path: Path, model: type[ModelT], text: str | None = None) -> ModelT:
    return load_model_file(path, model, RulesetError, text=text, locate_item=_locate_item)


def _locate_item(data: object, loc: tuple) -> tuple[Location, int]:
    """Name the rule or invariant an error is in, and leave ``rules.3`` out of the field."""
    item_id = _rule_id_at(data, loc)
    if item_id is None:
        return Location(), 0
    if loc[0] == "invariants":
        return Location(invariant=item_id), 2
    return Location(rule=item_id), 2


def _rule_id_at(data: object, loc: tuple) -> str | None:
    if len(loc) >= 2 and loc[0] in ("rules", "invariants", "indicators") and isinstance(data, dict):
        rules = data.get(loc[0])
        if isinstance(rules, list) and isinstance(loc[1], int) and loc[1] < len(rules):
            rule = rules[loc[1]]
            if isinstance(rule, dict) and isinstance(rule.get("id"), str):
                return rule["id"]
    return None


def _content_hash(
    manifest: RulesetManifest,
    rules: tuple[Rule | LeadershipRule | Indicator | ContestedRule, ...],
    reading: ReadingSettings | None = None,
) -> str:
    canonical = json.dumps(
        {
            "manifest": manifest.model_dump(mode="json", by_alias=True),
            "reading": reading.model_dump(mode="json") if reading is not None else None,
            "rules": sorted(
                (rule.model_dump(mode="json", by_alias=True) for rule in rules),
                key=lambda rule: rule["id"],
            ),
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
