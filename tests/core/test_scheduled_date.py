"""Scheduling rule 5 (DESIGN.md): the day a visit is booked.

The target if it is open (or the visit is `any_day`); otherwise the open day in the window
nearest the target, the earlier on a tie; with no open day in the window, the target, flagged
"no clinic day in window".
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cartclinic.calendar import ClinicCalendar
from cartclinic.protocol import Offset, VisitTemplate
from cartclinic.schedule import NO_CLINIC_DAY, place, scheduled_date

D = date.fromisoformat
FLAG = (NO_CLINIC_DAY,)


def closures(*days: str) -> ClinicCalendar:
    return ClinicCalendar(closures=frozenset(D(d) for d in days))


WEEKEND = ClinicCalendar()
SAT_ONLY = ClinicCalendar(closed_weekdays=frozenset({5}))
CN = ClinicCalendar(holiday_region="CN")
US = ClinicCalendar(holiday_region="US")
US_CA = ClinicCalendar(holiday_region="US-CA")

# Week of 24-30 Nov 2025: Mon 24, Tue 25, Wed 26, Thu 27, Fri 28, Sat 29, Sun 30; Mon 1 Dec.
SCHEDULED = [
    # target        before after calendar                        scheduled     flags
    ("2025-11-26", 3, 3, WEEKEND, "2025-11-26", ()),              # open target stays
    ("2025-11-26", 0, 0, WEEKEND, "2025-11-26", ()),
    ("2025-11-29", 1, 1, WEEKEND, "2025-11-28", ()),              # Sat -> Fri (Sun closed)
    ("2025-11-29", 3, 3, WEEKEND, "2025-11-28", ()),              # Fri -1 beats Mon +2
    ("2025-11-30", 1, 1, WEEKEND, "2025-12-01", ()),              # Sun -> Mon +1 (Sat closed)
    ("2025-11-30", 3, 3, WEEKEND, "2025-12-01", ()),              # Mon +1 beats Fri -2
    ("2025-11-30", 3, 0, WEEKEND, "2025-11-28", ()),              # only earlier days allowed
    ("2025-11-29", 0, 2, WEEKEND, "2025-12-01", ()),              # only later days allowed
    ("2025-11-29", 0, 1, WEEKEND, "2025-11-29", FLAG),            # Sat..Sun: nothing open
    ("2025-11-29", 0, 0, WEEKEND, "2025-11-29", FLAG),
    ("2025-11-30", 1, 0, WEEKEND, "2025-11-30", FLAG),
    # a tie: the earlier day wins
    ("2025-11-29", 1, 1, SAT_ONLY, "2025-11-28", ()),             # Fri -1 and Sun +1 open
    ("2025-11-26", 1, 1, closures("2025-11-26"), "2025-11-25", ()),   # Tue -1 / Thu +1
    ("2025-11-26", 2, 2, closures("2025-11-25", "2025-11-26", "2025-11-27"),
     "2025-11-24", ()),                                           # Mon -2 / Fri +2
    ("2025-11-26", 1, 1, closures("2025-11-25", "2025-11-26"), "2025-11-27", ()),
    ("2025-11-26", 0, 1, closures("2025-11-26"), "2025-11-27", ()),
    ("2025-11-26", 1, 0, closures("2025-11-26"), "2025-11-25", ()),
    # closures at the edge of the window: the edge days themselves count
    ("2025-11-29", 2, 2, closures("2025-11-28"), "2025-11-27", ()),   # Thu -2 ties Mon +2
    ("2025-11-29", 2, 2, closures("2025-11-27", "2025-11-28"), "2025-12-01", ()),  # Mon edge
    ("2025-11-29", 2, 2, closures("2025-11-27", "2025-11-28", "2025-12-01"),
     "2025-11-29", FLAG),
    ("2025-11-30", 2, 0, WEEKEND, "2025-11-28", ()),              # Fri at the start edge
    ("2025-11-30", 2, 0, closures("2025-11-28"), "2025-11-30", FLAG),
    # a holiday region
    ("2025-01-26", 3, 3, CN, "2025-01-26", ()),                   # make-up Sunday stays
    ("2025-02-08", 0, 0, CN, "2025-02-08", ()),                   # make-up Saturday stays
    ("2025-10-11", 7, 7, CN, "2025-10-11", ()),
    ("2025-02-09", 1, 1, CN, "2025-02-08", ()),                   # Sat make-up ties Mon
    ("2025-10-01", 7, 7, CN, "2025-09-30", ()),                   # Golden Week: back to Tue
    ("2025-10-04", 7, 7, CN, "2025-09-30", ()),                   # Tue -4 beats Thu +5
    ("2025-10-06", 3, 3, CN, "2025-10-09", ()),                   # Thu +3 at the edge
    ("2025-10-04", 2, 2, CN, "2025-10-04", FLAG),                 # 2-6 Oct all closed
    ("2025-10-04", 3, 3, CN, "2025-10-04", FLAG),                 # 1-7 Oct all closed
    ("2025-02-01", 7, 7, CN, "2025-02-05", ()),                   # Wed +4 beats Mon -5
    ("2025-01-28", 1, 1, CN, "2025-01-27", ()),
    ("2025-07-04", 3, 3, US, "2025-07-03", ()),
    ("2025-11-27", 1, 1, US, "2025-11-26", ()),                   # Wed ties Fri: Wed
    ("2025-11-27", 0, 1, US, "2025-11-28", ()),
    ("2025-11-27", 0, 1, US_CA, "2025-11-27", FLAG),              # CA closes Fri 28 too
    ("2025-11-28", 3, 3, US_CA, "2025-11-26", ()),                # Wed -2 beats Mon +3
]


@pytest.mark.parametrize(("target", "before", "after", "calendar", "expected", "flags"),
                         SCHEDULED)
def test_scheduled_is_target_or_nearest_open_day_in_window_earlier_on_tie(
        target, before, after, calendar, expected, flags):
    t = D(target)
    got = scheduled_date(t, t - timedelta(days=before), t + timedelta(days=after), calendar)
    assert got == (D(expected), flags)


ANY_DAY = [
    ("2025-11-29", WEEKEND),     # Saturday
    ("2025-11-30", WEEKEND),     # Sunday
    ("2025-10-01", CN),          # National Day
    ("2025-07-04", US),
    ("2025-12-24", closures("2025-12-24")),
]


@pytest.mark.parametrize(("target", "calendar"), ANY_DAY)
def test_any_day_visit_keeps_its_target_even_on_a_closed_day(target, calendar):
    t = D(target)
    assert scheduled_date(t, t, t, calendar, any_day=True) == (t, ())
    assert scheduled_date(t, t - timedelta(days=3), t + timedelta(days=3), calendar,
                          any_day=True) == (t, ())


def _template(offset: Offset, before: int, after: int, *, any_day: bool = False):
    return VisitTemplate(code="V", label="V", offset=offset, before=before, after=after,
                         kind="safety", any_day=any_day, assessments=())


PLACED = [
    # day 0        offset                  b  a  any_day calendar  target        scheduled    flags
    ("2025-11-22", Offset("days", 7), 1, 1, False, WEEKEND, "2025-11-29", "2025-11-28", ()),
    ("2025-11-22", Offset("days", 7), 1, 1, True, WEEKEND, "2025-11-29", "2025-11-29", ()),
    ("2025-11-22", Offset("days", 7), 0, 0, False, WEEKEND, "2025-11-29", "2025-11-29", FLAG),
    ("2024-01-26", Offset("years", 1), 3, 3, False, CN, "2025-01-26", "2025-01-26", ()),
    ("2024-10-04", Offset("years", 1), 2, 2, False, CN, "2025-10-04", "2025-10-04", FLAG),
    ("2024-10-01", Offset("years", 1), 2, 2, False, CN, "2025-10-01", "2025-09-30", ()),
    ("2025-04-04", Offset("months", 6), 7, 7, False, CN, "2025-10-04", "2025-09-30", ()),
]


@pytest.mark.parametrize(
    ("day0", "offset", "before", "after", "any_day", "calendar", "target", "scheduled", "flags"),
    PLACED)
def test_place_books_the_scheduled_day_and_keeps_target_and_flags(
        day0, offset, before, after, any_day, calendar, target, scheduled, flags):
    v = place(_template(offset, before, after, any_day=any_day), "p", D(day0), calendar)
    assert (v.target, v.scheduled, v.flags) == (D(target), D(scheduled), flags)
    assert (v.window_start, v.window_end) == (D(target) - timedelta(days=before),
                                              D(target) + timedelta(days=after))


def test_the_no_clinic_day_flag_reads_as_the_design_says():
    assert NO_CLINIC_DAY == "no clinic day in window"
