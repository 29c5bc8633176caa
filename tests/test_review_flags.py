"""CLINICAL.md's "Review of December 2026", the flags and products part: each correction by
name, with exact dates. Flags are computed by `cartclinic.flags.clinical_flags` from plain
objects; the product table from `resources/products.toml` (and a clinic's file)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from cartclinic.disease import B_ALL, LYMPHOMA, MYELOMA, disease_of, status_choices
from cartclinic.errors import InputRefused
from cartclinic.flags import clinical_flags
from cartclinic.model import ClinicSettings, Event, LabResult, Treatment, VisitRecord
from cartclinic.products import load_products

DAY0 = date(2026, 1, 5)
TABLE = load_products()


def treatment(product: str = "Kymriah", target: str = "CD19", day0: date = DAY0) -> Treatment:
    return Treatment(patient_id=1, product=product, infusion_date=day0, protocols=("b-all-cd19",),
                     target=target, id=1)


def record(on: date, *labs: tuple[str, str, str], rid: int = 1) -> VisitRecord:
    return VisitRecord(visit_id=rid, done_on=on, who="n",
                       labs=tuple(LabResult(n, v, u) for n, v, u in labs), id=rid)


def event(kind: str, on: date, *, corrected: bool = False) -> Event:
    return Event(patient_id=1, kind=kind, event_date=on, who="n",
                 corrected_by=1 if corrected else None)


def flags(today: date, *, t: Treatment | None = None, records=(), events=(),
          diagnosis: str = "Relapsed B-ALL", jurisdiction: str = "US", **settings):
    return {f.code: f.text for f in clinical_flags(
        [t or treatment()], list(records), ClinicSettings(jurisdiction=jurisdiction, **settings),
        today, events=list(events), diagnosis=diagnosis, products=TABLE)}


# -- the product table -------------------------------------------------------------------
@pytest.mark.parametrize("product, jurisdiction, near_until, driving_until", [
    # the six products whose REMS ended on 26 June 2025, US: 14 days each
    ("Kymriah", "US", "2026-01-19", "2026-01-19"),
    ("tisagenlecleucel (Kymriah)", "US", "2026-01-19", "2026-01-19"),
    ("axicabtagene (Yescarta)", "US", "2026-01-19", "2026-01-19"),
    ("Tecartus", "US", "2026-01-19", "2026-01-19"),
    ("liso-cel", "US", "2026-01-19", "2026-01-19"),
    ("IDECABTAGENE VICLEUCEL", "US", "2026-01-19", "2026-01-19"),
    ("Carvykti", "US", "2026-01-19", "2026-01-19"),
    # Aucatzyl, US (never under that REMS): 4 weeks near, 8 weeks no driving
    ("obecabtagene (Aucatzyl)", "US", "2026-02-02", "2026-03-02"),
    # UK/EU texts: 28 days near, 8 weeks no driving
    ("Kymriah", "UK", "2026-02-02", "2026-03-02"),
    ("Carvykti", "EU", "2026-02-02", "2026-03-02"),
])
def test_review_countdowns_per_product_and_jurisdiction(product, jurisdiction, near_until,
                                                        driving_until):
    f = flags(date(2026, 1, 6), t=treatment(product), jurisdiction=jurisdiction)
    assert f"until {near_until}" in f["near_centre"]
    assert f"until {driving_until}" in f["no_driving"]


def test_review_us_daily_monitoring_seven_days_and_countdown_ends_on_its_day():
    assert flags(date(2026, 1, 6))["daily_monitoring"] == \
        "daily monitoring: 6 days left (until 2026-01-12; Kymriah, US)"
    on_last_day = flags(date(2026, 1, 18))
    assert on_last_day["near_centre"].startswith("stay near the centre: 1 day left (until 2026-01-19")
    assert "near_centre" not in flags(date(2026, 1, 19))
    assert "daily_monitoring" not in flags(date(2026, 1, 12))


def test_review_unknown_product_gets_no_countdown_and_says_so():
    f = flags(date(2026, 1, 6), t=treatment("investigational CD19/CD22"))
    assert "near_centre" not in f and "no_driving" not in f
    assert "not in the product table" in f["product_unknown"]
    # said for the longest period anywhere (8 weeks), then no more
    assert "product_unknown" not in flags(date(2026, 3, 2), t=treatment("investigational CD19/CD22"))


def test_review_product_matching_is_whole_words_and_refuses_two_products():
    assert TABLE.find("KYMRIAH").name == "Kymriah"
    assert TABLE.find("tisa-cel").name == "Kymriah"
    assert TABLE.find("Kymriahx") is None
    assert TABLE.find("Kymriah then Yescarta") is None  # which one? no guess


def test_review_clinic_products_file_adds_and_replaces_rows(tmp_path: Path):
    clinic = tmp_path / "products.toml"
    clinic.write_text('[[product]]\nname = "Kymriah"\ntarget = "CD19"\n'
                      'US = { near_centre_days = 30, no_driving_days = 60 }\n'
                      '[[product]]\nname = "Trialcel"\naliases = ["TC-19"]\ntarget = "CD19"\n'
                      'UK = { near_centre_days = 28, no_driving_days = 56 }\n', encoding="utf-8")
    table = load_products(clinic)
    assert table.find("Kymriah").for_jurisdiction("US").near_centre_days == 30
    # the clinic's row edits the shipped one: its aliases and other jurisdictions stay
    assert table.find("tisagenlecleucel").for_jurisdiction("UK").near_centre_days == 28
    assert table.find("tc-19").name == "Trialcel"
    assert table.find("Yescarta") is not None  # the shipped rows stay


@pytest.mark.parametrize("text, message", [
    ('[[product]]\ntarget = "CD19"\n', "product 1: name: missing"),
    ('[[product]]\nname = "X"\ntarget = "CD19"\nUS = { near_centre_days = -1 }\n',
     "product 'X': US.near_centre_days: -1 is not a whole number of days"),
    ('[[product]]\nname = "X"\ntarget = "CD19"\nUS = { driving = 3 }\n',
     "product 'X': US.driving: unknown field"),
    ('[[product]]\nname = "X"\ntarget = "CD19"\nFR = { near_centre_days = 3 }\n',
     "product 'X': FR: unknown field"),
    ('[[product]]\nname = "X"\n', "product 'X': target: missing"),
    ('[[product]\n', "not valid TOML"),
])
def test_review_clinic_products_file_refused_naming_file_product_and_field(tmp_path, text, message):
    clinic = tmp_path / "products.toml"
    clinic.write_text(text, encoding="utf-8")
    with pytest.raises(InputRefused) as refused:
        load_products(clinic)
    assert str(clinic) in str(refused.value)
    assert message in str(refused.value)


# -- B-cell recovery ---------------------------------------------------------------------
def test_review_bcell_recovery_only_cd19_ball_first_12_months():
    cd19 = record(date(2026, 10, 1), ("CD19 B cells", "150", "cells/µL"))  # month 9
    assert "bcell_recovery" in flags(date(2026, 10, 2), records=[cd19])
    # 0.15 ×10⁹/L is 150/µL
    giga = record(date(2026, 10, 1), ("CD19", "0.15", "×10⁹/L"))
    assert "bcell_recovery" in flags(date(2026, 10, 2), records=[giga])
    # the last day of the first 12 months counts, the day after does not
    assert "bcell_recovery" in flags(date(2027, 1, 6), records=[
        record(date(2027, 1, 5), ("CD19", "150", "cells/µL"))])
    assert "bcell_recovery" not in flags(date(2027, 1, 7), records=[
        record(date(2027, 1, 6), ("CD19", "150", "cells/µL"))])
    # below the threshold
    assert "bcell_recovery" not in flags(date(2026, 10, 2), records=[
        record(date(2026, 10, 1), ("CD19", "99", "cells/µL"))])


@pytest.mark.parametrize("product, target, diagnosis", [
    ("Carvykti", "BCMA", "Relapsed multiple myeloma"),  # BCMA product
    ("Carvykti", "BCMA", "Relapsed B-ALL"),  # BCMA product, whatever the diagnosis says
    ("Yescarta", "CD19", "Relapsed large B-cell lymphoma"),  # CD19, but lymphoma
    ("Kymriah", "CD19", ""),  # the disease is not known: no B-ALL signal claimed
])
def test_review_bcell_recovery_never_for_bcma_or_lymphoma(product, target, diagnosis):
    cd19 = record(date(2026, 3, 1), ("CD19 B cells", "300", "cells/µL"))
    assert "bcell_recovery" not in flags(date(2026, 3, 2), t=treatment(product, target),
                                         records=[cd19], diagnosis=diagnosis)


# -- vaccines ----------------------------------------------------------------------------
RECOVERED = record(date(2026, 12, 1), ("CD4", "350", "cells/µL"), ("CD19", "40", "cells/µL"))


def test_review_vaccines_inactivated_month_6_live_month_12_with_counts():
    f = flags(date(2026, 2, 1), records=[replace(RECOVERED, done_on=date(2026, 1, 30))])
    assert f["vaccines"].startswith("inactivated vaccines from 2026-07-05 (month 6); "
                                    "live from 2027-01-05 (month 12)")
    assert flags(date(2026, 12, 2), records=[RECOVERED])["vaccines"] == (
        "inactivated vaccines now eligible; live from 2027-01-05 (month 12)")
    assert "vaccines" not in flags(date(2027, 1, 5), records=[RECOVERED])


def test_review_vaccines_live_needs_cd4_above_200_and_b_cells_above_20():
    low = record(date(2026, 12, 1), ("CD4", "0.2", "×10⁹/L"), ("CD20", "20", "cells/µL"))
    text = flags(date(2027, 2, 1), records=[low])["vaccines"]
    assert "only once CD4 > 200/µL (last 200 on 2026-12-01) and B cells > 20/µL (last 20 on " \
           "2026-12-01)" in text
    assert "no result" in flags(date(2027, 2, 1))["vaccines"]


def test_review_vaccines_wait_after_immunoglobulin_2_months_inactivated_8_months_live():
    ig = event("immunoglobulin", date(2026, 9, 10))
    f = flags(date(2026, 10, 1), records=[RECOVERED], events=[ig])
    assert f["vaccines"].startswith(
        "inactivated vaccines from 2026-11-10 (2 months after immunoglobulin on 2026-09-10); "
        "live from 2027-05-10 (8 months after immunoglobulin on 2026-09-10)")
    # entered in error: as if never given
    wrong = event("immunoglobulin", date(2026, 9, 10), corrected=True)
    assert flags(date(2026, 10, 1), records=[RECOVERED], events=[wrong])["vaccines"].startswith(
        "inactivated vaccines now eligible; live from 2027-01-05 (month 12)")


def test_review_vaccines_wait_6_months_after_new_anti_cd19_cd20_therapy():
    rtx = event("anti_cd19_cd20", date(2027, 3, 1))
    f = flags(date(2027, 4, 1), records=[RECOVERED], events=[rtx])
    assert f["vaccines"] == ("inactivated vaccines from 2027-09-01 (6 months after anti-CD19/CD20 "
                             "therapy on 2027-03-01); live from 2027-09-01 (6 months after "
                             "anti-CD19/CD20 therapy on 2027-03-01)")


def test_review_vaccines_no_live_vaccine_within_24_months_of_allo_hct():
    allo = event("allo_hct", date(2026, 4, 1))
    f = flags(date(2027, 2, 1), records=[RECOVERED], events=[allo])
    assert f["vaccines"] == ("inactivated vaccines now eligible; live from 2028-04-01 "
                             "(24 months after allo-HCT on 2026-04-01)")


# -- prophylaxis -------------------------------------------------------------------------
def test_review_prophylaxis_review_dates_are_clinic_settings_with_defaults():
    f = flags(date(2026, 2, 1), diagnosis="Relapsed B-ALL, HBV carrier")
    assert f["antiviral"].startswith("aciclovir/valaciclovir: review on 2027-01-05, and go on "
                                     "until CD4 > 200/µL (no CD4 result yet)")
    # co-trimoxazole from day 30 (2026-02-04) for 6 months
    assert f["pjp"].startswith("co-trimoxazole (from day 30): review on 2026-08-04")
    assert f["entecavir"] == "entecavir (HBV carrier): review on 2027-01-05"
    assert "entecavir" not in flags(date(2026, 2, 1))  # no HBV named: no entecavir reminder
    f = flags(date(2026, 2, 1), antiviral_months=18, pjp_months=12)
    assert "review on 2027-07-05" in f["antiviral"]
    assert "review on 2027-02-04" in f["pjp"]


def test_review_prophylaxis_goes_on_after_its_date_until_cd4_above_200():
    low = record(date(2027, 1, 10), ("CD4", "180", "cells/µL"))
    f = flags(date(2027, 2, 1), records=[low])
    assert "last CD4 180/µL on 2027-01-10" in f["antiviral"] and "pjp" in f
    high = record(date(2027, 1, 10), ("CD4", "0.25", "10^9/L"))  # 250/µL
    f = flags(date(2027, 2, 1), records=[high])
    assert "antiviral" not in f and "pjp" not in f
    # before the review date a good CD4 does not end it
    assert "antiviral" in flags(date(2026, 12, 1), records=[
        record(date(2026, 11, 30), ("CD4", "250", "cells/µL"))])


# -- disease status choices --------------------------------------------------------------
@pytest.mark.parametrize("diagnosis, disease", [
    ("Relapsed B-cell ALL", B_ALL), ("B-ALL", B_ALL), ("acute lymphoblastic leukaemia", B_ALL),
    ("Relapsed large B-cell lymphoma", LYMPHOMA), ("DLBCL", LYMPHOMA), ("Mantle cell lymphoma", LYMPHOMA),
    ("Relapsed multiple myeloma", MYELOMA), ("RRMM", MYELOMA),
    ("", None), ("all good", None), ("B-ALL and myeloma", None),
    # as a Chinese clinic writes them
    ("复发B细胞急性淋巴细胞白血病", B_ALL), ("急性B淋巴细胞白血病", B_ALL), ("复发急淋", B_ALL),
    ("复发大B细胞淋巴瘤", LYMPHOMA), ("套细胞淋巴瘤", LYMPHOMA), ("复发多发性骨髓瘤", MYELOMA),
    ("大B细胞淋巴瘤（外院治疗）", LYMPHOMA),
])
def test_review_disease_read_from_the_diagnosis(diagnosis, disease):
    assert disease_of(diagnosis) == disease


def test_review_disease_status_choices_by_disease():
    assert status_choices("B-ALL")[1][:6] == (
        "CR", "CRi", "MRD-negative CR", "MRD-positive", "relapse CD19-negative",
        "relapse CD19-positive")
    assert status_choices("DLBCL")[1][:4] == ("CMR", "PMR", "SD", "PD")
    assert status_choices("myeloma")[1][:8] == ("sCR", "CR", "VGPR", "PR", "MR", "SD", "PD",
                                                "MRD-negative")
    disease, every = status_choices("something else")
    assert disease is None and {"CMR", "MR", "relapse CD19-negative", "not assessed"} <= set(every)


# -- low IgG: read in the canonical unit, threshold <= 4 g/L ------------------------------
@pytest.mark.parametrize("value, unit, low", [
    ("3.5", "g/L", True),
    ("4", "g/L", True),  # <= 4 g/L: the review's threshold (it read < 4 before)
    ("4.0", "g/l", True),
    ("4.1", "g/L", False),
    ("350", "mg/dL", True),  # 3.5 g/L: raised no flag when the number was read without its unit
    ("400", "mg/dL", True),
    ("410", "mg/dL", False),
    ("6.1", "g/L", False),
])
def test_review_igg_low_reads_the_canonical_value_at_or_below_4_g_per_l(value, unit, low):
    got = flags(date(2026, 3, 2), records=[record(date(2026, 3, 1), ("IgG", value, unit))])
    assert ("igg_low" in got) is low
    if low and unit == "mg/dL":
        assert f"IgG {value} mg/dL = {float(value) / 100:g} g/L ≤ 4 g/L" in got["igg_low"]


def test_review_igg_low_takes_the_newest_igg_under_any_spelling():
    got = flags(date(2026, 3, 2), records=[
        record(date(2026, 2, 1), ("IgG", "3.0", "g/L"), rid=1),
        record(date(2026, 3, 1), ("immunoglobulin G", "650", "mg/dL"), rid=2)])
    assert "igg_low" not in got  # 6.5 g/L, the newest, is not low
