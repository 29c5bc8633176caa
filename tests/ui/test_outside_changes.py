"""The window notices a change made outside it (a command line's import, a restore) and reloads
before the next action; an action chosen on the old lists is refused, never saved to whichever
patient the old row's number now stands for. One roster, one lock, whatever path leads to it."""

import os
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from cartclinic_ui.dialogs.record_visit import RecordVisitDialog
from cartclinic_ui.models.base import OBJECT_ROLE
from cartclinic_ui.roster_lock import RosterInUse, RosterLock
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from ui_helpers import WHO, add_patient, click_when_shown

from cartclinic import views
from cartclinic.roster import Roster
from cartclinic.store.sqlite import seal
from cartclinic.store.sqlite.restore import restore

MAYA, YANG = "Maya Nguyen", "杨平"


def _due_lines(window):
    model = window.worklist.sections[views.DUE_TODAY].model
    return [model.index(r, 0).data(OBJECT_ROLE) for r in range(model.rowCount())]


def _line_of(window, name):
    return next(line for line in _due_lines(window) if line.visit.patient_name == name)


def _records_of(ctx, name):
    patient = next(p for p in ctx.roster.store.patients() if p.name == name)
    return ctx.roster.store.records(patient.id)


def _save_the_record_dialog(dialog):
    if isinstance(dialog, RecordVisitDialog):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _notice_says_changed_outside(window) -> bool:
    box = window.outside_notice
    return box is not None and box.isVisible() and "changed outside this window" in box.text()


@pytest.fixture
def backup_in_other_order(tmp_path):
    """A backup whose patients were entered the other way round: each visit number of Maya's
    in the open roster is 杨平's in the backup."""
    path = tmp_path / "backup.db"
    other = Roster.open(path)
    add_patient(other, "M002", YANG)
    add_patient(other, "M001", MAYA)
    from cartclinic.users import Staff

    Staff(other.store).add(WHO, "2468", "admin", "setup")
    other.close()
    return path


def test_a_restore_from_the_command_line_is_noticed_and_record_visit_never_lands_on_another(
        staff, roster, ctx, window, qtbot, backup_in_other_order):
    add_patient(roster, "M001", MAYA)
    ctx.changed.emit()
    shown = _line_of(window, MAYA)
    restore(roster.store.path, backup_in_other_order, "ward IT (command line)")
    now_for = ctx.roster.store.patient(ctx.roster.store.visit(shown.visit.id).patient_id)
    assert now_for.name == YANG, "the old row's visit number is now another patient's"
    click_when_shown(_save_the_record_dialog)  # whatever dialog opened would be saved
    assert not window.visit_actions.record(shown, window), "refused: the lists were stale"
    assert _notice_says_changed_outside(window)
    assert _records_of(ctx, YANG) == [] and _records_of(ctx, MAYA) == []
    # reloaded: Maya's row now carries her visit in the restored roster, and recording it
    # lands on her
    fresh = _line_of(window, MAYA)
    assert ctx.roster.store.patient(ctx.roster.store.visit(fresh.visit.id).patient_id).name == MAYA
    click_when_shown(_save_the_record_dialog)
    assert window.visit_actions.record(fresh, window)
    assert len(_records_of(ctx, MAYA)) == 1 and _records_of(ctx, YANG) == []


def test_a_write_by_another_connection_refuses_the_open_dialog_and_reloads(
        staff, roster, ctx, window, qtbot):
    p = add_patient(roster, "M001", MAYA)
    ctx.changed.emit()
    visit = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D10")
    dialog = RecordVisitDialog(ctx, visit, p, window)
    qtbot.addWidget(dialog)
    dialog.show()
    other = Roster.open(roster.store.path)  # a command line importing while the window is open
    try:
        add_patient(other, "M002", YANG)
    finally:
        other.close()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible(), "the dialog opened on the old lists is closed unsaved"
    assert _notice_says_changed_outside(window)
    assert _records_of(ctx, MAYA) == []
    assert {line.visit.patient_name for line in _due_lines(window)} == {MAYA, YANG}, "reloaded"


def test_the_timer_reloads_the_lists_after_another_file_is_put_at_the_roster_path(
        staff, roster, ctx, window, tmp_path, backup_in_other_order):
    add_patient(roster, "M001", MAYA)
    ctx.changed.emit()
    old_store = ctx.roster.store
    assert window.outside_watch.isActive() and window.outside_watch.interval() <= 5000
    old_store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as a restore that moves it
    copy = tmp_path / "replacement.db"
    shutil.copy(backup_in_other_order, copy)
    os.replace(copy, roster.store.path)  # a restore that replaces the file
    seal.remove(roster.store.path)  # (and the seal naming the old file's last change)
    window.watch_roster()  # what the timer calls
    assert ctx.roster.store is not old_store
    assert {line.visit.patient_name for line in _due_lines(window)} == {MAYA, YANG}
    assert _notice_says_changed_outside(window)
    window.watch_roster()
    assert ctx.roster.store is not old_store, "once reloaded, nothing more to do"


def test_the_window_own_writes_are_no_outside_change(staff, roster, ctx, window):
    store = ctx.roster.store
    add_patient(roster, "M001", MAYA)
    ctx.write(lambda: None)
    window.watch_roster()
    assert ctx.roster.store is store and window.outside_notice is None


def test_one_roster_one_lock_whatever_path_leads_to_it(tmp_path):
    real = tmp_path / "ward" / "roster.db"
    real.parent.mkdir()
    Roster.open(real).close()
    link = tmp_path / "shortcut.db"
    link.symlink_to(real)
    first = RosterLock(real)
    first.acquire("Nurse Chen")
    try:
        with pytest.raises(RosterInUse):
            RosterLock(link).acquire("Nurse Lee")
        with pytest.raises(RosterInUse):
            RosterLock(tmp_path / "ward" / ".." / "ward" / "roster.db").acquire("Nurse Lee")
    finally:
        first.release()


def test_a_clock_behind_the_roster_is_named_in_a_banner(staff, roster, ctx, window):
    newest = datetime.fromisoformat(list(roster.store.audit_rows())[-1]["at"])
    assert window.clock_banner.isHidden()
    ctx.utc_now = lambda: newest - timedelta(days=365)
    window.watch_roster()
    assert window.clock_banner.isVisible()
    text = window.clock_banner.text()
    assert f"{newest - timedelta(days=365):%Y-%m-%d %H:%M}" in text
    assert f"{newest.astimezone(UTC):%Y-%m-%d %H:%M}" in text and "Set the PC's date" in text
    ctx.utc_now = lambda: newest + timedelta(minutes=1)
    window.watch_roster()
    assert window.clock_banner.isHidden()
    assert QApplication.instance() is not None
