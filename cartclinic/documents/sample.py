"""Write one of each document from made-up data, to look at them:

    python -m cartclinic.documents.sample OUTDIR

The data is built here (a Chinese and a Latin name, a long checklist, a patient without results)
rather than taken from a roster, so the documents can be checked on any machine.
"""

import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from . import write_day_list, write_patient_letter, write_visit_sheets
from .data import (
    ClinicInfo,
    DayList,
    DayListRow,
    LabValue,
    PatientInfo,
    PatientLetter,
    ResultLine,
    TreatmentInfo,
    VisitLine,
    VisitSheet,
)

TODAY = date(2027, 1, 12)
PRINTED = datetime(2027, 1, 12, 7, 45)
CLINIC = ClinicInfo("Riverside Cell Therapy Follow-up Clinic", "+44 20 7946 0000",
                    "Level 4, 1 Riverside Road, London SE1 7EH")

# (code, label, days after infusion, window before, after, kind, assessments)
_PLAN: tuple[tuple[str, str, int, int, int, str, tuple[str, ...]], ...] = (
    ("D7", "Day 7 safety check", 7, 0, 0, "safety",
     ("Vitals", "CRS/ICANS grade", "CBC", "CRP", "Ferritin")),
    ("D14", "Day 14 end of close monitoring", 14, 1, 2, "safety", ("CBC", "CRP")),
    ("D28", "Day 28 response assessment", 28, 3, 7, "response",
     ("Bone marrow MRD (flow ± NGS)", "CSF", "CBC", "IgG", "CD19 B cells", "CD4")),
    ("M2", "Month 2 monitoring", 61, 7, 7, "monitoring", ("CBC", "IgG", "CD19 B cells", "CD4")),
    ("M3", "Month 3 response assessment", 92, 7, 14, "response",
     ("Bone marrow MRD", "CBC", "IgG", "CD19 B cells", "Infections review")),
    ("M6", "Month 6 response assessment", 182, 14, 14, "response",
     ("Bone marrow MRD", "CBC", "IgG", "Inactivated vaccines?")),
    ("M12", "Month 12 response assessment", 365, 0, 60, "response",
     ("Bone marrow MRD", "CBC", "IgG", "Live vaccines?", "LTFU enrolment")),
    ("Y2", "Year 2 long-term follow-up", 730, 30, 60, "ltfu",
     ("History and examination", "New malignancy?", "CBC", "IgG")),
    ("Y3", "Year 3 long-term follow-up", 1095, 30, 60, "ltfu",
     ("History and examination", "New malignancy?", "CBC", "IgG")),
)


def schedule(infusion: date, today: date, protocol: str = "b-all-cd19") -> list[VisitLine]:
    """A made-up schedule with statuses as of `today` (not the real scheduling rules)."""
    visits = []
    for n, (code, label, days, before, after, kind, checks) in enumerate(_PLAN, start=1):
        target = infusion + timedelta(days=days)
        start, end = target - timedelta(days=before), target + timedelta(days=after)
        if end < today:
            status = "missed" if code == "M2" else "done"
        elif today < start:
            status = "upcoming"
        else:
            status = "due"
        late = max(0, (today - target).days) if status == "due" else 0
        visits.append(VisitLine(n, code, label, kind, protocol, target, start, end, target,
                                status, late, (), checks, day0=infusion))
    return visits


def samples(today: date = TODAY) -> tuple[list[VisitSheet], DayList, PatientLetter,
                                          PatientLetter]:
    wang = PatientInfo("MRN-000417", "王秀英", date(1961, 3, 8), "F", "138 0013 8000")
    zoe = PatientInfo("MRN-102938", "Zoë Ångström-Núñez", date(1994, 11, 30), "X",
                      "+44 7700 900123")
    wang_t = TreatmentInfo("Kymriah (tisagenlecleucel)", "CD19", today - timedelta(days=29),
                           ("b-all-cd19", "registry-cibmtr"))
    zoe_t = TreatmentInfo("Carvykti (ciltacabtagene)", "BCMA", date(2026, 7, 1), ("mm-bcma",))
    wang_visits = schedule(wang_t.infusion_date, today)
    zoe_visits = schedule(zoe_t.infusion_date, today, "mm-bcma")
    d28 = replace(wang_visits[2], flags=("no clinic day in window",))
    results = (
        ResultLine(today - timedelta(days=15), "Day 14 end of close monitoring", "",
                   (LabValue("ANC", "0.9", "×10⁹/L"), LabValue("CRP", "12", "mg/L"))),
        ResultLine(today - timedelta(days=22), "Day 7 safety check", "CRS grade 1",
                   (LabValue("Ferritin", "1840", "µg/L"),)),
    )
    sheets = [
        VisitSheet(CLINIC, wang, wang_t, d28, results,
                   ("IgG 3.1 g/L < 4 g/L on 2 Jan 2027: consider immunoglobulin replacement",
                    "No driving until 26 Jan 2027 (8 weeks after infusion)"),
                   tuple(v for v in wang_visits if v.scheduled > d28.scheduled)[:3],
                   "li.na", PRINTED),
        VisitSheet(CLINIC, zoe, zoe_t, zoe_visits[5], (), (),
                   tuple(zoe_visits[6:9]), "li.na", PRINTED),
        VisitSheet(CLINIC, replace(zoe, name="Zoë " + "Ångström-Núñez " * 20), zoe_t,
                   replace(zoe_visits[5], assessments=tuple(
                       f"Assessment {i}: neurological examination and handwriting sample"
                       for i in range(1, 41))), (), (), (), "li.na", PRINTED),
    ]
    overdue = replace(zoe_visits[4], status="overdue", days_late=12)
    rows = [DayListRow(overdue, zoe.mrn, zoe.name, zoe.phone),
            DayListRow(d28, wang.mrn, wang.name, wang.phone)]
    rows += [DayListRow(replace(d28, visit_id=100 + i, status="due", flags=()),
                        f"MRN-{i:06d}", f"患者{i}号 Patient {i}", "555 0100") for i in range(12)]
    day_list = DayList(CLINIC, today, tuple(rows), "li.na", PRINTED)

    def letter(patient: PatientInfo, t: TreatmentInfo, visits: list[VisitLine],
               language: str) -> PatientLetter:
        coming = tuple(v for v in visits if v.status in ("upcoming", "due", "overdue"))
        return PatientLetter(replace(CLINIC, language=language), patient, (t,), coming,
                             tuple(visits), today, PRINTED)

    return (sheets, day_list, letter(zoe, zoe_t, zoe_visits, "en"),
            letter(wang, wang_t, wang_visits, "zh"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m cartclinic.documents.sample OUTDIR", file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    sheets, day_list, letter_en, letter_zh = samples()
    written = {
        "visit-sheets.pdf": write_visit_sheets(out / "visit-sheets.pdf", sheets),
        "day-list.pdf": write_day_list(out / "day-list.pdf", day_list),
        "letter-en.pdf": write_patient_letter(out / "letter-en.pdf", letter_en),
        "letter-zh.pdf": write_patient_letter(out / "letter-zh.pdf", letter_zh),
    }
    for name, pages in written.items():
        print(f"{out / name}: {pages} page{'s' if pages != 1 else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
