"""File › Upgrade protocols…: the list first; nothing changes until the admin ticks that they
read it and presses Apply; then a backup, and exactly the listed changes."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import NOW, TODAY, WHO, add_patient, click_when_shown

from cartclinic.model import User
from cartclinic.protocol import default_protocol_dir
from cartclinic.roster import Roster
from cartclinic.store.sqlite import files


@pytest.fixture
def old_ctx(tmp_path, qapp):
    """A roster whose patient was entered on the 2026-11 defaults (D10 ± 1, no Y16–Y25)."""
    from cartclinic_ui.context import AppContext

    db = tmp_path / "ward" / "roster.db"
    folder = files.clinic_protocol_dir(db)
    folder.mkdir(parents=True)
    for f in (default_protocol_dir() / "history").glob("*.toml"):
        shutil.copy(f, folder / f.name)
    r = Roster.open(db)
    r.save_settings(replace(r.settings(), clinic_name="Test clinic",
                            extra={"configured": "1"}), WHO)
    add_patient(r, days_ago=5)  # D10 on 7 Mar: still to come
    r.close()
    shutil.rmtree(folder)
    r = Roster.open(db)
    c = AppContext(r, User(WHO, "admin"), clock=lambda: TODAY, now=lambda: NOW)
    yield c
    c.backups.wait()
    r.close()


def _window(ctx, qtbot):
    from cartclinic_ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    return w


def _d10(ctx):
    return next(v for v in ctx.roster.store.visits() if v.code == "D10")


def test_the_upgrade_dialog_lists_first_and_applies_only_when_ticked(old_ctx, qtbot):
    window = _window(old_ctx, qtbot)
    before = _d10(old_ctx)
    assert (before.window_start, before.window_end) == (TODAY + timedelta(days=4),
                                                        TODAY + timedelta(days=6))
    seen = {}

    def in_dialog(dialog):
        seen["text"] = dialog.listing.toPlainText()
        seen["apply_enabled_at_first"] = dialog.apply_button.isEnabled()
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)  # disabled: nothing
        seen["unchanged"] = _d10(old_ctx) == before
        click_when_shown(lambda box: (seen.setdefault("done", box.text()),
                                      box.button(QMessageBox.StandardButton.Ok).click()))
        dialog.confirm.click()
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    click_when_shown(in_dialog)
    window.upgrade_action.trigger()
    assert "M001 Margaret Smith, treatment of 2026-02-25, b-all-cd19 2026-11 -> 2026-12" in seen["text"]
    assert "  move   D10     2026-03-06 (window 2026-03-06 to 2026-03-08)" in seen["text"]
    assert "Nothing was changed. Add --yes" not in seen["text"]
    assert seen["apply_enabled_at_first"] is False and seen["unchanged"] is True
    assert seen["done"].startswith("10 visit(s) added, 1 moved, 0 changed, 0 cancelled.")
    after = _d10(old_ctx)
    assert (after.window_start, after.window_end) == (TODAY + timedelta(days=3),
                                                      TODAY + timedelta(days=7))
    assert list(files.backup_dir(old_ctx.roster.store.path).glob("*.db")), "a backup first"
