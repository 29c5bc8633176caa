"""The analyte table (one canonical unit, accepted units with factors, loose spellings) and the
warnings before a visit is recorded as done on a day (out of window, clinic closed)."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import WHO, add_patient

from cartclinic.analytes import ANALYTES, accepted_unit, analyte
from cartclinic.calendar import ClinicCalendar
from cartclinic.errors import InputRefused
from cartclinic.model import LabResult
from cartclinic.visit_warnings import CLOSED_DAY, OUT_OF_WINDOW, done_date_warnings

# on a SQLite file and on a PostgreSQL server alike (issue 14)
pytestmark = pytest.mark.both_backends


def visit_by_code(roster, patient_id, code):
    return next(v for v in roster.store.visits(patient_id=patient_id) if v.code == code)


@pytest.mark.parametrize(("name", "canonical", "other", "factor"), [
    ("IgG", "g/L", "mg/dL", 0.01),
    ("CD4", "cells/µL", "×10⁹/L", 1000),
    ("CD19 B cells", "cells/µL", "×10⁹/L", 1000),
    ("ANC", "×10⁹/L", "cells/µL", 0.001),
    ("lymphocytes", "×10⁹/L", "cells/µL", 0.001),
    ("platelets", "×10⁹/L", "cells/µL", 0.001),
    ("haemoglobin", "g/L", "g/dL", 10),
    ("ferritin", "µg/L", "ng/mL", 1),
    ("CRP", "mg/L", "mg/dL", 10),
])
def test_analyte_table_is_the_design_table(name, canonical, other, factor):
    a = analyte(name)
    assert a is not None
    assert a.units == (canonical, other)
    assert a.factor(canonical) == 1 and a.factor(other) == factor


def test_analyte_table_has_nine_analytes():
    assert len(ANALYTES) == 9


@pytest.mark.parametrize(("name", "expected"), [
    ("igg", "IgG"), ("immunoglobulin G", "IgG"), ("neutrophils", "ANC"), ("PLT", "Platelets"),
    ("Hb", "Haemoglobin"), ("CD19", "CD19 B cells"), ("cd19 b cells", "CD19 B cells"),
])
def test_analyte_names_match_case_insensitively_and_by_alias(name, expected):
    assert analyte(name).name == expected


@pytest.mark.parametrize(("name", "spelled", "expected"), [
    ("ANC", "10^9/L", "×10⁹/L"), ("ANC", "10*9/L", "×10⁹/L"), ("ANC", "x10^9/L", "×10⁹/L"),
    ("ANC", "×10⁹/L", "×10⁹/L"), ("ANC", "G/L", "×10⁹/L"), ("ANC", "cells/uL", "cells/µL"),
    ("ANC", "/µL", "cells/µL"), ("CD4", "/uL", "cells/µL"), ("Ferritin", "ug/L", "µg/L"),
    ("IgG", "g/L", "g/L"), ("IgG", "mg/dl", "mg/dL"),
])
def test_unit_spellings_match_loosely(name, spelled, expected):
    assert accepted_unit(name, spelled) == expected


@pytest.mark.parametrize(("name", "unit"), [
    ("IgG", "Z"), ("IgG", "G/L"),  # giga per litre is not grams per litre
    ("IgG", ""), ("CRP", "g/L"), ("ANC", "g/L"),
])
def test_a_unit_not_on_the_list_is_refused_naming_the_accepted_units(name, unit):
    a = analyte(name)
    with pytest.raises(ValueError, match=f"lab {name} unit: .* use {' or '.join(a.units)}"):
        accepted_unit(name, unit)


def test_record_refuses_a_unit_not_on_the_list_and_changes_nothing(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 30))
    d28 = visit_by_code(roster, p.id, "D28")
    with pytest.raises(InputRefused, match=r"lab IgG unit: 'Z' is not a unit for IgG; use g/L or mg/dL"):
        roster.record_visit(d28.id, today, WHO, today, labs=[LabResult("IgG", "5.1", "Z")])
    assert roster.store.records(p.id) == []


def test_record_stores_the_tables_spelling_of_a_loose_unit(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 30))
    d28 = visit_by_code(roster, p.id, "D28")
    roster.record_visit(d28.id, today, WHO, today, labs=[LabResult("ANC", "1.2", "10^9/L")])
    assert roster.store.records(p.id)[0].labs == (LabResult("ANC", "1.2", "×10⁹/L"),)


def test_done_date_warnings_out_of_window_and_closed_day(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 1))
    d28 = visit_by_code(roster, p.id, "D28")  # window 2026-10-26 .. 2026-11-05
    calendar = ClinicCalendar(closed_weekdays=frozenset({5, 6}))
    assert done_date_warnings(d28, date(2026, 10, 29), calendar) == ()  # a Thursday, in window
    (late,) = done_date_warnings(d28, date(2026, 11, 6), calendar)  # a Friday, a day late
    assert late.kind == OUT_OF_WINDOW
    assert str(late) == "2026-11-06 is outside the window of D28 (2026-10-26 to 2026-11-05)"
    (closed,) = done_date_warnings(d28, date(2026, 10, 31), calendar)  # a Saturday
    assert (closed.kind, closed.why_closed) == (CLOSED_DAY, "closed on Sat")
    both = done_date_warnings(d28, date(2026, 11, 7), calendar)
    assert [w.kind for w in both] == [OUT_OF_WINDOW, CLOSED_DAY]


def test_record_returns_the_same_warnings_as_the_dialog_shows(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 1))
    d28 = visit_by_code(roster, p.id, "D28")
    done = date(2026, 11, 7)  # a Saturday after the window
    expected = tuple(str(w) for w in done_date_warnings(d28, done, roster.calendar()))
    assert len(expected) == 2
    assert roster.record_visit(d28.id, done, WHO, today).warnings == expected


def test_done_date_on_a_closed_day_is_no_warning_for_a_visit_that_may_be_any_day(roster, today):
    from dataclasses import replace

    p = add_patient(roster, today, infusion=date(2026, 10, 1))
    d28 = visit_by_code(roster, p.id, "D28")
    saturday = date(2026, 10, 31)
    calendar = ClinicCalendar(closed_weekdays=frozenset({5, 6}))
    assert [w.kind for w in done_date_warnings(d28, saturday, calendar)] == [CLOSED_DAY]
    assert done_date_warnings(replace(d28, any_day=True), saturday, calendar) == ()
