"""Shared fixtures: a classifier, writable copies of the rules, and click's test runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ansvarsregler import Classifier, default_ruleset
from ansvarsregler.rules.loader import default_rules_dir


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    return Classifier(default_ruleset())


@pytest.fixture
def rules_copy(tmp_path: Path) -> Callable[[], Path]:
    """Return a function that copies the shipped rules to a fresh folder and gives its path."""

    def make() -> Path:
        target = tmp_path / f"rules-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(default_rules_dir(), target)
        return target

    return make


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
