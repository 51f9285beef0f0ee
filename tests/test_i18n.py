"""Both languages, side by side: no message missing in one, no key family incomplete,
and counts written with real singular and plural forms."""

from __future__ import annotations

import dataclasses
import string
import typing
from pathlib import Path

import pytest
from click.testing import CliRunner

from ansvarsregler import default_ruleset
from ansvarsregler.analysis.check import DeadRule
from ansvarsregler.cli import main
from ansvarsregler.errors import Location
from ansvarsregler.explanation import FiredRule
from ansvarsregler.goals.column_words import FIELD_WORDS, VALUE_WORDS
from ansvarsregler.goals.result_columns import FLAT_KEYS
from ansvarsregler.i18n import MESSAGES, Plural, message
from ansvarsregler.municipality.schema import AUTHORITIES, Grant, Profile
from ansvarsregler.rules.schema import LeadershipRule
from ansvarsregler.vocabulary import (
    FACT_NAMES,
    FACT_VALUES,
    LANGUAGES,
    OWNER_IDS,
    condition_values,
)


def _literal(model: type, field: str) -> tuple[str, ...]:
    """The values a pydantic model's Literal field takes."""
    return typing.get_args(model.model_fields[field].annotation)


#: Families of keys built as ``f"{prefix}{value}"``, with every value they are built from.
FAMILIES: dict[str, tuple[str, ...]] = {
    "loc.": tuple(field.name for field in dataclasses.fields(Location)),
    "title.": _literal(Profile, "chief_executive_title"),
    "severity.": _literal(LeadershipRule, "severity"),
    "authority.": AUTHORITIES,
    "level.": _literal(Grant, "level"),
    "agreements.": _literal(Profile, "leader_agreements"),
    "explain.role.": _literal(FiredRule, "role"),
    "check.": _literal(DeadRule, "reason"),
    "owner.": ("unresolved", "gap"),
    "col.": FLAT_KEYS,
}


def _texts(key: str) -> list[tuple[str, str]]:
    """(language, text) for every text of ``key``: both forms of a plural."""
    found = []
    for lang, text in MESSAGES[key].items():
        found += [(lang, form) for form in (text[:2] if isinstance(text, Plural) else (text,))]
    return found


def _placeholders(text: str) -> set[str]:
    """The names a text fills in; ``field_nb`` and ``field_en`` (one value given in each
    language, for a message shown in either) count as one."""
    return {
        name.removesuffix("_nb").removesuffix("_en")
        for _, name, _, _ in string.Formatter().parse(text)
        if name
    }


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_exists_in_both_languages_with_the_same_placeholders(key: str) -> None:
    assert set(MESSAGES[key]) == set(LANGUAGES)
    texts = _texts(key)
    assert all(text.strip() for _, text in texts)
    assert len({frozenset(_placeholders(text)) for _, text in texts}) == 1, texts


PLURALS = sorted(
    (key, lang)
    for key, texts in MESSAGES.items()
    for lang, text in texts.items()
    if isinstance(text, Plural)
)


@pytest.mark.parametrize(("key", "lang"), PLURALS)
def test_a_plural_counts_by_a_placeholder_it_has(key: str, lang: str) -> None:
    plural = MESSAGES[key][lang]
    assert isinstance(plural, Plural)
    assert plural.by in _placeholders(plural.one) & _placeholders(plural.other)
    assert plural.one != plural.other


def test_messages_that_count_have_plurals() -> None:
    assert {key for key, _ in PLURALS} >= {
        "check.result_problems",
        "cli.more_warnings",
        "diff.region",
        "rules.heading",
        "summary",
    }


@pytest.mark.parametrize(("prefix", "values"), sorted(FAMILIES.items()))
def test_every_key_family_is_complete(prefix: str, values: tuple[str, ...]) -> None:
    assert values
    missing = [prefix + value for value in values if prefix + value not in MESSAGES]
    assert not missing


def test_every_chief_executive_title_has_an_object_form() -> None:
    for title in FAMILIES["title."]:
        assert f"title.{title}.object" in MESSAGES


def test_every_fact_value_and_owner_of_the_vocabulary_is_described_in_both_languages() -> None:
    manifest = default_ruleset().manifest
    assert set(manifest.facts) == set(FACT_NAMES)
    assert set(manifest.owners) == set(OWNER_IDS)
    for fact in FACT_NAMES:
        assert set(manifest.facts[fact].values) == set(condition_values(fact))
        for lang in LANGUAGES:
            assert manifest.facts[fact].label.get(lang)  # type: ignore[arg-type]
            assert manifest.facts[fact].question.get(lang)  # type: ignore[arg-type]
            for value in FACT_VALUES[fact]:
                assert manifest.value_label(fact, value, lang)  # type: ignore[arg-type]
    assert set(VALUE_WORDS) == set(FACT_NAMES)
    for fact in FACT_NAMES:
        assert set(VALUE_WORDS[fact]) == set(FACT_VALUES[fact]), fact
        assert fact in FIELD_WORDS


@pytest.mark.parametrize(
    ("key", "lang", "count", "expected"),
    [
        ("check.result_problems", "nb", 1, "Regelsettet har 1 problem."),
        ("check.result_problems", "nb", 2, "Regelsettet har 2 problemer."),
        ("check.result_problems", "en", 1, "The rule set has 1 problem."),
        ("check.result_problems", "en", 2, "The rule set has 2 problems."),
        ("check.result_problems", "en", 0, "The rule set has 0 problems."),
        ("cli.more_warnings", "nb", 1, "... og 1 advarsel til"),
        ("cli.more_warnings", "nb", 3, "... og 3 advarsler til"),
        ("cli.more_warnings", "en", 1, "... and 1 more warning"),
        ("cli.more_warnings", "en", 3, "... and 3 more warnings"),
    ],
)
def test_counts_take_singular_or_plural(key: str, lang: str, count: int, expected: str) -> None:
    assert message(key, lang, count=count) == expected  # type: ignore[arg-type]


def test_the_summary_counts_goals_by_their_total() -> None:
    one = message("summary", "en", total=1, resolved=1, unresolved=0)
    assert one == "1 goal: 1 with an owner, 0 unresolved"
    assert message("summary", "en", total=2, resolved=1, unresolved=1).startswith("2 goals:")
    assert message("summary", "nb", total=1, resolved=1, unresolved=0).startswith("1 mål:")


def _break_tests(folder: Path, count: int) -> None:
    """Make ``count`` rule tests expect the wrong owner: ``count`` problems."""
    tests = folder / "tests" / "prinsipper.yaml"
    text = tests.read_text(encoding="utf-8")
    for old, new in [
        ("expect: {owner: kommunestyret, adopted_by: kommunestyret, rule: ikke-pavirkbart",
         "expect: {owner: radmann, adopted_by: kommunestyret, rule: ikke-pavirkbart"),
        ("expect: {owner: kommunestyret, rule: krever-mer-penger, assumptions: {}}",
         "expect: {owner: radmann, rule: krever-mer-penger, assumptions: {}}"),
    ][:count]:  # fmt: skip
        assert old in text
        text = text.replace(old, new, 1)
    tests.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("count", "lang", "expected"),
    [
        (1, "nb", "Regelsettet har 1 problem."),
        (2, "nb", "Regelsettet har 2 problemer."),
        (1, "en", "The rule set has 1 problem."),
        (2, "en", "The rule set has 2 problems."),
    ],
)
def test_ansvar_check_counts_its_problems_in_words(
    rules_copy, count: int, lang: str, expected: str
) -> None:
    folder = rules_copy()
    _break_tests(folder, count)
    result = CliRunner().invoke(main, ["check", "--rules", str(folder), "--lang", lang])
    assert result.exit_code == 1, result.output
    assert result.output.rstrip().splitlines()[-1] == expected
