"""Lab results of a patient: one checked result (typed at a visit or imported), the lab import
(`results FILE.csv`: columns mrn, date, analyte, value, unit; all or nothing, every bad line
named), and the threshold lines a chart draws. Values are checked against the analyte table
(cartclinic/analytes.py) and stored as given with their canonical value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cartclinic.analytes import AnalyteTable, canonical, number_of, shipped_table
from cartclinic.dates import parse_date
from cartclinic.errors import InputRefused
from cartclinic.model import Event, Patient, PatientResult
from cartclinic.reasons import Reason, line, of
from cartclinic.roster_csv import read_rows
from cartclinic.validate import clean_text, normalise_mrn

COLUMNS = ("mrn", "date", "analyte", "value", "unit")

# The lines a nurse reads a result against (CLINICAL.md), in the canonical unit: the one place
# the charts take them from. A track's own start/stop comparisons are added by `threshold_lines`.
THRESHOLDS: dict[str, tuple[tuple[float, Reason], ...]] = {
    "IgG": ((4.0, Reason("chart.igg_low")),),
    "CD4": ((200.0, Reason("chart.cd4_low")),),
    "CD19 B cells": ((100.0, Reason("chart.b_cell_recovery")),),
    "ANC": ((1.0, Reason("chart.neutropenia")),),
    "Platelets": ((50.0, Reason("chart.thrombocytopenia")),),
}
IGG_LOW_G_PER_L = THRESHOLDS["IgG"][0][0]  # low IgG: at or below (CLINICAL.md, review of 2026)


@dataclass(frozen=True)
class ThresholdLine:
    value: float  # in the analyte's canonical unit
    label: Reason  # what the line means, said in the reader's language


def threshold_lines(name: str, extra: Sequence[tuple[float, Reason]] = (),
                    table: AnalyteTable | None = None) -> list[ThresholdLine]:
    """The lines to draw on the chart of analyte `name` (any spelling): the clinical thresholds
    above, then `extra` (e.g. a track's start and stop values), each value once."""
    a = (table or shipped_table()).get(name)
    key = a.name if a else name
    out: dict[float, ThresholdLine] = {}
    for value, label in (*THRESHOLDS.get(key, ()), *extra):
        out.setdefault(float(value), ThresholdLine(float(value), label))
    return list(out.values())


def check_result(table: AnalyteTable, patient: Patient, taken_on: date, name: str,
                 value: str, unit: str, today: date,
                 died_on: date | None = None) -> tuple[PatientResult | None, list[Reason]]:
    """The result checked, or the reasons it is refused, each naming its column."""
    reasons: list[Reason] = []
    a = table.get(name)
    if not name.strip():
        reasons.append(Reason("analyte.empty", "analyte"))
    elif a is None:
        reasons.append(Reason("analyte.unknown", "analyte",
                              {"analyte": name.strip(), "known": list(table.names())}))
    try:
        value = clean_text(value, "value", required=True, limit=40)
    except ValueError as exc:
        reasons.append(of(exc, "value"))
        value = ""
    number = number_of(value) if value else None
    if value and number is None:
        reasons.append(Reason("value.not_number", "value", {"value": value}))
    elif number is not None and number < 0:
        reasons.append(Reason("value.negative", "value", {"value": value}))
    spelled = None
    if a is not None:
        spelled = a.unit(unit)
        if spelled is None:
            units = {"analyte": a.name, "units": Reason("list.or", None, {"items": a.units})}
            reasons.append(Reason("unit.wrong", "unit", {**units, "unit": unit.strip()})
                           if unit.strip() else Reason("unit.empty", "unit", units))
    if taken_on > today:
        reasons.append(Reason("taken.future", "date", {"day": taken_on, "today": today}))
    if patient.date_of_birth and taken_on < patient.date_of_birth:
        reasons.append(Reason("taken.before_birth", "date",
                              {"day": taken_on, "born": patient.date_of_birth}))
    if died_on is not None and taken_on > died_on:
        reasons.append(Reason("taken.after_death", "date", {"day": taken_on, "died": died_on}))
    if reasons or a is None or spelled is None:
        return None, reasons
    return PatientResult(
        patient_id=patient.id or 0, taken_on=taken_on, name=a.name, value=value, unit=spelled,
        canonical=canonical(a, value, spelled), canonical_unit=a.canonical), []


def died_on(events: Sequence[Event]) -> date | None:
    deaths = [e.event_date for e in events if e.kind == "death" and e.undone_on is None
              and e.corrected_by is None]
    return min(deaths) if deaths else None


def read_results_csv(text: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a results file; the header is line 1 (the one CSV reader of
    roster_csv, with the results file's columns)."""
    def missing(columns: list[str]) -> Reason:
        return Reason("csv.missing_results_columns", None, {
            "s": "s" if len(columns) > 1 else "", "columns": columns, "all": list(COLUMNS)})

    return read_rows(text, COLUMNS, COLUMNS, missing=missing,
                     empty=Reason("csv.empty_results", None, {"columns": list(COLUMNS)}))[1]


def check_results_csv(roster: object, text: str, today: date,
                      date_format: str | None = None) -> list[PatientResult]:
    """Every result of the file checked, or InputRefused with every bad line as
    'line N: column: reason'. Nothing is saved (the preview of File › Import results…)."""
    from cartclinic.roster import Roster

    assert isinstance(roster, Roster)
    table = roster.analytes
    problems: list[Reason] = []
    out: list[PatientResult] = []
    patients: dict[str, tuple[Patient | None, date | None]] = {}
    rows = read_results_csv(text)
    if not rows:
        raise InputRefused(Reason("csv.no_results").located(line(2)))
    for at, row in rows:
        where = line(at)
        if "__width__" in row:
            problems.append(Reason("csv.width", None, {
                "width": row["__width__"], "columns": len(COLUMNS)}).located(where))
            continue
        try:
            mrn = normalise_mrn(row["mrn"])
        except ValueError as exc:
            problems.append(of(exc, "mrn").located(where))
            continue
        if mrn not in patients:
            p = roster.store.patient_by_mrn(mrn)
            patients[mrn] = (p, died_on(roster.store.events(p.id)) if p and p.id else None)
        patient, death = patients[mrn]
        if patient is None:
            problems.append(Reason("results.not_patient", "mrn", {"mrn": mrn}).located(where))
            continue
        raw = row["date"].strip()
        if not raw:
            problems.append(Reason("taken.empty", "date").located(where))
            continue
        try:
            taken = parse_date(raw, date_format, field="date")
        except ValueError as exc:
            problems.append(of(exc, "date").located(where))
            continue
        result, reasons = check_result(table, patient, taken, row["analyte"], row["value"],
                                       row["unit"], today, death)
        problems += [r.located(where) for r in reasons]
        if result is not None:
            out.append(result)
    if problems:
        raise InputRefused(problems)
    return out


def import_results_csv(roster: object, text: str, who: str, today: date,
                       date_format: str | None = None) -> tuple[int, int]:
    """Add every result of the file, or none: (results, patients)."""
    from cartclinic.roster import Roster

    assert isinstance(roster, Roster)
    results = check_results_csv(roster, text, today, date_format)
    roster.add_results(results, who)
    return len(results), len({r.patient_id for r in results})
