"""Waiting writers in the application (issue 14 item 5): a save that finds another program
writing the roster waits its turn and says so in the status bar, then lands."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox


def test_a_save_waits_for_another_program_and_says_so_in_the_status_bar(roster, ctx, window,
                                                                          monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    other = sqlite3.connect(roster.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of an import
    shown: list[str] = []

    def waited(_seconds: float) -> None:
        shown.append(window.statusBar().currentMessage())
        if other.in_transaction:
            other.execute("COMMIT")  # the import ends

    ctx.waiting.connect(waited)
    try:
        QTest.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Back up now
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert shown and shown[0].startswith("Waiting for another program to finish writing")
    assert told and "copied and checked" in told[0], "the backup and its note were saved"
    notes = [r for r in roster.store.audit_rows() if r["table_name"] == "note"]
    assert notes and "backup" in (notes[-1]["new"] or "")
