"""Tracks, rules T1-T4 (docs/protocol-format.md): tables of exact dates for the pure core.

The track of these tables: IgG, on at <= 4 g/L from day 0 + 30 days, off at > 4, a recheck
every 4 weeks (or 1 month), window 3 days each side, Saturday and Sunday closed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from cartclinic.calendar import ClinicCalendar
from cartclinic.model import Visit
from cartclinic.protocol import Comparison, Offset, TrackSpec, parse_comparison
from cartclinic.tracks import (
    TrackAction,
    TrackResult,
    in_order,
    plan_track,
    stop_reason,
    track_state,
)

D = date.fromisoformat
WEEKEND = ClinicCalendar()
DAY0 = D("2026-01-05")  # a Monday; day 30 = 2026-02-04
IGG = TrackSpec(
    code="IGG", label="IgG recheck", analyte="IgG", start=Comparison("<=", 4),
    stop=Comparison(">", 4), after=Offset("days", 30), every=Offset("weeks", 4), before=3,
    window_after=3, kind="monitoring", assessments=("IgG (trough)",),
)
IGG_MONTHLY = replace(IGG, every=Offset("months", 1))


def results(*rows: tuple[str, float]) -> list[TrackResult]:
    return [TrackResult(D(day), value, order) for order, (day, value) in enumerate(rows, 1)]


def simulate(track: TrackSpec, rs: list[TrackResult], visits: list[Visit] | None = None,
             day0: date = DAY0, calendar: ClinicCalendar = WEEKEND, held: bool = False
             ) -> list[Visit]:
    """Apply `plan_track` to visits as the store would, and check that planning again is a
    no-op (the sync is a function of results and visits)."""
    visits = list(visits or [])
    actions = plan_track(track, "p", day0, rs, visits, calendar, held=held)
    for a in actions:
        visits = apply(visits, a)
    assert plan_track(track, "p", day0, rs, visits, calendar, held=held) == []
    return visits


def apply(visits: list[Visit], a: TrackAction) -> list[Visit]:
    if a.what == "add":
        p = a.planned
        return [*visits, Visit(
            id=100 + len(visits), treatment_id=1, patient_id=1, protocol_id="p", code=p.code,
            label=p.label, kind=p.kind, any_day=p.any_day, assessments=p.assessments,
            target=p.target, window_start=p.window_start, window_end=p.window_end,
            scheduled=p.scheduled, tracked_from=DAY0, flags=p.flags)]
    out = []
    for v in visits:
        if v.id == a.visit_id:
            if a.what == "drop":
                continue
            if a.what == "cancel":
                v = replace(v, cancelled_reason=a.reason)
            else:
                p = a.planned
                v = replace(v, target=p.target, window_start=p.window_start,
                            window_end=p.window_end, scheduled=p.scheduled, flags=p.flags,
                            cancelled_reason="")
        out.append(v)
    return out


def rows(visits: list[Visit]) -> list[tuple]:
    return [(v.code, v.target.isoformat(), v.window_start.isoformat(), v.window_end.isoformat(),
             v.scheduled.isoformat(), v.cancelled_reason) for v in visits]


# -- T1: on, off, on again -----------------------------------------------------------------
T1 = [
    # results (day, g/L)                                            on     latest        stop
    ([], False, None, None),
    ([("2026-02-03", 3.0)], False, None, None),                    # before day 0 + 30
    ([("2026-02-04", 3.0)], True, "2026-02-04", None),             # on day 0 + 30: starts
    ([("2026-02-04", 4.0)], True, "2026-02-04", None),             # <= 4 meets start
    ([("2026-02-04", 4.01)], False, None, None),                   # above: never on
    ([("2026-02-04", 3.0), ("2026-03-04", 3.8)], True, "2026-03-04", None),
    ([("2026-02-04", 3.0), ("2026-03-04", 6.1)], False, None, "2026-03-04"),
    ([("2026-02-04", 3.0), ("2026-03-04", 6.1), ("2026-04-01", 3.9)], True, "2026-04-01", None),
    ([("2026-03-04", 6.1), ("2026-02-04", 3.0)], False, None, "2026-03-04"),  # date order
]


@pytest.mark.parametrize(("given", "on", "latest", "stop"), T1)
def test_t1_start_stop_restart_in_date_order(given, on, latest, stop):
    state = track_state(IGG, DAY0, results(*given))
    assert state.on is on
    assert (state.latest.taken.isoformat() if state.latest else None) == latest
    assert (state.stop.taken.isoformat() if state.stop else None) == stop


def test_t1_two_results_on_one_day_the_later_entered_counts():
    both = [TrackResult(D("2026-02-04"), 3.0, 7), TrackResult(D("2026-02-04"), 5.0, 9)]
    assert track_state(IGG, DAY0, both).on is False
    assert track_state(IGG, DAY0, list(reversed(both))).on is False  # order entered, not listed
    swapped = [TrackResult(D("2026-02-04"), 3.0, 9), TrackResult(D("2026-02-04"), 5.0, 7)]
    assert track_state(IGG, DAY0, swapped).on is True
    assert [r.value for r in in_order(both)] == [5.0]


# -- T2: one open visit, target = latest result + every, rules 3-5 ---------------------------
T2 = [
    # latest result, every      target        window start  window end    scheduled
    ("2026-02-04", IGG, "2026-03-04", "2026-03-01", "2026-03-07", "2026-03-04"),  # Wed
    ("2026-02-07", IGG, "2026-03-07", "2026-03-04", "2026-03-10", "2026-03-06"),  # Sat -> Fri
    ("2026-02-08", IGG, "2026-03-08", "2026-03-05", "2026-03-11", "2026-03-09"),  # Sun -> Mon
    ("2026-01-31", IGG_MONTHLY, "2026-02-28", "2026-02-25", "2026-03-03", "2026-02-27"),
    ("2026-03-31", IGG_MONTHLY, "2026-04-30", "2026-04-27", "2026-05-03", "2026-04-30"),
    ("2027-01-31", IGG_MONTHLY, "2027-02-28", "2027-02-25", "2027-03-03", "2027-03-01"),  # Sun
]


@pytest.mark.parametrize(("latest", "track", "target", "start", "end", "scheduled"), T2)
def test_t2_chain_target_is_latest_result_plus_every(latest, track, target, start, end,
                                                     scheduled):
    day0 = D("2025-12-01")
    visits = simulate(track, results(("2026-01-05", 2.0), (latest, 3.0)), day0=day0)
    assert rows(visits) == [("IGG1", target, start, end, scheduled, "")]


def test_t2_chain_a_new_result_moves_the_open_visit():
    visits = simulate(IGG, results(("2026-02-04", 3.0)))
    assert rows(visits) == [("IGG1", "2026-03-04", "2026-03-01", "2026-03-07", "2026-03-04", "")]
    visits = simulate(IGG, results(("2026-02-04", 3.0), ("2026-02-18", 3.3)), visits)
    assert rows(visits) == [("IGG1", "2026-03-18", "2026-03-15", "2026-03-21", "2026-03-18", "")]


def test_t2_closure_in_the_window_books_the_nearest_open_day():
    closed = ClinicCalendar(closures=frozenset({D("2026-03-04")}))
    visits = simulate(IGG, results(("2026-02-04", 3.0)), calendar=closed)
    assert rows(visits) == [("IGG1", "2026-03-04", "2026-03-01", "2026-03-07", "2026-03-03", "")]


def test_t2_a_nurse_s_move_of_the_open_visit_is_kept():
    visits = simulate(IGG, results(("2026-02-04", 3.0)))
    moved = [replace(visits[0], scheduled=D("2026-03-10"), moved_reason="patient away")]
    assert plan_track(IGG, "p", DAY0, results(("2026-02-04", 3.0)), moved, WEEKEND) == []


# -- T3: a stop result cancels the open visit; events ----------------------------------------
def test_t3_stop_cancels_the_open_visit_with_the_result_named():
    visits = simulate(IGG, results(("2026-02-04", 3.2)))
    visits = simulate(IGG, results(("2026-02-04", 3.2), ("2026-03-02", 6.1)), visits)
    assert rows(visits) == [("IGG1", "2026-03-04", "2026-03-01", "2026-03-07", "2026-03-04",
                             "stopped: IgG 6.1 g/L on 2026-03-02")]


def test_t3_stop_reason_reads_the_canonical_value():
    assert stop_reason(IGG, TrackResult(D("2026-05-02"), 6.1, 1)) == \
        "stopped: IgG 6.1 g/L on 2026-05-02"
    assert stop_reason(IGG, TrackResult(D("2026-05-02"), 350 * 0.01 + 3, 1)) == \
        "stopped: IgG 6.5 g/L on 2026-05-02"


def test_t3_restart_makes_the_next_number():
    rs = results(("2026-02-04", 3.2), ("2026-03-02", 6.1))
    visits = simulate(IGG, rs[:1])
    visits = simulate(IGG, rs, visits)
    rs = [*rs, TrackResult(D("2026-04-06"), 3.9, 3)]
    visits = simulate(IGG, rs, visits)
    assert rows(visits) == [
        ("IGG1", "2026-03-04", "2026-03-01", "2026-03-07", "2026-03-04",
         "stopped: IgG 6.1 g/L on 2026-03-02"),
        ("IGG2", "2026-05-04", "2026-05-01", "2026-05-07", "2026-05-04", ""),
    ]


def test_t3_a_stop_result_entered_in_error_reopens_the_visit():
    rs = results(("2026-02-04", 3.2), ("2026-03-02", 6.1))
    visits = simulate(IGG, rs, simulate(IGG, rs[:1]))
    assert simulate(IGG, rs[:1], visits) == simulate(IGG, rs[:1])


def test_t3_event_an_event_cancelled_visit_holds_the_track():
    visits = simulate(IGG, results(("2026-02-04", 3.2)))
    cancelled = [replace(visits[0], cancelled_reason="relapse on 2026-02-20",
                         cancelled_by_event=5)]
    later = results(("2026-02-04", 3.2), ("2026-02-25", 2.0))
    assert plan_track(IGG, "p", DAY0, later, cancelled, WEEKEND) == []
    assert plan_track(IGG, "p", DAY0, later, visits, WEEKEND, held=True) == []


# -- T4: a done visit keeps its number; the next follows the latest result ------------------
def test_t4_done_visit_keeps_its_number_next_follows_latest_result():
    rs = results(("2026-02-04", 3.2))
    visits = simulate(IGG, rs)
    visits = [replace(visits[0], done_on=D("2026-03-04"))]
    rs = [*rs, TrackResult(D("2026-03-04"), 3.5, 2)]  # 350 mg/dL taken at IGG1
    visits = simulate(IGG, rs, visits)
    assert [(v.code, v.target.isoformat(), v.done_on) for v in visits] == [
        ("IGG1", "2026-03-04", D("2026-03-04")), ("IGG2", "2026-04-01", None)]


def test_t4_done_without_a_result_counts_from_its_done_date():
    visits = [replace(v, done_on=D("2026-03-05"))
              for v in simulate(IGG, results(("2026-02-04", 3.2)))]
    visits = simulate(IGG, results(("2026-02-04", 3.2)), visits)
    assert [(v.code, v.target.isoformat()) for v in visits] == [
        ("IGG1", "2026-03-04"), ("IGG2", "2026-04-02")]


def test_t2_exactly_one_open_visit_an_extra_one_is_dropped():
    visits = simulate(IGG, results(("2026-02-04", 3.2)))
    extra = [*visits, replace(visits[0], id=999, code="IGG2")]
    actions = plan_track(IGG, "p", DAY0, results(("2026-02-04", 3.2)), extra, WEEKEND)
    assert actions == [TrackAction("drop", 999)]


COMPARISONS = [
    ("<= 4", "<=", 4.0), ("< 200", "<", 200.0), ("> 4", ">", 4.0), (">= 200", ">=", 200.0),
    ("<1.0", "<", 1.0), (" >= 0.5 ", ">=", 0.5),
]


@pytest.mark.parametrize(("text", "op", "value"), COMPARISONS)
def test_comparisons_parse(text, op, value):
    assert parse_comparison(text) == Comparison(op, value)


@pytest.mark.parametrize("text", ["=< 4", "> four", "4", "<= -1", "<=", "", "<= 4 g/L", 4])
def test_comparisons_that_do_not_parse(text):
    assert parse_comparison(text) is None


def test_t3_restart_then_the_stop_entered_in_error_reopens_the_first_and_drops_the_next():
    start, stop, again = results(("2026-02-04", 3.2), ("2026-03-02", 6.1), ("2026-04-06", 3.9))
    visits = simulate(IGG, [start])
    visits = simulate(IGG, [start, stop], visits)
    visits = simulate(IGG, [start, stop, again], visits)
    assert [v.code for v in visits] == ["IGG1", "IGG2"]
    # the 6.1 was another patient's: as if never entered, IGG1 follows the 3.9 of 2026-04-06
    assert rows(simulate(IGG, [start, again], visits)) == rows(simulate(IGG, [start, again]))
    assert rows(simulate(IGG, [start, again])) == [
        ("IGG1", "2026-05-04", "2026-05-01", "2026-05-07", "2026-05-04", "")]
