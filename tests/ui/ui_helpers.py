"""Shared by the UI tests: the frozen today, who is working, a quick way to add a patient."""

from datetime import date, timedelta

from cartclinic.model import Patient
from cartclinic.roster import NewTreatment

TODAY = date(2026, 3, 2)  # a Monday
WHO = "Nurse Test"


def add_patient(roster, mrn="M001", name="Margaret Smith", days_ago=10, protocol="b-all-cd19",
                phone="+44 7700 900123"):
    return roster.register(
        Patient(mrn=mrn, name=name, date_of_birth=date(1970, 5, 1), phone=phone,
                diagnosis="Relapsed B-ALL"),
        [NewTreatment(product="tisagenlecleucel (Kymriah)", target="CD19",
                      infusion_date=TODAY - timedelta(days=days_ago), protocols=(protocol,),
                      tracked_from=TODAY - timedelta(days=days_ago))],
        WHO, TODAY,
    )
