"""Moving visits by hand and by a change of the clinic's calendar (rules 8 and 13), worked out
before anything is saved, so that what a nurse is shown is what will be saved.

Pure: visits, a calendar and today in; the moves out. The roster asks for a confirmation of
every warning before it saves, and saves exactly these moves."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from cartclinic.calendar import ClinicCalendar
from cartclinic.model import Visit
from cartclinic.reasons import Reason
from cartclinic.schedule import (
    CLOSED_DAY,
    MOVED_BY_HAND,
    NO_CLINIC_DAY,
    OUT_OF_WINDOW,
    is_in_window,
    scheduled_date,
)

_PLACEMENT_FLAGS = (NO_CLINIC_DAY, OUT_OF_WINDOW, MOVED_BY_HAND, CLOSED_DAY)


@dataclass(frozen=True)
class VisitMove:
    """One visit as a move will leave it: its (possibly shifted) target and window, the day it
    is booked, its flags, and what a nurse must confirm before it is saved."""

    visit: Visit
    target: date
    window_start: date
    window_end: date
    scheduled: date
    flags: tuple[str, ...]
    warnings: tuple[Reason, ...] = ()

    @property
    def days(self) -> int:
        """How many days later (negative: earlier) the visit is booked than before."""
        return (self.scheduled - self.visit.scheduled).days


def closed_day_warning(visit: Visit, day: date, calendar: ClinicCalendar) -> Reason | None:
    """Rule 13: a day picked by hand on which the clinic is closed, said with why it is closed
    (None when the clinic is open, or the visit may happen on any day)."""
    if visit.any_day:
        return None
    why = calendar.closed_reason(day)
    if why is None:
        return None
    return Reason("move.closed_day", "new date", {"visit": visit.code, "day": day, "why": why})


def window_warning(visit: Visit, day: date) -> Reason | None:
    """Rule 8: a day outside the visit's window."""
    if is_in_window(day, visit.window_start, visit.window_end):
        return None
    return Reason("move.out_of_window", "new date", {
        "visit": visit.code, "day": day, "start": visit.window_start, "end": visit.window_end})


def move_by_hand(visit: Visit, new_date: date, calendar: ClinicCalendar) -> VisitMove:
    """The visit booked on the day a nurse picked: its target and window stay (they count from
    day 0); a day out of window or closed is flagged and needs confirming."""
    flags = [f for f in visit.flags if f not in _PLACEMENT_FLAGS]
    flags.append(MOVED_BY_HAND)
    warnings = []
    outside = window_warning(visit, new_date)
    if outside:
        flags.append(OUT_OF_WINDOW)
        warnings.append(outside)
    closed = closed_day_warning(visit, new_date, calendar)
    if closed:
        flags.append(CLOSED_DAY)
        warnings.append(closed)
    return VisitMove(visit, visit.target, visit.window_start, visit.window_end, new_date,
                     tuple(flags), tuple(warnings))


def shift_with(visit: Visit, days: int, calendar: ClinicCalendar, today: date) -> VisitMove:
    """A later visit shifted with a moved one (rule 13): its target and its window move by the
    same number of days (the window keeps its width around the target), and it is booked by
    rule 5 on the open day of that window nearest the new target, never before today. A window
    without an open day books the target, flagged "no clinic day in window", as rule 5 does."""
    delta = timedelta(days=days)
    target, start, end = visit.target + delta, visit.window_start + delta, visit.window_end + delta
    day, placed = scheduled_date(target, max(start, today) if today <= end else start, end,
                                 calendar, any_day=visit.any_day)
    flags = [f for f in visit.flags if f not in _PLACEMENT_FLAGS]
    flags.append(MOVED_BY_HAND)
    flags.extend(placed)
    return VisitMove(visit, target, start, end, day, tuple(flags))


def plan_reschedule(visit: Visit, new_date: date, later: Iterable[Visit],
                    calendar: ClinicCalendar, today: date) -> list[VisitMove]:
    """The moved visit first, then each of `later` (the open visits of its protocol booked after
    it, when the nurse asked to shift them) shifted by as many days as it moved."""
    first = move_by_hand(visit, new_date, calendar)
    days = (new_date - visit.scheduled).days
    return [first, *(shift_with(v, days, calendar, today)
                     for v in sorted(later, key=lambda v: (v.scheduled, v.id)))]


def replace_on_calendar(visits: Iterable[Visit], calendar: ClinicCalendar,
                        today: date | None) -> list[VisitMove]:
    """The open visits a new clinic calendar moves (rule 13, shown before a settings change is
    saved): each not moved by hand is booked again by rule 5. Given `today`, a visit booked
    from today on is never moved into the past, and one already past its booking stays."""
    moves = []
    for visit in visits:
        if visit.done_on or visit.cancelled_reason or visit.missed_on or visit.moved_reason:
            continue
        start = visit.window_start
        if today is not None:
            if visit.scheduled < today:
                continue
            start = max(start, today)
            if start > visit.window_end:
                continue
        day, flags = scheduled_date(visit.target, start, visit.window_end, calendar,
                                    any_day=visit.any_day)
        if day != visit.scheduled or flags != visit.flags:
            moves.append(VisitMove(visit, visit.target, visit.window_start, visit.window_end,
                                   day, flags))
    return moves
