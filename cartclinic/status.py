"""The one function that decides a visit's status as of a day. Every screen, sheet and command
asks it, so the worklist and the patient page can never disagree about "overdue"."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class VisitStatus(StrEnum):
    PRIOR = "prior"
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"


OPEN_STATUSES = frozenset({VisitStatus.UPCOMING, VisitStatus.DUE, VisitStatus.OVERDUE})


def visit_status(
    *,
    today: date,
    window_start: date,
    window_end: date,
    scheduled: date,
    tracked_from: date,
    done: bool = False,
    cancelled: bool = False,
    missed: bool = False,
) -> VisitStatus:
    """Status of one visit as of `today` (DESIGN.md, scheduling rule 6).

    A visit moved by hand outside its window stretches the window to its new date: the nurse
    confirmed the move, so the visit is not overdue before the day it was moved to.
    """
    if done:
        return VisitStatus.DONE
    if cancelled:
        return VisitStatus.CANCELLED
    if missed:
        return VisitStatus.MISSED
    start, end = min(window_start, scheduled), last_day(window_end, scheduled)
    if window_end < tracked_from:
        return VisitStatus.PRIOR
    if today < start:
        return VisitStatus.UPCOMING
    if today <= end:
        return VisitStatus.DUE
    return VisitStatus.OVERDUE


def last_day(window_end: date, scheduled: date) -> date:
    """The last day a visit can still happen: its window's end, or the later day a nurse moved
    it to. Status, events and the store's open-visit queries all use this one stretch."""
    return max(window_end, scheduled)


def days_late(status: VisitStatus, scheduled: date, today: date) -> int:
    """Days past the scheduled date of a visit still to be done (0 when not late)."""
    if status in (VisitStatus.DUE, VisitStatus.OVERDUE) and today > scheduled:
        return (today - scheduled).days
    return 0
