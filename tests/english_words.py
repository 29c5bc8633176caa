"""English left on a Chinese screen or page (issue 12): the checker shared by the walk through
every screen and dialog (tests/ui/test_chinese_walk.py) and the check of every Chinese document
(tests/test_chinese_documents.py).

A *finding* is a word of two or more Latin letters that a Chinese nurse would have to read as
English. What is not English to her, and so allowed:

- **names**: the roster's patients, physicians, next of kin, staff and clinic, as they were typed
  (a name is not translated); file paths, which are names of places on the PC;
- **codes**: MRNs, visit codes (M3, D28), protocol ids (lbcl-cd19), holiday-region codes (GB-SCT),
  the column names a CSV file must have (mrn, date_of_birth …), and the clinical abbreviations Chinese haematology writes in Latin letters (`CODES`);
- **units**: g/L, mg/dL, ×10⁹/L, cells/µL … (`UNITS`, and every unit of the analyte table);
- **products**: the CAR-T products and their generic names (resources/products.toml);
- **keys**: the names printed on the keyboard's keys (Ctrl, Shift, Esc), as the menus show them;
- **language names**: "English", offered in its own script in the language choosers so that an
  English speaker finds it;
- **software**: the program's name, and the disk-encryption tools the ward IT is told to use.

Everything else is reported as (screen, widget, text, word)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass

from cartclinic.shipped import shipped_path

WORD = re.compile(r"[A-Za-z]{2,}")
# a token: a run of characters that are not spaces or CJK, holding a Latin letter
TOKEN = re.compile(r"[^\s\u3000-\u9fff\uff00-\uffef，。、；：（）《》“”‘’]+")
STRIP = "()[]{}<>,.;:!?\"'`·•—–…|«»"
SEX_LETTERS = ("M", "F", "X")
FILE_NAME = re.compile(r"[\w.-]+\.(db|csv|pdf|json|toml|log)", re.IGNORECASE)

def _listed(text: str) -> list[str]:
    return text.split()


# clinical abbreviations written in Latin letters in Chinese haematology (in the protocols, the
# flags, the results and the checklists), the response codes and their criteria (CR, VGPR, CMR;
# IMWG, Lugano), the registries, the time standard (UTC), and the three file and key names a
# Chinese ward reads in Latin letters every day (CSV and PDF files, a PIN)
CODES = frozenset(_listed("""
    CAR CRS ICANS MRD IgG IgA IgM CD ANC PLT PET CT CBC CRP HLH BCMA ALL LBCL DLBCL MCL CLL SLL
    CR CRi PR SD PD sCR VGPR MR CMR PMR
    HBV HIV CMV EBV PCR NGS SPEP UPEP CIBMTR EBMT LTFU HCT UK EU US
    IMWG Lugano UTC CSV PDF PIN
"""))
UNITS = frozenset(_listed("""
    g/L mg/L µg/L ng/mL mg/dL g/dL mmol/L µmol/L U/L cells/µL ×10⁹/L 10^9/L ×10^9/L MB
"""))
KEYS = frozenset({"Ctrl", "Shift", "Esc", "Alt", "Enter", "Del", "PgUp", "PgDown", "Home", "End",
                  "Tab", "Space", "Backspace"})
LANGUAGE_NAMES = frozenset({"English"})
# the program's own name, and the disk-encryption tools Help › About names for the ward IT
SOFTWARE = frozenset({"cartclinic", "BitLocker", "LUKS"})


@dataclass(frozen=True)
class Finding:
    screen: str
    widget: str
    text: str
    word: str

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 160 else self.text[:157] + "…"
        return f"{self.screen} | {self.widget} | {self.word!r} in {text!r}"


def product_names() -> set[str]:
    """Every name and alias of resources/products.toml, and its single words."""
    data = tomllib.loads(shipped_path("products.toml").read_text(encoding="utf-8"))
    names: set[str] = set()
    for row in data.get("product", []):
        for name in [row["name"], *row.get("aliases", [])]:
            names.add(name)
    return names


def analyte_units() -> set[str]:
    from cartclinic.analytes import shipped_table

    units: set[str] = set()
    for a in shipped_table().analytes:
        units.update(a.units)
    return units


class Allowed:
    """The allow-list for one roster: its names and codes, plus the fixed lists above."""

    def __init__(self, names: Iterable[str] = (), codes: Iterable[str] = ()) -> None:
        self.tokens: set[str] = set(UNITS) | analyte_units()
        # a unit's words too: a narrow cell may cut "mg/L" to "mg/"
        self.words: set[str] = set(CODES) | KEYS | LANGUAGE_NAMES | SOFTWARE | words_of(self.tokens)
        for product in product_names():
            self.add_name(product)
        for name in names:
            self.add_name(name)
        for code in codes:
            self.add_code(code)

    def add_name(self, name: str) -> None:
        if name:
            self.words.update(WORD.findall(name))

    def add_code(self, code: str) -> None:
        if code:
            self.tokens.add(code)
            self.words.update(w for w in WORD.findall(code))

    def english_words(self, text: str) -> list[str]:
        """The words of `text` a Chinese reader would read as English, and a lone M, F or X:
        a sex written as its letter, which a Chinese form says as 男 or 女."""
        out: list[str] = []
        for raw in TOKEN.findall(text or ""):
            token = raw.strip(STRIP)
            if token in SEX_LETTERS:
                out.append(token)
            if not WORD.search(token) or token in self.tokens or _is_path(token):
                continue
            for word in WORD.findall(token):
                if word not in self.words:
                    out.append(word)
        return out


def _is_path(token: str) -> bool:
    """A file name, path or pattern (roster.db, *.db), or a hexadecimal code such as the audit anchor (10405:fef7-c509-…)."""
    return (token.startswith(("/", "~/", "*.")) or bool(re.match(r"^[A-Za-z]:\\", token))
            or bool(re.fullmatch(r"[0-9]+:[0-9a-f]{4}(-[0-9a-f]{4})*", token))
            or bool(FILE_NAME.fullmatch(token)))


@dataclass(frozen=True)
class Pending:
    """English that comes from another branch's area, waiting for it to land: a finding whose
    word is one of `words` (or a truncated start of one, as a narrow table cell cuts it) is
    expected until then. The test fails on a Pending that no longer matches anything, so the list
    shrinks as the work lands."""

    branch: str
    what: str
    words: frozenset[str]
    widgets: frozenset[str] = frozenset()  # every word shown in these widgets

    def covers(self, finding: Finding) -> bool:
        if finding.widget in self.widgets:
            return True
        w = finding.word
        cut = len(w) >= 4 or w + "…" in finding.text
        return w in self.words or (cut and any(x.startswith(w) for x in self.words))


def words_of(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(w for t in texts for w in WORD.findall(t or ""))


def split_pending(findings: list[Finding], pending: Iterable[Pending]
                  ) -> tuple[list[Finding], dict[Pending, list[Finding]]]:
    """(findings no Pending covers, each Pending with the findings it covers)."""
    pending = list(pending)
    covered: dict[Pending, list[Finding]] = {p: [] for p in pending}
    left: list[Finding] = []
    for f in findings:
        for p in pending:
            if p.covers(f):
                covered[p].append(f)
                break
        else:
            left.append(f)
    return left, covered


def report(findings: list[Finding], limit: int = 400) -> str:
    """One line for each word in each text (the first screen it was seen on)."""
    seen: set[tuple[str, str]] = set()
    lines = []
    for f in findings:
        key = (f.text, f.word)
        if key in seen:
            continue
        seen.add(key)
        lines.append(str(f))
    more = f"\n… and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


# -- one roster's names and codes, and the English still to come from other branches ---------

def roster_allowed(roster, extra_names: Iterable[str] = ()) -> Allowed:
    """Allowed for `roster`: its patients' names, physicians, next of kin and MRNs, its staff,
    its clinic, every protocol id and visit code of its library, the holiday-region codes."""
    from cartclinic_ui.regions import REGIONS

    names: list[str] = [roster.settings().clinic_name, *extra_names]
    from cartclinic import results, roster_csv

    # the holiday regions' codes, and the CSV files' column names (the header a file must have)
    codes: list[str] = [code for code, _ in REGIONS]
    codes += [*roster_csv.COLUMNS, *results.COLUMNS]
    for p in roster.store.patients():
        names += [p.name, p.physician, p.next_of_kin]
        codes.append(p.mrn)
        # the product as the clinic typed it at the infusion ("investigational CD19/CD22")
        names += [t.product for t in roster.store.treatments(p.id)]
    from cartclinic.users import Staff

    names += [u.name for u in Staff(roster.store).users()]
    for protocol in roster.library.all():
        codes += [protocol.id, protocol.version]
        codes += [v.code for v in protocol.visits] + [t.code for t in protocol.tracks]
    for v in roster.store.visits():
        codes.append(v.code)
    return Allowed(names, codes)


@dataclass(frozen=True)
class PendingSource:
    branch: str
    what: str
    texts: object  # roster, today -> the English texts it brings
    widgets: frozenset[str] = frozenset()
    where: frozenset[str] = frozenset({"screens", "documents"})

    words: frozenset[str] = frozenset()

    def pending(self, roster, today) -> Pending:
        return Pending(self.branch, self.what, words_of(self.texts(roster, today)) | self.words,
                       self.widgets)


def _track_stops(roster, today) -> list[str]:
    """Why a track's recheck was cancelled, as tracks.py writes it: "stopped: IgG 6.1 g/L on …"
    (the patient page's schedule shows it beside the visit)."""
    return [v.cancelled_reason for p in roster.store.patients()
            for v in roster.store.visits(patient_id=p.id)
            if v.cancelled_reason.startswith("stopped: ")]


def _correction_entries(roster, today) -> list[str]:
    """The entries the "entered in error" dialog lists, as corrections.py words them:
    "record of M3 done 2025-12-08", "result IgG 4.9 g/L (M3)"."""
    return [e.text for p in roster.store.patients() for e in roster.correctable_entries(p.id)]


def _chart_lines(roster, today) -> list[str]:
    """What the results chart's lines mean (its tooltip), as results.py and views.py word them:
    "≤ 4 g/L: consider immunoglobulin replacement", "IGG recheck on at ≤ 4"."""
    from cartclinic import views
    from cartclinic.results import THRESHOLDS

    out = [label for lines in THRESHOLDS.values() for _, label in lines]
    for p in roster.store.patients():
        out += [label for panel in views.result_panels(roster, p.id) for _, label in panel.lines]
    return out


# English on Chinese screens and pages that other branches of issue 12 were taking away while
# this test was written: a finding of one of these words was expected until they landed. All have
# landed (track stops, entered-in-error entries, chart lines, the date format): the list is empty,
# and a new entry must name the branch that takes it away (the test fails on one no longer seen).
PENDING_FROM_OTHER_BRANCHES: tuple[PendingSource, ...] = ()


def pending_for(roster, today, where: str) -> list[Pending]:
    """The pending English of `where` ("screens" or "documents") on this roster."""
    return [source.pending(roster, today) for source in PENDING_FROM_OTHER_BRANCHES
            if where in source.where]
