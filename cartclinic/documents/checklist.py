"""The assessments of a visit as a checklist: a box to tick and a line to write the result.

Boxes are at least 10 pt (3.5 mm) so a tick with a ballpoint pen lands inside. Long lists use
two columns, read top to bottom like the protocol lists them; a list longer than the page
continues on the next page, so the caller asks how many items fit before drawing.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .drawing import ASCENT, GREY, INK, RULE, Page

GUTTER = 18.0  # between the two columns
BOX_GAP = 5.0  # between a box and its label
MIN_RESULT = 60.0  # room always left on the right to write a result


@dataclass(frozen=True)
class ChecklistStyle:
    box: float
    size: float
    leading: float
    min_row: float
    max_lines: int


NORMAL = ChecklistStyle(box=11.0, size=9.5, leading=11.5, min_row=19.0, max_lines=2)
COMPACT = ChecklistStyle(box=10.0, size=8.5, leading=10.0, min_row=15.5, max_lines=2)


class Checklist:
    """The items of one visit laid out at one width and style; measures before drawing."""

    def __init__(self, page: Page, items: Sequence[str], style: ChecklistStyle) -> None:
        self.style = style
        self.width = page.geometry.frame_width
        # The column count is chosen for the whole list, so a continued list keeps its look.
        self.columns = 1 if len(items) <= 6 else 2
        self.column_width = (self.width - GUTTER * (self.columns - 1)) / self.columns
        label_width = self.column_width - style.box - BOX_GAP - MIN_RESULT
        self._lines = {item: page.wrap(item, style.size, label_width, style.max_lines)
                       for item in items}

    def _item_height(self, item: str) -> float:
        lines = len(self._lines[item])
        return max(self.style.min_row, 3.0 + lines * self.style.leading + 3.0)

    def _rows(self, items: Sequence[str]) -> list[list[str]]:
        """Items in rows, filled down the first column and then down the second."""
        count = math.ceil(len(items) / self.columns)
        return [list(items[r::count]) for r in range(count)] if count else []

    def height(self, items: Sequence[str]) -> float:
        return sum(max(self._item_height(i) for i in row) for row in self._rows(items))

    def fit_count(self, items: Sequence[str], room: float) -> int:
        """How many of `items`, from the first, fit in `room` points of height."""
        fitting = 0
        for count in range(1, len(items) + 1):  # heights grow with count; lists are short
            if self.height(items[:count]) <= room:
                fitting = count
            else:
                break
        return fitting

    def draw(self, page: Page, top: float, items: Sequence[str]) -> float:
        """Draw `items` below `top`; returns the height used."""
        x0 = page.geometry.left
        y = top
        for row in self._rows(items):
            row_height = max(self._item_height(i) for i in row)
            for column, item in enumerate(row):
                x = x0 + column * (self.column_width + GUTTER)
                self._draw_item(page, x, y, item)
            y -= row_height
        return top - y

    def _draw_item(self, page: Page, x: float, top: float, item: str) -> None:
        s = self.style
        lines = self._lines[item]
        first = top - 3.0 - ASCENT * s.size
        centre = first + 0.33 * s.size
        page.rect(x, centre - s.box / 2, s.box, s.box, stroke=INK, width=0.9)
        label_x = x + s.box + BOX_GAP
        last = first
        ended = label_x
        for n, line in enumerate(lines):
            last = first - n * s.leading
            ended = label_x + page.text(label_x, last, line, s.size, color=INK)
        # The write-in line starts right after the label: short labels leave more room.
        start, end = ended + 8.0, x + self.column_width
        page.line(start, last - 2.0, end, last - 2.0, width=0.6, color=RULE, dash=(1, 2))


def no_items(page: Page, top: float, message: str) -> float:
    page.text(page.geometry.left, top - 3 - ASCENT * 9, message, 9, color=GREY)
    return 16.0
