"""Lab results of a patient: one checked result (typed at a visit or imported), the lab import
(`results FILE.csv`: columns mrn, date, analyte, value, unit; all or nothing, every bad line
named), and the threshold lines a chart draws. Values are checked against the analyte table
(cartclinic/analytes.py) and stored as given with their canonical value."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cartclinic.analytes import AnalyteTable, canonical, number_of, shipped_table
from cartclinic.dates import parse_date
from cartclinic.errors import InputRefused
from cartclinic.model import Event, Patient, PatientResult
from cartclinic.roster_csv import MAX_ROWS, from_spreadsheet_safe
from cartclinic.validate import clean_text, normalise_mrn

COLUMNS = ("mrn", "date", "analyte", "value", "unit")

# The lines a nurse reads a result against (CLINICAL.md), in the canonical unit: the one place
# the charts take them from. A track's own start/stop comparisons are added by `threshold_lines`.
THRESHOLDS: dict[str, tuple[tuple[float, str], ...]] = {
    "IgG": ((4.0, "≤ 4 g/L: consider immunoglobulin replacement"),),
    "CD4": ((200.0, "200/µL: prophylaxis until above"),),
    "CD19 B cells": ((100.0, "100/µL: B-cell recovery"),),
    "ANC": ((1.0, "1.0 ×10⁹/L: neutropenia"),),
    "Platelets": ((50.0, "50 ×10⁹/L: thrombocytopenia"),),
}
IGG_LOW_G_PER_L = THRESHOLDS["IgG"][0][0]  # low IgG: at or below (CLINICAL.md, review of 2026)


@dataclass(frozen=True)
class ThresholdLine:
    value: float  # in the analyte's canonical unit
    label: str


def threshold_lines(name: str, extra: Sequence[tuple[float, str]] = (),
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
                 died_on: date | None = None) -> tuple[PatientResult | None, list[str]]:
    """The result checked, or the reasons it is refused, each as 'column: reason'."""
    reasons = []
    a = table.get(name)
    if not name.strip():
        reasons.append("analyte: empty; name the analyte, e.g. IgG")
    elif a is None:
        reasons.append(f"analyte: '{name.strip()}' is not an analyte the program knows "
                       f"(known: {', '.join(table.names())}); a clinic adds its own in "
                       "analytes.toml beside the roster")
    try:
        value = clean_text(value, "value", required=True, limit=40)
    except ValueError as exc:
        reasons.append(str(exc))
        value = ""
    number = number_of(value) if value else None
    if value and number is None:
        reasons.append(f"value: '{value}' is not a number")
    elif number is not None and number < 0:
        reasons.append(f"value: {value} is negative; a result is 0 or more")
    spelled = None
    if a is not None:
        spelled = a.unit(unit)
        if spelled is None:
            given = f"'{unit.strip()}' is not a unit" if unit.strip() else "empty; give the unit"
            reasons.append(f"unit: {given} for {a.name}; use {' or '.join(a.units)}")
    if taken_on > today:
        reasons.append(f"date: {taken_on} is in the future (today is {today})")
    if patient.date_of_birth and taken_on < patient.date_of_birth:
        reasons.append(f"date: {taken_on} is before the patient's birth on "
                       f"{patient.date_of_birth}")
    if died_on is not None and taken_on > died_on:
        reasons.append(f"date: {taken_on} is after the patient's death on {died_on}")
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
    """(line number, row) pairs of a results file; the header is line 1."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputRefused("line 1: the file is empty; it needs a header row "
                           f"({', '.join(COLUMNS)})") from None
    except csv.Error as exc:
        raise InputRefused(f"line 1: not readable as CSV ({exc})") from None
    problems = []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        problems.append(f"line 1: missing column{'s' if len(missing) > 1 else ''}: "
                        f"{', '.join(missing)} (the columns are {', '.join(COLUMNS)})")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        problems.append(f"line 1: unknown column{'s' if len(unknown) > 1 else ''}: "
                        f"{', '.join(unknown)} (the columns are {', '.join(COLUMNS)})")
    if len(set(header)) != len(header):
        problems.append("line 1: a column name appears twice")
    if problems:
        raise InputRefused(problems)
    rows = []
    try:
        end = reader.line_num
        for values in reader:
            line, end = end + 1, reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                rows.append((line, {"__width__": str(len(values))}))
                continue
            rows.append((line, dict(zip(header, map(from_spreadsheet_safe, values),
                                        strict=True))))
            if len(rows) > MAX_ROWS:
                raise InputRefused(f"line {line}: more than {MAX_ROWS} rows; split the file")
    except csv.Error as exc:
        raise InputRefused(f"line {reader.line_num}: not readable as CSV ({exc})") from None
    return rows


def check_results_csv(roster: object, text: str, today: date,
                      date_format: str | None = None) -> list[PatientResult]:
    """Every result of the file checked, or InputRefused with every bad line as
    'line N: column: reason'. Nothing is saved (the preview of File › Import results…)."""
    from cartclinic.roster import Roster

    assert isinstance(roster, Roster)
    table = roster.analytes
    problems: list[str] = []
    out: list[PatientResult] = []
    patients: dict[str, tuple[Patient | None, date | None]] = {}
    rows = read_results_csv(text)
    if not rows:
        raise InputRefused("line 2: the file has a header and no results")
    for line, row in rows:
        if "__width__" in row:
            problems.append(f"line {line}: has {row['__width__']} fields, the header has "
                            f"{len(COLUMNS)}")
            continue
        try:
            mrn = normalise_mrn(row["mrn"])
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
            continue
        if mrn not in patients:
            p = roster.store.patient_by_mrn(mrn)
            patients[mrn] = (p, died_on(roster.store.events(p.id)) if p and p.id else None)
        patient, death = patients[mrn]
        if patient is None:
            problems.append(f"line {line}: mrn: {mrn} is not a patient of this roster")
            continue
        raw = row["date"].strip()
        if not raw:
            problems.append(f"line {line}: date: empty; the date the sample was taken")
            continue
        try:
            taken = parse_date(raw, date_format, field="date")
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
            continue
        result, reasons = check_result(table, patient, taken, row["analyte"], row["value"],
                                       row["unit"], today, death)
        problems += [f"line {line}: {r}" for r in reasons]
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
