"""The command line acts as a person (issue 15, item 2): on a roster people sign in to, `--who`
names an active sign-in and its PIN is asked for (one line on standard input from a script),
wrong PINs count towards the window's lockout, admins' commands need an admin, and reading a
patient's data is written to the audit trail. A roster nobody signs in to yet stays its OS
account's (the other command-line tests run on such rosters)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers import add_patient, roster_state

from cartclinic.roster import Roster
from cartclinic.users import MAX_FAILED, Staff

TODAY = "2026-11-27"


def cli(db: Path, *args: str, who: str | None = "Nurse Lee", pin: str | None = "1357"):
    cmd = [sys.executable, "-m", "cartclinic", "--db", str(db)]
    if who is not None:
        cmd += ["--who", who]
    return subprocess.run(cmd + list(args), input="" if pin is None else f"{pin}\n",
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


# on a file and on a PostgreSQL server (issue 14)
pytestmark = pytest.mark.both_backends


@pytest.fixture
def db(roster_url: str) -> Path | str:
    path = roster_url if "://" in roster_url else Path(roster_url)
    r = Roster.open(path)
    add_patient(r, date(2026, 11, 27), mrn="A1", name="王秀英", infusion=date(2026, 10, 30))
    staff = Staff(r.store)
    staff.add("Ward Admin", "2468", "admin", "setup")
    staff.add("Nurse Lee", "1357", "nurse", "setup")
    r.close()
    return path


def _notes(db: Path, kind: str) -> list[dict]:
    r = Roster.open(db)
    try:
        return [{"who": row["who"], **json.loads(row["new"])} for row in r.store.audit_rows()
                if row["table_name"] == "note" and row["row_id"] == kind]
    finally:
        r.close()


def test_cli_person_signed_in_with_the_pin_works_and_signs_the_audit_trail(db):
    done = cli(db, "event", "A1", "relapse", "--date", "2026-11-20", "--yes", "--today", TODAY)
    assert done.returncode == 0, done.stderr
    r = Roster.open(db)
    try:
        (event,) = r.store.events(r.find_patient("A1").id)
        assert event.who == "Nurse Lee"
    finally:
        r.close()


@pytest.mark.parametrize("who, pin, says", [
    ("Nurse Lee", "0000", "wrong PIN; 4 tries left"),
    ("Nurse Li", "1357", "no sign-in with that name"),
    (None, "1357", "--who: this roster has sign-ins"),
    ("Nurse Lee", None, "wrong PIN"),  # no PIN typed at all
])
def test_cli_person_refuses_a_name_that_is_no_sign_in_or_a_wrong_pin(db, who, pin, says):
    before = roster_state(db) if who is None else None
    done = cli(db, "due", "--today", TODAY, who=who, pin=pin)
    assert done.returncode == 1 and says in done.stderr, done.stderr
    assert done.stdout == ""  # nothing of the roster shown
    if before is not None:
        assert roster_state(db) == before


def test_cli_person_wrong_pins_lock_the_name_as_in_the_window(db):
    for _ in range(MAX_FAILED):
        assert cli(db, "due", pin="9999").returncode == 1
    locked = cli(db, "due", "--today", TODAY)  # the right PIN, too late
    assert locked.returncode == 1 and "locked" in locked.stderr
    failed = _notes(db, "sign_in_failed")
    assert len(failed) == MAX_FAILED + 1 and {f["name"] for f in failed} == {"Nurse Lee"}


@pytest.mark.parametrize("args", [
    ["restore", "IN"], ["staff", "add", "Nurse Wu"], ["demo", "--patients", "3"],
    ["protocols", "upgrade", "--yes"],
])
def test_cli_person_admins_commands_need_an_admin(db, tmp_path, args):
    r = Roster.open(db)
    backup = r.store.backup(tmp_path / "b.db")
    r.close()
    args = [str(backup) if a == "IN" else a for a in args]
    done = cli(db, *args)
    assert done.returncode == 1 and "Nurse Lee is not an admin" in done.stderr, done.stderr


def test_cli_person_an_admin_may_restore(db, tmp_path):
    r = Roster.open(db)
    backup = r.store.backup(tmp_path / "b.db")
    r.close()
    done = cli(db, "restore", str(backup), who="Ward Admin", pin="2468")
    if isinstance(db, str):  # a server roster is never restored in place: said, to the admin
        assert done.returncode == 1 and "not restored in place" in done.stderr, done.stderr
        return
    assert done.returncode == 0, done.stderr


def test_cli_person_reading_a_patient_or_the_worklist_is_audited(db):
    assert cli(db, "patient", "A1", "--today", TODAY, "--json").returncode == 0
    assert cli(db, "due", "--today", TODAY, "--json").returncode == 0
    reads = _notes(db, "read")
    assert [(n["who"], n["command"]) for n in reads] == [("Nurse Lee", "patient"),
                                                         ("Nurse Lee", "due")]
    assert reads[0]["mrn"] == "A1"


def test_cli_person_a_roster_without_sign_ins_is_the_os_accounts(tmp_path):
    db = tmp_path / "new.db"
    assert cli(db, "demo", "--patients", "3", who=None, pin=None).returncode == 0
    done = cli(db, "due", "--json", who=None, pin=None)
    assert done.returncode == 0, done.stderr
    (read,) = _notes(db, "read")
    assert read["who"].endswith("(command line)")


def test_cli_person_reset_pin_needs_an_admin_unless_this_pc_lacks_the_pin_key(db, tmp_path):
    refused = cli(db, "staff", "reset-pin", "Nurse Lee")  # a nurse, on the PC of the PIN key
    assert refused.returncode == 1 and "not an admin" in refused.stderr
    import os

    other_pc = {**os.environ, "CARTCLINIC_PIN_KEY": str(tmp_path / "other" / "pin-key")}
    run = [sys.executable, "-m", "cartclinic", "--db", str(db)]
    no_key = subprocess.run(run + ["--who", "Nurse Lee", "due"], input="1357\n", env=other_pc,
                            capture_output=True, text=True, timeout=120)
    assert no_key.returncode == 1 and "another PIN key" in no_key.stderr
    reset = subprocess.run(run + ["staff", "reset-pin", "Ward Admin"], input="8642\n8642\n",
                           env=other_pc, capture_output=True, text=True, timeout=120)
    assert reset.returncode == 0, reset.stderr  # the roster's OS account, no sign-in possible
    signed = subprocess.run(run + ["--who", "Ward Admin", "due"], input="8642\n", env=other_pc,
                            capture_output=True, text=True, timeout=120)
    assert signed.returncode == 0, signed.stderr
