"""Reading Norwegian words: tokens not letters, endings, compounds, phrases, nynorsk, weights.

The indicator tests under ``rules/indikatorer/tests/`` pin what the shipped words suggest;
these tests pin how words are compared, with small rule sets written here, so a change to
the shipped words cannot hide a change to the mechanism.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansvarsregler import Classifier
from ansvarsregler.reading.indicators import _DIGITS_WORD, Indicators
from ansvarsregler.reading.schema import ContestedRule, Indicator, ReadingSettings
from ansvarsregler.reading.words import Stemmer
from ansvarsregler.vocabulary import FACT_NAMES

SETTINGS = ReadingSettings(
    endings=["e", "a", "en", "et", "er", "ar", "ene", "ane", "ere", "erne", "ast"],
    numbers=["tre", "fire"],
)
CONTESTED = ContestedRule(id="to-veier", justification={"nb": "to veier", "en": "two ways"})


def indicators(*rules: dict, settings: ReadingSettings = SETTINGS) -> Indicators:
    return Indicators([Indicator.model_validate(rule) for rule in rules], CONTESTED, settings)


def suggested(read: Indicators, title: str, **where: str) -> dict[str, str]:
    reading = read.read(title, None, FACT_NAMES, where.get("area"), where.get("kostra"))
    return {item.fact: item.value for item in reading.suggested}


CAPACITY = {"id": "kapasitet", "suggest": {"goal_type": "capacity"}, "words": ["plass"]}
BUILD = {"id": "bygg", "suggest": {"goal_type": "investment"}, "words": ["bygge"]}


def test_a_word_is_never_found_inside_another_word():
    read = indicators(CAPACITY, BUILD)
    assert suggested(read, "Plasseringen av tiltakene") == {}
    assert suggested(read, "Bygge ny hall") == {"goal_type": "investment"}


def test_the_shipped_rules_keep_bygge_out_of_innbyggere():
    reading = Classifier().reading({"id": "x", "title": "Flere innbyggere og innbyggjarar"})
    assert all(item.value != "investment" for item in reading.suggested)


@pytest.mark.parametrize(
    "title", ["Flere plasser", "Fleire plassar", "Plassane skal fyllast", "Sjukeheimsplassar"]
)
def test_endings_and_the_last_part_of_a_compound_match(title):
    assert suggested(indicators(CAPACITY), title) == {"goal_type": "capacity"}


def test_a_dash_lets_a_word_start_a_compound():
    rule = {"id": "fravaer", "suggest": {"goal_type": "employee"}, "words": ["sykefravær-"]}
    assert suggested(indicators(rule), "Sykefraværsoppfølgingen") == {"goal_type": "employee"}
    plain = {**rule, "words": ["sykefravær"]}
    assert suggested(indicators(plain), "Sykefraværsoppfølgingen") == {}


def test_the_longest_word_wins_and_a_blocker_suggests_nothing():
    blocker = {"id": "sperre", "suggest": {}, "words": ["arbeidsplass"]}
    assert suggested(indicators(CAPACITY, blocker), "Nye arbeidsplassar") == {}


def test_a_phrase_wins_over_the_words_inside_it():
    idiom = {"id": "idiom", "suggest": {}, "words": ["på plass"]}
    read = indicators(CAPACITY, idiom)
    assert suggested(read, "Rutinene er på plass") == {}
    assert suggested(read, "Flere plasser i barnehagen") == {"goal_type": "capacity"}


def test_alternatives_numbers_and_gaps_in_a_phrase():
    deadline = {
        "id": "frist",
        "suggest": {"goal_type": "service_quality"},
        "words": ["vedtak ... innen|innan <tall> uker|veker"],
    }
    read = indicators(deadline)
    assert suggested(read, "Vedtak om startlån innan tre veker") == {"goal_type": "service_quality"}
    assert suggested(read, "Vedtak innen 3\u20134 uker") == {"goal_type": "service_quality"}
    assert suggested(read, "Vedtak innen mange uker") == {}


def test_any_word_in_a_phrase_is_a_name_the_rules_do_not_know():
    unit = {"id": "enhet", "suggest": {"budget_frame": "unit"}, "words": ["ved * skole"]}
    sector = {"id": "sektor", "suggest": {"budget_frame": "sector"}, "words": ["ved alle"]}
    read = indicators(unit, sector)
    assert suggested(read, "Mindre mobbing ved Haugen skole") == {"budget_frame": "unit"}
    assert suggested(read, "Mindre mobbing ved alle skole") == {"budget_frame": "sector"}


def test_an_exact_word_matches_only_its_own_form():
    rule = {"id": "sektor", "suggest": {"budget_frame": "sector"}, "words": ["=skoler"]}
    read = indicators({**rule, "where": "service_area"})
    assert suggested(read, "Mindre mobbing", area="Skoler") == {"budget_frame": "sector"}
    assert suggested(read, "Mindre mobbing", area="Skole") == {}


def test_an_exact_word_in_a_phrase_matches_only_its_own_form():
    rule = {"id": "brukere", "suggest": {"goal_type": "service_quality"}, "words": ["=barna skal"]}
    read = indicators(rule)
    assert suggested(read, "Barna skal få erfare at de mestrer") == {"goal_type": "service_quality"}
    assert suggested(read, "Barn skal få vokse opp trygt") == {}


def test_a_phrase_may_start_with_a_name():
    unit = {
        "id": "enhet",
        "suggest": {"budget_frame": "unit"},
        "where": "service_area",
        "words": ["* barnehage"],
    }
    sector = {**unit, "id": "sektor", "suggest": {"budget_frame": "sector"}, "words": ["alle"]}
    read = indicators(unit, sector)
    assert suggested(read, "Lek", area="Barnehage, Straumen barnehage") == {"budget_frame": "unit"}
    assert suggested(read, "Lek", area="Barnehage") == {}
    assert suggested(read, "Lek", area="Alle barnehage") == {"budget_frame": "sector"}


def test_words_may_leave_a_fact_open():
    open_rule = {
        "id": "styrke",
        "suggest": {"budget_impact": ["requires_increase", "within_budget"]},
        "words": ["styrkes"],
    }
    frame = {"id": "ramme", "suggest": {"budget_impact": "within_budget"}, "words": ["rammen"]}
    read = indicators(open_rule, frame)
    reading = read.read("Tjenesten skal styrkes", None, FACT_NAMES)
    assert [fact for fact, _ in reading.contested] == ["budget_impact"]
    assert suggested(read, "Tjenesten skal styrkes innenfor rammen") == {
        "budget_impact": "within_budget"
    }


def test_weights_a_hint_alone_suggests_nothing_and_two_hints_do():
    hint = {"id": "hint", "suggest": {"goal_type": "societal"}, "weight": 1, "words": ["vekst"]}
    area = {**hint, "id": "omrade", "where": "service_area", "words": ["samfunnsutvikling"]}
    read = indicators(hint, area)
    assert suggested(read, "Vekst") == {}
    assert suggested(read, "Vekst", area="Samfunnsutvikling") == {"goal_type": "societal"}


def test_words_that_point_two_ways_are_contested_unless_one_outweighs():
    strong = {**CAPACITY, "weight": 3}
    quality = {"id": "kvalitet", "suggest": {"goal_type": "service_quality"}, "words": ["avvik"]}
    hint = {**quality, "id": "hint", "weight": 1, "words": ["rutine"]}
    read = indicators(CAPACITY, quality, hint, {**strong, "id": "sterk", "words": ["dekning"]})
    contested = read.read("Avvik i plassene", None, FACT_NAMES)
    assert [fact for fact, _ in contested.contested] == ["goal_type"]
    assert suggested(read, "Dekning og rutiner") == {"goal_type": "capacity"}


def test_the_words_come_before_the_service_area_both_ways():
    quality = {"id": "tid", "suggest": {"goal_type": "service_quality"}, "words": ["ventetid"]}
    hint = {**quality, "id": "hint", "weight": 1, "words": ["tjeneste"]}
    societal_area = {"suggest": {"goal_type": "societal"}, "where": "service_area"}
    area_hint = {**societal_area, "id": "omrade", "weight": 1, "words": ["samfunn"]}
    clear_area = {**societal_area, "id": "plan", "words": ["samfunnsplan"]}
    read = indicators(quality, hint, area_hint, clear_area)
    # The words alone say it: a hint from the area does not contest them.
    assert suggested(read, "Kortere ventetid", area="Samfunn") == {"goal_type": "service_quality"}
    # A clear sign from the area does.
    contested = read.read("Kortere ventetid", None, FACT_NAMES, "Samfunnsplan")
    assert [fact for fact, _ in contested.contested] == ["goal_type"]
    # Only the area points to the heaviest value, the words to another: asked.
    reading = read.read("Tjenestene", None, FACT_NAMES, "Samfunnsplan")
    assert [fact for fact, _ in reading.contested] == ["goal_type"]
    settings = SETTINGS.model_copy(update={"text_first": False})
    assert (
        indicators(quality, area_hint, {**area_hint, "id": "x", "words": ["by"]}, settings=settings)
        .read("Kortere ventetid", None, FACT_NAMES, "Samfunn by")
        .contested
    )


def test_a_kostra_function_is_evidence():
    rule = {
        "id": "finans",
        "suggest": {"goal_type": "economy"},
        "where": "kostra_function",
        "weight": 1,
        "words": ["870"],
    }
    read = indicators(rule)
    assert suggested(read, "Holde utgiftene nede", kostra="870") == {}
    weighty = indicators({**rule, "weight": 2})
    assert suggested(weighty, "Holde utgiftene nede", kostra="870") == {"goal_type": "economy"}


def test_suggestions_quote_the_planners_own_letters():
    reading = indicators(CAPACITY).read("Fleire SJUKEHEIMSPLASSAR", None, FACT_NAMES)
    assert reading.suggested[0].words == ("SJUKEHEIMSPLASSAR",)


def test_the_stemmer_keeps_a_short_stem():
    stem = Stemmer(["er", "ene", "e"], shortest_stem=3)
    assert stem("skolene") == "skol" and stem("uker") == "uker" and stem("ene") == "ene"


@pytest.mark.parametrize(
    ("title", "owner", "questions"),
    [
        ("Flere innbyggere skal være fysisk aktive", "kommunestyret", []),
        ("Rutinene for tidlig innsats er på plass i alle barnehagene", "radmann", []),
        ("Alle tilsette skal ha medarbeidarsamtale kvart år", None, ["budget_frame"]),
        ("Søknader om startlån skal behandlast innan tre veker", None, ["budget_frame"]),
        ("Kommunen skal ha ein aukande folketalsvekst", "kommunestyret", []),
    ],
)
def test_the_issues_trap_goals_get_an_owner_or_one_question(title, owner, questions):
    result = Classifier().classify({"id": "x", "title": title})
    assert result.owner == owner
    assert [question.fact for question in result.questions] == questions


def test_a_deadline_with_the_unit_budget_goes_to_the_unit_leader():
    goal = {
        "id": "x",
        "title": "Alle som søker om praktisk bistand skal få vedtak innen 3 uker",
        "budget_frame": "unit",
    }
    assert Classifier().classify(goal).owner == "virksomhetsleder"


def test_words_pointing_two_ways_to_the_same_owner_need_no_question():
    goal = {"id": "x", "title": "Trivsel og kvalitet i skolen", "budget_frame": "sector"}
    result = Classifier().classify(goal)
    assert result.owner == "radmann"
    assert not result.questions


SHIPPED = Classifier().ruleset.indicators


@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=40)))
def test_any_text_reads_without_error_and_quotes_only_its_own_words(text, area):
    reading = SHIPPED.read(text, None, FACT_NAMES, area)
    original = unicodedata.normalize("NFC", f"{text}\n{area or ''}")
    for item in (*reading.suggested, *(o for _, options in reading.contested for o in options)):
        assert all(word in original or word in original.lower() for word in item.words)


#: Words of real draft goals, some the rules know, and numbers as drafts write them.
_TEMPLATE_WORDS = st.sampled_from(
    [
        "Øke",
        "barnehagedekningen",
        "til",
        "{n}",
        "{n} %",
        "innen",
        "sykefraværet",
        "ved",
        "Solbakken",
        "skole",
        "brukertilfredshet",
        "{n}.",
        "trinn",
        "{n}-{n}",
        "per",
        "år",
    ]
)


@given(
    template=st.lists(_TEMPLATE_WORDS, min_size=1, max_size=8).map(" ".join),
    first=st.lists(st.integers(0, 99999), min_size=8, max_size=8),
    second=st.lists(st.integers(0, 99999), min_size=8, max_size=8),
)
def test_texts_that_differ_in_their_numbers_read_as_if_read_alone(
    template: str, first: list[int], second: list[int]
) -> None:
    """What one text matched is reused for a text with other numbers; the reading must be the
    one the second text gets on its own (its own words quoted, numbers and all)."""
    from ansvarsregler import default_ruleset

    def filled(numbers: list[int]) -> str:
        parts = template.split("{n}")
        pairs = zip(numbers * 2, parts[1:], strict=False)  # at most two numbers a word
        return parts[0] + "".join(f"{number}{part}" for number, part in pairs)

    ruleset = default_ruleset()
    shared = Indicators(ruleset.indicator_rules, ruleset.contested_rule, ruleset.reading_settings)
    alone = Indicators(ruleset.indicator_rules, ruleset.contested_rule, ruleset.reading_settings)
    shared.read(filled(first), None, FACT_NAMES)
    text = filled(second)
    assert shared.read(text, None, FACT_NAMES) == alone.read(text, None, FACT_NAMES)


#: The definition of a word of digits, written the plain way: digits with no letter or digit
#: on either side. The pattern the reader uses opens on the digit, for speed.
_DIGITS_WORD_PLAIN = re.compile(r"(?<![^\W_])\d+(?![^\W_])")


@given(st.text(alphabet=st.sampled_from("a1_9 ²٣Ø-.\n"), max_size=30) | st.text(max_size=30))
def test_the_fast_digits_pattern_finds_the_words_of_digits_the_plain_one_does(text: str) -> None:
    assert _DIGITS_WORD.sub("0", text) == _DIGITS_WORD_PLAIN.sub("0", text)
