"""Find and load municipality profiles (``profiles/*.yaml``, shipped with the package)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ansvarsregler.errors import AnsvarError, Location
from ansvarsregler.files.models import load_model_file
from ansvarsregler.folding import plain_letters
from ansvarsregler.municipality.schema import Profile
from ansvarsregler.rules.loader import shipped_data_dir


class ProfileError(AnsvarError):
    """A profile that cannot be found or read."""


def profiles_dir() -> Path:
    return shipped_data_dir("profiles")


def shipped_profiles() -> dict[str, Path]:
    """The shipped profiles by name (file name without ``.yaml``), the template included."""
    return {path.stem: path for path in sorted(profiles_dir().glob("*.yaml"))}


def load_profile(name_or_path: str | Path) -> Profile:
    """A profile by shipped name (``verran``, ``bo``; case ignored) or by file path."""
    resolved = profile_file(name_or_path).resolve()
    return _load(resolved, resolved.stat().st_mtime_ns)


def profile_file(name_or_path: str | Path) -> Path:
    """The file a profile is read from: the path given, else the shipped profile so named."""
    path = Path(name_or_path)
    if not path.is_file():
        found = shipped_profiles().get(_file_name(str(name_or_path)))
        if found is None:
            raise ProfileError(
                "profile.not_found",
                Location(file=str(name_or_path)),
                names=", ".join(shipped_profiles()),
            )
        path = found
    return path


def _file_name(name: str) -> str:
    """How a profile file is named: ``Bø`` → ``bo``, ``Nøtterøy`` → ``notteroy``."""
    return plain_letters(name).removesuffix(".yaml")


@lru_cache(maxsize=32)
def _load(path: Path, modified: int) -> Profile:
    """The profile at ``path``, read again when the file changes (``modified``)."""
    return load_model_file(path, Profile, ProfileError, text_scalars=True)
