"""A roster with patients never offers "first admin": restored or copied without its staff, it
would make whoever is at the PC its admin. The way in is ward IT's `staff add NAME --admin`;
restore keeps the backup's users and refuses a backup with patients but no admin."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from cartclinic.model import Patient
from cartclinic.roster import NewTreatment, Roster
from cartclinic.users import Staff

NOW = datetime(2026, 11, 27, 8, 30)
TODAY = date(2026, 11, 27)


def _with_patients(path: Path, n: int = 3) -> Path:
    roster = Roster.open(path)
    try:
        for i in range(n):
            roster.register(
                Patient(mrn=f"M{i:03d}", name=f"Patient {i}", date_of_birth=date(1970, 1, 1),
                        diagnosis="LBCL"),
                [NewTreatment(product="axi-cel", target="CD19", infusion_date=date(2026, 10, 1),
                              protocols=("lbcl-cd19",), tracked_from=date(2026, 10, 1))],
                "setup", TODAY)
    finally:
        roster.close()
    return path


def _cli(db: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "--who",
                           "ward IT", *args], input=stdin, capture_output=True, text=True,
                          timeout=120, encoding="utf-8")


def test_a_roster_with_patients_and_no_admin_never_offers_the_first_admin(tmp_path):
    roster = Roster.open(_with_patients(tmp_path / "r.db"))
    try:
        staff = Staff(roster.store)
        assert not staff.needs_first_admin()
        message = staff.no_admin_message()
        assert message is not None and "staff add NAME --admin" in message
        assert str(roster.store.path) in message
    finally:
        roster.close()


def test_a_new_roster_offers_the_first_admin(tmp_path):
    roster = Roster.open(tmp_path / "r.db")
    try:
        assert Staff(roster.store).needs_first_admin()
        assert Staff(roster.store).no_admin_message() is None
    finally:
        roster.close()


def test_staff_add_admin_asks_the_pin_twice_and_is_the_way_in(tmp_path):
    db = _with_patients(tmp_path / "r.db")
    differ = _cli(db, "staff", "add", "Li Na", "--admin", stdin="2468\n2469\n")
    assert differ.returncode == 1 and "differ" in differ.stderr
    added = _cli(db, "staff", "add", "Li Na", "--admin", stdin="2468\n2468\n")
    assert added.returncode == 0, added.stderr
    roster = Roster.open(db)
    try:
        staff = Staff(roster.store)
        assert staff.sign_in("Li Na", "2468", NOW).role == "admin"
        assert staff.no_admin_message() is None
        row = [r for r in roster.store.audit_rows() if r["table_name"] == "users"][-1]
        assert row["who"] == "ward IT" and "2468" not in (row["new"] or "")
    finally:
        roster.close()


def test_restore_refuses_a_backup_with_patients_but_no_users(tmp_path):
    db = tmp_path / "r.db"
    roster = Roster.open(db)
    Staff(roster.store).add("Li Na", "2468", "admin", "setup")
    roster.close()
    backup = _with_patients(tmp_path / "no-staff.db", n=300)
    refused = _cli(db, "--who", "Li Na", "restore", str(backup), stdin="2468\n")
    assert refused.returncode == 1
    assert "300 patients but no sign-ins at all" in refused.stderr
    roster = Roster.open(db)
    try:
        assert not roster.store.has_patients(), "nothing was changed"
        assert [u.name for u in roster.store.users()] == ["Li Na"]
    finally:
        roster.close()


def test_restore_keeps_the_users_of_the_backup(tmp_path):
    backup = _with_patients(tmp_path / "b.db")
    roster = Roster.open(backup)
    Staff(roster.store).add("Chen Jing", "97531", "admin", "setup")
    roster.close()
    db = tmp_path / "r.db"
    roster = Roster.open(db)
    Staff(roster.store).add("Li Na", "2468", "admin", "setup")
    roster.close()
    refused = _cli(db, "restore", str(backup), stdin="2468\n")  # "ward IT" is no sign-in here
    assert refused.returncode == 1 and "no sign-in with that name" in refused.stderr
    done = _cli(db, "--who", "Li Na", "restore", str(backup), stdin="2468\n")
    assert done.returncode == 0, done.stderr
    roster = Roster.open(db)
    try:
        assert [u.name for u in roster.store.users()] == ["Chen Jing"]
        assert Staff(roster.store).sign_in("Chen Jing", "97531", NOW).role == "admin"
    finally:
        roster.close()
