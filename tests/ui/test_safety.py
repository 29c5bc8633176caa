"""Nothing lost: a damaged roster offers its newest good backup (the automatic backups are in
test_automatic_backup), a restore round-trips, a refused write keeps the dialog open with what was
typed, temporary PDFs and the log are owner-only and do not linger."""

import contextlib
import logging
import os
import sqlite3
import stat
from dataclasses import replace

import pytest
from cartclinic_ui import app
from cartclinic_ui.context import AppContext
from cartclinic_ui.dialogs.patient_dialog import PatientDialog
from cartclinic_ui.dialogs.record_visit import RecordVisitDialog
from cartclinic_ui.errors import start_log
from cartclinic_ui.restore_dialog import RestoreDialog
from cartclinic_ui.settings_dialog import SettingsDialog
from PySide6.QtWidgets import QMessageBox
from ui_helpers import NOW, TODAY, WHO, add_patient, click_when_shown, show_page

from cartclinic.backups import auto_backup
from cartclinic.errors import RosterProblem
from cartclinic.model import User
from cartclinic.roster import Roster
from cartclinic.store import open_maintenance
from cartclinic.store.sqlite import files
from cartclinic.users import Staff


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _damage(path) -> None:
    with open(path, "r+b") as f:
        f.write(b"this is no longer a database header")


def _click(text):
    def find(box):
        for button in box.buttons():
            if button.text() == text:
                button.click()
    return find


@pytest.fixture
def quiet(monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: told.append(a[2]))
    return told


def test_a_damaged_roster_offers_the_newest_good_backup_and_restores_it(tmp_path, quiet, qtbot):
    db = tmp_path / "ward.db"
    r = Roster.open(db)
    add_patient(r, "M001", "Kept Patient")
    Staff(r.store).add(WHO, "2468", "admin", "setup")  # a backup with patients has its admin
    auto_backup(r.store, NOW)
    add_patient(r, "M002", "After The Backup")
    r.close()
    _damage(db)
    assert app.is_damaged(db)
    click_when_shown(_click("Restore this backup"))
    reopened = app.open_roster(db)
    assert reopened is not None
    try:
        assert [p.mrn for p in reopened.store.patients()] == ["M001"]
    finally:
        reopened.close()
    kept = list(tmp_path.glob("ward.db.damaged-*"))
    assert len(kept) == 1, "the damaged file is moved aside, never overwritten"
    assert any("damaged file is kept" in t for t in quiet)


def test_a_damaged_roster_without_a_good_backup_is_not_touched(tmp_path, quiet, qtbot):
    db = tmp_path / "ward.db"
    Roster.open(db).close()
    _damage(db)
    before = db.read_bytes()
    click_when_shown(lambda box: box.accept())
    assert app.open_roster(db) is None
    assert db.read_bytes() == before


def _damage_events_page(path) -> None:
    """Damage a page the worklist never reads: only the integrity check finds it."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'").fetchone()[0]
    with open(path, "r+b") as f:
        f.seek(4096 * (page - 1))
        f.write(b"\xff" * 512)


def test_a_roster_found_damaged_after_it_opened_is_closed_and_its_backup_offered(tmp_path, quiet, qtbot):
    db = tmp_path / "ward.db"
    r = Roster.open(db)
    add_patient(r, "M001", "Kept Patient")
    Staff(r.store).add(WHO, "2468", "admin", "setup")  # a backup with patients has its admin
    auto_backup(r.store, NOW)
    r.close()
    _damage_events_page(db)
    opened = app.open_roster(db)
    assert opened is not None, "opens: the check runs while the worklist is read"
    ctx = AppContext(opened, User(WHO, "admin"), clock=lambda: TODAY, now=lambda: NOW)
    passed, quit_ = [], []
    click_when_shown(_click("Restore this backup"))
    app.watch_check(ctx, lambda: passed.append(ctx.roster), lambda: quit_.append(True))
    qtbot.waitUntil(lambda: bool(passed), timeout=10000)
    assert passed[0] is not opened, "the restored roster is open in its place and passed its check"
    assert not quit_
    assert [p.mrn for p in ctx.roster.store.patients()] == ["M001"]
    kept = [f for f in tmp_path.glob("ward.db.damaged-*") if not f.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1, "the damaged file is moved aside (with its -wal), never overwritten"
    ctx.close_roster()


def test_a_roster_found_damaged_after_it_opened_quits_when_no_backup_is_taken(tmp_path, quiet, qtbot):
    db = tmp_path / "ward.db"
    r = Roster.open(db)
    add_patient(r, "M001", "Only Patient")
    r.close()
    _damage_events_page(db)
    before = db.read_bytes()
    opened = app.open_roster(db)
    ctx = AppContext(opened, User(WHO, "admin"), clock=lambda: TODAY, now=lambda: NOW)
    with pytest.raises(RosterProblem, match="damaged"):
        add_patient(ctx.roster, "M002", "Refused")
    passed, quit_ = [], []
    click_when_shown(lambda box: box.accept())
    app.watch_check(ctx, lambda: passed.append(True), lambda: quit_.append(True))
    qtbot.waitUntil(lambda: bool(quit_), timeout=10000)
    assert not passed
    assert db.read_bytes() == before, "nothing was written to the damaged file"


def test_restore_lists_backups_newest_first_with_their_check(roster, ctx, qtbot):
    db = roster.store.path
    folder = files.backup_dir(db)
    older = roster.store.backup(folder / "ward-older.db")
    newer = roster.store.backup(folder / "ward-newer.db")
    broken = folder / "ward-broken.db"
    broken.write_bytes(b"not a roster at all" * 100)
    for age, path in ((3, older), (2, newer), (1, broken)):
        t = NOW.timestamp() - age * 3600
        os.utime(path, (t, t))
    dialog = RestoreDialog(open_maintenance(db))
    qtbot.addWidget(dialog)
    names = [dialog.table.model().index(r, 4).data() for r in range(dialog.table.model().rowCount())]
    assert names == ["ward-broken.db", "ward-newer.db", "ward-older.db"]
    assert "damaged" in dialog.table.model().index(0, 3).data()
    assert dialog.table.model().index(1, 3).data() == "passes"
    assert not dialog.restore_button.isEnabled(), "a damaged backup cannot be chosen"
    dialog.table.setCurrentIndex(dialog.table.model().index(1, 0))
    assert dialog.restore_button.isEnabled()


def test_restore_round_trips_from_the_file_menu(staff, roster, ctx, window, qtbot, quiet,
                                                monkeypatch):
    add_patient(roster, "M001", "Before")
    made = window.work.backup()
    assert made is not None
    add_patient(roster, "M002", "After")
    ctx.changed.emit()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    def choose(dialog):
        if isinstance(dialog, RestoreDialog):
            rows = dialog.model.rows()
            dialog.table.setCurrentIndex(dialog.proxy.mapFromSource(
                dialog.model.index(rows.index(next(b for b in rows if b.path == made)), 0)))
            dialog.restore_button.click()

    click_when_shown(choose)
    window.restore_action.trigger()
    assert [p.mrn for p in ctx.roster.store.patients()] == ["M001"]
    notes = [r for r in ctx.roster.store.audit_rows() if r["row_id"] == "restore"]
    assert notes and notes[-1]["who"] == WHO
    assert show_page(window, window.roster_page).model.rowCount() == 1, \
        "the views follow the restored roster"


def test_a_full_disk_keeps_the_record_visit_dialog_open_with_what_was_typed(roster, ctx,
                                                                            window, qtbot,
                                                                            monkeypatch):
    p = add_patient(roster)
    visit = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D10")

    def disk_full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(roster.store, "add_record", disk_full)
    dialog = RecordVisitDialog(ctx, visit, p, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes.setPlainText("fever last week, now well")
    dialog.lab_edits[0][1].setText("4.2")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert "disk holding the roster is full" in dialog.errors.general.text()
    assert not dialog.errors.general.isHidden()
    assert dialog.notes.toPlainText() == "fever last week, now well"
    assert dialog.lab_edits[0][1].text() == "4.2"
    assert roster.store.records(p.id) == []
    monkeypatch.undo()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()  # space freed: save again
    assert dialog.result() == dialog.DialogCode.Accepted
    assert roster.store.records(p.id)[0].notes == "fever last week, now well"


def test_a_read_only_roster_keeps_the_patient_dialog_open(roster, ctx, window, qtbot,
                                                          monkeypatch):
    def read_only(*_a, **_k):
        raise RosterProblem("The roster could not be saved: the roster file cannot be written "
                            "(it is read-only). Nothing of this change was saved.")

    monkeypatch.setattr(roster.store, "add_patient", read_only)
    dialog = PatientDialog(ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.mrn.setText("MRN-77")
    dialog.name.setText("李娜")
    dialog.born.setText("1980-02-03")
    dialog.diagnosis.setText("Relapsed B-ALL")
    dialog.treatment.product.setCurrentText("tisagenlecleucel (Kymriah)")
    dialog.treatment.check_protocol("b-all-cd19")
    dialog._save()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert "read-only" in dialog.errors.general.text()
    assert (dialog.mrn.text(), dialog.name.text()) == ("MRN-77", "李娜")
    assert roster.store.patients() == []


def test_the_preview_pdf_is_owner_only_and_gone_when_the_preview_closes(roster, ctx, window,
                                                                        qtbot):
    pytest.importorskip("cartclinic.documents.day_list", reason="documents still being written")
    add_patient(roster, days_ago=10)
    ctx.changed.emit()
    window.printing.day_list(TODAY)
    qtbot.waitUntil(lambda: window.printing.last_preview is not None, timeout=20_000)
    preview = window.printing.last_preview
    pdf = preview.pdf_path
    assert pdf.exists() and _mode(pdf) == 0o600 and _mode(pdf.parent) == 0o700
    preview.close()
    assert not pdf.exists()
    folder = window.printing.folder
    window.close()
    assert not folder.exists()


def test_the_log_is_owner_only(tmp_path):
    log = tmp_path / "cartclinic.log"
    log.write_text("older lines\n")
    os.chmod(log, 0o644)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        start_log(log)
        assert _mode(log) == 0o600
    finally:
        for h in root.handlers[:]:
            if h not in before:
                root.removeHandler(h)
                h.close()


def test_settings_keep_the_backup_interval(roster, ctx, qtbot):
    roster.save_settings(replace(roster.settings(), backup_every_changes=7), WHO)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.backup_every.value() == 7


def test_the_check_and_the_start_backup_wait_for_the_first_paint(qtbot):
    from PySide6.QtWidgets import QLabel

    label = QLabel("worklist")
    qtbot.addWidget(label)
    ran = []
    app.AfterFirstPaint(label, lambda: ran.append(label.isVisible()))
    assert ran == []
    label.show()
    qtbot.waitUntil(lambda: bool(ran))
    label.update()
    qtbot.wait(50)
    assert ran == [True], "once, after the window has painted"


def test_the_check_runs_while_the_first_dialog_waits_for_a_person(tmp_path, monkeypatch, qtbot):
    from cartclinic_ui.settings_dialog import SettingsDialog

    db = tmp_path / "ward.db"
    Roster.open(db).close()
    roster = app.open_roster(db)
    ctx = AppContext(roster, clock=lambda: TODAY, now=lambda: NOW)
    check = roster.store._check
    assert check is not None and not check.started(), "opening does not start it"
    seen = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: seen.append(check.started()) or 0)
    assert not app.sign_in(ctx, None)
    assert seen == [True], "started before the dialog waits for the first admin's details"
    ctx.close_roster()


def test_an_older_roster_is_upgraded_with_a_notice_on_screen_that_goes_when_it_is_done(
        tmp_path, qtbot, monkeypatch):
    import shutil
    from pathlib import Path

    from PySide6.QtWidgets import QLabel

    old = tmp_path / "ward.db"
    shutil.copy(Path(__file__).parent.parent / "fixtures" / "roster-0002_users.db", old)
    shown = []
    real_notice = app.upgrade_notice

    def notice():
        widget = real_notice()
        shown.append((widget, widget.isVisible(), widget.findChildren(QLabel)))
        return widget

    monkeypatch.setattr(app, "upgrade_notice", notice)
    roster = app.open_roster(old)
    try:
        from cartclinic.store.sqlite.schema import STEPS

        assert roster is not None and roster.store.schema_version()[-1] == STEPS[-1][0]
        (widget, visible, labels), = shown
        assert visible and any("Updating the roster" in label.text() for label in labels)
        assert not widget.isVisible(), "closed once the roster is open"
    finally:
        roster.close()
