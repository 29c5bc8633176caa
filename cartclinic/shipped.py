"""Where the files the program ships with are: protocols, tables, translations.

They live in the repository's `resources/` folder, which installs as the package
`cartclinic_resources` (pyproject.toml maps the folder to that name). Reading them through
`importlib.resources` finds them the same way in a checkout installed for development, in an
installed wheel and in the bundled program, instead of relative to a checkout that a wheel or a
bundle does not have.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = "cartclinic_resources"


def shipped_path(*parts: str) -> Path:
    """The path of a shipped file or folder, e.g. `shipped_path("protocols")`.

    Every way the program is installed (editable checkout, wheel, one-folder bundle) unpacks the
    package as plain files, so the location is a real folder that `Path` methods can glob.
    """
    root = Path(str(files(PACKAGE)))
    return root.joinpath(*parts)
