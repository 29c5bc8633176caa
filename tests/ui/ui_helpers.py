"""Shared by the UI tests: the frozen today, who is working, a quick way to add a patient."""

from datetime import date, datetime, timedelta

from cartclinic.model import Patient
from cartclinic.roster import NewTreatment

TODAY = date(2026, 3, 2)  # a Monday
NOW = datetime(2026, 3, 2, 9, 30)  # the wall clock on that morning (lockouts, backup names)
WHO = "Nurse Test"


def ready_roster(path):
    """A roster file set up as after the first run (configured, one admin: WHO), for a test
    that starts the program on it; returns the path."""
    from dataclasses import replace

    from cartclinic.roster import Roster
    from cartclinic.users import Staff

    r = Roster.open(path)
    r.save_settings(replace(r.settings(), extra={"configured": "1"}), "setup")
    Staff(r.store).add(WHO, "2468", "admin", "setup")
    r.close()
    return path


def add_patient(roster, mrn="M001", name="Margaret Smith", days_ago=10, protocol="b-all-cd19",
                phone="+44 7700 900123"):
    return roster.register(
        Patient(mrn=mrn, name=name, date_of_birth=date(1970, 5, 1), phone=phone,
                diagnosis="Relapsed B-ALL"),
        [NewTreatment(product="tisagenlecleucel (Kymriah)", target="CD19",
                      infusion_date=TODAY - timedelta(days=days_ago), protocols=(protocol,),
                      tracked_from=TODAY - timedelta(days=days_ago))],
        WHO, TODAY,
    )


def visible_texts() -> list[str]:
    """Every piece of text a person could read on screen now: window titles, labels, fields,
    buttons, tab names and the cells of every visible table."""
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QApplication,
        QComboBox,
        QLabel,
        QLineEdit,
        QListView,
        QPlainTextEdit,
        QTabBar,
        QTextEdit,
    )

    out: list[str] = []
    for w in QApplication.allWidgets():
        if not w.isVisible():
            continue
        if w.isWindow():
            out.append(w.windowTitle())
        masked = isinstance(w, QLineEdit) and w.echoMode() != QLineEdit.EchoMode.Normal
        if isinstance(w, QLabel | QAbstractButton | QLineEdit) and not masked:
            out.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            out.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            out.append(w.currentText())
        elif isinstance(w, QTabBar):
            out.extend(w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            root = QModelIndex()
            columns = 1 if isinstance(w, QListView) else m.columnCount(root)
            out.extend(str(m.index(r, c, root).data() or "") for r in range(m.rowCount(root))
                       for c in range(columns))
    return out


def click_when_shown(find, timeout_ms: int = 5000):
    """Call `find(modal)` on the next modal dialog to appear (from inside its exec())."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    clock = QElapsedTimer()
    clock.start()

    def poll():
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            find(modal)
        elif clock.elapsed() < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def show_page(window, page):
    """Bring a tab to the front, as a nurse does: pages behind other tabs read the roster only
    when shown (ui/load_when_shown.py)."""
    window.show_page(page)
    return page


def run_program(db, qtbot, monkeypatch, during) -> int:
    """The program's own start on `db` (`ui.app._run`, WHO signed in with WHO's PIN, as if typed
    into the sign-in dialog), with an event loop that calls `during(window)`, then lets the
    roster's check and the start's backup end before the roster closes. Returns the program's
    exit code."""
    from cartclinic_ui import app

    from cartclinic.store.sqlite import files

    def sign_in_with_pin(ctx, who):
        ctx.sign_in(ctx.staff.sign_in(who, "2468", ctx.now()))
        return True

    monkeypatch.setattr(app, "sign_in", sign_in_with_pin)
    window_ref: list = []

    class EventLoop:
        def exec(self):
            window = window_ref[0]
            qtbot.addWidget(window)
            during(window)
            qtbot.waitUntil(lambda: bool(list(files.backup_dir(db).glob("*-auto.db")))
                            and not window.ctx.backups.running())
            return 0

    return app._run(EventLoop(), app.parse_args(["--db", str(db), "--who", WHO]), db, None,
                    window_ref)
