"""The picture of the structure (docs/structure.svg) is drawn from the code's own imports by
scripts/structure.py (issue 14: "a picture of the structure shows no SQLite name above the
store"): it must be current, and no import may break the layering it draws."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _structure():
    spec = importlib.util.spec_from_file_location("structure", ROOT / "scripts" / "structure.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_structure_picture_is_current_and_no_import_breaks_the_layering(capsys):
    structure = _structure()
    assert structure.main(["--check"]) == 0, capsys.readouterr().err


def test_nothing_above_the_port_imports_a_backend_and_only_open_store_picks_one():
    structure = _structure()
    counted, broken, _pairs = structure.edges()
    assert broken == []
    above = {structure.UI, structure.CLI, structure.CORE}
    assert not any(src in above and dest in structure.BACKENDS for src, dest in counted)


def test_an_import_of_a_backend_from_above_the_port_would_be_drawn_red_and_fail():
    structure = _structure()
    assert structure.breaks(structure.CORE, structure.SQLITE, "cartclinic.roster")
    assert structure.breaks(structure.UI, structure.POSTGRES, "cartclinic_ui.app")
    assert structure.breaks(structure.PORT, structure.SQLITE, "cartclinic.store.move")
    assert not structure.breaks(structure.PORT, structure.SQLITE, "cartclinic.store")
    assert structure.breaks(structure.CORE, structure.UI, "cartclinic.views")


def test_the_layers_are_read_from_module_names():
    structure = _structure()
    assert structure.layer_of("cartclinic_ui.app") == structure.UI
    assert structure.layer_of("cartclinic.cli_patient") == structure.CLI
    assert structure.layer_of("cartclinic.store.sqlite.seal") == structure.SQLITE
    assert structure.layer_of("cartclinic.store.postgres") == structure.POSTGRES
    assert structure.layer_of("cartclinic.store.move") == structure.PORT
    assert structure.layer_of("cartclinic.roster") == structure.CORE
    assert structure.layer_of("psycopg") is None
