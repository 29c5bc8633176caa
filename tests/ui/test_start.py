"""The program's entry point holds the cycle collector off while the program starts and turns
it back on once the worklist has painted (ui/start.py)."""

import gc

import pytest
from cartclinic_ui import app, start
from ui_helpers import WHO, ready_roster, run_program

from cartclinic.roster import Roster
from cartclinic.users import Staff


@pytest.fixture(autouse=True)
def collector_restored():
    yield
    gc.unfreeze()  # the test process keeps collecting what the tests leave behind
    gc.enable()


def test_the_entry_point_holds_the_collector_while_starting_and_always_turns_it_back_on(monkeypatch):
    seen = []

    def run(argv):
        seen.append(gc.isenabled())
        raise RuntimeError("the start failed")

    monkeypatch.setattr(app, "main", run)
    with pytest.raises(RuntimeError):
        start.main(["cartclinic"])
    assert seen == [False], "the collector is off while the program loads and builds its window"
    assert gc.isenabled(), "and on again however the start ended"


def test_the_collector_runs_again_once_the_worklist_has_painted(tmp_path, qtbot, monkeypatch):
    db = ready_roster(tmp_path / "ward.db")
    seen = {}

    def during(window):
        seen["before the first paint"] = gc.isenabled()
        qtbot.waitUntil(gc.isenabled)
        seen["frozen after it"] = gc.get_freeze_count() > 0

    start.hold()
    assert run_program(db, qtbot, monkeypatch, during) == 0
    assert seen == {"before the first paint": False, "frozen after it": True}


# Loaded when first needed, never by the start: each one cost milliseconds of every start
# (docs/performance.md). The start here is the program's own, on a roster with patients.
NOT_AT_START = (
    "sqlite_utils", "dateutil", "tomllib", "hashlib", "reportlab", "holidays", "pypdfium2",
    "PySide6.QtPrintSupport", "cartclinic_ui.printing", "cartclinic_ui.exports", "cartclinic_ui.patient_page", "cartclinic_ui.roster_view",
    "cartclinic_ui.calendar_view", "cartclinic_ui.phone_list", "cartclinic_ui.dialogs.record_visit",
)


def test_the_start_loads_only_what_the_worklist_needs(tmp_path):
    import subprocess
    import sys
    from datetime import date

    from helpers import add_patient

    db = tmp_path / "ward.db"
    r = Roster.open(db)
    add_patient(r, date(2026, 11, 27))  # the worklist has lines to show
    r.close()
    code = f"""
import sys
from cartclinic_ui import start
start.hold()
from datetime import date
from cartclinic.model import User
from cartclinic_ui import app, i18n
from cartclinic_ui.context import AppContext
from cartclinic_ui.main_window import MainWindow
qapp = app.make_app(["cartclinic"])
i18n.install(qapp, "en")
ctx = AppContext(app.open_roster(__import__("pathlib").Path({str(db)!r})),
                 User(name="t", role="admin"), clock=lambda: date(2026, 11, 27))
window = MainWindow(ctx)
window.show()
qapp.processEvents()
assert sum(window.worklist.counts().values()) >= 1
print(sorted(m for m in {NOT_AT_START!r} if m in sys.modules))
ctx.close_roster()
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_collector_is_not_held_while_the_sign_in_dialog_waits_for_a_person(tmp_path,
                                                                               monkeypatch):
    from cartclinic_ui.context import AppContext
    from cartclinic_ui.dialogs.sign_in import SignInDialog

    db = tmp_path / "ward.db"
    r = Roster.open(db)
    Staff(r.store).add(WHO, "2468", "admin", "setup")
    seen = []
    monkeypatch.setattr(SignInDialog, "exec", lambda self: seen.append(gc.isenabled()) or 0)
    ctx = AppContext(r)
    try:
        start.hold()
        assert app.sign_in(ctx, None) is False  # the dialog was closed
        assert seen == [True]
    finally:
        ctx.close_roster()
