"""`Roster`: the one interface the command line and the application use, made of its jobs (see cartclinic/roster/__init__.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cartclinic.analytes import AnalyteTable
from cartclinic.errors import InputRefused
from cartclinic.local_files import clinic_protocol_dir
from cartclinic.model import LabResult, Task, VisitRecord
from cartclinic.products import ProductTable, clinic_products_file, load_products
from cartclinic.protocol import ProtocolLibrary, default_protocol_dir
from cartclinic.roster.events import EventJobs
from cartclinic.roster.patients import PatientJobs
from cartclinic.roster.settings import SettingsJobs
from cartclinic.roster.visits import VisitJobs
from cartclinic.roster.worklist import WorklistJobs
from cartclinic.store import RosterStore, open_store

if TYPE_CHECKING:
    from cartclinic.flags import ClinicalFlag


class Roster(SettingsJobs, PatientJobs, WorklistJobs, VisitJobs, EventJobs):
    """The roster: opened on a store; each job's methods come from its module."""

    def __init__(self, store: RosterStore, library: ProtocolLibrary | None = None) -> None:
        self.store = store
        self._library = library
        self._products: ProductTable | None = None
        self._analytes: AnalyteTable | None = None

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, check_later: bool = False,
             before_upgrade: Callable[[list[str]], object] | None = None) -> Roster:
        """See `SqliteStore.open`: with `check_later` the integrity check runs on a thread
        while the roster is read, and writes wait for it; `before_upgrade` is told before a
        roster of an older version is upgraded."""
        return cls(open_store(path, create=create, check_later=check_later,
                              before_upgrade=before_upgrade))

    @property
    def library(self) -> ProtocolLibrary:
        """The protocols this roster can use: the shipped ones and the clinic's own folder
        beside the roster, read when first needed. The worklist and the roster list need none
        of them, and reading and checking every file cost 7.5 ms of each start."""
        if self._library is None:
            self._library = ProtocolLibrary([default_protocol_dir(),
                                             clinic_protocol_dir(self.store.path)])
        return self._library

    @property
    def products(self) -> ProductTable:
        """The product table: the shipped rows with the clinic's `products.toml` beside the
        roster over them, read when first needed. A clinic file that breaks the format is
        refused (InputRefused naming file, product and field)."""
        if self._products is None:
            self._products = load_products(clinic_products_file(self.store.path))
        return self._products

    def open_tasks(self, patient_id: int) -> list[Task]:
        """Tasks not yet done whose event stands (an event entered in error takes its task)."""
        standing = {e.id for e in self.store.events(patient_id)}
        return [t for t in self.store.tasks(patient_id)
                if t.done_on is None and t.event_id in standing]

    def mark_task_done(self, task_id: int, who: str, today: date) -> None:
        with self.store.write(who):
            self.store.update_task(task_id, done_on=today, done_by=who.strip())

    def clinical_flags(self, patient_id: int, today: date) -> list[ClinicalFlag]:
        """The patient's flags (flags.py) with everything they read: treatments, results,
        events, diagnosis and notes, the product table, the clinic's jurisdiction, open tasks."""
        # read when a patient is shown, not at each start (dateutil is not needed for the worklist)
        from cartclinic import flags

        patient = self.store.patient(patient_id)
        refused: list[ClinicalFlag] = []
        try:
            products = self.products
        except InputRefused as exc:  # the clinic's file is broken: say so on every patient
            products = load_products()
            refused = [flags.ClinicalFlag("product_table", "The clinic's product table is refused, the "
                                    "shipped one is used: " + "; ".join(exc.reasons), True)]
        # results imported from the lab (no visit record) are read as records of their day, so
        # every flag sees them beside the ones typed at a visit
        imported = [VisitRecord(visit_id=0, done_on=r.taken_on, who="lab import",
                                labs=(LabResult(r.name, r.value, r.unit, id=r.id),), id=0)
                    for r in self.store.results(patient_id) if r.record_id is None]
        records = sorted([*self.store.records(patient_id), *imported],
                         key=lambda r: (r.done_on, r.id or 0))
        return refused + flags.clinical_flags(
            self.store.treatments(patient_id), records, self.settings(),
            today, events=self.store.events(patient_id), diagnosis=patient.diagnosis,
            notes=patient.notes, products=products, tasks=self.open_tasks(patient_id))

    def close(self) -> None:
        self.store.close()

