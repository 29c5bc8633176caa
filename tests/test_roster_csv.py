"""CSV import (all or nothing, every bad row named) and export (round trip)."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import WHO, add_patient
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cartclinic.errors import InputRefused
from cartclinic.roster import Roster
from cartclinic.roster_csv import export_csv, import_csv

# on a SQLite file and on a PostgreSQL server alike (issue 14)
pytestmark = pytest.mark.both_backends

HEADER = "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol,sex,phone,target,physician,notes,tracked_from\n"
GOOD = [
    "A1,王秀英,1946-02-11,Relapsed B-ALL,tisagenlecleucel,2016-03-15,b-all-cd19;registry-cibmtr,F,+86 138 0000 0000,CD19,Dr Chen,,2026-11-27\n",
    "B2,Zoë Núñez,1970-07-01,LBCL,axicabtagene,2026-09-01,lbcl-cd19,F,,CD19,,,\n",
]


def test_import_adds_patients_treatments_and_schedules(roster, today):
    assert import_csv(roster, HEADER + "".join(GOOD), WHO, today) == 2
    a = roster.store.patient_by_mrn("A1")
    assert a is not None and a.name == "王秀英"
    (t,) = roster.store.treatments(a.id)
    assert t.protocols == ("b-all-cd19", "registry-cibmtr")
    assert t.tracked_from == date(2026, 11, 27)
    assert roster.store.visits(patient_id=a.id)


def test_import_accepts_a_utf8_bom(roster, today):
    assert import_csv(roster, "\ufeff" + HEADER + GOOD[0], WHO, today) == 1


def test_rows_sharing_an_mrn_are_one_patient_with_several_treatments(roster, today):
    rows = GOOD[1] + GOOD[1].replace("2026-09-01", "2026-10-15")
    import_csv(roster, HEADER + rows, WHO, today)
    (p,) = roster.store.patients()
    assert [t.infusion_date for t in roster.store.treatments(p.id)] == [
        date(2026, 9, 1), date(2026, 10, 15)]


def test_an_import_with_any_bad_row_saves_nothing_and_lists_every_bad_row(roster, today):
    bad = [
        GOOD[0],
        "C3,Bad Date,1950-01-01,LBCL,axi,2026-02-30,lbcl-cd19,,,,,,\n",
        "D4,Slash Date,1950-01-01,LBCL,axi,30/02/2026,lbcl-cd19,,,,,,\n",
        "E5,Unknown,1950-01-01,LBCL,axi,2026-01-01,no-such-protocol,,,,,,\n",
        "a1 ,Duplicate,1950-01-01,LBCL,axi,2026-01-01,lbcl-cd19,,,,,,\n",
        "F6,,1950-01-01,LBCL,axi,2026-01-01,lbcl-cd19,,,,,,\n",
        "G7,Born Late,2026-06-01,LBCL,axi,2026-01-01,lbcl-cd19,,,,,,\n",
    ]
    with pytest.raises(InputRefused) as exc:
        import_csv(roster, HEADER + "".join(bad), WHO, today)
    reasons = exc.value.reasons
    text = "\n".join(reasons)
    assert "line 3: infusion_date: '2026-02-30' does not exist in the calendar" in text
    assert "line 4: infusion_date: '30/02/2026' is not an ISO date" in text
    assert "line 5: protocol: unknown protocol id 'no-such-protocol'" in text
    assert "line 6: name: differs from line 2 for the same MRN A1" in text
    assert "line 7: name: empty" in text
    assert "line 8: date_of_birth: 2026-06-01 is after the infusion" in text
    assert reasons == sorted(reasons, key=lambda r: int(r.split(":")[0].split()[1].rstrip(",")))
    assert roster.store.patients() == []
    assert list(roster.store.audit_rows()) == []


def test_date_format_reads_day_first_dates(roster, today):
    row = "H8,Day First,01/02/1950,LBCL,axi,15/03/2026,lbcl-cd19,,,,,,\n"
    import_csv(roster, HEADER + row, WHO, today, date_format="%d/%m/%Y")
    p = roster.store.patient_by_mrn("H8")
    assert p.date_of_birth == date(1950, 2, 1)


def test_missing_and_unknown_columns_are_named(roster, today):
    with pytest.raises(InputRefused) as exc:
        import_csv(roster, "mrn,name,colour\nA,B,C\n", WHO, today)
    text = "\n".join(exc.value.reasons)
    assert "line 1: missing columns: date_of_birth, diagnosis, product, infusion_date, protocol" in text
    assert "line 1: unknown column: colour" in text


def test_an_mrn_already_in_the_roster_is_refused(roster, today):
    add_patient(roster, today, mrn="A1")
    with pytest.raises(InputRefused, match="line 2: mrn: A1 is already in the roster"):
        import_csv(roster, HEADER + GOOD[0], WHO, today)


def test_export_then_import_into_an_empty_roster_gives_the_same_roster(roster, today, tmp_path):
    import_csv(roster, HEADER + "".join(GOOD), WHO, today)
    exported = export_csv(roster)
    other = Roster.open(tmp_path / "other.db")
    import_csv(other, exported, WHO, today)
    assert export_csv(other) == exported
    other.close()


_names = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cf", "Cn", "Zl", "Zp", "So", "Sk", "Sm", "Sc")),
    min_size=1, max_size=60,
).filter(lambda s: s.strip())


@given(name=_names)
@hsettings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_name_round_trips_through_store_and_export(tmp_path_factory, name):
    roster = Roster.open(tmp_path_factory.mktemp("r") / "r.db")
    try:
        add_patient(roster, date(2026, 11, 27), name=name)
        other = Roster.open(tmp_path_factory.mktemp("o") / "o.db")
        import_csv(other, export_csv(roster), WHO, date(2026, 11, 27))
        assert other.store.patients()[0].name == roster.store.patients()[0].name
        other.close()
    finally:
        roster.close()


@given(bad_line=st.sampled_from([
    "X1,Name,1950-01-01,LBCL,axi,2026-13-01,lbcl-cd19,,,,,,\n",
    "X1,Name,1950-01-01,LBCL,axi,2026-01-01,,,,,,,\n",
    "X1,Name,1950-01-01,,axi,2026-01-01,lbcl-cd19,,,,,,\n",
    "X1,Name,1950-01-01,LBCL,axi,2026-01-01,lbcl-cd19,Q,,,,,\n",
    "X1,Name,1950-01-01,LBCL,axi\n",
]), position=st.integers(0, 2))
@hsettings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_refused_import_changes_nothing(tmp_path_factory, bad_line, position):
    roster = Roster.open(tmp_path_factory.mktemp("r") / "r.db")
    try:
        add_patient(roster, date(2026, 11, 27), mrn="KEEP")
        before = export_csv(roster), len(list(roster.store.audit_rows()))
        lines = list(GOOD)
        lines.insert(position, bad_line)
        with pytest.raises(InputRefused):
            import_csv(roster, HEADER + "".join(lines), WHO, date(2026, 11, 27))
        assert (export_csv(roster), len(list(roster.store.audit_rows()))) == before
    finally:
        roster.close()


def test_two_digit_years_are_refused_as_ambiguous(roster, today):
    row = "Y1,Short Year,15/06/25,LBCL,axi,15/03/26,lbcl-cd19,,,,,,\n"
    with pytest.raises(InputRefused, match="two-digit year"):
        import_csv(roster, HEADER + row, WHO, today, date_format="%d/%m/%y")


def test_a_note_with_windows_line_breaks_is_kept_and_errors_name_the_first_line(roster, today):
    note_row = 'N1,Noted,1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19,,,,,"first line\r\nsecond line",\n'
    import_csv(roster, HEADER + note_row, WHO, today)
    assert roster.store.patient_by_mrn("N1").notes == "first line\nsecond line"
    bad = 'N2,,1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19,,,,,"a\nb\nc",\n'
    with pytest.raises(InputRefused, match="line 2: name: empty"):
        import_csv(roster, HEADER + bad, WHO, today)
