"""The arrows go one way: ui -> cartclinic. Importing every core module must not load Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import cartclinic


def test_importing_every_core_module_leaves_pyside6_out():
    names = [m.name for m in pkgutil.walk_packages(cartclinic.__path__, "cartclinic.")
             if m.name != "cartclinic.__main__"]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(names) > 15
