"""Municipality profiles: classification with a profile, leadership rules, readiness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import ansvarsregler
from ansvarsregler import default_ruleset, load_profile
from ansvarsregler.analysis.check import check
from ansvarsregler.analysis.readiness import readiness
from ansvarsregler.cli import main
from ansvarsregler.municipality.leadership import LEADER_FACT_NAMES, LeadershipCache, leader_facts
from ansvarsregler.municipality.profiles import ProfileError, shipped_profiles

SEVEN = ["snillfjord", "verran", "bo", "sula", "leirfjord", "sorreisa", "notteroy"]
READING = {
    "id": "lesing",
    "title": "Nivå lesing 2. trinn",
    "service_area": "skole",
    "goal_type": "service_quality",
    "influence": "partial",
    "budget_impact": "within_budget",
}


def report(name: str, lang: str = "nb"):
    return readiness(default_ruleset(), load_profile(name), lang=lang)  # type: ignore[arg-type]


def levels(name: str) -> dict[str, str]:
    return {f.authority: f.level for f in report(name).unit_leaders}


def risks(name: str) -> list[str]:
    return [risk.rule for risk in report(name).risks]


def test_the_seven_profiles_and_the_template_are_shipped_and_valid():
    assert set(shipped_profiles()) == {*SEVEN, "mal"}
    for name in shipped_profiles():
        assert load_profile(name).name


def test_each_of_the_seven_yields_its_own_findings():
    findings = {
        name: (
            tuple(sorted(levels(name).items())),
            report(name).leader_agreements,
            tuple(risks(name)),
        )
        for name in SEVEN
    }
    assert len(set(findings.values())) == 7


def test_snillfjord_delegates_little_and_vaguely_and_has_no_agreements():
    found = levels("snillfjord")
    assert found["budget"] == found["hiring"] == "partial"
    assert "konkretisert" in next(f.note for f in report("snillfjord").unit_leaders if f.note)
    assert risks("snillfjord")[:2] == ["begrenset-budsjettansvar", "begrenset-personalansvar"]
    assert "ingen-lederavtaler" in risks("snillfjord")


def test_verrans_unit_leaders_have_budget_but_not_personnel_responsibility():
    assert (levels("verran")["budget"], levels("verran")["hiring"]) == ("full", "none")
    assert risks("verran")[0] == "budsjett-uten-personalansvar"
    assert report("verran").leader_agreements == "unit_leaders"
    english = report("verran", lang="en").risks[0].risk
    assert "budget responsibility but no personnel responsibility" in english


def test_sorreisas_unit_leaders_may_hire_only_for_up_to_six_months():
    hiring = next(f for f in report("sorreisa").unit_leaders if f.authority == "hiring")
    assert hiring.level == "partial" and "6 måneder" in (hiring.note or "")
    assert {"uten-budsjettansvar", "begrenset-personalansvar"} <= set(risks("sorreisa"))


def test_sulas_chief_executive_approves_permanent_appointments():
    hiring = next(f for f in report("sula").unit_leaders if f.authority == "hiring")
    assert hiring.level == "partial" and "faste" in (hiring.note or "")
    assert "begrenset-personalansvar" in risks("sula")
    assert report("sula").leader_agreements == "all_levels"


def test_notteroy_delegates_fully_but_has_no_agreements():
    found = levels("notteroy")
    assert found["budget"] == found["hiring"] == found["wage_negotiation"] == "full"
    assert "ingen-lederavtaler" in risks("notteroy")


def test_bo_has_delegation_and_agreements_at_every_level():
    found = levels("bo")
    assert found["budget"] == found["hiring"] == "full"
    assert report("bo").leader_agreements == "all_levels"
    # Only what the slides do not say is left: whether leaders may choose measures.
    assert risks("bo") == ["tiltaksmyndighet-ukjent"]


def test_the_library_takes_a_profile_by_name_or_as_an_object():
    by_name = ansvarsregler.classify({**READING, "budget_frame": "unit"}, profile="verran")
    as_object = ansvarsregler.classify(
        {**READING, "budget_frame": "unit"}, profile=load_profile("verran")
    )
    assert by_name == as_object
    assert by_name.municipality == "Verran" and by_name.owner == "virksomhetsleder"
    assert any("budsjett-uten-personalansvar" in warning for warning in by_name.warnings)
    explained = ansvarsregler.explain(READING, profile="verran", lang="en")
    assert explained.result.municipality == "Verran"


#: A profile whose follow-up and budget allocation differ by service area.
BYEN = """name: Byen
chief_executive_title: kommunedirektør
source: test
political_model: {nb: hovedutvalgsmodell, en: standing-committee model}
administrative_model: {nb: tonivåmodell, en: two-level model}
follow_up:
  default: {kind: formannskapet, name: {nb: Formannskapet, en: The executive committee}}
  skole:
    kind: hovedutvalg
    name: {nb: Hovedutvalg for oppvekst, en: The standing committee for children and education}
delegated_to_chief_executive:
  budget: {level: full}
  reallocate_frame: {level: full}
  hiring: {level: full}
  reward: {level: full}
  wage_negotiation: {level: full}
  choose_measures: {level: full}
  organise_unit: {level: full}
delegated_to_unit_leaders:
  budget: {level: full}
  reallocate_frame: {level: full}
  hiring: {level: none}
  reward: {level: full}
  wage_negotiation: {level: none}
  choose_measures: {level: full}
  organise_unit: {level: full}
leader_agreements: unit_leaders
budget_allocation:
  default: {level: sector, leader: {nb: kommunalsjef, en: head of department}}
  Skole: {level: unit, leader: {nb: rektor, en: head of school}}
  "253": {level: unit, leader: {nb: styrer for sykehjemmet, en: head of the nursing home}}
"""


def test_classify_with_a_profile_file(tmp_path: Path):
    runner = CliRunner()
    profile = tmp_path / "byen.yaml"
    profile.write_text(BYEN, encoding="utf-8")
    goals = tmp_path / "mal.yaml"
    goals.write_text(
        json.dumps(
            [
                READING,
                {**READING, "id": "bhg", "service_area": "barnehage"},
                {
                    "id": "pop",
                    "title": "Folketall",
                    "service_area": "skole",
                    "goal_type": "societal",
                    "influence": "none",
                },
                {**READING, "id": "inst", "service_area": "helse", "kostra_function": "253"},
            ]
        ),
        encoding="utf-8",
    )
    result = runner.invoke(
        main, ["classify", str(goals), "--profile", str(profile), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    school, kindergarten, population, nursing_home = json.loads(result.stdout)
    assert (nursing_home["owner"], nursing_home["owner_role"]) == (
        "virksomhetsleder",
        "styrer for sykehjemmet",
    )
    assert (school["owner"], school["owner_role"]) == ("virksomhetsleder", "rektor")
    assert school["assumptions"][0]["rule"] == "profil:Byen"
    assert any("budsjett-uten-personalansvar" in w for w in school["warnings"])
    assert (kindergarten["owner"], kindergarten["owner_label"]) == ("radmann", "Kommunedirektøren")
    assert kindergarten["owner_role"] == "kommunalsjef"
    assert kindergarten["warnings"] == []
    assert population["followed_up_by"] == "Hovedutvalg for oppvekst"
    assert "Hovedutvalg for oppvekst" in population["justification"]
    # Stated facts always win over the profile.
    stated = ansvarsregler.classify({**READING, "budget_frame": "sector"}, profile=profile)
    assert stated.owner == "radmann" and not stated.assumptions


@pytest.mark.parametrize("stated", [True, False])
def test_classify_many_gives_goals_in_each_service_area_their_own_result(
    tmp_path: Path, stated: bool
):
    """classify_many finishes most goals from what it kept for their facts and, with a
    profile, their service area: a goal in one area never gets another area's result."""
    profile = tmp_path / "byen.yaml"
    profile.write_text(BYEN, encoding="utf-8")
    facts = {"goal_type": "societal", "influence": "none"} if stated else {}
    base = {**READING, **facts}
    areas = ["skole", "barnehage", None, "helse"] * 2
    goals = [{**base, "id": f"mal-{n}", "service_area": area} for n, area in enumerate(areas)]
    for order in (goals, goals[::-1]):
        results = list(ansvarsregler.Classifier(profile=profile).classify_many(order))
        for goal, result in zip(order, results, strict=True):
            alone = ansvarsregler.Classifier(profile=profile).classify(goal)
            assert result.model_dump_json() == alone.model_dump_json()
    followed_up = {r.followed_up_by for r in results}
    roles = {r.owner_role for r in results}
    assert len(followed_up if stated else roles) > 1  # the areas do differ


def test_a_bad_profile_is_reported_with_file_line_and_field(tmp_path: Path):
    bad = tmp_path / "feil.yaml"
    text = (Path(ansvarsregler.municipality.profiles.profiles_dir()) / "verran.yaml").read_text(
        "utf-8"
    )
    bad.write_text(
        text.replace("leader_agreements: unit_leaders", "leader_agreements: maybe"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["readiness", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    assert "feil.yaml, line" in result.stderr and "field leader_agreements" in result.stderr
    assert "'maybe'" in result.stderr
    unknown = CliRunner().invoke(main, ["readiness", "oslo", "--lang", "en"])
    assert unknown.exit_code == 2 and "verran" in unknown.stderr
    with pytest.raises(ProfileError):
        load_profile("oslo")


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_readiness_in_every_format(fmt):
    result = CliRunner().invoke(
        main, ["readiness", "sorreisa", "--format", fmt, "--goals", str(_catalog())]
    )
    assert result.exit_code == 0, result.stderr
    assert "Sørreisa" in result.stdout
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["risks"][0]["rule"] == "uten-budsjettansvar"
        assert data["goals_at_risk"] and data["question"]
    if fmt == "markdown":
        assert result.stdout.startswith("## Klar for resultatansvar? Sørreisa")
        assert "| Myndighet | Har de den? | Merknad |" in result.stdout


def test_leadership_tests_beside_the_rules_pass_and_check_covers_leadership_rules(rules_copy):
    ruleset = default_ruleset()
    table = LeadershipCache(ruleset)
    for test, source in ruleset.leadership_tests:
        facts = {name: test.leaders.get(name, "unknown") for name in LEADER_FACT_NAMES}
        assert list(table.fired(facts)) == test.expect, f"{source.file}:{source.line}"
    folder = rules_copy()
    (folder / "resultatansvar" / "ekstra.yaml").write_text(
        "rules:\n  - id: aldri\n    priority: 1\n    severity: lacks\n"
        "    when: {budget_responsibility: {not: [full, partial, none, unknown]}}\n"
        "    warn: {nb: a, en: a}\n    change: {nb: b, en: b}\n",
        encoding="utf-8",
    )
    found = check(ansvarsregler.load_ruleset(folder))
    assert [(d.rule, d.reason) for d in found.dead_rules] == [("aldri", "never_holds")]
    assert "aldri" in found.coverage.untested


def test_leader_facts_follow_the_profile():
    assert leader_facts(load_profile("verran")) == {
        "budget_responsibility": "full",
        "reallocate_frame": "unknown",
        "personnel_responsibility": "none",
        "reward": "unknown",
        "wage_negotiation": "none",
        "choose_measures": "unknown",
        "organise_unit": "unknown",
        "leader_agreements": "yes",
    }


def _catalog() -> Path:
    from ansvarsregler.rules.loader import shipped_data_dir

    return shipped_data_dir("goal_catalog")


def test_classify_and_explain_take_a_shipped_profile_on_the_command_line():
    runner = CliRunner()
    result = runner.invoke(main, ["classify", "--profile", "verran", "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["municipality"] for r in records} == {"Verran"}
    assert all(r["warnings"] for r in records if r["owner"] == "virksomhetsleder")
    explained = runner.invoke(
        main, ["explain", "lysark-lesing-2-trinn", "--profile", "sorreisa", "--lang", "en"]
    )
    assert explained.exit_code == 0, explained.stderr
    assert "Sørreisa" in explained.stdout


BYEN_SMALL = """name: Byen
chief_executive_title: kommunedirektør
source: test
political_model: {nb: x, en: x}
administrative_model: {nb: x, en: x}
follow_up:
  default: {kind: formannskapet, name: {nb: Formannskapet, en: The executive committee}}
delegated_to_chief_executive:
  budget: {level: full}
  reallocate_frame: {level: full}
  hiring: {level: full}
  reward: {level: full}
  wage_negotiation: {level: full}
  choose_measures: {level: full}
  organise_unit: {level: full}
delegated_to_unit_leaders:
  budget: {level: full}
  reallocate_frame: {level: none}
  hiring: {level: full}
  reward: {level: full}
  wage_negotiation: {level: none}
  choose_measures: {level: full}
  organise_unit: {level: full}
leader_agreements: unit_leaders
budget_allocation:
  default: {level: unit, leader: {nb: rektor, en: head of school}}
  "202": {level: sector, leader: {nb: kommunalsjef, en: head of department}}
"""


def test_the_profile_assumption_shows_only_where_the_profile_gave_the_fact(tmp_path: Path):
    profile = tmp_path / "byen.yaml"
    profile.write_text(BYEN_SMALL, encoding="utf-8")
    stated = {**READING, "id": "a", "budget_frame": "unit"}
    filled = {**READING, "id": "b"}
    for order in ([stated, filled], [filled, stated]):
        results = {
            r.goal_id: r for r in ansvarsregler.Classifier(profile=profile).classify_many(order)
        }
        assert results["a"].assumptions == ()
        assert [a.rule for a in results["b"].assumptions] == ["profil:Byen"]


def test_a_kostra_entry_wins_and_is_named_and_the_title_is_the_municipalitys(tmp_path: Path):
    profile = tmp_path / "byen.yaml"
    profile.write_text(BYEN_SMALL, encoding="utf-8")
    result = ansvarsregler.Classifier(profile=profile).classify(
        {**READING, "kostra_function": "202"}
    )
    assert result.owner == "radmann" and result.owner_label == "Kommunedirektøren"
    assert result.owner_role == "kommunalsjef"
    assert "KOSTRA-funksjon 202" in result.assumptions[0].text
    assert "rådmannen" not in result.justification.lower()
    assert "kommunedirektøren" in result.justification
    explained = ansvarsregler.explain({**READING, "kostra_function": "202"}, profile=profile)
    given = {fact.fact: fact.value for fact in explained.given}
    assert given["budget_frame"] == "missing"


def test_an_edited_profile_file_is_read_again(tmp_path: Path):
    profile = tmp_path / "byen.yaml"
    profile.write_text(BYEN_SMALL, encoding="utf-8")
    first = ansvarsregler.classify(READING, profile=str(profile))
    profile.write_text(BYEN_SMALL.replace("nb: rektor", "nb: inspektør"), encoding="utf-8")
    import os

    os.utime(profile, ns=(1, 10**18))
    second = ansvarsregler.classify(READING, profile=str(profile))
    assert (first.owner_role, second.owner_role) == ("rektor", "inspektør")


def test_slide_14_authorities_give_risks_too(tmp_path: Path):
    profile = tmp_path / "byen.yaml"
    profile.write_text(BYEN_SMALL, encoding="utf-8")
    found = readiness(default_ruleset(), load_profile(profile))
    assert [r.rule for r in found.risks] == ["kan-ikke-omdisponere"]
    assert found.risks[0].severity == "lacks"


def test_goals_at_risk_count_only_what_leaders_lack_not_what_the_profile_leaves_unsaid():
    bo = readiness(
        default_ruleset(), load_profile("Bø"), goals=[READING | {"budget_frame": "unit"}]
    )
    assert [r.severity for r in bo.risks] == ["unclear"]
    assert bo.goals_at_risk == ()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            (
                "reward: {level: full}\n  wage_negotiation: {level: none}",
                "reward: {level: no}\n  wage_negotiation: {level: none}",
            ),
            ["'no'", "line 20"],
        ),
        (('  "202": {level: sector', '  "999": {level: sector'), ["'999'"]),
        (
            (
                "  default: {level: unit,",
                "  Default: {level: unit}\n  default: {level: unit,",
            ),
            ["same service area"],
        ),
        (("  organise_unit: {level: full}\nleader", "leader"), ["organise_unit", "seven"]),
    ],
)
def test_profile_mistakes_are_named(tmp_path: Path, change, words):
    profile = tmp_path / "feil.yaml"
    profile.write_text(BYEN_SMALL.replace(*change), encoding="utf-8")
    result = CliRunner().invoke(main, ["readiness", str(profile), "--lang", "en"])
    assert result.exit_code == 2, result.stdout
    for word in words:
        assert word in result.stderr
