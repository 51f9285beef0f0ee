"""``ansvar draft``: classify a draft goal by talking it through on the terminal.

The planner types a title (and, if they like, a description); the words
suggest what they can, and every question the rules still ask is put one
at a time as numbered choices in the planner's language. The answers
become the goal's stated facts, so the dialogue ends with an owner and a
justification, and the goal can be kept in a catalog file with its facts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ansvarsregler.classifier import Classifier
from ansvarsregler.files.output import refuse_overwriting_inputs
from ansvarsregler.folding import plain_letters
from ansvarsregler.goals.catalog import append_goal, check_catalog
from ansvarsregler.i18n import message
from ansvarsregler.result import Classification, Question
from ansvarsregler.vocabulary import FACT_NAMES, Language

#: Answers to a yes/no question, in both languages.
_YES_NO = {"j": True, "ja": True, "y": True, "yes": True, "n": False, "nei": False, "no": False}
#: Fields of the goal that are not facts, in the order a catalog file has them.
_TEXT_FIELDS = ("id", "title", "description")
#: A choice typed as its number: ASCII digits, few enough for ``int`` (``str.isdigit`` also
#: takes ``²``, which ``int`` refuses, and ``int`` refuses more than 4300 digits).
_CHOICE_NUMBER = re.compile(r"[0-9]{1,6}")


def prompt_until(text: str, answer_of: Any, problem: str, default: str | None = None) -> Any:
    """Prompt until ``answer_of`` accepts the reply (it returns None for a bad one).

    The complaint is our own, in the planner's language: click's would say
    "Error:" in English.
    """
    while True:
        reply = click.prompt(text, default=default, show_default=default is not None)
        answer = answer_of(str(reply).strip())
        if answer is not None:
            return answer
        click.echo(problem, err=True)


def run_draft(
    classifier: Classifier, lang: Language, catalog: Path | None, read: Sequence[Path] = ()
) -> Classification:
    """Ask for a draft goal, ask the rules' questions until it has an owner, offer to keep it.

    ``read``: the files the run reads (the profile, the rule set's folder): the catalog may
    be none of them, whether given as ``--catalog`` or typed at the prompt.
    """
    if catalog is not None:
        check_catalog(catalog)  # before the questions: a broken catalog wastes no answers
    title = click.prompt(message("draft.title", lang)).strip()
    while not title:
        title = click.prompt(message("draft.title", lang)).strip()
    description = click.prompt(
        message("draft.description", lang), default="", show_default=False
    ).strip()
    goal: dict[str, Any] = {"id": goal_id_from(title), "title": title}
    if description:
        goal["description"] = description
    result = classifier.classify(goal, lang=lang)
    while result.questions:
        question = result.questions[0]
        goal[question.fact] = _ask(classifier, question, lang)
        result = classifier.classify(goal, lang=lang)
    _show(result, lang)
    _offer_to_keep(classifier, goal, result, catalog, lang, read)
    return result


def goal_id_from(title: str) -> str:
    """A readable id from the title: ``Øke barnehagedekningen`` -> ``oke-barnehagedekningen``."""
    slug = re.sub(r"[^a-z0-9]+", "-", plain_letters(title)).strip("-")
    return slug[:60].rstrip("-") or "mal"


def _ask(classifier: Classifier, question: Question, lang: Language) -> str:
    """The answer to ``question``: one of its choices, asked by number or label."""
    fact, choices = question.fact, question.choices
    manifest = classifier.ruleset.manifest
    labels = [manifest.value_label(fact, value, lang) for value in choices]
    click.echo("")
    click.echo(question.text)
    for number, label in enumerate(labels, start=1):
        click.echo(f"  {number}) {label}")
    folded = [label.casefold() for label in labels]

    def choice_of(reply: str) -> int | None:
        if _CHOICE_NUMBER.fullmatch(reply) and 1 <= int(reply) <= len(labels):
            return int(reply) - 1
        return folded.index(reply.casefold()) if reply.casefold() in folded else None

    index = prompt_until(
        message("draft.choose", lang, last=len(labels)),
        choice_of,
        message("draft.bad_choice", lang, last=len(labels)),
    )
    return choices[index]


def _show(result: Classification, lang: Language) -> None:
    click.echo("")
    owner = result.owner_label or message("unresolved", lang)
    if result.owner_role and result.owner_role != owner:
        owner = f"{owner} ({result.owner_role})"
    click.echo(f"{message('col.owner', lang)}: {owner}")
    if result.adopted_by_label:
        click.echo(f"{message('col.adopted_by', lang)}: {result.adopted_by_label}")
    click.echo(f"{message('col.justification', lang)}: {result.justification}")
    for warning in result.warnings:
        click.echo(f"{message('warning.prefix', lang)}: {warning}")


def _offer_to_keep(
    classifier: Classifier,
    goal: dict[str, Any],
    result: Classification,
    catalog: Path | None,
    lang: Language,
    read: Sequence[Path],
) -> None:
    """Append the goal with the facts it was classified on to a catalog file, if wanted."""
    click.echo("")
    try:
        if catalog is None:
            answer = click.prompt(message("draft.keep_where", lang), default="", show_default=False)
            if not answer.strip():
                return
            catalog = Path(answer.strip())
        elif not prompt_until(
            message("draft.keep_confirm", lang, path=catalog),
            lambda reply: _YES_NO.get(reply.casefold()),
            message("draft.bad_yes_no", lang),
            default=message("draft.yes", lang),
        ):
            return
    except click.Abort:  # input ended here: the goal is shown, and not kept
        click.echo("")
        return
    refuse_overwriting_inputs(catalog, read)
    kept = _with_facts(classifier, goal, result)
    goal_id = append_goal(catalog, kept)
    click.echo(message("draft.kept", lang, goal_id=goal_id, path=catalog))


def _with_facts(classifier: Classifier, goal: dict[str, Any], result: Classification) -> dict:
    """The goal as answered, with the facts its words suggested written out, and its owner.

    Facts a rule assumed are left out: they follow from the principles and
    should follow a change of the rules too.
    """
    suggested = {item.fact: item.value for item in classifier.reading(goal).suggested}
    kept = {field: goal[field] for field in _TEXT_FIELDS if field in goal}
    for fact in FACT_NAMES:
        value = goal.get(fact, suggested.get(fact))
        if value is not None:
            kept[fact] = value
    if result.owner is not None:
        kept["expected_owner"] = result.owner
    return kept
