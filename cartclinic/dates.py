"""Reading and writing calendar dates: ISO text in the store, never guessed from ambiguous input."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str, date_format: str | None = None, *, field: str = "date") -> date:
    """Parse a calendar date.

    Without `date_format` only ISO `YYYY-MM-DD` is accepted: `30/02/2026` or `03/04/2026` could
    be read two ways and a wrong follow-up date is worse than a refused one.
    """
    raw = (text or "").strip()
    if not raw:
        raise ValueError(f"{field}: empty, a date is required (YYYY-MM-DD)")
    if date_format:
        if "%y" in date_format:
            raise ValueError(
                f"{field}: the format {date_format} has a two-digit year (%y), which could be "
                "1925 or 2025; use %Y with four-digit years"
            )
        try:
            return datetime.strptime(raw, date_format).date()
        except ValueError:
            raise ValueError(
                f"{field}: '{_short(raw)}' is not a date in the format {date_format}"
            ) from None
    if not _ISO.match(raw):
        raise ValueError(
            f"{field}: '{_short(raw)}' is not an ISO date; write it as YYYY-MM-DD "
            "(or give --date-format)"
        )
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{field}: '{raw}' does not exist in the calendar") from None


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def from_iso(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
