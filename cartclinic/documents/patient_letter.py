"""The letter a patient takes home: when to come back, in plain words, and a picture.

Written for the patient, not the clinic: whole sentences with the weekday, the window said as
"any day from ... to ...", no status codes. The next few visits are told in full; visits further
away (a fifteen-year schedule has dozens) are one line each, so the letter stays short.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from .data import PatientLetter, VisitLine
from .drawing import ASCENT, BLACK, GREY, INK, Geometry, Page
from .human_dates import long_date, long_range, short_date, weekday_date
from .status_marks import status_mark
from .timeline import draw_timeline, timeline_height
from .wording import text

BODY = 10.5
LEADING = 15.0
HEADING = 11.0
DETAILED = 4  # visits told in full sentences (overdue ones always are): one page, mostly
INDENT = 16.0
COMING = ("upcoming", "due", "overdue")

# The patient's address goes where the window of a window envelope shows it: DIN 5008 form B
# (DL, C5/6 and C5 envelopes with a left window, DIN 680). The address field is 85 × 45 mm,
# 20 mm from the left edge and 45 mm from the top edge of the page; its upper 17.7 mm hold the
# return line, the lower 27.3 mm the recipient (six lines: the name and five of address).
# Letter paper uses the same place (it is 6 mm wider, the left edge is the same).
MM = 72 / 25.4
ADDRESS_LEFT = 20 * MM
ADDRESS_TOP = 45 * MM
ADDRESS_WIDTH = 85 * MM
ADDRESS_HEIGHT = 45 * MM
RETURN_ZONE = 17.7 * MM
INFO_LEFT = 125 * MM  # DIN 5008's information block, right of the window


def visit_sentences(visit: VisitLine, today: date, language: str) -> str:
    """What the patient should do about one coming visit, in one or a few sentences."""
    # The dates decide, so a status computed on another day never tells a patient to come
    # on a day that has passed.
    if visit.status == "overdue" or visit.window_end < today:
        return text(language, "letter.overdue", end=weekday_date(visit.window_end, language))
    if visit.scheduled < today:  # due, past the planned day, window still open
        return text(language, "letter.late", date=weekday_date(visit.scheduled, language),
                    end=weekday_date(visit.window_end, language))
    parts = [text(language, "letter.come_on", date=weekday_date(visit.scheduled, language))]
    runs = open_runs(visit, today)
    if runs and (len(runs) > 1 or runs[0][0] < runs[0][1]):
        if len(runs) == 1:
            parts.append(text(language, "letter.window",
                              range=long_range(runs[0][0], runs[0][1], language)))
        elif len(runs) <= 3:
            said = [long_range(a, b, language) if a < b else long_date(a, language)
                    for a, b in runs]
            joined = text(language, "letter.runs_comma").join(said[:-1]) \
                + text(language, "letter.runs_and") + said[-1]
            parts.append(text(language, "letter.window_runs", runs=joined))
        else:
            parts.append(text(language, "letter.window_open",
                              range=long_range(runs[0][0], runs[-1][1], language)))
        parts.append(text(language, "letter.call_first"))
    joiner = "" if language.lower().startswith("zh") else " "
    return joiner.join(parts)


def open_runs(visit: VisitLine, today: date) -> list[tuple[date, date]]:
    """The days a letter may offer for a visit (rule 13: only days the clinic is open, never a
    day that has passed), as runs of consecutive days: first and last of each."""
    start = max(visit.window_start, today)
    if visit.open_days is None:
        days = [start + timedelta(days=i) for i in range((visit.window_end - start).days + 1)]
    else:
        days = sorted(d for d in visit.open_days if start <= d <= visit.window_end)
    runs: list[tuple[date, date]] = []
    for d in days:
        if runs and (d - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], d)
        else:
            runs.append((d, d))
    return runs


class _Flow:
    """A cursor down the pages of the letter; starts a new page when a block will not fit."""

    def __init__(self, letter: PatientLetter, geometry: Geometry, font: str) -> None:
        self.letter = letter
        self.pages = [Page(geometry, font)]
        self.y = geometry.top

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def need(self, height: float) -> None:
        if self.y - height < self.page.geometry.bottom:
            first = self.pages[0]
            self.pages.append(Page(first.geometry, first.font))
            self._continuation_header()

    def _continuation_header(self) -> None:
        g = self.page.geometry
        who = f"{self.letter.patient.name} \u00b7 {self.letter.clinic.name}"
        self.page.text(g.left, g.top - ASCENT * 8.5, who, 8.5, color=GREY)
        self.page.rule(g.top - 14)
        self.y = g.top - 26

    def paragraph(self, body: str, *, size: float = BODY, indent: float = 0.0,
                  bold: bool = False, gap: float = 8.0) -> None:
        g = self.page.geometry
        lines = self.page.wrap(body, size, g.frame_width - indent)
        leading = size * 1.42
        for line in lines:  # line by line, so a long paragraph may break across pages
            self.need(leading)
            self.page.text(g.left + indent, self.y - ASCENT * size, line, size, bold=bold,
                           color=INK)
            self.y -= leading
        self.y -= gap


def plan_patient_letter(letter: PatientLetter, geometry: Geometry, font: str) -> list[Page]:
    language = letter.clinic.language
    flow = _Flow(letter, geometry, font)
    _letterhead(flow, letter, language)
    flow.paragraph(text(language, "letter.dear", name=letter.patient.name), gap=6)
    flow.paragraph(text(language, "letter.intro"))
    for t in letter.treatments:
        # The target antigen is left out: it means little to most patients.
        flow.paragraph(text(language, "letter.treatment", product=t.product,
                            date=long_date(t.infusion_date, language)), gap=4)
    for key, until in (("letter.stay_near", letter.stay_near_until),
                       ("letter.no_driving", letter.no_driving_until)):
        if until is not None:
            flow.paragraph(text(language, key, date=weekday_date(until, language)), bold=True,
                           gap=4)
    flow.y -= 6
    _visits(flow, letter.coming_visits, letter.today, language)
    # the clinic's contact before the picture: if anything must go to a second page, let it be
    # the picture, never the number to call
    _closing(flow, letter, language)
    _picture(flow, letter, language)
    return flow.pages


def _letterhead(flow: _Flow, letter: PatientLetter, language: str) -> None:
    page, g = flow.page, flow.page.geometry
    day = long_date(letter.today, language)
    day_w = page.text(g.right, g.top - ASCENT * 10, day, 10, color=INK, align="right")
    page.text(g.left, g.top - ASCENT * 15, letter.clinic.name, 15, bold=True, color=BLACK,
              max_width=g.frame_width - day_w - 24, min_size=10)
    y = g.top - 21
    for detail in (letter.clinic.address, letter.clinic.phone):
        if detail:
            page.text(g.left, y - ASCENT * 9, detail, 9, color=GREY)
            y -= 12
    page.rule(y - 4, width=1.0, color=INK)
    if letter.patient.address:
        _address_block(page, letter)
        # the title and the reference beside the window; the letter goes on below it
        top = g.height - ADDRESS_TOP - RETURN_ZONE
        room = g.right - INFO_LEFT
        page.text(INFO_LEFT, top - ASCENT * 14, text(language, "letter.title"), 14, bold=True,
                  color=BLACK, max_width=room, min_size=9)
        page.text(INFO_LEFT, top - 22 - ASCENT * 9, text(language, "letter.ref",
                                                         mrn=letter.patient.mrn),
                  9, color=GREY, max_width=room, min_size=7)
        flow.y = g.height - ADDRESS_TOP - ADDRESS_HEIGHT - 14
        return
    y -= 22
    page.text(g.left, y - ASCENT * 14, text(language, "letter.title"), 14, bold=True,
              color=BLACK)
    y -= 24
    page.text(g.left, y - ASCENT * 11, letter.patient.name, 11, bold=True, color=BLACK,
              min_size=8)
    y -= 15
    page.text(g.left, y - ASCENT * 9, text(language, "letter.ref", mrn=letter.patient.mrn), 9,
              color=GREY)
    flow.y = y - 24


def _address_block(page: Page, letter: PatientLetter) -> None:
    """The return line and the patient's name and address, in the envelope window. Nothing
    of an address is cut off: a long one is set smaller, and one that still does not fit
    runs on below the window rather than lose a line."""
    g = page.geometry
    top = g.height - ADDRESS_TOP
    clinic = letter.clinic
    sender = ", ".join(part for part in (clinic.name, *clinic.address.splitlines()) if part)
    page.text(ADDRESS_LEFT, top - RETURN_ZONE + 3, sender, 7, color=GREY,
              max_width=ADDRESS_WIDTH, min_size=5.5)
    zone = ADDRESS_HEIGHT - RETURN_ZONE
    for size in (10.0, 9.0, 8.0):
        leading = size * 1.2
        name = page.wrap(letter.patient.name, size, ADDRESS_WIDTH)
        lines = page.wrap(letter.patient.address, size, ADDRESS_WIDTH)
        if (len(name) + len(lines)) * leading <= zone:
            break
    baseline = top - RETURN_ZONE - ASCENT * size - 2
    for i, line in enumerate(name + lines):
        page.text(ADDRESS_LEFT, baseline, line, size, bold=i < len(name), color=BLACK)
        baseline -= leading


LATER_LINES = 3


def _visits(flow: _Flow, visits: Sequence[VisitLine], today: date, language: str) -> None:
    # A done, missed or cancelled visit must never be presented as one to come to.
    visits = [v for v in visits if v.status in COMING]
    if not visits:
        flow.paragraph(text(language, "letter.no_visits"))
        return
    detailed = [v for i, v in enumerate(visits) if i < DETAILED or v.status == "overdue"]
    later = [v for v in visits if v not in detailed]
    g = flow.page.geometry
    for v in detailed:
        flow.need(HEADING * 1.4 + LEADING * 2)  # a heading never ends a page alone
        shape, colour = status_mark(v.status)
        base = flow.y - ASCENT * HEADING
        flow.page.marker(shape, g.left + 5, base + 3.8, 9, colour)
        heading = text(language, "letter.visit_heading", label=v.label, code=v.code)
        flow.page.text(g.left + INDENT, base, heading, HEADING, bold=True, color=BLACK)
        flow.y -= HEADING * 1.5
        flow.paragraph(visit_sentences(v, today, language), indent=INDENT, gap=9)
    if later:
        flow.need(HEADING * 1.4 + LEADING * 2)
        flow.paragraph(text(language, "letter.later"), size=HEADING, bold=True, gap=2)
        # fifteen years of yearly visits would push the clinic's contact onto a second page:
        # the next few are listed, the rest summed up in one line
        for v in later[:LATER_LINES]:
            runs = open_runs(v, today) or [(v.scheduled, v.scheduled)]
            line = text(language, "letter.later_line", label=v.label,
                        date=short_date(v.scheduled, language),
                        range=long_range(runs[0][0], runs[-1][1], language))
            flow.paragraph(line, size=9.5, indent=INDENT, gap=1)
        rest = later[LATER_LINES:]
        if rest:
            flow.paragraph(text(language, "letter.later_more", count=len(rest),
                                last=short_date(rest[-1].scheduled, language)),
                           size=9.5, indent=INDENT, gap=1)
        flow.y -= 8


def _picture(flow: _Flow, letter: PatientLetter, language: str) -> None:
    g = flow.page.geometry
    height = timeline_height(letter.schedule, letter.treatments, language, flow.page,
                             g.frame_width)
    if height == 0:
        return
    flow.need(HEADING * 1.6 + height)
    flow.page.text(g.left, flow.y - ASCENT * HEADING, text(language, "letter.timeline"),
                   HEADING, bold=True, color=BLACK)
    flow.y -= HEADING * 1.6
    flow.y -= draw_timeline(flow.page, g.left, flow.y, g.frame_width, letter.schedule,
                            letter.treatments, letter.today, language)
    flow.y -= 12


def _closing(flow: _Flow, letter: PatientLetter, language: str) -> None:
    phone = letter.clinic.phone
    ask = (text(language, "letter.questions_phone", phone=phone) if phone
           else text(language, "letter.questions"))
    flow.need(LEADING * 5)
    flow.paragraph(ask, gap=12)
    flow.paragraph(text(language, "letter.regards"), gap=2)
    flow.paragraph(text(language, "letter.team", clinic=letter.clinic.name), bold=True)
