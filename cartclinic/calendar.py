"""When the clinic is open: closed weekdays, public holidays of a region, closures and extra days.

Public holidays come from the `holidays` package. Where a region has official make-up workdays
on a weekend (China moves whole working days around its Golden Weeks) those days are open even
though the weekday is normally closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from types import ModuleType

from cartclinic.reasons import Reason, Refused

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class ClinicCalendar:
    closed_weekdays: frozenset[int] = frozenset({5, 6})  # Monday is 0, as in date.weekday()
    holiday_region: str | None = None  # "CN", "US-CA", "GB-SCT"
    closures: frozenset[date] = field(default_factory=frozenset)
    extra_open: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.holiday_region:
            check_region(self.holiday_region)
        both = self.closures & self.extra_open
        if both:
            days = sorted(d.isoformat() for d in both)
            raise Refused(Reason("closures.both", "closures", {"days": days}))

    def is_open(self, day: date) -> bool:
        if day in self.closures:
            return False
        if day in self.extra_open:
            return True
        if self.holiday_region:
            days_off, makeup_days = _region_year(self.holiday_region, day.year)
            if day in days_off:
                return False
            if day in makeup_days:
                return True
        return day.weekday() not in self.closed_weekdays

    def why_closed(self, day: date) -> str | None:
        """A short reason a nurse understands, or None when the clinic is open."""
        why = self.closed_reason(day)
        return str(why) if why is not None else None

    def closed_reason(self, day: date) -> Reason | None:
        """`why_closed` as a Reason, said in the reader's language where it is shown."""
        if self.is_open(day):
            return None
        if day in self.closures:
            return Reason("closed.closure")
        if self.holiday_region:
            name = _holiday_name(self.holiday_region, day)
            if name:
                return Reason("closed.holiday", None, {"holiday": name})
        return Reason("closed.weekday", None,
                      {"weekday": Reason("weekday." + WEEKDAY_NAMES[day.weekday()])})


def _holidays() -> ModuleType:
    """The `holidays` package, imported when a region is first used: it takes a tenth of a
    second to load, and opening the worklist needs no holiday table (dates are stored)."""
    import holidays

    return holidays


def split_region(region: str) -> tuple[str, str | None]:
    """`cn` -> ("CN", None); `de-by` -> ("DE", "BY"); `DE-Augsburg` keeps the package's own
    spelling of a subdivision (some are words, not codes)."""
    country, _, subdiv = region.strip().partition("-")
    country = country.upper()
    subdiv = subdiv.strip()
    if not subdiv:
        return country, None
    known = _holidays().list_supported_countries().get(country, [])
    for code in known:
        if code.casefold() == subdiv.casefold():
            return country, code
    return country, subdiv


def check_region(region: str) -> None:
    """Refuse a region the `holidays` package does not know, naming what it does know."""
    country, subdiv = split_region(region)
    supported = _holidays().list_supported_countries()
    if country not in supported:
        raise Refused(Reason("region.unknown", "holiday region", {"region": region}))
    if subdiv and subdiv not in supported[country]:
        raise Refused(Reason("region.subdivision", "holiday region", {
            "subdivision": subdiv, "country": country, "known": list(supported[country][:20])}))


@lru_cache(maxsize=512)
def _region_year(region: str, year: int) -> tuple[frozenset[date], frozenset[date]]:
    """Public holidays and weekend make-up workdays of one region in one year (cached: the
    package builds a year's table on first use, which is slow to repeat per visit)."""
    country, subdiv = split_region(region)
    table = _holidays().country_holidays(country, subdiv=subdiv, years=year)
    days_off = frozenset(d for d in table if d.year == year)
    makeup = frozenset(
        d for d in getattr(table, "weekend_workdays", set()) if d.year == year
    )
    return days_off, makeup


def _holiday_name(region: str, day: date) -> str | None:
    country, subdiv = split_region(region)
    return _holidays().country_holidays(country, subdiv=subdiv, years=day.year).get(day)


FULL_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_closed_weekdays(text: str) -> frozenset[int]:
    """`sat,sun` (or full names) -> {5, 6}; `none` opens every weekday. Anything else is refused:
    `sat-sun` silently read as Saturday would open the clinic on Sundays."""
    text = text.strip().lower()
    if text == "none":
        return frozenset()
    if not text:
        raise Refused(Reason("weekdays.empty", "closed weekdays"))
    out = set()
    for part in text.split(","):
        key = part.strip()
        if key in WEEKDAY_NAMES:
            out.add(WEEKDAY_NAMES.index(key))
        elif key in FULL_WEEKDAY_NAMES:
            out.add(FULL_WEEKDAY_NAMES.index(key))
        else:
            raise Refused(Reason("weekdays.unknown", "closed weekdays", {"text": part.strip()}))
    if len(out) == 7:
        raise Refused(Reason("settings.closed_every_weekday", "closed weekdays"))
    return frozenset(out)
