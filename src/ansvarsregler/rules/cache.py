"""A loaded rule set kept in the user's cache folder, so that a run starts without YAML.

Reading and validating the shipped rules (thirty YAML files) takes longer
than classifying the whole goal catalog. A rule set that loaded without an
error is kept as a pickle named by a SHA-256 of everything its loading
depends on: every file the loader reads (path and bytes), the folder as
named, the source of the modules that decide what it holds, the Python,
pydantic and PyYAML versions and the ``ANSVARSREGLER_LIMIT_*`` settings. Any
change gives another name, so a kept file is never stale. It is read only if
its checksum (over the name and the content) holds and, on POSIX, only if
the user owns it and its folder, no one else can write to either, and
neither is a link. Anything wrong with the cache (a folder that cannot be
written, a file cut short) only means loading as usual. The folder is safe
to delete at any time.

Where: ``ANSVARSREGLER_CACHE_DIR`` if set (``off`` keeps nothing), else the
platform's cache folder: ``$XDG_CACHE_HOME/ansvarsregler`` or
``~/.cache/ansvarsregler`` on Linux, ``~/Library/Caches/ansvarsregler`` on
macOS, ``%LOCALAPPDATA%\\ansvarsregler\\Cache`` on Windows.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pydantic
import yaml

from ansvarsregler import limits, model_base, vocabulary
from ansvarsregler.files import models as file_models
from ansvarsregler.files import safe_yaml
from ansvarsregler.limits import ENVIRONMENT_PREFIX, FILE_SIZE
from ansvarsregler.reading import schema as reading_schema
from ansvarsregler.rules import schema as rules_schema

if TYPE_CHECKING:
    from ansvarsregler.rules.loader import Ruleset

#: The environment variable that chooses the cache folder, and its value that turns it off.
CACHE_VARIABLE = "ANSVARSREGLER_CACHE_DIR"
CACHE_OFF = "off"
#: Bumped when what is kept changes shape in a way the sources below would not show.
_FORMAT = b"ansvarsregler-regelsett-1"
_CHECKSUM_BYTES = hashlib.sha256().digest_size

#: The modules whose code decides what a loaded rule set holds (the loader's own is added
#: when it is loaded: it imports this module).
_CODE: tuple[ModuleType, ...] = (
    rules_schema,
    reading_schema,
    model_base,
    vocabulary,
    limits,
    safe_yaml,
    file_models,
    sys.modules[__name__],
)


def cache_folder() -> Path | None:
    """Where loaded rule sets are kept; ``None`` when keeping is turned off."""
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen is not None and chosen.strip():
        return None if chosen.strip().lower() == CACHE_OFF else Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "ansvarsregler" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ansvarsregler"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ansvarsregler"


def load_kept(folder: Path, load: Callable[[Path], Ruleset], sources: list[Path]) -> Ruleset:
    """``load(folder)``, or the rule set it gave before for exactly the same ``sources`` (every
    file loading reads)."""
    where = cache_folder()
    if where is None:
        return load(folder)
    try:
        key = _key(folder, sources)
    except OSError:  # a file that went away or cannot be read: loading will say which
        return load(folder)
    kept = where / f"regelsett-{key}.pickle"
    ruleset = _read(kept, key)
    if ruleset is not None and ruleset.directory == str(folder):
        return ruleset
    ruleset = load(folder)
    _write(kept, key, ruleset)
    return ruleset


def _key(folder: Path, sources: list[Path]) -> str:
    """A SHA-256 of everything loading ``folder`` depends on."""
    digest = hashlib.sha256(_FORMAT)
    for part in (str(folder), sys.version, pydantic.VERSION, yaml.__version__):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for module in _CODE:
        digest.update(Path(str(module.__file__)).read_bytes())
    loader = sys.modules.get("ansvarsregler.rules.loader")
    if loader is not None:
        digest.update(Path(str(loader.__file__)).read_bytes())
    for name, value in sorted(os.environ.items()):
        if name.startswith(ENVIRONMENT_PREFIX):
            digest.update(f"{name}={value}\0".encode("utf-8", "surrogateescape"))
    largest = FILE_SIZE.value()
    for path in sources:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > largest:
            # a pipe, a device or a file over the limit: loading refuses it, with its name
            raise _NotKept(path)
        digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_file_hash(path))
    return digest.hexdigest()


def _file_hash(path: Path) -> bytes:
    """The SHA-256 of a file, read a megabyte at a time (``hashlib.file_digest`` is 3.11+)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.digest()


class _NotKept(OSError):
    """A rule folder holds a file that is not a regular file of a size loading accepts."""


def _read(kept: Path, key: str) -> Ruleset | None:
    """The rule set in ``kept`` if it is there, whole, made for ``key``, and only ours to
    write (the file and its folder)."""
    from ansvarsregler.rules.loader import Ruleset

    try:
        if not (_trusted(kept.parent) and _trusted(kept)):
            return None
        data = kept.read_bytes()
    except OSError:
        return None
    checksum, body = data[:_CHECKSUM_BYTES], data[_CHECKSUM_BYTES:]
    if _checksum(key, body) != checksum:  # cut short, changed, or another key's file
        return None
    try:
        ruleset = pickle.loads(body)  # the user's own file, its checksum verified
    except Exception:  # a file from another version of a class: load anew
        return None
    return ruleset if isinstance(ruleset, Ruleset) else None


def _checksum(key: str, body: bytes) -> bytes:
    return hashlib.sha256(key.encode("ascii") + body).digest()


def _trusted(path: Path) -> bool:
    """Whether ``path`` (not a link) is the user's and no one else may write to it (POSIX)."""
    status = path.lstat()
    if stat.S_ISLNK(status.st_mode):
        return False
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _write(kept: Path, key: str, ruleset: Ruleset) -> None:
    """Keep ``ruleset`` in ``kept`` whole or not at all; a cache that cannot be written is
    no error."""
    try:
        body = pickle.dumps(ruleset, protocol=pickle.HIGHEST_PROTOCOL)
        kept.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, name = tempfile.mkstemp(dir=kept.parent, prefix=".regelsett-")
        try:
            with open(descriptor, "wb") as handle:
                handle.write(_checksum(key, body) + body)
            os.replace(name, kept)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
