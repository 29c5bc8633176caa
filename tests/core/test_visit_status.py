"""Scheduling rule 6 (DESIGN.md): the status of a visit as of a day, and how many days late.

One visit is used throughout unless a row says otherwise:
window 10-20 Mar 2025, scheduled Fri 14 Mar, treatment tracked from 1 Jan 2025.
"""

from __future__ import annotations

from datetime import date

import pytest

from cartclinic.status import OPEN_STATUSES, VisitStatus, days_late, visit_status

D = date.fromisoformat
S = VisitStatus

WINDOW_START, WINDOW_END, SCHEDULED, TRACKED = "2025-03-10", "2025-03-20", "2025-03-14", "2025-01-01"


def status(today: str, *, start: str = WINDOW_START, end: str = WINDOW_END,
           scheduled: str = SCHEDULED, tracked: str = TRACKED, **marks: bool) -> VisitStatus:
    return visit_status(today=D(today), window_start=D(start), window_end=D(end),
                        scheduled=D(scheduled), tracked_from=D(tracked), **marks)


BY_DAY = [
    # today          status        days late
    ("2025-01-01", S.UPCOMING, 0),
    ("2025-03-09", S.UPCOMING, 0),    # the day before the window opens
    ("2025-03-10", S.DUE, 0),         # window start
    ("2025-03-13", S.DUE, 0),
    ("2025-03-14", S.DUE, 0),         # scheduled day: not late
    ("2025-03-15", S.DUE, 1),         # "1 day late", still due
    ("2025-03-20", S.DUE, 6),         # window end: still due
    ("2025-03-21", S.OVERDUE, 7),     # window end + 1
    ("2025-04-14", S.OVERDUE, 31),
    ("2026-03-14", S.OVERDUE, 365),
]


@pytest.mark.parametrize(("today", "expected", "late"), BY_DAY)
def test_upcoming_due_overdue_at_the_exact_boundaries(today, expected, late):
    got = status(today)
    assert got is expected
    assert days_late(got, D(SCHEDULED), D(today)) == late


MARKED = [
    # today        marks                                          status
    ("2025-03-21", {"done": True}, S.DONE),
    ("2025-03-09", {"done": True}, S.DONE),
    ("2025-03-21", {"done": True, "cancelled": True, "missed": True}, S.DONE),
    ("2025-03-21", {"done": True, "missed": True}, S.DONE),
    ("2025-03-21", {"done": True, "cancelled": True}, S.DONE),
    ("2025-03-21", {"cancelled": True, "missed": True}, S.CANCELLED),
    ("2025-03-21", {"cancelled": True}, S.CANCELLED),
    ("2025-03-09", {"cancelled": True}, S.CANCELLED),
    ("2025-03-21", {"missed": True}, S.MISSED),
    ("2025-03-15", {"missed": True}, S.MISSED),
]


@pytest.mark.parametrize(("today", "marks", "expected"), MARKED)
def test_done_beats_cancelled_beats_missed(today, marks, expected):
    got = status(today, **marks)
    assert got is expected
    assert days_late(got, D(SCHEDULED), D(today)) == 0


PRIOR = [
    # tracked from  today         marks              status
    ("2025-03-21", "2025-03-21", {}, S.PRIOR),        # window closed the day before entry
    ("2025-03-21", "2026-01-01", {}, S.PRIOR),
    ("2025-11-27", "2025-11-27", {}, S.PRIOR),
    ("2025-03-20", "2025-03-20", {}, S.DUE),          # window ends on the entry day: work
    ("2025-03-20", "2025-03-21", {}, S.OVERDUE),
    ("2025-03-15", "2025-03-21", {}, S.OVERDUE),
    ("2025-03-21", "2025-03-21", {"done": True}, S.DONE),
    ("2025-03-21", "2025-03-21", {"cancelled": True}, S.CANCELLED),
    ("2025-03-21", "2025-03-21", {"missed": True}, S.MISSED),
]


@pytest.mark.parametrize(("tracked", "today", "marks", "expected"), PRIOR)
def test_prior_when_the_window_closed_before_the_treatment_was_tracked(tracked, today, marks,
                                                                       expected):
    got = status(today, tracked=tracked, **marks)
    assert got is expected
    if got is S.PRIOR:
        assert days_late(got, D(SCHEDULED), D(today)) == 0


def test_a_2016_treatment_entered_today_does_not_flood_the_worklist():
    # the forty-odd visits of a 2016 treatment entered on 27 Nov 2026: the closed windows are
    # history; a window still open on the entry day is work
    today = D("2026-11-27")
    windows = [("2016-04-09", "2016-04-19"), ("2025-02-13", "2025-05-14"),
               ("2026-10-28", "2026-11-27"), ("2027-02-13", "2027-05-14")]
    got = [visit_status(today=today, window_start=D(a), window_end=D(b), scheduled=D(a),
                        tracked_from=today) for a, b in windows]
    assert got == [S.PRIOR, S.PRIOR, S.DUE, S.UPCOMING]


MOVED_BY_HAND = [
    # scheduled      today         status        days late
    # moved after the window (window 10-20 Mar, moved to 25 Mar)
    ("2025-03-25", "2025-03-09", S.UPCOMING, 0),
    ("2025-03-25", "2025-03-20", S.DUE, 0),
    ("2025-03-25", "2025-03-21", S.DUE, 0),       # past the window, not overdue
    ("2025-03-25", "2025-03-24", S.DUE, 0),
    ("2025-03-25", "2025-03-25", S.DUE, 0),       # the new date
    ("2025-03-25", "2025-03-26", S.OVERDUE, 1),   # the day after the new date
    # moved before the window (to 5 Mar)
    ("2025-03-05", "2025-03-04", S.UPCOMING, 0),
    ("2025-03-05", "2025-03-05", S.DUE, 0),
    ("2025-03-05", "2025-03-06", S.DUE, 1),
    ("2025-03-05", "2025-03-20", S.DUE, 15),
    ("2025-03-05", "2025-03-21", S.OVERDUE, 16),
]


@pytest.mark.parametrize(("scheduled", "today", "expected", "late"), MOVED_BY_HAND)
def test_a_visit_moved_out_of_its_window_is_not_overdue_before_its_new_date(scheduled, today,
                                                                           expected, late):
    got = status(today, scheduled=scheduled)
    assert got is expected
    assert days_late(got, D(scheduled), D(today)) == late


DAYS_LATE = [
    # status         scheduled     today        days late
    (S.DUE, "2025-03-14", "2025-03-14", 0),
    (S.DUE, "2025-03-14", "2025-03-13", 0),
    (S.DUE, "2025-03-14", "2025-03-17", 3),
    (S.OVERDUE, "2025-03-14", "2025-03-21", 7),
    (S.OVERDUE, "2024-02-28", "2024-03-01", 2),      # across 29 Feb
    (S.OVERDUE, "2024-12-31", "2025-01-01", 1),
    (S.UPCOMING, "2025-03-14", "2025-03-01", 0),
    (S.PRIOR, "2016-04-12", "2026-11-27", 0),
    (S.DONE, "2025-03-14", "2025-03-30", 0),
    (S.MISSED, "2025-03-14", "2025-03-30", 0),
    (S.CANCELLED, "2025-03-14", "2025-03-30", 0),
]


@pytest.mark.parametrize(("st", "scheduled", "today", "late"), DAYS_LATE)
def test_days_late_counts_only_open_visits_past_their_scheduled_day(st, scheduled, today, late):
    assert days_late(st, D(scheduled), D(today)) == late


def test_status_values_and_open_statuses():
    assert [s.value for s in VisitStatus] == [
        "prior", "upcoming", "due", "overdue", "done", "missed", "cancelled"]
    assert frozenset({S.UPCOMING, S.DUE, S.OVERDUE}) == OPEN_STATUSES
