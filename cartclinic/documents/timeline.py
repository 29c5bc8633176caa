"""The patient's schedule as a picture: day 0 to the last visit, with today marked.

Fifteen years of follow-up on one line would crush the first year, when visits are weekly, into
a blot; so a schedule longer than about a year gets two rows: the first year, and all years.
Each visit is a marker whose shape and colour say its status (see `status_marks`); markers
that would overlap step up into a second or third lane. A legend names what is on the picture.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .data import TreatmentInfo, VisitLine
from .drawing import ASCENT, GREY, INK, RULE, Page
from .human_dates import is_zh, month_label
from .status_marks import LEGEND_ORDER, status_mark
from .wording import status_word, text

MARKER = 8.0
LANE = 9.0
LANES = 3
LABEL_WIDTH = 62.0
ROW_HEIGHT = 62.0  # "Today" label, three lanes of markers, the axis, tick labels
LEGEND_LINE = 13.0
TODAY_COLOR = (0.10, 0.10, 0.12)
INFUSION_COLOR = (0.35, 0.10, 0.55)
TWO_ROWS_AFTER = 400  # days; shorter schedules read well on one row


@dataclass(frozen=True)
class Span:
    first: date
    last: date
    label: str
    years: bool  # ticks at new years rather than at months


def spans(schedule: Sequence[VisitLine], treatments: Sequence[TreatmentInfo],
          language: str) -> list[Span]:
    starts = [t.infusion_date for t in treatments] or [v.scheduled for v in schedule]
    if not starts:
        return []
    first = min(starts)
    last = max([v.scheduled for v in schedule] + starts + [first + timedelta(days=28)])
    if (last - first).days <= TWO_ROWS_AFTER:
        return [Span(first, last, "", years=False)]
    return [
        Span(first, first + timedelta(days=365), text(language, "letter.first_year"), False),
        Span(first, last, text(language, "letter.all_years"), years=True),
    ]


def timeline_height(schedule: Sequence[VisitLine], treatments: Sequence[TreatmentInfo],
                    language: str, page: Page, width: float) -> float:
    rows = len(spans(schedule, treatments, language))
    if rows == 0:
        return 0.0
    return rows * ROW_HEIGHT + len(_legend_lines(page, schedule, language, width)) * LEGEND_LINE


def draw_timeline(page: Page, left: float, top: float, width: float,
                  schedule: Sequence[VisitLine], treatments: Sequence[TreatmentInfo],
                  today: date, language: str) -> float:
    """Draw the picture with its top-left at (left, top); returns the height used."""
    y = top
    for span in spans(schedule, treatments, language):
        _row(page, left, y, width, span, schedule, treatments, today, language)
        y -= ROW_HEIGHT
    for line in _legend_lines(page, schedule, language, width):
        x = left + LABEL_WIDTH
        for symbol, word in line:
            x = _legend_entry(page, x, y - 9, symbol, word)
        y -= LEGEND_LINE
    return top - y


def _row(page: Page, left: float, top: float, width: float, span: Span,
         schedule: Sequence[VisitLine], treatments: Sequence[TreatmentInfo], today: date,
         language: str) -> None:
    x0, x1 = left + LABEL_WIDTH, left + width - MARKER
    axis = top - 10 - LANES * LANE
    days = max(1, (span.last - span.first).days)

    def x_of(day: date) -> float:
        return x0 + (x1 - x0) * (day - span.first).days / days

    if span.label:
        page.text(left, axis - 3, span.label, 8, bold=True, color=GREY,
                  max_width=LABEL_WIDTH - 6)
    page.line(x0, axis, x1, axis, width=1.2, color=RULE)
    _ticks(page, x_of, span, axis, language, x1 - x0)
    for t in treatments:
        if span.first <= t.infusion_date <= span.last:
            x = x_of(t.infusion_date)
            page.line(x, axis - 2, x, axis + LANES * LANE, width=1.6, color=INFUSION_COLOR)
    if span.first <= today <= span.last:
        x = x_of(today)
        page.line(x, axis - 6, x, axis + LANES * LANE + 1, width=0.9, color=TODAY_COLOR,
                  dash=(2, 1.5))
        page.text(x, axis + LANES * LANE + 3, text(language, "letter.today"), 6.5,
                  color=TODAY_COLOR, align="center")
    lane_end = [-1e9] * LANES
    visible = [v for v in schedule if span.first <= v.scheduled <= span.last]
    for v in sorted(visible, key=lambda v: v.scheduled):
        x = x_of(v.scheduled)
        free = [i for i in range(LANES) if lane_end[i] <= x - MARKER * 0.9]
        lane = free[0] if free else min(range(LANES), key=lambda i: lane_end[i])
        lane_end[lane] = x
        shape, colour = status_mark(v.status)
        page.marker(shape, x, axis + lane * LANE, MARKER, colour)


def _ticks(page: Page, x_of: Callable[[date], float], span: Span, axis: float, language: str,
           length: float) -> None:
    ticks: list[tuple[date, str]] = []
    if span.years:
        years = range(span.first.year + 1, span.last.year + 1)
        step = 1
        while years and length / max(1, len(years) / step) < 26:
            step += 1
        ticks = [(date(y, 1, 1), str(y)) for y in years[::step]]
    else:
        month = date(span.first.year, span.first.month, 1)
        candidates: list[date] = []
        while month <= span.last:
            if month >= span.first:
                candidates.append(month)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        step = 1
        while candidates and length / max(1, len(candidates) / step) < 24:
            step += 1
        for day in candidates[::step]:
            label = month_label(day, language)
            if day.month == 1 or day == candidates[0]:
                label = f"{day.year}年{label}" if is_zh(language) else f"{label} {day.year}"
            ticks.append((day, label))
    last_end = -1e9
    for day, label in ticks:
        x = x_of(day)
        page.line(x, axis - 3, x, axis, width=0.6, color=GREY)
        w = page.width_of(label, 6.5)
        if x - w / 2 > last_end + 3:  # skip a label that would touch the one before
            page.text(x, axis - 4 - ASCENT * 6.5, label, 6.5, color=GREY, align="center")
            last_end = x + w / 2


Entry = tuple[str, str]  # (symbol: a status, "infusion" or "today"; the word)


def _legend_lines(page: Page, schedule: Sequence[VisitLine], language: str,
                  width: float) -> list[list[Entry]]:
    present = {v.status for v in schedule}
    entries: list[Entry] = [(s, status_word(language, s)) for s in LEGEND_ORDER if s in present]
    entries += [("infusion", text(language, "letter.infusion")),
                ("today", text(language, "letter.today"))]
    lines: list[list[Entry]] = [[]]
    x, limit = 0.0, width - LABEL_WIDTH
    for symbol, word in entries:
        w = _entry_width(page, word)
        if lines[-1] and x + w > limit:
            lines.append([])
            x = 0.0
        lines[-1].append((symbol, word))
        x += w
    return lines


def _entry_width(page: Page, word: str) -> float:
    return MARKER + 4 + page.width_of(word, 8) + 14


def _legend_entry(page: Page, x: float, y: float, symbol: str, word: str) -> float:
    if symbol == "infusion":
        page.line(x + MARKER / 2, y - 1, x + MARKER / 2, y + MARKER + 1, width=1.6,
                  color=INFUSION_COLOR)
    elif symbol == "today":
        page.line(x + MARKER / 2, y - 1, x + MARKER / 2, y + MARKER + 1, width=0.9,
                  color=TODAY_COLOR, dash=(2, 1.5))
    else:
        shape, colour = status_mark(symbol)
        page.marker(shape, x + MARKER / 2, y + MARKER / 2, MARKER, colour)
    page.text(x + MARKER + 4, y + 1, word, 8, color=INK)
    return x + _entry_width(page, word)
