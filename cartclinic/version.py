"""The program's version, in one place: both commands' `--version` and Help › About ask here.

An installed program (wheel, `pip install -e .`, the bundle) has it in its package metadata; a
checkout run without installing reads it from pyproject.toml beside the package."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def version() -> str:
    try:
        return metadata.version("cartclinic")
    except metadata.PackageNotFoundError:
        pass
    try:
        with PYPROJECT.open("rb") as f:
            return str(tomllib.load(f)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def version_line(program: str) -> str:
    """What `--version` prints: `cartclinic 0.1.0`."""
    return f"{program} {version()}"
