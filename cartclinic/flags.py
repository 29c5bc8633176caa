"""Clinical flags worth showing beside the dates (CLINICAL.md): countdowns after an infusion
(per product and jurisdiction, from the product table), low IgG, early B-cell recovery (CD19
products in B-ALL, first 12 months), vaccination eligibility and its conditions, prophylaxis
reviews, and the open tasks a new malignancy raised.

What the flags know from the record: immunoglobulin replacement given and a new anti-CD19/CD20
therapy are events (`immunoglobulin`, `anti_cd19_cd20`, dated, correctable); an allo-HCT is the
`allo_hct` event; the disease is read from the patient's diagnosis (disease.py); the target
from the product table's row (else the treatment's own target field)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from cartclinic.analytes import analyte
from cartclinic.disease import B_ALL, disease_of
from cartclinic.model import MALIGNANCY_TASK, ClinicSettings, Event, Task, Treatment, VisitRecord
from cartclinic.products import Product, ProductTable, load_products
from cartclinic.reasons import Reason

IGG_LOW_G_PER_L = 4.0
# Loss of B-cell aplasia: > 1 % CD19+ or >= 100 CD19+ cells/µL (Pulsipher et al.)
CD19_PERCENT = 1.0
CD19_CELLS_PER_UL = 100.0
BCELL_RECOVERY_MONTHS = 12  # Pulsipher: watched through the first 12 months (CD19, B-ALL)
# Vaccines (CLINICAL.md review): months after day 0, after immunoglobulin replacement, after a
# new anti-CD19/CD20 therapy, after an allo-HCT (live only); counts for live vaccines.
INACTIVATED_FROM_MONTHS, LIVE_FROM_MONTHS = 6, 12
IG_GAP_INACTIVATED_MONTHS, IG_GAP_LIVE_MONTHS = 2, 8
ANTI_B_CELL_GAP_MONTHS = 6
ALLO_HCT_LIVE_GAP_MONTHS = 24
LIVE_CD4_ABOVE, LIVE_B_CELLS_ABOVE = 200.0, 20.0  # cells/µL
# the prophylaxis reminders stop this long after day 0 even without a CD4 result above 200
PROPHYLAXIS_HORIZON_MONTHS = 24
CD4_ABOVE = 200.0
# while a product's periods are unknown, say so for this long after day 0 (the longest period)
UNKNOWN_PRODUCT_DAYS = 56
B_CELL_NAMES = ("cd19 b cells", "cd19", "cd19+ b cells", "cd20", "cd20 b cells", "b cells")


@dataclass(frozen=True)
class ClinicalFlag:
    # daily_monitoring | near_centre | no_driving | product_unknown | product_table | igg_low |
    # bcell_recovery | vaccines | antiviral | pjp | entecavir | task
    code: str
    text: str  # the English (the command line's words); `reason` says it in any language
    urgent: bool = False
    reason: Reason | None = None


def _flag(code: str, reason: Reason, urgent: bool = False) -> ClinicalFlag:
    return ClinicalFlag(code, str(reason), urgent, reason)


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
    *,
    events: Sequence[Event] = (),
    diagnosis: str = "",
    products: ProductTable | None = None,
    tasks: Sequence[Task] = (),
    notes: str = "",
) -> list[ClinicalFlag]:
    """The patient's flags as of `today`, for the last treatment. `events` are the patient's
    (those entered in error are skipped), `diagnosis` and `notes` the patient's texts,
    `products` the roster's product table (the shipped one if None), `tasks` its open tasks."""
    if not treatments:
        return []
    last = max(treatments, key=lambda t: t.infusion_date)
    day0 = last.infusion_date
    flags: list[ClinicalFlag] = []
    table = products if products is not None else load_products()
    product = table.find(last.product)
    live_events = [e for e in events if e.corrected_by is None]
    flags += _countdowns(last, product, settings.jurisdiction, today)
    newest = sorted(records, key=lambda r: (r.done_on, r.id or 0), reverse=True)
    igg = next(((r, lab) for r in newest for lab in r.labs
                if (found := analyte(lab.name)) is not None and found.name == "IgG"), None)
    if igg:
        # the canonical value: 350 mg/dL is 3.5 g/L, low; the review's threshold is <= 4 g/L
        value = _canonical("IgG", igg[1].value, igg[1].unit)
        if value is not None and value <= IGG_LOW_G_PER_L:
            given = f"{igg[1].value} {igg[1].unit}".strip()
            shown = given if igg[1].unit.strip() in ("", "g/L") else f"{given} = {value:g} g/L"
            flags.append(_flag("igg_low", Reason("flag.igg_low", None, {
                "shown": shown, "day": igg[0].done_on}), True))
    target = product.target if product else last.target
    if "CD19" in target.upper() and disease_of(diagnosis) == B_ALL:
        flags += _bcell_recovery(newest, day0)
    flags += _vaccines(newest, live_events, day0, today)
    flags += _prophylaxis(newest, settings, day0, today, f"{diagnosis}\n{notes}")
    flags += [_flag("task", Reason("flag.task", None, {"day": t.created_on}), True)
              for t in tasks if t.done_on is None]
    return flags


TASK_TEXT = MALIGNANCY_TASK


def _countdowns(treatment: Treatment, product: Product | None, jurisdiction: str, today: date
                ) -> list[ClinicalFlag]:
    day0 = treatment.infusion_date
    if today < day0:
        return []
    periods = product.for_jurisdiction(jurisdiction) if product else None
    if periods is None:
        if today >= day0 + timedelta(days=UNKNOWN_PRODUCT_DAYS):
            return []
        why = (Reason("flag.not_in_table", None, {"product": treatment.product})
               if product is None else Reason("flag.no_periods", None, {
                   "jurisdiction": jurisdiction, "product": product.name}))
        return [_flag("product_unknown", Reason("flag.product_unknown", None, {"why": why}),
                      True)]
    flags = []
    for code, days in (
        ("daily_monitoring", periods.daily_monitoring_days),
        ("near_centre", periods.near_centre_days),
        ("no_driving", periods.no_driving_days),
    ):
        if days is None:
            continue
        end = day0 + timedelta(days=days)
        if day0 <= today < end:
            left = (end - today).days
            flags.append(_flag(code, Reason("flag.countdown", None, {
                "what": Reason("flag." + code), "left": left, "s": "s" if left != 1 else "",
                "end": end, "product": product.name, "jurisdiction": jurisdiction}), True))
    return flags


def precaution_ends(treatment: Treatment, products: ProductTable, jurisdiction: str,
                    today: date) -> tuple[date | None, date | None]:
    """The days the stay-near-centre and no-driving periods end (the countdowns' "until"),
    each None when over by `today` or not known for the product and jurisdiction."""
    product = products.find(treatment.product)
    periods = product.for_jurisdiction(jurisdiction) if product else None
    if periods is None or today < treatment.infusion_date:
        return None, None
    ends = []
    for days in (periods.near_centre_days, periods.no_driving_days):
        end = None if days is None else treatment.infusion_date + timedelta(days=days)
        ends.append(end if end is not None and today < end else None)
    return ends[0], ends[1]


def _canonical(name: str, value: str, unit: str) -> float | None:
    """The value in the analyte's canonical unit (a unit not accepted, or a missing one for an
    analyte whose units differ by a factor, reads as unknown)."""
    number = _number(value)
    if number is None:
        return None
    a = analyte(name)
    if a is None or not unit.strip():
        return number
    try:
        return number * a.factor(unit)
    except ValueError:
        return None


def _latest(newest: Sequence[VisitRecord], names: tuple[str, ...], since: date
            ) -> tuple[float, date] | None:
    for r in newest:
        if r.done_on < since:
            return None
        for lab in r.labs:
            if lab.name.strip().casefold() in names:
                # B cells counted by CD19 or CD20 share the CD19 count's units
                value = _canonical("CD4" if names == ("cd4",) else "CD19", lab.value, lab.unit)
                if value is not None:
                    return value, r.done_on
    return None


def _bcell_recovery(newest: Sequence[VisitRecord], day0: date) -> list[ClinicalFlag]:
    until = day0 + relativedelta(months=BCELL_RECOVERY_MONTHS)
    for r in newest:
        if not (day0 <= r.done_on <= until):
            continue
        for lab in r.labs:
            if lab.name.lower() not in ("cd19 b cells", "cd19", "cd19+ b cells"):
                continue
            if "%" in lab.unit:
                value = _number(lab.value)
                recovered = value is not None and value > CD19_PERCENT
            else:
                value = _canonical(lab.name, lab.value, lab.unit)
                recovered = value is not None and value >= CD19_CELLS_PER_UL
            if recovered:
                return [_flag("bcell_recovery", Reason("flag.bcell_recovery", None, {
                    "value": lab.value, "unit": lab.unit, "day": r.done_on}), True)]
    return []


def _last_event(events: Sequence[Event], kind: str) -> date | None:
    return max((e.event_date for e in events if e.kind == kind), default=None)


def _vaccines(newest: Sequence[VisitRecord], events: Sequence[Event], day0: date, today: date
              ) -> list[ClinicalFlag]:
    ig, anti, allo = (_last_event(events, k) for k in ("immunoglobulin", "anti_cd19_cd20", "allo_hct"))
    # (day, why); of two on one day the later in English words wins, as it always has
    inactivated = [(day0 + relativedelta(months=INACTIVATED_FROM_MONTHS),
                    Reason("vax.month", None, {"month": 6}))]
    live = [(day0 + relativedelta(months=LIVE_FROM_MONTHS),
             Reason("vax.month", None, {"month": 12}))]
    if ig:
        inactivated.append((ig + relativedelta(months=IG_GAP_INACTIVATED_MONTHS),
                            Reason("vax.after_ig", None, {"months": 2, "day": ig})))
        live.append((ig + relativedelta(months=IG_GAP_LIVE_MONTHS),
                     Reason("vax.after_ig", None, {"months": 8, "day": ig})))
    if anti:
        for dates in (inactivated, live):
            dates.append((anti + relativedelta(months=ANTI_B_CELL_GAP_MONTHS),
                          Reason("vax.after_anti", None, {"months": 6, "day": anti})))
    if allo:
        live.append((allo + relativedelta(months=ALLO_HCT_LIVE_GAP_MONTHS),
                     Reason("vax.after_allo", None, {"months": 24, "day": allo})))
    inactivated_from, why_inactivated = max(inactivated, key=_vaccine_order)
    live_from, why_live = max(live, key=_vaccine_order)
    cd4 = _latest(newest, ("cd4",), day0)
    bcells = _latest(newest, B_CELL_NAMES, day0)
    counts = []
    if cd4 is None or cd4[0] <= LIVE_CD4_ABOVE:
        counts.append(Reason("vax.cd4_last", None, {"value": f"{cd4[0]:g}", "day": cd4[1]})
                      if cd4 else Reason("vax.cd4_none"))
    if bcells is None or bcells[0] <= LIVE_B_CELLS_ABOVE:
        counts.append(Reason("vax.b_last", None, {"value": f"{bcells[0]:g}", "day": bcells[1]})
                      if bcells else Reason("vax.b_none"))
    if today >= live_from and not counts:
        return []
    if counts:
        once = counts[0] if len(counts) == 1 else Reason("vax.both", None, {
            "first": counts[0], "second": counts[1]})
        live_text = Reason("vax.live_once", None, {"day": live_from, "why": why_live,
                                                   "counts": once})
    else:
        live_text = Reason("vax.live", None, {"day": live_from, "why": why_live})
    if today < inactivated_from:
        text = Reason("vax.inactivated_from", None, {
            "day": inactivated_from, "why": why_inactivated, "live": live_text})
    else:
        text = Reason("vax.inactivated_now", None, {"live": live_text})
    return [_flag("vaccines", text)]


def _vaccine_order(entry: tuple[date, Reason]) -> tuple[date, str]:
    return entry[0], str(entry[1])


def _prophylaxis(newest: Sequence[VisitRecord], settings: ClinicSettings, day0: date,
                 today: date, texts: str) -> list[ClinicalFlag]:
    if not day0 <= today < day0 + relativedelta(months=PROPHYLAXIS_HORIZON_MONTHS):
        return []
    cd4 = _latest(newest, ("cd4",), day0)
    cd4_ok = cd4 is not None and cd4[0] > CD4_ABOVE
    cd4_text = (Reason("flag.cd4_last", None, {"value": f"{cd4[0]:g}", "day": cd4[1]})
                if cd4 else Reason("flag.cd4_none"))
    flags = []
    for code, review in (
        ("antiviral", day0 + relativedelta(months=settings.antiviral_months)),
        ("pjp", day0 + timedelta(days=30) + relativedelta(months=settings.pjp_months)),
    ):
        if today >= review and cd4_ok:
            continue
        flags.append(_flag(code, Reason("flag.prophylaxis", None, {
            "what": Reason("flag." + code), "review": review, "cd4": cd4_text})))
    if any(w in texts.casefold() for w in ("hbv", "hepatitis b")):
        review = day0 + relativedelta(months=settings.entecavir_months)
        if today < review:
            flags.append(_flag("entecavir", Reason("flag.entecavir", None, {"review": review})))
    return flags
