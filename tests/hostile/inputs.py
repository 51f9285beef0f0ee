"""Valid inputs of every kind the readers take, for the hostile cases to break.

Everything is made by the tests in temporary folders: no hostile file is
committed, so none can be opened by accident or flagged by a scanner.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl

from ansvarsregler.municipality.profiles import shipped_profiles
from ansvarsregler.rules.loader import default_rules_dir

GOALS = [
    {
        "id": "skole-mobbing",
        "title": "Andelen elever som opplever mobbing på skolen skal under 4 %",
        "service_area": "skole",
        "kostra_function": "202",
        "goal_type": "service_quality",
        "influence": "partial",
        "budget_impact": "within_budget",
        "budget_frame": "unit",
    },
    {"id": "barnehage", "title": "Øke barnehagedekningen"},
]

GOALS_YAML = """\
# Mål for skole og barnehage.
goals:
  - id: skole-mobbing
    title: Andelen elever som opplever mobbing på skolen skal under 4 %
    service_area: skole
    kostra_function: "202"
    goal_type: service_quality
    influence: partial
    budget_impact: within_budget
    budget_frame: unit

  - id: barnehage
    title: Øke barnehagedekningen
"""

CSV_HEADER = ["Mål-id", "Mål", "Tjenesteområde", "Måltype", "Påvirkning", "Budsjettvirkning"]
CSV_ROWS = [
    ["skole-mobbing", "Mobbing skal under 4 %", "skole", "kvalitet", "delvis", "innenfor rammen"],
    ["barnehage", "Øke barnehagedekningen", "", "", "", ""],
]


def goals_json() -> str:
    return json.dumps({"goals": GOALS}, ensure_ascii=False, indent=2)


def goals_jsonl() -> str:
    return "".join(json.dumps(goal, ensure_ascii=False) + "\n" for goal in GOALS)


def goals_csv(delimiter: str = ";", newline: str = "\r\n") -> str:
    lines = [delimiter.join(row) for row in (CSV_HEADER, *CSV_ROWS)]
    return newline.join(lines) + newline


def workbook(rows: list[list[object]] | None = None, title: str = "Mål") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows if rows is not None else [CSV_HEADER, *CSV_ROWS]:
        sheet.append(row)
    return book


#: The document properties of every generated workbook: openpyxl writes the time of saving
#: there, and a workbook that differs from run to run would make the fuzzing flaky.
_CORE_PROPERTIES = (
    b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
    b'package/2006/metadata/core-properties"/>'
)


def xlsx_bytes(book: openpyxl.Workbook | None = None) -> bytes:
    """``book`` saved as the same bytes every time (default: the valid goals)."""
    buffer = io.BytesIO()
    (book or workbook()).save(buffer)
    return rezip(buffer.getvalue(), {"docProps/core.xml": _CORE_PROPERTIES})


def rezip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    """The zip ``data`` with parts replaced (``None``: left out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            info.date_time = (2024, 1, 1, 0, 0, 0)
            if info.filename in replace:
                part = replace[info.filename]
                if part is not None:
                    target.writestr(info, part)
            else:
                target.writestr(info, source.read(info))
        for name, part in replace.items():
            if name not in source.namelist() and part is not None:
                target.writestr(name, part)
    return out.getvalue()


def declared_size(data: bytes, part: str, size: int) -> bytes:
    """The zip ``data`` with ``part``'s uncompressed size stated as ``size`` (a lie).

    Both the local header and the central directory say it, as a zip bomb's
    would; the compressed bytes are unchanged.
    """
    out = bytearray(data)
    name = part.encode()
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = out.find(signature)
        while at != -1:
            if out[at + name_at : at + name_at + len(name)] == name:
                out[at + offset : at + offset + 4] = size.to_bytes(4, "little")
            at = out.find(signature, at + 4)
    return bytes(out)


def profile_text(name: str = "verran") -> str:
    return shipped_profiles()[name].read_text(encoding="utf-8")


def copy_rules(target: Path) -> Path:
    shutil.copytree(default_rules_dir(), target)
    return target
