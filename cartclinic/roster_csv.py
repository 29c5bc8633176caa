"""The roster as CSV: `import` (all or nothing, every bad row reported) and `export`.

One row per treatment; rows that share an MRN are one patient with several treatments and their
patient columns must agree. `export` then `import` into an empty roster gives the same roster.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from cartclinic.dates import parse_date
from cartclinic.errors import InputRefused
from cartclinic.model import Patient
from cartclinic.roster import NewTreatment, Roster
from cartclinic.validate import normalise_mrn

REQUIRED = ("mrn", "name", "date_of_birth", "diagnosis", "product", "infusion_date", "protocol")
CONTACT = ("address", "next_of_kin", "next_of_kin_relationship", "next_of_kin_phone")
OPTIONAL = ("sex", "phone", "target", "physician", "notes", "tracked_from", *CONTACT)
COLUMNS = REQUIRED + OPTIONAL
PATIENT_COLUMNS = ("name", "date_of_birth", "diagnosis", "sex", "phone", "physician", "notes",
                   *CONTACT)
MAX_ROWS = 200_000


def read_rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line number, row) pairs; the line number is the file's, header = line 1."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputRefused("line 1: the file is empty; it needs a header row") from None
    except csv.Error as exc:
        raise InputRefused(f"line 1: not readable as CSV ({exc})") from None
    problems = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(f"line 1: missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        problems.append(
            f"line 1: unknown column{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)} "
            f"(the columns are {', '.join(COLUMNS)})"
        )
    if len(set(header)) != len(header):
        problems.append("line 1: a column name appears twice")
    if problems:
        raise InputRefused(problems)
    rows = []
    try:
        end = reader.line_num
        for values in reader:
            # a quoted field may hold line breaks: name the line the record starts on
            line, end = end + 1, reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                rows.append((line, {"__width__": str(len(values))}))
                continue
            rows.append((line, dict(zip(header, values, strict=True))))
            if len(rows) > MAX_ROWS:
                raise InputRefused(f"line {line}: more than {MAX_ROWS} rows; split the file")
    except csv.Error as exc:
        raise InputRefused(f"line {reader.line_num}: not readable as CSV ({exc})") from None
    return header, rows


def import_csv(
    roster: Roster, text: str, who: str, today: date, date_format: str | None = None
) -> int:
    """Add every patient of the file, or none. Returns the number of patients added."""
    header, rows = read_rows(text)
    problems: list[str] = []
    by_mrn: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in rows:
        if "__width__" in row:
            problems.append(f"line {line}: has {row['__width__']} fields, the header has {len(header)}")
            continue
        try:
            key = normalise_mrn(row.get("mrn", ""))
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
            continue
        by_mrn.setdefault(key, []).append((line, row))

    entries: list[tuple[Patient, list[NewTreatment]]] = []
    labels: list[str] = []
    for mrn, group in by_mrn.items():
        first_line, first = group[0]
        for line, row in group[1:]:
            for col in PATIENT_COLUMNS:
                if row.get(col, "").strip() != first.get(col, "").strip():
                    problems.append(
                        f"line {line}: {col}: differs from line {first_line} for the same MRN {mrn}"
                    )
        born = _date(first, "date_of_birth", first_line, date_format, problems, required=True)
        treatments = []
        for line, row in group:
            infused = _date(row, "infusion_date", line, date_format, problems, required=True)
            tracked = _date(row, "tracked_from", line, date_format, problems, required=False)
            if infused is None:
                continue
            treatments.append(NewTreatment(
                product=row.get("product", ""), target=row.get("target", ""),
                infusion_date=infused,
                protocols=tuple(p for p in row.get("protocol", "").split(";")),
                tracked_from=tracked,
            ))
        patient = Patient(
            mrn=mrn, name=first.get("name", ""), date_of_birth=born, sex=first.get("sex", ""),
            phone=first.get("phone", ""), diagnosis=first.get("diagnosis", ""),
            physician=first.get("physician", ""), notes=first.get("notes", ""),
            **{col: first.get(col, "") for col in CONTACT},
        )
        entries.append((patient, treatments))
        labels.append(f"line {first_line}" if len(group) == 1 else
                      "lines " + ", ".join(str(line) for line, _ in group))
    checkable = [(e, lab) for e, lab in zip(entries, labels, strict=True) if e[1]]
    cleaned, roster_problems = roster.check_entries(
        [e for e, _ in checkable], today, labels=[lab for _, lab in checkable]
    )
    # a birth date left empty or unreadable is already named by its line above
    problems += [r for r in roster_problems if "date_of_birth: empty" not in r]
    if problems:
        raise InputRefused(_sorted_by_line(problems))
    # no problems means every entry had its treatments, so `cleaned` is the whole file
    roster.save_checked(cleaned, who)
    return len(entries)


def _date(
    row: dict[str, str], col: str, line: int, fmt: str | None, problems: list[str], *, required: bool
) -> date | None:
    raw = row.get(col, "").strip()
    if not raw:
        if required:
            problems.append(f"line {line}: {col}: empty; a date is required")
        return None
    try:
        return parse_date(raw, fmt, field=col)
    except ValueError as exc:
        problems.append(f"line {line}: {exc}")
        return None


def _sorted_by_line(reasons: Iterable[str]) -> list[str]:
    def key(reason: str) -> tuple[int, str]:
        head = reason.split(":", 1)[0]
        digits = "".join(ch for ch in head.split(",")[0] if ch.isdigit())
        return (int(digits) if digits else 0, reason)

    return sorted(set(reasons), key=key)


def export_csv(roster: Roster) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    patients = {p.id: p for p in roster.store.patients()}
    for t in roster.store.treatments():
        p = patients[t.patient_id]
        writer.writerow([
            p.mrn, p.name, p.date_of_birth.isoformat() if p.date_of_birth else "", p.diagnosis,
            t.product, t.infusion_date.isoformat(), ";".join(t.protocols), p.sex, p.phone,
            t.target, p.physician, p.notes, t.tracked_from.isoformat() if t.tracked_from else "",
            p.address, p.next_of_kin, p.next_of_kin_relationship, p.next_of_kin_phone,
        ])
    return out.getvalue()
