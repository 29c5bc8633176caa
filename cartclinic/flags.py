"""Clinical flags worth showing beside the dates (CLINICAL.md): countdowns after an infusion,
low IgG, early B-cell recovery, vaccination eligibility."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from cartclinic.model import ClinicSettings, Treatment, VisitRecord

IGG_LOW_G_PER_L = 4.0
# Loss of B-cell aplasia: > 1 % CD19+ or >= 100 CD19+ cells/µL (Pulsipher et al.)
CD19_PERCENT = 1.0
CD19_CELLS_PER_UL = 100.0


@dataclass(frozen=True)
class ClinicalFlag:
    code: str  # near_centre | no_driving | igg_low | bcell_recovery | vaccines
    text: str
    urgent: bool = False


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
) -> list[ClinicalFlag]:
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
    newest = sorted(records, key=lambda r: (r.done_on, r.id or 0), reverse=True)
    igg = next(((r, lab) for r in newest for lab in r.labs if lab.name.lower() == "igg"), None)
    if igg:
        value = _number(igg[1].value)
        if value is not None and value < IGG_LOW_G_PER_L:
            flags.append(ClinicalFlag(
                "igg_low", f"IgG {igg[1].value} {igg[1].unit} < 4 g/L on {igg[0].done_on}: "
                "consider immunoglobulin replacement", True))
    six_months = day0 + relativedelta(months=6)
    for r in newest:
        if not (day0 <= r.done_on <= six_months):
            continue
        for lab in r.labs:
            if lab.name.lower() not in ("cd19 b cells", "cd19", "cd19+ b cells"):
                continue
            value = _number(lab.value)
            if value is None:
                continue
            if ("%" in lab.unit and value > CD19_PERCENT) or (
                "%" not in lab.unit and value >= CD19_CELLS_PER_UL
            ):
                flags.append(ClinicalFlag(
                    "bcell_recovery", f"B-cell recovery within 6 months: CD19 {lab.value} "
                    f"{lab.unit} on {r.done_on} (high-risk signal; confirm)", True))
                break
        else:
            continue
        break
    inactivated, live = day0 + relativedelta(months=6), day0 + relativedelta(months=12)
    if today < inactivated:
        flags.append(ClinicalFlag("vaccines", f"inactivated vaccines from {inactivated}, live from {live} (if counts allow)"))
    elif today < live:
        flags.append(ClinicalFlag("vaccines", f"inactivated vaccines now eligible; live from {live} (if counts allow)"))
    return flags
