"""Every case of the catalogue through the contract check."""

from __future__ import annotations

from pathlib import Path

import pytest

from .catalogue import CASES, Case, data
from .contract import Workspace


def write_files(folder: Path, case: Case) -> None:
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data(content))


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_hostile_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    space = Workspace.under(tmp_path)
    write_files(space.folder, case)
    monkeypatch.chdir(space.folder)
    stdin = data(case.stdin) if case.stdin is not None else None
    space.run(
        case.command(),
        case.expect(space.folder),
        stdin,
        subprocess_run=case.subprocess,
        timeout=case.timeout,
        env=case.env,
    )
