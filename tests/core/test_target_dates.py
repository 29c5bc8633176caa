"""Scheduling rules 2 and 3 (DESIGN.md): target dates from day 0, and windows around them.

Tables in the style of python-dateutil's tests: one line a case, exact expected dates.
"""

from __future__ import annotations

from datetime import date

import pytest

from cartclinic.calendar import ClinicCalendar
from cartclinic.protocol import Offset, parse_protocol
from cartclinic.schedule import place, plan_visits, target_date

D = date.fromisoformat
OPEN_EVERY_DAY = ClinicCalendar(closed_weekdays=frozenset())


def protocol_with(*visits: dict, pid: str = "rule-test"):
    """A protocol built in memory from `[[visit]]` tables (no file)."""
    return parse_protocol(
        {"id": pid, "name": "Rule test", "version": "1", "sources": ["test"], "visit": list(visits)},
        "<test>",
    )


def visit(code: str, at: dict, *, before: int = 0, after: int = 0, label: str | None = None,
          **more) -> dict:
    return {
        "code": code, "label": label or f"Visit {code}", "at": at,
        "window": {"before": before, "after": after}, "kind": "monitoring", **more,
    }


# --- rule 2: one offset from day 0 ---------------------------------------------------------------

TARGETS = [
    # day 0        unit      n    target
    ("2025-01-01", "days", 0, "2025-01-01"),
    ("2025-01-01", "days", 1, "2025-01-02"),
    ("2025-01-01", "days", 28, "2025-01-29"),
    ("2025-01-01", "days", 100, "2025-04-11"),
    ("2025-01-01", "days", 366, "2026-01-02"),
    ("2024-02-28", "days", 1, "2024-02-29"),
    ("2025-02-28", "days", 1, "2025-03-01"),
    ("2025-12-31", "days", 1, "2026-01-01"),
    ("2016-03-15", "days", 28, "2016-04-12"),
    ("2025-01-01", "weeks", 0, "2025-01-01"),
    ("2025-01-01", "weeks", 1, "2025-01-08"),
    ("2025-01-01", "weeks", 4, "2025-01-29"),
    ("2024-02-22", "weeks", 1, "2024-02-29"),
    ("2024-12-30", "weeks", 52, "2025-12-29"),
    ("2025-01-15", "months", 0, "2025-01-15"),
    ("2025-01-15", "months", 1, "2025-02-15"),
    ("2025-01-31", "months", 1, "2025-02-28"),
    ("2024-01-31", "months", 1, "2024-02-29"),
    ("2025-03-31", "months", 1, "2025-04-30"),
    ("2025-05-31", "months", 1, "2025-06-30"),
    ("2025-10-31", "months", 1, "2025-11-30"),
    ("2025-12-31", "months", 2, "2026-02-28"),
    ("2025-11-30", "months", 3, "2026-02-28"),
    ("2025-08-31", "months", 6, "2026-02-28"),
    ("2023-08-31", "months", 6, "2024-02-29"),
    ("2025-08-30", "months", 6, "2026-02-28"),
    ("2025-08-31", "months", 12, "2026-08-31"),
    ("2025-07-31", "months", 18, "2027-01-31"),
    ("2024-08-31", "months", 18, "2026-02-28"),
    ("2025-07-31", "months", 24, "2027-07-31"),
    ("2025-01-01", "years", 0, "2025-01-01"),
    ("2024-02-29", "years", 1, "2025-02-28"),
    ("2024-02-29", "years", 4, "2028-02-29"),
    ("2024-02-29", "years", 15, "2039-02-28"),
    ("2000-02-29", "years", 100, "2100-02-28"),
    ("2016-03-15", "years", 15, "2031-03-15"),
    ("2025-12-31", "years", 1, "2026-12-31"),
]


@pytest.mark.parametrize(("day0", "unit", "n", "expected"), TARGETS)
def test_target_is_day0_plus_offset_in_calendar_arithmetic(day0, unit, n, expected):
    assert target_date(D(day0), Offset(unit, n)) == D(expected)


def test_target_refuses_an_unknown_unit():
    with pytest.raises(ValueError, match="fortnights"):
        target_date(D("2025-01-01"), Offset("fortnights", 1))


# --- rule 2: repeats are k x every added to day 0 in one step, never chained ---------------------

YEARLY_FROM_29_FEB_2024 = [
    ("Y1", "2025-02-28"), ("Y2", "2026-02-28"), ("Y3", "2027-02-28"), ("Y4", "2028-02-29"),
    ("Y5", "2029-02-28"), ("Y6", "2030-02-28"), ("Y7", "2031-02-28"), ("Y8", "2032-02-29"),
    ("Y9", "2033-02-28"), ("Y10", "2034-02-28"), ("Y11", "2035-02-28"), ("Y12", "2036-02-29"),
    ("Y13", "2037-02-28"), ("Y14", "2038-02-28"), ("Y15", "2039-02-28"),
]

MONTHLY_FROM_31_JAN_2025 = [
    ("M1", "2025-02-28"), ("M2", "2025-03-31"), ("M3", "2025-04-30"), ("M4", "2025-05-31"),
    ("M5", "2025-06-30"), ("M6", "2025-07-31"), ("M7", "2025-08-31"), ("M8", "2025-09-30"),
    ("M9", "2025-10-31"), ("M10", "2025-11-30"), ("M11", "2025-12-31"), ("M12", "2026-01-31"),
]

MONTHLY_FROM_31_JAN_2024 = [  # leap year: month 1 is 29 Feb, month 2 is still 31 Mar
    ("M1", "2024-02-29"), ("M2", "2024-03-31"), ("M3", "2024-04-30"),
]


def _targets(protocol, day0: str) -> list[tuple[str, str]]:
    return [(v.code, v.target.isoformat())
            for v in plan_visits(protocol, D(day0), OPEN_EVERY_DAY)]


def test_yearly_repeat_from_29_feb_is_computed_from_day0_not_chained():
    p = protocol_with(visit("Y{n}", {"years": 1}, every={"years": 1}, until={"years": 15}))
    assert _targets(p, "2024-02-29") == YEARLY_FROM_29_FEB_2024


def test_monthly_repeat_from_31_jan_is_computed_from_day0_not_chained():
    p = protocol_with(visit("M{n}", {"months": 1}, every={"months": 1}, until={"months": 12}))
    assert _targets(p, "2025-01-31") == MONTHLY_FROM_31_JAN_2025
    assert _targets(p, "2024-01-31")[:3] == MONTHLY_FROM_31_JAN_2024


def test_month_2_from_31_jan_is_31_mar_not_the_clamped_28_feb_plus_a_month():
    p = protocol_with(visit("M{n}", {"months": 1}, every={"months": 1}, until={"months": 2}))
    assert dict(_targets(p, "2025-01-31"))["M2"] == "2025-03-31"
    assert dict(_targets(p, "2024-01-31"))["M2"] == "2024-03-31"


def test_weekly_and_daily_repeats_step_from_day0():
    p = protocol_with(
        visit("W{n}", {"weeks": 2}, every={"weeks": 2}, until={"weeks": 8}),
        visit("D{n}", {"days": 56}, every={"days": 28}, until={"days": 84}),
    )
    # plan_visits sorts by (target, code): D56 and W8 share 26 Feb
    assert _targets(p, "2025-01-01") == [
        ("W2", "2025-01-15"), ("W4", "2025-01-29"), ("W6", "2025-02-12"),
        ("D56", "2025-02-26"), ("W8", "2025-02-26"), ("D84", "2025-03-26"),
    ]


# --- rule 2: expansion of {n} in codes and labels -------------------------------------------------

EXPANSIONS = [
    # at              every           until            codes
    ({"days": 1}, {"days": 1}, {"days": 7}, ["D1", "D2", "D3", "D4", "D5", "D6", "D7"]),
    ({"days": 1}, {"days": 1}, {"days": 10}, [f"D{n}" for n in range(1, 11)]),
    ({"days": 56}, {"days": 28}, {"days": 84}, ["D56", "D84"]),
    ({"months": 12}, {"months": 6}, {"months": 24}, ["M12", "M18", "M24"]),
    ({"months": 12}, {"months": 6}, {"months": 20}, ["M12", "M18"]),  # until is a bound
    ({"months": 4}, {"months": 1}, {"months": 5}, ["M4", "M5"]),
    ({"years": 2}, {"years": 1}, {"years": 15}, [f"Y{n}" for n in range(2, 16)]),
    ({"years": 3}, {"years": 1}, {"years": 3}, ["Y3"]),  # until == at: one occurrence
    ({"weeks": 0}, {"weeks": 4}, {"weeks": 12}, ["W0", "W4", "W8", "W12"]),
]


@pytest.mark.parametrize(("at", "every", "until", "codes"), EXPANSIONS)
def test_repeat_expands_n_to_the_count_in_the_unit_of_at(at, every, until, codes):
    prefix = {"days": "D", "weeks": "W", "months": "M", "years": "Y"}[next(iter(at))]
    p = protocol_with(visit(prefix + "{n}", at, every=every, until=until,
                            label="Check {n} of " + prefix))
    occ = p.occurrences()
    assert [o.code for o in occ] == codes
    assert [o.label for o in occ] == [f"Check {c[1:]} of {prefix}" for c in codes]
    unit = next(iter(at))
    assert [o.offset for o in occ] == [Offset(unit, int(c[1:])) for c in codes]


def test_a_single_visit_is_not_expanded():
    p = protocol_with(visit("D28", {"days": 28}, label="Day 28"))
    assert [(o.code, o.label, o.offset) for o in p.occurrences()] == [
        ("D28", "Day 28", Offset("days", 28))
    ]


def test_expanded_occurrences_keep_window_kind_any_day_and_assessments():
    p = protocol_with(visit("D{n}", {"days": 1}, every={"days": 1}, until={"days": 2},
                            before=0, after=0, any_day=True, assessments=["CBC", "CRP"]))
    for o in p.occurrences():
        assert (o.before, o.after, o.kind, o.any_day, o.assessments) == (
            0, 0, "monitoring", True, ("CBC", "CRP"))


# --- rule 3: window = [target - before, target + after] -------------------------------------------

WINDOWS = [
    # day 0        at                 before after  target        window start  window end
    ("2025-01-01", {"days": 28}, 3, 7, "2025-01-29", "2025-01-26", "2025-02-05"),
    ("2025-01-01", {"days": 0}, 0, 0, "2025-01-01", "2025-01-01", "2025-01-01"),
    ("2025-01-01", {"days": 100}, 15, 15, "2025-04-11", "2025-03-27", "2025-04-26"),
    ("2024-12-20", {"days": 10}, 1, 1, "2024-12-30", "2024-12-29", "2024-12-31"),
    ("2024-12-25", {"days": 7}, 2, 2, "2025-01-01", "2024-12-30", "2025-01-03"),
    ("2025-01-31", {"months": 1}, 7, 7, "2025-02-28", "2025-02-21", "2025-03-07"),
    ("2024-01-31", {"months": 1}, 7, 7, "2024-02-29", "2024-02-22", "2024-03-07"),
    ("2024-03-15", {"months": 12}, 0, 60, "2025-03-15", "2025-03-15", "2025-05-14"),
    ("2016-03-15", {"years": 2}, 30, 60, "2018-03-15", "2018-02-13", "2018-05-14"),
    ("2016-03-15", {"years": 4}, 30, 60, "2020-03-15", "2020-02-14", "2020-05-14"),
    ("2024-02-29", {"years": 1}, 30, 60, "2025-02-28", "2025-01-29", "2025-04-29"),
    ("2025-06-30", {"months": 6}, 14, 14, "2025-12-30", "2025-12-16", "2026-01-13"),
]


@pytest.mark.parametrize(("day0", "at", "before", "after", "target", "start", "end"), WINDOWS)
def test_window_is_target_minus_before_to_target_plus_after(day0, at, before, after, target,
                                                             start, end):
    p = protocol_with(visit("V", at, before=before, after=after))
    v = place(p.occurrences()[0], p.id, D(day0), OPEN_EVERY_DAY)
    assert (v.target, v.window_start, v.window_end) == (D(target), D(start), D(end))
    assert v.scheduled == v.target  # every day open: nothing moves
    assert v.flags == ()
