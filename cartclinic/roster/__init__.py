"""The clinic's roster: the one interface the command line and the application use.

It checks input, applies the scheduling rules and the event rules, and asks the store to keep
the result, each change in one audited transaction. It holds no SQL and reads no clock: `today`
is always passed in.

`Roster` is made of one class per job, each in its own module, over one store:

- `settings.py`  (SettingsJobs): the clinic's settings and calendar;
- `patients.py`  (PatientJobs): patients and treatments, checked and kept; a patient's state;
- `worklist.py`  (WorklistJobs): the worklist and the roster's lines, in triage order;
- `visits.py`    (VisitJobs): recording, missing, cancelling, rescheduling; results;
  entered in error; calls;
- `events.py`    (EventJobs): events and what they cancel; tracks; re-infusion;
- `shared.py`: the objects they hand out and the rules more than one job applies;
- `roster.py`: `Roster` itself (opening, the protocol library, products, tasks, flags).

Mixins, not a facade of per-job objects: a job's method calls another job's (recording a visit
syncs the tracks, an event reads the patient's state) through `self`, as it did when they were one
class, and every caller keeps `roster.record_visit(...)`. Each job module imports only the core and
`shared.py`, never another job's module (tests/test_roster_layout.py).
"""

from cartclinic.roster.roster import Roster
from cartclinic.roster.shared import (
    _ACTIVE,
    EARLY_SAFETY_DAYS,
    EVENT_LABELS,
    SETTINGS_MOVED_NOTE,
    EventPreview,
    NewTreatment,
    PatientSummary,
    RecordResult,
    WorklistEntry,
    WorklistLine,
    _reinfusion_reason,
    _summary,
    on_worklist,
    superseded_by_reinfusion,
    triage_key,
)

__all__ = [
    "EARLY_SAFETY_DAYS", "EVENT_LABELS", "SETTINGS_MOVED_NOTE", "EventPreview", "NewTreatment",
    "PatientSummary", "RecordResult", "Roster", "WorklistEntry", "WorklistLine", "_ACTIVE",
    "_reinfusion_reason", "_summary", "on_worklist", "superseded_by_reinfusion", "triage_key",
]
