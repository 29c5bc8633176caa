"""The day's worklist: every visit of one clinic day in one table, overdue first.

Landscape, because nine columns do not fit a portrait page at a readable size; one line a visit
(two when the visit carries a flag) so about thirty visits fit a page. The caller orders the
rows and, for the worklist of a day, gives the sections of the worklist screen (rule 14: paper
equals screen), printed with the screen's names and counts even when empty; without sections
the rows are grouped under a heading per status in that order of urgency, keeping the caller's
order inside each group. The column headings and the group heading repeat on every
page, because pages of a worklist get separated on the desk.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .data import DayList, DayListRow, DaySection
from .drawing import ASCENT, BLACK, GREY, INK, RULE, SHADE, Color, Geometry, Page
from .human_dates import cell_date, cell_range, weekday_date
from .status_marks import status_color, status_mark
from .wording import staff_language as lang
from .wording import status_word, text

SIZE = 8.5
ROW = 13.0
FLAG_LINE = 9.5
HEADER_ROW = 15.0
GROUP_ROW = 16.0
FLAG_COLOR: Color = (0.70, 0.25, 0.0)
GROUP_ORDER = ("overdue", "due", "upcoming", "done", "missed", "cancelled", "prior")


@dataclass(frozen=True)
class Column:
    key: str  # wording key of the heading; "" for the tick box
    share: float  # of the frame width


COLUMNS: tuple[Column, ...] = (
    Column("", 0.025),
    Column("day.col_status", 0.08),
    Column("day.col_patient", 0.19),
    Column("day.col_mrn", 0.085),
    Column("day.col_phone", 0.10),
    Column("day.col_protocol", 0.085),
    Column("day.col_visit", 0.20),
    Column("day.col_scheduled", 0.07),
    Column("day.col_window", 0.12),
    Column("day.col_late", 0.045),
)


def group_rows(rows: Sequence[DayListRow]) -> list[tuple[str, list[DayListRow]]]:
    """Rows under their status, most urgent group first, the caller's order kept within."""
    groups: dict[str, list[DayListRow]] = {}
    for row in rows:
        groups.setdefault(row.visit.status, []).append(row)
    rank = {status: i for i, status in enumerate(GROUP_ORDER)}
    ordered = sorted(groups, key=lambda s: rank.get(s, len(rank)))
    return [(status, groups[status]) for status in ordered]


def sections_of(day_list: DayList) -> list[DaySection]:
    """What the day list prints, in order: the caller's sections, or the rows by status."""
    if day_list.sections:
        return list(day_list.sections)
    return [DaySection(status_word(lang(), status), status, tuple(rows))
            for status, rows in group_rows(day_list.rows)]


def plan_day_list(day_list: DayList, geometry: Geometry, font: str) -> list[Page]:
    pages: list[Page] = []
    page = Page(geometry, font)
    pages.append(page)
    y = _page_header(page, day_list, first=True)
    if not day_list.rows and not day_list.sections:
        page.text(geometry.left, y - 30, text(lang(), "day.none"), 14, color=INK)
        return pages
    xs = _column_edges(geometry)
    y = _column_headings(page, xs, y)
    shade = False
    for section in sections_of(day_list):
        rows = section.rows
        if y - GROUP_ROW - (_row_height(rows[0]) if rows else ROW) < geometry.bottom:
            page, y = _next_page(pages, day_list, xs)
        y = _group_heading(page, y, section, continued=False)
        if not rows:  # an empty section still shows, as on the screen
            page.text(xs[2] + 2, y - ROW + 3.8, text(lang(), "day.section_empty"), SIZE, color=GREY)
            y -= ROW
        for row in rows:
            if y - _row_height(row) < geometry.bottom:
                page, y = _next_page(pages, day_list, xs)
                y = _group_heading(page, y, section, continued=True)
                shade = False
            y = _row(page, xs, y, row, shade)
            shade = not shade
    return pages


def _next_page(pages: list[Page], day_list: DayList, xs: list[float]) -> tuple[Page, float]:
    first = pages[0]
    page = Page(first.geometry, first.font)
    pages.append(page)
    y = _page_header(page, day_list, first=False)
    return page, _column_headings(page, xs, y)


def _column_edges(g: Geometry) -> list[float]:
    xs = [g.left]
    for column in COLUMNS:
        xs.append(xs[-1] + column.share * g.frame_width)
    xs[-1] = g.right  # no rounding drift past the frame
    return xs


def _page_header(page: Page, day_list: DayList, *, first: bool) -> float:
    g = page.geometry
    size = 14 if first else 11
    title = f"{text(lang(), 'day.title')} \u2014 {weekday_date(day_list.day, lang())}"
    counts = _counts(day_list)
    counts_w = page.text(g.right, g.top - ASCENT * 9, counts, 9, color=GREY, align="right",
                         max_width=g.frame_width * 0.4)
    page.text(g.left, g.top - ASCENT * size, title, size, bold=True, color=BLACK,
              max_width=g.frame_width - counts_w - 20, min_size=9)
    y = g.top - size - 4
    page.text(g.left, y - ASCENT * 8.5, day_list.clinic.name, 8.5, color=GREY)
    return y - 16


def _counts(day_list: DayList) -> str:
    # a section's name without its explanation in brackets: "Due now 22"
    parts = [f"{re.split(r' [(]|（', s.title)[0]} {len(s.rows)}" for s in sections_of(day_list)]
    parts.append(text(lang(), "day.count", count=len(day_list.rows)))
    return " \u00b7 ".join(parts)


def _column_headings(page: Page, xs: list[float], top: float) -> float:
    g = page.geometry
    page.rect(g.left, top - HEADER_ROW, g.frame_width, HEADER_ROW, stroke=None, fill=SHADE)
    base = top - HEADER_ROW + 4.5
    for i, column in enumerate(COLUMNS):
        if column.key:
            page.text(xs[i] + 2, base, text(lang(), column.key), 7.5, bold=True, color=INK,
                      max_width=xs[i + 1] - xs[i] - 4, min_size=6)
    page.line(g.left, top - HEADER_ROW, g.right, top - HEADER_ROW, width=0.8, color=INK)
    return top - HEADER_ROW


def _group_heading(page: Page, top: float, section: DaySection, *, continued: bool) -> float:
    g = page.geometry
    word, status = section.title, section.mark
    label = text(lang(), "day.continued", group=word) if continued else f"{word} ({len(section.rows)})"
    shape, colour = status_mark(status)
    tint = _tint(colour)
    page.rect(g.left, top - GROUP_ROW, g.frame_width, GROUP_ROW, stroke=None, fill=tint)
    base = top - GROUP_ROW + 4.5
    page.marker(shape, g.left + 7, base + 3.2, 8, colour)
    page.text(g.left + 16, base, label, 9.5, bold=True, color=status_color(status))
    return top - GROUP_ROW


def _tint(colour: Color) -> Color:
    r, gr, b = colour
    return (1 - 0.12 * (1 - r), 1 - 0.12 * (1 - gr), 1 - 0.12 * (1 - b))


def _row_height(row: DayListRow) -> float:
    return ROW + (FLAG_LINE if row.visit.flags else 0.0)


def _row(page: Page, xs: list[float], top: float, row: DayListRow, shade: bool) -> float:
    g = page.geometry
    v = row.visit
    height = _row_height(row)
    if shade:
        page.rect(g.left, top - height, g.frame_width, height, stroke=None, fill=(0.97, 0.97, 0.98))
    base = top - ROW + 3.8

    def cell(i: int, value: str, *, bold: bool = False, color: Color = INK,
             offset: float = 0.0) -> float:
        return page.text(xs[i] + 2 + offset, base, value, SIZE, bold=bold, color=color,
                         max_width=xs[i + 1] - xs[i] - 6 - offset, min_size=7)

    box = 8.0  # a tick box per visit, for the nurse's round
    page.rect(xs[0] + 3, base - 1, box, box, stroke=INK, width=0.7)
    shape, colour = status_mark(v.status)
    page.marker(shape, xs[1] + 5.5, base + 3, 7, colour)
    cell(1, status_word(lang(), v.status), color=status_color(v.status), offset=10)
    cell(2, row.name, bold=True)
    cell(3, row.mrn)
    cell(4, row.phone)
    cell(5, v.protocol)
    code_w = cell(6, v.code, bold=True)
    cell(6, v.label, offset=code_w + 5)
    cell(7, cell_date(v.scheduled, lang()))
    cell(8, cell_range(v.window_start, v.window_end, lang()))
    if v.days_late > 0:
        page.text(xs[10] - 4, base, str(v.days_late), SIZE, bold=True,
                  color=status_color("overdue"), align="right", max_width=xs[10] - xs[9] - 6)
    if v.flags:
        flag_base = base - FLAG_LINE
        page.marker("triangle", xs[2] + 5, flag_base + 2.6, 6, FLAG_COLOR)
        page.text(xs[2] + 11, flag_base, " \u00b7 ".join(v.flags), 7.5, color=FLAG_COLOR,
                  max_width=g.right - xs[2] - 13)
    page.line(g.left, top - height, g.right, top - height, width=0.3, color=RULE)
    return top - height

