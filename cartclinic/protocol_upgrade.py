"""Moving existing treatments onto a newer version of their protocols, explicitly.

A treatment keeps the protocol version it started on (its visits were made from it, and its
snapshot is kept with it). When the clinic's library holds a newer version of a protocol, say
the 2026-12 defaults with the December 2026 review's corrections, `plan_upgrade` lists per
treatment what moving onto it would change, and changes nothing; `apply_upgrade` makes exactly
those changes in one transaction. Nothing is ever silent:

- a visit the new version adds is added, unless its window has already closed (history: it would
  only show as overdue) or it is a response visit after a recorded relapse or progression;
- a visit whose target, window, label, kind or assessments differ is moved or changed, if it is
  still open and was not moved by hand;
- a visit the new version no longer has is cancelled, if it is still open;
- a visit that is done, missed, cancelled, prior history, or was moved by hand, is never touched
  (it is listed as kept, with why, when the new version would have changed it);
- the new version's tracks (rules T1-T4) take effect at once, from the patient's results as they
  stand: the track visits they add, move, reopen or cancel are listed with the rest (marked
  "track") and made in the same transaction. A track visit of a track the new version keeps is
  the track's, never cancelled as "no longer in the version"; one of a track it drops is.

Patients who died, withdrew or are lost to follow-up, and treatments superseded by a re-infusion,
are skipped, with the reason. Each move is kept as a reschedule entry and each cancellation as a
cancellation entry of the corrections machinery, so `correct reschedule VISIT_ID` or `correct
cancellation VISIT_ID` takes one back; an added visit is taken back by cancelling it, and the
version kept with the treatment stays the new one (the whole upgrade is taken back by restoring
the backup taken before it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from cartclinic.corrections import logged_entry
from cartclinic.errors import InputRefused
from cartclinic.model import Event, Visit
from cartclinic.patient_state import ACTIVE
from cartclinic.schedule import PlannedVisit, plan_visits
from cartclinic.status import OPEN_STATUSES, VisitStatus
from cartclinic.tracks import TrackAction, plan_track, track_visits

if TYPE_CHECKING:
    from cartclinic.protocol import Protocol
    from cartclinic.roster import Roster

ADD, MOVE, CHANGE, CANCEL = "add", "move", "change", "cancel"


@dataclass(frozen=True)
class UpgradeChange:
    """One visit the upgrade adds, moves (other dates or window), changes (same dates, other
    label, kind or assessments) or cancels. `before` is the visit as it is (None for an added
    one); `after` the visit as the new version places it (None for a cancelled one)."""

    action: str
    code: str
    visit_id: int | None
    before: Visit | None
    after: PlannedVisit | None
    track: bool = False  # a track visit, placed by the track's rules from the results

    def to_json(self) -> dict[str, Any]:
        def dates(v: Visit | PlannedVisit | None) -> dict[str, Any] | None:
            if v is None:
                return None
            return {"label": v.label, "kind": v.kind, "target": v.target.isoformat(),
                    "window_start": v.window_start.isoformat(),
                    "window_end": v.window_end.isoformat(), "scheduled": v.scheduled.isoformat(),
                    "assessments": list(v.assessments)}
        return {"action": self.action, "code": self.code, "visit_id": self.visit_id,
                "track": self.track, "before": dates(self.before), "after": dates(self.after)}


@dataclass(frozen=True)
class TreatmentUpgrade:
    """What moving one treatment's protocol onto `to_version` changes, or why it is skipped."""

    patient_id: int
    mrn: str
    name: str
    treatment_id: int
    day0: date
    protocol_id: str
    from_version: str
    to_version: str
    changes: tuple[UpgradeChange, ...] = ()
    kept: tuple[tuple[str, str], ...] = ()  # (code, why it is not touched)
    skipped: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"mrn": self.mrn, "name": self.name, "treatment": self.day0.isoformat(),
                "treatment_id": self.treatment_id, "protocol": self.protocol_id,
                "from_version": self.from_version, "to_version": self.to_version,
                "skipped": self.skipped, "changes": [c.to_json() for c in self.changes],
                "kept": [{"code": c, "why": w} for c, w in self.kept]}


@dataclass
class UpgradePlan:
    today: date
    treatments: list[TreatmentUpgrade] = field(default_factory=list)

    @property
    def to_apply(self) -> list[TreatmentUpgrade]:
        return [t for t in self.treatments if not t.skipped]

    def counts(self) -> dict[str, int]:
        out = {ADD: 0, MOVE: 0, CHANGE: 0, CANCEL: 0}
        for t in self.to_apply:
            for c in t.changes:
                out[c.action] += 1
        return out


def _reason(protocol: Protocol) -> str:
    return f"protocol upgrade to {protocol.id} version {protocol.version}"


def plan_upgrade(roster: Roster, today: date, to_version: str | None = None,
                 protocol_ids: Iterable[str] | None = None) -> UpgradePlan:
    """Every treatment whose kept version of a protocol differs from the library's (only those
    whose library version is `to_version`, when given), with what the upgrade would change."""
    store, library = roster.store, roster.library
    wanted = set(protocol_ids) if protocol_ids is not None else None
    targets = {p.id: p for p in library.all()
               if (to_version is None or p.version == to_version)
               and (wanted is None or p.id in wanted)}
    if to_version is not None and not targets:
        held = sorted({p.version for p in library.all()})
        raise InputRefused(f"--to: no protocol of the library has version '{to_version}' "
                           f"(versions held: {', '.join(held)})")
    if wanted is not None:
        unknown = sorted(wanted - {p.id for p in library.all()})
        if unknown:
            raise InputRefused(f"protocol: unknown protocol id {', '.join(unknown)}")
    calendar = roster.calendar()
    states = roster._patient_states()
    ended_since = {pid: s for pid, s in states.items() if s.kind != ACTIVE}
    events: dict[int, list[Event]] = {}
    for e in store.events():
        events.setdefault(e.patient_id, []).append(e)
    patients = {p.id: p for p in store.patients()}
    treatments = store.treatments()
    later: dict[int, date] = {}  # treatment id -> the day 0 of the re-infusion after it
    by_patient: dict[int, list[date]] = {}
    for t in treatments:
        by_patient.setdefault(t.patient_id, []).append(t.infusion_date)
    for t in treatments:
        after = [d for d in by_patient[t.patient_id] if d > t.infusion_date]
        if after:
            later[t.id or 0] = min(after)
    plan = UpgradePlan(today)
    for t in treatments:
        assert t.id is not None
        for pid in t.protocols:
            new = targets.get(pid)
            if new is None:
                continue
            version, _body = store.protocol_version(t.id, pid)
            if version == new.version:
                continue
            patient = patients[t.patient_id]
            base = dict(patient_id=t.patient_id, mrn=patient.mrn, name=patient.name,
                        treatment_id=t.id, day0=t.infusion_date, protocol_id=pid,
                        from_version=version, to_version=new.version)
            state = ended_since.get(t.patient_id)
            if state is not None:
                plan.treatments.append(TreatmentUpgrade(
                    **base, skipped=f"{state.kind} since {state.since}: follow-up ended"))
                continue
            if t.id in later:
                plan.treatments.append(TreatmentUpgrade(
                    **base, skipped=f"superseded by the re-infusion on {later[t.id]}"))
                continue
            visits = store.visits(treatment_id=t.id)
            changes, kept = _diff(visits, new, t.id,
                                  t.infusion_date, calendar, today,
                                  _disease_since(events.get(t.patient_id, []), t.id))
            changes += [_as_change(action, visits)
                        for action in _track_actions(store, t.patient_id, t.infusion_date, new,
                                                     visits, calendar)]
            # in date order with the rest: a recheck due this month is read first, not after
            # the contacts of 2050 (a stable sort keeps _diff's order on one day)
            changes.sort(key=lambda c: (c.after or c.before).target)  # type: ignore[union-attr]
            plan.treatments.append(TreatmentUpgrade(**base, changes=tuple(changes),
                                                    kept=tuple(kept)))
    return plan


def _track_actions(store: Any, patient_id: int, day0: date, new: Protocol,
                   visits: list[Visit], calendar: Any) -> list[TrackAction]:
    """What the new version's tracks do to the treatment's track visits, from the patient's
    results as they stand (the same rules, T1-T4, as every later sync)."""
    if not new.tracks:
        return []
    from cartclinic.track_sync import track_results

    results = track_results(store, patient_id)
    return [action for track in new.tracks
            for action in plan_track(track, new.id, day0, results.get(track.analyte, ()),
                                     track_visits(track, new.id, visits), calendar)]


def _as_change(action: TrackAction, visits: list[Visit]) -> UpgradeChange:
    before = next((v for v in visits if v.id == action.visit_id), None)
    if action.what == "add":
        assert action.planned is not None
        return UpgradeChange(ADD, action.planned.code, None, None, action.planned, track=True)
    assert before is not None
    if action.what in ("move", "reopen"):
        return UpgradeChange(MOVE, before.code, before.id, before, action.planned, track=True)
    return UpgradeChange(CANCEL, before.code, before.id, before, None, track=True)


def _disease_since(events: list[Event], treatment_id: int) -> date | None:
    """The first relapse or progression recorded for this treatment (or for the patient)."""
    days = [e.event_date for e in events if e.kind in ("relapse", "progression")
            and e.treatment_id in (None, treatment_id)]
    return min(days) if days else None


def _why_kept(v: Visit, today: date) -> str | None:
    status = v.status(today)
    if status not in OPEN_STATUSES:
        return {VisitStatus.PRIOR: "history (before the patient was entered)"}.get(
            status, str(status))
    if v.moved_reason:
        return f"moved by hand ({v.moved_reason})"
    return None


def _diff(visits: list[Visit], new: Protocol, treatment_id: int, day0: date, calendar: Any,
          today: date, disease_since: date | None
          ) -> tuple[list[UpgradeChange], list[tuple[str, str]]]:
    # a track visit of a track the new version keeps is the track's (see _track_actions)
    existing = {v.code: v for v in visits if v.protocol_id == new.id
                and not any(track.number_of(v.code) is not None for track in new.tracks)}
    planned = {p.code: p for p in plan_visits(new, day0, calendar)}
    changes: list[UpgradeChange] = []
    kept: list[tuple[str, str]] = []
    for code, p in planned.items():
        v = existing.get(code)
        if v is None:
            if p.window_end < today:
                kept.append((code, f"not added: its window closed on {p.window_end}"))
            elif p.kind == "response" and disease_since is not None and p.window_end >= disease_since:
                kept.append((code, f"not added: a response visit after the relapse or "
                                   f"progression of {disease_since}"))
            else:
                changes.append(UpgradeChange(ADD, code, None, None, p))
            continue
        same_dates = (v.target, v.window_start, v.window_end) == (
            p.target, p.window_start, p.window_end)
        same_rest = (v.label, v.kind, v.any_day, tuple(v.assessments)) == (
            p.label, p.kind, p.any_day, tuple(p.assessments))
        if same_dates and same_rest:
            continue
        why = _why_kept(v, today)
        if why is not None:
            kept.append((code, why))
            continue
        changes.append(UpgradeChange(CHANGE if same_dates else MOVE, code, v.id, v, p))
    for code, v in existing.items():
        if code in planned:
            continue
        why = _why_kept(v, today)
        if why is not None:
            kept.append((code, f"no longer in version {new.version}; kept: {why}"))
        else:
            changes.append(UpgradeChange(CANCEL, code, v.id, v, None))
    order = {c: i for i, c in enumerate(planned)}
    changes.sort(key=lambda c: ((c.after or c.before).target, order.get(c.code, 0)))  # type: ignore[union-attr]
    return changes, kept


def apply_upgrade(roster: Roster, who: str, today: date, to_version: str | None = None,
                  protocol_ids: Iterable[str] | None = None, *,
                  expected: UpgradePlan | None = None) -> UpgradePlan:
    """Make exactly the changes `plan_upgrade` lists, in one transaction (planned inside it, so
    nothing can change between the list and the changes), audited; return what was done. Given
    `expected` (the list a person read), a roster changed meanwhile is refused, not acted on."""
    from cartclinic.track_sync import apply_track_actions

    store, library = roster.store, roster.library
    with store.write(who):
        plan = plan_upgrade(roster, today, to_version, protocol_ids)
        if expected is not None and plan_json(plan) != plan_json(expected):
            raise InputRefused("protocol upgrade: the roster changed since the list was made; "
                               "nothing was changed. Look at the new list first.")
        for t in plan.to_apply:
            protocol = library.get(t.protocol_id)
            reason = _reason(protocol)
            store.set_protocol_version(t.treatment_id, protocol.id, protocol.version,
                                       protocol.to_json())
            added = [c.after for c in t.changes
                     if c.action == ADD and c.after is not None and not c.track]
            store.add_visits(t.treatment_id, added)
            for c in t.changes:
                if c.track:
                    continue  # made below by the tracks' own rules, as listed
                if c.action in (MOVE, CHANGE):
                    assert c.visit_id is not None and c.after is not None
                    p = c.after
                    with logged_entry(store, "reschedule", t.patient_id, today,
                                      entry_id=c.visit_id, reason=reason):
                        store.update_visit(
                            c.visit_id, label=p.label, kind=p.kind, any_day=int(p.any_day),
                            assessments=p.assessments, target=p.target,
                            window_start=p.window_start, window_end=p.window_end,
                            scheduled=p.scheduled, flags=p.flags,
                            # the Chinese of the version it now follows
                            label_zh=p.label_zh, assessments_zh=p.assessments_zh)
                elif c.action == CANCEL:
                    assert c.visit_id is not None
                    with logged_entry(store, "cancellation", t.patient_id, today,
                                      entry_id=c.visit_id, reason=reason):
                        store.update_visit(c.visit_id, cancelled_reason=reason)
            if any(c.track for c in t.changes):
                # the tracks' visits as every later sync would make them (the template
                # changes above never touch them), so the list read is what is done
                treatment = store.treatment(t.treatment_id)
                apply_track_actions(store, treatment, _track_actions(
                    store, t.patient_id, t.day0, protocol,
                    store.visits(treatment_id=t.treatment_id), roster.calendar()), t.patient_id)
        store.note("protocol upgrade", {
            "to_version": to_version or "", "today": today.isoformat(),
            "treatments": len(plan.to_apply), **plan.counts(),
            "skipped": sum(1 for t in plan.treatments if t.skipped),
        })
    return plan


def plan_json(plan: UpgradePlan) -> str:
    return json.dumps({"today": plan.today.isoformat(), "counts": plan.counts(),
                       "treatments": [t.to_json() for t in plan.treatments]},
                      ensure_ascii=False, indent=1)


def plan_lines(plan: UpgradePlan, *, applied: bool) -> list[str]:
    """The plan as lines of text, per treatment (the command line's and the dialog's list)."""
    out: list[str] = []
    if not plan.treatments:
        out.append("Every treatment already follows the library's version of its protocols; "
                   "nothing to upgrade.")
        return out
    for t in plan.treatments:
        head = (f"{t.mrn} {t.name}, treatment of {t.day0}, {t.protocol_id} "
                f"{t.from_version} -> {t.to_version}")
        if t.skipped:
            out.append(f"{head}: skipped ({t.skipped})")
            continue
        out.append(f"{head}: {len(t.changes)} change{'s' if len(t.changes) != 1 else ''}")
        for c in t.changes:
            before, after = c.before, c.after
            if c.action == ADD and after is not None:
                what = (f"scheduled {after.scheduled}, window {after.window_start} to "
                        f"{after.window_end}: {after.label}")
            elif c.action == CANCEL and before is not None:
                what = f"was scheduled {before.scheduled}: {before.label}"
            elif before is not None and after is not None and c.action == MOVE:
                what = (f"{before.scheduled} (window {before.window_start} to "
                        f"{before.window_end}) -> {after.scheduled} (window "
                        f"{after.window_start} to {after.window_end})")
            elif before is not None and after is not None:
                gained = [a for a in after.assessments if a not in before.assessments]
                lost = [a for a in before.assessments if a not in after.assessments]
                what = "; ".join(filter(None, [
                    f"label '{after.label}'" if after.label != before.label else "",
                    f"kind {after.kind}" if after.kind != before.kind else "",
                    f"adds {', '.join(gained)}" if gained else "",
                    f"drops {', '.join(lost)}" if lost else "",
                ])) or "assessment order"
            else:
                what = ""
            mark = " (track, from the results)" if c.track else ""
            out.append(f"  {c.action:<7}{c.code:<8}{what}{mark}")
        for code, why in t.kept:
            out.append(f"  keep   {code:<8}{why}")
    counts = plan.counts()
    done = "Done" if applied else "Would do"
    out.append(f"{done}: {len(plan.to_apply)} treatment(s); {counts[ADD]} visit(s) added, "
               f"{counts[MOVE]} moved, {counts[CHANGE]} changed, {counts[CANCEL]} cancelled; "
               f"{sum(1 for t in plan.treatments if t.skipped)} skipped.")
    if not applied:
        out.append("Nothing was changed. Add --yes to apply it (a backup is written first).")
    return out
