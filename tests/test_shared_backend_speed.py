"""The shared backend's speed rules (issue 14, docs/performance.md "The shared backend"): what
a server pays per round trip is paid once per operation, not once per row, visit or patient,
and what is sent is the same rows SQLite stores. Counted through wrappers, never timed."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import psycopg
import pytest

from cartclinic.roster import Roster
from cartclinic.roster_csv import import_csv
from cartclinic.store.move import move_roster
from cartclinic.store.postgres import connection as pg

TODAY = date(2026, 11, 27)
WHO = "nurse Test"


def patients_csv(n: int, first_day: date = date(2025, 6, 2)) -> str:
    """n patients, a week apart from `first_day`: visits long overdue, due and to come."""
    lines = ["mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol"]
    for i in range(n):
        day = first_day + timedelta(days=7 * i)
        lines.append(f"S{i:04d},Patient {i},1960-01-01,LBCL,axi-cel,{day},lbcl-cd19")
    return "\n".join(lines) + "\n"


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Every statement sent to the server (one round trip each); `sent(statements, start)`
    counts those that start so."""
    sent: Counter = Counter()
    execute, executemany = pg.Cursor.execute, pg.Cursor.executemany

    def counted(self, sql, args=()):
        sent[sql] += 1
        return execute(self, sql, args)

    def counted_many(self, sql, rows):
        sent["MANY " + sql] += 1
        return executemany(self, sql, rows)

    monkeypatch.setattr(pg.Cursor, "execute", counted)
    monkeypatch.setattr(pg.Cursor, "executemany", counted_many)
    return sent


def sent(statements: Counter, start: str) -> int:
    return sum(n for sql, n in statements.items() if sql.startswith(start))


BODY = "SELECT body FROM protocol_versions WHERE protocol_id = ? AND version = ?"


def test_a_plain_insert_repeated_goes_as_one_copy_and_no_other_statement_does():
    assert pg.copy_of("INSERT INTO visits (id, code) VALUES (?, ?)") == \
        "COPY visits (id, code) FROM STDIN"
    for other in ("INSERT INTO patients (mrn) VALUES (?) RETURNING *",
                  "INSERT INTO t (a) VALUES (?) ON CONFLICT DO NOTHING",
                  "INSERT INTO t (a, b) VALUES (?, 0)",
                  "UPDATE visits SET done = ? WHERE id = ?"):
        assert pg.copy_of(other) is None


def test_a_translated_statement_is_translated_once():
    sql = "SELECT id FROM visits WHERE code = ? AND label LIKE '%x' -- speed test"
    before = pg.translate.cache_info().hits
    assert pg.translate(sql) == pg.translate(sql)
    assert pg.translate.cache_info().hits == before + 1


def test_an_import_sends_each_tables_rows_in_one_copy_per_write_and_numbers_visits_as_sqlite(
        pg_server, tmp_path, statements):
    text = patients_csv(12)
    on_file = Roster.open(tmp_path / "file.db")
    on_server = Roster.open(pg_server.new_database())
    try:
        import_csv(on_file, text, WHO, TODAY)
        statements.clear()
        import_csv(on_server, text, WHO, TODAY)
        # one COPY of the write's visits, not one per schedule; the treatment protocols and
        # audit rows at most twice (what the first treatment held goes when the write first
        # asks for a visit id), not once per protocol, treatment or change; one question for
        # the first visit id; each protocol's body read once; no MRN asked of an empty roster
        assert sent(statements, "MANY INSERT INTO visits ") == 1
        assert sent(statements, "MANY INSERT INTO treatment_protocols ") <= 2
        assert sent(statements, "MANY INSERT INTO audit_log ") <= 2
        assert sent(statements, "MANY INSERT INTO audit_group ") <= 2
        assert sent(statements, "SELECT (SELECT coalesce(max(id), 0) + 1 FROM visits)") == 1
        assert sent(statements, BODY) <= 2  # not there yet, then there: kept
        assert not any(k.startswith("SELECT mrn") for k in statements)

        def visits(roster: Roster) -> list[tuple]:
            return [tuple(r) for r in roster.store.conn.execute(
                "SELECT id, treatment_id, protocol_id, code, window_start, window_end, "
                "scheduled, tracked_from, cancelled_reason FROM visits ORDER BY id")]

        assert visits(on_server) == visits(on_file)
        assert on_server.store.verify_audit() == []
    finally:
        on_file.close()
        on_server.close()


def test_a_write_that_runs_into_the_next_second_still_sends_the_trail_in_one_copy_per_flush(
        pg_server, statements, monkeypatch):
    """A write's audit entries change group when the clock passes a second (audit_group): the
    held entries are still sent in one statement per flush, not one per group (before, a
    slow import that crossed a second sent three, seen once in a CI run)."""
    from datetime import UTC, datetime

    from cartclinic.store.sqlite import store as sqlite_store

    class Ticking(datetime):
        seconds = 0

        @classmethod
        def now(cls, tz=None):
            cls.seconds += 1  # every audit write in a second of its own
            return datetime(2026, 11, 27, 9, 0, tzinfo=UTC) + timedelta(seconds=cls.seconds)

    roster = Roster.open(pg_server.new_database())
    try:
        monkeypatch.setattr(sqlite_store, "datetime", Ticking)
        statements.clear()
        import_csv(roster, patients_csv(12), WHO, TODAY)
        assert Ticking.seconds > 12  # the import's entries made many groups
        assert sent(statements, "MANY INSERT INTO audit_log ") <= 2
        assert sent(statements, "MANY INSERT INTO audit_group ") <= 2
        monkeypatch.undo()
        assert roster.store.verify_audit() == []
    finally:
        roster.close()


def test_a_new_patient_reads_the_visit_texts_once_not_once_per_text(pg_server, statements):
    """A schedule's texts (schema 0019) are found in one read of the few visit texts per write,
    not one question per text: a patient's schedule of some 40 texts is one round trip."""
    from helpers import add_patient

    roster = Roster.open(pg_server.new_database())
    try:
        add_patient(roster, TODAY, mrn="P1")
        statements.clear()
        add_patient(roster, TODAY, mrn="P2", name="Second Patient")
        asked = sum(n for sql, n in statements.items() if "FROM visit_texts" in sql)
        assert asked == 1
        assert not any(sql.startswith("MANY INSERT INTO visit_texts")
                       or sql.startswith("INSERT INTO visit_texts") for sql in statements)
    finally:
        roster.close()


def test_a_second_import_into_a_roster_that_has_patients_still_refuses_a_taken_mrn(pg_server):
    roster = Roster.open(pg_server.new_database())
    try:
        import_csv(roster, patients_csv(2), WHO, TODAY)
        with pytest.raises(Exception, match="S0001"):
            import_csv(roster, patients_csv(3), WHO, TODAY)
        assert len(roster.store.patients()) == 2
    finally:
        roster.close()


def test_the_worklist_reads_the_server_in_one_statement_whatever_its_length(
        pg_server, statements):
    roster = Roster.open(pg_server.new_database())
    try:
        import_csv(roster, patients_csv(30), WHO, TODAY)
        for days in (7, 60):
            statements.clear()
            lines = roster.worklist_lines(TODAY, TODAY, TODAY + timedelta(days=days))
            assert lines and sum(statements.values()) == 1
    finally:
        roster.close()


def test_the_worklist_on_the_server_lists_what_the_same_roster_on_a_file_lists(
        pg_server, tmp_path):
    on_file = Roster.open(tmp_path / "file.db")
    try:
        import_csv(on_file, patients_csv(40, date(2025, 1, 6)), WHO, TODAY)
    finally:
        on_file.close()
    url = pg_server.new_database()
    move_roster(tmp_path / "file.db", url, WHO)
    on_file, on_server = Roster.open(tmp_path / "file.db"), Roster.open(url)
    try:
        for today in (TODAY, date(2025, 3, 3), date(2026, 6, 1), date(2027, 2, 1)):
            for days in (0, 7, 90):
                end = today + timedelta(days=days)
                assert on_server.worklist_lines(today, today, end) == \
                    on_file.worklist_lines(today, today, end), (today, days)
    finally:
        on_file.close()
        on_server.close()


def test_a_protocol_body_is_read_once_per_connection_and_again_after_a_rollback(
        pg_server, statements):
    roster = Roster.open(pg_server.new_database())
    try:
        import_csv(roster, patients_csv(1), WHO, TODAY)  # stored, then read once: kept
        import_csv(roster, patients_csv(1).replace("S0000", "R0"), WHO, TODAY)
        statements.clear()
        for i in range(3):
            import_csv(roster, patients_csv(1).replace("S0000", f"T{i}"), WHO, TODAY)
        assert statements[BODY] == 0
        roster.store.conn.execute("BEGIN")
        roster.store.conn.execute("ROLLBACK")
        import_csv(roster, patients_csv(1).replace("S0000", "U0"), WHO, TODAY)
        assert statements[BODY] == 1
    finally:
        roster.close()


def test_visits_held_for_the_copy_are_sent_before_anything_reads_them(pg_server):
    roster = Roster.open(pg_server.new_database())
    try:
        with roster.store.write(WHO):  # the import's write is part of this one: held till its end
            import_csv(roster, patients_csv(2), WHO, TODAY)
            assert roster.store.conn.execute("SELECT count(*) FROM visits").fetchone()[0] > 0
            assert len(roster.store.visits()) > 0
        assert roster.store.verify_audit() == []
    finally:
        roster.close()


def test_a_moved_roster_is_analysed_for_the_servers_planner(pg_server, tmp_path):
    on_file = Roster.open(tmp_path / "file.db")
    try:
        import_csv(on_file, patients_csv(3), WHO, TODAY)
    finally:
        on_file.close()
    url = pg_server.new_database()
    move_roster(tmp_path / "file.db", url, WHO)
    with psycopg.connect(url) as conn:
        analysed = conn.execute(
            "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN "
            "('patients', 'treatments', 'visits') AND last_analyze IS NOT NULL").fetchone()[0]
    assert analysed == 3


def test_visits_cancelled_together_send_the_trail_once_not_before_each_update(
        pg_server, statements):
    """A statement naming a held table sends that table's held rows only: a re-infusion's
    cancelled visits (an update each, naming `visits`) no longer send the trail held so far
    before each one, so the trail of the whole write goes in one statement at its end."""
    from helpers import add_patient

    roster = Roster.open(pg_server.new_database())
    try:
        patient = add_patient(roster, TODAY, mrn="P1")
        visits = roster.store.visits(patient_id=patient.id)[:6]
        statements.clear()
        with roster.store.write(WHO):
            for visit in visits:
                roster.store.update_visit(visit.id, cancelled_reason="entered by the test")
        assert sent(statements, "UPDATE visits") == 6
        assert sent(statements, "MANY INSERT INTO audit_log") == 1
        assert all(v.cancelled_reason == "entered by the test"
                   for v in roster.store.visits(patient_id=patient.id)[:6])
        assert roster.store.verify_audit() == []
    finally:
        roster.close()
