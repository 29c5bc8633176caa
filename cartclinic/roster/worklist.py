"""The roster's worklist (a part of `Roster`, cartclinic/roster/__init__.py)."""

from __future__ import annotations

from datetime import date
from operator import itemgetter

from cartclinic.errors import InputRefused
from cartclinic.model import Visit
from cartclinic.reasons import Reason
from cartclinic.roster.shared import (
    _ACTIVE,
    PatientSummary,
    WorklistEntry,
    WorklistLine,
    _summary,
    on_worklist,
    triage_key,
)
from cartclinic.status import days_late
from cartclinic.store import RosterStore


class WorklistJobs:
    """The worklist and the roster's lines: who is due, overdue or coming, in triage order, and each patient's summary."""

    store: RosterStore

    # -- the worklist ---------------------------------------------------------------------
    def worklist(self, today: date, start: date, end: date) -> list[WorklistEntry]:
        """Every visit overdue as of `today`, every due visit scheduled on or before `end`
        (late ones whose window is still open included), every upcoming visit scheduled in
        [start, end]; in the triage order of rule 15 (`triage_key`). Each with its full
        visit, patient and treatment (documents, the phone list, `due --json`)."""
        if end < start:
            raise InputRefused(Reason("range.backwards", "to", {"start": start, "end": end}))
        keyed = []
        for visit, patient, treatment in self.store.open_visit_lines(
            window_end_before=today, scheduled_from=None, scheduled_to=end
        ):
            status = visit.status(today)
            if on_worklist(status, visit.scheduled, start, end):
                # the sort key made here, while the parts are at hand (a lambda reading them
                # back through the entry costs as much)
                late = days_late(status, visit.scheduled, today)
                key = triage_key(status, visit.kind, treatment.infusion_date, late,
                                 visit.scheduled, patient.name, visit.id)
                keyed.append((key, WorklistEntry(visit, patient, treatment, status, late)))
        keyed.sort(key=itemgetter(0))
        return [entry for _, entry in keyed]

    def worklist_lines(self, today: date, start: date, end: date) -> list[WorklistLine]:
        """The same visits in the same order as `worklist`, each as the worklist screen shows
        it (`VisitBrief`): read in one query, half the cost of the full entries."""
        if end < start:
            raise InputRefused(Reason("range.backwards", "to", {"start": start, "end": end}))
        keyed = []
        new = tuple.__new__
        for brief in self.store.open_visit_briefs(
            window_end_before=today, scheduled_from=None, scheduled_to=end
        ):
            status = brief.status(today)
            if on_worklist(status, brief.scheduled, start, end):
                late = days_late(status, brief.scheduled, today)
                key = triage_key(status, brief.kind, brief.day0, late, brief.scheduled,
                                 brief.patient_name, brief.id)
                keyed.append((key, new(WorklistLine, (brief, status, late))))
        keyed.sort(key=itemgetter(0))
        return [line for _, line in keyed]

    def summaries(self, today: date) -> list[PatientSummary]:
        """Every patient with their next checkup and what is overdue (for the roster list).

        Reads only open visits: the next one of each patient and the overdue ones, not the
        whole fifteen-year history of everyone. The status function still decides each."""
        by_patient: dict[int, list[Visit]] = {}
        for visit in self.store.next_open_visits(today):
            by_patient.setdefault(visit.patient_id, []).append(visit)
        for visit in self.store.open_visits(window_end_before=today):
            by_patient.setdefault(visit.patient_id, []).append(visit)
        states = self._patient_states()
        return [
            _summary(p, by_patient.get(p.id or 0, []), today, states.get(p.id or 0, _ACTIVE))
            for p in self.store.patients()
        ]

    def summary(self, patient_id: int, today: date) -> PatientSummary:
        """One patient, with the whole state: a relapse or progression not yet answered by a
        recorded response included (the roster list leaves that to the patient's page)."""
        return _summary(
            self.store.patient(patient_id), self.store.visits(patient_id=patient_id), today,
            self.patient_state(patient_id),
        )

