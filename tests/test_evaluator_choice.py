"""Which evaluator runs: durable-rules where it imports, else Python; forced by the environment.

The fallback is proven the hard way: the CLI test suites run again in a
subprocess where ``import durable`` fails, and must pass on the Python
evaluator.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ansvarsregler import Classifier
from ansvarsregler.cli import main
from ansvarsregler.engine import ENVIRONMENT_VARIABLE, Evaluator, evaluator, selection
from ansvarsregler.errors import EngineError

#: Set in the subprocess that reruns the CLI suites, so a rerun never reruns itself.
NESTED = "ANSVARSREGLER_TEST_WITHOUT_DURABLE"
CLI_SUITES = [
    "tests/test_cli.py",
    "tests/test_spreadsheets.py",
    "tests/test_draft.py",
    "tests/test_profiles.py",
    "tests/test_library.py",
]
ROOT = Path(__file__).resolve().parent.parent


def durable_imports() -> bool:
    try:
        import durable.engine  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@pytest.fixture
def fresh_choice():
    """Forget the cached choice before and after (it is cached per requested evaluator)."""
    selection._engine_factory.cache_clear()
    yield
    selection._engine_factory.cache_clear()


@pytest.fixture
def without_durable(tmp_path: Path) -> dict[str, str]:
    """An environment for a subprocess in which ``import durable`` raises ImportError."""
    fake = tmp_path / "no-durable" / "durable"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise ImportError("durable-rules made unimportable")\n')
    env = {key: value for key, value in os.environ.items() if key != ENVIRONMENT_VARIABLE}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(fake.parent), env.get("PYTHONPATH")]))
    env[NESTED] = "1"
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)


def ansvar(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from ansvarsregler.cli import main; main()", *args]


# -- in this process ---------------------------------------------------------------------


def test_the_default_is_durable_rules_where_it_imports_else_python(monkeypatch, fresh_choice):
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    if durable_imports():
        assert evaluator().name == "durable-rules"
        assert str(evaluator()).startswith("durable-rules 2.0.28")
    else:
        assert evaluator() == Evaluator("python")


def test_the_environment_forces_the_python_evaluator(monkeypatch, fresh_choice):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "python")
    assert str(evaluator()) == "python"
    classifier = Classifier()
    assert classifier.identity.evaluator == "python"
    result = classifier.classify({"id": "a", "title": "Mål", "goal_type": "societal"})
    assert result.ruleset.evaluator == "python"


def test_forcing_durable_rules_where_it_cannot_import_is_a_clear_error(monkeypatch, fresh_choice):
    monkeypatch.setitem(sys.modules, "ansvarsregler.engine.durable_evaluator", None)
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "durable-rules")
    with pytest.raises(EngineError) as caught:
        Classifier()
    assert caught.value.key == "engine.unavailable"
    assert "ANSVARSREGLER_EVALUATOR=python" in caught.value.message("en")
    assert "ANSVARSREGLER_EVALUATOR=python" in caught.value.message("nb")


def test_without_durable_rules_the_automatic_choice_is_python(monkeypatch, fresh_choice):
    monkeypatch.setitem(sys.modules, "ansvarsregler.engine.durable_evaluator", None)
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    assert evaluator() == Evaluator("python")


def test_an_unknown_evaluator_is_a_clear_error(monkeypatch, fresh_choice):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "drools")
    with pytest.raises(EngineError) as caught:
        evaluator()
    assert "'drools'" in caught.value.message("en")
    assert "python" in caught.value.message("nb")


def test_json_and_version_name_the_evaluator(monkeypatch, fresh_choice):
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    runner = CliRunner()
    version = runner.invoke(main, ["--version"], prog_name="ansvar", catch_exceptions=False)
    assert version.exit_code == 0
    assert version.stdout.splitlines() == ["ansvar, version 0.1.0", f"evaluator: {evaluator()}"]
    classified = runner.invoke(main, ["classify", "--format", "json"], catch_exceptions=False)
    records = json.loads(classified.stdout)
    assert {record["ruleset"]["evaluator"] for record in records} == {str(evaluator())}

    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "python")
    version = runner.invoke(main, ["--version"], prog_name="ansvar", catch_exceptions=False)
    assert version.stdout.splitlines()[1] == "evaluator: python"
    checked = runner.invoke(main, ["check", "--format", "json"], catch_exceptions=False)
    assert json.loads(checked.stdout)["ruleset"]["evaluator"] == "python"


# -- in a process where durable-rules cannot be imported ---------------------------------


def test_without_durable_rules_the_cli_reports_the_python_evaluator(without_durable):
    version = run(ansvar("--version"), without_durable)
    assert version.returncode == 0, version.stderr
    assert version.stdout.splitlines()[1] == "evaluator: python"
    classified = run(ansvar("classify", "--format", "json"), without_durable)
    assert classified.returncode == 0, classified.stderr
    records = json.loads(classified.stdout)
    assert {record["ruleset"]["evaluator"] for record in records} == {"python"}


def test_forcing_durable_rules_without_it_fails_cleanly_in_the_cli(without_durable):
    env = {**without_durable, ENVIRONMENT_VARIABLE: "durable-rules"}
    result = run(ansvar("classify", "--lang", "en"), env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "durable-rules cannot be imported (durable-rules made unimportable)" in result.stderr
    version = run(ansvar("--version"), env)
    assert version.returncode == 2 and "cannot be imported" in version.stderr


@pytest.mark.skipif(bool(os.environ.get(NESTED)), reason="already inside the rerun")
def test_the_cli_suites_pass_on_the_python_evaluator_without_durable_rules(without_durable):
    result = run(
        [sys.executable, "-m", "pytest", *CLI_SUITES, "-q", "-p", "no:cacheprovider"],
        without_durable,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in summary and "failed" not in summary and "error" not in summary


def test_the_python_evaluator_never_imports_durable_rules():
    """Forced to Python, durable-rules is not even imported (only durable_evaluator does)."""
    env = {**os.environ, ENVIRONMENT_VARIABLE: "python"}
    code = (
        "import sys; from ansvarsregler import Classifier; "
        "Classifier().classify({'id': 'a', 'title': 'Mål'}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'durable' "
        "or m.endswith('durable_evaluator')))"
    )
    result = run([sys.executable, "-c", code], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
