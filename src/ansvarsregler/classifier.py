"""Classify goals: facts in, an owner and the reasoning out.

A :class:`Classifier` validates each goal, reads the words of a draft goal
for the facts it leaves out (see :mod:`ansvarsregler.reading.indicators`), looks up
the engine's decision for its facts (see :mod:`ansvarsregler.engine.decisions`) and
renders it in the chosen language. It keeps no per-goal state, so one instance serves many
threads and the order of goals never matters.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ansvarsregler.bounded_cache import BoundedCache
from ansvarsregler.engine.decisions import Decision, DecisionCache
from ansvarsregler.errors import InvalidGoalError, Location
from ansvarsregler.goals.model import (
    Goal,
    GoalInput,
    fact_values_in,
    misspelt_facts,
    to_goal,
    trusted_goal,
)
from ansvarsregler.i18n import message
from ansvarsregler.kostra import kostra_functions
from ansvarsregler.limits import CELL_LENGTH
from ansvarsregler.model_base import trusted_instance
from ansvarsregler.municipality.answers import Answers, load_answers
from ansvarsregler.municipality.effects import Municipality
from ansvarsregler.municipality.profiles import load_profile
from ansvarsregler.municipality.schema import Profile
from ansvarsregler.reading.indicators import NOTHING, Reading, Shape, Suggestion
from ansvarsregler.result import (
    RESULT_FIELDS,
    AnsweredFact,
    Assumption,
    Classification,
    Question,
    RulesetIdentity,
)
from ansvarsregler.rules.loader import Ruleset, default_ruleset
from ansvarsregler.vocabulary import (
    DEFINITE_VALUES,
    FACT_NAMES,
    LANGUAGES,
    MISSING,
    Language,
)

Area = tuple[str | None, str | None] | None
#: What goals that share a rendering share: their facts, the language, the service area (with
#: a profile) and, where their words suggest something, the reading's shape.
RenderKey = (
    tuple[tuple[str | None, ...], Language, Area]
    | tuple[tuple[str | None, ...], Language, Area, Shape]
)


@dataclass(frozen=True)
class Rendered:
    """What every goal with the same facts, reading shape and language shares; the goal's own
    words (the suggestions' quotes) are filled in per goal, so varied titles share it too."""

    fields: dict[str, Any]
    """Every field of the result in the contract's order, the goal's own still empty: a
    goal's result starts as a copy of it."""
    assumptions: tuple[Assumption, ...]
    """The assumptions after the words' suggestions: the profile's and the rules'."""
    lead: str | None
    """Where the words point two ways: the justification's sentence before the words."""
    tail: str
    """The justification after the words' own part."""
    leader_warnings: tuple[str, ...]
    plain: dict[str, Any] = field(init=False, repr=False, compare=False)
    """:attr:`fields` as a goal has them whose words suggest nothing, with nothing answered
    and no warning of its own (most goals): only its id, title and the goal itself differ."""

    def __post_init__(self) -> None:
        plain = {
            **self.fields,
            "justification": self.tail,
            "assumptions": self.assumptions,
            "answered": (),
            "warnings": self.leader_warnings,
        }
        object.__setattr__(self, "plain", plain)


#: How many renderings a classifier keeps. Their keys carry what the planner
#: wrote (the service area with a profile), so they are bounded: 3-5 KB each.
#: Goals share far fewer (one per fact combination, language, the rules their
#: words matched and, with a profile, service area).
RENDERED_MAXSIZE = 16384
#: How many readings' own words (the assumptions quoting them) are kept; keyed by the
#: words, so bounded too.
OWN_WORDS_MAXSIZE = 32768

#: A reading's suggestions as assumptions, and the justification's words before its tail.
OwnWords = tuple[tuple[Assumption, ...], str]


class Classifier:
    """Classifies goals with one rule set (and optionally one municipality's profile).

    ``suggest``: let the words of a goal's title and description suggest the
    facts it leaves out (the rule set's indicator rules). ``answers``: an
    answers file (or its loaded :class:`Answers`) that states the budget level
    once for many goals. Safe to share between threads.
    """

    def __init__(
        self,
        ruleset: Ruleset | None = None,
        profile: Profile | str | Path | None = None,
        *,
        suggest: bool = True,
        answers: Answers | str | Path | None = None,
    ) -> None:
        self.ruleset = ruleset if ruleset is not None else default_ruleset()
        self.suggest = suggest
        self.decisions = DecisionCache(self.ruleset)
        self.identity = RulesetIdentity.of(self.ruleset, self.decisions.evaluator)
        if isinstance(profile, str | Path):  # a shipped profile's name, or a profile file
            profile = load_profile(profile)
        self.municipality = Municipality(profile, self.ruleset) if profile is not None else None
        self.answers = _answers_of(answers)
        self._rendered: BoundedCache[RenderKey, Rendered] = BoundedCache(RENDERED_MAXSIZE)
        self._own_words: BoundedCache[tuple[Reading, str | None, Language], OwnWords]
        self._own_words = BoundedCache(OWN_WORDS_MAXSIZE)

    def with_answers(self, answers: Answers | str | Path | None) -> Classifier:
        """This classifier with ``answers`` applied, sharing its rule set, profile and caches
        (what it keeps depends on the facts, not on where they came from)."""
        if answers is None:
            return self
        answered = copy.copy(self)
        answered.answers = _answers_of(answers)
        return answered

    def classify(self, goal: GoalInput, *, lang: Language = "nb") -> Classification:
        """Classify one goal (a :class:`Goal` or a mapping of its fields)."""
        return self._classify(to_goal(goal), check_language(lang))

    def classify_many(
        self, goals: Iterable[GoalInput], *, lang: Language = "nb"
    ) -> Iterator[Classification]:
        """Classify goals lazily, in order; ids must be unique within the call."""
        check_language(lang)
        if isinstance(goals, str | bytes | Mapping) or not isinstance(goals, Iterable):
            raise InvalidGoalError("library.not_goals", Location(), found=type(goals).__name__)
        seen: dict[str, int] = {}
        cell_length = CELL_LENGTH.value()
        classify, reading_of, rendered_for = self._classify, self._reading, self._rendered.get
        answers, suggest, town = self.answers, self.suggest, self.municipality
        for index, raw in enumerate(goals, start=1):
            goal = trusted_goal(raw, cell_length)  # the usual goal: no pydantic, same goal
            if goal is None:
                goal = to_goal(raw, item=index, cell_length=cell_length)
            fields = goal.__dict__
            goal_id = fields["id"]
            if seen.setdefault(goal_id, index) != index:
                raise InvalidGoalError(
                    "input.duplicate_id",
                    Location(item=index, goal=goal_id, field="id"),
                    goal_id=goal_id,
                    first=message("loc.item", lang, value=seen[goal_id]),
                )
            extra, kostra = goal.__pydantic_extra__, fields["kostra_function"]
            if answers is not None or extra or kostra is not None:
                yield classify(goal, lang)  # facts answered, or warnings of its own
                continue
            # The usual goal is finished here, not in _classify: the calls saved are about 15 %
            # of its time. Where its words suggest nothing, its result is a copy of what goals
            # with its facts share, with its id, title and the goal filled in (as
            # Classification.from_trusted makes it, without the call).
            values = fact_values_in(fields)
            reading = reading_of(goal, values) if suggest and None in values else NOTHING
            area = None if town is None else (fields["service_area"], None)
            rendered = rendered_for((values, lang, area)) if reading is NOTHING else None
            if rendered is None:
                yield classify(goal, lang, reading)
                continue
            result = rendered.plain.copy()
            result["goal_id"] = goal_id
            result["title"] = fields["title"]
            result["goal"] = goal
            yield trusted_instance(Classification, result, RESULT_FIELDS, None)

    def decision(self, goal: GoalInput) -> Decision:
        """The engine's decision for the goal's facts (with those its words suggest and the
        profile's), before rendering; a fact the words point two ways on stays missing."""
        goal = self._answered(to_goal(goal))
        reading = self._reading(goal, goal.fact_values())
        return self.decisions.decide(_key(self._fact_values(goal, reading)))

    def reading(self, goal: GoalInput) -> Reading:
        """What the goal's words suggest for the facts it leaves out."""
        goal = self._answered(to_goal(goal))
        return self._reading(goal, goal.fact_values())

    def _answered(self, goal: Goal) -> Goal:
        """``goal`` with the facts the answers file states for it, as the rules see it."""
        answers = self.answers
        return goal if answers is None else answers.apply(goal, answers.for_goal(goal))

    def _reading(self, goal: Goal, values: tuple[str | None, ...]) -> Reading:
        if not self.suggest or None not in values:
            return NOTHING
        missing = _missing(values)
        indicators = self.ruleset.indicators
        reading = indicators.read(
            goal.title, goal.description, missing, goal.service_area, goal.kostra_function
        )
        town = self.municipality
        if town is not None and "budget_frame" in missing and reading.suggested:
            # The profile's budget allocation knows the service area better than a hint
            # read from its name; the goal's own words still come first.
            kept = tuple(
                item
                for item in reading.suggested
                if item.fact != "budget_frame" or not indicators.beside_the_text(item)
            )
            if (
                len(kept) < len(reading.suggested)
                and town.with_budget_frame(values, goal) != values
            ):
                reading = Reading(kept, reading.contested)
        return self._settle(goal, values, reading) if reading.contested else reading

    def _settle(self, goal: Goal, values: tuple[str | None, ...], reading: Reading) -> Reading:
        """``reading`` with each contested fact settled where every value the words point to
        gives the same owner: asking would not change the answer («trivsel» and «kvalitet»
        for a school are satisfaction or quality, and either is the same owner). The value
        with the most weight is taken, quoting its words; words that leave the fact open by
        themselves («skal styrkes») are not made a guess when the owner needs no answer."""
        base = self._fact_values(goal, reading)
        unanswered = self.decisions.decide(_key(base))
        settled: list[Suggestion] = []
        contested: list[tuple[str, tuple[Suggestion, ...]]] = []
        for fact, options in reading.contested:
            index = FACT_NAMES.index(fact)
            outcomes = set()
            for option in options:
                filled = list(base)
                filled[index] = option.value
                decision = self.decisions.decide(_key(tuple(filled)))
                outcomes.add((decision.owner, decision.adopted_by))
            owner, _ = next(iter(outcomes))
            if len(outcomes) != 1 or owner is None:
                contested.append((fact, options))
            elif not _left_open(options) or (
                (unanswered.owner, unanswered.adopted_by) not in outcomes
            ):
                settled.append(options[0])
        if len(contested) == len(reading.contested):
            return reading
        suggested = sorted((*reading.suggested, *settled), key=lambda s: FACT_NAMES.index(s.fact))
        return Reading(tuple(suggested), tuple(contested))

    def _fact_values(self, goal: Goal, reading: Reading) -> tuple[str | None, ...]:
        return self._with_profile(_with_suggestions(goal.fact_values(), reading), goal)

    def _with_profile(self, values: tuple[str | None, ...], goal: Goal) -> tuple[str | None, ...]:
        """``values`` with a budget level the profile gives where none is stated or read."""
        if self.municipality is None:
            return values
        return self.municipality.with_budget_frame(values, goal)

    def _classify(
        self, read: Goal, lang: Language, reading: Reading | None = None
    ) -> Classification:
        """The result for a valid goal: what goals with these facts share, filled in with this
        goal's own fields. ``reading``: what its words suggest, where the caller has read them
        already (only without an answers file, which changes the facts read)."""
        answered: tuple[AnsweredFact, ...] = ()
        goal = read
        if self.answers is not None:
            answered = self.answers.for_goal(read)
            goal = self.answers.apply(read, answered)
        # The key holds the facts as given: whether the profile filled one in shows.
        values = fact_values_in(goal.__dict__)
        if reading is None:
            reading = self._reading(goal, values) if self.suggest and None in values else NOTHING
        area = None if self.municipality is None else (goal.service_area, goal.kostra_function)
        # A goal whose words suggest nothing is kept under its facts alone.
        key: RenderKey = (
            (values, lang, area) if reading is NOTHING else (values, lang, area, reading.shape)
        )
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self._render(goal, reading, lang)
            # Two threads may render the same key at once; both produce equal values.
            self._rendered.put(key, rendered)
        warnings = rendered.leader_warnings
        if read.__pydantic_extra__ or read.kostra_function is not None:
            warnings = goal_warnings(read, lang) + warnings
        if reading:
            own, words = self._words_of(reading, rendered.lead, lang)
            justification = f"{words} {rendered.tail}" if words else rendered.tail
        else:
            own, justification = (), rendered.tail
        if answered:
            justification = f"{self._answered_words(answered, lang)} {justification}"
        fields = rendered.fields.copy()
        fields["goal_id"] = goal.id
        fields["title"] = goal.title
        fields["justification"] = justification
        fields["assumptions"] = own + rendered.assumptions if own else rendered.assumptions
        fields["answered"] = answered
        fields["warnings"] = warnings
        fields["goal"] = read
        return Classification.from_trusted(fields)

    def _answered_words(self, answered: tuple[AnsweredFact, ...], lang: Language) -> str:
        """The justification's first sentences for facts an answers file stated, citing it."""
        manifest = self.ruleset.manifest
        return " ".join(
            message(
                "why.answered",
                lang,
                fact=manifest.facts[item.fact].label.get(lang).capitalize(),
                value=manifest.value_label(item.fact, item.value, lang),
                area=item.covers(lang),
                file=item.file,
                line=item.line,
            )
            for item in answered
        )

    def _words_of(self, reading: Reading, lead: str | None, lang: Language) -> OwnWords:
        """What the goal's own words gave, as assumptions and as the justification's first
        sentences; kept, since the same words come back in many goals."""
        key = (reading, lead, lang)
        kept = self._own_words.get(key)
        if kept is not None:
            return kept
        own = tuple(self._suggestion(item, lang) for item in reading.suggested)
        parts = [message("why.assumed", lang, text=item.text) for item in own]
        if lead is not None:
            parts.append(f"{lead} {self._pointers(reading, lang)}.")
        words = " ".join(parts)
        if self.municipality is not None:
            words = self.municipality.in_own_words(words, lang)
        self._own_words.put(key, (own, words))
        return own, words

    def _render(self, goal: Goal, reading: Reading, lang: Language) -> Rendered:
        """What every goal with these facts and this reading shape (and service area, with a
        profile) shares, rendered once per language, with the warnings about its owner."""
        ruleset = self.ruleset
        manifest = ruleset.manifest
        if reading.contested:
            return self._render_contested(goal, reading, lang)
        read_values = _with_suggestions(goal.fact_values(), reading)
        values = self._with_profile(read_values, goal)
        decision = self.decisions.decide(_key(values))
        rule = ruleset.rule(decision.deciding_rule)
        town = self.municipality
        from_profile = (
            (town.frame_assumption(goal, lang),)
            if town is not None and values != read_values
            else ()
        )
        assumptions = from_profile + tuple(
            Assumption(
                fact=item.fact,
                value=item.value,
                rule=item.rule,
                source="rule",
                text=ruleset.rule(item.rule).justification.get(lang),
            )
            for item in decision.assumptions
        )
        questions = tuple(self._question(fact, lang) for fact in decision.asked)
        reasons = [rule.justification.get(lang)]
        owner_role = followed_up_by = None
        owner_label = _owner_label(manifest, decision.owner, lang)
        if town is not None:
            owner_role = town.owner_role(decision.owner, goal, lang)
            followed_up_by = town.followed_up_by(decision.owner, goal, lang)
            if decision.owner == "radmann":
                owner_label = town.chief_executive(lang)
            municipality = town.profile.name
            if followed_up_by:
                reasons.append(
                    message(
                        "profile.followed_up", lang, municipality=municipality, body=followed_up_by
                    )
                )
            elif owner_role:
                reasons.append(
                    message("profile.owner_role", lang, municipality=municipality, role=owner_role)
                )
        decided = {
            "owner": decision.owner,
            "owner_label": owner_label,
            "adopted_by": decision.adopted_by,
            "adopted_by_label": _owner_label(manifest, decision.adopted_by, lang),
            "rule": rule.id,
            "principle": rule.principle,
        }
        context = self._context(questions, owner_role, followed_up_by, lang)
        leader_warnings = town.leader_warnings(decision.owner, lang) if town is not None else ()
        tail = self._tail(assumptions, reasons, questions, rule.id, lang)
        return Rendered(_fields(decided, context), assumptions, None, tail, leader_warnings)

    def _context(
        self,
        questions: tuple[Question, ...],
        owner_role: str | None,
        followed_up_by: str | None,
        lang: Language,
    ) -> dict[str, Any]:
        """The result's fields from ``questions`` to ``ruleset``, in the contract's order."""
        town = self.municipality
        return {
            "questions": questions,
            "municipality": town.profile.name if town is not None else None,
            "owner_role": owner_role,
            "followed_up_by": followed_up_by,
            "lang": lang,
            "ruleset": self.identity,
        }

    def _tail(
        self,
        assumptions: tuple[Assumption, ...],
        reasons: list[str],
        questions: tuple[Question, ...],
        rule_id: str,
        lang: Language,
    ) -> str:
        """The text for a council paper after the goal's own words: what else was assumed,
        why, what is asked, which rule to cite; with a profile, in the municipality's words."""
        parts = [message("why.assumed", lang, text=item.text) for item in assumptions]
        parts += reasons
        if questions:
            asked = " ".join(question.text for question in questions)
            parts.append(message("why.questions", lang, questions=asked))
        ruleset = self.ruleset
        parts.append(
            message("why.cite", lang, rule=rule_id, name=ruleset.name, version=ruleset.version)
        )
        tail = " ".join(parts)
        town = self.municipality
        return town.in_own_words(tail, lang) if town is not None else tail

    def _question(self, fact: str, lang: Language) -> Question:
        return Question(
            fact=fact,
            text=self.ruleset.manifest.facts[fact].question.get(lang),
            choices=DEFINITE_VALUES[fact],
        )

    def _suggestion(self, item: Suggestion, lang: Language) -> Assumption:
        """A fact the words suggest, as an assumption that quotes them."""
        manifest = self.ruleset.manifest
        return Assumption(
            fact=item.fact,
            value=item.value,
            rule=item.indicators[0],
            source="words",
            text=message(
                "indicators.assumed",
                lang,
                fact=manifest.facts[item.fact].label.get(lang).capitalize(),
                value=manifest.value_label(item.fact, item.value, lang),
                words=_quoted(item.words, lang),
                rules=", ".join(item.indicators),
            ),
        )

    def _render_contested(self, goal: Goal, reading: Reading, lang: Language) -> Rendered:
        """An unresolved result: the words point two ways, so ask instead of choosing: the
        facts they point two ways on, and whatever else the owner needs."""
        contested = self.ruleset.indicators.contested
        assert contested is not None  # the rule set loader requires it beside indicators
        asked = self.decisions.questions(
            _key(self._fact_values(goal, reading)), tuple(fact for fact, _ in reading.contested)
        )
        questions = tuple(self._question(fact, lang) for fact in asked)
        decided = {
            "owner": None,
            "owner_label": None,
            "adopted_by": None,
            "adopted_by_label": None,
            "rule": contested.id,
            "principle": None,
        }
        context = self._context(questions, None, None, lang)
        tail = self._tail((), [], questions, contested.id, lang)
        lead = contested.justification.get(lang)
        return Rendered(_fields(decided, context), (), lead, tail, ())

    def _pointers(self, reading: Reading, lang: Language) -> str:
        """Which of the goal's words point where, for a fact they point two ways on."""
        manifest = self.ruleset.manifest
        # Words that leave a fact open by themselves («skal styrkes») point to each of their
        # values with the same words: they are said once, with the values they may mean.
        values_of: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for _, options in reading.contested:
            for option in options:
                label = manifest.value_label(option.fact, option.value, lang)
                values_of.setdefault((option.fact, option.words), []).append(label)
        pointers = "; ".join(
            message("indicators.points_to", lang, words=_quoted(words, lang), value=labels[0])
            if len(labels) == 1
            else message(
                "indicators.leaves_open",
                lang,
                words=_quoted(words, lang),
                values=message("or", lang).join(labels),
            )
            for (_, words), labels in values_of.items()
        )
        return f"{pointers[0].upper()}{pointers[1:]}"


def _answers_of(answers: Answers | str | Path | None) -> Answers | None:
    """``answers`` loaded if it names a file; a clear error if it is neither."""
    if answers is None or isinstance(answers, Answers):
        return answers
    if isinstance(answers, str | Path):
        return load_answers(answers)
    raise InvalidGoalError(
        "library.bad_answers", Location(field="answers"), found=type(answers).__name__
    )


def _with_suggestions(values: tuple[str | None, ...], reading: Reading) -> tuple[str | None, ...]:
    """Goal fact values with the facts the words suggest filled in (stated facts win)."""
    if not reading.suggested:
        return values
    filled = list(values)
    for item in reading.suggested:
        index = FACT_NAMES.index(item.fact)
        if filled[index] is None:
            filled[index] = item.value
    return tuple(filled)


def _left_open(options: tuple[Suggestion, ...]) -> bool:
    """Whether one rule's words leave the fact open (each value quotes the same words)."""
    return len({option.words for option in options}) == 1


def _quoted(words: tuple[str, ...], lang: Language) -> str:
    """«barnehagedekningen» og «åpningstid»: the words as the text has them."""
    quoted = [f"«{word}»" for word in words]
    if len(quoted) == 1:
        return quoted[0]
    return f"{', '.join(quoted[:-1])}{message('and', lang)}{quoted[-1]}"


def _fields(decided: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    """A result's fields in the contract's order, with ``decided`` and ``context`` filled in."""
    empty = None
    return {
        "goal_id": empty,
        "title": empty,
        **decided,
        "justification": empty,
        "assumptions": empty,
        "answered": empty,
        **context,
        "warnings": empty,
        "goal": empty,
    }


@lru_cache(maxsize=1024)  # at most 512 fact combinations
def _missing(values: tuple[str | None, ...]) -> tuple[str, ...]:
    """The facts ``values`` leaves out, in :data:`FACT_NAMES` order."""
    return tuple(fact for fact, value in zip(FACT_NAMES, values, strict=True) if value is None)


def _key(values: tuple[str | None, ...]) -> tuple[str, ...]:
    return tuple(MISSING if value is None else value for value in values)


def _owner_label(manifest: Any, owner: str | None, lang: Language) -> str | None:
    return manifest.owners[owner].get(lang) if owner else None


def check_language(lang: str) -> Language:
    """``lang`` if it is a supported language; else a clear :class:`InvalidGoalError`."""
    if lang not in LANGUAGES:
        raise InvalidGoalError(
            "value.not_allowed", Location(field="lang"), value=lang, allowed=", ".join(LANGUAGES)
        )
    return lang  # type: ignore[return-value]


def goal_warnings(goal: Goal, lang: Language) -> tuple[str, ...]:
    """Warnings about a goal that is valid but probably not what the planner meant."""
    extra = goal.__pydantic_extra__
    if not extra and goal.kostra_function is None:
        return ()
    # the extra fields' names in their order: cheaper to make than a set, once per goal
    return _warnings(tuple(extra or ()), goal.kostra_function, lang)


@lru_cache(maxsize=4096)
def _warnings(extra: tuple[str, ...], kostra: str | None, lang: Language) -> tuple[str, ...]:
    warnings = [
        message("field.misspelt", lang, field=field, fact=fact)
        for field, fact in misspelt_facts(frozenset(extra))
    ]
    function = kostra_functions().get(kostra) if kostra else None
    if function is not None and not function.valid:
        warnings.append(message("kostra.expired", lang, value=function.code, name=function.name))
    return tuple(warnings)
