"""A rule set changed without a new version: ``ansvar check`` fails, ``ansvar diff`` warns."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ansvarsregler import default_ruleset, load_ruleset
from ansvarsregler.analysis.check import check
from ansvarsregler.analysis.diff import diff
from ansvarsregler.cli import main
from ansvarsregler.rules.loader import default_rules_dir
from ansvarsregler.rules.releases import LOCK_FILE, release_check

#: The shipped rule set's version, and the one the tests release next.
SHIPPED = default_ruleset().version
NEXT = "9.9.9"
#: A change to one rule's text: the content hash changes, no outcome does.
OLD_TEXT = "        Målet kan ikke påvirkes av tjenestene eller rådmannen"
NEW_TEXT = "        Målet kan ikke endres av tjenestene eller rådmannen"


def _changed(folder: Path) -> Path:
    path = folder / "20-kommunestyret.yaml"
    text = path.read_text(encoding="utf-8")
    assert OLD_TEXT in text
    path.write_text(text.replace(OLD_TEXT, NEW_TEXT), encoding="utf-8")
    return folder


def _bump(folder: Path, version: str) -> None:
    path = folder / "ruleset.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"\nversion: {SHIPPED}\n" in text
    path.write_text(text.replace(f"\nversion: {SHIPPED}\n", f"\nversion: {version}\n"), "utf-8")


def _check(folder: Path, lang: str = "nb") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--rules", str(folder), "--lang", lang])
    return result.exit_code, result.output


def test_the_shipped_version_is_recorded_with_the_shipped_hash() -> None:
    ruleset = default_ruleset()
    release = check(ruleset).release
    assert release.version == ruleset.version
    assert release.recorded == ruleset.hash
    assert not release.changed_without_new_version
    assert (default_rules_dir() / LOCK_FILE).is_file()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nb", [f"reglene er endret, men versjonen er fortsatt {SHIPPED}", "Øk version i"]),
        ("en", [f"the rules changed, but the version is still {SHIPPED}", "Bump version in"]),
    ],
)
def test_a_changed_rule_without_a_new_version_is_a_problem(
    rules_copy, lang: str, words: list[str]
) -> None:
    folder = _changed(rules_copy())
    report = check(load_ruleset(folder))
    assert report.release.changed_without_new_version
    assert not report.clean
    code, output = _check(folder, lang)
    assert code == 1
    flat = " ".join(output.split())  # the terminal wraps long lines
    for word in [*words, str(folder / LOCK_FILE), str(folder / "ruleset.yaml")]:
        assert word in flat
    last = output.rstrip().splitlines()[-1]
    assert last in ("Regelsettet har 1 problem.", "The rule set has 1 problem.")


def test_a_new_version_is_unreleased_until_its_hash_is_recorded(rules_copy) -> None:
    folder = _changed(rules_copy())
    _bump(folder, NEXT)
    ruleset = load_ruleset(folder)
    code, output = _check(folder, "en")
    assert code == 0, output
    assert f"{NEXT} is not released" in " ".join(output.split())
    assert ruleset.hash in output.replace("\n", "")  # the line to record, in full
    with (folder / LOCK_FILE).open("a", encoding="utf-8") as lock:
        lock.write(f"  {NEXT}: {ruleset.hash}\n")
    assert check(load_ruleset(folder)).release.recorded == ruleset.hash
    assert _check(folder, "en")[0] == 0


def test_the_lock_file_is_not_part_of_the_hash(rules_copy) -> None:
    folder = rules_copy()
    before = load_ruleset(folder).hash
    (folder / LOCK_FILE).write_text(f"released:\n  {SHIPPED}: something-else\n", encoding="utf-8")
    assert load_ruleset(folder).hash == before
    assert release_check(folder, SHIPPED, before).changed_without_new_version


def test_a_rule_set_without_a_lock_file_has_released_nothing(rules_copy) -> None:
    folder = _changed(rules_copy())
    (folder / LOCK_FILE).unlink()
    report = check(load_ruleset(folder))
    assert report.release.recorded is None
    assert report.clean


def test_diff_warns_when_the_version_stays_and_the_content_changes(rules_copy) -> None:
    old, new = default_rules_dir(), _changed(rules_copy())
    assert diff(default_ruleset(), load_ruleset(new)).same_version
    for lang, warning in (("nb", f"Advarsel: begge regelsettene har versjon {SHIPPED}"),
                          ("en", f"Warning: both rule sets have version {SHIPPED}")):  # fmt: skip
        result = CliRunner().invoke(main, ["diff", str(old), str(new), "--lang", lang])
        assert result.exit_code == 0  # no outcome changes; check is what fails
        assert warning in " ".join(result.output.split())


def test_diff_does_not_warn_for_a_new_version_or_the_same_rules(rules_copy) -> None:
    bumped = _changed(rules_copy())
    _bump(bumped, NEXT)
    assert not diff(default_ruleset(), load_ruleset(bumped)).same_version
    assert not diff(default_ruleset(), load_ruleset(rules_copy())).same_version
    result = CliRunner().invoke(main, ["diff", str(default_rules_dir()), str(bumped)])
    assert "Advarsel" not in result.output
