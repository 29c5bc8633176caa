"""Placing a protocol's visits on the calendar: targets, windows and scheduled dates.

Pure: dates in, dates out. Repeats are computed from day 0 in one step (`k × every` added to
day 0), never chained from the previous visit, so a year-15 visit falls where year 1 said it would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cartclinic.calendar import ClinicCalendar
from cartclinic.protocol import Offset, Protocol, VisitTemplate

NO_CLINIC_DAY = "no clinic day in window"
OUT_OF_WINDOW = "out of window"
MOVED_BY_HAND = "moved by hand"
CLOSED_DAY = "clinic closed that day"


# dateutil's, imported when a visit is first placed rather than with every start (with the
# calendar and locale modules it brings, 3.7 ms of each start). A module global, not an import
# statement in `target_date`: that one runs for every visit of 10,000 treatments (+10 %).
relativedelta: Any = None


def _import_relativedelta() -> None:
    global relativedelta
    from dateutil.relativedelta import relativedelta


def target_date(day0: date, offset: Offset) -> date:
    """Day 0 plus an offset; months and years clamp to the month end (31 Jan + 1 month = 28/29 Feb)."""
    if offset.unit == "days":
        return day0 + timedelta(days=offset.amount)
    if offset.unit == "weeks":
        return day0 + timedelta(days=7 * offset.amount)
    if relativedelta is None:
        _import_relativedelta()
    if offset.unit == "months":
        return day0 + relativedelta(months=offset.amount)
    if offset.unit == "years":
        return day0 + relativedelta(years=offset.amount)
    raise ValueError(f"unknown unit {offset.unit!r}")


def scheduled_date(
    target: date,
    window_start: date,
    window_end: date,
    calendar: ClinicCalendar,
    *,
    any_day: bool = False,
) -> tuple[date, tuple[str, ...]]:
    """The day the visit is booked: the target if open (or `any_day`), else the open day in the
    window nearest the target, the earlier on a tie; with no open day, the target, flagged."""
    if any_day or calendar.is_open(target):
        return target, ()
    reach = max((target - window_start).days, (window_end - target).days)
    for step in range(1, reach + 1):
        # earlier first: on a tie the earlier day wins
        for day in (target - timedelta(days=step), target + timedelta(days=step)):
            if window_start <= day <= window_end and calendar.is_open(day):
                return day, ()
    return target, (NO_CLINIC_DAY,)


@dataclass(frozen=True)
class PlannedVisit:
    """A visit of a treatment's schedule as the protocol and the calendar place it."""

    protocol_id: str
    code: str
    label: str
    kind: str
    any_day: bool
    assessments: tuple[str, ...]
    target: date
    window_start: date
    window_end: date
    scheduled: date
    flags: tuple[str, ...] = ()
    label_zh: str = ""  # the Chinese of label and assessments, when the protocol file has it
    assessments_zh: tuple[str, ...] = ()


def place(template: VisitTemplate, protocol_id: str, day0: date, calendar: ClinicCalendar) -> PlannedVisit:
    target = target_date(day0, template.offset)
    start = target - timedelta(days=template.before)
    end = target + timedelta(days=template.after)
    scheduled, flags = scheduled_date(target, start, end, calendar, any_day=template.any_day)
    return PlannedVisit(
        protocol_id=protocol_id,
        code=template.code,
        label=template.label,
        kind=template.kind,
        any_day=template.any_day,
        assessments=template.assessments,
        target=target,
        window_start=start,
        window_end=end,
        scheduled=scheduled,
        flags=flags,
        label_zh=template.label_zh,
        assessments_zh=template.assessments_zh,
    )


def plan_visits(protocol: Protocol, day0: date, calendar: ClinicCalendar) -> list[PlannedVisit]:
    """Every visit of `protocol` for a treatment infused on `day0`, in date order."""
    visits = [place(t, protocol.id, day0, calendar) for t in protocol.templates]
    return sorted(visits, key=lambda v: (v.target, v.code))


def is_in_window(day: date, window_start: date, window_end: date) -> bool:
    return window_start <= day <= window_end
