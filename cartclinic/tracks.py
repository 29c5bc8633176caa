"""Tracks: follow-up that results start and stop ("IgG every 4 weeks while it is <= 4 g/L").

Pure: a treatment's day 0, one `[[track]]` of its protocol, the patient's results of the
track's analyte and the track's visits as they stand go in; what to do to those visits comes
out. Rules T1-T4 of docs/protocol-format.md:

T1. A track is on from the first result dated on or after day 0 + `after` that meets `start`,
    until a later result meets `stop`; a later result that meets `start` turns it on again.
    Results are taken in date order; two on one day: the later entered counts.
T2. While on it has exactly one not-done visit: target = the latest result's date + `every`;
    window and scheduled date by rules 3-5; status by rule 6 (the ordinary visit status).
T3. A result that meets `stop` cancels the open track visit ("stopped: IgG 6.1 g/L on
    2026-05-02"). Events cancel track visits as they cancel the treatment's other visits:
    a track whose latest visit an event cancelled makes no new one.
T4. A track visit recorded as done keeps its number (IGG1, IGG2, ... in the order made); the
    next one follows the latest result.

Decisions the rules leave open (documented in docs/protocol-format.md):
- a track visit closed without a newer result (done with no result of the analyte, marked
  missed, cancelled by hand) does not end the track: the next visit counts from the later of
  the latest result and the day it was closed (done date, missed date, or its scheduled date
  when cancelled by hand), so the track still has its one open visit;
- an open track visit a nurse moved by hand keeps the nurse's date;
- the track's visits are the visits of the treatment whose code is the track's code followed
  by a number, so no migration is needed: a protocol file may not give a visit such a code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cartclinic.analytes import analyte
from cartclinic.calendar import ClinicCalendar
from cartclinic.model import Visit
from cartclinic.protocol import TrackSpec
from cartclinic.schedule import PlannedVisit, scheduled_date, target_date

STOPPED = "stopped: "
TRACK_OFF = "track off: "


@dataclass(frozen=True)
class TrackResult:
    """One result of the track's analyte: the day it was taken, its value in the canonical
    unit, and the order it was entered in (a larger number was entered later)."""

    taken: date
    value: float
    order: int


@dataclass(frozen=True)
class TrackState:
    """Where a track stands after its results (rule T1)."""

    on: bool
    latest: TrackResult | None  # while on: the result the open visit follows
    stop: TrackResult | None  # while off after being on: the result that stopped it
    stops: frozenset[str]  # every "stopped: ..." reason the results give, in any past stop


@dataclass(frozen=True)
class TrackAction:
    """One change to a track's visits. `what` is one of:
    add (a new visit `planned`), move (visit `visit_id` to `planned`'s dates),
    reopen (a visit a stop cancelled, no longer stopped, to `planned`'s dates),
    cancel (visit `visit_id` with `reason`), drop (an untouched open visit no result asks for
    any more: removed, as if it had never been made)."""

    what: str
    visit_id: int | None = None
    planned: PlannedVisit | None = None
    reason: str = ""


def number_text(value: float) -> str:
    """6.1 -> "6.1", 200.0 -> "200", 3.5000001 -> "3.5": a value as a nurse writes it."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def stop_reason(track: TrackSpec, result: TrackResult) -> str:
    """T3's reason: "stopped: IgG 6.1 g/L on 2026-05-02"."""
    found = analyte(track.analyte)
    unit = f" {found.canonical}" if found else ""
    return f"{STOPPED}{track.analyte} {number_text(result.value)}{unit} on {result.taken.isoformat()}"


def off_reason(track: TrackSpec) -> str:
    return f"{TRACK_OFF}no {track.analyte} result meets its start ({track.start})"


def in_order(results: Iterable[TrackResult]) -> list[TrackResult]:
    """Results in date order, one per day: of two on one day the later entered counts (T1)."""
    by_day: dict[date, TrackResult] = {}
    for r in sorted(results, key=lambda r: (r.taken, r.order)):
        by_day[r.taken] = r
    return [by_day[d] for d in sorted(by_day)]


def track_state(track: TrackSpec, day0: date, results: Iterable[TrackResult]) -> TrackState:
    """Rule T1: on or off, and the result that decides it."""
    first = target_date(day0, track.after)
    on = False
    latest = stop = None
    stops: set[str] = set()
    for r in in_order(results):
        if r.taken < first:
            continue
        if not on:
            if track.start.met_by(r.value):
                on, latest, stop = True, r, None
        elif track.stop.met_by(r.value):
            on, latest, stop = False, None, r
            stops.add(stop_reason(track, r))
        else:
            latest = r
    return TrackState(on, latest, stop, frozenset(stops))


def track_visits(track: TrackSpec, protocol_id: str, visits: Iterable[Visit]) -> list[Visit]:
    """The visits of `track` among a treatment's visits, by number."""
    mine = [v for v in visits
            if v.protocol_id == protocol_id and track.number_of(v.code) is not None]
    return sorted(mine, key=lambda v: track.number_of(v.code) or 0)


def place_track_visit(track: TrackSpec, protocol_id: str, number: int, target: date,
                      calendar: ClinicCalendar) -> PlannedVisit:
    """A track visit on the calendar: window and scheduled date by rules 3-5."""
    start = target - timedelta(days=track.before)
    end = target + timedelta(days=track.window_after)
    scheduled, flags = scheduled_date(target, start, end, calendar, any_day=track.any_day)
    return PlannedVisit(
        protocol_id=protocol_id, code=track.visit_code(number), label=track.label,
        kind=track.kind, any_day=track.any_day, assessments=track.assessments,
        target=target, window_start=start, window_end=end, scheduled=scheduled, flags=flags,
        label_zh=track.label_zh, assessments_zh=track.assessments_zh,
    )


def _open(v: Visit) -> bool:
    return v.done_on is None and not v.cancelled_reason and v.missed_on is None


def _cancelled_by_track(v: Visit) -> bool:
    return v.done_on is None and v.cancelled_by_event is None and (
        v.cancelled_reason.startswith(STOPPED) or v.cancelled_reason.startswith(TRACK_OFF))


def _closed_on(v: Visit) -> date | None:
    """The day a visit closed without the track's say-so: done, missed, cancelled by hand."""
    if v.done_on is not None:
        return v.done_on
    if v.missed_on is not None:
        return v.missed_on
    if v.cancelled_reason and v.cancelled_by_event is None and not _cancelled_by_track(v):
        return v.scheduled
    return None


def plan_track(
    track: TrackSpec,
    protocol_id: str,
    day0: date,
    results: Iterable[TrackResult],
    visits: Sequence[Visit],
    calendar: ClinicCalendar,
    *,
    held: bool = False,
) -> list[TrackAction]:
    """What to do to the visits of `track` (rules T1-T4) so that they agree with `results`.

    `visits` are the track's visits as they stand (`track_visits`); `held` says an event
    ended the treatment's follow-up (death, withdrawal, lost to follow-up, a later infusion):
    nothing is then made or changed. Applying the actions and planning again gives none."""
    mine = track_visits(track, protocol_id, visits)
    if held or (mine and mine[-1].cancelled_by_event is not None):
        return []  # T3: an event cancelled the track's visit; the track waits on the event
    state = track_state(track, day0, results)
    open_visits = [v for v in mine if _open(v)]
    actions: list[TrackAction] = []
    if not state.on:
        reason = stop_reason(track, state.stop) if state.stop else off_reason(track)
        for v in open_visits:
            actions.append(TrackAction("cancel", v.id, reason=reason))
        return actions
    assert state.latest is not None
    anchor = max([state.latest.taken, *(d for v in mine if (d := _closed_on(v)) is not None)])
    target = target_date(anchor, track.every)
    # the open visit, or one a stop (or the start's absence) cancelled that no result still
    # says (a result entered in error), after the last visit closed otherwise: the lowest of
    # them is the track's one visit (reopened if need be), the others go (T2)
    since = max((i for i, v in enumerate(mine) if _closed_on(v) is not None), default=-1)
    candidates = [v for v in mine[since + 1:] if _open(v) or (
        _cancelled_by_track(v) and v.cancelled_reason not in state.stops)]
    if not candidates:
        last = mine[-1] if mine else None
        number = (track.number_of(last.code) or 0) + 1 if last is not None else 1
        return [TrackAction("add", planned=place_track_visit(track, protocol_id, number, target,
                                                              calendar))]
    keep, extra = candidates[0], candidates[1:]
    for v in extra:
        if _open(v):
            actions.append(TrackAction("drop", v.id))
    number = track.number_of(keep.code) or 1
    planned = place_track_visit(track, protocol_id, number, target, calendar)
    if not _open(keep):
        actions.append(TrackAction("reopen", keep.id, planned))
    elif keep.target != target and not keep.moved_reason:
        actions.append(TrackAction("move", keep.id, planned))
    return actions
