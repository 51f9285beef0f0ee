"""Fact patterns and fact values in words, shared by every readable report."""

from __future__ import annotations

from ansvarsregler.analysis.check import FactPattern
from ansvarsregler.i18n import message
from ansvarsregler.rules.loader import Ruleset
from ansvarsregler.vocabulary import Language


def describe_pattern(ruleset: Ruleset, pattern: FactPattern, lang: Language) -> str:
    """``måltype: kapasitetsmål / tjenestekvalitet; budsjettnivå: per enhet``."""
    manifest = ruleset.manifest
    if not pattern.facts:
        return message("any_goal_facts", lang)
    return "; ".join(
        f"{manifest.facts[fact].label.get(lang)}: "
        + " / ".join(manifest.value_label(fact, value, lang) for value in values)
        for fact, values in pattern.facts.items()
    )


def describe_facts(facts: dict[str, str]) -> str:
    """A witness as YAML flow mapping, ready to paste: ``{goal_type: capacity}``."""
    return "{" + ", ".join(f"{fact}: {value}" for fact, value in facts.items()) + "}"
