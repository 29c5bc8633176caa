"""Real widgets, driven headless: a fresh roster file and a frozen today for each test.
Whoever is signed in is an admin named WHO unless a test signs someone else in."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from dataclasses import replace  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from ui_helpers import NOW, TODAY, WHO  # noqa: E402

from cartclinic.model import User  # noqa: E402
from cartclinic.roster import Roster  # noqa: E402
from cartclinic.users import Staff  # noqa: E402

ADMIN_PIN, NURSE, NURSE_PIN = "2468", "Nurse Lee", "1357"


@pytest.fixture(autouse=True)
def qsettings_in_tmp(tmp_path, qapp):
    """Window geometry, language and the last name go to a throwaway place, never the user's."""
    QCoreApplication.setOrganizationName("cartclinic-tests")
    QCoreApplication.setApplicationName("cartclinic-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    QSettings().clear()
    yield


@pytest.fixture
def roster(tmp_path):
    r = Roster.open(tmp_path / "roster.db")
    s = r.settings()
    r.save_settings(replace(s, clinic_name="Test clinic", extra={"configured": "1"}), WHO)
    yield r
    r.close()


@pytest.fixture
def ctx(roster):
    from cartclinic_ui.context import AppContext

    c = AppContext(roster, User(WHO, "admin"), clock=lambda: TODAY, now=lambda: NOW)
    yield c
    c.backups.wait()  # an automatic backup still running is noted before the roster closes


@pytest.fixture
def staff(roster, ctx):
    """Two real sign-ins: WHO (admin, PIN 2468) and Nurse Lee (nurse, PIN 1357); WHO is in."""
    s = Staff(roster.store)
    ctx.user = s.add(WHO, ADMIN_PIN, "admin", "setup")
    s.add(NURSE, NURSE_PIN, "nurse", WHO)
    return s


@pytest.fixture
def window(ctx, qtbot):
    from cartclinic_ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    return w
