"""The visit sheet: one page on the clipboard for one patient's visit.

Top to bottom: who the patient is, what they were treated with and which day after infusion
this is, what this visit is and how late, the clinical flags, the last results, the checklist
of assessments, the next visits, room for notes and a signature. Everything above the checklist
is bounded (the contract caps results and next visits at three; flags are capped here), so only
the checklist can outgrow the page: its rest goes to a continuation page that repeats the
patient's name and MRN, as every page of a clinical record must.
"""

from .checklist import COMPACT, NORMAL, Checklist, no_items
from .data import VisitLine, VisitSheet
from .drawing import ASCENT, BLACK, GREY, INK, RULE, Geometry, Page
from .form import SECTION_GAP, SECTION_HEIGHT, Field, field_row, section
from .glyphs import drawable
from .human_dates import (
    age_on,
    cell_date,
    cell_range,
    cell_weekday_date,
    day_number,
    short_date,
    short_range,
    short_weekday_date,
)
from .status_marks import status_color, status_mark
from .textfit import fit_block
from .wording import kind_word, status_word, text
from .wording import staff_language as lang

MAX_FLAGS = 6  # more would push the checklist off the page; the rest are counted, not hidden
MAX_VISIT_FLAGS = 3
FLAG_COLOR = (0.70, 0.25, 0.0)
NOTE_SPACING = 20.0  # ruled lines far enough apart for handwriting
MIN_NOTE_LINES = 2  # fewer lines rather than a second page
SIGNATURE_HEIGHT = 34.0
ROW_SIZE = 9.0
ROW_LEADING = 11.0
LABEL = 7.0


def plan_visit_sheet(sheet: VisitSheet, geometry: Geometry, font: str) -> list[Page]:
    """Lay out one visit sheet; usually one page, more when the checklist needs them."""
    pages = [Page(geometry, font)]
    page = pages[0]
    y = _first_header(page, sheet)
    y = _patient(page, sheet, y)
    y = _treatment(page, sheet, y)
    y = _this_visit(page, sheet, y)
    y = _clinical_flags(page, sheet, y)
    y = _results(page, sheet, y)

    items = list(sheet.visit.assessments)
    tail = _next_visits_height(sheet) + SECTION_HEIGHT + MIN_NOTE_LINES * NOTE_SPACING \
        + SIGNATURE_HEIGHT
    style = NORMAL
    if Checklist(page, items, NORMAL).height(items) + SECTION_HEIGHT + tail > y - geometry.bottom:
        style = COMPACT  # denser boxes before resorting to a second page
    checklist = Checklist(page, items, style)
    hint = text(lang(), "sheet.assessments_hint")
    continued = False
    fresh = False  # a page that holds nothing yet but its header
    if not items:
        y = section(page, y, text(lang(), "sheet.assessments"), hint)
        y -= no_items(page, y, text(lang(), "sheet.no_assessments")) + SECTION_GAP
    while items:
        room = y - SECTION_HEIGHT - geometry.bottom
        if checklist.height(items) + tail <= room:
            count = len(items)
        else:
            count = min(checklist.fit_count(items, room - 16), len(items))
        if count == 0 and not fresh:  # not one item fits under the heading: next page
            page, y = _new_page(pages, sheet)
            fresh = True
            continue
        count = max(count, 1)  # always progress, even on a page too small for one item
        fresh = False
        title = text(lang(), "sheet.assessments")
        if continued:
            title = f"{title} ({text(lang(), 'sheet.continued')})"
        y = section(page, y, title, hint)
        y -= checklist.draw(page, y, items[:count])
        items = items[count:]
        if items:
            page.text(geometry.right, y - 10, text(lang(), "sheet.assessments_continue"), 8,
                      color=GREY, align="right")
            page, y = _new_page(pages, sheet)
            continued = fresh = True
        else:
            y -= SECTION_GAP

    if y - geometry.bottom < tail:
        page, y = _new_page(pages, sheet)
    y = _next_visits(page, sheet, y)
    _notes_and_signature(page, y)
    return pages


def _new_page(pages: list[Page], sheet: VisitSheet) -> tuple[Page, float]:
    first = pages[0]
    page = Page(first.geometry, first.font)
    pages.append(page)
    return page, _continuation_header(page, sheet)


def _first_header(page: Page, sheet: VisitSheet) -> float:
    g = page.geometry
    title = text(lang(), "sheet.title")
    title_w = page.text(g.right, g.top - ASCENT * 9, title, 9, bold=True, color=GREY,
                        align="right")
    page.text(g.left, g.top - ASCENT * 13, sheet.clinic.name, 13, bold=True, color=BLACK,
              max_width=g.frame_width - title_w - 20, min_size=9)
    contact = " \u00b7 ".join(p for p in (sheet.clinic.phone, sheet.clinic.address) if p)
    y = g.top - 17
    if contact:
        page.text(g.left, y - ASCENT * 7.5, contact, 7.5, color=GREY)
        y -= 11
    page.rule(y - 3, width=1.0, color=INK)
    return y - 10


def _continuation_header(page: Page, sheet: VisitSheet) -> float:
    """Clinic, patient and visit again, so a loose second page is never anonymous."""
    g = page.geometry
    title = f"{text(lang(), 'sheet.title')} ({text(lang(), 'sheet.continued')})"
    title_w = page.text(g.right, g.top - ASCENT * 9, title, 9, bold=True, color=GREY,
                        align="right")
    page.text(g.left, g.top - ASCENT * 9, sheet.clinic.name, 9, bold=True, color=GREY,
              max_width=g.frame_width - title_w - 20)
    baseline = g.top - 15 - ASCENT * 11
    mrn = f"{text(lang(), 'sheet.mrn')} {sheet.patient.mrn}"
    mrn_w = page.text(g.right, baseline, mrn, 11, bold=True, align="right",
                      max_width=g.frame_width * 0.4)
    visit = f"{sheet.visit.label} ({sheet.visit.code})"
    name_w = page.text(g.left, baseline, sheet.patient.name, 11, bold=True,
                       max_width=(g.frame_width - mrn_w - 20) * 0.6)
    page.text(g.left + name_w + 12, baseline, visit, 9, color=GREY,
              max_width=g.frame_width - mrn_w - name_w - 32)
    y = baseline - 8
    page.rule(y, width=1.0, color=INK)
    return y - 8


def _patient(page: Page, sheet: VisitSheet, top: float) -> float:
    g = page.geometry
    p = sheet.patient
    mrn_width = 150.0
    page.text(g.right, top - ASCENT * LABEL, text(lang(), "sheet.mrn"), LABEL, color=GREY,
              align="right")
    page.text(g.right, top - 9 - ASCENT * 15, p.mrn, 15, bold=True, color=BLACK,
              align="right", max_width=mrn_width, min_size=9)
    page.text(g.left, top - ASCENT * LABEL, text(lang(), "sheet.patient"), LABEL, color=GREY)
    name_top = top - 9
    # A name shrinks from 16 to 11 pt and takes two lines before it is ever cut.
    name = drawable(p.name, page.font)
    lines, size = fit_block(name, page.font, 16, 11, g.frame_width - mrn_width - 16, 2)
    used = page.lines(g.left, name_top, lines, size, leading=size * 1.15, bold=True,
                      color=BLACK)
    y = name_top - max(used, 15 * 1.15) - 4
    if p.date_of_birth is None:
        born = text(lang(), "sheet.no_dob")
    else:
        born = short_date(p.date_of_birth, lang())
        age = age_on(p.date_of_birth, sheet.visit.scheduled)
        if age is not None:
            born = f"{born} ({text(lang(), 'sheet.age', age=age)})"
    y -= field_row(page, y, [
        Field(text(lang(), "sheet.born"), born, 0.45),
        Field(text(lang(), "sheet.sex"), p.sex, 0.15),
        Field(text(lang(), "sheet.phone"), p.phone, 0.40),
    ])
    y = _patient_state(page, sheet, y)
    return y - SECTION_GAP + 2


def _treatment(page: Page, sheet: VisitSheet, top: float) -> float:
    t = sheet.treatment
    y = section(page, top, text(lang(), "sheet.treatment"))
    y -= field_row(page, y, [
        Field(text(lang(), "sheet.product"), t.product, 0.32),
        Field(text(lang(), "sheet.target"), t.target, 0.14),
        Field(text(lang(), "sheet.infused"), short_date(t.infusion_date, lang()), 0.22),
        Field(text(lang(), "sheet.protocols"), ", ".join(t.protocols), 0.32),
    ])
    return y - SECTION_GAP


def _this_visit(page: Page, sheet: VisitSheet, top: float) -> float:
    g = page.geometry
    v = sheet.visit
    y = section(page, top, text(lang(), "sheet.this_visit"))
    day = _day(v)
    day_w = page.text(g.right, y - ASCENT * 16, day, 16, bold=True, color=BLACK, align="right")
    page.text(g.right, y - 16 - 3 - ASCENT * 6.5, text(lang(), "sheet.on_visit_day"), 6.5,
              color=GREY, align="right")
    room = g.frame_width - max(day_w, 70) - 16
    code_w = page.text(g.left, y - ASCENT * 13, v.code, 13, bold=True, color=BLACK,
                       max_width=room * 0.3)
    page.text(g.left + code_w + 10, y - ASCENT * 13, v.label, 13, color=BLACK,
              max_width=room - code_w - 10, min_size=9)
    y -= 26
    status = status_word(lang(), v.status)
    if v.days_late > 0:
        late = (text(lang(), "sheet.one_day_late") if v.days_late == 1
                else text(lang(), "sheet.days_late", days=v.days_late))
        status = f"{status} \u00b7 {late}"
    y -= field_row(page, y, [
        Field(text(lang(), "sheet.scheduled"), short_weekday_date(v.scheduled, lang()), 0.26),
        Field(text(lang(), "sheet.window"), short_range(v.window_start, v.window_end, lang()), 0.28),
        Field(text(lang(), "sheet.status"), status, 0.28, color=status_color(v.status),
              marker=status_mark(v.status)),
        Field(text(lang(), "sheet.kind"), kind_word(lang(), v.kind), 0.18),
    ])
    for flag in v.flags[:MAX_VISIT_FLAGS]:
        y -= _flag_line(page, y, flag, bold=True, max_lines=1)
    return y - SECTION_GAP


def _flag_line(page: Page, top: float, flag: str, *, bold: bool, max_lines: int) -> float:
    g = page.geometry
    lines = page.wrap(flag, ROW_SIZE, g.frame_width - 14, max_lines)
    first = top - 2 - ASCENT * ROW_SIZE
    page.marker("triangle", g.left + 4, first + 3.2, 7.5, FLAG_COLOR)
    used = page.lines(g.left + 14, top - 2, lines, ROW_SIZE, leading=ROW_LEADING, bold=bold,
                      color=FLAG_COLOR if bold else INK)
    return used + 3


def _clinical_flags(page: Page, sheet: VisitSheet, top: float) -> float:
    y = section(page, top, text(lang(), "sheet.flags"))
    flags = sheet.clinical_flags
    if not flags:
        y -= no_items(page, y, text(lang(), "sheet.no_flags")) - 2
    for flag in flags[:MAX_FLAGS]:
        y -= _flag_line(page, y, flag, bold=False, max_lines=2)
    if len(flags) > MAX_FLAGS:
        more = text(lang(), "sheet.more_flags", count=len(flags) - MAX_FLAGS)
        page.text(page.geometry.left + 14, y - 2 - ASCENT * 8, more, 8, color=GREY)
        y -= 13
    return y - SECTION_GAP


# results table: column starts as fractions of the frame width
_RESULT_COLUMNS = (0.0, 0.14, 0.40, 0.58)


def _results(page: Page, sheet: VisitSheet, top: float) -> float:
    g = page.geometry
    y = section(page, top, text(lang(), "sheet.results"))
    results = sheet.recent_results[:3]
    if not results:
        return y - no_items(page, y, text(lang(), "sheet.no_results")) - SECTION_GAP + 2
    xs = [g.left + f * g.frame_width for f in _RESULT_COLUMNS] + [g.right]
    heads = ("sheet.col_date", "sheet.col_visit", "sheet.col_disease", "sheet.col_labs")
    for i, key in enumerate(heads):
        page.text(xs[i], y - ASCENT * LABEL, text(lang(), key), LABEL, color=GREY,
                  max_width=xs[i + 1] - xs[i] - 8)
    y -= 10
    for r in results:
        base = y - 2 - ASCENT * ROW_SIZE
        page.text(xs[0], base, cell_date(r.done_date, lang()), ROW_SIZE, max_width=xs[1] - xs[0] - 8)
        page.text(xs[1], base, r.visit_label, ROW_SIZE, max_width=xs[2] - xs[1] - 8)
        page.text(xs[2], base, r.disease_status or "\u2014", ROW_SIZE, bold=True,
                  max_width=xs[3] - xs[2] - 8)
        labs = " \u00b7 ".join(f"{lab.name} {lab.value} {lab.unit}".strip() for lab in r.labs)
        lines = page.wrap(labs or "\u2014", ROW_SIZE, xs[4] - xs[3], 2)
        used = page.lines(xs[3], y - 2, lines, ROW_SIZE, leading=ROW_LEADING)
        y -= used + 4
        page.line(g.left, y + 1, g.right, y + 1, width=0.3, color=RULE)
    return y - SECTION_GAP


# next-visit table: code, label, scheduled, window, day number
_NEXT_COLUMNS = (0.0, 0.08, 0.50, 0.68, 0.88)


def _next_visits_height(sheet: VisitSheet) -> float:
    return SECTION_HEIGHT + max(1, len(sheet.next_visits[:3])) * 14.0 + SECTION_GAP


def _next_visits(page: Page, sheet: VisitSheet, top: float) -> float:
    g = page.geometry
    y = section(page, top, text(lang(), "sheet.next_visits"))
    visits: tuple[VisitLine, ...] = sheet.next_visits[:3]
    if not visits:
        return y - no_items(page, y, text(lang(), "sheet.no_next")) - SECTION_GAP + 2
    xs = [g.left + f * g.frame_width for f in _NEXT_COLUMNS] + [g.right]
    for v in visits:
        base = y - 2 - ASCENT * ROW_SIZE
        cells = (v.code, v.label, cell_weekday_date(v.scheduled, lang()),
                 cell_range(v.window_start, v.window_end, lang()),
                 _day(v))
        for i, cell in enumerate(cells):
            page.text(xs[i], base, cell, ROW_SIZE, bold=i == 0, max_width=xs[i + 1] - xs[i] - 8)
        y -= 14
    return y - SECTION_GAP


def _day(v: VisitLine) -> str:
    """"Day +N" from the day 0 of the visit's own treatment (not the sheet's: after a
    re-infusion the next visits can belong to another treatment)."""
    n = v.day_number()
    return "" if n is None else day_number(n, lang())


def _patient_state(page: Page, sheet: VisitSheet, top: float) -> float:
    """Rule 12: a patient who died, withdrew or was lost says so, with the date, on every
    sheet; so does a relapse or progression not yet answered by a response."""
    p = sheet.patient
    y = top
    if p.state:
        y -= _flag_line(page, y, text(lang(), f"sheet.state.{p.state}",
                                      date=short_date(p.state_since, lang()) if p.state_since else ""),
                        bold=True, max_lines=1)
    if p.disease:
        y -= _flag_line(page, y, text(lang(), f"sheet.disease.{p.disease}",
                                      date=short_date(p.disease_since, lang()) if p.disease_since else ""),
                        bold=True, max_lines=1)
    return y


def _notes_and_signature(page: Page, top: float) -> None:
    """Ruled lines for notes down to the signature, which sits at the foot of the page."""
    g = page.geometry
    y = section(page, top, text(lang(), "sheet.notes"))
    signature_top = g.bottom + SIGNATURE_HEIGHT
    line_y = y - NOTE_SPACING
    while line_y >= signature_top + 4:
        page.line(g.left, line_y, g.right, line_y, width=0.5, color=RULE)
        line_y -= NOTE_SPACING
    baseline = g.bottom + 8
    cells = (("sheet.seen_by", 0.42), ("sheet.signature", 0.34), ("sheet.date", 0.24))
    x = g.left
    for key, share in cells:
        width = g.frame_width * share
        label_w = page.text(x, baseline, text(lang(), key), 8, color=GREY, max_width=width * 0.5)
        page.line(x + label_w + 6, baseline - 2, x + width - 14, baseline - 2, width=0.7,
                  color=INK)
        x += width
