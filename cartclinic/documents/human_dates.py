"""Dates written the way a nurse or a patient reads them, in English or Simplified Chinese.

Month and weekday names come from our own tables, never from `strftime`: that follows the
computer's locale, and a ward PC set to another language would print another language.
"""

from datetime import date, datetime

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ZH_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

MINUS = "\u2212"  # a real minus sign: "Day −3" must not read as a hyphenated range


def is_zh(language: str) -> bool:
    return language.lower().startswith("zh")


def short_date(day: date, language: str = "en") -> str:
    """12 Jan 2027 / 2027年1月12日: the form used on every document and in tables."""
    if is_zh(language):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def long_date(day: date, language: str = "en") -> str:
    """12 January 2027 / 2027年1月12日."""
    if is_zh(language):
        return short_date(day, language)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: date, language: str = "en") -> str:
    """Tuesday 12 January 2027 / 2027年1月12日（星期二）: a date a patient acts on."""
    if is_zh(language):
        return f"{short_date(day, language)}（{_ZH_WEEKDAYS[day.weekday()]}）"
    return f"{_WEEKDAYS[day.weekday()]} {long_date(day, language)}"


def short_weekday_date(day: date, language: str = "en") -> str:
    """Tue 12 Jan 2027 / 2027年1月12日（二）, for staff documents where the weekday helps plan
    the day."""
    if is_zh(language):
        return f"{short_date(day, language)}（{_ZH_WEEKDAYS[day.weekday()][-1]}）"
    return f"{_WEEKDAYS[day.weekday()][:3]} {short_date(day)}"


def long_range(first: date, last: date, language: str = "en") -> str:
    """5 to 19 January 2027 / 2027年1月5日至19日, saying the shared month and year once."""
    if is_zh(language):
        if first.year != last.year:
            return f"{short_date(first, language)}至{short_date(last, language)}"
        if first.month != last.month:
            return f"{first.year}年{first.month}月{first.day}日至{last.month}月{last.day}日"
        return f"{first.year}年{first.month}月{first.day}日至{last.day}日"
    if first.year != last.year:
        return f"{long_date(first)} to {long_date(last)}"
    if first.month != last.month:
        return f"{first.day} {_MONTHS[first.month - 1]} to {long_date(last)}"
    return f"{first.day} to {long_date(last)}"


def short_range(first: date, last: date, language: str = "en") -> str:
    """5–19 Jan 2027, 28 Feb – 10 Mar 2027: a window in a table cell."""
    if is_zh(language):
        return long_range(first, last, language)
    if first == last:
        return short_date(first)
    if first.year != last.year:
        return f"{short_date(first)} – {short_date(last)}"
    if first.month != last.month:
        return f"{first.day} {_MONTHS[first.month - 1][:3]} – {short_date(last)}"
    return f"{first.day}–{short_date(last)}"


def cell_date(day: date, language: str = "en") -> str:
    """A date in a narrow table cell: 12 Jan 2027 / 2027-01-12 (the Chinese written form is
    twice as wide; Chinese hospital forms write dates in figures)."""
    return day.isoformat() if is_zh(language) else short_date(day)


def cell_weekday_date(day: date, language: str = "en") -> str:
    """Tue 12 Jan 2027 / 2027-01-12（二）in a narrow table cell."""
    if is_zh(language):
        return f"{day.isoformat()}（{_ZH_WEEKDAYS[day.weekday()][-1]}）"
    return short_weekday_date(day)


def cell_range(first: date, last: date, language: str = "en") -> str:
    """5–19 Jan 2027 / 2027-01-05至01-19 (the year once when it is shared) in a table cell."""
    if not is_zh(language):
        return short_range(first, last)
    if first == last:
        return first.isoformat()
    end = last.isoformat()[5:] if first.year == last.year else last.isoformat()
    return f"{first.isoformat()}至{end}"


def short_datetime(moment: datetime, language: str = "en") -> str:
    return f"{short_date(moment.date(), language)} {moment:%H:%M}"


def day_number(days: int, language: str = "en") -> str:
    """Day +28, Day 0, Day −3 / 第+28天: days since infusion as clinicians write them."""
    if is_zh(language):
        sign = "+" if days > 0 else (MINUS if days < 0 else "")
        return f"第{sign}{abs(days)}天"
    if days > 0:
        return f"Day +{days}"
    if days < 0:
        return f"Day {MINUS}{-days}"
    return "Day 0"


def age_on(born: date, on: date) -> int | None:
    """Whole years of age on a day; None when the birth date is after it (a data error)."""
    if born > on:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def month_label(day: date, language: str = "en") -> str:
    """Jan / 1月: a tick on the timeline."""
    if is_zh(language):
        return f"{day.month}月"
    return _MONTHS[day.month - 1][:3]
