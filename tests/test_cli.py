"""The command line as DESIGN.md lists it: commands, exit codes, --json fields, through a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCHEDULE_FIELDS = {"code", "label", "kind", "target", "window_start", "window_end", "scheduled",
                   "status", "flags"}
DUE_FIELDS = SCHEDULE_FIELDS | {"visit_id", "mrn", "name", "phone", "protocol"}
TODAY = "2026-11-27"


def run(*args: str, db: Path | str | None = None, who: str = "cli test",
        pin: str = "") -> subprocess.CompletedProcess[str]:
    """The command line; on a roster people sign in to, as `who` with `pin` typed on stdin."""
    cmd = [sys.executable, "-m", "cartclinic"]
    if db is not None:
        cmd += ["--db", str(db), "--who", who]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=120,
                          encoding="utf-8", input=f"{pin}\n" if pin else "")


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def demo_db(tmp_path_factory, request) -> Path | str:
    """A demo roster in a file, and on the throwaway PostgreSQL server (issue 14)."""
    if request.param == "postgres":
        db: Path | str = request.getfixturevalue("pg_server").new_database()
    else:
        db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = run("demo", "--patients", "60", "--seed", "3", "--today", TODAY, db=db)
    assert result.returncode == 0, result.stderr
    return db


def test_schedule_json_has_the_contract_fields_and_exact_dates():
    r = run("schedule", "--protocol", "b-all-cd19", "--infusion", "2024-01-31",
            "--today", "2024-03-10", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert all(set(row) >= SCHEDULE_FIELDS for row in rows)
    by_code = {row["code"]: row for row in rows}
    assert by_code["M2"]["target"] == "2024-03-31"  # from day 0, not chained
    assert by_code["M2"]["status"] == "upcoming"
    assert by_code["D28"]["status"] == "overdue"
    assert by_code["D1"]["scheduled"] == "2024-02-01"


def test_schedule_with_holidays_and_closures():
    r = run("schedule", "--protocol", "registry-cibmtr", "--infusion", "2024-10-01",
            "--holidays", "CN", "--closure", "2025-01-10", "--closure", "2025-01-09", "--json")
    assert r.returncode == 0, r.stderr
    d100 = next(row for row in json.loads(r.stdout) if row["code"] == "D100")
    assert d100["target"] == "2025-01-09"
    assert d100["scheduled"] == "2025-01-08"


def test_schedule_closed_none_opens_every_weekday():
    r = run("schedule", "--protocol", "lbcl-cd19", "--infusion", "2026-01-03", "--closed", "none",
            "--json")
    rows = json.loads(r.stdout)
    assert all(row["scheduled"] == row["target"] for row in rows)


@pytest.mark.parametrize("bad", ["2026-02-30", "30/02/2026", "tomorrow"])
def test_a_wrong_date_is_refused_with_exit_1_naming_the_field(bad):
    r = run("schedule", "--protocol", "b-all-cd19", "--infusion", bad)
    assert r.returncode == 1
    assert "infusion" in r.stderr


def test_unknown_protocol_is_refused_with_exit_1():
    r = run("schedule", "--protocol", "nope", "--infusion", "2026-01-01")
    assert r.returncode == 1
    assert "unknown protocol id 'nope'" in r.stderr


def test_usage_error_exits_2():
    assert run("schedule").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run().returncode == 2


def test_due_json_has_the_contract_fields(demo_db):
    r = run("due", "--today", TODAY, "--json", db=demo_db)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows, "the demo roster should have work this week"
    assert all(set(row) >= DUE_FIELDS for row in rows)
    statuses = [row["status"] for row in rows]
    assert statuses == sorted(statuses, key=lambda s: s != "overdue")
    for row in rows:
        # late visits whose window is still open are due now, whatever --from says
        assert row["status"] == "overdue" or row["scheduled"] <= "2026-12-04"
        assert row["status"] != "upcoming" or row["scheduled"] >= TODAY


def test_due_from_to_narrows_the_window(demo_db):
    r = run("due", "--today", TODAY, "--from", TODAY, "--to", TODAY, "--json", db=demo_db)
    rows = json.loads(r.stdout)
    assert all(row["status"] == "overdue" or row["scheduled"] <= TODAY for row in rows)
    assert {row["section"] for row in rows} <= {"overdue", "due_today"}


def test_due_text_is_readable(demo_db):
    r = run("due", "--today", TODAY, db=demo_db)
    assert r.returncode == 0
    assert "Overdue (" in r.stdout and "Worklist as of 2026-11-27" in r.stdout
    assert "Due now (today, or late with the window still open) (" in r.stdout


@pytest.mark.both_backends
def test_import_refuses_a_bad_file_with_every_line_and_exit_1(tmp_path, roster_url):
    db = roster_url
    csv = tmp_path / "in.csv"
    csv.write_text(
        "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"
        "A1,Ann,1950-01-01,LBCL,axi,2026-02-30,lbcl-cd19\n"
        "B2,Bob,1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19\n"
        "C3,,1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19\n", encoding="utf-8")
    r = run("import", str(csv), "--today", TODAY, db=db)
    assert r.returncode == 1
    assert "line 2: infusion_date" in r.stderr and "line 4: name: empty" in r.stderr
    assert run("export", db=db).stdout.count("\n") == 1  # header only


def test_import_export_round_trip_through_the_command_line(demo_db, tmp_path):
    out = tmp_path / "export.csv"
    assert run("export", "--out", str(out), db=demo_db).returncode == 0
    db2 = tmp_path / "copy.db"
    r = run("import", str(out), "--today", TODAY, db=db2)
    assert r.returncode == 0, r.stderr
    assert run("export", db=db2).stdout == out.read_text(encoding="utf-8")


def test_backup_check_and_restore(demo_db, tmp_path):
    db = tmp_path / "r.db"
    csv = tmp_path / "in.csv"
    csv.write_text("mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"
                   "A1,Ann,1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19\n", encoding="utf-8")
    assert run("import", str(csv), "--today", TODAY, db=db).returncode == 0
    added = subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "staff", "add",
                            "Li Na", "--admin"], input="2468\n2468\n", capture_output=True,
                           text=True, timeout=120)  # a backup with patients needs an admin
    assert added.returncode == 0, added.stderr
    backup = tmp_path / "b.db"
    li_na = {"who": "Li Na", "pin": "2468"}  # the roster has sign-ins now: as one of them
    assert run("backup", "--out", str(backup), db=db).returncode == 1  # not a sign-in
    assert run("backup", "--out", str(backup), db=db, **li_na).returncode == 0
    assert run("check", db=db).returncode == 0
    db.write_bytes(b"not a database at all" * 500)
    assert run("check", db=db).returncode == 3
    assert run("due", db=db, **li_na).returncode == 3
    r = run("restore", str(backup), db=db)  # the damaged roster is its OS account's to restore
    assert r.returncode == 0, r.stderr
    assert "A1" in run("export", db=db, **li_na).stdout


def test_audit_verify(demo_db, tmp_path):
    r = run("audit", "--verify", db=demo_db)
    assert r.returncode == 0, r.stderr
    assert "intact" in r.stdout


def test_protocols_list_and_validate(tmp_path):
    r = run("protocols")
    assert r.returncode == 0
    for pid in ("b-all-cd19", "lbcl-cd19", "mm-bcma", "ltfu-15y", "registry-cibmtr"):
        assert pid in r.stdout
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\nname = "X"\nversion = "1"\nsources = ["s"]\n[[visit]]\n'
                      'code = "D1"\nlabel = "Day 1"\nat = { days = 1 }\n'
                      'window = { before = -1, after = 0 }\nkind = "safety"\n')
    r = run("protocols", "--validate", str(broken))
    assert r.returncode == 1
    assert str(broken) in r.stderr and "visit 1 (D1)" in r.stderr and "window.before" in r.stderr


def test_init_creates_an_owner_only_roster(tmp_path):
    db = tmp_path / "new.db"
    assert run("init", db=db).returncode == 0
    assert (db.stat().st_mode & 0o777) == 0o600


def test_due_on_a_missing_roster_is_a_database_problem(tmp_path):
    assert run("due", db=tmp_path / "missing.db").returncode == 3


def test_access_request_exports_one_patients_record_with_audit_rows(demo_db, tmp_path):
    mrn = json.loads(run("due", "--today", TODAY, "--json", db=demo_db).stdout)[0]["mrn"]
    out = tmp_path / "record.json"
    r = run("access-request", mrn, "--out", str(out), "--today", TODAY, db=demo_db)
    assert r.returncode == 0, r.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["patient"]["mrn"] == mrn
    assert record["visits"] and record["audit"]
    assert {a["table_name"] for a in record["audit"]} >= {"patients", "treatments", "visits"}
    assert run("access-request", "NOPE", db=demo_db).returncode == 1


def test_audit_export_writes_csv(demo_db, tmp_path):
    out = tmp_path / "audit.csv"
    assert run("audit", "--export", str(out), db=demo_db).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("id,at,who,action,table,row,old,new")


def test_backup_to_a_place_that_cannot_be_written_is_refused(demo_db):
    r = run("backup", "--out", "/proc/no/such/place.db", db=demo_db)
    assert r.returncode == 1 and r.stderr.startswith("refused: --out")


@pytest.mark.parametrize("who", ["Nurse Lee\n2026-12-04 admin deleted everything",
                                 "=HYPERLINK(\"x\")", "@SUM(A1)", "+1", "-2", "a\tb", "x" * 81])
def test_who_must_read_as_a_name_nothing_reaches_the_audit_trail_otherwise(tmp_path, who):
    """A --who with a line break would fake a line of `audit`; one that starts like a formula
    would run in the spreadsheet the audit export is opened in. Refused before anything."""
    db = tmp_path / "r.db"
    assert run("--db", str(db), "init").returncode == 0
    before = db.read_bytes()
    r = run("--db", str(db), "--who", who, "export")
    assert r.returncode == 1 and "--who" in r.stderr and r.stdout == ""
    assert db.read_bytes() == before


@pytest.mark.both_backends
def test_export_is_audited_with_who_and_how_many(tmp_path, roster_url):
    db = roster_url
    assert run("--db", str(db), "demo", "--patients", "5").returncode == 0
    out = tmp_path / "roster.csv"
    assert run("--db", str(db), "--who", "Nurse Lee", "export", "--out", str(out)).returncode == 0
    from cartclinic.roster import Roster

    r = Roster.open(db)
    try:
        (note,) = [row for row in r.store.audit_rows()
                   if row["table_name"] == "note" and row["row_id"] == "export"]
    finally:
        r.close()
    assert note["who"] == "Nurse Lee" and '"patients": 5' in note["new"]
