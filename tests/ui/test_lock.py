"""The idle lock hides every patient until a PIN is given; one program per roster."""

import os
import subprocess
import sys
import textwrap

import pytest
from cartclinic_ui.dialogs.record_visit import RecordVisitDialog
from cartclinic_ui.roster_lock import RosterInUse, RosterLock, info_path, lock_path
from conftest import ADMIN_PIN, NURSE, NURSE_PIN
from PySide6.QtWidgets import QApplication
from ui_helpers import WHO, add_patient, visible_texts

NAME = "Margaret Smith"


@pytest.fixture
def busy_window(staff, roster, ctx, window, qtbot):
    """A patient page open and a visit half recorded: what a nurse leaves when called away."""
    p = add_patient(roster, name=NAME)
    ctx.changed.emit()
    window.open_patient(p.id)
    visit = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D10")
    dialog = RecordVisitDialog(ctx, visit, p, window)
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText(f"{NAME} felt well")
    dialog.show()
    assert any(NAME in t for t in visible_texts())
    return window, dialog


def _unlock(window, name, pin) -> bool:
    dialog = window.unlock_dialog
    dialog.name.setText(name)
    dialog.pin.setText(pin)
    return dialog.try_sign_in()


def test_idle_time_locks_and_no_patient_name_is_visible(busy_window, qtbot):
    window, record = busy_window
    window.idle.timer.setInterval(50)
    window.idle.timer.start()
    qtbot.waitUntil(window.is_locked, timeout=2000)
    QApplication.processEvents()
    texts = visible_texts()
    assert not [t for t in texts if NAME in t], "a patient's name is readable behind the lock"
    assert window.unlock_dialog.isVisible() and WHO in window.unlock_dialog.name.text()
    assert not window.menuBar().isEnabled()
    assert not window.idle.timer.isActive(), "no second lock on top of the first"


def test_the_same_pin_unlocks_and_the_half_typed_visit_is_still_there(busy_window, ctx):
    window, record = busy_window
    window.lock()
    window.unlock_dialog.reject()  # Esc does not take the lock away
    assert window.is_locked() and window.unlock_dialog.isVisible()
    assert not _unlock(window, WHO, "9999")
    assert window.is_locked()
    assert "wrong PIN" in window.unlock_dialog.errors.labels["pin"].text()
    assert _unlock(window, WHO, ADMIN_PIN)
    assert not window.is_locked() and window.idle.timer.isActive()
    assert record.isVisible() and record.notes.toPlainText() == f"{NAME} felt well"
    assert record.windowTitle().startswith("Record visit")
    assert any(NAME in t for t in visible_texts())
    assert ctx.who == WHO


def test_another_person_signing_in_takes_over(busy_window, ctx):
    window, _record = busy_window
    window.lock_action.trigger()
    assert window.is_locked()
    assert _unlock(window, NURSE, NURSE_PIN)
    assert ctx.who == NURSE and NURSE in window.windowTitle()
    assert not window.settings_action.isEnabled(), "a nurse: admin actions closed"


def test_a_second_program_on_the_roster_is_told_who_has_it(tmp_path, staff, ctx, roster, qtbot):
    from cartclinic_ui.main_window import MainWindow

    db = roster.store.path
    first = RosterLock(db)
    first.acquire()
    window = MainWindow(ctx, first)
    qtbot.addWidget(window)
    assert WHO in info_path(db).read_text(encoding="utf-8")
    assert oct(os.stat(info_path(db)).st_mode & 0o777) == "0o600"
    ctx.sign_in(staff.sign_in(NURSE, NURSE_PIN, ctx.now()))  # someone else takes over
    second = RosterLock(db)
    with pytest.raises(RosterInUse) as refused:
        second.acquire()
    assert NURSE in str(refused.value) and "already open" in str(refused.value)
    first.release()
    second.acquire()  # free again once the first has closed
    second.release()
    assert not lock_path(db).exists() and not info_path(db).exists()


def test_a_lock_left_by_a_program_that_died_is_taken_over(tmp_path):
    db = tmp_path / "roster.db"
    script = textwrap.dedent(f"""
        import os
        from PySide6.QtCore import QLockFile
        lock = QLockFile({str(lock_path(db))!r})
        assert lock.tryLock(0)
        os._exit(0)  # dies holding the lock, as a crash or a power cut would
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert lock_path(db).exists()
    lock = RosterLock(db)
    lock.acquire("Nurse Chen")
    assert lock.lock.isLocked()
    lock.release()


def test_a_key_anywhere_restarts_the_idle_clock_once_the_window_has_painted(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    qtbot.waitExposed(window)
    qtbot.wait(50)  # the application-wide watch begins after the first paint
    window.idle.timer.stop()
    QTest.keyClick(window, Qt.Key.Key_Shift)
    assert window.idle.timer.isActive(), "activity is seen: the lock counts from the last key"
