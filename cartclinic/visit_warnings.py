"""What a nurse is warned of before recording a visit as done on a day: the day is outside the
visit's window, or the clinic was closed that day. Both are allowed (a visit done late is still
done) but only once said and confirmed; the record dialog shows them as the date changes and
`Roster.record_visit` returns the same ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cartclinic.calendar import ClinicCalendar
from cartclinic.model import Visit
from cartclinic.schedule import is_in_window

OUT_OF_WINDOW = "out_of_window"
CLOSED_DAY = "closed_day"


@dataclass(frozen=True)
class DoneDateWarning:
    """`kind` is OUT_OF_WINDOW or CLOSED_DAY; the UI words it from the fields, `str()` is the
    English for the command line and the log."""

    kind: str
    done_on: date
    code: str
    window_start: date
    window_end: date
    why_closed: str = ""

    def __str__(self) -> str:
        if self.kind == OUT_OF_WINDOW:
            return (f"{self.done_on} is outside the window of {self.code} "
                    f"({self.window_start} to {self.window_end})")
        return f"{self.done_on}: the clinic was closed ({self.why_closed})"


def done_date_warnings(visit: Visit, done_on: date, calendar: ClinicCalendar
                       ) -> tuple[DoneDateWarning, ...]:
    """The warnings for recording `visit` as done on `done_on`, out of window first; a visit
    that may happen on any day (a call, a questionnaire) is not warned of a closed day, as in
    rescheduling (cartclinic/rescheduling.py)."""
    out = []
    fields = (done_on, visit.code, visit.window_start, visit.window_end)
    if not is_in_window(done_on, visit.window_start, visit.window_end):
        out.append(DoneDateWarning(OUT_OF_WINDOW, *fields))
    why = None if visit.any_day else calendar.why_closed(done_on)  # a call may be any day
    if why:
        out.append(DoneDateWarning(CLOSED_DAY, *fields, why_closed=why))
    return tuple(out)
