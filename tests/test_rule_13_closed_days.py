"""Rule 13: closed days are never chosen silently. A day picked by hand on a closed day needs
confirming; visits shifted with a moved one move their target and window and are booked by
rule 5; a settings change that moves visits lists them first, and saves exactly that list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from helpers import WHO, add_patient

from cartclinic.calendar import ClinicCalendar
from cartclinic.errors import InputRefused
from cartclinic.model import Visit
from cartclinic.rescheduling import shift_with
from cartclinic.schedule import CLOSED_DAY, MOVED_BY_HAND, NO_CLINIC_DAY

# on a SQLite file and on a PostgreSQL server alike (issue 14)
pytestmark = pytest.mark.both_backends

WEEKDAYS = ClinicCalendar()  # Saturday and Sunday closed, no region
CHINA = ClinicCalendar(holiday_region="CN")


def visit(target: date, before: int, after: int, scheduled: date | None = None) -> Visit:
    return Visit(id=1, treatment_id=1, patient_id=1, protocol_id="p", code="M3", label="Month 3",
                 kind="response", any_day=False, assessments=(), target=target,
                 window_start=target - timedelta(days=before),
                 window_end=target + timedelta(days=after), scheduled=scheduled or target,
                 tracked_from=date(2020, 1, 1))


# target, before, after, shifted by, calendar -> new target, booked on, flags
SHIFTS = [
    # over a weekend: Saturday 6 Feb 2027, nearest open day the Friday before
    (date(2027, 2, 2), 7, 14, 4, WEEKDAYS, date(2027, 2, 6), date(2027, 2, 5), ()),
    # a Sunday: Monday is nearer than Friday
    (date(2027, 5, 2), 14, 14, 0, WEEKDAYS, date(2027, 5, 2), date(2027, 5, 3), ()),
    # over a month end: Sunday 31 January 2027, Monday 1 February is nearer than Friday 29th
    (date(2027, 1, 29), 7, 7, 2, WEEKDAYS, date(2027, 1, 31), date(2027, 2, 1), ()),
    # a window that opens on the Saturday: the Monday after, never the Friday before it
    (date(2027, 11, 2), 0, 60, 4, WEEKDAYS, date(2027, 11, 6), date(2027, 11, 8), ()),
    # China: Saturday 11 October 2025 is an official make-up working day, so open
    (date(2025, 10, 1), 7, 7, 10, CHINA, date(2025, 10, 11), date(2025, 10, 11), ()),
    # Sunday 28 September 2025 is a make-up working day too
    (date(2025, 9, 21), 7, 7, 7, CHINA, date(2025, 9, 28), date(2025, 9, 28), ()),
    # 2 October 2025, National Day holiday: the holidays run 1-8 October, Tuesday 30 September
    # is the nearest open day
    (date(2025, 9, 25), 7, 7, 7, CHINA, date(2025, 10, 2), date(2025, 9, 30), ()),
    # a window inside the Spring Festival holidays (28 January - 4 February 2025): no open
    # day, so the target, flagged, for a person to decide (rule 5)
    (date(2025, 1, 31), 2, 3, 1, CHINA, date(2025, 2, 1), date(2025, 2, 1), (NO_CLINIC_DAY,)),
]


@pytest.mark.parametrize("target,before,after,days,calendar,new_target,booked,flags", SHIFTS)
def test_rule_13_a_shifted_visit_moves_its_target_and_window_and_is_booked_by_rule_5(
        target, before, after, days, calendar, new_target, booked, flags):
    v = visit(target, before, after)
    move = shift_with(v, days, calendar, today=date(2020, 1, 1))
    assert move.target == new_target
    assert (move.window_start, move.window_end) == (new_target - timedelta(days=before),
                                                    new_target + timedelta(days=after))
    assert move.scheduled == booked
    assert move.flags == (MOVED_BY_HAND, *flags)
    assert move.warnings == ()


def test_rule_13_a_shifted_visit_is_never_booked_before_today():
    # target Tuesday 5 January 2027 shifted to Sunday 10th; today is Tuesday 12th, inside the
    # window: booked today or later, never on the Friday before
    v = visit(date(2027, 1, 5), 7, 7)
    move = shift_with(v, 5, WEEKDAYS, today=date(2027, 1, 12))
    assert move.scheduled == date(2027, 1, 12)


def test_rule_13_reschedule_with_shift_later_books_no_later_visit_on_a_closed_day(roster):
    today = date(2026, 11, 27)
    p = add_patient(roster, today, infusion=date(2026, 11, 2))  # a Monday
    visits = {v.code: v for v in roster.store.visits(patient_id=p.id)}
    m2 = visits["M2"]
    assert m2.scheduled == date(2027, 1, 1)  # target Saturday 2 January, booked the Friday
    roster.reschedule(m2.id, date(2027, 1, 5), "patient abroad", WHO, today, shift_later=True)
    after = {v.code: v for v in roster.store.visits(patient_id=p.id)}
    # each later visit's target moved by 4 days and booked on an open day by rule 5
    expected = {
        "M3": (date(2027, 2, 6), date(2027, 2, 5)),
        "M4": (date(2027, 3, 6), date(2027, 3, 5)),
        "M5": (date(2027, 4, 6), date(2027, 4, 6)),
        "M6": (date(2027, 5, 6), date(2027, 5, 6)),
        "M9": (date(2027, 8, 6), date(2027, 8, 6)),
        "M12": (date(2027, 11, 6), date(2027, 11, 8)),
    }
    for code, (target, booked) in expected.items():
        assert (after[code].target, after[code].scheduled) == (target, booked), code
        assert after[code].moved_reason == "shifted with M2: patient abroad"
    assert all(v.scheduled.weekday() < 5 for v in after.values()
               if v.moved_reason.startswith("shifted"))
    assert after["D28"] == visits["D28"]  # earlier visits untouched


def test_rule_13_a_closed_day_by_hand_is_refused_unconfirmed_naming_the_holiday(roster):
    today = date(2025, 9, 1)
    roster.save_settings(replace(roster.settings(), holiday_region="CN"), WHO, today)
    p = add_patient(roster, today, infusion=date(2025, 8, 1))
    m2 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "M2")
    before = roster.store.visit(m2.id)
    with pytest.raises(InputRefused) as refused:
        roster.reschedule(m2.id, date(2025, 10, 1), "family visit", WHO, today)
    assert "M2: 2025-10-01 is a closed day (public holiday: National Day); confirm" in \
        refused.value.reasons[0]
    assert roster.store.visit(m2.id) == before
    (move,) = roster.preview_reschedule(m2.id, date(2025, 10, 1), today)
    assert tuple(map(str, move.warnings)) == tuple(refused.value.reasons)
    roster.reschedule(m2.id, date(2025, 10, 1), "family visit", WHO, today, confirm=True)
    assert CLOSED_DAY in roster.store.visit(m2.id).flags


def test_rule_13_a_settings_change_lists_the_visits_it_moves_and_saves_exactly_those(roster):
    today = date(2026, 11, 27)
    p = add_patient(roster, today, infusion=date(2026, 11, 2))
    before = {v.id: v for v in roster.store.visits(patient_id=p.id)}
    closing = replace(roster.settings(), closures=(date(2027, 2, 2),))  # M3's target
    moves = roster.preview_settings(closing, today)
    assert [(m.visit.code, m.visit.scheduled, m.scheduled) for m in moves] == [
        ("M3", date(2027, 2, 2), date(2027, 2, 1))]
    assert {v.id: v for v in roster.store.visits(patient_id=p.id)} == before  # nothing saved
    assert roster.save_settings(closing, WHO, today,
                                expected_moves=[m.visit.id for m in moves]) == 1
    assert roster.store.visit(moves[0].visit.id).scheduled == date(2027, 2, 1)


def test_rule_13_a_settings_change_whose_moves_changed_since_shown_saves_nothing(roster):
    today = date(2026, 11, 27)
    add_patient(roster, today, infusion=date(2026, 11, 2))
    settings = roster.settings()
    closing = replace(settings, closures=(date(2027, 2, 2),))
    with pytest.raises(InputRefused, match="changed since they were shown"):
        roster.save_settings(closing, WHO, today, expected_moves=[])
    assert roster.settings() == settings


def test_rule_13_the_letter_is_given_only_the_open_days_of_each_window(roster):
    from datetime import datetime

    from cartclinic.printing import letter_data

    today = date(2026, 11, 27)
    roster.save_settings(replace(roster.settings(), clinic_phone="+44 20 7946 0000",
                                 closures=(date(2027, 1, 4),)), WHO, today)
    p = add_patient(roster, today, infusion=date(2026, 11, 2))
    letter = letter_data(roster, p, today, datetime(2026, 11, 27, 9, 0))
    m2 = next(v for v in letter.coming_visits if v.code == "M2")
    # window Saturday 26 December to Saturday 9 January: weekdays, less the closure on the 4th
    assert m2.open_days == (date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 30),
                            date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 5),
                            date(2027, 1, 6), date(2027, 1, 7), date(2027, 1, 8))
