"""What the application's screens show, worked out from the roster without Qt or SQL.

Small pure helpers over `Roster` and the store's public methods: the worklist split into the
sections a nurse reads in the morning, a visit's phase, the visits of a calendar day, lab series.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from cartclinic.model import CallAttempt, Patient, Treatment, Visit, VisitRecord
from cartclinic.reasons import Reason
from cartclinic.roster import Roster, WorklistEntry, WorklistLine
from cartclinic.status import OPEN_STATUSES, VisitStatus

# Sections of the worklist, in the order they are shown.
OVERDUE, DUE_TODAY, THIS_WEEK, NEXT_WEEKS = "overdue", "due_today", "this_week", "next_weeks"
SECTIONS = (OVERDUE, DUE_TODAY, THIS_WEEK, NEXT_WEEKS)
LATER = "later"  # only `due --to` past the screen's four weeks reaches it
WEEK_DAYS = 7
HORIZON_DAYS = 28
# The names of the sections as the screen, `due` and the day list print them (the screen shows
# them translated; the day list takes them from its wording table).
SECTION_TITLES = {
    OVERDUE: "Overdue",
    DUE_TODAY: "Due now (today, or late with the window still open)",
    THIS_WEEK: "This week (next 7 days)",
    NEXT_WEEKS: "Next weeks (days 8–28)",
    LATER: "Later (after day 28)",
}

# Phases of a schedule, by days after day 0 of the visit's treatment.
FIRST_100_DAYS, FIRST_YEAR, LONG_TERM = "first_100_days", "first_year", "long_term"
PHASES = (FIRST_100_DAYS, FIRST_YEAR, LONG_TERM)


def section_of(entry: WorklistEntry | WorklistLine, today: date, week: date | None = None,
               horizon: date | None = None) -> str:
    """The worklist section of `entry`; `week` and `horizon` (today + 7 and + 28 days) may be
    given once by a caller sorting thousands of entries."""
    if entry.status == VisitStatus.OVERDUE:
        return OVERDUE
    scheduled = entry.visit.scheduled
    if scheduled <= today:
        return DUE_TODAY
    if scheduled <= (week or today + timedelta(days=WEEK_DAYS)):
        return THIS_WEEK
    if scheduled <= (horizon or today + timedelta(days=HORIZON_DAYS)):
        return NEXT_WEEKS
    return LATER


def sections_until(today: date, end: date) -> tuple[str, ...]:
    """The sections a worklist as of `today` that reaches `end` has, in the order shown: always
    overdue and due now, then each later one the range reaches."""
    out = [OVERDUE, DUE_TODAY]
    if end > today:
        out.append(THIS_WEEK)
    if end > today + timedelta(days=WEEK_DAYS):
        out.append(NEXT_WEEKS)
    if end > today + timedelta(days=HORIZON_DAYS):
        out.append(LATER)
    return tuple(out)


E = TypeVar("E", WorklistEntry, WorklistLine)


def split_sections(entries: Sequence[E], today: date, end: date) -> list[tuple[str, list[E]]]:
    """The one split of a worklist (`Roster.worklist` or `worklist_lines` as of `today`, up to
    `end`) into its sections, each in the triage order of rule 15 the list came in. The
    worklist screen, `due` and the day list all show these (rule 14: paper equals screen)."""
    out: dict[str, list[E]] = {key: [] for key in sections_until(today, end)}
    week, horizon = today + timedelta(days=WEEK_DAYS), today + timedelta(days=HORIZON_DAYS)
    for entry in entries:
        out.setdefault(section_of(entry, today, week, horizon), []).append(entry)
    return list(out.items())


def worklist_sections(roster: Roster, today: date) -> dict[str, list[WorklistLine]]:
    """The worklist screen of `today` split into overdue, due now (also late but still in
    window), the next seven days and the three weeks after."""
    end = today + timedelta(days=HORIZON_DAYS)
    return dict(split_sections(roster.worklist_lines(today, today, end), today, end))


def day_sections(roster: Roster, day: date) -> list[tuple[str, list[WorklistEntry]]]:
    """The worklist of one day as `print day` prints it and the screen shows it that day:
    the overdue visits and those due now, with full entries."""
    return split_sections(roster.worklist(day, day, day), day, day)


def phase_of(visit: Visit, day0: date) -> str:
    days = (visit.target - day0).days
    if days <= 100:
        return FIRST_100_DAYS
    if days <= 366:
        return FIRST_YEAR
    return LONG_TERM


def schedule_by_phase(
    visits: Sequence[Visit], treatments: Sequence[Treatment]
) -> list[tuple[Treatment, str, list[Visit]]]:
    """A patient's visits grouped by treatment, then by phase, each group in date order."""
    out = []
    for t in sorted(treatments, key=lambda t: t.infusion_date):
        mine = sorted((v for v in visits if v.treatment_id == t.id),
                      key=lambda v: (v.scheduled, v.protocol_id, v.id))
        for phase in PHASES:
            group = [v for v in mine if phase_of(v, t.infusion_date) == phase]
            if group:
                out.append((t, phase, group))
    return out


def day_number(day0: date, today: date) -> int:
    """Days since the infusion: "Day +N"."""
    return (today - day0).days


def month_counts(roster: Roster, first: date, last: date, today: date) -> Counter[date]:
    """How many visits are still to be done on each day of [first, last] (by scheduled date)."""
    counts: Counter[date] = Counter()
    for v in roster.store.open_visits(scheduled_from=first, scheduled_to=last):
        if first <= v.scheduled <= last and v.status(today) in OPEN_STATUSES:
            counts[v.scheduled] += 1
    return counts


@dataclass(frozen=True)
class DayVisit:
    visit: Visit
    patient_name: str
    mrn: str
    phone: str
    status: VisitStatus


def day_visits(roster: Roster, day: date, today: date) -> list[DayVisit]:
    """The open visits scheduled on `day`, with their status as of `today`."""
    out = []
    names = {}
    for v in roster.store.open_visits(scheduled_from=day, scheduled_to=day):
        status = v.status(today)
        if v.scheduled != day or status not in OPEN_STATUSES:
            continue
        if v.patient_id not in names:
            names[v.patient_id] = roster.store.patient(v.patient_id)
        p = names[v.patient_id]
        out.append(DayVisit(v, p.name, p.mrn, p.phone, status))
    return sorted(out, key=lambda d: (d.patient_name, d.visit.id))


@dataclass(frozen=True)
class ChartPanel:
    """One analyte on the results chart: (day taken, canonical value) oldest first, its
    canonical unit, and the lines to draw across it: (value, what it means)."""

    name: str
    unit: str
    points: tuple[tuple[date, float], ...]
    lines: tuple[tuple[float, Reason], ...]  # each line's meanings, said in the reader's language


# the analytes the chart shows, in this order: IgG and CD19 B cells always (the flags read
# them), the others when the patient has results of them
CHART_ORDER = ("IgG", "CD19 B cells", "CD4", "ANC", "Platelets")
CHART_ALWAYS = ("IgG", "CD19 B cells")
CHART_MAX_PANELS = 5


def result_panels(roster: Roster, patient_id: int) -> list[ChartPanel]:
    """The chart of a patient's results (typed at a visit or imported), each in its analyte's
    canonical unit, with the clinical thresholds (`cartclinic.results.THRESHOLDS`) and the start
    and stop values of the tracks the patient's treatments follow drawn across."""
    from cartclinic.errors import NotFound
    from cartclinic.protocol import protocol_tracks
    from cartclinic.results import threshold_lines

    table = roster.analytes
    points: dict[str, list[tuple[date, float]]] = {}
    for r in roster.results(patient_id):
        found = table.get(r.name)
        if found is not None and r.canonical is not None:
            points.setdefault(found.name, []).append((r.taken_on, r.canonical))
    track_lines: dict[str, list[tuple[float, str]]] = {}
    for t in roster.store.treatments(patient_id):
        for protocol_id in t.protocols:
            try:
                snapshot = roster.store.protocol_version(t.id or 0, protocol_id)[1]
            except NotFound:
                continue
            for track in protocol_tracks(snapshot):
                found = table.get(track.analyte)
                name = found.name if found else track.analyte
                track_lines.setdefault(name, []).extend([
                    (track.start.value, Reason("chart.track_on", None,
                                               {"code": track.code, "start": str(track.start)})),
                    (track.stop.value, Reason("chart.track_stops", None,
                                              {"code": track.code, "stop": str(track.stop)}))])
    names = [n for n in CHART_ORDER if n in CHART_ALWAYS or n in points]
    names += sorted(n for n in points if n not in CHART_ORDER)
    panels = []
    for name in names[:CHART_MAX_PANELS]:
        found = table.get(name)
        meanings: dict[float, list[Reason]] = {}  # a value once, with everything it means
        for value, label in [*((line.value, line.label)
                               for line in threshold_lines(name, table=table)),
                             *track_lines.get(name, ())]:
            if label not in meanings.setdefault(float(value), []):
                meanings[float(value)].append(label)
        panels.append(ChartPanel(name, found.canonical if found else "",
                                 tuple(sorted(points.get(name, []))),
                                 tuple((value, Reason("list.semi", None, {"items": labels}))
                                       for value, labels in meanings.items())))
    return panels


def lab_series(records: Sequence[VisitRecord], names: Sequence[str]) -> list[tuple[date, float, str]]:
    """(day, value, unit) of a lab over time, oldest first; values that are not numbers skipped."""
    wanted = {n.casefold() for n in names}
    out = []
    for r in records:
        for lab in r.labs:
            if lab.name.casefold() not in wanted:
                continue
            try:
                value = float(lab.value.strip().lstrip("<>≤≥=").replace(",", "."))
            except ValueError:
                continue
            out.append((r.done_on, value, lab.unit))
    return sorted(out, key=lambda x: x[0])


@dataclass(frozen=True)
class PhoneLine:
    """One patient of the phone list: every overdue visit of theirs, in the triage order of
    rule 15, and the calls made to them since the first of those windows opened."""

    patient: Patient
    entries: tuple[WorklistEntry, ...]
    calls: tuple[CallAttempt, ...]  # newest first

    @property
    def days_late(self) -> int:
        return max(e.days_late for e in self.entries)


def overdue_calls(roster: Roster, today: date) -> list[PhoneLine]:
    """The phone list: one line per patient with overdue visits, patients in the order of
    their most urgent visit (rule 15)."""
    entries = [e for e in roster.worklist(today, today, today) if e.status == VisitStatus.OVERDUE]
    by_patient: dict[int, list[WorklistEntry]] = {}
    for e in entries:  # dicts keep the order their keys came in: the triage order
        by_patient.setdefault(e.patient.id or 0, []).append(e)
    calls = roster.store.calls()
    out = []
    for mine in by_patient.values():
        patient, since = mine[0].patient, min(e.visit.window_start for e in mine)
        theirs = [c for c in calls if c.patient_id == patient.id and c.called_on >= since]
        theirs.sort(key=lambda c: (c.called_on, c.id or 0), reverse=True)
        out.append(PhoneLine(patient, tuple(mine), tuple(theirs)))
    return out


def search_key(text: str) -> tuple[str, str]:
    """What search compares a row with: its text folded (`fold`) with the Pinyin of its Chinese
    names after it, and its digits. Computed once per row, not once per keystroke."""
    folded = fold(text)
    readings = _pinyin_readings(text)
    return (f"{folded} {readings}" if readings else folded), "".join(ch for ch in text if ch.isdigit())


def fold(text: str) -> str:
    """Case-folded, accents taken off (`Tomás` → `tomas`, `Müller` → `muller`), so a nurse finds a
    name however the keyboard at hand spells it. Chinese characters are left as they are."""
    text = text.casefold()
    if text.isascii():
        return text
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text.translate(_UNDECOMPOSED)


# letters Unicode gives no accent-free decomposition for, spelled as a keyboard without them would
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe",
                               "þ": "th", "ð": "d"})


def _pinyin_readings(text: str) -> str:
    """The toneless Pinyin of every run of Chinese characters in `text`, three ways: joined
    (`huangxiuying`), syllable by syllable (`huang xiu ying`) and initials (`hxy`), as nurses type
    on a Pinyin keyboard. A run's first character is usually the surname, read in every way it
    can be (单 dan/shan/chan, 曾 zeng/ceng: `pypinyin` alone reads 曾 as ceng)."""
    if text.isascii():
        return ""
    return " ".join(_run_readings(run) for run in _HAN_RUN.findall(text))


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@functools.lru_cache(maxsize=65536)
def _run_readings(run: str) -> str:
    # pypinyin loads its dictionaries on first use (about 0.3 s): only a roster with Chinese
    # names pays for it, once
    from pypinyin import Style, lazy_pinyin, pinyin

    syllables = lazy_pinyin(run, style=Style.NORMAL)
    firsts = pinyin(run[0], style=Style.NORMAL, heteronym=True)[0]
    out = []
    for first in dict.fromkeys([syllables[0], *firsts]):
        each = [first, *syllables[1:]]
        out += ["".join(each), " ".join(each), "".join(s[0] for s in each if s)]
    return " ".join(out)


def compile_query(query: str) -> list[tuple[str, str]]:
    """The words of a query, folded like the rows, each with its digits when it looks like a
    phone number (so `138 1234` finds `+86 138-1234`). Done once per keystroke, not per row."""
    words = []
    for word in fold(query).split():
        digits = "".join(ch for ch in word if ch.isdigit())
        phone_like = digits and all(ch.isdigit() or ch in "+-()./" for ch in word)
        words.append((word, digits if phone_like else ""))
    return words


def key_matches(key: tuple[str, str], words: list[tuple[str, str]]) -> bool:
    """Every word is found in the text, or (a phone-like word) in the text's digits."""
    hay, digits = key
    for word, word_digits in words:
        if word in hay or (word_digits and word_digits in digits):
            continue
        return False
    return True


def matches(text: str, query: str) -> bool:
    """Search as you type: every word of the query is found, case folded (any script);
    phone numbers match on their digits."""
    return key_matches(search_key(text), compile_query(query))
