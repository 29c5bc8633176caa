"""Making text fit a width: measure, wrap, shrink, and cut with an ellipsis.

Nothing on a printed sheet may run outside its box: a name that runs into the MRN column is a
name misread. Every string the documents draw passes through one of these functions first.
Chinese has no spaces, so a line may break between any two CJK characters; a Latin word longer
than the line (a 300-character name without spaces) is broken where it must be.
"""

import unicodedata

from reportlab.pdfbase.pdfmetrics import stringWidth

ELLIPSIS = "\u2026"


def width_of(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def _is_wide(ch: str) -> bool:
    """CJK and other wide characters: a line may break before or after each of them."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _safe_cut(text: str, end: int) -> int:
    """Move a cut point left so it never separates a letter from its combining accent."""
    while 0 < end < len(text) and unicodedata.combining(text[end]):
        end -= 1
    return end


def truncate(text: str, font: str, size: float, max_width: float) -> str:
    """`text` if it fits, else its longest prefix that fits with an ellipsis after it."""
    text = " ".join(text.split())  # line breaks and tabs in data would escape the box
    if width_of(text, font, size) <= max_width:
        return text
    if width_of(ELLIPSIS, font, size) > max_width:
        return ""
    lo, hi = 0, len(text)  # binary search: the longest prefix that fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width_of(text[:mid].rstrip() + ELLIPSIS, font, size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[: _safe_cut(text, lo)].rstrip() + ELLIPSIS


def fit_line(
    text: str, font: str, size: float, max_width: float, min_size: float
) -> tuple[str, float]:
    """Shrink from `size` down to `min_size` until `text` fits; past that, truncate."""
    text = " ".join(text.split())
    current = size
    while current > min_size and width_of(text, font, current) > max_width:
        current = max(min_size, current - 0.5)
    return truncate(text, font, current, max_width), current


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Greedy line breaking at spaces and between CJK characters; never wider than max_width."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(_wrap_paragraph(" ".join(paragraph.split()), font, size, max_width))
    return lines


def _wrap_paragraph(text: str, font: str, size: float, max_width: float) -> list[str]:
    lines: list[str] = []
    rest = text
    while rest:
        if width_of(rest, font, size) <= max_width:
            lines.append(rest)
            break
        cut = _longest_fitting(rest, font, size, max_width)
        brk = _last_break(rest, cut)
        if brk <= 0:
            brk = cut  # no break opportunity: break the word where it must
        lines.append(rest[:brk].rstrip())
        rest = rest[brk:].lstrip()
    return lines or [""]


def _longest_fitting(text: str, font: str, size: float, max_width: float) -> int:
    lo, hi = 1, len(text)  # at least one character, so a line always makes progress
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width_of(text[:mid], font, size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return _safe_cut(text, lo) or lo


# Chinese line breaking: a line never begins with a closing mark (a full stop alone at the start
# of a line is read as a misprint) nor ends with an opening one
NO_LINE_START = "。，、；：！？）」』”’》〉】…%"
NO_LINE_END = "（「『“‘《〈【"


def _may_break(text: str, i: int) -> bool:
    return not ((i < len(text) and text[i] in NO_LINE_START) or text[i - 1] in NO_LINE_END)


def _last_break(text: str, limit: int) -> int:
    """The last index <= limit where a line may end: after a space, or around a CJK char
    (never before a closing mark or after an opening one)."""
    if (limit < len(text) and (text[limit] == " " or _is_wide(text[limit]))
            and _may_break(text, limit)):
        return limit
    for i in range(limit, 0, -1):
        before = text[i - 1]
        if (before == " " or _is_wide(before) or before in "-/,;") and _may_break(text, i):
            return i
    return 0


def wrap_limited(
    text: str, font: str, size: float, max_width: float, max_lines: int
) -> list[str]:
    """Wrap into at most `max_lines` lines; the last one ends with an ellipsis if text remains."""
    lines = wrap(text, font, size, max_width)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last, following = kept[-1], lines[max_lines]
    # The last line plus the start of what follows cannot fit (the wrap was greedy), so
    # truncating the two together ends the line with an ellipsis at the right place.
    wide = (last and _is_wide(last[-1])) or (following and _is_wide(following[0]))
    joiner = "" if wide else " "
    kept[-1] = truncate(last + joiner + following, font, size, max_width)
    if not kept[-1].endswith(ELLIPSIS):  # only when a line was left empty by the data
        kept[-1] = truncate(kept[-1] + ELLIPSIS, font, size, max_width)
    return kept


def fit_block(
    text: str, font: str, size: float, min_size: float, max_width: float, max_lines: int
) -> tuple[list[str], float]:
    """The largest size (down to min_size) at which `text` wraps into max_lines; else cut it."""
    current = size
    while True:
        lines = wrap(text, font, current, max_width)
        if len(lines) <= max_lines:
            return lines, current
        if current <= min_size:
            return wrap_limited(text, font, current, max_width, max_lines), current
        current = max(min_size, current - 0.5)
