"""The roster as CSV: `import` (all or nothing, every bad row reported) and `export`.

One row per treatment; rows that share an MRN are one patient with several treatments and their
patient columns must agree. `export` then `import` into an empty roster gives the same roster.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from cartclinic.dates import parse_date
from cartclinic.errors import InputRefused
from cartclinic.model import Patient
from cartclinic.reasons import Reason, line, of
from cartclinic.roster import NewTreatment, Roster
from cartclinic.validate import normalise_mrn

REQUIRED = ("mrn", "name", "date_of_birth", "diagnosis", "product", "infusion_date", "protocol")
CONTACT = ("address", "next_of_kin", "next_of_kin_relationship", "next_of_kin_phone")
# the patient's letter language (en, zh; empty: the clinic's), last so older files keep their order
OPTIONAL = ("sex", "phone", "target", "physician", "notes", "tracked_from", *CONTACT, "language")
COLUMNS = REQUIRED + OPTIONAL
PATIENT_COLUMNS = ("name", "date_of_birth", "diagnosis", "sex", "phone", "physician", "notes",
                   *CONTACT, "language")
MAX_ROWS = 200_000
# A cell beginning with one of these is run as a formula by Excel, LibreOffice and Google
# Sheets when the CSV is opened ("CSV injection", OWASP): `=HYPERLINK(...)`, `=cmd|...`.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> str:
    """The cell as written to a CSV: text a spreadsheet would run as a formula gets a leading
    apostrophe (OWASP's rule), which spreadsheets show as text and do not display. Text that
    already begins with apostrophes before such a character gets one more, so that
    `from_spreadsheet_safe` gives back exactly what was stored."""
    text = "" if cell is None else str(cell)
    if text.lstrip("'")[:1] in FORMULA_START and text.lstrip("'"):
        return "'" + text
    return text


def from_spreadsheet_safe(cell: str) -> str:
    """The inverse of `spreadsheet_safe`: import of our own export gives back the stored text."""
    rest = cell.lstrip("'")
    if cell.startswith("'") and rest and rest[0] in FORMULA_START:
        return cell[1:]
    return cell


def safe_csv_writer(out: io.StringIO) -> Any:
    """A csv writer whose every cell goes through `spreadsheet_safe`."""
    writer = csv.writer(out, lineterminator="\n")

    class _Safe:
        def writerow(self, row: Iterable[object]) -> Any:
            return writer.writerow([spreadsheet_safe(c) for c in row])

    return _Safe()


def read_rows(text: str, required: Sequence[str] = REQUIRED, known: Sequence[str] = COLUMNS, *,
              empty: Reason | None = None, missing: Callable[[list[str]], Reason] | None = None,
              ) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line number, row) pairs; the line number is the file's, header = line 1.
    One reader for every CSV the program takes (patients, lab results): `required` and `known`
    columns, what to say of an empty file and of missing columns."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputRefused((empty or Reason("csv.empty")).located(line(1))) from None
    except csv.Error as exc:
        raise InputRefused(Reason("csv.unreadable", None, {"why": str(exc)})
                           .located(line(1))) from None
    problems = []
    absent = [c for c in required if c not in header]
    if absent:
        problems.append((missing(absent) if missing else Reason("csv.missing_columns", None, {
            "s": "s" if len(absent) > 1 else "", "columns": absent})).located(line(1)))
    unknown = [c for c in header if c not in known]
    if unknown:
        problems.append(Reason("csv.unknown_results_columns", None, {
            "s": "s" if len(unknown) > 1 else "", "columns": unknown, "all": list(known)})
            .located(line(1)))
    if len(set(header)) != len(header):
        problems.append(Reason("csv.column_twice").located(line(1)))
    if problems:
        raise InputRefused(problems)
    rows = []
    try:
        end = reader.line_num
        for values in reader:
            # a quoted field may hold line breaks: name the line the record starts on
            at, end = end + 1, reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                rows.append((at, {"__width__": str(len(values))}))
                continue
            values = [from_spreadsheet_safe(v) for v in values]
            rows.append((at, dict(zip(header, values, strict=True))))
            if len(rows) > MAX_ROWS:
                raise InputRefused(Reason("csv.too_many_rows", None, {"rows": MAX_ROWS})
                                   .located(line(at)))
    except csv.Error as exc:
        raise InputRefused(Reason("csv.unreadable", None, {"why": str(exc)})
                           .located(line(reader.line_num))) from None
    return header, rows


def import_csv(
    roster: Roster, text: str, who: str, today: date, date_format: str | None = None
) -> int:
    """Add every patient of the file, or none. Returns the number of patients added."""
    header, rows = read_rows(text)
    problems: list[Reason] = []
    by_mrn: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for at, row in rows:
        if "__width__" in row:
            problems.append(Reason("csv.width", None, {
                "width": row["__width__"], "columns": len(header)}).located(line(at)))
            continue
        try:
            key = normalise_mrn(row.get("mrn", ""))
        except ValueError as exc:
            problems.append(of(exc, "mrn").located(line(at)))
            continue
        by_mrn.setdefault(key, []).append((at, row))

    entries: list[tuple[Patient, list[NewTreatment]]] = []
    labels: list[Reason] = []
    for mrn, group in by_mrn.items():
        first_line, first = group[0]
        for at, row in group[1:]:
            for col in PATIENT_COLUMNS:
                if row.get(col, "").strip() != first.get(col, "").strip():
                    problems.append(Reason("csv.differs", col, {
                        "first": first_line, "mrn": mrn}).located(line(at)))
        born = _date(first, "date_of_birth", first_line, date_format, problems, required=True)
        treatments = []
        for at, row in group:
            infused = _date(row, "infusion_date", at, date_format, problems, required=True)
            tracked = _date(row, "tracked_from", at, date_format, problems, required=False)
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
            **{col: first.get(col, "") for col in CONTACT}, language=first.get("language", ""),
        )
        entries.append((patient, treatments))
        labels.append(line(first_line) if len(group) == 1 else
                      Reason("at.lines", None, {"lines": [at for at, _ in group]}))
    checkable = [(e, lab) for e, lab in zip(entries, labels, strict=True) if e[1]]
    cleaned, roster_problems = roster.check_entries(
        [e for e, _ in checkable], today, labels=[lab for _, lab in checkable]
    )
    # a birth date left empty or unreadable is already named by its line above
    problems += [r for r in roster_problems if r.code != "birth.empty"]
    if problems:
        raise InputRefused(_sorted_by_line(problems))
    # no problems means every entry had its treatments, so `cleaned` is the whole file
    roster.save_checked(cleaned, who, today)
    return len(entries)


def _date(
    row: dict[str, str], col: str, at: int, fmt: str | None, problems: list[Reason], *,
    required: bool
) -> date | None:
    raw = row.get(col, "").strip()
    if not raw:
        if required:
            problems.append(Reason("csv.date_empty", col).located(line(at)))
        return None
    try:
        return parse_date(raw, fmt, field=col)
    except ValueError as exc:
        problems.append(of(exc, col).located(line(at)))
        return None


def _sorted_by_line(reasons: Iterable[Reason]) -> list[Reason]:
    """Each reason once, in the order of the file's lines (the first line a reason names)."""
    def key(reason: Reason) -> tuple[int, str]:
        where = reason.at.values if reason.at is not None else {}
        first = where.get("line", (where.get("lines") or [0])[0])  # type: ignore[index]
        return (int(first), str(reason))  # type: ignore[arg-type]

    once = {str(r): r for r in reasons}
    return sorted(once.values(), key=key)


def export_csv(roster: Roster) -> str:
    out = io.StringIO()
    writer = safe_csv_writer(out)  # a name like =HYPERLINK(...) must not run in a spreadsheet
    writer.writerow(COLUMNS)
    patients = {p.id: p for p in roster.store.patients()}
    for t in roster.store.treatments():
        p = patients[t.patient_id]
        writer.writerow([
            p.mrn, p.name, p.date_of_birth.isoformat() if p.date_of_birth else "", p.diagnosis,
            t.product, t.infusion_date.isoformat(), ";".join(t.protocols), p.sex, p.phone,
            t.target, p.physician, p.notes, t.tracked_from.isoformat() if t.tracked_from else "",
            p.address, p.next_of_kin, p.next_of_kin_relationship, p.next_of_kin_phone, p.language,
        ])
    return out.getvalue()


# -- reading a file's bytes -------------------------------------------------------------------
# Legacy encodings a ward's spreadsheet may save in, tried on a name that reads wrongly as
# UTF-8, with the words a person knows them by.
_LEGACY = (("gb18030", "GB18030 (Chinese, simplified)"), ("big5", "Big5 (Chinese, traditional)"),
           ("shift_jis", "Shift-JIS (Japanese)"), ("euc_kr", "EUC-KR (Korean)"),
           ("cp1251", "Windows-1251 (Cyrillic)"), ("cp1253", "Windows-1253 (Greek)"),
           ("cp1252", "Windows-1252 (Western European)"))
# how to save a file as UTF-8, said in the reader's language (cartclinic/reasons.py)
_SAVE = Reason("csv.save_utf8")
# Letters of Latin Extended-B that living languages write names with: Vietnamese ơ ư, pinyin
# tone marks ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ, Croatian digraphs, Sami/Skolt ǧ ǩ, Macedonian ǵ, Romanian ș ț.
_LATIN_B_IN_NAMES = (set(range(0x01A0, 0x01A2)) | set(range(0x01AF, 0x01B1))
                     | set(range(0x01C4, 0x01DD)) | set(range(0x01E6, 0x01EA))
                     | {0x01F4, 0x01F5} | set(range(0x0218, 0x021C)))
_CJK = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"}  # written together in one name


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    import unicodedata

    name = unicodedata.name(ch, "")
    head = name.split(" ", 1)[0]
    return "CJK" if head in _CJK else head


def name_looks_wrong(name: str) -> str | None:
    """Why `name` does not look like a person's name read in the right encoding, or None.

    Text in a legacy encoding whose bytes happen to be valid UTF-8 reads as letters from
    unrelated alphabets: the GB18030 bytes of 叶伟 read as `Ҷΰ` (Cyrillic and Greek), those of
    毛平 as `ëƽ` (a Latin letter no language writes names with). A word mixing alphabets, or
    holding such a letter, is refused (Polish Żółć, made of accented letters only, is a name).
    A wrong reading made only of plausible letters (all Cyrillic, say) is not caught here."""
    if name.isascii():
        return None
    for word in name.split():
        letters = [ch for ch in word if ch.isalpha()]
        scripts = {_script(ch) for ch in letters}
        if len(scripts) > 1:
            return f"mixes alphabets ({', '.join(sorted(s.title() for s in scripts))}) in one word"
        rare = [ch for ch in letters
                if 0x0180 <= ord(ch) <= 0x02AF and ord(ch) not in _LATIN_B_IN_NAMES]
        if rare:
            return f"holds the letter {rare[0]} (U+{ord(rare[0]):04X}), which no name is written with"
    return None


def _legacy_reading(names: list[str]) -> tuple[str, list[str]] | None:
    """The first legacy encoding under which every one of `names` (read wrongly as UTF-8)
    becomes a plausible name: (its label, the names as it reads them)."""
    for codec, label in _LEGACY:
        try:
            read = [n.encode("utf-8").decode(codec) for n in names]
        except UnicodeError:
            continue
        if all(name_looks_wrong(n) is None and not any(ch.isascii() and not ch.isalpha()
               for ch in n.replace(" ", "")) for n in read):
            return label, read
    return None


def decode_csv(raw: bytes, source: str) -> str:
    """The text of a CSV file that is UTF-8, or InputRefused naming the likely encoding and
    what to do. A file that decodes as UTF-8 is still refused when its names read as if it
    were in another encoding (GB18030 bytes can be valid UTF-8: see `name_looks_wrong`)."""
    if raw.startswith(b"PK\x03\x04"):  # a zip: the workbook itself (.xlsx, .ods), not its CSV
        raise InputRefused(Reason("csv.workbook", None, {"file": source, "save": _SAVE}))
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # the older Excel workbook (.xls)
        raise InputRefused(Reason("csv.xls", None, {"file": source, "save": _SAVE}))
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark: the file says it is UTF-8
        try:
            return raw[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputRefused(Reason("csv.bom_not_utf8", None, {
                "file": source, "byte": exc.start + 3, "save": _SAVE})) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputRefused(Reason("csv.not_utf8", None, {
            "file": source, "byte": exc.start, "likely": _likely_encoding(raw),
            "save": _SAVE})) from None
    if text.isascii():
        return text
    try:
        _header, rows = read_rows(text)
    except InputRefused:
        return text  # import_csv reports what is wrong with its columns
    wrong: list[tuple[int, str, str, str]] = []
    for at, row in rows:
        for col in ("name", "physician"):
            why = name_looks_wrong(row.get(col, ""))
            if why:
                wrong.append((at, col, row[col], why))
    if not wrong:
        return text
    legacy = _legacy_reading([value for _line, _col, value, _why in wrong])
    reasons = []
    for i, (at, col, value, why) in enumerate(wrong):
        reason = f"{source}: line {at}: {col}: '{value}' {why}"
        if legacy:
            reason += f"; read as {legacy[0]} it is '{legacy[1][i]}'"
        reasons.append(reason)
    likely = legacy[0] if legacy else _likely_encoding(raw)
    reasons.append(Reason("csv.looks_legacy", None, {"file": source, "likely": likely,
                                                     "save": _SAVE}))
    raise InputRefused(reasons)


_MORE_LABELS = {"cp932": "Shift-JIS (Japanese)", "cp949": "CP949 (Korean)",
                "cp936": "GBK (Chinese, simplified)", "gbk": "GBK (Chinese, simplified)",
                "cp950": "Big5 (Chinese, traditional)", "cp1250": "Windows-1250 (Central European)",
                "cp1257": "Windows-1257 (Baltic)", "cp1254": "Windows-1254 (Turkish)"}


def _plausible_names(text: str) -> bool:
    """Every name of the file is made of letters (and spaces, ' - .), none reading wrongly."""
    try:
        _header, rows = read_rows(text)
    except InputRefused:
        return False
    names = [row.get("name", "") for _line, row in rows if "__width__" not in row]
    return bool(names) and all(
        name_looks_wrong(n) is None and all(ch.isalpha() or ch in " '-." for ch in n)
        for n in names)


def _likely_encoding(raw: bytes) -> str:
    """The likely encoding of a file that is not UTF-8, in words: the first of charset-
    normalizer's candidates (best first) under which every name reads as a name. On a few short
    names its own first choice can be far off (Mac Latin-2 for two Chinese names in GB18030);
    the names tell which reading is right."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(raw))
    if not results:
        return "not text at all, or an unknown encoding"
    chosen = results[0]
    for match in results:
        try:
            text = raw.decode(match.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible_names(text):
            chosen = match
            break
    labels = {**dict(_LEGACY), **_MORE_LABELS}
    if chosen.encoding in labels:
        return labels[chosen.encoding]
    languages = [lang for lang in chosen.languages if lang != "Unknown"][:3]
    name = chosen.encoding.replace("_", "-").upper()
    return name + (f" ({', '.join(languages)})" if languages else "")
