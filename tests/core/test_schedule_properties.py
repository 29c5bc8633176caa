"""Properties of the scheduling rules (DESIGN.md rules 2, 5 and 6), checked by hypothesis.

Deterministic: every test runs with `derandomize=True` and no example database, so a run tests
the same examples each time and leaves nothing behind.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cartclinic.calendar import ClinicCalendar
from cartclinic.protocol import Offset, parse_protocol
from cartclinic.schedule import NO_CLINIC_DAY, scheduled_date, target_date
from cartclinic.status import VisitStatus, visit_status

FAST = settings(max_examples=150, derandomize=True, database=None, deadline=None)

DAY0 = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
REGIONS = st.sampled_from([None, "CN", "US"])
CLOSED_WEEKDAYS = st.frozensets(st.integers(0, 6), max_size=6)


@st.composite
def placements(draw):
    """A target, a window around it, and a clinic calendar with closures near the target."""
    day0 = draw(DAY0)
    unit = draw(st.sampled_from(["days", "weeks", "months", "years"]))
    amount = draw(st.integers(0, {"days": 400, "weeks": 60, "months": 180, "years": 15}[unit]))
    target = target_date(day0, Offset(unit, amount))
    before, after = draw(st.integers(0, 30)), draw(st.integers(0, 30))
    near = st.integers(-32, 32).map(lambda k: target + timedelta(days=k))
    closures = draw(st.frozensets(near, max_size=12))
    extra_open = draw(st.frozensets(near, max_size=3)) - closures
    calendar = ClinicCalendar(closed_weekdays=draw(CLOSED_WEEKDAYS),
                              holiday_region=draw(REGIONS),
                              closures=closures, extra_open=extra_open)
    return target, target - timedelta(days=before), target + timedelta(days=after), calendar


def _window(start: date, end: date):
    return [start + timedelta(days=k) for k in range((end - start).days + 1)]


@FAST
@given(placements())
def test_scheduled_date_is_inside_its_window_or_flagged_no_clinic_day(p):
    target, start, end, calendar = p
    scheduled, flags = scheduled_date(target, start, end, calendar)
    if flags:
        assert flags == (NO_CLINIC_DAY,)
        assert scheduled == target
        assert not any(calendar.is_open(d) for d in _window(start, end))
    else:
        assert start <= scheduled <= end


@FAST
@given(placements())
def test_scheduled_date_is_open_when_not_flagged(p):
    target, start, end, calendar = p
    scheduled, flags = scheduled_date(target, start, end, calendar)
    assert calendar.is_open(scheduled) or flags == (NO_CLINIC_DAY,)


@FAST
@given(placements())
def test_scheduled_date_is_the_nearest_open_day_earlier_on_a_tie(p):
    target, start, end, calendar = p
    scheduled, flags = scheduled_date(target, start, end, calendar)
    if flags:
        return
    distance = abs((scheduled - target).days)
    for day in _window(start, end):
        if calendar.is_open(day):
            d = abs((day - target).days)
            assert d > distance or (d == distance and day >= scheduled), (day, scheduled)


@FAST
@given(placements())
def test_any_day_visit_is_always_on_its_target(p):
    target, start, end, calendar = p
    assert scheduled_date(target, start, end, calendar, any_day=True) == (target, ())


def _repeating(unit: str, last: int):
    prefix = unit[0].upper()
    return parse_protocol({
        "id": "drift", "name": "Drift", "version": "1", "sources": ["test"],
        "visit": [{"code": prefix + "{n}", "label": "{n}", "at": {unit: 1}, "every": {unit: 1},
                   "until": {unit: last}, "window": {"before": 0, "after": 0},
                   "kind": "ltfu"}],
    }, "<test>")


YEARLY = _repeating("years", 15)
MONTHLY = _repeating("months", 36)


@FAST
@given(DAY0)
@example(date(2024, 2, 29))
@example(date(2000, 2, 29))
@example(date(2025, 1, 31))
@example(date(2025, 8, 31))
def test_repeats_never_drift_from_day0(day0):
    yearly = [target_date(day0, o.offset) for o in YEARLY.occurrences()]
    assert yearly == [day0 + relativedelta(years=n) for n in range(1, 16)]
    monthly = [target_date(day0, o.offset) for o in MONTHLY.occurrences()]
    assert monthly == [day0 + relativedelta(months=n) for n in range(1, 37)]
    # the day of the month only ever clamps to a month end; it never creeps down for good
    assert all(t.day == day0.day or (t + timedelta(days=1)).day == 1 for t in yearly + monthly)


RANK = {VisitStatus.UPCOMING: 0, VisitStatus.DUE: 1, VisitStatus.OVERDUE: 2}


@st.composite
def visits(draw):
    start = draw(st.dates(min_value=date(2010, 1, 1), max_value=date(2035, 12, 31)))
    end = start + timedelta(days=draw(st.integers(0, 90)))
    moved = draw(st.booleans())
    if moved:  # moved by hand, possibly out of its window
        scheduled = start + timedelta(days=draw(st.integers(-30, (end - start).days + 30)))
    else:
        scheduled = start + timedelta(days=draw(st.integers(0, (end - start).days)))
    tracked = start + timedelta(days=draw(st.integers(-400, 200)))
    marks = draw(st.fixed_dictionaries(
        {"done": st.booleans(), "cancelled": st.booleans(), "missed": st.booleans()}))
    return start, end, scheduled, tracked, marks


@FAST
@given(visits())
def test_statuses_partition_time_and_never_go_back(v):
    start, end, scheduled, tracked, marks = v
    first, last = min(start, scheduled), max(end, scheduled)
    days = [first + timedelta(days=k) for k in range(-3, (last - first).days + 4)]
    got = [visit_status(today=t, window_start=start, window_end=end, scheduled=scheduled,
                        tracked_from=tracked, **marks) for t in days]
    assert all(isinstance(s, VisitStatus) for s in got)
    fixed = (VisitStatus.DONE if marks["done"] else VisitStatus.CANCELLED if marks["cancelled"]
             else VisitStatus.MISSED if marks["missed"]
             else VisitStatus.PRIOR if end < tracked else None)
    if fixed is not None:
        assert set(got) == {fixed}  # a decided visit does not change with today
        return
    assert set(got) <= set(RANK)
    ranks = [RANK[s] for s in got]
    assert ranks == sorted(ranks)  # upcoming -> due -> overdue, never back
    for t, s in zip(days, got, strict=True):
        expected = (VisitStatus.UPCOMING if t < first else VisitStatus.DUE if t <= last
                    else VisitStatus.OVERDUE)
        assert s is expected, (t, s)
