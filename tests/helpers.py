"""Small builders the core tests share."""

from __future__ import annotations

from datetime import date

from cartclinic.model import Patient
from cartclinic.roster import NewTreatment, Roster

WHO = "nurse Test"


def add_patient(
    roster: Roster,
    today: date,
    *,
    mrn: str = "A100",
    name: str = "Margaret Smith",
    infusion: date = date(2026, 10, 1),
    protocols: tuple[str, ...] = ("b-all-cd19",),
    tracked_from: date | None = None,
    born: date | None = date(1950, 5, 4),
) -> Patient:
    return roster.register(
        Patient(mrn=mrn, name=name, date_of_birth=born, sex="F", phone="+44 7700 900123",
                diagnosis="Relapsed B-ALL"),
        [NewTreatment(product="tisagenlecleucel", target="CD19", infusion_date=infusion,
                      protocols=protocols, tracked_from=tracked_from or infusion)],
        WHO, today,
    )


def demo_with_a_move(path, today: date, seed: int, patient: int) -> Roster:
    """A demo roster of 40 patients in which one upcoming visit of the `patient`-th patient was
    moved by hand twenty days past its window (the case the open-visit reads must still see)."""
    from datetime import timedelta

    from cartclinic.demo import make_demo

    r = Roster.open(path)
    make_demo(r, 40, seed, today)
    p = r.store.patients()[patient]
    assert p.id is not None
    moved = next(v for v in r.store.visits(patient_id=p.id) if v.status(today) == "upcoming")
    r.reschedule(moved.id, moved.window_end + timedelta(days=20), "by hand", WHO, today,
                 confirm_out_of_window=True)
    return r


def db_arg(roster: Roster) -> str:
    """What `--db` takes for this roster: its file, or its server's URL (issue 14)."""
    return getattr(roster.store, "url", None) or str(roster.store.path)


def program_before_visit_texts(m) -> None:
    """With `m` (a monkeypatch context), the store reads and writes visits as the programs
    before 0019_visit_texts did, label and assessments in the visit's own row: for a test that
    builds an older roster with this code (the Chinese columns only where the roster has them)."""
    from cartclinic.store.sqlite import store as s

    for name in ("_VISIT_COLUMNS", "_VISIT_SELECT", "_OPEN_VISIT_SELECT", "_BRIEF_SELECT"):
        m.setattr(s, name, getattr(s, name).replace(s.VISIT_FROM, "FROM visits v ").replace(
            "x.label", "v.label").replace("x.assessments", "v.assessments"))
    m.setattr(s, "VISIT_FROM", "FROM visits v ")
    m.setattr(s, "ROW_SOURCE", {})

    def as_stored(self, rows):
        have = {r[1] for r in self.conn.execute("PRAGMA table_info(visits)")}
        return [{k: v for k, v in r.items() if k in have} for r in rows]

    m.setattr(s.SqliteStore, "_visits_as_stored", as_stored)


def program_before_visit_translations(m) -> None:
    """With `m` (a monkeypatch context), the store reads and writes visits as the programs
    before 0013_visit_translations did: for a test that builds an older roster with this code."""
    from dataclasses import replace

    from cartclinic.store.sqlite import store as s

    program_before_visit_texts(m)
    zh = ", v.label_zh, v.assessments_zh"
    for name in ("_VISIT_COLUMNS", "_VISIT_SELECT", "_OPEN_VISIT_SELECT", "_BRIEF_SELECT"):
        m.setattr(s, name, getattr(s, name).replace(zh, ""))
    visit, add_visits = s._visit, s.SqliteStore.add_visits
    m.setattr(s, "_visit", lambda row: visit((*row, "", "[]")))
    m.setattr(s.SqliteStore, "add_visits", lambda self, tid, planned: add_visits(
        self, tid, [replace(p, label_zh="", assessments_zh=()) for p in planned]))


def add_admin(roster: Roster, name: str = "Ward Admin", pin: str = "2468") -> None:
    """A roster's admin: a backup with patients and no admin is refused at restore (whoever is
    at the PC could otherwise make themselves its admin), so a test that restores adds one."""
    from cartclinic.users import Staff

    Staff(roster.store).add(name, pin, "admin", WHO)


def audit_as_before_0016(store, table: str, changes) -> None:
    """`SqliteStore._audit_many` as it was before migration 0016 (whole images old and new, full
    hashes), for a test or fixture that builds a roster of an older schema version with today's
    store: `monkeypatch.setattr(SqliteStore, "_audit_many", audit_as_before_0016)`."""
    import json
    from datetime import UTC, datetime

    from cartclinic.store.audit import legacy_chain_hash

    who = store._require_tx()
    row = store.conn.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else ""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    for row_id, action, old, new in changes:
        old_text = None if old is None else json.dumps(old, ensure_ascii=False, sort_keys=True)
        new_text = None if new is None else json.dumps(new, ensure_ascii=False, sort_keys=True)
        digest = legacy_chain_hash(prev, at, who, table, str(row_id), action, old_text, new_text)
        store.conn.execute(
            "INSERT INTO audit (at, who, table_name, row_id, action, old, new, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (at, who, table, str(row_id), action, old_text, new_text, prev, digest))
        prev = digest
    store._last_hash = prev


def audit_as_0016(store, prev: str, at: str, who: str, rows) -> None:
    """`SqliteStore._write_audit_group` as it was before migration 0018 (one row of the table
    audit per entry, with its own time, author, link and hash), for a fixture of 0016:
    `store._write_audit_group = partial(audit_as_0016, store)`."""
    from cartclinic.store.audit import ENTRY_COLUMNS, as_bytes

    store.conn.executemany(
        f"INSERT INTO audit ({', '.join(ENTRY_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in ENTRY_COLUMNS)})",
        [(*r[:7], as_bytes(r[7]), *r[8:]) for r in rows])


def roster_state(db) -> object:
    """What must not change when a command changes nothing: a file's bytes, or for a roster on
    a server (a URL) its audit trail's head and its rows' ids (issue 14: both backends)."""
    from pathlib import Path

    if isinstance(db, Path) or "://" not in str(db):
        return Path(db).read_bytes()
    r = Roster.open(str(db), create=False)
    try:
        # every write audits: the same head means nothing was written
        return r.store.audit_head(), [p.id for p in r.store.patients()], [
            v.id for v in r.store.visits()]
    finally:
        r.close()


def verify_after_editing(path, *edits: tuple[str, tuple]) -> list[str]:
    """The audit check's findings after `edits` (SQL, arguments) were made to the roster file at
    `path` behind the program's back, with a plain SQLite connection (no triggers dropped)."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for sql, args in edits:
            conn.execute(sql, args)
    finally:
        conn.close()
    roster = Roster.open(path)
    try:
        return roster.store.verify_audit()
    finally:
        roster.close()
