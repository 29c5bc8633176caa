"""Reading and writing calendar dates: ISO text in the store, never guessed from ambiguous input."""

from __future__ import annotations

import re
from datetime import date, datetime

from cartclinic.reasons import Reason, Refused

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str, date_format: str | None = None, *, field: str = "date") -> date:
    """Parse a calendar date.

    Without `date_format` only ISO `YYYY-MM-DD` is accepted: `30/02/2026` or `03/04/2026` could
    be read two ways and a wrong follow-up date is worse than a refused one.
    """
    raw = (text or "").strip()
    if not raw:
        raise Refused(Reason("date.empty", field))
    if date_format:
        if "%y" in date_format:
            raise Refused(Reason("date.two_digit_year", field, {"format": date_format}))
        try:
            return datetime.strptime(raw, date_format).date()
        except ValueError:
            raise Refused(Reason("date.not_in_format", field,
                                 {"text": _short(raw), "format": date_format})) from None
    if not _ISO.match(raw):
        raise Refused(Reason("date.not_iso", field, {"text": _short(raw)}))
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Refused(Reason("date.no_such_day", field, {"text": raw})) from None


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def from_iso(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
