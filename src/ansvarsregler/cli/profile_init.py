"""``ansvar profile init``: answer the municipality's questions once, get a profile.

The budget level is a property of the municipality, not of one goal, so a
planner answers it once per service area here instead of goal by goal in a
spreadsheet. The service areas come from the planner's goal files (with how
many goals each has), or are typed in. The answers become a profile that
validates (:mod:`ansvarsregler.municipality.new_profile`), written all or
nothing; with ``--profile`` the next run takes the budget level from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import click
from pydantic import ValidationError

from ansvarsregler.cli.draft import prompt_until
from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.files.models import load_model_file
from ansvarsregler.files.output import output_stream, refuse_overwriting_inputs
from ansvarsregler.folding import fold, plain_letters
from ansvarsregler.goals.column_words import VALUE_WORDS
from ansvarsregler.goals.files import GoalFiles
from ansvarsregler.i18n import message
from ansvarsregler.kostra import kostra_functions
from ansvarsregler.municipality.new_profile import (
    AreaLevel,
    Level,
    Title,
    default_source,
    new_profile,
    profile_yaml,
)
from ansvarsregler.municipality.profiles import ProfileError
from ansvarsregler.municipality.schema import DEFAULT, Profile, area_key
from ansvarsregler.validation import first_error
from ansvarsregler.vocabulary import Language

#: The words a planner may answer a budget level with: a profile's levels, and «vet ikke».
_LEVEL_WORDS: dict[Level, tuple[str, ...]] = {
    "unit": VALUE_WORDS["budget_frame"]["unit"],
    "sector": VALUE_WORDS["budget_frame"]["sector"],
    "unknown": ("vet ikke", "ukjent", "unknown", "don't know"),
}
_LEVEL_BY_WORD: dict[str, Level] = {
    fold(word): level for level, words in _LEVEL_WORDS.items() for word in (*words, level)
}
_NOT_PLAIN = re.compile(r"[^a-z0-9]+")
_TITLE_BY_WORD: dict[str, Title] = {
    fold("rådmann"): "rådmann",
    fold("kommunedirektør"): "kommunedirektør",
}


def run_profile_init(
    name: str, paths: Sequence[str], output: Path | None, force: bool, lang: Language
) -> Path:
    """Ask the questions, write the profile, and say how to use it; the file written.

    Everything that can be refused is refused before the first question: no answers are
    wasted on a name, a file or goals that will not do.
    """
    name = name.strip()
    if not name or any(unicodedata.category(char) == "Cc" for char in name):
        raise InvalidGoalError("new_profile.bad_name", Location(field="NAME"))
    if "-" in paths:  # the answers come on standard input: the goals cannot
        raise InvalidGoalError("new_profile.stdin_goals", Location(file="-"))
    output = output if output is not None else Path(f"{_file_stem(name)}.yaml")
    if str(output) == "-":
        raise InvalidGoalError("new_profile.stdout", Location(field="-o"))
    if output.exists() and not force:
        raise InvalidGoalError("new_profile.exists", Location(file=str(output)))
    if not output.absolute().parent.is_dir():
        raise InvalidGoalError("new_profile.no_folder", Location(file=str(output)))
    areas = _areas_of(paths, output)
    click.echo(message("new_profile.intro", lang, name=name, file=str(output)))
    title = prompt_until(
        message("new_profile.title", lang),
        lambda reply: _TITLE_BY_WORD.get(fold(reply)),
        message("new_profile.bad_title", lang),
        default="kommunedirektør",
    )
    source_by_default = default_source(date.today(), lang)
    source = click.prompt(message("new_profile.source_prompt", lang), default=source_by_default)
    source = source.strip() or source_by_default
    if not areas:
        click.echo(message("new_profile.no_areas" if paths else "new_profile.type_areas", lang))
        areas = _typed_areas(lang)
    levels = {
        area: _ask_level(_level_question(area, count, lang), lang) for area, count in areas.items()
    }
    default = _ask_level(message("new_profile.level_default", lang), lang, default="vet ikke")
    try:
        profile = new_profile(name, title, source, levels, default)
    except ValidationError as error:  # the areas were checked as they came: not expected
        raise first_error(error, ProfileError, Location(file=str(output)), model=Profile) from None
    text = profile_yaml(profile, lang)
    # What is written must read back as the same profile, as --profile will read it.
    load_model_file(output, Profile, ProfileError, text=text, text_scalars=True)
    with output_stream(output) as out:
        out.write(text)
    click.echo(message("new_profile.written", lang, file=str(output)))
    return output


def _file_stem(name: str) -> str:
    """A file name for a profile named ``name``: ``Bø i Vesterålen`` → ``bo-i-vesteralen``
    (the name never makes a path: slashes and dots become hyphens)."""
    return _NOT_PLAIN.sub("-", plain_letters(name)).strip("-") or "profil"


def _areas_of(paths: Sequence[str], output: Path) -> dict[str, int]:
    """The service areas of the goals in ``paths``, each with its number of goals, in the
    spelling first seen (case and spacing do not make another area)."""
    if not paths:
        return {}
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    with GoalFiles(list(paths)) as goal_files:
        refuse_overwriting_inputs(output, goal_files.files)
        for read in goal_files.check():
            area = read.goal.service_area
            if area and _allocation_key(area) is None:
                shown = spelling.setdefault(area_key(area), area)
                counts[shown] = counts.get(shown, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: item[0].lower()))


def _allocation_key(area: str) -> str | None:
    """Why ``area`` cannot have a line of its own in a profile's budget allocation, as a
    message key: ``default`` names every other area (asked last), and a number is a KOSTRA
    function, which must exist. ``None`` if it can. A goal's area that cannot is answered by
    the answer for every other area."""
    key = area_key(area)
    if key == DEFAULT:
        return "new_profile.area_default"
    if key.isdigit() and key not in kostra_functions():
        return "new_profile.area_kostra"
    return None


def _typed_areas(lang: Language) -> dict[str, int]:
    """Service areas the planner types, one a line, until an empty line."""
    typed: dict[str, str] = {}
    while True:
        area = click.prompt(
            message("new_profile.area", lang), default="", show_default=False
        ).strip()
        if not area:
            return {shown: 0 for shown in typed.values()}
        refused = _allocation_key(area)
        if refused is not None:
            click.echo(message(refused, lang, area=area), err=True)
            continue
        typed.setdefault(area_key(area), area)


def _level_question(area: str, count: int, lang: Language) -> str:
    if not count:  # typed in, not read from goals
        return message("new_profile.level", lang, area=area)
    return message("new_profile.level_goals", lang, area=area, count=count)


def _ask_level(text: str, lang: Language, default: str | None = None) -> AreaLevel:
    level: Level = prompt_until(
        text,
        lambda reply: _LEVEL_BY_WORD.get(fold(reply)),
        message("new_profile.bad_level", lang),
        default=default,
    )
    if level == "unknown":
        return AreaLevel(level)
    prompt = message(f"new_profile.leader_{level}", lang)
    leader = click.prompt(prompt, default="", show_default=False).strip()
    if _LEVEL_BY_WORD.get(fold(leader)) == "unknown":  # «vet ikke» is no one's title
        leader = ""
    return AreaLevel(level, leader or None)
