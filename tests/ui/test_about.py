"""Help › About names the version and where this PC keeps the roster, its backups, the log and
the settings: what ward IT asks for first."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import click_when_shown

from cartclinic.version import version


def test_help_about_shows_the_version_and_the_folders(window, ctx, qtbot):
    from cartclinic_ui.errors import log_path
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def read_and_close(box):
        seen.append(box.text() if isinstance(box, QMessageBox) else "")
        box.accept()

    help_menu = next(a.menu() for a in window.menuBar().actions() if "Help" in a.text())
    about = next(a for a in help_menu.actions() if "About" in a.text())
    click_when_shown(read_and_close)
    about.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    roster = Path(ctx.roster.store.path)
    text = seen[0]
    assert f"cartclinic {version()}" in text
    assert f"Roster: {roster}" in text
    assert f"Backups folder: {roster.parent / 'backups'}" in text
    assert f"Log folder: {log_path().parent}" in text
    assert "Settings: " in text
    # and whether the roster's disk is encrypted (issue 15, item 3), as `check` says it
    from cartclinic.disk_encryption import advice, disk_encryption

    assert advice(disk_encryption(roster)) in text
