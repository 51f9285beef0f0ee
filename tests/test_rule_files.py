"""Rule files are validated strictly, and errors name the file, line and rule."""

from __future__ import annotations

import pytest

from ansvarsregler import RulesetError, load_ruleset

RULE = """\
rules:
  - id: min-regel
    principle: 2
    priority: 95
    when:
      budget_impact: requires_increase
    decide: {owner: kommunestyret, adopted_by: kommunestyret}
    justification:
      nb: Koster penger.
      en: Costs money.
"""


def _error_for(rules_copy, text: str, name: str = "50-ny.yaml") -> RulesetError:
    folder = rules_copy()
    (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_ruleset(folder)
    return caught.value


def test_the_shipped_rules_load():
    from ansvarsregler import default_ruleset

    ruleset = default_ruleset()
    assert ruleset.name == "ansvarsregler-standard"
    assert {rule.principle for rule in ruleset.rules} >= {1, 2, 3, 4}


def test_a_valid_new_rule_loads_and_changes_the_hash(rules_copy):
    from ansvarsregler import default_ruleset

    folder = rules_copy()
    (folder / "50-ny.yaml").write_text(RULE, encoding="utf-8")
    assert load_ruleset(folder).hash != default_ruleset().hash


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (
            ("priority: 95", "priority: 95\n    color: red"),
            5,
            "field color: unknown field; allowed",
        ),
        (("budget_impact: requires_increase", "budget_imp: requires_increase"), 6, "budget_imp"),
        (("budget_impact: requires_increase", "budget_impact: more_money"), 6, "more_money"),
        (("      en: Costs money.\n", ""), 8, "field justification.en"),
        (("priority: 95", "priority: many"), 4, "'many'"),
        (("    principle: 2\n", ""), None, "must name the principle"),
        (("owner: kommunestyret,", "owner: ordforer,"), 7, "'ordforer'"),
    ],
)
def test_a_bad_rule_is_reported_with_file_line_and_rule(rules_copy, change, line, words):
    old, new = change
    error = _error_for(rules_copy, RULE.replace(old, new))
    text = error.message("en")
    assert "50-ny.yaml" in text
    assert "rule 'min-regel'" in text
    if line is not None:
        assert f"line {line}," in text
    assert words in text
    assert error.message("nb") != text


def test_duplicate_rule_ids_name_both_places(rules_copy):
    error = _error_for(rules_copy, RULE.replace("min-regel", "krever-mer-penger"))
    text = error.message("en")
    assert "50-ny.yaml, line 2" in text
    assert "20-kommunestyret.yaml" in text


def test_malformed_yaml_and_duplicate_keys_are_reported_with_a_line(rules_copy):
    assert "line 3" in _error_for(rules_copy, "rules:\n  - id: a\n  bad: [\n").message("en")
    duplicate = RULE.replace("priority: 95", "priority: 95\n    priority: 96")
    text = _error_for(rules_copy, duplicate).message("en")
    assert "line 5" in text and "'priority' appears twice" in text


def test_an_assumption_may_only_fill_in_an_unknown_fact(rules_copy):
    assume = RULE.replace(
        "decide: {owner: kommunestyret, adopted_by: kommunestyret}",
        "assume: {budget_impact: within_budget}",
    )
    text = _error_for(rules_copy, assume).message("en")
    assert "only fill in a fact that is missing or unknown" in text


def test_a_missing_text_in_the_manifest_is_named(rules_copy):
    folder = rules_copy()
    manifest = folder / "ruleset.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "      unknown: {nb: ukjent, en: unknown}\n", ""
        ),
        encoding="utf-8",
    )
    with pytest.raises(RulesetError) as caught:
        load_ruleset(folder)
    assert "facts.budget_impact.values.unknown" in caught.value.message("en")
