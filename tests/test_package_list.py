"""pyproject.toml lists its packages by hand (ui/ installs as cartclinic_ui, resources/ as
cartclinic_resources): a new package folder missing from the list would be missing from every
installed program. Checked here without building a wheel (tests/test_wheel.py builds one)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_in_pyprojects_package_list():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    folders = {"cartclinic": ROOT / "cartclinic", **{
        name: ROOT / where for name, where in config["package-dir"].items()}}
    found = set()
    for package, folder in folders.items():
        for init in folder.rglob("__init__.py"):
            parts = init.parent.relative_to(folder).parts
            found.add(".".join([package, *parts]))
    assert found - listed == set(), "package folders missing from pyproject.toml's packages"
