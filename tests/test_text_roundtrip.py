"""Arbitrary names round-trip through the store, the CSV export and a printed PDF (as text)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from helpers import add_patient
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from pypdf import PdfReader

from cartclinic.printing import print_document
from cartclinic.roster import Roster
from cartclinic.roster_csv import export_csv

# letters a name is written in on this ward: Latin with accents, Chinese, Greek and Cyrillic
LETTERS = st.one_of(
    st.characters(min_codepoint=0x41, max_codepoint=0x5A),
    st.characters(min_codepoint=0x61, max_codepoint=0x7A),
    st.sampled_from("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßŁłŃńŚśŹźŻżŐőŰű"),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
    st.characters(min_codepoint=0x3B1, max_codepoint=0x3C9),
    st.characters(min_codepoint=0x430, max_codepoint=0x44F),
)
NAMES = st.lists(st.text(LETTERS, min_size=1, max_size=12), min_size=1, max_size=3).map(" ".join)


@given(name=NAMES)
@hsettings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_name_comes_back_from_the_store_the_export_and_the_pdf(tmp_path_factory, name):
    folder = tmp_path_factory.mktemp("rt")
    today = date(2026, 11, 27)
    roster = Roster.open(folder / "r.db")
    try:
        add_patient(roster, today, mrn="RT1", name=name, infusion=date(2026, 10, 30))
        roster.save_settings(replace(roster.settings(), clinic_phone="+44 20 7946 0000"), "setup")
        assert roster.store.patient_by_mrn("RT1").name == name
        assert name in export_csv(roster)
        out = folder / "letter.pdf"
        print_document(roster, "letter", "RT1", out, "test", today)
        text = "".join(page.extract_text() for page in PdfReader(out).pages)
        assert name.replace(" ", "") in text.replace(" ", "").replace("\n", "")
    finally:
        roster.close()
