"""A loaded rule set is kept by the hash of what it was loaded from, and only ever saves time:
the same rule set as loading anew, never a stale or foreign one, never an error of its own."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ansvarsregler import Classifier
from ansvarsregler.errors import RulesetError
from ansvarsregler.limits import LimitError
from ansvarsregler.rules import cache, loader
from ansvarsregler.rules.cache import CACHE_VARIABLE, cache_folder
from ansvarsregler.rules.loader import load_ruleset

GOAL = {"id": "lesing", "title": "Nivå lesing 2. trinn", "goal_type": "service_quality"}


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_VARIABLE, str(folder))
    return folder


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders read from their YAML files (not from the cache)."""
    read: list[Path] = []
    real = loader._read_ruleset

    def counting(folder: Path) -> loader.Ruleset:
        read.append(folder)
        return real(folder)

    monkeypatch.setattr(loader, "_read_ruleset", counting)
    return read


def test_the_second_load_comes_from_the_cache_and_is_the_same(
    kept: Path, loads: list[Path], rules_copy: Callable[[], Path]
) -> None:
    rules = rules_copy()
    first, second = load_ruleset(rules), load_ruleset(rules)
    assert loads == [rules]
    assert len(list(kept.glob("regelsett-*.pickle"))) == 1
    assert second == first and second.hash == first.hash and second.sources == first.sources
    assert second.tests == first.tests and second.indicator_tests == first.indicator_tests
    one, other = Classifier(first).classify(GOAL), Classifier(second).classify(GOAL)
    assert one.model_dump_json() == other.model_dump_json()


def test_an_edited_rule_file_is_read_again(
    kept: Path, loads: list[Path], rules_copy: Callable[[], Path]
) -> None:
    rules = rules_copy()
    before = load_ruleset(rules)
    manifest = rules / "ruleset.yaml"
    manifest.write_text(manifest.read_text().replace(before.version, "9.9.9"))
    after = load_ruleset(rules)
    assert (after.version, len(loads)) == ("9.9.9", 2)
    assert len(list(kept.glob("regelsett-*.pickle"))) == 2


def test_a_limit_set_differently_is_another_key(
    kept: Path, loads: list[Path], rules_copy: Callable[[], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = rules_copy()
    load_ruleset(rules)
    monkeypatch.setenv("ANSVARSREGLER_LIMIT_RULES", "3")
    with pytest.raises(LimitError, match="ANSVARSREGLER_LIMIT_RULES"):
        load_ruleset(rules)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:32] + b"not a pickle",  # the checksum no longer holds
        lambda data: b"\0" * len(data),
    ],
)
def test_a_spoilt_file_is_loaded_anew(
    kept: Path,
    loads: list[Path],
    rules_copy: Callable[[], Path],
    spoil: Callable[[bytes], bytes],
) -> None:
    rules = rules_copy()
    fresh = load_ruleset(rules)
    (file,) = kept.glob("regelsett-*.pickle")
    file.write_bytes(spoil(file.read_bytes()))
    assert load_ruleset(rules) == fresh
    assert len(loads) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_file_others_may_write_is_not_trusted(
    kept: Path, loads: list[Path], rules_copy: Callable[[], Path]
) -> None:
    rules = rules_copy()
    load_ruleset(rules)
    (file,) = kept.glob("regelsett-*.pickle")
    file.chmod(0o666)
    load_ruleset(rules)
    assert len(loads) == 2


def test_a_cache_that_cannot_be_written_is_no_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    loads: list[Path],
    rules_copy: Callable[[], Path],
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_VARIABLE, str(blocker / "cache"))
    rules = rules_copy()
    assert load_ruleset(rules) == load_ruleset(rules)
    assert len(loads) == 2


def test_off_keeps_nothing(
    monkeypatch: pytest.MonkeyPatch, loads: list[Path], rules_copy: Callable[[], Path]
) -> None:
    monkeypatch.setenv(CACHE_VARIABLE, "off")
    assert cache_folder() is None
    rules = rules_copy()
    load_ruleset(rules)
    load_ruleset(rules)
    assert len(loads) == 2


def test_a_broken_rule_set_is_never_kept(kept: Path, rules_copy: Callable[[], Path]) -> None:
    rules = rules_copy()
    (rules / "ødelagt.yaml").write_text("rules: [\n")
    for _ in range(2):
        with pytest.raises(RulesetError):
            load_ruleset(rules)
    assert not list(kept.glob("regelsett-*.pickle"))


def test_the_platform_folder_is_used_without_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(CACHE_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = {
        "linux": tmp_path / "ansvarsregler",
        "darwin": Path.home() / "Library" / "Caches" / "ansvarsregler",
    }.get(sys.platform)
    if expected is not None:
        assert cache_folder() == expected


def test_other_code_for_what_is_kept_is_another_key(
    kept: Path,
    loads: list[Path],
    rules_copy: Callable[[], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pickle names classes; one made while they were written otherwise is never read."""
    rules = rules_copy()
    load_ruleset(rules)
    edited = tmp_path / "schema.py"
    edited.write_bytes(Path(str(cache.rules_schema.__file__)).read_bytes() + b"# edited\n")
    monkeypatch.setattr(cache.rules_schema, "__file__", str(edited))
    load_ruleset(rules)
    assert len(loads) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_an_edit_in_a_linked_subfolder_is_read_again(
    kept: Path, loads: list[Path], rules_copy: Callable[[], Path], tmp_path: Path
) -> None:
    """The loader follows a linked ``indikatorer/``; so does the key."""
    rules = rules_copy()
    elsewhere = tmp_path / "indikatorer-ekte"
    (rules / "indikatorer").rename(elsewhere)
    (rules / "indikatorer").symlink_to(elsewhere, target_is_directory=True)
    before = load_ruleset(rules)
    edited = sorted(elsewhere.glob("*.yaml"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# endret\n", encoding="utf-8")
    load_ruleset(rules)
    assert len(loads) == 2 and before.hash


def test_a_file_kept_for_other_rules_is_not_read_under_this_name(
    kept: Path, loads: list[Path], rules_copy: Callable[[], Path]
) -> None:
    """An older rule set's file renamed to the current name fails its checksum."""
    rules = rules_copy()
    manifest = rules / "ruleset.yaml"
    old_text = manifest.read_text()
    old = load_ruleset(rules)
    (old_file,) = kept.glob("regelsett-*.pickle")
    manifest.write_text(old_text.replace(old.version, "9.9.9"))
    new = load_ruleset(rules)
    new_file = next(path for path in kept.glob("regelsett-*.pickle") if path != old_file)
    new_file.write_bytes(old_file.read_bytes())
    assert load_ruleset(rules).version == new.version == "9.9.9"
    assert len(loads) == 3
