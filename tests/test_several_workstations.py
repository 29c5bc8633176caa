"""Several workstations on one roster (issue 14, DESIGN.md "Several workstations"): writers that
start together both land, in one unbroken audit chain; on a PostgreSQL server, a change made at
one workstation is heard at the others, and two nurses saving the same visit do not overwrite
each other. On the throwaway server of tests/pg_server.py."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import date, datetime, timedelta

import pytest
from helpers import WHO, add_patient

from cartclinic.errors import InputRefused, RosterProblem
from cartclinic.roster import Roster

TODAY = date(2026, 11, 27)


def patients_csv(path, prefix: str, n: int) -> None:
    lines = ["mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol"]
    for i in range(n):
        day = date(2024, 1, 1) + timedelta(days=7 * i)
        lines.append(f"{prefix}{i:04d},Patient {prefix} {i},1960-01-01,LBCL,axi-cel,{day},lbcl-cd19")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.both_backends
def test_two_imports_started_together_both_land_and_the_audit_chain_verifies(roster_url, tmp_path):
    def cli(*args: str) -> list[str]:
        return [sys.executable, "-m", "cartclinic", "--db", roster_url, "--who", WHO, *args]

    assert subprocess.run(cli("init"), capture_output=True, timeout=120).returncode == 0
    for prefix in ("A", "B"):
        patients_csv(tmp_path / f"{prefix}.csv", prefix, 40)
    imports = [subprocess.Popen(cli("import", str(tmp_path / f"{p}.csv"), "--today", str(TODAY)),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for p in ("A", "B")]
    results = [p.communicate(timeout=300) for p in imports]
    assert [p.returncode for p in imports] == [0, 0], results
    r = Roster.open(roster_url)
    try:
        mrns = {p.mrn for p in r.store.patients()}
        assert len(mrns) == 80 and {m[0] for m in mrns} == {"A", "B"}
        assert r.store.verify_audit() == []
    finally:
        r.close()


@pytest.fixture
def two_workstations(pg_server):
    url = pg_server.new_database()
    ward, office = Roster.open(url), Roster.open(url)
    yield ward, office
    ward.close()
    office.close()


def heard(roster: Roster, seconds: float = 10.0) -> str | None:
    """What `changed_outside` answers once the server has delivered (at most `seconds`)."""
    end = time.monotonic() + seconds
    while True:
        answer = roster.store.changed_outside()
        if answer is not None or time.monotonic() > end:
            return answer
        time.sleep(0.05)


def test_a_change_at_one_workstation_is_heard_at_the_other_once(two_workstations):
    ward, office = two_workstations
    p = add_patient(ward, TODAY)
    assert heard(office) == "written"
    (change,) = office.store.outside_changes
    assert change["who"] == WHO and "patients" in change["tables"]
    assert change["rows"]["patients"] == [str(p.id)]
    assert office.store.changed_outside() is None  # said once
    assert ward.store.changed_outside() is None  # its own change is not news to it
    assert office.store.patient(p.id).mrn == "A100"


def test_two_nurses_saving_the_same_visit_the_second_is_refused_naming_who_and_when(
        two_workstations):
    ward, office = two_workstations
    p = add_patient(ward, TODAY, infusion=date(2026, 10, 1))
    visit = next(v for v in ward.store.visits(patient_id=p.id) if v.status(TODAY) == "upcoming")
    # both nurses open the visit
    seen_at_ward = ward.store.visit(visit.id)
    seen_at_office = office.store.visit(visit.id)
    assert seen_at_ward == seen_at_office
    ward.reschedule(visit.id, visit.window_start, "patient asked", "Nurse Ward", TODAY,
                    confirm_out_of_window=True)
    with pytest.raises(InputRefused, match="Nurse Ward changed this visit at another "
                                           "workstation at .* UTC") as refused:
        office.reschedule(visit.id, visit.window_end, "ward round", "Nurse Office", TODAY,
                          confirm_out_of_window=True)
    assert "Nothing of this change was saved" in str(refused.value)
    assert type(refused.value).__name__ == "StoreConflict"
    assert office.store.visit(visit.id).scheduled == visit.window_start  # the ward's, kept
    # having looked again, the office nurse may save
    office.reschedule(visit.id, visit.window_end, "ward round", "Nurse Office", TODAY,
                      confirm_out_of_window=True)
    assert ward.store.visit(visit.id).scheduled == visit.window_end
    assert ward.store.verify_audit() == []


def test_a_nurse_saving_a_visit_twice_with_nobody_else_is_never_refused(two_workstations):
    ward, _office = two_workstations
    p = add_patient(ward, TODAY, infusion=date(2026, 10, 1))
    visit = next(v for v in ward.store.visits(patient_id=p.id) if v.status(TODAY) == "upcoming")
    ward.store.visit(visit.id)
    ward.reschedule(visit.id, visit.window_start, "patient asked", WHO, TODAY,
                    confirm_out_of_window=True)
    ward.reschedule(visit.id, visit.window_end, "patient asked again", WHO, TODAY,
                    confirm_out_of_window=True)
    assert ward.store.visit(visit.id).scheduled == visit.window_end


# -- the server roster's own rules ------------------------------------------------------------
@pytest.fixture
def server_roster(pg_server):
    r = Roster.open(pg_server.new_database())
    yield r
    r.close()


def test_server_roster_checks_its_days_as_the_file_does(server_roster):
    add_patient(server_roster, TODAY)
    for sql in ("UPDATE visits SET scheduled = '2026-02-30' WHERE id = 1",
                "UPDATE treatments SET infusion_date = '30/02/2026'",
                "UPDATE visits SET missed_on = '2026-13-01' WHERE id = 1"):
        with pytest.raises(InputRefused, match="refused by the roster's rules"):
            server_roster.store.conn.execute(sql)
    server_roster.store.conn.execute("UPDATE visits SET missed_on = '2028-02-29' WHERE id = 1")


def test_server_audit_trail_refuses_update_delete_and_truncate(server_roster):
    add_patient(server_roster, TODAY)
    for sql in ("UPDATE audit_group SET who = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log",
                "UPDATE audit_log SET old = 'x'", "DELETE FROM audit_group",
                "TRUNCATE audit_group", "DELETE FROM audit_table"):
        with pytest.raises(InputRefused, match="append-only"):
            server_roster.store.conn.execute(sql)


def test_server_audit_verify_names_an_audit_row_edited_behind_the_programs_back(server_roster):
    add_patient(server_roster, TODAY)
    conn = server_roster.store.conn
    conn.execute("ALTER TABLE audit_group DISABLE TRIGGER audit_group_no_update")
    conn.execute("UPDATE audit_group SET who = 'mallory' "
                 "WHERE id = (SELECT min(id) FROM audit_group WHERE id >= 3)")
    problems = server_roster.store.verify_audit()
    # the patient's write: one group, or two if it crossed a second
    assert problems and re.match(r"audit rows [1-3]–\d+ ", problems[0])
    assert "by mallory): one of them was edited, removed or reordered" in problems[0]


def test_a_new_server_roster_is_made_at_the_newest_version(server_roster):
    from cartclinic.store.sqlite.schema import STEPS

    assert server_roster.store.schema_version() == sorted(name for name, _ in STEPS)


def test_a_database_holding_another_programs_tables_is_refused(pg_server):
    import psycopg

    url = pg_server.new_database()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE patients (id int)")
    with pytest.raises(RosterProblem, match="holds tables of another program"):
        Roster.open(url)


def test_a_server_that_cannot_be_reached_is_named_without_its_password(pg_server, tmp_path):
    url = f"postgresql://ward:secret@/none?host={tmp_path}&port=5999"
    with pytest.raises(RosterProblem, match="cannot be reached") as problem:
        Roster.open(url)
    assert "secret" not in str(problem.value) and "ward:***@" in str(problem.value)
    r = subprocess.run([sys.executable, "-m", "cartclinic", "--db", url, "due"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 3 and "secret" not in r.stderr


# -- faults on the server (as tests/test_crash_safety.py on a file) -----------------------------
_IMPORT_CHILD = """
import sys
from datetime import date
from cartclinic.roster import Roster
from cartclinic.roster_csv import import_csv
r = Roster.open(sys.argv[1])
print("start", flush=True)
n = import_csv(r, open(sys.argv[2], encoding="utf-8").read(), "crash test", date(2026, 11, 27))
print("imported", n, flush=True)
"""

_WRITER_CHILD = """
import sys
from datetime import date
from cartclinic.model import Patient
from cartclinic.roster import NewTreatment, Roster
r = Roster.open(sys.argv[1])
for i in range(int(sys.argv[3])):
    r.register(Patient(mrn=f"{sys.argv[2]}{i}", name=f"Writer {sys.argv[2]} {i}",
                       date_of_birth=date(1960, 1, 1), diagnosis="LBCL"),
               [NewTreatment("axi", date(2026, 10, 1), ("lbcl-cd19",))],
               f"writer {sys.argv[2]}", date(2026, 11, 27))
print("done", flush=True)
"""


@pytest.mark.parametrize("trial", range(3))
def test_server_a_workstation_killed_during_an_import_leaves_all_or_nothing(
        pg_server, tmp_path, trial):
    import random
    import signal

    url = pg_server.new_database()
    base = Roster.open(url)
    for i in range(5):
        add_patient(base, TODAY, mrn=f"P{i}", name=f"Patient {i}")
    base.close()
    patients_csv(tmp_path / "in.csv", "I", 150)
    proc = subprocess.Popen([sys.executable, "-c", _IMPORT_CHILD, url, str(tmp_path / "in.csv")],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "start"
    time.sleep(random.Random(trial).uniform(0.0, 1.5))
    proc.send_signal(signal.SIGKILL)
    rest = proc.communicate(timeout=60)[0] or ""
    r = Roster.open(url)
    try:
        imported = [p for p in r.store.patients() if p.mrn.startswith("I")]
        assert len(imported) in (0, 150)
        if "imported" in rest:
            assert len(imported) == 150
        assert len([p for p in r.store.patients() if p.mrn.startswith("P")]) == 5
        assert r.store.verify_audit() == []
    finally:
        r.close()


def test_server_two_writers_interleaving_saves_lose_nothing_and_the_chain_holds(pg_server):
    url = pg_server.new_database()
    Roster.open(url).close()
    n = 20
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER_CHILD, url, tag, str(n)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for tag in ("W", "X")]
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    r = Roster.open(url)
    try:
        mrns = {p.mrn for p in r.store.patients()}
        assert mrns == {f"W{i}" for i in range(n)} | {f"X{i}" for i in range(n)}
        assert r.store.verify_audit() == []
        writers = [row["who"] for row in r.store.audit_rows() if row["table_name"] == "patients"]
        assert set(writers) == {"writer W", "writer X"}
    finally:
        r.close()


def test_a_server_roster_of_an_older_version_is_upgraded_in_one_transaction_and_verifies(
        pg_server, tmp_path):
    """A server roster at 0012 (the 0012 fixture's rows copied onto the server's baseline) is
    brought to the newest version on opening, the person told first: the same visits and
    patients as the SQLite upgrade of the same fixture gives, and a chain that verifies."""
    import shutil
    import sqlite3
    from pathlib import Path

    import psycopg

    from cartclinic.store.move import KEYS, TABLES
    from cartclinic.store.postgres.connection import Connection
    from cartclinic.store.postgres.schema import create_baseline
    from cartclinic.store.sqlite.schema import STEPS

    url = pg_server.new_database()
    fixture = Path(__file__).parent / "fixtures" / "roster-0012_patient_language.db"
    src = sqlite3.connect(f"file:{fixture}?mode=ro", uri=True)
    with psycopg.connect(url, autocommit=True) as raw:
        conn = Connection(raw)
        conn.execute("BEGIN")
        create_baseline(conn)
        # the tables of that version: its trail is the one table audit (0018 split it), and
        # its visits keep their own texts (0019 made visit_texts)
        for table in (*(t for t in TABLES if not t.startswith("audit") and t != "visit_texts"),
                      "audit"):
            cur = src.execute(f"SELECT * FROM {table} ORDER BY {KEYS.get(table, 'id')}")
            names = [d[0] for d in cur.description]
            with raw.cursor().copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                for row in cur:
                    copy.write_row(row)
        conn.execute("COMMIT")
    src.close()
    told: list[list[str]] = []
    r = Roster.open(url, before_upgrade=told.append)
    try:
        newer = [name for name, _ in STEPS if name > "0012_patient_language"]
        assert told == [newer]
        assert r.store.schema_version() == sorted(name for name, _ in STEPS)
        assert r.store.verify_audit() == []
        on_file = Roster.open(shutil.copy(fixture, tmp_path / "f.db"))
        try:
            assert r.store.visits() == on_file.store.visits()
            assert r.store.patients() == on_file.store.patients()
            assert r.store.users() == on_file.store.users()
        finally:
            on_file.close()
    finally:
        r.close()
    again: list[list[str]] = []
    Roster.open(url, before_upgrade=again.append).close()
    assert again == [], "told once: nothing more to upgrade"


# -- the port: maintenance, waiting writers and the changes object on a server ----------------
def test_server_maintenance_checks_backs_up_to_a_file_and_refuses_restore_in_place(
        pg_server, tmp_path):
    from cartclinic.store import open_maintenance

    url = pg_server.new_database()
    upkeep = open_maintenance(url)
    assert not upkeep.exists() and upkeep.check().startswith("there is no roster on")
    r = Roster.open(url)
    try:
        add_patient(r, TODAY)
    finally:
        r.close()
    assert upkeep.exists() and upkeep.check(full=True) == "ok" and not upkeep.is_damaged()
    assert upkeep.local_file() is None  # the roster is on the server's disk
    assert upkeep.clinic_folder() is not None  # this PC's folder for the server
    written = upkeep.backup(datetime(2026, 11, 27, 9, 30), out=tmp_path / "copy.db")
    assert upkeep.check_backup(written) == "ok"
    copy = Roster.open(written, create=False)
    try:
        assert [p.mrn for p in copy.store.patients()] == ["A100"]
        assert copy.store.verify_audit() == []
    finally:
        copy.close()
    with pytest.raises(InputRefused, match="not restored in place.*migrate-store"):
        upkeep.restore(written, WHO)


def test_server_maintenance_names_the_server_without_its_password(pg_server):
    from cartclinic.store import open_maintenance

    url = pg_server.new_database().replace("postgresql://", "postgresql://nurse:s3cret@", 1)
    assert "s3cret" not in open_maintenance(url).location


def test_server_a_write_waits_its_turn_told_each_second_then_lands(two_workstations):
    import threading

    ward, office = two_workstations
    told: list[float] = []
    release = threading.Event()

    def hold() -> None:  # the ward's long write (an import) holds the writers' lock
        with ward.store.write(WHO):
            add_patient(ward, TODAY, mrn="H1")
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.5)

    def waiting(seconds: float) -> None:
        told.append(seconds)
        if len(told) == 2:
            release.set()

    office.store.on_wait = waiting
    add_patient(office, TODAY, mrn="W1")
    holder.join(30)
    assert len(told) == 2 and told[0] < told[1]
    assert {p.mrn for p in office.store.patients()} == {"H1", "W1"}
    assert office.store.verify_audit() == []


def test_server_a_write_gives_up_after_the_longest_wait_and_saves_nothing(two_workstations):
    import threading

    from cartclinic.errors import StoreBusy

    ward, office = two_workstations
    release, holding = threading.Event(), threading.Event()

    def hold() -> None:
        with ward.store.write(WHO):
            add_patient(ward, TODAY, mrn="H2")
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(30)
    office.store.longest_wait = 0.0
    try:
        with pytest.raises(StoreBusy, match="another program has been writing"):
            add_patient(office, TODAY, mrn="W2")
    finally:
        release.set()
        holder.join(30)
    assert office.store.patient_by_mrn("W2") is None


def test_server_a_change_heard_from_another_workstation_names_its_patient_in_the_changes(
        two_workstations):
    ward, office = two_workstations
    assert office.store.take_changes().patients == frozenset()
    p = add_patient(ward, TODAY)
    assert ward.store.take_changes().patients == {p.id}  # its own write, told here
    assert heard(office) == "written"
    changes = office.store.take_changes()
    assert changes.patients == {p.id} and not changes.everything
    assert not office.store.take_changes()  # told once


def test_migrate_store_moves_a_file_to_a_server_and_back_nothing_lost(pg_server, tmp_path):
    db = tmp_path / "ward.db"
    r = Roster.open(db)
    try:
        add_patient(r, TODAY)
    finally:
        r.close()
    url = pg_server.new_database()

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "cartclinic", "--who", WHO, *args],
                              capture_output=True, text=True, timeout=300)

    there = cli("migrate-store", str(db), url)
    assert there.returncode == 0, there.stderr
    back = cli("migrate-store", url, str(tmp_path / "back.db"))
    assert back.returncode == 0, back.stderr
    again = Roster.open(tmp_path / "back.db", create=False)
    try:
        assert [p.mrn for p in again.store.patients()] == ["A100"]
        assert again.store.verify_audit() == []
    finally:
        again.close()
    refused = cli("migrate-store", str(db), url)  # the server database is no longer empty
    assert refused.returncode == 1 and "already holds a roster" in refused.stderr
