"""The program's entry point holds the cycle collector off while the program starts and turns
it back on once the worklist has painted (ui/start.py)."""

import gc
from dataclasses import replace

import pytest
from ui_helpers import WHO

from cartclinic.roster import Roster
from cartclinic.users import Staff
from ui import app, start


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
    db = tmp_path / "ward.db"
    r = Roster.open(db)
    r.save_settings(replace(r.settings(), extra={"configured": "1"}), "setup")
    Staff(r.store).add(WHO, "2468", "admin", "setup")
    r.close()
    monkeypatch.setenv(app.TEST_SIGNIN, "1")
    seen = {}

    class FakeApp:
        def exec(self):
            window = window_ref[0]
            qtbot.addWidget(window)
            seen["before the first paint"] = gc.isenabled()
            qtbot.waitUntil(gc.isenabled)
            seen["frozen after it"] = gc.get_freeze_count() > 0
            return 0

    window_ref: list = []
    start.hold()
    assert app._run(FakeApp(), app.parse_args(["--db", str(db), "--who", WHO]), db, None,
                    window_ref) == 0
    assert seen == {"before the first paint": False, "frozen after it": True}
