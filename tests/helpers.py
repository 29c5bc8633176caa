"""Small builders the core tests share."""

from __future__ import annotations

from datetime import date

from cartclinic.model import Patient
from cartclinic.roster import NewTreatment, Roster

WHO = "nurse Test"


def add_patient(
    roster: Roster,
    today: date,
    *,
    mrn: str = "A100",
    name: str = "Margaret Smith",
    infusion: date = date(2026, 10, 1),
    protocols: tuple[str, ...] = ("b-all-cd19",),
    tracked_from: date | None = None,
    born: date | None = date(1950, 5, 4),
) -> Patient:
    return roster.register(
        Patient(mrn=mrn, name=name, date_of_birth=born, sex="F", phone="+44 7700 900123",
                diagnosis="Relapsed B-ALL"),
        [NewTreatment(product="tisagenlecleucel", target="CD19", infusion_date=infusion,
                      protocols=protocols, tracked_from=tracked_from or infusion)],
        WHO, today,
    )
