"""The building blocks of a staff form: section headings and rows of labelled fields."""

from collections.abc import Sequence
from dataclasses import dataclass

from .drawing import ASCENT, GREY, INK, RULE, Color, Page

SECTION_SIZE = 7.5
LABEL_SIZE = 7.0
VALUE_SIZE = 10.0
SECTION_GAP = 9.0  # between one section's last line and the next heading
# label line, gap, value line, and the value's descent
FIELD_ROW_HEIGHT = ASCENT * LABEL_SIZE + 3 + ASCENT * VALUE_SIZE + 0.5 + 4.0


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    share: float  # fraction of the row's width
    color: Color = INK
    marker: tuple[str, Color] | None = None  # a status shape before the value


def section(page: Page, top: float, title: str, hint: str = "") -> float:
    """A small grey heading with a rule under it; returns the top of the content below."""
    g = page.geometry
    baseline = top - ASCENT * SECTION_SIZE
    used = page.text(g.left, baseline, title, SECTION_SIZE, bold=True, color=GREY)
    if hint:
        page.text(g.right, baseline, hint, SECTION_SIZE - 0.5, color=GREY, align="right",
                  max_width=g.frame_width - used - 20)
    rule_y = baseline - 3.5
    page.rule(rule_y, width=0.6, color=RULE)
    return rule_y - 4


SECTION_HEIGHT = ASCENT * SECTION_SIZE + 7.5


def field_row(page: Page, top: float, fields: Sequence[Field], *, left: float | None = None,
              width: float | None = None) -> float:
    """Label above value, side by side; values shrink then truncate to their cell."""
    g = page.geometry
    x = g.left if left is None else left
    total = g.frame_width if width is None else width
    label_base = top - ASCENT * LABEL_SIZE
    value_base = label_base - 3 - ASCENT * VALUE_SIZE - 0.5
    for f in fields:
        cell = total * f.share
        room = cell - 8  # a gap so neighbouring values never touch
        page.text(x, label_base, f.label, LABEL_SIZE, color=GREY, max_width=room)
        value_x = x
        if f.marker is not None:
            shape, colour = f.marker
            page.marker(shape, x + 4.5, value_base + 3.5, 8, colour)
            value_x += 12
        page.text(value_x, value_base, f.value or "\u2014", VALUE_SIZE, color=f.color,
                  max_width=room - (value_x - x), min_size=7.5)
        x += cell
    return FIELD_ROW_HEIGHT

