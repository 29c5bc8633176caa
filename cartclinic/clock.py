"""Is this PC's clock behind the roster? A clock set a year back makes every visit look far in
the future: the worklist would show nothing overdue and nothing due, and say nothing. Every
audit row carries the time it was written (UTC), so a clock behind the roster's newest entry is
caught and named, with both dates and what to do, on screen and on the command line.

Time is passed in, never read here. A naive datetime is the PC's local wall clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cartclinic.store import RosterStore


def as_utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive one is taken as this PC's local time (its own zone and DST)."""
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class ClockBehind:
    now: datetime  # this PC's clock, UTC
    newest: datetime  # the roster's newest entry, UTC

    def message(self) -> str:
        return (
            f"warning: this PC's clock says {self.now:%Y-%m-%d %H:%M} UTC, but the roster "
            f"already has an entry written at {self.newest:%Y-%m-%d %H:%M} UTC: the clock is "
            "behind, so 'today' and every overdue and due visit shown are wrong. Set the PC's "
            "date and time (or ask ward IT) before using the lists."
        )


def clock_behind(store: RosterStore, now: datetime) -> ClockBehind | None:
    """ClockBehind when `now` is earlier than the roster's newest audit entry, else None."""
    newest = store.newest_entry_time()
    now_utc = as_utc(now)
    if newest is None or now_utc >= newest:
        return None
    return ClockBehind(now_utc, newest)
