"""Clinical flags worth showing beside the dates (CLINICAL.md): countdowns after an infusion,
low IgG, early B-cell recovery, vaccination eligibility."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from cartclinic.analytes import analyte, canonical
from cartclinic.model import ClinicSettings, PatientResult, Treatment, VisitRecord
from cartclinic.results import IGG_LOW_G_PER_L

# Loss of B-cell aplasia: > 1 % CD19+ or >= 100 CD19+ cells/µL (Pulsipher et al.)
CD19_PERCENT = 1.0
CD19_CELLS_PER_UL = 100.0


@dataclass(frozen=True)
class ClinicalFlag:
    code: str  # near_centre | no_driving | igg_low | bcell_recovery | vaccines
    text: str
    urgent: bool = False


def _newest_first(records: Sequence[VisitRecord],
                  results: Sequence[PatientResult] | None) -> list[PatientResult]:
    if results is None:
        results = []
        for rec in records:
            for lab in rec.labs:
                a = analyte(lab.name)
                try:
                    value = canonical(a, lab.value, lab.unit) if a else None
                except ValueError:
                    value = None
                results.append(PatientResult(
                    0, rec.done_on, a.name if a else lab.name, lab.value, lab.unit, value,
                    a.canonical if a and value is not None else lab.unit, rec.id,
                    rec.visit_id, lab.id))
    named = []
    for r in results:
        a = analyte(r.name)
        named.append(r if a is None or a.name == r.name else replace(r, name=a.name))
    # two on one day: the later entered counts (DESIGN.md, rule T1)
    return sorted(named, key=lambda r: (r.taken_on, r.id or 0), reverse=True)


def _shown(r: PatientResult) -> str:
    """The canonical value, and the value as given when it was in another unit."""
    if r.canonical is None:
        return f"{r.value} {r.unit}".strip()
    text = f"{r.canonical:g} {r.canonical_unit}"
    if r.unit != r.canonical_unit:
        text += f" ({r.value} {r.unit})"
    return text


def _number(value: str) -> float | None:
    try:
        return float(value.strip().lstrip("<>≤≥=").replace(",", "."))
    except ValueError:
        return None


def clinical_flags(
    treatments: Sequence[Treatment],
    records: Sequence[VisitRecord],
    settings: ClinicSettings,
    today: date,
    results: Sequence[PatientResult] | None = None,
) -> list[ClinicalFlag]:
    """The flags of the patient's latest treatment. Lab flags read each result's canonical
    value: `results` (the roster's `results(patient_id)`, imported ones too), or when not given
    the results typed at the visits of `records`."""
    if not treatments:
        return []
    last = max(treatments, key=lambda t: t.infusion_date)
    day0 = last.infusion_date
    flags: list[ClinicalFlag] = []
    for code, days, what in (
        ("near_centre", settings.near_centre_days, "stay near the centre"),
        ("no_driving", settings.no_driving_days, "no driving"),
    ):
        end = day0 + timedelta(days=days)
        if day0 <= today < end:
            left = (end - today).days
            flags.append(ClinicalFlag(code, f"{what}: {left} day{'s' if left != 1 else ''} left (until {end})", True))
    newest = _newest_first(records, results)
    igg = next((r for r in newest if r.name == "IgG" and r.canonical is not None), None)
    if igg and igg.canonical is not None and igg.canonical <= IGG_LOW_G_PER_L:
        flags.append(ClinicalFlag(
            "igg_low", f"IgG {_shown(igg)} ≤ 4 g/L on {igg.taken_on}: "
            "consider immunoglobulin replacement", True))
    six_months = day0 + relativedelta(months=6)
    for r in newest:
        if not (day0 <= r.taken_on <= six_months) or r.name != "CD19 B cells":
            continue
        value = r.canonical if r.canonical is not None else _number(r.value)
        if value is None:
            continue
        if ("%" in r.unit and value > CD19_PERCENT) or (
            "%" not in r.unit and value >= CD19_CELLS_PER_UL
        ):
            flags.append(ClinicalFlag(
                "bcell_recovery", f"B-cell recovery within 6 months: CD19 {_shown(r)} "
                f"on {r.taken_on} (high-risk signal; confirm)", True))
            break
    inactivated, live = day0 + relativedelta(months=6), day0 + relativedelta(months=12)
    if today < inactivated:
        flags.append(ClinicalFlag("vaccines", f"inactivated vaccines from {inactivated}, live from {live} (if counts allow)"))
    elif today < live:
        flags.append(ClinicalFlag("vaccines", f"inactivated vaccines now eligible; live from {live} (if counts allow)"))
    return flags
