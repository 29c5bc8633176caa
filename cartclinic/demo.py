"""A believable made-up roster, so a new user sees a real picture: several protocols, infusions
over ten years, Chinese and Latin names, past visits recorded, a few missed, some events.

Everything goes through `Roster`, so the demo obeys the same rules as real data.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from cartclinic.errors import NotFound
from cartclinic.model import LabResult, Patient, Visit
from cartclinic.roster import NewTreatment, Roster
from cartclinic.status import VisitStatus

SURNAMES_ZH = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN_ZH = ["秀英", "伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
            "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "文"]
GIVEN_EN = ["Margaret", "James", "Aisha", "Tomás", "Zoë", "Oliver", "Priya", "Hannah", "Liam",
            "Sofia", "Noah", "Chloé", "Mateo", "Grace", "Ethan", "Fatima", "Lucas", "Ingrid",
            "Samuel", "Maya", "Björn", "Eleanor", "Rafael", "Nadia"]
SURNAMES_EN = ["Smith", "O'Connor", "Müller", "García", "Nguyen", "Kowalski", "Okafor", "Brown",
               "Rossi", "Andersson", "Dubois", "Patel", "Novak", "Fitzgerald", "Haddad",
               "Jensen", "Silva", "Moreau", "Schmidt", "Taylor"]
PRODUCTS = {
    "b-all-cd19": [("tisagenlecleucel (Kymriah)", "CD19"), ("brexucabtagene (Tecartus)", "CD19"),
                   ("obecabtagene (Aucatzyl)", "CD19"), ("investigational CD19/CD22", "CD19/CD22")],
    "lbcl-cd19": [("axicabtagene (Yescarta)", "CD19"), ("lisocabtagene (Breyanzi)", "CD19"),
                  ("tisagenlecleucel (Kymriah)", "CD19")],
    "mm-bcma": [("idecabtagene (Abecma)", "BCMA"), ("ciltacabtagene (Carvykti)", "BCMA")],
    "ltfu-15y": [("axicabtagene (Yescarta)", "CD19"), ("tisagenlecleucel (Kymriah)", "CD19")],
}
DIAGNOSES = {
    "b-all-cd19": "Relapsed B-cell ALL",
    "lbcl-cd19": "Relapsed large B-cell lymphoma",
    "mm-bcma": "Relapsed multiple myeloma",
    "ltfu-15y": "Large B-cell lymphoma (treated elsewhere)",
}
PHYSICIANS = ["Dr Chen", "Dr Okonkwo", "Dr Lindqvist", "Dr 刘", "Dr Alvarez"]
WHO = "demo"
# A demo for a clinic that works in Chinese (its language zh, or `demo --lang zh`) writes its
# free texts in Chinese, so that a walk of its screens shows no English diagnosis or note. The
# same draws choose them: a Chinese demo is the English one with its words translated.
DIAGNOSES_ZH = {
    "b-all-cd19": "复发B细胞急性淋巴细胞白血病",
    "lbcl-cd19": "复发大B细胞淋巴瘤",
    "mm-bcma": "复发多发性骨髓瘤",
    "ltfu-15y": "大B细胞淋巴瘤（外院治疗）",
}
PHYSICIANS_ZH = ["陈医生", "王医生", "林医生", "刘医生", "张医生"]
TEXTS_ZH = {
    "Demo CAR-T follow-up clinic": "CAR-T 随访门诊（演示）",
    "Disease progression": "疾病进展",
    "Moved away; no answer to three calls": "已搬离；三次电话无人接听",
    "Consolidative allo-HCT": "巩固性异基因造血干细胞移植",
    "Second infusion after CD19-positive relapse": "CD19阳性复发后第二次回输",
}


def _say(text: str, language: str) -> str:
    """A free text of the demo in its language."""
    return TEXTS_ZH.get(text, text) if language == "zh" else text


def make_demo(roster: Roster, patients: int, seed: int, today: date,
              language: str | None = None) -> int:
    """Fill the roster; returns the number of patients added. `language` ("en", "zh"): the
    language of its free texts, by default the clinic's (a new demo clinic gets it)."""
    rng = random.Random(seed)
    existing = {p.mrn for p in roster.store.patients()}
    settings = roster.settings()
    if language not in ("en", "zh"):
        language = settings.language if settings.language in ("en", "zh") else "en"
    if not settings.extra.get("configured"):
        # a demo roster opens straight on the worklist: the clinic is made up too
        roster.save_settings(replace(settings,
                                     clinic_name=_say("Demo CAR-T follow-up clinic", language),
                                     language=language,
                                     extra={**settings.extra, "configured": "1"}), WHO)
    with roster.store.write(WHO):
        for i in range(patients):
            mrn = f"D{seed % 100:02d}{i + 1:05d}"
            if mrn in existing:
                continue
            _one_patient(roster, rng, mrn, today, language)
    return patients


def _one_patient(roster: Roster, rng: random.Random, mrn: str, today: date,
                 language: str = "en") -> None:
    protocol = rng.choices(["b-all-cd19", "lbcl-cd19", "mm-bcma", "ltfu-15y"], [3, 4, 3, 1])[0]
    # more recent infusions than old ones: the programme grew
    days_ago = int(3650 * rng.random() ** 1.6)
    infusion = today - timedelta(days=days_ago)
    age = {"b-all-cd19": rng.randint(6, 80), "lbcl-cd19": rng.randint(35, 82),
           "mm-bcma": rng.randint(48, 80), "ltfu-15y": rng.randint(30, 75)}[protocol]
    born = infusion - timedelta(days=int(age * 365.25) + rng.randint(0, 364))
    chinese = rng.random() < 0.4
    if chinese:
        name = rng.choice(SURNAMES_ZH) + rng.choice(GIVEN_ZH)
    else:
        name = f"{rng.choice(GIVEN_EN)} {rng.choice(SURNAMES_EN)}"
    protocols = (protocol,)
    if protocol != "ltfu-15y" and rng.random() < 0.5:
        protocols += ("registry-cibmtr",)
    product, target = rng.choice(PRODUCTS[protocol])
    # the oldest patients were entered when the clinic started using the roster
    tracked = infusion if days_ago < 1500 or rng.random() < 0.5 else today - timedelta(days=600)
    patient = roster.register(
        Patient(
            mrn=mrn, name=name, date_of_birth=born, sex=rng.choice("FM"),
            phone=f"+86 138 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}" if chinese
            else f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
            diagnosis=(DIAGNOSES_ZH if language == "zh" else DIAGNOSES)[protocol],
            physician=rng.choice(PHYSICIANS_ZH if language == "zh" else PHYSICIANS),
        ),
        [NewTreatment(product=product, target=target, infusion_date=infusion,
                      protocols=protocols, tracked_from=tracked)],
        WHO, today,
    )
    assert patient.id is not None
    _past_visits(roster, rng, patient.id, today, product)
    _events(roster, rng, patient.id, protocol, infusion, today, product, target, language)


def _past_visits(roster: Roster, rng: random.Random, patient_id: int, today: date, product: str) -> None:
    recent_overdue = rng.random() < 0.12
    seen: set[int] = set()
    # a result recorded here can start a track (T1), whose recheck is a new visit that may be
    # past too: go round again until no past visit is new, as a clinic that did its rechecks
    while True:
        fresh = sorted((v for v in roster.store.visits(patient_id=patient_id) if v.id not in seen),
                       key=lambda v: (v.scheduled, v.id))
        if not fresh:
            return
        for listed in fresh:
            seen.add(listed.id)
            try:  # a result recorded a moment ago may have moved, stopped or dropped it
                visit = roster.store.visit(listed.id)
            except NotFound:
                continue
            _past_visit(roster, rng, visit, today, recent_overdue)


def _past_visit(roster: Roster, rng: random.Random, visit: Visit, today: date,
                recent_overdue: bool) -> None:
    status = visit.status(today)
    late = (today - visit.scheduled).days
    if status == VisitStatus.DUE and 0 < late <= 10 and rng.random() < 0.5:
        return  # left for the nurse: a visit in its window, a few days late
    if status == VisitStatus.OVERDUE or (status == VisitStatus.DUE and late > 0):
        if (today - visit.window_end).days < 45 and recent_overdue and visit.kind != "safety":
            return  # a recent miss the nurse has to chase (safety checks are inpatient)
        if rng.random() < 0.04:
            roster.mark_missed(visit.id, WHO, today)
            return
        done = visit.scheduled + timedelta(days=rng.choice([0, 0, 0, 1, -1, 2]))
        done = min(max(done, visit.window_start), visit.window_end, today)
        roster.record_visit(
            visit.id, done, WHO, today,
            assessments_done=visit.assessments,
            disease_status=_disease_status(rng, visit.kind),
            labs=_labs(rng, visit.kind, (done - visit.target).days),
        )


def _disease_status(rng: random.Random, kind: str) -> str:
    if kind != "response":
        return ""
    return rng.choices(["CR", "MRD-negative", "CRi", "PR", "SD"], [5, 4, 2, 2, 1])[0]


def _labs(rng: random.Random, kind: str, offset: int) -> list[LabResult]:
    if kind in ("registry",):
        return []
    labs = [
        LabResult("ANC", f"{rng.uniform(0.4, 5.5):.1f}", "10^9/L"),
        LabResult("Platelets", str(rng.randint(20, 320)), "10^9/L"),
    ]
    if kind in ("response", "monitoring", "ltfu"):
        labs += [
            LabResult("IgG", f"{rng.uniform(2.5, 11.0):.1f}", "g/L"),
            LabResult("CD19 B cells", str(rng.choice([0, 0, 0, 3, 12, 150])), "cells/µL"),
            LabResult("CD4", str(rng.randint(80, 900)), "cells/µL"),
        ]
    if kind == "safety":
        labs += [
            LabResult("CRP", f"{rng.uniform(1, 120):.0f}", "mg/L"),
            LabResult("Ferritin", str(rng.randint(200, 6000)), "µg/L"),
        ]
    return labs


def _events(
    roster: Roster, rng: random.Random, patient_id: int, protocol: str, infusion: date,
    today: date, product: str, target: str, language: str = "en",
) -> None:
    age_days = (today - infusion).days
    roll = rng.random()
    if age_days > 200 and roll < 0.06:
        when = infusion + timedelta(days=rng.randint(100, age_days - 30))
        roster.record_event(patient_id, "death", when, WHO, today, notes=_say("Disease progression", language))
    elif age_days > 120 and roll < 0.14:
        when = infusion + timedelta(days=rng.randint(60, min(age_days - 10, 700)))
        kind = "relapse" if protocol == "b-all-cd19" else "progression"
        roster.record_event(patient_id, kind, when, WHO, today)
        if protocol == "b-all-cd19" and rng.random() < 0.5 and (today - when).days > 60:
            again = when + timedelta(days=rng.randint(30, 60))
            roster.reinfuse(patient_id, NewTreatment(
                product=product, target=target, infusion_date=again,
                protocols=("b-all-cd19",), tracked_from=again,
            ), WHO, today, notes=_say("Second infusion after CD19-positive relapse", language))
            _past_visits(roster, rng, patient_id, today, product)
    elif age_days > 400 and roll < 0.17:
        when = today - timedelta(days=rng.randint(20, 200))
        roster.record_event(patient_id, "lost_to_follow_up", when, WHO, today,
                            notes=_say("Moved away; no answer to three calls", language))
    elif age_days > 150 and roll < 0.20:
        when = infusion + timedelta(days=rng.randint(90, min(age_days - 5, 400)))
        roster.record_event(patient_id, "allo_hct", when, WHO, today, notes=_say("Consolidative allo-HCT", language))
