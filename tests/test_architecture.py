"""The architecture, pinned: the public API, and who may import whom.

The layout tells the data flow (rule and goal files, loading, the evaluator,
the classifier, presenters, front ends); these tests keep the imports
honest to it, so a shortcut across layers fails here rather than in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import ansvarsregler

PACKAGE = Path(ansvarsregler.__file__).parent

#: The public API a budget tool imports. Changing it is a breaking change.
PUBLIC_API = [
    "AnsvarError",
    "AnsweredFact",
    "Answers",
    "AnswersError",
    "Assumption",
    "Classification",
    "Classifier",
    "EngineError",
    "Explanation",
    "Goal",
    "InvalidGoalError",
    "LimitError",
    "Profile",
    "Question",
    "Ruleset",
    "RulesetError",
    "RulesetIdentity",
    "classify",
    "classify_many",
    "default_ruleset",
    "explain",
    "load_answers",
    "load_profile",
    "load_ruleset",
]

#: Each part of the package, lowest first: a part may import only the parts
#: before it. Modules at the top of the package count as parts of their own.
LAYERS = [
    "vocabulary",
    "bounded_cache",
    "folding",
    "text",
    "i18n",
    "errors",
    "limits",
    "model_base",
    "validation",
    "kostra",
    "files",
    "goals",
    "reading",
    "rules",
    "engine",
    "result",
    "municipality",
    "classifier",
    "explanation",
    "library",
    "json_schema",
    "analysis",
    "documents",
    "presenters",
    "web",
    "cli",
    "__init__",
]

#: Third-party packages only some parts may import.
CONFINED = {
    "durable": {"engine.durable_evaluator"},
    "click": {"cli"},
    "rich": {"cli", "presenters"},
    "openpyxl": {"goals.spreadsheets"},
    "xlsxwriter": {"presenters.spreadsheet", "presenters.working_sheet", "presenters.xlsx_cells"},
    "fastapi": {"web.api", "web.app", "web.page"},
    "starlette": {"web.api", "web.app", "web.page", "web.problems"},
    "uvicorn": {"cli.serve"},
    "anyio": {"web.api"},
    "jinja2": {"web.page"},
    "docx": {"presenters.document_docx"},
    "matplotlib": {"presenters.charts"},
    "icalendar": {"presenters.calendar"},
}


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of ``package`` by dotted name (without the package's own name)."""
    found = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).with_suffix("").parts
        found[".".join(parts)] = path
    return found


def imports(module: str, path: Path) -> set[str]:
    """The absolute module names ``module`` (at ``path``) imports, relative ones resolved."""
    names = set()
    package = "ansvarsregler." + module
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in type_only:  # names a type for annotations; never imported at run time
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                names.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                names.add(node.module)
    return names


def part(module: str) -> str:
    return module.split(".")[0]


def layer_breaches(tree: dict[str, Path]) -> list[str]:
    """Imports in ``tree`` of a part that stands higher in :data:`LAYERS`."""
    broken = []
    for module, path in tree.items():
        own = LAYERS.index(part(module))
        for name in imports(module, path):
            if not name.startswith("ansvarsregler."):
                continue
            other = part(name.removeprefix("ansvarsregler."))
            if other != part(module) and LAYERS.index(other) > own:
                broken.append(f"{module} imports {name}")
    return broken


def confinement_breaches(tree: dict[str, Path]) -> list[str]:
    """Imports in ``tree`` of a third-party package outside the parts :data:`CONFINED` allows."""
    broken = []
    for module, path in tree.items():
        for name in imports(module, path):
            allowed = CONFINED.get(name.split(".")[0])
            if allowed is not None and not any(
                module == place or module.startswith(place + ".") for place in allowed
            ):
                broken.append(f"{module} imports {name}")
    return broken


def test_public_api_is_pinned() -> None:
    assert sorted(ansvarsregler.__all__) == PUBLIC_API
    for name in PUBLIC_API:
        assert getattr(ansvarsregler, name) is not None


def test_every_part_has_a_layer() -> None:
    assert {part(module) for module in modules()} <= set(LAYERS)


def test_parts_import_only_lower_layers() -> None:
    assert layer_breaches(modules()) == []


def test_third_party_packages_stay_in_their_modules() -> None:
    assert confinement_breaches(modules()) == []


def test_the_checks_catch_a_breach(tmp_path: Path) -> None:
    """A made-up tree with one breach of each kind, relative and absolute."""
    (tmp_path / "engine").mkdir()
    (tmp_path / "engine" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "engine" / "cache.py").write_text(
        "from ..presenters import flat\nimport click\n", encoding="utf-8"
    )
    (tmp_path / "rules.py").write_text(
        "from ansvarsregler.classifier import Classifier\nfrom durable.engine import Host\n",
        encoding="utf-8",
    )
    (tmp_path / "kostra.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from ansvarsregler.cli import x\n",
        encoding="utf-8",
    )
    tree = modules(tmp_path)
    assert sorted(layer_breaches(tree)) == [
        "engine.cache imports ansvarsregler.presenters",
        "rules imports ansvarsregler.classifier",
    ]
    assert sorted(confinement_breaches(tree)) == [
        "engine.cache imports click",
        "rules imports durable.engine",
    ]
