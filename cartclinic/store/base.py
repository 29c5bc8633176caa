"""What the rest of the core asks of a roster store. All SQL lives behind this interface, so a
clinic with several workstations can later get a PostgreSQL store as a second package."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cartclinic.changes import Changes
from cartclinic.model import (
    CallAttempt,
    ClinicSettings,
    Correction,
    Event,
    Patient,
    PatientResult,
    Task,
    Treatment,
    User,
    Visit,
    VisitBrief,
    VisitChange,
    VisitRecord,
)
from cartclinic.schedule import PlannedVisit
from cartclinic.store.anchors import Anchor
from cartclinic.store.maintenance import Maintenance, WaitingHook

#: the longest a write waits for another program's write to end before it gives up with
#: StoreBusy: an import of thousands of patients takes a minute or two on a ward PC
LONGEST_WAIT = 300.0


class RosterStore(ABC):
    path: Path
    #: writes committed since the last backup (the automatic backup's "every N changes")
    changes_since_backup: int = 0
    #: told, with the seconds waited so far, each second a write waits for another
    #: program's write to end, from the first second on (the application says so in its
    #: status bar, the command line once on stderr)
    on_wait: WaitingHook | None = None
    #: how long a write waits its turn before it gives up with StoreBusy
    longest_wait: float = LONGEST_WAIT

    @property
    def location(self) -> str | Path:
        """What `open_store` was given for this roster, to open it again (a file's path, or a
        server's address with whatever it needs to sign in: not for display, see
        `Maintenance.location`)."""
        return self.path

    # -- transactions ---------------------------------------------------------------------
    @abstractmethod
    def write(self, who: str) -> AbstractContextManager[None]:
        """One all-or-nothing write transaction; every change in it is audited as `who`."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def take_changes(self) -> Changes:
        """What the writes committed since the last call changed (`cartclinic.changes`), and
        start counting anew: the application tells its screens, each reads again what it
        shows of that."""

    @abstractmethod
    def maintenance(self) -> Maintenance:
        """This roster's upkeep: check, backups, restore, who has it open."""

    @abstractmethod
    def changed_outside(self) -> str | None:
        """'replaced' when the file at `path` is no longer the one this store has open (a
        restore put another in its place), 'written' when another connection (a command line,
        a restore through SQLite) committed a change since this store last looked; else None.
        Each change is said once: the next call answers None until there is another."""

    @abstractmethod
    def start_check(self) -> None:
        """Begin an integrity check deferred at opening (see the backend's `open`)."""

    @abstractmethod
    def wait_for_check(self) -> str | None:
        """'ok' once the roster has passed its integrity check (waiting for one still running),
        why nothing may be written to it, or None if it was closed before the check ended."""

    # -- patients and treatments ----------------------------------------------------------
    @abstractmethod
    def add_patient(self, patient: Patient) -> int: ...
    @abstractmethod
    def update_patient(self, patient: Patient) -> None: ...
    @abstractmethod
    def patient(self, patient_id: int) -> Patient: ...
    @abstractmethod
    def patient_by_mrn(self, mrn: str) -> Patient | None: ...
    @abstractmethod
    def patients(self) -> list[Patient]: ...
    @abstractmethod
    def has_patients(self) -> bool: ...
    @abstractmethod
    def patients_by_id(self, ids: Iterable[int]) -> dict[int, Patient]: ...

    @abstractmethod
    def add_treatment(self, treatment: Treatment, protocol_versions: dict[str, tuple[str, str]]) -> int:
        """`protocol_versions` maps protocol id -> (version, JSON snapshot of the protocol)."""

    @abstractmethod
    def treatments(self, patient_id: int | None = None) -> list[Treatment]: ...
    @abstractmethod
    def treatment(self, treatment_id: int) -> Treatment: ...
    @abstractmethod
    def treatments_by_id(self, ids: Iterable[int]) -> dict[int, Treatment]: ...
    @abstractmethod
    def protocol_version(self, treatment_id: int, protocol_id: str) -> tuple[str, str]: ...
    @abstractmethod
    def set_protocol_version(self, treatment_id: int, protocol_id: str, version: str,
                             body: str) -> None:
        """Move the treatment onto another version of the protocol (`protocols upgrade`),
        keeping its snapshot; the same id and version must always mean the same body."""

    # -- visits ---------------------------------------------------------------------------
    @abstractmethod
    def add_visits(self, treatment_id: int, planned: Sequence[PlannedVisit]) -> None: ...
    @abstractmethod
    def visit(self, visit_id: int) -> Visit: ...
    @abstractmethod
    def visits(
        self, *, patient_id: int | None = None, treatment_id: int | None = None
    ) -> list[Visit]: ...
    @abstractmethod
    def open_visits(
        self, *, window_end_before: date | None = None, scheduled_from: date | None = None,
        scheduled_to: date | None = None,
    ) -> list[Visit]:
        """Visits not done, not cancelled, not missed whose window ended before
        `window_end_before` or whose scheduled date is in [from, to] (no `from`: on or before
        `to`)."""

    @abstractmethod
    def open_visit_briefs(
        self, *, window_end_before: date | None = None, scheduled_from: date | None = None,
        scheduled_to: date | None = None,
    ) -> list[VisitBrief]:
        """The visits of `open_visits`, each as a list shows it with its patient's name, MRN
        and phone, in one query, in no set order."""

    @abstractmethod
    def open_visit_lines(
        self, *, window_end_before: date | None = None, scheduled_from: date | None = None,
        scheduled_to: date | None = None,
    ) -> list[tuple[Visit, Patient, Treatment]]:
        """`open_visits` with each visit's patient and treatment, in one round trip."""

    @abstractmethod
    def next_open_visits(self, today: date) -> list[Visit]:
        """Per patient, the earliest-scheduled open visit whose window has not passed."""

    @abstractmethod
    def update_visit(self, visit_id: int, **changes: Any) -> None: ...

    # -- records, events, calls -----------------------------------------------------------
    @abstractmethod
    def add_record(self, record: VisitRecord) -> int: ...
    @abstractmethod
    def records(self, patient_id: int) -> list[VisitRecord]: ...
    @abstractmethod
    def add_results(self, results: Sequence[PatientResult]) -> list[int]: ...
    @abstractmethod
    def results(self, patient_id: int) -> list[PatientResult]: ...
    @abstractmethod
    def add_event(self, event: Event) -> int: ...
    @abstractmethod
    def update_event(self, event_id: int, **changes: Any) -> None: ...
    @abstractmethod
    def event(self, event_id: int) -> Event: ...
    @abstractmethod
    def events(self, patient_id: int | None = None, *, with_corrected: bool = False) -> list[Event]:
        """The patient's (or every) event in date order; those entered in error only when asked."""
    # tasks an event raises (a new malignancy: report to the manufacturer), added in 0010
    @abstractmethod
    def add_task(self, task: Task) -> int: ...
    @abstractmethod
    def update_task(self, task_id: int, **changes: Any) -> None: ...
    @abstractmethod
    def tasks(self, patient_id: int) -> list[Task]:
        """The patient's tasks, oldest first, done ones included."""
    @abstractmethod
    def add_call(self, call: CallAttempt) -> int: ...
    @abstractmethod
    def calls(self, patient_id: int | None = None, *, with_corrected: bool = False) -> list[CallAttempt]:
        """Calls in date order; those entered in error only when asked."""

    # -- entered in error (rule 11; the SQLite backend's are in corrections_sql.py) --------
    @abstractmethod
    def capture_visit_changes(self) -> AbstractContextManager[dict[int, tuple[dict, dict]]]:
        """While the block runs, each changed visit's stored fields before and after."""

    @abstractmethod
    def add_visit_change(self, change: VisitChange) -> int: ...
    @abstractmethod
    def visit_changes(self, patient_id: int) -> list[VisitChange]: ...
    @abstractmethod
    def visit_row(self, visit_id: int) -> dict[str, Any]: ...
    @abstractmethod
    def set_visit_fields(self, visit_id: int, fields: dict[str, Any]) -> None: ...
    @abstractmethod
    def add_correction(self, correction: Correction) -> int: ...
    @abstractmethod
    def corrections(self, patient_id: int) -> list[Correction]: ...
    @abstractmethod
    def correction_of(self, kind: str, entry_id: int) -> Correction | None: ...
    @abstractmethod
    def mark_corrected(self, table: str, row_id: int, correction_id: int) -> None: ...
    @abstractmethod
    def record(self, record_id: int) -> VisitRecord: ...
    @abstractmethod
    def record_id_of_visit(self, visit_id: int) -> int | None: ...
    @abstractmethod
    def lab_result_row(self, result_id: int) -> dict[str, Any]: ...
    @abstractmethod
    def call(self, call_id: int) -> CallAttempt: ...
    @abstractmethod
    def calls_of_visits(self, visit_ids: list[int], *, with_corrected: bool = False) -> list[int]: ...
    @abstractmethod
    def delete_record(self, record_id: int) -> dict[str, Any]: ...
    @abstractmethod
    def delete_treatment(self, treatment_id: int) -> dict[str, Any]: ...

    @abstractmethod
    def delete_visit(self, visit_id: int) -> None: ...

    # -- users ----------------------------------------------------------------------------
    @abstractmethod
    def add_user(self, user: User) -> int: ...
    @abstractmethod
    def update_user(self, user_id: int, **changes: Any) -> None: ...
    @abstractmethod
    def user_by_name(self, name: str) -> User | None: ...
    @abstractmethod
    def users(self) -> list[User]: ...

    # -- settings, audit, safety ----------------------------------------------------------
    @abstractmethod
    def settings(self) -> ClinicSettings: ...
    @abstractmethod
    def save_settings(self, settings: ClinicSettings) -> None: ...
    @abstractmethod
    def note(self, what: str, detail: dict[str, Any]) -> None:
        """An audit row for an action that changes no clinical row (a print, a backup)."""

    @abstractmethod
    def audit_rows(self) -> Iterator[dict[str, Any]]: ...
    @abstractmethod
    def newest_entry_time(self) -> datetime | None:
        """The latest time (UTC) among the audit trail's newest entries, None when it is empty."""

    @abstractmethod
    def verify_audit(self, hand_anchors: Sequence[Anchor] = ()) -> list[str]:
        """Problems found: an audit row whose hash breaks the chain, an anchor kept outside the
        file (or given by hand) that the chain no longer holds, a seal deleted, or a clinical row
        that differs from its last audited value (edited behind the program's back)."""

    @abstractmethod
    def audit_head(self) -> tuple[int, str] | None:
        """The last audit row's (id, hash): the chain's head, an anchor to write down."""

    # -- a whole roster copied (`cartclinic.store.move`) --------------------------------------
    @abstractmethod
    def snapshot(self) -> AbstractContextManager[None]:
        """Every read inside it sees the roster as of one moment, while others may write."""

    @abstractmethod
    def table_rows(self, table: str, order: str, batch: int) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
        """A table's rows as they are stored (column names, then `batch` rows at a time)."""

    @abstractmethod
    def load_rows(self, table: str, names: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Rows of a roster being copied, stored as they are (ids, hashes and all) inside a
        write on an empty roster; references are checked when the write commits."""

    @abstractmethod
    def loaded(self, table: str) -> None:
        """Every row of `table` is loaded: new rows are numbered after the copied ones."""

    # backups and restores: see `maintenance()`
