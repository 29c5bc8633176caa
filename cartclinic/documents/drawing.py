"""A page as a list of drawing operations, laid out before anything is written.

Documents describe each page with these operations instead of calling reportlab directly, for
two reasons: the footer says "Page x of y", so every page must exist before the first is
drawn; and each operation knows its own box, so tests can prove that nothing lands outside the
printable frame (and any future check can too) without parsing the PDF.
"""

from dataclasses import dataclass, field
from typing import Literal

from .glyphs import drawable
from .textfit import fit_line, truncate, width_of, wrap, wrap_limited

Color = tuple[float, float, float]  # RGB, 0..1

BLACK: Color = (0.0, 0.0, 0.0)
INK: Color = (0.12, 0.12, 0.14)
GREY: Color = (0.38, 0.38, 0.42)
RULE: Color = (0.70, 0.70, 0.74)
SHADE: Color = (0.93, 0.93, 0.95)

ASCENT = 0.88  # of the font size, above the baseline (wqy-microhei and most CJK faces)
DESCENT = 0.24  # below the baseline


@dataclass(frozen=True)
class Text:
    x: float  # left end of the baseline
    y: float
    text: str
    size: float
    bold: bool
    color: Color
    width: float  # measured, so the box is known without the font

    def box(self) -> tuple[float, float, float, float]:
        return (self.x, self.y - DESCENT * self.size, self.x + self.width,
                self.y + ASCENT * self.size)


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    color: Color = RULE
    dash: tuple[float, ...] = ()

    def box(self) -> tuple[float, float, float, float]:
        return (min(self.x1, self.x2), min(self.y1, self.y2),
                max(self.x1, self.x2), max(self.y1, self.y2))


@dataclass(frozen=True)
class Rect:
    x: float
    y: float  # bottom
    w: float
    h: float
    stroke: Color | None = BLACK
    fill: Color | None = None
    width: float = 0.8

    def box(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.x + self.w, self.y + self.h)


# Status markers differ in shape as well as colour, so a black-and-white copy still tells
# done from missed from overdue.
MARKER_SHAPES = ("disc", "ring", "triangle", "diamond", "cross", "square", "dot")


@dataclass(frozen=True)
class Marker:
    shape: str  # one of MARKER_SHAPES
    x: float  # centre
    y: float
    size: float  # width and height
    color: Color

    def box(self) -> tuple[float, float, float, float]:
        half = self.size / 2
        return (self.x - half, self.y - half, self.x + half, self.y + half)


Op = Text | Line | Rect | Marker
Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Geometry:
    """Page size and the frame that body content must stay inside; the footer sits below."""

    width: float
    height: float
    margin: float = 36.0  # half an inch: inside every office printer's printable area
    footer_height: float = 26.0

    @property
    def left(self) -> float:
        return self.margin

    @property
    def right(self) -> float:
        return self.width - self.margin

    @property
    def top(self) -> float:
        return self.height - self.margin

    @property
    def bottom(self) -> float:
        return self.margin + self.footer_height

    @property
    def frame_width(self) -> float:
        return self.right - self.left


@dataclass
class Page:
    """One page being laid out. Text methods fit their text to the width they are given."""

    geometry: Geometry
    font: str
    ops: list[Op] = field(default_factory=list)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        color: Color = INK,
        max_width: float | None = None,
        min_size: float | None = None,
        align: Align = "left",
    ) -> float:
        """Draw one line at baseline y; x is its left, right or centre per `align`.

        Shrinks to `min_size` if given, then truncates with an ellipsis, so the line never
        passes `max_width` nor the frame. Returns the drawn width.
        """
        g = self.geometry
        text = drawable(text, self.font)
        room = {"left": g.right - x, "right": x - g.left,
                "center": 2 * min(x - g.left, g.right - x)}[align]
        limit = room if max_width is None else min(max_width, room)
        if min_size is not None:
            fitted, size = fit_line(text, self.font, size, limit, min_size)
        else:
            fitted = truncate(text, self.font, size, limit)
        if not fitted:
            return 0.0
        w = width_of(fitted, self.font, size)
        left = {"left": x, "right": x - w, "center": x - w / 2}[align]
        self.ops.append(Text(left, y, fitted, size, bold, color, w))
        return w

    def paragraph(
        self,
        x: float,
        top: float,
        width: float,
        text: str,
        size: float,
        *,
        leading: float | None = None,
        max_lines: int | None = None,
        bold: bool = False,
        color: Color = INK,
    ) -> float:
        """Wrapped text whose first line's top is at `top`; returns the height it used."""
        lines = self.wrap(text, size, width, max_lines)
        return self.lines(x, top, lines, size, leading=leading, bold=bold, color=color)

    def wrap(self, text: str, size: float, width: float, max_lines: int | None = None) -> list[str]:
        text = drawable(text, self.font)  # measure what will be drawn
        if max_lines is None:
            return wrap(text, self.font, size, width)
        return wrap_limited(text, self.font, size, width, max_lines)

    def lines(
        self,
        x: float,
        top: float,
        lines: list[str],
        size: float,
        *,
        leading: float | None = None,
        bold: bool = False,
        color: Color = INK,
    ) -> float:
        step = leading if leading is not None else size * 1.3
        baseline = top - ASCENT * size
        for line in lines:
            self.text(x, baseline, line, size, bold=bold, color=color)
            baseline -= step
        return step * len(lines)

    def line(self, x1: float, y1: float, x2: float, y2: float, *, width: float = 0.5,
             color: Color = RULE, dash: tuple[float, ...] = ()) -> None:
        self.ops.append(Line(x1, y1, x2, y2, width, color, dash))

    def rule(self, y: float, *, width: float = 0.5, color: Color = RULE) -> None:
        self.line(self.geometry.left, y, self.geometry.right, y, width=width, color=color)

    def rect(self, x: float, y: float, w: float, h: float, *, stroke: Color | None = BLACK,
             fill: Color | None = None, width: float = 0.8) -> None:
        self.ops.append(Rect(x, y, w, h, stroke, fill, width))

    def marker(self, shape: str, x: float, y: float, size: float, color: Color) -> None:
        if shape not in MARKER_SHAPES:
            raise ValueError(f"unknown marker shape {shape!r}")
        self.ops.append(Marker(shape, x, y, size, color))

    def width_of(self, text: str, size: float) -> float:
        return width_of(text, self.font, size)
