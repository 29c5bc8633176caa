"""The automatic backup runs on a worker thread: the start backup begins once the window is shown
and never holds up the worklist; after N changes one is made on the worker; a trigger while one
runs is skipped; a failure warns without blocking; quitting and restoring wait for it."""

import json
import threading
from dataclasses import replace
from datetime import timedelta

import pytest
from cartclinic_ui import app
from ui_helpers import NOW, WHO, add_patient, ready_roster, run_program, show_page

from cartclinic import backups
from cartclinic.roster import Roster
from cartclinic.store.sqlite import files

REAL_BACKUP_FILE = backups.backup_file


def _backup_notes(store) -> list[dict]:
    return [json.loads(r["new"]) | {"who": r["who"]} for r in store.audit_rows()
            if r["action"] == "note" and r["row_id"] == "backup"]


@pytest.fixture
def held(monkeypatch):
    """backup_file held on its worker until `release` is set; records each call's thread."""

    class Held:
        started = threading.Event()
        release = threading.Event()
        threads: list[int] = []

    def slow(db_path, now):
        Held.threads.append(threading.get_ident())
        Held.started.set()
        assert Held.release.wait(10), "the test never released the backup"
        return REAL_BACKUP_FILE(db_path, now)

    monkeypatch.setattr(backups, "backup_file", slow)
    yield Held
    Held.release.set()  # never leave a worker waiting


def test_the_start_backup_runs_on_a_worker_and_is_noted(roster, ctx, window, qtbot, held):
    assert app.backup_at_start(ctx)
    qtbot.waitUntil(held.started.is_set)
    assert ctx.backups.running() and held.threads != [threading.get_ident()]
    # while the copy runs, the nurse goes on working on the GUI thread
    ctx.write(lambda: add_patient(roster, "M001"))
    assert show_page(window, window.roster_page).model.rowCount() == 1, "the views follow at once"
    assert _backup_notes(roster.store) == [], "noted only once the backup is made"
    held.release.set()
    qtbot.waitUntil(lambda: not ctx.backups.running())
    made = files.backup_dir(roster.store.path) / "roster-20260302-093000-1-auto.db"
    assert made.exists() and files.check_file(made) == "ok"
    assert _backup_notes(roster.store) == [
        {"to": str(made), "automatic": True, "who": "automatic backup"}]
    assert roster.store.changes_since_backup == 1, "the patient added meanwhile counts on"


def test_the_start_backup_begins_after_the_window_is_shown(tmp_path, qtbot, monkeypatch):
    db = ready_roster(tmp_path / "ward.db")
    seen = {}

    def during(window):
        seen["shown"] = window.isVisible()
        seen["running before the loop"] = window.ctx.backups.running()

    assert run_program(db, qtbot, monkeypatch, during) == 0
    after = Roster.open(db)
    notes = _backup_notes(after.store)
    after.close()
    assert seen["shown"] and not seen["running before the loop"], \
        "the worklist is on screen before the backup begins"
    assert len(notes) == 1 and notes[0]["automatic"] is True


def test_after_n_changes_a_backup_is_made_on_the_worker(roster, ctx, window, qtbot,
                                                        monkeypatch):
    threads = []

    def recorded(db_path, now):
        threads.append(threading.get_ident())
        return REAL_BACKUP_FILE(db_path, now)

    monkeypatch.setattr(backups, "backup_file", recorded)
    roster.save_settings(replace(roster.settings(), backup_every_changes=2), WHO)
    roster.store.changes_since_backup = 0
    ctx._now = lambda: NOW + timedelta(minutes=5)
    later = files.backup_dir(roster.store.path) / "roster-20260302-093500-1-auto.db"
    ctx.write(lambda: add_patient(roster, "M001"))
    assert not ctx.backups.running() and threads == [], "one change: not yet"
    ctx.write(lambda: add_patient(roster, "M002", "Second"))
    qtbot.waitUntil(lambda: not ctx.backups.running())
    assert threads and threads[0] != threading.get_ident(), "made on a worker thread"
    assert later.exists() and files.check_file(later) == "ok"
    assert [n["to"] for n in _backup_notes(roster.store)] == [str(later)]
    assert roster.store.changes_since_backup == 0
    assert [p.name for p in later.parent.glob("*-auto.db")] == [later.name]


def test_two_triggers_in_a_row_make_one_backup(roster, ctx, qtbot, held):
    roster.save_settings(replace(roster.settings(), backup_every_changes=1), WHO)
    assert app.backup_at_start(ctx)
    assert not app.backup_at_start(ctx), "a second start while one runs is skipped"
    ctx.write(lambda: add_patient(roster, "M001"))  # due after 1 change: skipped too
    qtbot.waitUntil(held.started.is_set)
    held.release.set()
    qtbot.waitUntil(lambda: not ctx.backups.running())
    assert len(held.threads) == 1
    assert len(_backup_notes(roster.store)) == 1
    assert len(list(files.backup_dir(roster.store.path).glob("*-auto.db"))) == 1


def test_a_failed_backup_warns_without_blocking(roster, ctx, window, qtbot, monkeypatch):
    def disk_full(db_path, now):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "backup_file", disk_full)
    roster.store.changes_since_backup = 7
    with qtbot.waitSignal(ctx.backupFailed, timeout=5000) as failed:
        assert app.backup_at_start(ctx)
    assert failed.args[1] is True
    box = window.backup_warning
    assert box is not None and box.isVisible() and not box.isModal()
    assert "No space left on device" in box.text() and "each start" in box.text()
    assert roster.store.changes_since_backup == 0, "not tried again after every write"
    assert _backup_notes(roster.store) == []
    ctx.write(lambda: add_patient(roster, "M001"))  # the nurse goes on working
    box.close()


def test_closing_the_roster_waits_for_a_running_backup(roster, ctx, qtbot, held):
    db = roster.store.path
    assert app.backup_at_start(ctx)
    qtbot.waitUntil(held.started.is_set)
    threading.Timer(0.3, held.release.set).start()
    ctx.close_roster()  # as on quitting: blocks until the backup is made and noted
    assert not ctx.backups.running()
    again = Roster.open(db)
    try:
        notes = _backup_notes(again.store)
    finally:
        again.close()
    assert len(notes) == 1 and notes[0]["to"].endswith("-auto.db")


def test_a_restore_waits_for_a_running_backup(staff, roster, ctx, window, qtbot, held,
                                              monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    made = window.work.backup()
    assert app.backup_at_start(ctx)
    qtbot.waitUntil(held.started.is_set)
    threading.Timer(0.3, held.release.set).start()
    assert window.work.restore(str(made))
    assert not ctx.backups.running()
    assert len(list(files.backup_dir(ctx.roster.store.path).glob("*-auto.db"))) == 1
