"""The roster's schema as named migrations (sqlite-utils `Migrations`), and the triggers that
must exist after every migration (`table.transform()` drops triggers, so they are recreated).

sqlite-utils is imported only when a migration is to run: its import and plugin scan cost about
0.1 s, a third of the program's start budget, on every start of an up-to-date roster."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "cartclinic"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' `Migrations.migrations_table`

# date() alone accepts 2026-02-30; a '+0 days' modifier normalises it, so only real days match.
_ISO_DATE = "{col} IS NULL OR (length({col}) = 10 AND date({col}, '+0 days') IS {col})"


def _date_check(col: str, nullable: bool = False) -> str:
    if nullable:
        return f"CHECK ({_ISO_DATE.format(col=col)})"
    return f"NOT NULL CHECK (length({col}) = 10 AND date({col}, '+0 days') IS {col})"


OPEN_VISIT_TERMS = (
    "{t}done = 0", "{t}cancelled_reason = ''", "{t}missed_on IS NULL",
    "{t}window_end >= {t}tracked_from",
)


def open_visit(alias: str = "") -> str:
    """The condition of the open-visit partial indexes; a query repeats it (on its alias) so
    the planner can use them."""
    prefix = f"{alias}." if alias else ""
    return " AND ".join(term.format(t=prefix) for term in OPEN_VISIT_TERMS)


OPEN_VISIT = open_visit()


def m0001_roster(db: Database) -> None:
    statements = [
        f"""CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            mrn TEXT NOT NULL UNIQUE CHECK (length(mrn) BETWEEN 1 AND 32 AND mrn = trim(mrn)),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            date_of_birth TEXT {_date_check('date_of_birth', nullable=True)},
            sex TEXT NOT NULL DEFAULT '' CHECK (sex IN ('F', 'M', 'X', '')),
            phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
            diagnosis TEXT NOT NULL DEFAULT '' CHECK (length(diagnosis) <= 200),
            physician TEXT NOT NULL DEFAULT '' CHECK (length(physician) <= 200),
            notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 4000)
        )""",
        f"""CREATE TABLE treatments (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            product TEXT NOT NULL CHECK (length(product) BETWEEN 1 AND 200),
            target TEXT NOT NULL DEFAULT '' CHECK (length(target) <= 100),
            infusion_date TEXT {_date_check('infusion_date')},
            protocols TEXT NOT NULL CHECK (length(protocols) >= 1),
            tracked_from TEXT {_date_check('tracked_from')},
            reinfusion_of INTEGER REFERENCES treatments(id)
        )""",
        "CREATE INDEX treatments_patient ON treatments(patient_id)",
        """CREATE TABLE protocol_versions (
            protocol_id TEXT NOT NULL,
            version TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (protocol_id, version)
        )""",
        """CREATE TABLE treatment_protocols (
            treatment_id INTEGER NOT NULL REFERENCES treatments(id),
            protocol_id TEXT NOT NULL,
            version TEXT NOT NULL,
            PRIMARY KEY (treatment_id, protocol_id),
            FOREIGN KEY (protocol_id, version) REFERENCES protocol_versions(protocol_id, version)
        )""",
        f"""CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            treatment_id INTEGER NOT NULL REFERENCES treatments(id),
            protocol_id TEXT NOT NULL,
            code TEXT NOT NULL,
            label TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('response','safety','monitoring','ltfu','registry')),
            any_day INTEGER NOT NULL DEFAULT 0 CHECK (any_day IN (0, 1)),
            assessments TEXT NOT NULL DEFAULT '[]',
            target TEXT {_date_check('target')},
            window_start TEXT {_date_check('window_start')},
            window_end TEXT {_date_check('window_end')},
            scheduled TEXT {_date_check('scheduled')},
            -- the treatment's, copied (it never changes): lets the open-visit indexes leave out
            -- "prior" history, whose window closed before the patient was entered
            tracked_from TEXT {_date_check('tracked_from')},
            flags TEXT NOT NULL DEFAULT '[]',
            moved_reason TEXT NOT NULL DEFAULT '',
            cancelled_reason TEXT NOT NULL DEFAULT '',
            cancelled_by_event INTEGER REFERENCES events(id),
            missed_on TEXT {_date_check('missed_on', nullable=True)},
            -- kept with the visit record in one transaction, so "open" is a property of this
            -- row and the worklist can use a partial index instead of scanning the history
            done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
            CHECK (window_start <= target AND target <= window_end),
            UNIQUE (treatment_id, protocol_id, code)
        )""",
        "CREATE INDEX visits_treatment ON visits(treatment_id)",
        "CREATE INDEX visits_scheduled ON visits(scheduled)",
        # The worklist asks for open visits by window end (overdue) and by scheduled date
        # (this week): partial indexes hold only open visits, so years of done visits cost nothing.
        f"CREATE INDEX visits_open_window_end ON visits(window_end) WHERE {OPEN_VISIT}",
        f"CREATE INDEX visits_open_scheduled ON visits(scheduled) WHERE {OPEN_VISIT}",
        f"""CREATE TABLE visit_records (
            id INTEGER PRIMARY KEY,
            visit_id INTEGER NOT NULL UNIQUE REFERENCES visits(id),
            done_on TEXT {_date_check('done_on')},
            assessments_done TEXT NOT NULL DEFAULT '[]',
            disease_status TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
            who TEXT NOT NULL
        )""",
        """CREATE TABLE lab_results (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES visit_records(id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
            value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 40),
            unit TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX lab_results_record ON lab_results(record_id)",
        f"""CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            treatment_id INTEGER REFERENCES treatments(id),
            kind TEXT NOT NULL CHECK (kind IN ('death','withdrawal','lost_to_follow_up',
                'relapse','progression','re_infusion','allo_hct')),
            event_date TEXT {_date_check('event_date')},
            notes TEXT NOT NULL DEFAULT '',
            who TEXT NOT NULL,
            undone_on TEXT {_date_check('undone_on', nullable=True)}
        )""",
        "CREATE INDEX events_patient ON events(patient_id)",
        f"""CREATE TABLE call_attempts (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            visit_id INTEGER REFERENCES visits(id),
            called_on TEXT {_date_check('called_on')},
            outcome TEXT NOT NULL CHECK (outcome IN
                ('reached','no_answer','message_left','wrong_number')),
            who TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX call_attempts_patient ON call_attempts(patient_id)",
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('insert','update','delete','note')),
            old TEXT,
            new TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )""",
        "CREATE INDEX audit_row ON audit(table_name, row_id)",
    ]
    for sql in statements:
        db.execute(sql)


def m0002_users(db: Database) -> None:
    db.execute(
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
            role TEXT NOT NULL CHECK (role IN ('nurse', 'admin')),
            pin_salt TEXT NOT NULL,
            pin_hash TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
            locked_until TEXT,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        )"""
    )


def m0003_worklist_index(db: Database) -> None:
    """The open visits by scheduled date, as a covering index: the worklist's 5,000 lines at
    10,000 patients are read from the index in date order instead of from 5,000 places in the
    visits table (15 ms instead of 28 ms; the index is 48 MB at 10,000 patients).

    It holds what the worklist screen reads of an open visit (`VisitBrief`, the store's
    `_BRIEF_SELECT`), after the date it is found by, and the columns of the open-visit
    condition: they hold one value each here, and SQLite (3.40) reads a partial index as
    covering only when every column the query names is in it. Written out, not built from
    the code's constants: a shipped migration must make the same index on every roster."""
    db.execute("DROP INDEX visits_open_scheduled")
    db.execute(
        "CREATE INDEX visits_open_scheduled ON visits(scheduled, window_end, window_start, "
        "tracked_from, treatment_id, protocol_id, code, label, assessments, done, "
        "cancelled_reason, missed_on) WHERE done = 0 AND cancelled_reason = '' "
        "AND missed_on IS NULL AND window_end >= tracked_from"
    )


def m0004_corrections(db: Database) -> None:
    """Rule 11: every entry can be marked "entered in error" and the schedule goes back to what
    it would be without it. `visit_changes` keeps, for each entry that changed visits (an event,
    a visit record, a missed mark, a reschedule, a cancellation by hand), each visit's changed
    fields before and after, so a correction puts them back exactly. `corrections` keeps the
    reason, who, when, and the entry as it was (a visit record's row goes: its visit has one
    record slot). Events, results and calls stay and are marked with their correction."""
    statements = [
        f"""CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            kind TEXT NOT NULL CHECK (kind IN ('event','record','result','missed','reschedule',
                'cancellation','call')),
            entry_id INTEGER NOT NULL,
            reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 4000),
            who TEXT NOT NULL,
            corrected_on TEXT {_date_check('corrected_on')},
            entry TEXT NOT NULL
        )""",
        "CREATE INDEX corrections_patient ON corrections(patient_id)",
        f"""CREATE TABLE visit_changes (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            entry TEXT NOT NULL CHECK (entry IN ('event','record','missed','reschedule',
                'cancellation')),
            entry_id INTEGER NOT NULL,
            made_on TEXT {_date_check('made_on')},
            reason TEXT NOT NULL DEFAULT '',
            visits TEXT NOT NULL,
            corrected_by INTEGER REFERENCES corrections(id)
        )""",
        "CREATE INDEX visit_changes_patient ON visit_changes(patient_id)",
        "ALTER TABLE events ADD COLUMN corrected_by INTEGER REFERENCES corrections(id)",
        "ALTER TABLE lab_results ADD COLUMN corrected_by INTEGER REFERENCES corrections(id)",
        "ALTER TABLE call_attempts ADD COLUMN corrected_by INTEGER REFERENCES corrections(id)",
    ]
    for sql in statements:
        db.execute(sql)


def m0005_patient_contact(db: Database) -> None:
    """Where to write to a patient (a postal address for window-envelope letters) and whom to
    call when the patient cannot be reached. ADD COLUMN, not `transform()`: the table and its
    triggers stay as they are, and rows written before have '' (the audit check reads a field
    missing from an older audit image as this default: `audit.ADDED_COLUMNS`)."""
    for sql in (
        "ALTER TABLE patients ADD COLUMN address TEXT NOT NULL DEFAULT '' "
        "CHECK (length(address) <= 300)",
        "ALTER TABLE patients ADD COLUMN next_of_kin TEXT NOT NULL DEFAULT '' "
        "CHECK (length(next_of_kin) <= 200)",
        "ALTER TABLE patients ADD COLUMN next_of_kin_relationship TEXT NOT NULL DEFAULT '' "
        "CHECK (length(next_of_kin_relationship) <= 60)",
        "ALTER TABLE patients ADD COLUMN next_of_kin_phone TEXT NOT NULL DEFAULT '' "
        "CHECK (length(next_of_kin_phone) <= 40)",
    ):
        db.execute(sql)


def m0006_triage_index(db: Database) -> None:
    """The worklist's covering index also holds each visit's kind: the triage order (rule 15)
    puts early safety visits first, and a column the index lacks would send each of the
    worklist's lines back to the visits table. The treatment's day 0 comes with the
    treatment row the worklist joins already."""
    db.execute("DROP INDEX visits_open_scheduled")
    db.execute(
        "CREATE INDEX visits_open_scheduled ON visits(scheduled, window_end, window_start, "
        "tracked_from, treatment_id, protocol_id, code, label, assessments, kind, done, "
        "cancelled_reason, missed_on) WHERE done = 0 AND cancelled_reason = '' "
        "AND missed_on IS NULL AND window_end >= tracked_from"
    )


def m0007_patient_results(db: Database) -> None:
    """Results belong to the patient with the date they were taken (DESIGN.md, "Results, units
    and tracks"), whether typed at a visit (`record_id` keeps the link) or imported from the lab
    (no record). Each keeps the value and unit as given and the canonical value and unit.

    `record_id` becomes optional, which SQLite can only do by copying the table. The new columns
    of a result written before stay NULL: its patient and date are its record's (the store reads
    them through the record) and its canonical value is worked out when read, so the row stays
    as its audit image has it."""
    iso = _ISO_DATE.format(col="taken_on")
    for sql in (
        f"""CREATE TABLE lab_results_0007 (
            id INTEGER PRIMARY KEY,
            record_id INTEGER REFERENCES visit_records(id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
            value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 40),
            unit TEXT NOT NULL DEFAULT '',
            corrected_by INTEGER REFERENCES corrections(id),
            patient_id INTEGER REFERENCES patients(id),
            taken_on TEXT CHECK ({iso}),
            canonical_value REAL,
            canonical_unit TEXT,
            CHECK (record_id IS NOT NULL OR (patient_id IS NOT NULL AND taken_on IS NOT NULL))
        )""",
        "INSERT INTO lab_results_0007 (id, record_id, name, value, unit, corrected_by) "
        "SELECT id, record_id, name, value, unit, corrected_by FROM lab_results",
        "DROP TABLE lab_results",
        "ALTER TABLE lab_results_0007 RENAME TO lab_results",
        "CREATE INDEX lab_results_record ON lab_results(record_id)",
        "CREATE INDEX lab_results_patient ON lab_results(patient_id, taken_on)",
    ):
        db.execute(sql)


EVENT_KINDS_0010 = (
    "death", "withdrawal", "lost_to_follow_up", "relapse", "progression", "re_infusion",
    "allo_hct", "secondary_malignancy", "t_cell_malignancy", "serious_infection",
    "hospitalisation", "late_neurotoxicity", "parkinsonism", "cranial_nerve_palsy",
    "immunoglobulin", "anti_cd19_cd20",
)


def m0010_events_and_tasks(db: Database) -> None:
    """The event kinds of CLINICAL.md's December 2026 review (secondary malignancy, T-cell
    malignancy, serious infection, hospitalisation, late neurotoxicity, and what the vaccine
    flag reads: immunoglobulin replacement, anti-CD19/CD20 therapy), and the `tasks` a new
    malignancy raises ("report to the manufacturer and arrange sample testing"), kept until
    marked done.

    SQLite cannot change a CHECK in place, so `events` is rebuilt under its own name with the
    same columns, rows and ids. Visits and tasks refer to events: with the foreign keys deferred
    to the end of the migration's transaction, the rows are back before anything is checked (a
    row lost on the way fails the commit; nothing changes). Written out in full, not from the
    code's constants: a shipped migration must make the same table on every roster."""
    kinds = ",".join(f"'{k}'" for k in EVENT_KINDS_0010)
    columns = "id, patient_id, treatment_id, kind, event_date, notes, who, undone_on, corrected_by"
    for sql in (
        "PRAGMA defer_foreign_keys = ON",
        f"CREATE TEMP TABLE events_0010 AS SELECT {columns} FROM events",
        "DROP TABLE events",
        f"""CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            treatment_id INTEGER REFERENCES treatments(id),
            kind TEXT NOT NULL CHECK (kind IN ({kinds})),
            event_date TEXT {_date_check('event_date')},
            notes TEXT NOT NULL DEFAULT '',
            who TEXT NOT NULL,
            undone_on TEXT {_date_check('undone_on', nullable=True)},
            corrected_by INTEGER REFERENCES corrections(id)
        )""",
        f"INSERT INTO events ({columns}) SELECT {columns} FROM temp.events_0010 ORDER BY id",
        "DROP TABLE temp.events_0010",
        "CREATE INDEX events_patient ON events(patient_id)",
        f"""CREATE TABLE tasks (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            event_id INTEGER NOT NULL REFERENCES events(id),
            kind TEXT NOT NULL CHECK (kind IN ('report_manufacturer')),
            created_on TEXT {_date_check('created_on')},
            done_on TEXT {_date_check('done_on', nullable=True)},
            done_by TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX tasks_patient ON tasks(patient_id)",
    ):
        db.execute(sql)


def m0012_patient_language(db: Database) -> None:
    """The language of a patient's letters, "" for the clinic's (issue 12: the letter follows the
    patient). ADD COLUMN like 0005: older audit images read it as '' (`audit.ADDED_COLUMNS`)."""
    db.execute("ALTER TABLE patients ADD COLUMN language TEXT NOT NULL DEFAULT '' "
               "CHECK (language IN ('', 'en', 'zh'))")


def m0013_visit_translations(db: Database) -> None:
    """A visit keeps the Chinese of its label and assessments beside the English (issue 12:
    the worklist, the sheets and the letters in the nurse's language), copied from the protocol
    file when it is planned. ADD COLUMN like 0005 (`audit.ADDED_COLUMNS`); the covering index
    of the worklist (0003) is made again with them, so the worklist still reads only the index.

    The visits a roster already holds get theirs from the shipped file of their treatment's
    pinned version (the defaults and `history/`), where the visit code is one of that
    version's; each filled visit gets an audit row, so the audit check still finds every
    visit as last audited. A clinic's own protocol is not read here: its visits stay in
    English until a new version plans them again."""
    db.execute("ALTER TABLE visits ADD COLUMN label_zh TEXT NOT NULL DEFAULT '' "
               "CHECK (length(label_zh) <= 200)")
    db.execute("ALTER TABLE visits ADD COLUMN assessments_zh TEXT NOT NULL DEFAULT '[]'")
    db.execute("DROP INDEX visits_open_scheduled")
    db.execute(
        "CREATE INDEX visits_open_scheduled ON visits(scheduled, window_end, window_start, "
        "tracked_from, treatment_id, protocol_id, code, label, assessments, kind, label_zh, "
        "assessments_zh, done, cancelled_reason, missed_on) WHERE done = 0 "
        "AND cancelled_reason = '' AND missed_on IS NULL AND window_end >= tracked_from"
    )
    _fill_visit_translations(db.conn)


def _fill_visit_translations(conn: sqlite3.Connection) -> None:
    import json
    from datetime import UTC, datetime

    from cartclinic.protocol import protocol_of_version
    from cartclinic.store.audit import legacy_chain_hash as chain_hash  # 0016 converts them

    pinned = conn.execute("SELECT DISTINCT protocol_id, version FROM treatment_protocols").fetchall()
    changes: list[tuple[int, dict, dict]] = []
    for protocol_id, version in pinned:
        protocol = protocol_of_version(protocol_id, version)
        if protocol is None or not protocol.translated:
            continue
        by_code = {t.code: (t.label_zh, t.assessments_zh) for t in protocol.templates}
        cur = conn.execute(
            "SELECT v.* FROM visits v JOIN treatment_protocols tp ON tp.treatment_id = "
            "v.treatment_id AND tp.protocol_id = v.protocol_id WHERE tp.protocol_id = ? AND "
            "tp.version = ? ORDER BY v.id", (protocol_id, version))
        names = [d[0] for d in cur.description]
        for values in cur:
            row = dict(zip(names, values, strict=True))
            code = row["code"]
            found = by_code.get(code) or next(
                ((t.label_zh, t.assessments_zh) for t in protocol.tracks
                 if t.number_of(code) is not None), None)
            if found is None or len(found[1]) != len(json.loads(row["assessments"])):
                continue
            new = {**row, "label_zh": found[0],
                   "assessments_zh": json.dumps(list(found[1]), ensure_ascii=False)}
            changes.append((row["id"], row, new))
    if not changes:
        return
    conn.executemany("UPDATE visits SET label_zh = ?, assessments_zh = ? WHERE id = ?",
                     [(n["label_zh"], n["assessments_zh"], vid) for vid, _o, n in changes])
    last = conn.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last else ""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    who = "migration 0013_visit_translations"
    rows = []
    for vid, old, new in changes:
        old_text = json.dumps(old, ensure_ascii=False, sort_keys=True)
        new_text = json.dumps(new, ensure_ascii=False, sort_keys=True)
        digest = chain_hash(prev, at, who, "visits", str(vid), "update", old_text, new_text)
        rows.append((at, who, "visits", str(vid), "update", old_text, new_text, prev, digest))
        prev = digest
    conn.executemany(
        "INSERT INTO audit (at, who, table_name, row_id, action, old, new, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def m0014_user_language(db: Database) -> None:
    """The interface language of each person (issue 12: an English-speaking doctor and a
    Chinese nurse share the PC); NULL: the PC's setting. ADD COLUMN (`audit.ADDED_COLUMNS`)."""
    db.execute("ALTER TABLE users ADD COLUMN language TEXT "
               "CHECK (language IS NULL OR language IN ('en', 'zh'))")


def m0016_compact_audit(db: Database) -> None:
    """The audit trail in its compact form (issue 14; docs/reliability.md, "The compact audit
    trail"): each entry keeps the fields that changed and a hash of the whole row after the
    change instead of two whole copies of the row (75 % of a roster's file before).

    The old chain is checked first, every row: a roster whose trail is broken is refused
    (RosterProblem, nothing changed) rather than converted, which would hide the break behind
    a fresh chain. Each entry is then rewritten in the compact form and chained anew (its old
    hash covered whole images that are no longer kept); it keeps the first 16 hex digits of
    its old hash in `legacy`, so anchors written before (anchors file, backup sidecars, paper)
    still hold, and a last entry notes the conversion with the old head. The image hash is of
    the image the old entry held, not of the row as it is now: a clinical row changed behind
    the program's back before the conversion is still named by `audit --verify` after it.
    The table is rebuilt (its triggers with it: `ensure_triggers` recreates them)."""
    from datetime import UTC, datetime

    from cartclinic.errors import RosterProblem
    from cartclinic.store import audit

    conn = db.conn
    broken = audit.legacy_chain_problem(_batched(
        conn, f"SELECT {audit.LEGACY_COLUMNS} FROM audit ORDER BY id"))
    if broken:
        raise RosterProblem(
            f"The audit trail of this roster is broken ({broken}), so it is not converted to "
            "the compact form of this version (migration 0016): a new chain would hide the "
            "break. Nothing was changed. Keep this file for whoever looks into it, and restore "
            "the newest backup whose audit trail verifies (cartclinic-admin backups, restore).")
    conn.execute("""CREATE TABLE audit_0016 (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('insert','update','delete','note')),
        old TEXT,
        new TEXT,
        image BLOB,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        legacy BLOB
    )""")
    prev, head, count, batch = "", None, 0, []
    insert = f"INSERT INTO audit_0016 ({audit.AUDIT_COLUMNS}) VALUES ({', '.join('?' * 12)})"
    for row in _batched(conn, f"SELECT {audit.LEGACY_COLUMNS} FROM audit ORDER BY id"):
        converted = audit.convert_legacy(prev, row)
        # the two digests as bytes, half the room of their hex (audit.as_hex reads them back)
        batch.append((*converted[:8], audit.as_bytes(converted[8]), *converted[9:11],
                      audit.as_bytes(converted[11])))
        prev, head, count = converted[10], (row[0], row[9]), count + 1
        if len(batch) >= 2000:
            conn.executemany(insert, batch)
            batch = []
    conn.executemany(insert, batch)
    if head is not None:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        note = audit.entry(prev, at, audit.CONVERTED_BY, "note", audit.CONVERTED_NOTE, "note",
                           None, {"migration": "0016_compact_audit", "rows": count,
                                  "legacy_head": {"id": head[0], "hash": head[1]}})
        conn.execute(f"INSERT INTO audit_0016 ({', '.join(audit.ENTRY_COLUMNS)}) "
                     f"VALUES ({', '.join('?' * len(audit.ENTRY_COLUMNS))})", note)  # no image
    conn.execute("DROP TABLE audit")
    conn.execute("ALTER TABLE audit_0016 RENAME TO audit")
    conn.execute("CREATE INDEX audit_row ON audit(table_name, row_id)")


AUDIT_VIEW = """CREATE VIEW audit AS SELECT l.id AS id,
    CASE WHEN typeof(g.at) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', g.at, 'unixepoch')
         ELSE g.at END AS at,
    g.who AS who, t.name AS table_name, l.row_id AS row_id,
    CASE l.action WHEN 0 THEN 'insert' WHEN 1 THEN 'update' WHEN 2 THEN 'delete' ELSE 'note' END
        AS action,
    l.old AS old, l.new AS new, l.image AS image,
    CASE WHEN g.id = l.id THEN lower(hex(g.hash)) END AS hash, l.legacy AS legacy
    FROM audit_log l JOIN audit_table t ON t.code = l.tbl
    JOIN audit_group g ON g.id = (SELECT min(id) FROM audit_group WHERE id >= l.id)"""


def m0018_audit_groups(db: Database) -> None:
    """The audit trail in groups (issue 14; docs/reliability.md, "The compact audit trail"):
    the entries written together (a schedule, an import, one update) share one row of
    `audit_group` holding when (epoch seconds), who, the link to the hash before them and the
    chain hash after them; each entry (`audit_log`) keeps only its own: table and action as
    codes, the row id as an integer, the changed fields, the image hash. The view `audit` gives
    the entries as before (the readers read it).

    The 0016 chain is checked first, every row: a broken trail is refused (RosterProblem,
    nothing changed). The hashes are not made anew: the chain runs entry by entry as before,
    with the same fields, so a group's hash is the 0016 hash of its last entry and anchors
    written before (anchors file, backup sidecars, paper, the seal) still hold; an anchor of an
    entry inside a group is checked by folding the group up to it (`audit.fold`). Entries of
    0016 are grouped by runs of the same time and author, which is what one write made."""
    from cartclinic.errors import RosterProblem
    from cartclinic.store import audit

    conn = db.conn
    broken = audit.chain_problem(_batched(
        conn, f"SELECT {audit.AUDIT_COLUMNS} FROM audit ORDER BY id"))
    if broken:
        raise RosterProblem(
            f"The audit trail of this roster is broken ({broken}), so it is not converted to "
            "the grouped form of this version (migration 0018): the conversion would hide the "
            "break. Nothing was changed. Keep this file for whoever looks into it, and restore "
            "the newest backup whose audit trail verifies (cartclinic-admin backups, restore).")
    create_audit_tables(conn)
    codes = audit_table_codes(conn)
    log_sql = f"INSERT INTO audit_log ({audit.LOG_COLUMNS}) VALUES ({', '.join('?' * 8)})"
    group_sql = f"INSERT INTO audit_group ({audit.GROUP_COLUMNS}) VALUES (?, ?, ?, ?, ?)"

    def code_of(table: str) -> int:
        if table not in codes:
            codes[table] = add_audit_table(conn, table)
        return codes[table]

    rows = _batched(conn, f"SELECT {audit.AUDIT_COLUMNS} FROM audit ORDER BY id")
    for log, groups in audit.grouped(rows, code_of):
        conn.executemany(log_sql, log)
        conn.executemany(group_sql, groups)
    conn.execute("DROP TABLE audit")  # its index audit_row and its triggers with it
    conn.execute("CREATE INDEX audit_row ON audit_log(tbl, row_id)")
    conn.execute(AUDIT_VIEW)


# A visit's texts, kept once (migration 0019): the table, the view that gives a visit as one
# row with them (what its audit entries hash, and what the readers join), the worklist's index.
VISIT_TEXTS_TABLE = """CREATE TABLE visit_texts (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        assessments TEXT NOT NULL DEFAULT '[]',
        label_zh TEXT NOT NULL DEFAULT '' CHECK (length(label_zh) <= 200),
        assessments_zh TEXT NOT NULL DEFAULT '[]'
    )"""
TEXT_COLUMNS = ("label", "assessments", "label_zh", "assessments_zh")
VISITS_WITH_TEXTS = """CREATE VIEW visits_with_texts AS SELECT v.id AS id,
    v.treatment_id AS treatment_id, v.protocol_id AS protocol_id, v.code AS code,
    x.label AS label, v.kind AS kind, v.any_day AS any_day, x.assessments AS assessments,
    v.target AS target, v.window_start AS window_start, v.window_end AS window_end,
    v.scheduled AS scheduled, v.tracked_from AS tracked_from, v.flags AS flags,
    v.moved_reason AS moved_reason, v.cancelled_reason AS cancelled_reason,
    v.cancelled_by_event AS cancelled_by_event, v.missed_on AS missed_on, v.done AS done,
    x.label_zh AS label_zh, x.assessments_zh AS assessments_zh
    FROM visits v JOIN visit_texts x ON x.id = v.texts"""
OPEN_SCHEDULED_INDEX = (
    "CREATE INDEX visits_open_scheduled ON visits(scheduled, window_end, window_start, "
    "tracked_from, treatment_id, protocol_id, code, texts, kind, done, cancelled_reason, "
    "missed_on) WHERE done = 0 AND cancelled_reason = '' AND missed_on IS NULL "
    "AND window_end >= tracked_from")


def m0019_visit_texts(db: Database) -> None:
    """A visit's label and assessments, English and Chinese, kept once per distinct text in
    `visit_texts` and named by its id (`visits.texts`), instead of in every visit row and again
    in the worklist's covering index (issue 14: they were 60 % of a 10,000-patient roster: a
    few dozen texts repeated over hundreds of thousands of visits).

    Nothing a person sees changes, nor any audit entry: a visit's audit image is of the visit
    with its texts (the view `visits_with_texts`, the row as it was before), so every image
    hash written before still matches, and a text edited outside the program no longer
    matches the images of the visits that use it. The texts are never changed or removed
    (triggers): a visit given other texts gets another row of them."""
    _move_visit_texts(db.conn, VISIT_TEXTS_TABLE, "ALTER TABLE visits ADD COLUMN texts "
                      "INTEGER REFERENCES visit_texts(id)")


def _move_visit_texts(conn: Any, create_table: str, add_column: str) -> None:
    """The steps of 0019 both backends share (their DDL for the table and the column given)."""
    conn.execute(create_table)
    conn.execute("CREATE INDEX visit_texts_label ON visit_texts(label)")
    cols = ", ".join(TEXT_COLUMNS)
    conn.execute(f"INSERT INTO visit_texts ({cols}) SELECT DISTINCT {cols} FROM visits "
                 f"ORDER BY {cols}")
    conn.execute("DROP INDEX visits_open_scheduled")  # it holds the texts: made again below
    # two indexes no query needs (EXPLAIN QUERY PLAN on each, docs/performance.md): a visit by
    # its treatment is found through UNIQUE (treatment_id, protocol_id, code), whose first
    # column it is, and a visit is looked up by day only while open (the partial indexes)
    conn.execute("DROP INDEX visits_treatment")
    conn.execute("DROP INDEX visits_scheduled")
    conn.execute(add_column)
    same = " AND ".join(f"x.{c} = visits.{c}" for c in TEXT_COLUMNS)
    conn.execute(f"UPDATE visits SET texts = x.id FROM visit_texts x WHERE {same}")
    for column in TEXT_COLUMNS:
        conn.execute(f"ALTER TABLE visits DROP COLUMN {column}")
    conn.execute(OPEN_SCHEDULED_INDEX)
    conn.execute(VISITS_WITH_TEXTS)


def m0020_smaller_indexes(db: Database) -> None:
    """Two indexes made smaller, for the file's size (issue 14: a 10,000-patient roster under
    250 MB; they were 48 of its 292 MB).

    - `audit_row` (an entry's table and row) is dropped. Only the audit check read it, to find
      each row's last entry, and it now finds them all in one pass over the trail; the server
      keeps its own (its conflict check reads a visit's newest entries).
    - `visits_open_scheduled` holds the open visits' scheduled day only, no longer the worklist's
      columns: the worklist reads its few thousand lines from the visits table, a lookup each
      (at 10,000 patients 24 ms instead of 17 for the query, and 19 MB less).

    Written out, not built from the code's constants: a shipped migration must make the same
    index on every roster."""
    db.execute("DROP INDEX audit_row")
    db.execute("DROP INDEX visits_open_scheduled")
    db.execute(
        "CREATE INDEX visits_open_scheduled ON visits(scheduled) WHERE done = 0 "
        "AND cancelled_reason = '' AND missed_on IS NULL AND window_end >= tracked_from"
    )


def create_audit_tables(conn: sqlite3.Connection) -> None:
    """The tables of the grouped trail (migration 0018; a new roster has them from there).
    `row_id` has INTEGER affinity: a row id given as text ('12') finds the integer kept."""
    from cartclinic.store import audit

    conn.execute("""CREATE TABLE audit_table (
        code INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    )""")
    conn.executemany("INSERT INTO audit_table (code, name) VALUES (?, ?)",
                     list(enumerate(audit.TABLE_NAMES)))
    conn.execute("""CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        tbl INTEGER NOT NULL,
        row_id INTEGER NOT NULL,
        action INTEGER NOT NULL CHECK (action BETWEEN 0 AND 3),
        old TEXT,
        new TEXT,
        image BLOB,
        legacy BLOB
    )""")
    conn.execute("""CREATE TABLE audit_group (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        who TEXT NOT NULL,
        link BLOB NOT NULL,
        hash BLOB NOT NULL
    )""")


def audit_table_codes(conn: sqlite3.Connection) -> dict[str, int]:
    return {name: code for code, name in conn.execute("SELECT code, name FROM audit_table")}


def add_audit_table(conn: sqlite3.Connection, name: str) -> int:
    code = conn.execute("SELECT coalesce(max(code), -1) + 1 FROM audit_table").fetchone()[0]
    conn.execute("INSERT INTO audit_table (code, name) VALUES (?, ?)", (code, name))
    return int(code)


def _batched(conn: sqlite3.Connection, sql: str):
    """Rows as plain tuples, 2000 at a time (a trail of millions is never read whole)."""
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(sql)
    while batch := cur.fetchmany(2000):
        yield from batch


# in the order they run; a name, once shipped, never changes (it is stored in each roster)
STEPS: tuple[tuple[str, Callable[[Database], None]], ...] = (
    ("0001_roster", m0001_roster),
    ("0002_users", m0002_users),
    ("0003_worklist_index", m0003_worklist_index),
    ("0004_corrections", m0004_corrections),
    ("0005_patient_contact", m0005_patient_contact),
    ("0006_triage_index", m0006_triage_index),
    ("0007_patient_results", m0007_patient_results),
    ("0010_events_and_tasks", m0010_events_and_tasks),
    ("0012_patient_language", m0012_patient_language),
    ("0013_visit_translations", m0013_visit_translations),
    ("0014_user_language", m0014_user_language),
    ("0016_compact_audit", m0016_compact_audit),
    ("0018_audit_groups", m0018_audit_groups),
    ("0019_visit_texts", m0019_visit_texts),
    ("0020_smaller_indexes", m0020_smaller_indexes),
)


@cache
def migration_set() -> Migrations:
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, step in STEPS:
        migrations(name=name)(step)
    return migrations


def pending_names(conn: sqlite3.Connection) -> list[str]:
    """The migrations this roster has not had, read without sqlite-utils (the same table and
    columns `Migrations.applied` reads; a test holds the two to the same answer)."""
    table = MIGRATIONS_TABLE
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          (table,)).fetchone()
    applied = set() if exists is None else {row[0] for row in conn.execute(
        f"SELECT name FROM {table} WHERE migration_set = ?", (MIGRATION_SET,))}
    return [name for name, _ in STEPS if name not in applied]


TRIGGERS = {
    f"{table}_no_{what}": f"""CREATE TRIGGER {table}_no_{what} BEFORE {what.upper()} ON {table}
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"""
    for table in ("audit_log", "audit_group", "audit_table") for what in ("update", "delete")
} | {
    # a visit's texts are shared by many visits: one changed would change them all (0019)
    f"visit_texts_no_{what}": f"""CREATE TRIGGER visit_texts_no_{what} BEFORE {what.upper()}
        ON visit_texts BEGIN SELECT RAISE(ABORT, 'visit texts are never changed'); END"""
    for what in ("update", "delete")
} | {
    # ALTER TABLE cannot add a NOT NULL column that refers to another table: a visit without
    # texts would be left out of every list, so it is refused here
    f"visits_texts_{what}": f"""CREATE TRIGGER visits_texts_{what} BEFORE {what.upper()}
        ON visits WHEN NEW.texts IS NULL
        BEGIN SELECT RAISE(ABORT, 'NOT NULL constraint failed: visits.texts'); END"""
    for what in ("insert", "update")
}
# the triggers of the table `audit` before migration 0018 made it a view of the tables above
LEGACY_TRIGGERS = {
    "audit_no_update": """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
    "audit_no_delete": """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
}


def ensure_triggers(db: Database) -> None:
    """Create the triggers that a migration (`transform()`) may have dropped."""
    have = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    grouped = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'").fetchone()
    texts = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'visit_texts'").fetchone()
    for name, sql in (TRIGGERS if grouped else LEGACY_TRIGGERS).items():  # before 0018: audit
        if name not in have and (texts or "visit_texts" not in name and "_texts_" not in name):
            db.execute(sql)  # the triggers of 0019 only once it made its table
