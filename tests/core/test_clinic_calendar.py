"""Scheduling rule 4 (DESIGN.md): which days the clinic is open.

Expected holiday dates were checked against the installed `holidays` package (0.109), not only
against the brief: for China 2025 the package lists 28 Jan (Spring Festival eve) to 31 Jan and
3-4 Feb as days off, with Sunday 26 Jan and Saturday 8 Feb as make-up workdays; 1-8 Oct as days
off with Sunday 28 Sep and Saturday 11 Oct as make-up workdays.
"""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from cartclinic.calendar import ClinicCalendar, check_region, parse_closed_weekdays

D = date.fromisoformat

CALENDARS = {
    "default": ClinicCalendar(),
    "closed none": ClinicCalendar(closed_weekdays=parse_closed_weekdays("none")),
    "closed mon": ClinicCalendar(closed_weekdays=frozenset({0})),
    "CN": ClinicCalendar(holiday_region="CN"),
    "cn lower-case": ClinicCalendar(holiday_region="cn"),
    "CN closed none": ClinicCalendar(closed_weekdays=frozenset(), holiday_region="CN"),
    "US": ClinicCalendar(holiday_region="US"),
    "US-CA": ClinicCalendar(holiday_region="US-CA"),
    "DE": ClinicCalendar(holiday_region="DE"),
    "DE-BY": ClinicCalendar(holiday_region="DE-BY"),
    "closure 24 Dec": ClinicCalendar(closures=frozenset({D("2025-12-24")})),
    "extra Sat 29 Nov": ClinicCalendar(extra_open=frozenset({D("2025-11-29")})),
    "CN extra 2 Oct": ClinicCalendar(holiday_region="CN", extra_open=frozenset({D("2025-10-02")})),
    "CN closure 11 Oct": ClinicCalendar(holiday_region="CN", closures=frozenset({D("2025-10-11")})),
}

OPEN_DAYS = [
    # calendar             day           open?  why
    ("default", "2025-11-28", True),    # Friday
    ("default", "2025-11-29", False),   # Saturday
    ("default", "2025-11-30", False),   # Sunday
    ("default", "2025-12-01", True),    # Monday
    ("default", "2025-07-04", True),    # no holiday region: US holiday is a working day
    ("default", "2025-01-28", True),    # no holiday region: Spring Festival eve is a working day
    ("default", "2025-01-26", False),   # no holiday region: no make-up days either
    ("closed none", "2025-11-29", True),
    ("closed none", "2025-11-30", True),
    ("closed mon", "2025-12-01", False),
    ("closed mon", "2025-11-29", True),
    ("CN", "2025-01-01", False),        # New Year
    ("CN", "2025-01-27", True),         # Monday before the Spring Festival
    ("CN", "2025-01-28", False),        # Spring Festival eve (a holiday since 2025)
    ("CN", "2025-01-29", False),
    ("CN", "2025-01-31", False),
    ("CN", "2025-02-03", False),        # Monday, day off moved from Sunday 26 Jan
    ("CN", "2025-02-04", False),        # Tuesday, day off moved from Saturday 8 Feb
    ("CN", "2025-02-05", True),
    ("CN", "2025-01-26", True),         # Sunday make-up workday: OPEN
    ("CN", "2025-02-08", True),         # Saturday make-up workday: OPEN
    ("CN", "2025-02-09", False),        # an ordinary Sunday
    ("CN", "2025-09-28", True),         # Sunday make-up workday before National Day
    ("CN", "2025-09-30", True),
    ("CN", "2025-10-01", False),        # National Day
    ("CN", "2025-10-06", False),        # Mid-Autumn Festival
    ("CN", "2025-10-08", False),        # Wednesday, day off moved from Saturday 11 Oct
    ("CN", "2025-10-09", True),
    ("CN", "2025-10-11", True),         # Saturday make-up workday: OPEN
    ("CN", "2025-10-12", False),        # an ordinary Sunday
    ("CN", "2016-09-15", False),        # Mid-Autumn Festival 2016
    ("CN", "2016-09-18", True),         # Sunday make-up workday 2016
    ("cn lower-case", "2025-01-28", False),
    ("cn lower-case", "2025-01-26", True),
    ("CN closed none", "2025-10-01", False),  # holidays still close a seven-day clinic
    ("CN closed none", "2025-10-12", True),
    ("US", "2025-07-04", False),        # Independence Day
    ("US", "2025-11-27", False),        # Thanksgiving
    ("US", "2025-11-28", True),         # day after Thanksgiving: not federal
    ("US", "2025-12-25", False),
    ("US", "2021-12-31", False),        # New Year 2022 (a Saturday) observed on Friday
    ("US", "2025-01-26", False),        # no make-up workdays in the US
    ("US-CA", "2025-11-27", False),     # federal days still closed in a subdivision
    ("US-CA", "2025-11-28", False),     # California: Day After Thanksgiving
    ("US-CA", "2025-03-31", False),     # California: Cesar Chavez Day
    ("US", "2025-03-31", True),
    ("DE", "2025-01-06", True),         # Epiphany is not national
    ("DE-BY", "2025-01-06", False),     # Bavaria: Epiphany
    ("DE-BY", "2025-06-19", False),     # Bavaria: Corpus Christi
    ("DE-BY", "2025-10-03", False),     # German Unity Day, national
    ("closure 24 Dec", "2025-12-24", False),
    ("closure 24 Dec", "2025-12-23", True),
    ("extra Sat 29 Nov", "2025-11-29", True),
    ("extra Sat 29 Nov", "2025-11-30", False),
    ("CN extra 2 Oct", "2025-10-02", True),    # an extra open day beats a public holiday
    ("CN extra 2 Oct", "2025-10-03", False),
    ("CN closure 11 Oct", "2025-10-11", False),  # a closure beats a make-up workday
]


@pytest.mark.parametrize(("calendar", "day", "is_open"), OPEN_DAYS)
def test_clinic_day_is_open_unless_closed_weekday_holiday_or_closure(calendar, day, is_open):
    assert CALENDARS[calendar].is_open(D(day)) is is_open


@pytest.mark.parametrize(
    ("day", "holiday", "makeup"),
    [
        ("2025-01-28", True, False),
        ("2025-10-01", True, False),
        ("2025-01-26", False, True),
        ("2025-02-08", False, True),
        ("2025-10-11", False, True),
        ("2025-09-28", False, True),
    ],
)
def test_cn_expectations_match_the_installed_holidays_package(day, holiday, makeup):
    table = holidays.country_holidays("CN", years=2025)
    assert (D(day) in table) is holiday
    assert (D(day) in table.weekend_workdays) is makeup


def test_a_new_calendar_closes_saturday_and_sunday_with_no_region():
    cal = ClinicCalendar()
    assert cal.closed_weekdays == frozenset({5, 6})
    assert cal.holiday_region is None
    assert cal.closures == frozenset()
    assert cal.extra_open == frozenset()


def test_a_date_cannot_be_both_a_closure_and_an_extra_open_day():
    with pytest.raises(ValueError, match="2025-12-24"):
        ClinicCalendar(closures=frozenset({D("2025-12-24")}),
                       extra_open=frozenset({D("2025-12-24")}))


WHY_CLOSED = [
    ("default", "2025-11-28", None),
    ("default", "2025-11-29", "closed on Sat"),
    ("default", "2025-11-30", "closed on Sun"),
    ("closure 24 Dec", "2025-12-24", "clinic closure"),
    ("CN", "2025-10-01", "public holiday: National Day"),
    ("CN", "2025-01-26", None),
    ("US", "2025-07-04", "public holiday: Independence Day"),
    ("CN closure 11 Oct", "2025-10-11", "clinic closure"),
]


@pytest.mark.parametrize(("calendar", "day", "reason"), WHY_CLOSED)
def test_why_closed_names_the_reason_or_none_when_open(calendar, day, reason):
    assert CALENDARS[calendar].why_closed(D(day)) == reason


# --- holiday regions --------------------------------------------------------------------------

@pytest.mark.parametrize("region", ["CN", "US", "US-CA", "us-ca", "DE-BY", "GB-SCT", "DE"])
def test_known_region_is_accepted(region):
    check_region(region)
    ClinicCalendar(holiday_region=region)


REFUSED_REGIONS = [
    ("XX", "'XX' is not a known country code"),
    ("Narnia", "'Narnia' is not a known country code"),
    ("US-XX", "'XX' is not a subdivision of US"),
    ("DE-ZZ", "'ZZ' is not a subdivision of DE"),
]


@pytest.mark.parametrize(("region", "message"), REFUSED_REGIONS)
def test_unknown_region_is_refused_with_a_clear_message(region, message):
    with pytest.raises(ValueError, match="holiday region") as exc:
        check_region(region)
    assert message in str(exc.value)
    with pytest.raises(ValueError, match="holiday region"):
        ClinicCalendar(holiday_region=region)


def test_mixed_case_subdivision_of_the_holidays_package_is_accepted():
    check_region("DE-Augsburg")
    cal = ClinicCalendar(holiday_region="DE-Augsburg")
    assert cal.is_open(D("2025-08-08")) is False


# --- closed weekdays --------------------------------------------------------------------------

CLOSED_WEEKDAYS = [
    ("sat,sun", {5, 6}),
    ("sun,sat", {5, 6}),
    ("SAT,SUN", {5, 6}),
    (" sat , sun ", {5, 6}),
    ("saturday,sunday", {5, 6}),
    ("mon", {0}),
    ("fri,sat,sun", {4, 5, 6}),
    ("sun", {6}),
    ("sat,sat", {5}),
    ("mon,tue,wed,thu,fri,sat", {0, 1, 2, 3, 4, 5}),
    ("none", set()),
    ("None", set()),
    (" NONE ", set()),
]


@pytest.mark.parametrize(("text", "expected"), CLOSED_WEEKDAYS)
def test_parse_closed_weekdays(text, expected):
    assert parse_closed_weekdays(text) == frozenset(expected)


BAD_WEEKDAYS = [
    ("xyz", "'xyz' is not a weekday"),
    ("sa", "'sa' is not a weekday"),
    ("sat,funday", "'funday' is not a weekday"),
    ("sat,,sun", "'' is not a weekday"),
    ("6", "'6' is not a weekday"),
    ("mon,tue,wed,thu,fri,sat,sun", "cannot be closed on every weekday"),
    ("sun,sat,fri,thu,wed,tue,mon", "cannot be closed on every weekday"),
]


@pytest.mark.parametrize(("text", "message"), BAD_WEEKDAYS)
def test_parse_closed_weekdays_refuses_bad_names_and_all_seven(text, message):
    with pytest.raises(ValueError, match="closed weekdays") as exc:
        parse_closed_weekdays(text)
    assert message in str(exc.value)


@pytest.mark.parametrize("text", ["sat-sun", "sat;sun", "mon-fri", "satan", "sunny"])
def test_parse_closed_weekdays_refuses_names_that_only_start_like_a_weekday(text):
    with pytest.raises(ValueError, match="is not a weekday"):
        parse_closed_weekdays(text)
