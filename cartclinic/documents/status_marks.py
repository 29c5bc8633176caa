"""How a visit status looks on paper: a shape and a colour, the same on every document.

Shape carries the meaning and colour only helps, so a black-and-white copy or a colour-blind
reader still tells an overdue visit from a done one.
"""

from .drawing import Color

# status -> (marker shape, colour)
STATUS_MARKS: dict[str, tuple[str, Color]] = {
    "done": ("disc", (0.18, 0.49, 0.20)),        # green, filled circle
    "upcoming": ("ring", (0.08, 0.40, 0.75)),    # blue, open circle
    "due": ("triangle", (0.85, 0.42, 0.0)),      # orange, triangle
    "overdue": ("diamond", (0.78, 0.08, 0.08)),  # red, diamond
    "missed": ("cross", (0.30, 0.30, 0.30)),     # dark grey, cross
    "cancelled": ("square", (0.55, 0.55, 0.58)),  # grey, open square
    "prior": ("dot", (0.62, 0.62, 0.66)),        # light grey, small dot: history only
}

# The legend lists statuses in this order, the order of a patient's concern.
LEGEND_ORDER = ("overdue", "due", "upcoming", "done", "missed", "cancelled", "prior")

_UNKNOWN: tuple[str, Color] = ("dot", (0.0, 0.0, 0.0))


def status_mark(status: str) -> tuple[str, Color]:
    return STATUS_MARKS.get(status, _UNKNOWN)


def status_color(status: str) -> Color:
    """Text colour for a status word: alarm colours only where action is needed."""
    if status in ("overdue", "due"):
        return STATUS_MARKS[status][1]
    return (0.12, 0.12, 0.14)
